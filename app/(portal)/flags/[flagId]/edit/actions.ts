'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { updateFlag } from '@/lib/server/flags/update-flag';
import { ZEditFlagForm } from '@/lib/schemas/flag';

export async function updateFlagAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZEditFlagForm, async ({ flagId, expectedVersion, ...edit }, actor) => {
    await updateFlag({ actor, at: new Date(), flagId, expectedVersion, edit, source: 'portal' });
    revalidatePath('/flags');
    revalidatePath(`/flags/${flagId}`);
    redirect(`/flags/${flagId}`);
  });
}
