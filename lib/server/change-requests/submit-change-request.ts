import { db } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { expectVersion, isChangeOwner, lockChange } from '@/lib/server/change-requests/lock-change';
import { classifyScope, labelCoversScope } from '@/lib/policy/class-scope';
import { transitionTarget } from '@/lib/policy/change-lifecycle';
import type { Actor } from '@/lib/policy/permissions';

type SubmitChangeRequestInput = { actor: Actor; at: Date; changeId: string; expectedVersion: number; requestId?: string };

/**
 * Sends a draft for approval. A class below what its scope requires is refused with every rule that
 * raised it (CTRL-012.1); an emergency change opens its exception-log entry.
 */
export async function submitChangeRequest({ actor, at, changeId, expectedVersion, requestId }: SubmitChangeRequestInput) {
  return db.$transaction(async (tx) => {
    const change = await lockChange(tx, actor, changeId);
    if (!isChangeOwner(actor, change)) {
      await recordDeniedAttempt({ action: 'change.submit-denied', entityType: 'change', entityId: change.id, actor, at, requestId });
      throw new DomainError('FORBIDDEN', 'Only the author or a co-author submits a change.');
    }
    expectVersion(change, expectedVersion);
    const next = transitionTarget('submit', change.status);
    if (!next) throw new DomainError('CONFLICT', `A ${change.status} change cannot be submitted.`);

    const policy = await policySettingsInForce(tx);
    const scope = classifyScope({ paths: change.changedPaths, title: change.title }, policy.classScopeRules);
    if (!labelCoversScope(change.changeClass, scope.minimumClass)) {
      throw new DomainError('INVALID', `This change's scope needs at least the ${scope.minimumClass} class: ${scope.reasons.map((reason) => reason.message).join(' ')}`, { changeClass: [`At least ${scope.minimumClass}.`] });
    }

    await tx.changeRequest.update({ where: { id: change.id }, data: { status: next, submittedAt: at, version: { increment: 1 } }, select: { id: true } });
    if (change.changeClass === 'emergency') {
      await tx.policyException.create({
        data: { kind: 'emergency_change', changeRequestId: change.id, requestedById: actor.id, justification: `Emergency change CHG-${change.number}: ${change.title}`, openedAt: at },
        select: { id: true },
      });
    }
    await appendAudit(tx, {
      action: 'change.submitted', entityType: 'change', entityId: change.id, actor, at, requestId,
      changeSet: { status: { old: change.status, new: next }, policyVersion: policy.version, scope: { minimumClass: scope.minimumClass, reasons: scope.reasons } },
    });
    return { status: next };
  });
}
