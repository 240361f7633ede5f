'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { createFeature } from '@/lib/server/flags/create-feature';
import { ZFeatureCreate } from '@/lib/schemas/flag-discipline';

export async function createFeatureAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZFeatureCreate, async (input, actor) => {
    await createFeature({ actor, at: new Date(), input });
    revalidatePath('/flags/features');
    redirect('/flags/features');
  });
}
