// Archives a flag (removed from the code, CTRL-012.4) at the version its editor read, recorded as a
// configuration change with its audit event (CTRL-012.5).
import { db } from '@/lib/server/db';
import { recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { archiveFlagInTx, lockFlag } from '@/lib/server/flags/flag-steps';
import { canEditFlag, type Actor } from '@/lib/policy/permissions';

type ArchiveFlagInput = {
  /** The person, or null for a service token (its `flags:write` scope was checked by the route). */
  actor: Actor | null;
  tokenId?: string | null;
  at: Date;
  flagId: string;
  expectedVersion: number;
  reason: string;
  source: 'portal' | 'api';
  requestId?: string;
};

/** Archives the flag; archiving an archived flag is a CONFLICT, so a stale form learns what happened. */
export async function archiveFlag({ actor, tokenId, at, flagId, expectedVersion, reason, source, requestId }: ArchiveFlagInput): Promise<{ version: number }> {
  return db.$transaction(async (tx) => {
    const flag = await lockFlag(tx, flagId);
    if (actor && !canEditFlag(actor, flag)) {
      await recordDeniedAttempt({ action: 'flag.archive-denied', entityType: 'flag', entityId: flag.id, actor, at, requestId, changeSet: { key: flag.key } });
      throw new DomainError('FORBIDDEN', 'Only the flag’s owner, its team and managers archive it.');
    }
    if (flag.status === 'archived') throw new DomainError('CONFLICT', `The flag ${flag.key} is already archived.`);
    const { version } = await archiveFlagInTx(tx, { actor, tokenId, at, flagId, expectedVersion, reason, source, requestId });
    return { version };
  });
}
