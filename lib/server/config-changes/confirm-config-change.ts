import { db } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError, isUniqueViolation } from '@/lib/server/errors';
import { expectConfigVersion, lockConfigChange, requireConfigWriter, requirePlanned } from '@/lib/server/config-changes/lock-config-change';
import { ALREADY_CONFIRMED, configReadiness, confirmationRefusal, needsConfirmation } from '@/lib/policy/config-change';
import type { Actor } from '@/lib/policy/permissions';

type ConfirmConfigChangeInput = {
  actor: Actor;
  at: Date;
  configChangeId: string;
  /** The row version the confirmer saw: an edit since would have them vouch for content they never read. */
  expectedVersion: number;
  requestId?: string;
};

const DENIED = 'config-change.confirm-denied';

/**
 * Records a second person's confirmation (review, peer review, or the two-person rule of a manual
 * secret rotation; CTRL-012.5). Never the requester, never the same person twice: both refusals are
 * FORBIDDEN and recorded as denied attempts.
 * A confirmation does not move the row version: two people who read the same version may both
 * confirm it. Edits do move it, so a confirmation of content edited since is stale.
 */
export async function confirmConfigChange({ actor, at, configChangeId, expectedVersion, requestId }: ConfirmConfigChangeInput) {
  await requireConfigWriter(actor, { action: DENIED, entityId: configChangeId, at, requestId });
  try {
    return await db.$transaction(async (tx) => {
      // The row lock orders racing confirmations and an apply: each reads the confirmations before it.
      const change = await lockConfigChange(tx, configChangeId);
      if (!needsConfirmation(change.facts)) throw new DomainError('INVALID', 'This change does not take a confirmation under its process.');
      const refusal = confirmationRefusal(change.facts, actor.id, change.confirmerIds);
      if (refusal) {
        await recordDeniedAttempt({ action: DENIED, entityType: 'config-change', entityId: change.id, actor, at, requestId, changeSet: { reason: refusal } });
        throw new DomainError('FORBIDDEN', refusal);
      }
      requirePlanned(change, 'confirmed');
      expectConfigVersion(change, expectedVersion);

      // The key (change, confirmer) is the last line of defence should the lock ever be bypassed.
      await tx.configChangeConfirmation.create({ data: { configChangeId: change.id, confirmerId: actor.id, confirmedAt: at }, select: { configChangeId: true } });
      const confirmerIds = [...change.confirmerIds, actor.id];
      const missing = configReadiness(change.facts, confirmerIds).map((reason) => reason.message);
      await appendAudit(tx, {
        action: 'config-change.confirmed', entityType: 'config-change', entityId: change.id, actor, at, requestId,
        changeSet: { version: change.version, confirmerIds: { old: change.confirmerIds, new: confirmerIds }, missing },
      });
      return { confirmerIds, missing };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The transaction rolled back; the refusal is recorded on its own connection, as any other.
    await recordDeniedAttempt({ action: DENIED, entityType: 'config-change', entityId: configChangeId, actor, at, requestId, changeSet: { reason: ALREADY_CONFIRMED } });
    throw new DomainError('FORBIDDEN', ALREADY_CONFIRMED);
  }
}
