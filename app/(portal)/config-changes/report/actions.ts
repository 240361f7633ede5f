'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { reportConfigChange } from '@/lib/server/config-changes/report-config-change';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { configChangeFromForm, configFormSchema, ZReportedConfigChange } from '@/lib/schemas/config-change';
import { localInputToIso } from '@/lib/time/local-input';

const ZForm = configFormSchema(ZReportedConfigChange);

/** Reports a change made outside its process; the time is typed in the policy zone. */
export async function reportConfigChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { timeZone } = await policySettingsInForce();
  const read = (data: FormData) => {
    const input = configChangeFromForm(data, ['appliedAt', 'madeById']);
    return { ...input, appliedAt: typeof input.appliedAt === 'string' ? localInputToIso(input.appliedAt, timeZone) ?? undefined : undefined, madeById: input.madeById || null };
  };
  return runFormAction(formData, ZForm, async (input, actor) => {
    const { id } = await reportConfigChange({ actor, at: new Date(), input });
    revalidatePath('/config-changes');
    redirect(`/config-changes/${id}`);
  }, { read });
}
