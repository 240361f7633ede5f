'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { updateHoliday } from '@/lib/server/calendar/update-holiday';
import { deleteHoliday } from '@/lib/server/calendar/delete-holiday';
import { ZHolidayDelete, ZHolidayEdit } from '@/lib/schemas/calendar';

export async function updateHolidayAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZHolidayEdit, async (input, actor) => {
    const { changed } = await updateHoliday({ ...input, actor, at: new Date() });
    revalidatePath('/calendar', 'layout');
    return actionOk(changed ? 'Holiday updated.' : 'Nothing to change.');
  });
}

export async function deleteHolidayAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZHolidayDelete, async (input, actor) => {
    await deleteHoliday({ ...input, actor, at: new Date() });
    revalidatePath('/calendar', 'layout');
    redirect('/calendar/holidays');
  });
}
