import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { configAuditActor, expectConfigVersion, lockConfigChange, requireConfigManager, requirePlanned, saveConfigChange } from '@/lib/server/config-changes/lock-config-change';
import { configReadiness } from '@/lib/policy/config-change';
import type { Actor } from '@/lib/policy/permissions';

type ApplyConfigChangeInput = {
  /** The person, or null for a service token (a pipeline marking what it applied). */
  actor: Actor | null;
  tokenId?: string | null;
  at: Date;
  configChangeId: string;
  expectedVersion: number;
  requestId?: string;
};

/**
 * Marks a planned record applied at `at`, only once its process checklist is complete (CTRL-012.5);
 * otherwise it is refused with the items still missing and nothing changes. The row lock makes the
 * readiness read and the status write one step: a confirmation cannot slip in between.
 */
export async function applyConfigChange({ actor, tokenId, at, configChangeId, expectedVersion, requestId }: ApplyConfigChangeInput) {
  return db.$transaction(async (tx) => {
    const change = await lockConfigChange(tx, configChangeId);
    await requireConfigManager(actor, change, { action: 'config-change.apply-denied', at, requestId });
    requirePlanned(change, 'applied again');
    expectConfigVersion(change, expectedVersion);
    const missing = configReadiness(change.facts, change.confirmerIds).map((reason) => reason.message);
    if (missing.length > 0) throw new DomainError('INVALID', `Its process is not complete (CTRL-012.5): ${missing.join(' ')}`, { _: missing });

    const version = await saveConfigChange(tx, change, { status: 'applied', appliedAt: at });
    await appendAudit(tx, {
      action: 'config-change.applied', entityType: 'config-change', entityId: change.id, actor: configAuditActor(actor, tokenId), at, requestId,
      changeSet: { status: { old: change.status, new: 'applied' }, appliedAt: at.toISOString(), confirmerIds: change.confirmerIds, version: { old: change.version, new: version } },
    });
    return { version };
  });
}
