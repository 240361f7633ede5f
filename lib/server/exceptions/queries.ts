// The exceptions log (POL-012 exception path: "All exceptions logged"): one query for the page, and
// the filter and row shapes later exports reuse.
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { isExceptionOverdue } from '@/lib/policy/exception-log';
import { overrideState, type OverrideState } from '@/lib/policy/override-rules';
import type { ExceptionCursor, ExceptionFilter } from '@/lib/schemas/exception-list-query';

export const EXCEPTION_PAGE_SIZE = 50;

const PERSON = { select: { id: true, name: true, email: true } } as const;

export const EXCEPTION_SELECT = {
  id: true, kind: true, status: true, justification: true, openedAt: true, deadlineAt: true, documentedAt: true,
  changeRequest: { select: { id: true, number: true, title: true } },
  requestedBy: PERSON,
  approvedBy: PERSON,
  override: { select: { id: true, grantedAt: true, expiresAt: true, revokedAt: true, incident: { select: { number: true } } } },
} satisfies Prisma.PolicyExceptionSelect;

type ExceptionRow = Prisma.PolicyExceptionGetPayload<{ select: typeof EXCEPTION_SELECT }>;

export type ExceptionEntry = ExceptionRow & {
  isOverdue: boolean;
  /** For freeze overrides: where the override stands at the time of the query. */
  overrideState: OverrideState | null;
};

/** Which entries a filter keeps, at `at` (overdue depends on the instant). */
export function exceptionWhere(filter: ExceptionFilter, at: Date): Prisma.PolicyExceptionWhereInput {
  const status: Prisma.PolicyExceptionWhereInput =
    filter.status === 'overdue' ? { status: 'open', deadlineAt: { lt: at } }
      : filter.status ? { status: filter.status }
        : {};
  return {
    ...status,
    kind: filter.kind,
    // Exceptions belong to submitted changes or later; a draft's entry (an "other" filed early) stays with its team.
    OR: [{ changeRequestId: null }, { changeRequest: { status: { not: 'draft' } } }],
  };
}

export function toExceptionEntry(row: ExceptionRow, at: Date): ExceptionEntry {
  return { ...row, isOverdue: isExceptionOverdue(row, at), overrideState: row.override ? overrideState(row.override, at) : null };
}

/** One page of the log, newest first (keyset on openedAt, id), with the position of the next page. */
export async function listExceptions({ filter, at, cursor = null, limit = EXCEPTION_PAGE_SIZE }: { filter: ExceptionFilter; at: Date; cursor?: ExceptionCursor | null; limit?: number }) {
  const where = exceptionWhere(filter, at);
  const rows = await db.policyException.findMany({
    where: cursor ? { AND: [where, { OR: [{ openedAt: { lt: cursor.openedAt } }, { openedAt: cursor.openedAt, id: { lt: cursor.id } }] }] } : where,
    orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: EXCEPTION_SELECT,
  });
  const items = rows.slice(0, limit).map((row) => toExceptionEntry(row, at));
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { openedAt: last.openedAt, id: last.id } : null };
}
