// The days a calendar page shows (a month grid or a week) and the instants each local day spans.
// Pure: calendar dates are `YYYY-MM-DD` strings; the zone is always an argument.
import { addCalendarDays, startOfLocalDay, weekdayOfDate } from '@/lib/time/local-day';

export const CALENDAR_VIEWS = ['month', 'week'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

/** A local day as the half-open interval of instants [start, end): 23 or 25 hours on DST days. */
export type LocalDay = { date: string; start: Date; end: Date };

/**
 * The Monday on or before `date`.
 * Assumption: calendar weeks start on Monday (ISO 8601), so the default weekly window (Friday 15:00 →
 * Monday 09:00) reads as the end of one week running into the start of the next.
 */
export function startOfWeek(date: string): string {
  return addCalendarDays(date, -((weekdayOfDate(date) + 6) % 7));
}

/** The seven dates of the week holding `date`, Monday first. */
export function weekDates(date: string): string[] {
  const monday = startOfWeek(date);
  return Array.from({ length: 7 }, (_, index) => addCalendarDays(monday, index));
}

/** The first day of the month `months` months after the month holding `date` (negative goes back). */
export function firstOfMonth(date: string, months = 0): string {
  const [year = 0, month = 1] = date.split('-').map(Number);
  const first = new Date(Date.UTC(2000, month - 1 + months, 1));
  first.setUTCFullYear(year + Math.floor((month - 1 + months) / 12));
  return first.toISOString().slice(0, 10);
}

/** The weeks (Monday first) covering the month of `date`, with the neighbouring months' days that fill them. */
export function monthGrid(date: string): string[][] {
  const first = firstOfMonth(date);
  const next = firstOfMonth(date, 1);
  const weeks: string[][] = [];
  for (let monday = startOfWeek(first); monday < next; monday = addCalendarDays(monday, 7)) weeks.push(weekDates(monday));
  return weeks;
}

/** The anchor date one view earlier (`-1`) or later (`1`): the same weekday a week away, or the first of the month. */
export function shiftView(view: CalendarView, date: string, step: -1 | 1): string {
  return view === 'week' ? addCalendarDays(date, 7 * step) : firstOfMonth(date, step);
}

/** The dates a view shows, in order. */
export function viewDates(view: CalendarView, date: string): string[] {
  return view === 'week' ? weekDates(date) : monthGrid(date).flat();
}

/** Each date with the instants its local day spans in the zone. */
export function localDays(dates: readonly string[], timeZone: string): LocalDay[] {
  return dates.map((date) => ({ date, start: startOfLocalDay(date, timeZone), end: startOfLocalDay(addCalendarDays(date, 1), timeZone) }));
}

/**
 * Whether a span of instants touches a local day. Spans are half-open [start, end), so a freeze ending
 * at midnight stays off the next day; a span with no length (a deploy that has not finished) sits on
 * the day holding its start.
 */
export function spanTouchesDay(span: { start: Date; end: Date }, day: Pick<LocalDay, 'start' | 'end'>): boolean {
  if (span.end <= span.start) return day.start <= span.start && span.start < day.end;
  return span.start < day.end && day.start < span.end;
}
