'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { confirmConfigChange } from '@/lib/server/config-changes/confirm-config-change';
import { applyConfigChange } from '@/lib/server/config-changes/apply-config-change';
import { cancelConfigChange } from '@/lib/server/config-changes/cancel-config-change';
import { ZCancelReason } from '@/lib/schemas/change-api';

// The actor never comes from the form: only which record, and the version the person read.
const ZRecordRef = z.object({ configChangeId: z.uuid(), version: z.coerce.number().int().positive() });
const ZCancel = ZRecordRef.extend({ reason: ZCancelReason });

function changed(configChangeId: string, message: string): ActionState {
  revalidatePath(`/config-changes/${configChangeId}`);
  revalidatePath('/config-changes');
  return actionOk(message);
}

export async function confirmConfigChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZRecordRef, async ({ configChangeId, version }, actor) => {
    await confirmConfigChange({ actor, at: new Date(), configChangeId, expectedVersion: version });
    return changed(configChangeId, 'Confirmation recorded.');
  });
}

export async function applyConfigChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZRecordRef, async ({ configChangeId, version }, actor) => {
    await applyConfigChange({ actor, at: new Date(), configChangeId, expectedVersion: version });
    return changed(configChangeId, 'Marked applied.');
  });
}

export async function cancelConfigChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZCancel, async ({ configChangeId, version, reason }, actor) => {
    await cancelConfigChange({ actor, at: new Date(), configChangeId, expectedVersion: version, reason });
    return changed(configChangeId, 'Configuration change cancelled.');
  });
}
