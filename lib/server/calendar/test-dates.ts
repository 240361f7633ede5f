// Holiday dates for database tests: far in the future, so they never collide with each other's,
// with the demo data's, or with the gate tests, which evaluate instants in this decade.
import { randomInt } from 'node:crypto';
import { addCalendarDays } from '@/lib/time/local-day';

/** `count` consecutive `YYYY-MM-DD` dates from a random day between the years 2300 and 2999. */
export function freshDates(count: number): string[] {
  const start = addCalendarDays('2300-01-01', randomInt(0, 700 * 365));
  return Array.from({ length: count }, (_, index) => addCalendarDays(start, index));
}
