'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { recordApprovalDecision } from '@/lib/server/change-requests/record-approval-decision';
import { submitChangeRequest } from '@/lib/server/change-requests/submit-change-request';
import { cancelChangeRequest } from '@/lib/server/change-requests/cancel-change-request';
import { completeEmergencyRecord } from '@/lib/server/change-requests/complete-emergency-record';
import { CHANGE_OUTCOMES, ZApprovalComment, ZCancelReason } from '@/lib/schemas/change-api';
import { closeChangeRequest } from '@/lib/server/change-requests/close-change-request';
import { grantOverride } from '@/lib/server/overrides/grant-override';
import { revokeOverride } from '@/lib/server/overrides/revoke-override';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { requestedExpiry, ZGrantOverrideForm, ZRevokeOverrideForm } from '@/lib/schemas/override';
import { formToObject } from '@/lib/schemas/form';
import { localInputToIso } from '@/lib/time/local-input';

const ZChangeRef = z.object({ changeId: z.uuid(), version: z.coerce.number().int().positive() });

const ZApprovalDecision = z.object({
  changeId: z.uuid(),
  contentVersion: z.coerce.number().int().positive(),
  decision: z.enum(['approve', 'reject']),
  comment: ZApprovalComment,
}).refine((input) => input.decision === 'approve' || input.comment.length > 0, { path: ['comment'], message: 'Say why you reject it.' });

const ZCancel = ZChangeRef.extend({ reason: ZCancelReason });
const ZClose = ZChangeRef.extend({ outcome: z.enum(CHANGE_OUTCOMES) });

function changed(changeId: string, message: string): ActionState {
  revalidatePath(`/changes/${changeId}`);
  revalidatePath('/changes');
  return actionOk(message);
}

export async function decideApprovalAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZApprovalDecision, async ({ changeId, ...decision }, actor) => {
    await recordApprovalDecision({ ...decision, changeId, actor, at: new Date() });
    return changed(changeId, 'Decision recorded.');
  });
}

export async function submitChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZChangeRef, async ({ changeId, version }, actor) => {
    await submitChangeRequest({ actor, at: new Date(), changeId, expectedVersion: version });
    return changed(changeId, 'Submitted for approval.');
  });
}

export async function cancelChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZCancel, async ({ changeId, version, reason }, actor) => {
    await cancelChangeRequest({ actor, at: new Date(), changeId, expectedVersion: version, reason });
    return changed(changeId, 'Change cancelled.');
  });
}

export async function completeEmergencyRecordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZChangeRef, async ({ changeId }, actor) => {
    await completeEmergencyRecord({ actor, at: new Date(), changeId });
    return changed(changeId, 'Record marked complete.');
  });
}

export async function closeChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZClose, async ({ changeId, version, outcome }, actor) => {
    await closeChangeRequest({ actor, at: new Date(), changeId, expectedVersion: version, outcome });
    return changed(changeId, 'Change closed.');
  });
}

/** Grants a freeze override; the expiry comes as hours from now or as a local date-time in the policy zone. */
export async function grantOverrideAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { timeZone } = await policySettingsInForce();
  const read = (data: FormData) => {
    const { expiresAtLocal, ...fields } = formToObject(data);
    return { ...fields, expiresAt: typeof expiresAtLocal === 'string' ? localInputToIso(expiresAtLocal, timeZone) ?? undefined : undefined };
  };
  return runFormAction(formData, ZGrantOverrideForm, async ({ changeId, justification, requestedById, supersedes, ...expiry }, actor) => {
    const at = new Date();
    await grantOverride({ actor, at, changeId, justification, requestedById, supersedes, expiresAt: requestedExpiry(expiry, at) });
    revalidatePath('/exceptions');
    return changed(changeId, 'Override granted.');
  }, { read });
}

export async function revokeOverrideAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZRevokeOverrideForm, async (input, actor) => {
    await revokeOverride({ ...input, actor, at: new Date() });
    revalidatePath('/exceptions');
    return changed(input.changeId, 'Override revoked.');
  });
}
