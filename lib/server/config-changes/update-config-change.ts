import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import {
  checkConfigReferences, configSnapshot, expectConfigVersion, lockConfigChange, requireConfigManager, requirePlanned, saveConfigChange, snapshotDifference,
} from '@/lib/server/config-changes/lock-config-change';
import type { Actor } from '@/lib/policy/permissions';
import { parseConfigDetails, parseConfigDetailsPatch, type ConfigChangePatch } from '@/lib/schemas/config-change';

type UpdateConfigChangeInput = {
  actor: Actor;
  at: Date;
  configChangeId: string;
  /** The row version the editor saw; a concurrent edit, apply or cancel makes this one stale. */
  expectedVersion: number;
  patch: ConfigChangePatch;
  requestId?: string;
};

/** Fields whose change leaves the title alone: a confirmation vouched for them as they were. */
const TITLE_ONLY = new Set(['title']);

/**
 * Edits a planned record. The details sent merge over the stored ones and the whole is checked again.
 * An edit of what changes (details, environment, service) withdraws the confirmations given so far:
 * the second person confirmed what they saw, not what it became.
 * Assumption: only a planned record is edited; once applied or cancelled it stays as evidence.
 */
export async function updateConfigChange({ actor, at, configChangeId, expectedVersion, patch, requestId }: UpdateConfigChangeInput) {
  return db.$transaction(async (tx) => {
    const change = await lockConfigChange(tx, configChangeId);
    await requireConfigManager(actor, change, { action: 'config-change.edit-denied', at, requestId });
    requirePlanned(change, 'edited');
    expectConfigVersion(change, expectedVersion);

    const detailsPatch = parseConfigDetailsPatch(change.type, patch.details ?? {});
    if ('fieldErrors' in detailsPatch) throw new DomainError('INVALID', 'The details do not fit this type of change.', detailsPatch.fieldErrors);
    const details = parseConfigDetails(change.type, { ...change.facts.details, ...detailsPatch.data });
    if ('fieldErrors' in details) throw new DomainError('INVALID', 'The details do not fit this type of change.', details.fieldErrors);
    await checkConfigReferences(tx, { environmentId: patch.environmentId, serviceId: patch.serviceId });

    const title = patch.title ?? change.title;
    const environmentId = patch.environmentId ?? change.environmentId;
    const serviceId = patch.serviceId === undefined ? change.serviceId : patch.serviceId;
    const difference = snapshotDifference(configSnapshot(change), configSnapshot({ ...change, title, environmentId, serviceId, details: details.data }));
    if (difference.changed.length === 0) return { version: change.version, changed: [] as string[], confirmationsWithdrawn: [] as string[] };

    const isMaterial = difference.changed.some((key) => !TITLE_ONLY.has(key));
    const confirmationsWithdrawn = isMaterial ? change.confirmerIds : [];
    if (confirmationsWithdrawn.length > 0) await tx.configChangeConfirmation.deleteMany({ where: { configChangeId: change.id } });
    const version = await saveConfigChange(tx, change, { title, environmentId, serviceId, details: details.data as Prisma.InputJsonValue });
    await appendAudit(tx, {
      action: 'config-change.edited', entityType: 'config-change', entityId: change.id, actor, at, requestId,
      changeSet: { ...difference, version: { old: change.version, new: version }, confirmationsWithdrawn },
    });
    return { version, changed: difference.changed, confirmationsWithdrawn };
  });
}
