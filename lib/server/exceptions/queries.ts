// The exceptions log (POL-012 exception path: "All exceptions logged"): one query for the page, and
// the filter and row shapes later exports reuse.
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { isExceptionOverdue } from '@/lib/policy/exception-log';
import { overrideState, type OverrideState } from '@/lib/policy/override-rules';
import { nextCalendarDate, startOfLocalDay } from '@/lib/time/local-day';
import type { ExceptionCursor, ExceptionFilter } from '@/lib/schemas/exception-list-query';
import { literalLikeText } from '@/lib/server/like-text';

export const EXCEPTION_PAGE_SIZE = 50;
/** The most entries one export holds; a longer log is exported period by period. */
export const EXCEPTION_EXPORT_LIMIT = 5000;

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

/**
 * Which entries a filter keeps, at `at` (overdue depends on the instant). Dates are local days in
 * `timeZone`, the period half-open [start of `from`, start of the day after `to`).
 */
export function exceptionWhere(filter: ExceptionFilter, at: Date, timeZone: string): Prisma.PolicyExceptionWhereInput {
  const status: Prisma.PolicyExceptionWhereInput =
    filter.status === 'overdue' ? { status: 'open', deadlineAt: { lt: at } }
      : filter.status ? { status: filter.status }
        : {};
  const openedAt = filter.from || filter.to
    ? { gte: filter.from ? startOfLocalDay(filter.from, timeZone) : undefined, lt: filter.to ? startOfLocalDay(nextCalendarDate(filter.to), timeZone) : undefined }
    : undefined;
  const requestedBy = filter.requestedBy
    ? { OR: [{ name: { contains: literalLikeText(filter.requestedBy), mode: 'insensitive' as const } }, { email: { contains: literalLikeText(filter.requestedBy), mode: 'insensitive' as const } }] }
    : undefined;
  return {
    ...status,
    kind: filter.kind,
    openedAt,
    requestedBy,
    ...(filter.changeNumber !== undefined ? { changeRequest: { number: filter.changeNumber } } : {}),
    // Exceptions belong to submitted changes or later; a draft's entry (an "other" filed early) stays with its team.
    OR: [{ changeRequestId: null }, { changeRequest: { status: { not: 'draft' } } }],
  };
}

export function toExceptionEntry(row: ExceptionRow, at: Date): ExceptionEntry {
  return { ...row, isOverdue: isExceptionOverdue(row, at), overrideState: row.override ? overrideState(row.override, at) : null };
}

/** One page of the log, newest first (keyset on openedAt, id), with the position of the next page. */
// Assumption: callers that filter by dates pass the policy zone; UTC only serves callers without date filters.
export async function listExceptions({ filter, at, cursor = null, limit = EXCEPTION_PAGE_SIZE, timeZone = 'UTC' }: { filter: ExceptionFilter; at: Date; cursor?: ExceptionCursor | null; limit?: number; timeZone?: string }) {
  const where = exceptionWhere(filter, at, timeZone);
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

/**
 * Every entry a filter keeps, newest first, for the exports (Markdown and CSV), up to
 * EXCEPTION_EXPORT_LIMIT; `isTruncated` says when the log held more.
 */
export async function exportExceptions({ filter, at, timeZone }: { filter: ExceptionFilter; at: Date; timeZone: string }) {
  const rows = await db.policyException.findMany({
    where: exceptionWhere(filter, at, timeZone),
    orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
    take: EXCEPTION_EXPORT_LIMIT + 1,
    select: EXCEPTION_SELECT,
  });
  return { items: rows.slice(0, EXCEPTION_EXPORT_LIMIT).map((row) => toExceptionEntry(row, at)), isTruncated: rows.length > EXCEPTION_EXPORT_LIMIT };
}
