'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { incidentEditFromForm, ZEditIncidentForm } from '@/lib/schemas/incident';
import { updateIncident } from '@/lib/server/incidents/update-incident';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';

export async function updateIncidentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { timeZone } = await policySettingsInForce();
  return runFormAction(formData, ZEditIncidentForm, async ({ incidentId, version, ...patch }, actor) => {
    await updateIncident({ actor, at: new Date(), incidentId, expectedVersion: version, patch });
    revalidatePath('/incidents');
    revalidatePath(`/incidents/${incidentId}`);
    redirect(`/incidents/${incidentId}`);
  }, { read: (data) => incidentEditFromForm(data, timeZone) });
}
