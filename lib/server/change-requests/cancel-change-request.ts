import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { expectVersion, lockChange, requireOwnerOrManager } from '@/lib/server/change-requests/lock-change';
import { transitionTarget } from '@/lib/policy/change-lifecycle';
import type { Actor } from '@/lib/policy/permissions';

type CancelChangeRequestInput = { actor: Actor; at: Date; changeId: string; expectedVersion: number; reason: string; requestId?: string };

/** Withdraws a change that has not been deployed; its owners or a manager may. */
export async function cancelChangeRequest({ actor, at, changeId, expectedVersion, reason, requestId }: CancelChangeRequestInput) {
  return db.$transaction(async (tx) => {
    const change = await lockChange(tx, actor, changeId);
    await requireOwnerOrManager(actor, change, { action: 'change.cancel-denied', verb: 'cancels', at, requestId });
    expectVersion(change, expectedVersion);
    const next = transitionTarget('cancel', change.status);
    if (!next) throw new DomainError('CONFLICT', `A ${change.status} change cannot be cancelled.`);
    await tx.changeRequest.update({ where: { id: change.id }, data: { status: next, closedAt: at, version: { increment: 1 } }, select: { id: true } });
    await appendAudit(tx, { action: 'change.cancelled', entityType: 'change', entityId: change.id, actor, at, requestId, changeSet: { status: { old: change.status, new: next }, reason } });
    return { status: next };
  });
}
