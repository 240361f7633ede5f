'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { updateUser } from '@/lib/server/admin/update-user';
import { ZUserEdit } from '@/lib/schemas/admin';

export async function updateUserAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZUserEdit, async (input, actor) => {
    const { changed } = await updateUser({ ...input, actor, at: new Date() });
    revalidatePath('/admin', 'layout');
    return actionOk(changed ? 'User updated.' : 'Nothing to change.');
  });
}
