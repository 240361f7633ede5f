// The exceptions log's search params (`?kind=…&status=…&change=…&from=…&to=…&requestedBy=…&before=…`),
// read leniently: an unknown value is dropped with a note, so a stale bookmark still shows the log.
import { EXCEPTION_KINDS, EXCEPTION_KIND_LABEL, type ExceptionKind } from '@/lib/policy/exception-log';
import { isCalendarDate } from '@/lib/time/local-day';

/** `overdue` is the open entries whose deadline has passed. */
export const EXCEPTION_STATUS_FILTERS = ['open', 'overdue', 'documented'] as const;
export type ExceptionStatusFilter = (typeof EXCEPTION_STATUS_FILTERS)[number];

export const EXCEPTION_STATUS_FILTER_LABEL: Record<ExceptionStatusFilter, string> = { open: 'Open', overdue: 'Overdue (open past deadline)', documented: 'Documented' };

/** The filter names, in URL order (links, exports and the pager keep them). */
export const EXCEPTION_FILTER_NAMES = ['kind', 'status', 'change', 'from', 'to', 'requestedBy'] as const;

export type ExceptionFilter = {
  kind?: ExceptionKind;
  status?: ExceptionStatusFilter;
  /** A change reference as typed (`CHG-12` or `12`); the number is `changeNumber`. */
  change?: string;
  changeNumber?: number;
  /** Opened on or after this local date (`YYYY-MM-DD`, policy zone). */
  from?: string;
  /** Opened on or before this local date (`YYYY-MM-DD`, policy zone), the whole day included. */
  to?: string;
  /** Part of the requester's name or email, case-insensitive. */
  requestedBy?: string;
};
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

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

const CHANGE_REFERENCE = /^(?:CHG-)?(\d{1,9})$/i;
const MAX_PERSON_TEXT = 100;

/** The filter values as the URL carries them (for links and the export links). */
export function exceptionFilterParams(filter: ExceptionFilter): Partial<Record<(typeof EXCEPTION_FILTER_NAMES)[number], string>> {
  const { changeNumber: _number, ...values } = filter;
  return values;
}

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
  const change = single(params.change);
  if (change) {
    const match = CHANGE_REFERENCE.exec(change);
    if (match) Object.assign(filter, { change: `CHG-${Number(match[1])}`, changeNumber: Number(match[1]) });
    else problems.push(`"${change}" is not a change reference (like CHG-12); ignored.`);
  }
  for (const name of ['from', 'to'] as const) {
    const date = single(params[name]);
    if (!date) continue;
    if (isCalendarDate(date)) filter[name] = date;
    else problems.push(`"${date}" is not a date (YYYY-MM-DD); the ${name === 'from' ? 'start' : 'end'} of the period is ignored.`);
  }
  if (filter.from && filter.to && filter.to < filter.from) {
    problems.push('The period ends before it starts; the period is ignored.');
    delete filter.from;
    delete filter.to;
  }
  const requestedBy = single(params.requestedBy);
  if (requestedBy) filter.requestedBy = requestedBy.slice(0, MAX_PERSON_TEXT);
  const before = single(params.before);
  const cursor = before ? decodeCursor(before) : null;
  if (before && !cursor) problems.push('The page position was not understood; showing the newest entries.');
  return { filter, cursor, problems };
}

/** The filters in words (`Kind: Freeze override`), for summaries and export headers. */
export function describeExceptionFilter(filter: ExceptionFilter): string[] {
  return [
    filter.kind && `Kind: ${EXCEPTION_KIND_LABEL[filter.kind]}`,
    filter.status && `Status: ${EXCEPTION_STATUS_FILTER_LABEL[filter.status]}`,
    filter.change && `Change: ${filter.change}`,
    filter.from && `Opened on or after ${filter.from}`,
    filter.to && `Opened on or before ${filter.to}`,
    filter.requestedBy && `Requested by: ${filter.requestedBy}`,
  ].filter((text): text is string => Boolean(text));
}
