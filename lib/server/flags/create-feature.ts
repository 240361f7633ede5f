import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { requireFeatureManager, requireFeatureTeam, withUniqueFeatureKey } from '@/lib/server/flags/feature-steps';
import type { Actor } from '@/lib/policy/permissions';
import type { FeatureCreate } from '@/lib/schemas/flag-discipline';

type CreateFeatureInput = { actor: Actor; at: Date; input: FeatureCreate; requestId?: string };

/**
 * Records a user-facing feature (CTRL-012.4). It has no kill switch until an active ops flag of the
 * inventory names it, and until then the kill-switch list shows it first.
 */
export async function createFeature({ actor, at, input, requestId }: CreateFeatureInput): Promise<{ id: string }> {
  await requireFeatureManager({ actor, at, verb: 'create', teamId: input.teamId, requestId });
  return withUniqueFeatureKey(() => db.$transaction(async (tx) => {
    await requireFeatureTeam(tx, input.teamId);
    const created = await tx.feature.create({ data: { ...input, createdAt: at }, select: { id: true } });
    await appendAudit(tx, { action: 'feature.created', entityType: 'feature', entityId: created.id, actor, at, requestId, changeSet: { before: null, after: input } });
    return created;
  }));
}
