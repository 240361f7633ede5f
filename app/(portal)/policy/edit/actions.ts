'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { publishPolicySettings } from '@/lib/server/policy-settings/publish-policy-settings';
import { ZPolicySettingsForm } from '@/lib/schemas/policy-settings-form';

export async function publishPolicySettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZPolicySettingsForm, async (input, actor) => {
    const { version } = await publishPolicySettings({ ...input, actor, at: new Date() });
    // Every page that decides or shows by policy reads the version in force.
    revalidatePath('/', 'layout');
    return actionOk(`Version ${version} published.`);
  });
}
