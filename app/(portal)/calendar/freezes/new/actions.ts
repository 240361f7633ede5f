'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { createDeclaredFreeze } from '@/lib/server/calendar/create-declared-freeze';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { FREEZE_LIST_FIELDS, zDeclaredFreeze } from '@/lib/schemas/calendar';

export async function createDeclaredFreezeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  // The times were typed in the zone of the policy in force, so they are read in it.
  const { timeZone } = await policySettingsInForce();
  return runFormAction(formData, zDeclaredFreeze(timeZone), async (input, actor) => {
    await createDeclaredFreeze({ ...input, actor, at: new Date() });
    revalidatePath('/calendar', 'layout');
    redirect('/calendar/freezes');
  }, { arrays: FREEZE_LIST_FIELDS });
}
