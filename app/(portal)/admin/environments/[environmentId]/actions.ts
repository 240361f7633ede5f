'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { updateEnvironment } from '@/lib/server/admin/update-environment';
import { ZEnvironmentEdit } from '@/lib/schemas/admin';

export async function updateEnvironmentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZEnvironmentEdit, async (input, actor) => {
    const { changed } = await updateEnvironment({ ...input, actor, at: new Date() });
    revalidatePath('/admin', 'layout');
    return actionOk(changed ? 'Environment updated.' : 'Nothing to change.');
  });
}
