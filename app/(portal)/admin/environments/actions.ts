'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { createEnvironment } from '@/lib/server/admin/create-environment';
import { ZEnvironmentCreate } from '@/lib/schemas/admin';

export async function createEnvironmentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZEnvironmentCreate, async (input, actor) => {
    await createEnvironment({ ...input, actor, at: new Date() });
    revalidatePath('/admin', 'layout');
    return actionOk(`Environment ${input.name} created.`);
  });
}
