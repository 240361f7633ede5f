// A period of whole local days cut into weeks or months for a trend. Pure: dates are `YYYY-MM-DD`
// strings in the zone given; each bucket is a half-open interval of instants [start, end).
import { firstOfMonth, startOfWeek } from '@/lib/time/calendar-grid';
import { addCalendarDays, nextCalendarDate, startOfLocalDay } from '@/lib/time/local-day';

export const PERIOD_GRANULARITIES = ['week', 'month'] as const;
export type PeriodGranularity = (typeof PERIOD_GRANULARITIES)[number];

/** One bucket of a trend: its first local date (the week's Monday or the month's 1st) and the instants it covers within the period. */
export type PeriodBucket = { label: string; start: Date; end: Date };

/**
 * The weeks (Monday first) or months that the days `from`–`to` (both included) touch, each clipped
 * to the period, so together they cover it exactly once: a count summed over the buckets is the
 * period's count. DST days are 23 or 25 hours long; the local midnights say where each bucket starts.
 */
export function periodBuckets(from: string, to: string, granularity: PeriodGranularity, timeZone: string): PeriodBucket[] {
  const next = (date: string) => (granularity === 'week' ? addCalendarDays(date, 7) : firstOfMonth(date, 1));
  const periodEnd = startOfLocalDay(nextCalendarDate(to), timeZone);
  const buckets: PeriodBucket[] = [];
  for (let label = granularity === 'week' ? startOfWeek(from) : firstOfMonth(from); label <= to; label = next(label)) {
    const start = label < from ? startOfLocalDay(from, timeZone) : startOfLocalDay(label, timeZone);
    const end = next(label) > to ? periodEnd : startOfLocalDay(next(label), timeZone);
    buckets.push({ label, start, end });
  }
  return buckets;
}
