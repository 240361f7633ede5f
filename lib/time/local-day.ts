// Whole local days in an IANA zone, turned into instants. Pure: the zone is always an argument.

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (`2026-02-30` is not). */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999.
  return year >= 1000 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The calendar date after `date` (`YYYY-MM-DD`). */
export function nextCalendarDate(date: string): string {
  return addCalendarDays(date, 1);
}

/** The calendar date `days` days after `date` (negative goes back). Calendar days, not 24-hour spans. */
export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The day of the week of a calendar date: 0 = Sunday … 6 = Saturday (as in weekly windows). */
export function weekdayOfDate(date: string): number {
  return new Date(Date.parse(`${date}T00:00:00Z`)).getUTCDay();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date (`YYYY-MM-DD`) at an instant in a zone. */
export function localCalendarDate(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The first instant of a local day. Usually local midnight; when a DST jump skips midnight
 * (America/Santiago, for one) the day starts at the jump. Local days are the half-open intervals
 * [startOfLocalDay(d), startOfLocalDay(next day)).
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // Zone offsets lie within −12 h … +14 h, so the day starts inside this window. A binary search
  // on whole seconds finds the first instant whose local date is `date` without any offset maths,
  // which is what goes wrong around DST changes.
  let before = utcMidnight / 1000 - 15 * 3600; // local date still earlier
  let from = utcMidnight / 1000 + 13 * 3600; // local date already reached
  while (from - before > 1) {
    const middle = Math.floor((before + from) / 2);
    if (localCalendarDate(new Date(middle * 1000), timeZone) < date) before = middle;
    else from = middle;
  }
  return new Date(from * 1000);
}
