import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { firstOfMonth, localDays, monthGrid, shiftView, spanTouchesDay, startOfWeek, viewDates, weekDates } from '@/lib/time/calendar-grid';
import { weekdayOfDate } from '@/lib/time/local-day';

describe('calendar grid', () => {
  test.each([
    { label: 'a Friday goes back to Monday', date: '2026-11-27', monday: '2026-11-23' },
    { label: 'a Monday is its own start', date: '2026-11-23', monday: '2026-11-23' },
    { label: 'a Sunday belongs to the week before', date: '2026-11-29', monday: '2026-11-23' },
    { label: 'across a year end', date: '2027-01-01', monday: '2026-12-28' },
  ])('$label', ({ date, monday }) => {
    expect(startOfWeek(date)).toBe(monday);
    expect(weekDates(date)).toHaveLength(7);
    expect(weekDates(date)[0]).toBe(monday);
  });

  test.each([
    { label: 'this month', date: '2026-11-27', months: 0, first: '2026-11-01' },
    { label: 'next month across a year end', date: '2026-12-31', months: 1, first: '2027-01-01' },
    { label: 'previous month across a year start', date: '2026-01-15', months: -1, first: '2025-12-01' },
    { label: 'thirteen months back', date: '2026-01-15', months: -13, first: '2024-12-01' },
  ])('first of month: $label', ({ date, months, first }) => {
    expect(firstOfMonth(date, months)).toBe(first);
  });

  test('November 2026 spans six Monday-first weeks from 26 Oct to 6 Dec', () => {
    const weeks = monthGrid('2026-11-27');
    expect(weeks).toHaveLength(6);
    expect(weeks[0]![0]).toBe('2026-10-26');
    expect(weeks.at(-1)!.at(-1)).toBe('2026-12-06');
  });

  test('February 2027 starting on a Monday needs exactly four weeks', () => {
    expect(monthGrid('2027-02-10').flat()).toEqual(Array.from({ length: 28 }, (_, index) => `2027-02-${String(index + 1).padStart(2, '0')}`));
  });

  test('previous and next move a week or a month', () => {
    expect(shiftView('week', '2026-11-27', 1)).toBe('2026-12-04');
    expect(shiftView('week', '2026-11-27', -1)).toBe('2026-11-20');
    expect(shiftView('month', '2026-11-27', 1)).toBe('2026-12-01');
    expect(shiftView('month', '2026-03-31', -1)).toBe('2026-02-01');
  });

  test('property: a month grid is whole Monday-first weeks that hold every day of the month', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 365 * 400 }), (offset) => {
      const date = new Date(Date.parse('1900-01-01T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);
      const days = viewDates('month', date);
      expect(days.length % 7).toBe(0);
      expect(weekdayOfDate(days[0]!)).toBe(1);
      expect(days).toContain(firstOfMonth(date));
      expect(days).toContain(date);
      expect(new Set(days).size).toBe(days.length);
    }));
  });

  test('local days follow DST: 29 Mar 2026 in Berlin lasts 23 hours, 25 Oct 25 hours', () => {
    const [spring, autumn] = [localDays(['2026-03-29'], 'Europe/Berlin')[0]!, localDays(['2026-10-25'], 'Europe/Berlin')[0]!];
    expect(spring.start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
  });

  test.each([
    { label: 'a span ending at the day’s start stays off it', start: '2026-11-26T10:00:00Z', end: '2026-11-27T00:00:00Z', touches: false },
    { label: 'a span starting at the day’s end stays off it', start: '2026-11-28T00:00:00Z', end: '2026-11-28T10:00:00Z', touches: false },
    { label: 'a span across the day touches it', start: '2026-11-26T10:00:00Z', end: '2026-11-29T00:00:00Z', touches: true },
    { label: 'a moment at the day’s start sits on it', start: '2026-11-27T00:00:00Z', end: '2026-11-27T00:00:00Z', touches: true },
    { label: 'a moment at the day’s end does not', start: '2026-11-28T00:00:00Z', end: '2026-11-28T00:00:00Z', touches: false },
  ])('$label', ({ start, end, touches }) => {
    const day = { start: new Date('2026-11-27T00:00:00Z'), end: new Date('2026-11-28T00:00:00Z') };
    expect(spanTouchesDay({ start: new Date(start), end: new Date(end) }, day)).toBe(touches);
  });
});
