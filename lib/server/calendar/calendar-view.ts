// Reads of the freeze calendar (CTRL-012.2): everything that happens, is planned or freezes within a
// range of local days, for the calendar page and the iCalendar feed. Every signed-in user reads it.
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { fromDbDate, toDbDate } from '@/lib/server/calendar/calendar-steps';
import { incidentReference } from '@/lib/server/change-requests/get-change';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { changeReference } from '@/lib/policy/change-class';
import { BLOCKING_SEVERITIES, type IncidentSeverity } from '@/lib/policy/freeze-window';
import { weeklyWindowOccurrences, type CalendarEntry, type CalendarEntryKind } from '@/lib/policy/freeze-calendar';
import { canViewChange, type Actor } from '@/lib/policy/permissions';
import type { WeeklyWindow } from '@/lib/policy/policy-settings';
import { addCalendarDays, localCalendarDate, startOfLocalDay } from '@/lib/time/local-day';

/**
 * At most this many entries of one kind per read. A month holds far fewer (a few deploys a day), and
 * a bound keeps a busy range from rendering thousands of rows; the page says when one was reached.
 */
export const CALENDAR_KIND_LIMIT = 500;

type Range = { from: Date; to: Date };
type Read<T> = { entries: T[]; isTruncated: boolean };

type EntryOf<K extends CalendarEntryKind> = Extract<CalendarEntry, { kind: K }>;

/** Spans that overlap the half-open range [from, to); a span without an end counts as the moment it starts. */
function overlapping(startField: string, endField: string, { from, to }: Range) {
  return { [startField]: { lt: to }, OR: [{ [endField]: { gt: from } }, { [endField]: null, [startField]: { gte: from } }] };
}

function bounded<T>(rows: T[]): Read<T> {
  return { entries: rows.slice(0, CALENDAR_KIND_LIMIT), isTruncated: rows.length > CALENDAR_KIND_LIMIT };
}

function weeklyWindowEntries(windows: readonly WeeklyWindow[], range: Range, timeZone: string): EntryOf<'weekly-window'>[] {
  return weeklyWindowOccurrences(windows, range.from, range.to, timeZone).map(({ window, start, end }) => ({
    kind: 'weekly-window', key: `weekly-window:${window.startDay}-${window.startTime}-${window.endDay}-${window.endTime}:${start.toISOString()}`, start, end, window,
  }));
}

/** Holidays on local dates firstDate ≤ date < endDate, each spanning its whole local day in the zone. */
async function holidaysBetween(firstDate: string, endDate: string, timeZone: string): Promise<Read<EntryOf<'holiday'> & { version: number }>> {
  const rows = await db.holiday.findMany({
    where: { date: { gte: toDbDate(firstDate), lt: toDbDate(endDate) } },
    orderBy: { date: 'asc' }, take: CALENDAR_KIND_LIMIT + 1, select: { id: true, date: true, name: true, version: true },
  });
  return bounded(rows.map((row) => {
    const date = fromDbDate(row.date);
    return { kind: 'holiday', key: `holiday:${row.id}`, id: row.id, date, name: row.name, version: row.version, start: startOfLocalDay(date, timeZone), end: startOfLocalDay(addCalendarDays(date, 1), timeZone) };
  }));
}

async function declaredFreezesOverlapping(range: Range): Promise<Read<EntryOf<'declared-freeze'> & { version: number }>> {
  const rows = await db.declaredFreeze.findMany({
    where: { startsAt: { lt: range.to }, endsAt: { gt: range.from } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], take: CALENDAR_KIND_LIMIT + 1,
    select: {
      id: true, reason: true, startsAt: true, endsAt: true, version: true,
      services: { select: { service: { select: { name: true } } }, orderBy: { service: { name: 'asc' } } },
      environments: { select: { environment: { select: { name: true } } }, orderBy: { environment: { name: 'asc' } } },
    },
  });
  return bounded(rows.map((row) => ({
    kind: 'declared-freeze', key: `declared-freeze:${row.id}`, id: row.id, reason: row.reason, start: row.startsAt, end: row.endsAt, version: row.version,
    serviceNames: row.services.map((link) => link.service.name), environmentNames: row.environments.map((link) => link.environment.name),
  })));
}

/** Incidents active at some moment of the range; an ongoing one spans up to `at` (its end is unknown). */
async function incidentsOverlapping(range: Range, at: Date, severities?: readonly IncidentSeverity[]): Promise<Read<EntryOf<'incident'>>> {
  const rows = await db.incident.findMany({
    where: {
      startedAt: { lt: range.to }, OR: [{ resolvedAt: null }, { resolvedAt: { gt: range.from } }],
      ...(severities ? { severity: { in: [...severities] } } : {}),
    },
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }], take: CALENDAR_KIND_LIMIT + 1,
    select: { id: true, number: true, title: true, severity: true, startedAt: true, resolvedAt: true },
  });
  return bounded(rows.map((row) => ({
    kind: 'incident', key: `incident:${row.id}`, id: row.id, reference: incidentReference(row.number), title: row.title, severity: row.severity,
    start: row.startedAt, end: new Date(Math.max(row.startedAt.getTime(), (row.resolvedAt ?? at).getTime())),
    // SEV1/SEV2 hold every unrelated deploy while active (CTRL-012.2); the span shows when that was.
    isOngoing: row.resolvedAt === null, isBlocking: BLOCKING_SEVERITIES.includes(row.severity),
  })));
}

/** What the actor may see of other people's changes: drafts only of their own or their team's. */
function visibleChanges(actor: Actor): Prisma.ChangeRequestWhereInput {
  return { OR: [{ status: { not: 'draft' } }, { authorId: actor.id }, ...(actor.teamId ? [{ teamId: actor.teamId }] : [])] };
}

/** Changes whose planned window overlaps the range; cancelled and rejected ones will not happen. */
async function plannedChangesOverlapping(range: Range, actor: Actor): Promise<Read<EntryOf<'planned-change'>>> {
  const rows = await db.changeRequest.findMany({
    where: { AND: [overlapping('plannedStart', 'plannedEnd', range), { plannedStart: { not: null } }, { status: { notIn: ['cancelled', 'rejected'] } }, visibleChanges(actor)] },
    orderBy: [{ plannedStart: 'asc' }, { id: 'asc' }], take: CALENDAR_KIND_LIMIT + 1,
    select: { id: true, number: true, title: true, changeClass: true, status: true, authorId: true, teamId: true, plannedStart: true, plannedEnd: true },
  });
  // The query already limits drafts; the permission rule decides, so the page never shows more than it.
  return bounded(rows.filter((row) => canViewChange(actor, row)).map((row) => {
    const start = row.plannedStart!;
    return {
      kind: 'planned-change', key: `planned-change:${row.id}`, id: row.id, reference: changeReference(row.number), title: row.title,
      changeClass: row.changeClass, status: row.status, start, end: row.plannedEnd && row.plannedEnd > start ? row.plannedEnd : start,
    };
  }));
}

/** Deployments to every environment running during the range; one not finished is the moment it started. */
async function deploymentsOverlapping(range: Range, actor: Actor): Promise<Read<EntryOf<'deployment'>>> {
  const rows = await db.deployment.findMany({
    where: { AND: [overlapping('startedAt', 'finishedAt', range), { changeRequest: visibleChanges(actor) }] },
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }], take: CALENDAR_KIND_LIMIT + 1,
    select: {
      id: true, status: true, startedAt: true, finishedAt: true,
      environment: { select: { name: true, isProduction: true } },
      changeRequest: { select: { id: true, number: true, status: true, authorId: true, teamId: true } },
    },
  });
  return bounded(rows.filter((row) => canViewChange(actor, row.changeRequest)).map((row) => ({
    kind: 'deployment', key: `deployment:${row.id}`, id: row.id, changeId: row.changeRequest.id, reference: changeReference(row.changeRequest.number),
    environmentName: row.environment.name, isProduction: row.environment.isProduction, status: row.status,
    start: row.startedAt, end: row.finishedAt && row.finishedAt > row.startedAt ? row.finishedAt : row.startedAt,
  })));
}

export type CalendarViewInput = {
  /** The first local date shown and the one after the last (`YYYY-MM-DD`, in the policy zone). */
  firstDate: string;
  endDate: string;
  policy: { timeZone: string; weeklyWindows: readonly WeeklyWindow[] };
  actor: Actor;
  /** The request's clock: where ongoing incidents end for now. */
  at: Date;
};

export type CalendarViewData = {
  timeZone: string;
  entries: CalendarEntry[];
  /** Kinds that had more than CALENDAR_KIND_LIMIT entries in the range (the rest are not shown). */
  truncatedKinds: CalendarEntryKind[];
};

/** Everything on the calendar for the local days firstDate ≤ day < endDate, read in parallel. */
export async function loadCalendarView({ firstDate, endDate, policy, actor, at }: CalendarViewInput): Promise<CalendarViewData> {
  const { timeZone } = policy;
  const range = { from: startOfLocalDay(firstDate, timeZone), to: startOfLocalDay(endDate, timeZone) };
  const reads = await Promise.all([
    holidaysBetween(firstDate, endDate, timeZone), declaredFreezesOverlapping(range), incidentsOverlapping(range, at),
    plannedChangesOverlapping(range, actor), deploymentsOverlapping(range, actor),
  ]);
  const weekly = weeklyWindowEntries(policy.weeklyWindows, range, timeZone);
  return {
    timeZone,
    entries: [...weekly, ...reads.flatMap((read): CalendarEntry[] => read.entries)],
    truncatedKinds: reads.filter((read) => read.isTruncated).map((read) => read.entries[0]!.kind),
  };
}

/** How far back and ahead the iCalendar feed reaches, in days from the request. */
// Assumption: a month back keeps the recent past visible (last weekend, last week's incident) and a
// year ahead covers holiday and freeze planning; a bound keeps the feed small for apps that poll it.
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 365;

export type FreezeFeedData = {
  timeZone: string;
  range: Range;
  weeklyWindows: EntryOf<'weekly-window'>[];
  holidays: (EntryOf<'holiday'> & { version: number })[];
  declaredFreezes: (EntryOf<'declared-freeze'> & { version: number })[];
  /** SEV1/SEV2 incidents only: those are the ones that freeze (CTRL-012.2). */
  incidents: EntryOf<'incident'>[];
};

/**
 * What the iCalendar feed publishes around `at`: the freezes and the blocking incidents, never changes
 * or deploys (a feed URL travels further than the portal). One batch of parallel reads: holidays are
 * read by UTC dates two days wider than the range, which covers every zone, and trimmed once the
 * zone is known.
 */
export async function loadFreezeFeed(at: Date): Promise<FreezeFeedData> {
  const DAY_MS = 86_400_000;
  const range = { from: new Date(at.getTime() - FEED_DAYS_BACK * DAY_MS), to: new Date(at.getTime() + FEED_DAYS_AHEAD * DAY_MS) };
  const wideFirst = addCalendarDays(range.from.toISOString().slice(0, 10), -2);
  const wideEnd = addCalendarDays(range.to.toISOString().slice(0, 10), 2);
  const [policy, holidays, declaredFreezes, incidents] = await Promise.all([
    policySettingsInForce(), holidaysBetween(wideFirst, wideEnd, 'UTC'), declaredFreezesOverlapping(range), incidentsOverlapping(range, at, BLOCKING_SEVERITIES),
  ]);
  const { timeZone } = policy;
  const [firstDate, lastDate] = [localCalendarDate(range.from, timeZone), localCalendarDate(range.to, timeZone)];
  return {
    timeZone,
    range,
    weeklyWindows: weeklyWindowEntries(policy.weeklyWindows, range, timeZone),
    holidays: holidays.entries
      .filter((holiday) => firstDate <= holiday.date && holiday.date <= lastDate)
      .map((holiday) => ({ ...holiday, start: startOfLocalDay(holiday.date, timeZone), end: startOfLocalDay(addCalendarDays(holiday.date, 1), timeZone) })),
    declaredFreezes: declaredFreezes.entries,
    incidents: incidents.entries,
  };
}
