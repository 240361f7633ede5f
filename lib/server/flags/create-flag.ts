// Adds a flag to the inventory (CTRL-012.4) through the flag write core, which records it as an
// applied configuration change with its audit event (CTRL-012.5).
import { db } from '@/lib/server/db';
import { recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { upsertFlagInTx } from '@/lib/server/flags/flag-steps';
import { canCreateFlagFor, type Actor } from '@/lib/policy/permissions';
import type { NewFlag } from '@/lib/schemas/flag';

type CreateFlagInput = {
  /** The person, or null for a service token (its `flags:write` scope was checked by the route). */
  actor: Actor | null;
  tokenId?: string | null;
  at: Date;
  input: NewFlag;
  source: 'portal' | 'api';
  requestId?: string;
};

/** Creates the flag; a key already in the inventory is a CONFLICT (creating never edits). */
export async function createFlag({ actor, tokenId, at, input, source, requestId }: CreateFlagInput): Promise<{ id: string }> {
  if (actor && !canCreateFlagFor(actor, input.teamId)) {
    await recordDeniedAttempt({ action: 'flag.create-denied', entityType: 'flag', actor, at, requestId, changeSet: { key: input.key, teamId: input.teamId } });
    throw new DomainError('FORBIDDEN', 'Only engineers of the flag’s team and managers add flags to it.');
  }
  return db.$transaction(async (tx) => {
    const existing = await tx.featureFlag.findUnique({ where: { key: input.key }, select: { id: true } });
    if (existing) throw new DomainError('CONFLICT', `A flag with the key ${input.key} already exists.`, { key: ['This key is taken: open the existing flag instead.'] });
    const written = await upsertFlagInTx(tx, { actor, tokenId, at, input, source, requestId });
    // The core serialises writers of one key: a create that lost the race finds the winner's row.
    if (written.outcome !== 'created') throw new DomainError('CONFLICT', `A flag with the key ${input.key} was just created by someone else.`, { key: ['This key is taken: open the existing flag instead.'] });
    return { id: written.id };
  });
}
