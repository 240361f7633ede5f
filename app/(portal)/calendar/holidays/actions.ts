'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { createHoliday } from '@/lib/server/calendar/create-holiday';
import { ZHoliday } from '@/lib/schemas/calendar';

export async function createHolidayAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZHoliday, async (input, actor) => {
    await createHoliday({ ...input, actor, at: new Date() });
    // The month view and the gate's calendar pages read holidays too.
    revalidatePath('/calendar', 'layout');
    return actionOk(`Holiday ${input.name} on ${input.date} added.`);
  });
}
