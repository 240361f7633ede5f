'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { updateChangeRequest } from '@/lib/server/change-requests/update-change-request';
import { ZChangeRequestPatch } from '@/lib/schemas/change-request';
import { changeContentFromForm } from '@/lib/schemas/change-request-form';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';

/** The form's content fields are the patch; the change and the version it was loaded at travel beside them. */
const ZEdit = ZChangeRequestPatch.extend({ changeId: z.uuid(), version: z.coerce.number().int().positive() });

function readEdit(formData: FormData, timeZone: string) {
  return { ...changeContentFromForm(formData, timeZone), changeId: formData.get('changeId'), version: formData.get('version') };
}

export async function updateChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { timeZone } = await policySettingsInForce();
  return runFormAction(formData, ZEdit, async ({ changeId, version, ...patch }, actor) => {
    await updateChangeRequest({ actor, at: new Date(), changeId, expectedVersion: version, patch });
    revalidatePath(`/changes/${changeId}`);
    redirect(`/changes/${changeId}`);
  }, { read: (data) => readEdit(data, timeZone) });
}
