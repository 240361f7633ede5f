'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { resolutionFromForm, ZReopenIncidentForm, ZResolveIncidentForm } from '@/lib/schemas/incident';
import { resolveIncident } from '@/lib/server/incidents/resolve-incident';
import { reopenIncident } from '@/lib/server/incidents/reopen-incident';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';

function revalidateIncident(incidentId: string) {
  revalidatePath(`/incidents/${incidentId}`);
  revalidatePath('/incidents');
}

export async function resolveIncidentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { timeZone } = await policySettingsInForce();
  return runFormAction(formData, ZResolveIncidentForm, async ({ incidentId, version, resolvedAt }, actor) => {
    await resolveIncident({ actor, at: new Date(), incidentId, expectedVersion: version, resolvedAt });
    revalidateIncident(incidentId);
    return actionOk('Incident resolved.');
  }, { read: (data) => resolutionFromForm(data, timeZone) });
}

export async function reopenIncidentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZReopenIncidentForm, async ({ incidentId, version }, actor) => {
    await reopenIncident({ actor, at: new Date(), incidentId, expectedVersion: version });
    revalidateIncident(incidentId);
    return actionOk('Incident reopened.');
  });
}
