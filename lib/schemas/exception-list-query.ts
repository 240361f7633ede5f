// The exceptions log's search params (`?kind=…&status=…&before=…`), read leniently: an unknown value
// is dropped with a note, so a stale bookmark still shows the log.
import { EXCEPTION_KINDS, type ExceptionKind } from '@/lib/policy/exception-log';

/** `overdue` is the open entries whose deadline has passed. */
export const EXCEPTION_STATUS_FILTERS = ['open', 'overdue', 'documented'] as const;
export type ExceptionStatusFilter = (typeof EXCEPTION_STATUS_FILTERS)[number];

export type ExceptionFilter = { kind?: ExceptionKind; status?: ExceptionStatusFilter };
/** Keyset position: entries opened before this one (newest first, ties by id). */
export type ExceptionCursor = { openedAt: Date; id: string };

export function encodeExceptionCursor(cursor: ExceptionCursor): string {
  return Buffer.from(`${cursor.openedAt.toISOString()}|${cursor.id}`, 'utf8').toString('base64url');
}

function decodeCursor(value: string): ExceptionCursor | null {
  const [iso, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const openedAt = new Date(iso ?? '');
  if (Number.isNaN(openedAt.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { openedAt, id };
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

export function parseExceptionListQuery(params: Record<string, string | string[] | undefined>) {
  const filter: ExceptionFilter = {};
  const problems: string[] = [];
  const kind = single(params.kind);
  if (kind) {
    if ((EXCEPTION_KINDS as readonly string[]).includes(kind)) filter.kind = kind as ExceptionKind;
    else problems.push(`Unknown kind "${kind}" ignored.`);
  }
  const status = single(params.status);
  if (status) {
    if ((EXCEPTION_STATUS_FILTERS as readonly string[]).includes(status)) filter.status = status as ExceptionStatusFilter;
    else problems.push(`Unknown status "${status}" ignored.`);
  }
  const before = single(params.before);
  const cursor = before ? decodeCursor(before) : null;
  if (before && !cursor) problems.push('The page position was not understood; showing the newest entries.');
  return { filter, cursor, problems };
}
