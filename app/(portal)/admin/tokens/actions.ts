'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { createApiToken } from '@/lib/server/api-tokens/create-api-token';
import { isApiScope } from '@/lib/policy/api-scopes';
import { ZServiceTokenCreate } from '@/lib/schemas/admin';

export async function createServiceTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(
    formData,
    ZServiceTokenCreate,
    async ({ scopes, ...input }, actor) => {
      const created = await createApiToken({ ...input, kind: 'service', scopes: scopes.filter(isApiScope), actor, at: new Date() });
      revalidatePath('/admin/tokens');
      return actionOk(`Service token ${input.name} created.`, { id: created.id, secret: created.secret });
    },
    { arrays: ['scopes'] },
  );
}
