'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { updateService } from '@/lib/server/admin/update-service';
import { ZServiceEdit } from '@/lib/schemas/admin';

export async function updateServiceAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZServiceEdit, async (input, actor) => {
    const { changed } = await updateService({ ...input, actor, at: new Date() });
    revalidatePath('/admin', 'layout');
    return actionOk(changed ? 'Service updated.' : 'Nothing to change.');
  });
}
