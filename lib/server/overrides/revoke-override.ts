import { db } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { lockChange } from '@/lib/server/change-requests/lock-change';
import { overrideAuditState, OVERRIDE_AUDIT_SELECT } from '@/lib/server/overrides/override-audit';
import { overrideState, revokeRefusal } from '@/lib/policy/override-rules';
import type { Actor } from '@/lib/policy/permissions';

export type RevokeOverrideInput = {
  actor: Actor | null;
  at: Date;
  changeId: string;
  overrideId: string;
  reason: string;
  requestId?: string;
};

/**
 * Ends an override at once (its grantor, a manager or an admin), with the reason. The change row lock
 * orders it against grants and other revocations of the same change.
 */
export async function revokeOverride({ actor, at, changeId, overrideId, reason, requestId }: RevokeOverrideInput): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const change = await lockChange(tx, actor, changeId);
    const override = await tx.freezeOverride.findFirst({ where: { id: overrideId, changeRequestId: change.id }, select: OVERRIDE_AUDIT_SELECT });
    if (!override) throw new DomainError('NOT_FOUND', 'No such override on this change.');
    const refusal = revokeRefusal(actor, override);
    if (refusal) {
      await recordDeniedAttempt({ action: 'override.revoke-denied', entityType: 'freeze-override', entityId: override.id, actor: actor ?? null, at, requestId, changeSet: { reason: refusal.code, changeId: change.id } });
      throw new DomainError('FORBIDDEN', refusal.reason.message);
    }
    const revoker = actor!; // revokeRefusal refuses a null actor
    const state = overrideState(override, at);
    if (state === 'revoked') throw new DomainError('CONFLICT', 'This override was already revoked.');
    if (state === 'expired') throw new DomainError('CONFLICT', 'This override has already expired.');

    // Compare-and-set: a revocation that raced this one has already set revokedAt.
    const { count } = await tx.freezeOverride.updateMany({ where: { id: override.id, revokedAt: null }, data: { revokedAt: at, revokedById: revoker.id, revocationReason: reason } });
    if (count !== 1) throw new DomainError('CONFLICT', 'This override was revoked meanwhile.');
    await appendAudit(tx, {
      action: 'override.revoked', entityType: 'freeze-override', entityId: override.id, actor: revoker, at, requestId,
      changeSet: { changeId: change.id, before: overrideAuditState(override), after: overrideAuditState({ ...override, revokedAt: at, revokedById: revoker.id, revocationReason: reason }) },
    });
    return { id: override.id };
  });
}
