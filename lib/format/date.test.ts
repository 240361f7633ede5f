import { describe, expect, test } from 'vitest';
import { formatInstant } from '@/lib/format/date';

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
