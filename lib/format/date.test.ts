import { describe, expect, test } from 'vitest';
import { formatCalendarDate, formatCalendarMonth, formatInstant, formatTimeOfDay } from '@/lib/format/date';

describe('formatInstant', () => {
  test.each([
    { label: 'UTC', at: '2026-03-06T15:00:00Z', zone: 'UTC', text: 'Fri 6 Mar 2026, 15:00 UTC' },
    { label: 'New York before DST', at: '2026-03-06T20:00:00Z', zone: 'America/New_York', text: 'Fri 6 Mar 2026, 15:00 GMT-5' },
    { label: 'New York after DST', at: '2026-03-09T13:00:00Z', zone: 'America/New_York', text: 'Mon 9 Mar 2026, 09:00 GMT-4' },
    { label: 'local date differs from UTC date', at: '2026-12-25T03:00:00Z', zone: 'America/Los_Angeles', text: 'Thu 24 Dec 2026, 19:00 GMT-8' },
  ])('$label', ({ at, zone, text }) => {
    expect(formatInstant(new Date(at), zone)).toBe(text);
  });
});

describe('calendar formats', () => {
  test.each([
    { label: 'Berlin in winter', at: '2026-11-27T14:00:00Z', zone: 'Europe/Berlin', text: '15:00' },
    { label: 'Berlin in summer', at: '2026-06-26T13:00:00Z', zone: 'Europe/Berlin', text: '15:00' },
    { label: 'midnight is 00:00, not 24:00', at: '2026-11-26T23:00:00Z', zone: 'Europe/Berlin', text: '00:00' },
  ])('time of day: $label', ({ at, zone, text }) => {
    expect(formatTimeOfDay(new Date(at), zone)).toBe(text);
  });

  test('a calendar date is itself in every zone', () => {
    expect(formatCalendarDate('2026-11-27')).toBe('Fri 27 Nov 2026');
    expect(formatCalendarMonth('2026-11-27')).toBe('November 2026');
  });
});
