import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { expectVersion, lockChange, requireOwnerOrManager } from '@/lib/server/change-requests/lock-change';
import { transitionTarget } from '@/lib/policy/change-lifecycle';
import type { Actor } from '@/lib/policy/permissions';
import type { ChangeOutcome } from '@/lib/schemas/change-api';

type CloseChangeRequestInput = { actor: Actor; at: Date; changeId: string; expectedVersion: number; outcome: ChangeOutcome; requestId?: string };

/** Closes a deployed change with how it ended; its owners or a manager may. */
export async function closeChangeRequest({ actor, at, changeId, expectedVersion, outcome, requestId }: CloseChangeRequestInput) {
  return db.$transaction(async (tx) => {
    const change = await lockChange(tx, actor, changeId);
    await requireOwnerOrManager(actor, change, { action: 'change.close-denied', verb: 'closes', at, requestId });
    expectVersion(change, expectedVersion);
    const next = transitionTarget('close', change.status);
    if (!next) throw new DomainError('CONFLICT', `A ${change.status} change cannot be closed; only a deployed one can.`);
    await tx.changeRequest.update({ where: { id: change.id }, data: { status: next, outcome, closedAt: at, version: { increment: 1 } }, select: { id: true } });
    await appendAudit(tx, { action: 'change.closed', entityType: 'change', entityId: change.id, actor, at, requestId, changeSet: { status: { old: change.status, new: next }, outcome } });
    return { status: next, outcome };
  });
}
