// Steps the freeze-calendar use-cases share: refuse (and log) people who only read the calendar,
// serialise holiday writes, and convert holiday dates between the database and policy.
import type { Tx } from '@/lib/server/db';
import { recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { canEditFreezeCalendar, type Actor } from '@/lib/policy/permissions';

type Attempt = { actor: Actor; at: Date; entityType: 'holiday' | 'freeze'; entityId?: string; verb: string };

/** Logs the refused attempt on its own connection, then throws FORBIDDEN. Call before any transaction. */
export async function requireFreezeCalendarEditor({ actor, at, entityType, entityId, verb }: Attempt): Promise<void> {
  if (canEditFreezeCalendar(actor)) return;
  await recordDeniedAttempt({ action: `${entityType}.${verb}-denied`, entityType, entityId, actor, at });
  throw new DomainError('FORBIDDEN', 'Only engineering managers and administrators edit the freeze calendar.');
}

/**
 * Holiday writes run one at a time. Imports read the dates they are about to write and decide from
 * them (add, rename, leave): two imports of one file at once would both see a date as new. The lock
 * blocks other writers of the table until commit, never its readers (the gate keeps reading), and is
 * taken before the audit chain head, as every holiday write does, so the two never deadlock.
 */
export async function lockHolidays(tx: Tx): Promise<void> {
  await tx.$executeRaw`LOCK TABLE holiday IN SHARE ROW EXCLUSIVE MODE`;
}

/** A `YYYY-MM-DD` local date as the `@db.Date` column stores it (midnight UTC of that date). */
export function toDbDate(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** The `YYYY-MM-DD` a `@db.Date` column holds. */
export function fromDbDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export type ChangeSet = Record<string, { old: unknown; new: unknown }>;

/** `{ field: { old, new } }` for each field whose JSON differs (dates as ISO text, id lists sorted). */
export function changedValues(before: Record<string, unknown>, after: Record<string, unknown>): ChangeSet {
  const changes: ChangeSet = {};
  for (const [field, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(before[field])) changes[field] = { old: before[field], new: value };
  }
  return changes;
}

/** The before-image of a deleted row, field by field, as the audit trail keeps it. */
export function deletedValues(before: Record<string, unknown>): ChangeSet {
  return Object.fromEntries(Object.entries(before).map(([field, value]) => [field, { old: value, new: null }]));
}

/** A date holds one holiday: a second one is a field error naming the first (the unique key backs it). */
export async function requireFreeDate(tx: Tx, date: string, exceptId?: string): Promise<void> {
  const taken = await tx.holiday.findUnique({ where: { date: toDbDate(date) }, select: { id: true, name: true, date: true } });
  if (taken && taken.id !== exceptId) {
    const message = `${fromDbDate(taken.date)} is already a holiday (“${taken.name}”).`;
    throw new DomainError('CONFLICT', message, { date: [message] });
  }
}
