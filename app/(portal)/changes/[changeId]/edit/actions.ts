'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session-user';
import { actionError, submittedValues, type ActionState } from '@/lib/actions/action-state';
import { DomainError } from '@/lib/server/errors';
import { updateChangeRequest } from '@/lib/server/change-requests/update-change-request';
import { ZChangeRequestPatch } from '@/lib/schemas/change-request';
import { changeContentFromForm } from '@/lib/schemas/change-request-form';

const ZEditRef = z.object({ changeId: z.uuid(), version: z.coerce.number().int().positive() });

export async function updateChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const ref = ZEditRef.safeParse({ changeId: formData.get('changeId'), version: formData.get('version') });
  if (!ref.success) return actionError('Reload the page and try again.');
  const patch = ZChangeRequestPatch.safeParse(changeContentFromForm(formData));
  if (!patch.success) return actionError('Check the highlighted fields.', z.flattenError(patch.error).fieldErrors, submittedValues(formData));
  try {
    await updateChangeRequest({ actor: user, at: new Date(), changeId: ref.data.changeId, expectedVersion: ref.data.version, patch: patch.data });
  } catch (error) {
    if (error instanceof DomainError) return actionError(error.message, error.fieldErrors, submittedValues(formData));
    throw error;
  }
  revalidatePath(`/changes/${ref.data.changeId}`);
  redirect(`/changes/${ref.data.changeId}`);
}
