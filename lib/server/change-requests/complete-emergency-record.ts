import { db } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { isChangeOwner, lockChange } from '@/lib/server/change-requests/lock-change';
import { settleEmergencyException } from '@/lib/server/change-requests/settle-emergency-exception';
import { missingEmergencyRecord } from '@/lib/policy/approval-rules';
import type { Actor } from '@/lib/policy/permissions';

type CompleteEmergencyRecordInput = { actor: Actor; at: Date; changeId: string; requestId?: string };

/**
 * The author declares an emergency change's record complete (the exception path's documentation
 * backfill); refused, with what is missing, until it is.
 */
export async function completeEmergencyRecord({ actor, at, changeId, requestId }: CompleteEmergencyRecordInput) {
  return db.$transaction(async (tx) => {
    const change = await lockChange(tx, actor, changeId);
    if (!isChangeOwner(actor, change)) {
      await recordDeniedAttempt({ action: 'exception.record-denied', entityType: 'change', entityId: change.id, actor, at, requestId });
      throw new DomainError('FORBIDDEN', 'Only the author or a co-author completes the record.');
    }
    const exception = await tx.policyException.findFirst({ where: { changeRequestId: change.id, kind: 'emergency_change' }, select: { id: true, documentedAt: true } });
    if (!exception) throw new DomainError('CONFLICT', 'Only a submitted emergency change has a record to complete.');
    if (exception.documentedAt) throw new DomainError('CONFLICT', 'The record was already completed.');
    const missing = missingEmergencyRecord(change);
    if (missing.length > 0) throw new DomainError('INVALID', `The record is not complete: ${missing.map((reason) => reason.message).join(' ')}`);

    await tx.policyException.update({ where: { id: exception.id }, data: { documentedAt: at, version: { increment: 1 } }, select: { id: true } });
    await appendAudit(tx, { action: 'exception.record-completed', entityType: 'exception', entityId: exception.id, actor, at, requestId, changeSet: { changeId: change.id, documentedAt: at.toISOString() } });
    await settleEmergencyException(tx, change.id, at);
  });
}
