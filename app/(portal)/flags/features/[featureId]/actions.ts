'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { updateFeature } from '@/lib/server/flags/update-feature';
import { ZFeatureEdit } from '@/lib/schemas/flag-discipline';

export async function updateFeatureAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZFeatureEdit, async (input, actor) => {
    const { changed } = await updateFeature({ actor, at: new Date(), input });
    revalidatePath('/flags/features', 'layout');
    return actionOk(changed.length > 0 ? 'Feature saved.' : 'Nothing to change.');
  });
}
