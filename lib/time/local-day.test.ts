import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { addCalendarDays, isCalendarDate, localCalendarDate, nextCalendarDate, startOfLocalDay, weekdayOfDate } from '@/lib/time/local-day';

describe('isCalendarDate', () => {
  test.each([
    { value: '2026-03-06', valid: true },
    { value: '2028-02-29', valid: true },
    { value: '2026-02-29', valid: false },
    { value: '2026-02-30', valid: false },
    { value: '2026-13-01', valid: false },
    { value: '2026-3-6', valid: false },
    { value: '0099-01-01', valid: false },
    { value: '2026-03-06T00:00', valid: false },
    { value: '', valid: false },
  ])('$value → $valid', ({ value, valid }) => {
    expect(isCalendarDate(value)).toBe(valid);
  });
});

describe('nextCalendarDate', () => {
  test.each([
    { date: '2026-02-28', next: '2026-03-01' },
    { date: '2028-02-28', next: '2028-02-29' },
    { date: '2026-12-31', next: '2027-01-01' },
  ])('$date → $next', ({ date, next }) => {
    expect(nextCalendarDate(date)).toBe(next);
  });
});

describe('addCalendarDays and weekdayOfDate', () => {
  test.each([
    { date: '2026-03-06', days: 3, result: '2026-03-09', weekday: 1 },
    { date: '2026-03-06', days: -8, result: '2026-02-26', weekday: 4 },
    { date: '2026-03-08', days: 1, result: '2026-03-09', weekday: 1 }, // a 23-hour day in New York is still one calendar day
    { date: '2028-02-28', days: 1, result: '2028-02-29', weekday: 2 },
    { date: '2026-12-31', days: 1, result: '2027-01-01', weekday: 5 },
  ])('$date + $days → $result', ({ date, days, result, weekday }) => {
    expect(addCalendarDays(date, days)).toBe(result);
    expect(weekdayOfDate(result)).toBe(weekday);
  });
});

describe('startOfLocalDay', () => {
  test.each([
    { label: 'UTC midnight', date: '2026-03-06', zone: 'UTC', start: '2026-03-06T00:00:00.000Z' },
    { label: 'New York in winter is UTC−5', date: '2026-03-06', zone: 'America/New_York', start: '2026-03-06T05:00:00.000Z' },
    { label: 'New York on the DST day still starts at EST midnight', date: '2026-03-08', zone: 'America/New_York', start: '2026-03-08T05:00:00.000Z' },
    { label: 'New York the day after DST starts at EDT midnight', date: '2026-03-09', zone: 'America/New_York', start: '2026-03-09T04:00:00.000Z' },
    { label: 'Tokyo is ahead of UTC: the day starts the evening before', date: '2026-03-06', zone: 'Asia/Tokyo', start: '2026-03-05T15:00:00.000Z' },
    { label: 'Kiritimati (UTC+14)', date: '2026-03-06', zone: 'Pacific/Kiritimati', start: '2026-03-05T10:00:00.000Z' },
    // Chile skips 00:00–01:00 on its DST day: the day starts at the jump (01:00 −03).
    { label: 'a DST gap at midnight starts the day at the jump', date: '2024-09-08', zone: 'America/Santiago', start: '2024-09-08T04:00:00.000Z' },
    // Samoa skipped 30 December 2011 entirely: 31 December starts where 29 December ends.
    { label: 'a skipped day: the next day starts at the jump', date: '2011-12-31', zone: 'Pacific/Apia', start: '2011-12-30T10:00:00.000Z' },
  ])('$label', ({ date, zone, start }) => {
    expect(startOfLocalDay(date, zone).toISOString()).toBe(start);
  });

  const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'Pacific/Chatham'];

  test('the start is the first instant whose local date is that day', () => {
    const dates = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((at) => at.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, fc.constantFrom(...ZONES), (date, zone) => {
        const start = startOfLocalDay(date, zone);
        expect(localCalendarDate(start, zone)).toBe(date);
        expect(localCalendarDate(new Date(start.getTime() - 1000), zone) < date).toBe(true);
      }),
    );
  });
});
