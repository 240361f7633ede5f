// Freeze calendar — POL-012 CTRL-012.2. Pure.
// What the calendar and the portal banner show: the weekly window occurrences within a range, and
// whether production is frozen at an instant, why, and when each class may deploy again. The gate's
// own rules (evaluateFreeze) decide; this module only reads them for people.
import { CHANGE_CLASSES, CHANGE_CLASS_INFO, type ChangeClass, type ChangeStatus } from '@/lib/policy/change-class';
import {
  evaluateFreeze, weeklyOccurrenceContaining, weeklyWindowOccurrence,
  type DeclaredFreezePeriod, type FreezeContext, type IncidentSeverity, type IncidentState,
} from '@/lib/policy/freeze-window';
import { isBlockingDeploys } from '@/lib/policy/incident';
import type { WeeklyWindow } from '@/lib/policy/policy-settings';
import { addCalendarDays, localCalendarDate, nextCalendarDate, startOfLocalDay, weekdayOfDate } from '@/lib/time/local-day';
import { wallTime } from '@/lib/time/zoned';

/** One occurrence of a weekly window, the half-open interval of instants [start, end). */
export type WeeklyOccurrence = { window: WeeklyWindow; start: Date; end: Date };

/**
 * Every occurrence of the windows that overlaps the half-open range [from, to), by start. Occurrences
 * are computed from local dates in the zone, exactly as the gate reads them, so Monday 09:00 is a
 * different UTC hour either side of a DST change.
 */
export function weeklyWindowOccurrences(windows: readonly WeeklyWindow[], from: Date, to: Date, timeZone: string): WeeklyOccurrence[] {
  if (!(from < to)) return [];
  // An occurrence lasts under a week of local time, so one overlapping the range starts between eight
  // local days before `from` (the margin absorbs DST shifts) and the local date of `to`.
  const firstDate = addCalendarDays(wallTime(from, timeZone).date, -8);
  const lastDate = wallTime(to, timeZone).date;
  const found: WeeklyOccurrence[] = [];
  for (let date = firstDate; date <= lastDate; date = nextCalendarDate(date)) {
    const weekday = weekdayOfDate(date);
    for (const window of windows) {
      if (window.startDay !== weekday) continue;
      const span = weeklyWindowOccurrence(window, date, timeZone);
      if (span && span.start < to && from < span.end) found.push({ window, ...span });
    }
  }
  return found.sort((a, b) => a.start.getTime() - b.start.getTime());
}

// ── Production status (the banner) ──────────────────────────────────────────────────────────

/** Classes in the order people read them: by risk, then the emergency path. */
export const BANNER_CLASS_ORDER: readonly ChangeClass[] = ['standard', 'normal', 'major', 'emergency'];

const CALENDAR_HELD_CLASSES = CHANGE_CLASSES.filter((changeClass) => changeClass !== 'emergency');

export type CalendarHoliday = { date: string; name: string };

/** A declared freeze with the names of what it is limited to (empty: all services, all environments). */
export type NamedDeclaredFreeze = DeclaredFreezePeriod & { serviceNames: readonly string[] };

export type ProductionCalendar = {
  /** IANA zone of the policy settings in force: weekly windows and holidays are read in it. */
  timeZone: string;
  weeklyWindows: readonly WeeklyWindow[];
  /** Local dates (`YYYY-MM-DD`) in `timeZone`, each the whole local day. */
  holidays: readonly CalendarHoliday[];
  declaredFreezes: readonly NamedDeclaredFreeze[];
  incidents: readonly IncidentState[];
  /** The production environments and whether the gate is on in each. */
  productionEnvironments: readonly { id: string; isGated: boolean }[];
};

/** Why production is frozen, each reason with the classes it holds. */
export type FreezeReasonDetail = { holds: ChangeClass[] } & (
  | { kind: 'weekly-window'; window: WeeklyWindow; startsAt: Date; endsAt: Date }
  | { kind: 'holiday'; date: string; name: string; startsAt: Date; endsAt: Date }
  | { kind: 'declared-freeze'; id: string; reason: string; startsAt: Date; endsAt: Date; serviceNames: readonly string[] }
  | { kind: 'incident'; id: string; reference: string; severity: IncidentSeverity; startedAt: Date }
);

export type ClassFreezeStatus = {
  changeClass: ChangeClass;
  isHeld: boolean;
  /** When the calendar next lets this class deploy; null when it is not held, an incident holds it, or beyond the lookahead. */
  nextAllowedAt: Date | null;
};

export type ProductionFreezeStatus = {
  at: Date;
  timeZone: string;
  /** Some class is held in production now. */
  isFrozen: boolean;
  /** No production environment has the gate on, so nothing freezes there. */
  isGateOff: boolean;
  reasons: FreezeReasonDetail[];
  /** Every class, in BANNER_CLASS_ORDER. */
  classes: ClassFreezeStatus[];
};

/**
 * Assumption: "production" means the gated production environments. A declared freeze limited to
 * environments counts when it names one of them; one limited to services counts too (the banner names
 * them), because the banner speaks for a change that names no service, which the gate holds.
 */
function freezesOnProduction(calendar: ProductionCalendar): NamedDeclaredFreeze[] {
  const gated = new Set(calendar.productionEnvironments.filter((environment) => environment.isGated).map((environment) => environment.id));
  return calendar.declaredFreezes.filter((freeze) => freeze.environmentIds.length === 0 || freeze.environmentIds.some((id) => gated.has(id)));
}

/**
 * Whether production is frozen at `at`, why, and when each class may deploy again, read with the
 * gate's own rules (evaluateFreeze) for a change of each class that names no service and links no incident.
 * Assumption: the banner speaks for every class at once rather than one: it names the classes held,
 * grouped by when each may next deploy, and those that may deploy. Windows may hold different classes
 * for different spans (major longer), and an active SEV1/SEV2 holds emergency changes too (unless linked
 * as the fix), so a banner speaking for one class would mislead the others.
 */
export function productionFreezeStatus(at: Date, calendar: ProductionCalendar): ProductionFreezeStatus {
  if (Number.isNaN(at.getTime())) throw new RangeError('productionFreezeStatus needs a valid instant.');
  const { timeZone } = calendar;
  const isGateOff = !calendar.productionEnvironments.some((environment) => environment.isGated);
  if (isGateOff) {
    return { at, timeZone, isFrozen: false, isGateOff, reasons: [], classes: BANNER_CLASS_ORDER.map((changeClass) => ({ changeClass, isHeld: false, nextAllowedAt: null })) };
  }

  const declaredFreezes = freezesOnProduction(calendar);
  // The freezes already apply to production: their environment limits are dropped so that one
  // evaluation speaks for every gated production environment.
  const context: FreezeContext = {
    timeZone, weeklyWindows: calendar.weeklyWindows, holidays: calendar.holidays.map((holiday) => holiday.date),
    declaredFreezes: declaredFreezes.map((freeze) => ({ ...freeze, environmentIds: [] })), incidents: calendar.incidents, override: null,
  };
  const classes = BANNER_CLASS_ORDER.map((changeClass) => {
    const verdict = evaluateFreeze({ change: { changeClass, serviceIds: [], incidentLinks: [] }, environment: { id: 'production', isGated: true } }, at, context);
    return { changeClass, isHeld: verdict.blocked, nextAllowedAt: verdict.nextAllowedAt };
  });
  const reasons = reasonDetails(at, calendar, declaredFreezes);
  return { at, timeZone, isFrozen: classes.some((status) => status.isHeld), isGateOff, reasons, classes };
}

function reasonDetails(at: Date, calendar: ProductionCalendar, declaredFreezes: readonly NamedDeclaredFreeze[]): FreezeReasonDetail[] {
  const { timeZone } = calendar;
  const reasons: FreezeReasonDetail[] = [];
  for (const window of calendar.weeklyWindows) {
    const span = weeklyOccurrenceContaining(window, at, timeZone);
    const holds = window.classes.filter((changeClass) => changeClass !== 'emergency');
    if (span && holds.length > 0) reasons.push({ kind: 'weekly-window', window, startsAt: span.start, endsAt: span.end, holds });
  }
  const today = localCalendarDate(at, timeZone);
  for (const holiday of calendar.holidays.filter((candidate) => candidate.date === today)) {
    reasons.push({ kind: 'holiday', ...holiday, startsAt: startOfLocalDay(today, timeZone), endsAt: startOfLocalDay(nextCalendarDate(today), timeZone), holds: [...CALENDAR_HELD_CLASSES] });
  }
  for (const freeze of declaredFreezes.filter((candidate) => candidate.startsAt <= at && at < candidate.endsAt)) {
    reasons.push({ kind: 'declared-freeze', id: freeze.id, reason: freeze.reason, startsAt: freeze.startsAt, endsAt: freeze.endsAt, serviceNames: freeze.serviceNames, holds: [...CALENDAR_HELD_CLASSES] });
  }
  for (const incident of calendar.incidents.filter((candidate) => isBlockingDeploys(candidate, at))) {
    reasons.push({ kind: 'incident', id: incident.id, reference: incident.reference ?? incident.id, severity: incident.severity, startedAt: incident.startedAt, holds: [...CHANGE_CLASSES] });
  }
  return reasons;
}

/** `standard, normal and major`: classes as a sentence names them. */
export function describeClasses(classes: readonly ChangeClass[]): string {
  const names = classes.map((changeClass) => CHANGE_CLASS_INFO[changeClass].label.toLowerCase());
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Held classes grouped by when they may next deploy (the same instant, or none predictable), in BANNER_CLASS_ORDER. */
export function heldClassGroups(status: Pick<ProductionFreezeStatus, 'classes'>): { classes: ChangeClass[]; nextAllowedAt: Date | null }[] {
  const groups = new Map<number | null, ChangeClass[]>();
  for (const { changeClass, isHeld, nextAllowedAt } of status.classes) {
    if (!isHeld) continue;
    const key = nextAllowedAt?.getTime() ?? null;
    groups.set(key, [...(groups.get(key) ?? []), changeClass]);
  }
  return [...groups].map(([time, classes]) => ({ classes, nextAllowedAt: time === null ? null : new Date(time) }));
}

// ── Calendar entries (the calendar page) ────────────────────────────────────────────────────

/**
 * One item on the calendar. Every entry spans the half-open interval of instants [start, end) that
 * places it on local days: a holiday its whole local day, an ongoing incident up to the moment read.
 */
export type CalendarEntry = { key: string; start: Date; end: Date } & (
  | { kind: 'weekly-window'; window: WeeklyWindow }
  | { kind: 'holiday'; id: string; date: string; name: string }
  | { kind: 'declared-freeze'; id: string; reason: string; serviceNames: string[]; environmentNames: string[] }
  | { kind: 'incident'; id: string; reference: string; title: string; severity: IncidentSeverity; isOngoing: boolean; isBlocking: boolean }
  | { kind: 'planned-change'; id: string; reference: string; title: string; changeClass: ChangeClass; status: ChangeStatus }
  | { kind: 'deployment'; id: string; changeId: string; reference: string; environmentName: string; isProduction: boolean; status: string }
);

export type CalendarEntryKind = CalendarEntry['kind'];

/** Freezes first (they decide what may happen), then what happened or is planned. */
export const CALENDAR_ENTRY_ORDER: readonly CalendarEntryKind[] = ['holiday', 'declared-freeze', 'weekly-window', 'incident', 'planned-change', 'deployment'];

/** Entries sorted for reading within a day: by kind, then by start. */
export function sortCalendarEntries<T extends Pick<CalendarEntry, 'kind' | 'start'>>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => CALENDAR_ENTRY_ORDER.indexOf(a.kind) - CALENDAR_ENTRY_ORDER.indexOf(b.kind) || a.start.getTime() - b.start.getTime());
}
