// The audit page's search params (`?action=…&entityType=…&entityId=…&actor=…&from=…&to=…&before=…`),
// read leniently: a value that does not fit is dropped with a note, so a stale bookmark still shows
// the trail. Pure: the policy zone is an argument.
import { isCalendarDate, nextCalendarDate, startOfLocalDay } from '@/lib/time/local-day';

export const AUDIT_FILTER_PARAMS = ['action', 'entityType', 'entityId', 'actor', 'from', 'to'] as const;
export type AuditFilterParam = (typeof AUDIT_FILTER_PARAMS)[number];

const FILTER_TEXT = /^[a-z0-9.-]{1,60}$/;
const ENTITY_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const EMAIL = /^[^\s@]{1,200}@[^\s@]{1,200}$/;
const SEQ = /^\d{1,18}$/;

export type AuditListQuery = {
  /** The accepted values, to refill the form and keep in paging links. */
  values: Partial<Record<AuditFilterParam, string>>;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Lowercased email of the actor. */
  actorEmail?: string;
  /** Half-open period [from, to): the start of local day `from` to the start of the day after `to`, in the policy zone. */
  from?: Date;
  to?: Date;
  beforeSeq?: bigint;
  problems: string[];
};

const single = (value: string | string[] | undefined) => ((Array.isArray(value) ? value[0] : value) ?? '').trim() || undefined;

export function parseAuditListQuery(params: Record<string, string | string[] | undefined>, timeZone: string): AuditListQuery {
  const query: AuditListQuery = { values: {}, problems: [] };
  const take = (name: AuditFilterParam, pattern: RegExp, problem: string, normalise = (value: string) => value): string | undefined => {
    const raw = single(params[name]);
    if (!raw) return undefined;
    const value = normalise(raw);
    if (!pattern.test(value)) {
      query.problems.push(problem);
      return undefined;
    }
    query.values[name] = value;
    return value;
  };
  query.action = take('action', FILTER_TEXT, 'The action filter takes lowercase letters, digits, dots and dashes; ignored.');
  query.entityType = take('entityType', FILTER_TEXT, 'The entity type takes lowercase letters, digits, dots and dashes; ignored.');
  query.entityId = take('entityId', ENTITY_ID, 'The entity id was not understood; ignored.');
  query.actorEmail = take('actor', EMAIL, 'The actor must be an email address; ignored.', (value) => value.toLowerCase());
  const fromDate = take('from', /.*/, '');
  const toDate = take('to', /.*/, '');
  if (fromDate && !isCalendarDate(fromDate)) {
    query.problems.push(`"${fromDate}" is not a date (YYYY-MM-DD); the period start is ignored.`);
    delete query.values.from;
  } else if (fromDate) query.from = startOfLocalDay(fromDate, timeZone);
  if (toDate && !isCalendarDate(toDate)) {
    query.problems.push(`"${toDate}" is not a date (YYYY-MM-DD); the period end is ignored.`);
    delete query.values.to;
  } else if (toDate) query.to = startOfLocalDay(nextCalendarDate(toDate), timeZone);
  if (query.from && query.to && query.to <= query.from) {
    query.problems.push('The period ends before it starts; the period is ignored.');
    query.from = undefined;
    query.to = undefined;
    delete query.values.from;
    delete query.values.to;
  }
  const before = single(params.before);
  if (before && SEQ.test(before)) query.beforeSeq = BigInt(before);
  else if (before) query.problems.push('The page position was not understood; showing the newest events.');
  return query;
}
