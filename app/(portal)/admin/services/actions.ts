'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { createService } from '@/lib/server/admin/create-service';
import { ZServiceCreate } from '@/lib/schemas/admin';

export async function createServiceAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZServiceCreate, async (input, actor) => {
    await createService({ ...input, actor, at: new Date() });
    revalidatePath('/admin', 'layout');
    return actionOk(`Service ${input.name} created.`);
  });
}
