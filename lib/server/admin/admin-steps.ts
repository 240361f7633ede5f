// Steps every administration use-case shares: refuse non-admins (and log it), detect stale edits,
// describe what changed, and turn a taken slug into a field error.
import type { Tx } from '@/lib/server/db';
import { recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError, isUniqueViolation } from '@/lib/server/errors';
import { canAdminister, type Actor } from '@/lib/policy/permissions';

type Attempt = { actor: Actor; at: Date; entityType: string; entityId?: string; verb: string };

/** Logs the refused attempt on its own connection, then throws FORBIDDEN. Call before any transaction. */
export async function requireAdministrator({ actor, at, entityType, entityId, verb }: Attempt): Promise<void> {
  if (canAdminister(actor)) return;
  await recordDeniedAttempt({ action: `${entityType}.${verb}-denied`, entityType, entityId, actor, at });
  throw new DomainError('FORBIDDEN', 'Only administrators can do this.');
}

/** The edit was made on a version that is no longer current. */
export function staleVersion(noun: string): DomainError {
  return new DomainError('STALE_VERSION', `Someone else changed this ${noun}; reload.`);
}

export type ChangeSet = Record<string, { old: unknown; new: unknown }>;

/** `{ field: { old, new } }` for every field of `after` whose value differs from `before`. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): ChangeSet {
  const changes: ChangeSet = {};
  for (const [field, value] of Object.entries(after)) {
    if (value !== undefined && value !== before[field]) changes[field] = { old: before[field], new: value };
  }
  return changes;
}

/** Runs a write whose slug must be unique; a taken slug becomes a CONFLICT on the slug field. */
export async function withUniqueSlug<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('CONFLICT', 'That slug is taken.', { slug: ['That slug is taken.'] });
    throw error;
  }
}

/** A team picked in a form must exist: a field error rather than a foreign-key failure. */
export async function requireTeam(tx: Tx, teamId: string): Promise<void> {
  const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true } });
  if (!team) throw new DomainError('INVALID', 'Check the highlighted fields.', { teamId: ['Unknown team.'] });
}
