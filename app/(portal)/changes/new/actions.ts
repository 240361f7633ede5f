'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { ZChangeRequestContent } from '@/lib/schemas/change-request';
import { changeContentFromForm } from '@/lib/schemas/change-request-form';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';

export async function createChangeRequestAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { timeZone } = await policySettingsInForce();
  return runFormAction(formData, ZChangeRequestContent, async (content, actor) => {
    const { id } = await createChangeRequest({ actor, at: new Date(), content });
    revalidatePath('/changes');
    redirect(`/changes/${id}`);
  }, { read: (data) => changeContentFromForm(data, timeZone) });
}
