'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session-user';
import { actionError, actionOk, submittedValues, type ActionState } from '@/lib/actions/action-state';
import { DomainError } from '@/lib/server/errors';
import { recordApprovalDecision } from '@/lib/server/change-requests/record-approval-decision';
import { submitChangeRequest } from '@/lib/server/change-requests/submit-change-request';
import { cancelChangeRequest } from '@/lib/server/change-requests/cancel-change-request';
import { completeEmergencyRecord } from '@/lib/server/change-requests/complete-emergency-record';

const ZChangeRef = z.object({ changeId: z.uuid(), version: z.coerce.number().int().positive() });

const ZApprovalDecision = z.object({
  changeId: z.uuid(),
  contentVersion: z.coerce.number().int().positive(),
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(5000, 'At most 5,000 characters.').default(''),
}).refine((input) => input.decision === 'approve' || input.comment.length > 0, { path: ['comment'], message: 'Say why you reject it.' });

const ZCancel = ZChangeRef.extend({ reason: z.string().trim().min(3, 'Say why (3+ characters).').max(2000) });

/** Runs one change use-case and maps its refusal to the form's message. */
async function changeAction(changeId: string, run: () => Promise<unknown>, success: string, formData: FormData): Promise<ActionState> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DomainError) return actionError(error.message, error.fieldErrors, submittedValues(formData));
    throw error;
  }
  revalidatePath(`/changes/${changeId}`);
  revalidatePath('/changes');
  return actionOk(success);
}

export async function decideApprovalAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = ZApprovalDecision.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return actionError('Check the fields.', z.flattenError(parsed.error).fieldErrors, submittedValues(formData));
  const { changeId, ...decision } = parsed.data;
  return changeAction(changeId, () => recordApprovalDecision({ ...decision, changeId, actor: user, at: new Date() }), 'Decision recorded.', formData);
}

export async function submitChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = ZChangeRef.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return actionError('Reload the page and try again.');
  const { changeId, version } = parsed.data;
  return changeAction(changeId, () => submitChangeRequest({ actor: user, at: new Date(), changeId, expectedVersion: version }), 'Submitted for approval.', formData);
}

export async function cancelChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = ZCancel.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return actionError('Check the fields.', z.flattenError(parsed.error).fieldErrors, submittedValues(formData));
  const { changeId, version, reason } = parsed.data;
  return changeAction(changeId, () => cancelChangeRequest({ actor: user, at: new Date(), changeId, expectedVersion: version, reason }), 'Change cancelled.', formData);
}

export async function completeEmergencyRecordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = ZChangeRef.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return actionError('Reload the page and try again.');
  const { changeId } = parsed.data;
  return changeAction(changeId, () => completeEmergencyRecord({ actor: user, at: new Date(), changeId }), 'Record marked complete.', formData);
}
