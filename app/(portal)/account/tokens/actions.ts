'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { createApiToken } from '@/lib/server/api-tokens/create-api-token';
import { revokeApiToken } from '@/lib/server/api-tokens/revoke-api-token';
import { ZPersonalTokenCreate, ZTokenRevoke } from '@/lib/schemas/admin';

export async function createPersonalTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZPersonalTokenCreate, async (input, actor) => {
    const created = await createApiToken({ ...input, kind: 'personal', actor, at: new Date() });
    revalidatePath('/account/tokens');
    return actionOk(`Token ${input.name} created.`, { id: created.id, secret: created.secret });
  });
}

/** Also used by the administrators' token list: the use-case lets owners and admins revoke. */
export async function revokeApiTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZTokenRevoke, async ({ tokenId }, actor) => {
    await revokeApiToken({ tokenId, actor, at: new Date() });
    revalidatePath('/account/tokens');
    revalidatePath('/admin/tokens');
    return actionOk('Token revoked.');
  });
}
