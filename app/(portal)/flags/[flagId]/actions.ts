'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { archiveFlag } from '@/lib/server/flags/archive-flag';
import { ZArchiveFlagForm } from '@/lib/schemas/flag';

export async function archiveFlagAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZArchiveFlagForm, async ({ flagId, expectedVersion, reason }, actor) => {
    await archiveFlag({ actor, at: new Date(), flagId, expectedVersion, reason, source: 'portal' });
    revalidatePath('/flags');
    revalidatePath(`/flags/${flagId}`);
    return actionOk('Flag archived.');
  });
}
