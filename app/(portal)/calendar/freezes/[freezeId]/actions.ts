'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { updateDeclaredFreeze } from '@/lib/server/calendar/update-declared-freeze';
import { deleteDeclaredFreeze } from '@/lib/server/calendar/delete-declared-freeze';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { FREEZE_LIST_FIELDS, ZDeclaredFreezeDelete, zDeclaredFreezeEdit } from '@/lib/schemas/calendar';

export async function updateDeclaredFreezeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { timeZone } = await policySettingsInForce();
  return runFormAction(formData, zDeclaredFreezeEdit(timeZone), async (input, actor) => {
    const { changed } = await updateDeclaredFreeze({ ...input, actor, at: new Date() });
    revalidatePath('/calendar', 'layout');
    return actionOk(changed ? 'Freeze updated.' : 'Nothing to change.');
  }, { arrays: FREEZE_LIST_FIELDS });
}

export async function deleteDeclaredFreezeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZDeclaredFreezeDelete, async (input, actor) => {
    await deleteDeclaredFreeze({ ...input, actor, at: new Date() });
    revalidatePath('/calendar', 'layout');
    redirect('/calendar/freezes');
  });
}
