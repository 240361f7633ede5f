// Freeze windows — POL-012 CTRL-012.2. Pure.
// Whether a change may deploy to an environment at an instant, as far as the freeze calendar
// (weekly windows, holidays, declared freezes), active incidents and overrides decide; approvals
// are CTRL-012.1's and are not looked at here.
import type { ChangeClass } from '@/lib/policy/change-class';
import type { PolicyReason } from '@/lib/policy/decision';
import { describeWeeklyWindow, type WeeklyWindow } from '@/lib/policy/policy-settings';
import { addCalendarDays, localCalendarDate, nextCalendarDate, startOfLocalDay, weekdayOfDate } from '@/lib/time/local-day';
import { firstInstantAtWallTime, wallTime } from '@/lib/time/zoned';

const DAY_MS = 86_400_000;
const WEEK_MINUTES = 7 * 1440;

/** How far ahead nextAllowedAt looks before it gives up (answers null). */
// Assumption: a calendar closed for over a year is a misconfiguration to show, not a time to predict.
export const FREEZE_LOOKAHEAD_DAYS = 366;

export type IncidentSeverity = 'sev1' | 'sev2' | 'sev3' | 'sev4';

/** Severities whose active incidents block unrelated deploys. */
export const BLOCKING_SEVERITIES: readonly IncidentSeverity[] = ['sev1', 'sev2'];

export type FreezeInput = {
  change: {
    changeClass: ChangeClass;
    serviceIds: readonly string[];
    /** Only `fixes` links let a change through its incident's block. */
    incidentLinks: readonly { incidentId: string; link: 'fixes' | 'caused' }[];
  };
  environment: { id: string; isGated: boolean };
  /** The pipeline asked explicitly to use the change's override (`"useOverride": true`). */
  useOverride?: boolean;
};

/** A declared freeze period, half-open [startsAt, endsAt). Empty scope lists mean "all". */
export type DeclaredFreezePeriod = {
  id: string;
  reason: string;
  startsAt: Date;
  endsAt: Date;
  serviceIds: readonly string[];
  environmentIds: readonly string[];
};

export type IncidentState = {
  id: string;
  /** Shown in reasons, e.g. `INC-12`; the id when absent. */
  reference?: string;
  severity: IncidentSeverity;
  /** Active over the half-open interval [startedAt, resolvedAt); ongoing while resolvedAt is null. */
  startedAt: Date;
  resolvedAt: Date | null;
};

/** The change's override, in force over the half-open interval [grantedAt, min(expiresAt, revokedAt)). */
export type OverrideGrant = {
  grantedAt: Date;
  expiresAt: Date;
  revokedAt?: Date | null;
  /** Set when the commander of this incident granted it: then it also lifts that incident's block. */
  commanderOfIncidentId: string | null;
};

export type FreezeContext = {
  /** IANA zone in which weekly windows and holidays are read (the policy settings' zone). */
  timeZone: string;
  weeklyWindows: readonly WeeklyWindow[];
  /** Local calendar dates (`YYYY-MM-DD`) in `timeZone`; each is the whole local day. */
  holidays: readonly string[];
  declaredFreezes: readonly DeclaredFreezePeriod[];
  incidents: readonly IncidentState[];
  override: OverrideGrant | null;
};

export type FreezeVerdict = {
  blocked: boolean;
  /** Every reason that blocks, each naming CTRL-012.2. */
  reasons: PolicyReason[];
  /** Reasons that applied but the override lifted, kept as deploy evidence. */
  liftedByOverride: PolicyReason[];
  /**
   * The earliest instant ≥ `at` at which no weekly window, holiday or declared freeze holds the
   * change. Null when nothing blocks, when an incident blocks (its end cannot be predicted), or when
   * the calendar stays closed beyond FREEZE_LOOKAHEAD_DAYS.
   */
  nextAllowedAt: Date | null;
};

export const FREEZE_CODES = ['WEEKLY_WINDOW', 'HOLIDAY', 'DECLARED_FREEZE', 'INCIDENT_ACTIVE', 'OVERRIDE_NOT_IN_FORCE'] as const;

/** A calendar freeze holding the change at some instant, and when that freeze lets go. */
type CalendarBlock = { reason: PolicyReason; until: Date };

const reason = (code: (typeof FREEZE_CODES)[number], message: string): PolicyReason => ({ control: 'CTRL-012.2', code, message });

export function evaluateFreeze(input: FreezeInput, at: Date, context: FreezeContext): FreezeVerdict {
  if (Number.isNaN(at.getTime())) throw new RangeError('evaluateFreeze needs a valid instant.');
  // Assumption: the gate is off in ungated environments, so nothing freezes there, incidents included.
  if (!input.environment.isGated) return { blocked: false, reasons: [], liftedByOverride: [], nextAllowedAt: null };

  const override = input.useOverride ? overrideInForce(context.override, at) : null;
  const calendar = calendarBlocks(input, at, context).map((block) => block.reason);
  const incidents = incidentBlocks(input, at, context.incidents);
  const liftedIncidents = incidents.filter((block) => override !== null && block.incidentId === override.commanderOfIncidentId);

  const reasons = [...(override ? [] : calendar), ...incidents.filter((block) => !liftedIncidents.includes(block)).map((block) => block.reason)];
  const liftedByOverride = override ? [...calendar, ...liftedIncidents.map((block) => block.reason)] : [];
  if (input.useOverride && !override && reasons.length > 0) {
    reasons.push(reason('OVERRIDE_NOT_IN_FORCE', 'The pipeline asked for an override, but none is in force for this change now.'));
  }

  const blocked = reasons.length > 0;
  const isCalendarOnly = blocked && !override && incidents.length === 0;
  return { blocked, reasons, liftedByOverride, nextAllowedAt: isCalendarOnly ? nextCalendarOpening(input, at, context) : null };
}

/** Whether the override is in force at `at`: granted, not yet expired, not revoked. */
// Assumption: an override is in force over [grantedAt, expiresAt), like every interval here, and a revocation ends it at once.
function overrideInForce(override: OverrideGrant | null, at: Date): OverrideGrant | null {
  if (!override) return null;
  const time = at.getTime();
  const endsAt = Math.min(override.expiresAt.getTime(), override.revokedAt?.getTime() ?? Infinity);
  return override.grantedAt.getTime() <= time && time < endsAt ? override : null;
}

/** Every calendar freeze holding the change at `at` (weekly windows, holidays, declared freezes). */
function calendarBlocks(input: FreezeInput, at: Date, context: FreezeContext): CalendarBlock[] {
  // Assumption: emergency changes are never held by the calendar, even by a weekly window that
  // lists them: the policy exempts them from holidays and declared freezes, and they restore service.
  if (input.change.changeClass === 'emergency') return [];
  return [...weeklyWindowBlocks(input.change.changeClass, at, context), ...holidayBlocks(at, context), ...declaredFreezeBlocks(input, at, context.declaredFreezes)];
}

// ── Weekly windows ──────────────────────────────────────────────────────────────────────────

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** One occurrence of a weekly window: the half-open interval of instants [start, end). */
export type WeeklyOccurrenceSpan = { start: Date; end: Date };

/**
 * The window's occurrence that starts on local date `startDate`, as the half-open interval of
 * instants [start, end). Each boundary is the first instant the local clock reads that day and time,
 * so Monday 09:00 is a different UTC hour either side of a DST change.
 * Assumption: a boundary at a local time the clock skips (DST gap) takes effect at the jump, and one
 * the clock shows twice (overlap) at its first showing, so each boundary is crossed exactly once.
 */
export function weeklyWindowOccurrence(window: WeeklyWindow, startDate: string, timeZone: string): WeeklyOccurrenceSpan | null {
  const startMinute = minutesOf(window.startTime);
  const startOfWeek = window.startDay * 1440 + startMinute;
  // The window wraps the weekend when it ends earlier in the week than it starts (Fri 15:00 → Mon 09:00).
  const length = (window.endDay * 1440 + minutesOf(window.endTime) - startOfWeek + WEEK_MINUTES) % WEEK_MINUTES;
  // Assumption: a window that ends when it starts is empty, not a whole week (a week-long freeze is a declared freeze).
  if (length === 0) return null;
  const endDate = addCalendarDays(startDate, Math.floor((startMinute + length) / 1440));
  const start = firstInstantAtWallTime(startDate, startMinute, timeZone);
  const end = firstInstantAtWallTime(endDate, (startMinute + length) % 1440, timeZone);
  return start < end ? { start, end } : null;
}

/** The occurrence of the window that contains `at`, if any. */
export function weeklyOccurrenceContaining(window: WeeklyWindow, at: Date, timeZone: string): WeeklyOccurrenceSpan | null {
  // An occurrence lasts under a week of local time, so one containing `at` starts on one of the
  // local dates from eight days before to one day after `at`'s (the margins absorb DST shifts).
  const today = wallTime(at, timeZone).date;
  for (let offset = -8; offset <= 1; offset += 1) {
    const date = addCalendarDays(today, offset);
    if (weekdayOfDate(date) !== window.startDay) continue;
    const found = weeklyWindowOccurrence(window, date, timeZone);
    if (found && found.start <= at && at < found.end) return found;
  }
  return null;
}

function weeklyWindowBlocks(changeClass: ChangeClass, at: Date, context: FreezeContext): CalendarBlock[] {
  // Assumption: the policy names standard and normal changes; each window lists the classes it holds,
  // and the default settings hold major changes too, as they carry more risk than normal ones.
  return context.weeklyWindows
    .filter((window) => window.classes.includes(changeClass))
    .flatMap((window) => {
      const found = weeklyOccurrenceContaining(window, at, context.timeZone);
      if (!found) return [];
      const message = `Weekly freeze ${describeWeeklyWindow(window)} (${context.timeZone}) holds ${changeClass} changes.`;
      return [{ reason: reason('WEEKLY_WINDOW', message), until: found.end }];
    });
}

// ── Holidays and declared freezes ───────────────────────────────────────────────────────────

function holidayBlocks(at: Date, context: FreezeContext): CalendarBlock[] {
  // Assumption: a holiday is the whole local day in the policy's zone, not the UTC day, from the
  // first instant of that date to the first instant of the next (startOfLocalDay handles DST days).
  const today = localCalendarDate(at, context.timeZone);
  if (!context.holidays.includes(today)) return [];
  const message = `${today} is a company holiday (${context.timeZone}): only emergency changes deploy.`;
  return [{ reason: reason('HOLIDAY', message), until: startOfLocalDay(nextCalendarDate(today), context.timeZone) }];
}

/**
 * Assumption: a freeze limited to services holds a change that touches any of them, and a change
 * that names no service at all (it could touch any); limited to environments, it holds deploys to
 * those. With both limits, both must match.
 */
function isInScope(freeze: DeclaredFreezePeriod, input: FreezeInput): boolean {
  const { serviceIds } = input.change;
  const isServiceMatch = freeze.serviceIds.length === 0 || serviceIds.length === 0 || serviceIds.some((id) => freeze.serviceIds.includes(id));
  const isEnvironmentMatch = freeze.environmentIds.length === 0 || freeze.environmentIds.includes(input.environment.id);
  return isServiceMatch && isEnvironmentMatch;
}

function declaredFreezeBlocks(input: FreezeInput, at: Date, freezes: readonly DeclaredFreezePeriod[]): CalendarBlock[] {
  // Assumption: declared freezes are half-open [startsAt, endsAt): a freeze ending at 09:00 lets a deploy through at 09:00.
  return freezes
    .filter((freeze) => freeze.startsAt <= at && at < freeze.endsAt && isInScope(freeze, input))
    .map((freeze) => ({ reason: reason('DECLARED_FREEZE', `Declared freeze: ${freeze.reason}. Only emergency changes deploy.`), until: freeze.endsAt }));
}

// ── Incidents ───────────────────────────────────────────────────────────────────────────────

function incidentBlocks(input: FreezeInput, at: Date, incidents: readonly IncidentState[]): { incidentId: string; reason: PolicyReason }[] {
  const fixes = new Set(input.change.incidentLinks.filter((link) => link.link === 'fixes').map((link) => link.incidentId));
  // Assumption: an active SEV1/SEV2 blocks every unrelated change whatever services it affects, and
  // "related" means linked as its fix: a change that caused it is not thereby let through.
  return incidents
    .filter((incident) => BLOCKING_SEVERITIES.includes(incident.severity) && isActive(incident, at) && !fixes.has(incident.id))
    .map((incident) => ({
      incidentId: incident.id,
      reason: reason('INCIDENT_ACTIVE', `${incident.severity.toUpperCase()} incident ${incident.reference ?? incident.id} is active: only changes linked to it as its fix deploy.`),
    }));
}

// Assumption: an incident is active over [startedAt, resolvedAt); an unresolved one is taken to be
// still active at any later instant, previews included, since its end cannot be known.
function isActive(incident: IncidentState, at: Date): boolean {
  return incident.startedAt <= at && (incident.resolvedAt === null || at < incident.resolvedAt);
}

// ── The next opening ────────────────────────────────────────────────────────────────────────

/**
 * The earliest instant ≥ `at` at which no calendar freeze holds the change. Freezes can chain (a
 * holiday Monday after a weekend window, a declared freeze across both), so it jumps to the latest
 * end among the freezes holding the change and looks again: it visits freeze boundaries, never
 * minutes, and stops after FREEZE_LOOKAHEAD_DAYS.
 */
function nextCalendarOpening(input: FreezeInput, at: Date, context: FreezeContext): Date | null {
  const horizon = at.getTime() + FREEZE_LOOKAHEAD_DAYS * DAY_MS;
  let candidate = at;
  while (candidate.getTime() <= horizon) {
    const blocks = calendarBlocks(input, candidate, context);
    if (blocks.length === 0) return candidate;
    const until = new Date(Math.max(...blocks.map((block) => block.until.getTime())));
    // Every block's interval contains `candidate` and is half-open, so it ends later; guard anyway.
    if (until <= candidate) return null;
    candidate = until;
  }
  return null;
}
