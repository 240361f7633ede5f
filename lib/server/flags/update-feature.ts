import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { changedFields } from '@/lib/server/admin/admin-steps';
import { requireFeatureManager, requireFeatureTeam, withUniqueFeatureKey } from '@/lib/server/flags/feature-steps';
import type { Actor } from '@/lib/policy/permissions';
import type { FeatureEdit } from '@/lib/schemas/flag-discipline';

type UpdateFeatureInput = { actor: Actor; at: Date; input: FeatureEdit; requestId?: string };

/**
 * Edits a feature at the version the editor saw. Moving it to another team needs the right to manage
 * both: the team it leaves and the team it joins. Its flags stay linked (a key names a feature, not the
 * link).
 */
export async function updateFeature({ actor, at, input, requestId }: UpdateFeatureInput): Promise<{ version: number; changed: string[] }> {
  const { featureId, expectedVersion, ...edit } = input;
  const current = await db.feature.findUnique({ where: { id: featureId }, select: { key: true, name: true, description: true, teamId: true, version: true } });
  if (!current) throw new DomainError('NOT_FOUND', 'No such feature.');
  for (const teamId of new Set([current.teamId, edit.teamId])) await requireFeatureManager({ actor, at, verb: 'update', featureId, teamId, requestId });

  return withUniqueFeatureKey(() => db.$transaction(async (tx) => {
    const feature = await tx.feature.findUnique({ where: { id: featureId }, select: { key: true, name: true, description: true, teamId: true, version: true } });
    if (!feature) throw new DomainError('NOT_FOUND', 'No such feature.');
    const { version, ...before } = feature;
    // The remit was checked against the team read before the transaction; a move meanwhile makes this stale.
    if (version !== expectedVersion || before.teamId !== current.teamId) throw new DomainError('STALE_VERSION', 'Someone else changed this feature; reload.');
    const changeSet = changedFields(before, edit);
    if (Object.keys(changeSet).length === 0) return { version: feature.version, changed: [] };
    if (changeSet.teamId) await requireFeatureTeam(tx, edit.teamId);
    const { count } = await tx.feature.updateMany({ where: { id: featureId, version: expectedVersion }, data: { ...edit, version: { increment: 1 } } });
    if (count !== 1) throw new DomainError('STALE_VERSION', 'Someone else changed this feature; reload.');
    await appendAudit(tx, { action: 'feature.updated', entityType: 'feature', entityId: featureId, actor, at, requestId, changeSet: { ...changeSet, version: { old: expectedVersion, new: expectedVersion + 1 } } });
    return { version: expectedVersion + 1, changed: Object.keys(changeSet) };
  }));
}
