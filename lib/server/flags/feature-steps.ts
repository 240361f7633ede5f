// Steps both feature use-cases share (CTRL-012.4 "Emergency kill switch"): refuse (and record) what the
// actor may not do, check the team, and turn a taken key into a field error.
import type { Tx } from '@/lib/server/db';
import { recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError, isUniqueViolation } from '@/lib/server/errors';
import { canManageFeature } from '@/lib/policy/flag-discipline';
import type { Actor } from '@/lib/policy/permissions';

type Attempt = { actor: Actor; at: Date; verb: 'create' | 'update'; featureId?: string; teamId: string; requestId?: string };

/** Refuses a feature write outside the actor's remit, recording the attempt on its own connection. */
export async function requireFeatureManager({ actor, at, verb, featureId, teamId, requestId }: Attempt): Promise<void> {
  if (canManageFeature(actor, { teamId })) return;
  await recordDeniedAttempt({ action: `feature.${verb}-denied`, entityType: 'feature', entityId: featureId, actor, at, requestId, changeSet: { teamId } });
  throw new DomainError('FORBIDDEN', "Only the feature's team, managers and admins record or edit it.");
}

export async function requireFeatureTeam(tx: Tx, teamId: string): Promise<void> {
  const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true } });
  if (!team) throw new DomainError('INVALID', 'Check the highlighted fields.', { teamId: ['Unknown team.'] });
}

/** Runs a write whose feature key must be unique; a taken key becomes a CONFLICT on the key field. */
export async function withUniqueFeatureKey<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('CONFLICT', 'That key is taken.', { key: ['Another feature has that key.'] });
    throw error;
  }
}
