'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session-user';
import { actionError, submittedValues, type ActionState } from '@/lib/actions/action-state';
import { DomainError } from '@/lib/server/errors';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { ZChangeRequestContent } from '@/lib/schemas/change-request';
import { changeContentFromForm } from '@/lib/schemas/change-request-form';

export async function createChangeRequestAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = ZChangeRequestContent.safeParse(changeContentFromForm(formData));
  if (!parsed.success) return actionError('Check the highlighted fields.', z.flattenError(parsed.error).fieldErrors, submittedValues(formData));
  let created: { id: string };
  try {
    created = await createChangeRequest({ actor: user, at: new Date(), content: parsed.data });
  } catch (error) {
    if (error instanceof DomainError) return actionError(error.message, error.fieldErrors, submittedValues(formData));
    throw error;
  }
  revalidatePath('/changes');
  redirect(`/changes/${created.id}`);
}
