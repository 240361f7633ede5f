// The change list's URL query: filters, text search and the page, read without ever failing. A bad
// value (a hand-edited or stale link) is dropped and named in `problems` for the page to show.
import { z } from 'zod';
import { CHANGE_CLASSES, CHANGE_STATUSES, type ChangeClass, type ChangeStatus } from '@/lib/policy/change-class';
import { isCalendarDate, nextCalendarDate, startOfLocalDay } from '@/lib/time/local-day';

/** One search word: it matches a title or description, or names the change (`CHG-123`). */
export type SearchTerm = { text: string; changeNumber: number | null };

export type ChangeListFilter = {
  status?: ChangeStatus;
  changeClass?: ChangeClass;
  teamId?: string;
  serviceId?: string;
  authorId?: string;
  /** Inclusive start of the creation period (an instant). */
  createdFrom?: Date;
  /** Exclusive end of the creation period (an instant): the period is [createdFrom, createdBefore). */
  createdBefore?: Date;
  /** Every term must match. */
  terms?: SearchTerm[];
};

/** A position in the list, newest first: the change's creation instant, its number breaking ties. */
export type ChangeCursor = { createdAt: Date; number: number };

/** `before`: the next older page after the cursor; `after`: the next newer page before it. */
export type ChangeListPage = { before?: ChangeCursor; after?: ChangeCursor };

export const FILTER_PARAMS = ['status', 'class', 'team', 'service', 'author', 'from', 'to', 'q'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

export type ChangeListQuery = {
  filter: ChangeListFilter;
  page: ChangeListPage;
  /** The accepted filter values as the URL and the form carry them; rejected ones are left out. */
  values: Partial<Record<FilterParam, string>>;
  problems: string[];
};

export const MIN_TERM_LENGTH = 3;
const MAX_TERMS = 8;
const MAX_QUERY_LENGTH = 200;
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/g;
const CHANGE_REFERENCE = /^CHG-(\d{1,9})$/i;
const CURSOR = /^(\d{1,15})_(\d{1,9})$/;
// A period ends at the start of the day after `to`, which must still be a four-digit year.
const LAST_DATE = '9998-12-31';

/** `1764000000000_42`: creation time in epoch milliseconds and number. */
export function encodeCursor(cursor: ChangeCursor): string {
  return `${cursor.createdAt.getTime()}_${cursor.number}`;
}

export function decodeCursor(value: string): ChangeCursor | undefined {
  const match = CURSOR.exec(value);
  if (!match) return undefined;
  return { createdAt: new Date(Number(match[1])), number: Number(match[2]) };
}

/**
 * Splits a search into terms. Words shorter than MIN_TERM_LENGTH are left out: trigram indexes
 * cannot serve them, so on 100k changes they would scan the table.
 */
export function parseSearch(text: string): { terms: SearchTerm[]; ignored: string[] } {
  const words = [...new Set(text.trim().split(/\s+/).filter(Boolean).map((word) => word.toLowerCase()))];
  const ignored = words.filter((word) => word.length < MIN_TERM_LENGTH);
  const terms = words
    .filter((word) => word.length >= MIN_TERM_LENGTH)
    .slice(0, MAX_TERMS)
    .map((word) => {
      const reference = CHANGE_REFERENCE.exec(word);
      return { text: word, changeNumber: reference ? Number(reference[1]) : null };
    });
  return { terms, ignored };
}

type Params = Record<string, string | string[] | undefined>;

/** The first value of a parameter; blank counts as absent (a GET form sends "Any" as blank). */
function single(params: Params, name: string): string | undefined {
  const raw = params[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

const quoted = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

const ZUuid = z.uuid();

/** Reads the query; `timeZone` (the policy zone) says which local days `from` and `to` mean. */
export function parseChangeListQuery(params: Params, timeZone: string): ChangeListQuery {
  const filter: ChangeListFilter = {};
  const values: ChangeListQuery['values'] = {};
  const problems: string[] = [];

  const choice = <T extends string>(name: FilterParam, label: string, allowed: readonly T[]): T | undefined => {
    const value = single(params, name);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) {
      values[name] = value;
      return value as T;
    }
    problems.push(`Ignored the ${label} filter: ${quoted(value)} is not one of the choices.`);
    return undefined;
  };
  filter.status = choice('status', 'status', CHANGE_STATUSES);
  filter.changeClass = choice('class', 'class', CHANGE_CLASSES);

  const id = (name: FilterParam, label: string): string | undefined => {
    const value = single(params, name);
    if (value === undefined) return undefined;
    if (ZUuid.safeParse(value).success) return (values[name] = value.toLowerCase());
    problems.push(`Ignored the ${label} filter: ${quoted(value)} is not one of the choices.`);
    return undefined;
  };
  filter.teamId = id('team', 'team');
  filter.serviceId = id('service', 'service');
  filter.authorId = id('author', 'author');

  const date = (name: 'from' | 'to', label: string): string | undefined => {
    const value = single(params, name);
    if (value === undefined) return undefined;
    if (isCalendarDate(value) && value <= LAST_DATE) return value;
    problems.push(`Ignored "${label}": ${quoted(value)} is not a date like 2026-03-06.`);
    return undefined;
  };
  const from = date('from', 'Filed from');
  const to = date('to', 'Filed to');
  if (from && to && to < from) {
    problems.push('Ignored the period: it ends before it starts.');
  } else {
    // Assumption: a period names whole local days in the policy zone, both ends included.
    if (from) [values.from, filter.createdFrom] = [from, startOfLocalDay(from, timeZone)];
    if (to) [values.to, filter.createdBefore] = [to, startOfLocalDay(nextCalendarDate(to), timeZone)];
  }

  const q = single(params, 'q');
  if (q !== undefined) {
    // PostgreSQL refuses NUL in text, and no title holds a control character anyway.
    const text = q.slice(0, MAX_QUERY_LENGTH).replace(CONTROL_CHARACTERS, ' ');
    if (q.length > MAX_QUERY_LENGTH) problems.push(`The search was cut to its first ${MAX_QUERY_LENGTH} characters.`);
    const { terms, ignored } = parseSearch(text);
    values.q = text;
    if (ignored.length) problems.push(`Search words need at least ${MIN_TERM_LENGTH} characters; ignored ${ignored.map(quoted).join(', ')}.`);
    if (terms.length) filter.terms = terms;
  }

  const page: ChangeListPage = {};
  for (const direction of ['before', 'after'] as const) {
    const value = single(params, direction);
    if (value === undefined || page.before || page.after) continue;
    const cursor = decodeCursor(value);
    if (cursor) page[direction] = cursor;
    else problems.push('That page link was not understood; showing the newest changes.');
  }
  return { filter, page, values, problems };
}
