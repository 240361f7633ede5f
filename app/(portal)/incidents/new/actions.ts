'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { incidentFromForm, ZDeclareIncidentForm } from '@/lib/schemas/incident';
import { declareIncident } from '@/lib/server/incidents/declare-incident';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';

export async function declareIncidentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { timeZone } = await policySettingsInForce();
  return runFormAction(formData, ZDeclareIncidentForm, async (incident, actor) => {
    const { id } = await declareIncident({ actor, at: new Date(), incident });
    revalidatePath('/incidents');
    redirect(`/incidents/${id}`);
  }, { read: (data) => incidentFromForm(data, timeZone) });
}
