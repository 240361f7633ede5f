// Edits a flag of the inventory (CTRL-012.4) at the version its editor read, through the flag write
// core (rollout history, configuration change, audit event; CTRL-012.5).
import { db } from '@/lib/server/db';
import { recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { lockFlag, upsertFlagInTx } from '@/lib/server/flags/flag-steps';
import { canEditFlag, type Actor } from '@/lib/policy/permissions';
import type { FlagInput } from '@/lib/schemas/flag';

export type FlagEdit = Partial<Omit<FlagInput, 'key' | 'createdAt'>>;

type UpdateFlagInput = {
  /** The person, or null for a service token (its `flags:write` scope was checked by the route). */
  actor: Actor | null;
  tokenId?: string | null;
  at: Date;
  flagId: string;
  expectedVersion: number;
  /** The fields to change; the key never changes and the expiry is the monthly audit's alone. */
  edit: FlagEdit;
  source: 'portal' | 'api';
  requestId?: string;
};

/**
 * Applies the edit when the flag is still at `expectedVersion`. The editor must be allowed to edit the
 * flag as it is and, when the team or owner changes, as it will be (nobody hands a flag to a team
 * they could not edit for). Nothing differing writes nothing.
 */
export async function updateFlag({ actor, tokenId, at, flagId, expectedVersion, edit, source, requestId }: UpdateFlagInput): Promise<{ outcome: 'updated' | 'unchanged'; version: number }> {
  return db.$transaction(async (tx) => {
    const flag = await lockFlag(tx, flagId);
    const next = {
      key: flag.key, teamId: edit.teamId ?? flag.teamId, type: edit.type ?? flag.type, ownerId: edit.ownerId ?? flag.ownerId,
      purpose: edit.purpose ?? flag.purpose, featureId: edit.featureId === undefined ? flag.featureId : edit.featureId,
      rolloutPercent: edit.rolloutPercent ?? flag.rolloutPercent,
    };
    if (actor && !(canEditFlag(actor, flag) && canEditFlag(actor, next))) {
      await recordDeniedAttempt({ action: 'flag.update-denied', entityType: 'flag', entityId: flag.id, actor, at, requestId, changeSet: { key: flag.key } });
      throw new DomainError('FORBIDDEN', 'Only the flag’s owner, its team and managers edit it.');
    }
    if (flag.status === 'archived') throw new DomainError('CONFLICT', `The flag ${flag.key} is archived; archived flags are not edited.`);
    if (flag.version !== expectedVersion) throw new DomainError('STALE_VERSION', 'This flag was edited meanwhile. Reload it and try again.');
    const { outcome } = await upsertFlagInTx(tx, { actor, tokenId, at, input: next, source, requestId });
    if (outcome === 'created') throw new DomainError('CONFLICT', 'The flag changed meanwhile. Reload it and try again.');
    return { outcome, version: outcome === 'updated' ? flag.version + 1 : flag.version };
  });
}
