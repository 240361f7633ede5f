import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { periodBuckets } from '@/lib/time/periods';
import { addCalendarDays, startOfLocalDay } from '@/lib/time/local-day';

describe('periodBuckets', () => {
  test('weeks start on Monday and the first and last are clipped to the period', () => {
    // 2026-03-04 is a Wednesday; 2026-03-17 a Tuesday.
    const buckets = periodBuckets('2026-03-04', '2026-03-17', 'week', 'UTC');
    expect(buckets.map((bucket) => [bucket.label, bucket.start.toISOString(), bucket.end.toISOString()])).toEqual([
      ['2026-03-02', '2026-03-04T00:00:00.000Z', '2026-03-09T00:00:00.000Z'],
      ['2026-03-09', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z'],
      ['2026-03-16', '2026-03-16T00:00:00.000Z', '2026-03-18T00:00:00.000Z'],
    ]);
  });

  test('months across a year end', () => {
    const buckets = periodBuckets('2025-11-15', '2026-01-31', 'month', 'UTC');
    expect(buckets.map((bucket) => bucket.label)).toEqual(['2025-11-01', '2025-12-01', '2026-01-01']);
    expect(buckets[0]!.start.toISOString()).toBe('2025-11-15T00:00:00.000Z');
    expect(buckets[2]!.end.toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  test('the week holding the spring DST change in Berlin is 167 hours long, and starts at local midnight', () => {
    const [week] = periodBuckets('2026-03-23', '2026-03-29', 'week', 'Europe/Berlin');
    expect(week!.start.toISOString()).toBe('2026-03-22T23:00:00.000Z');
    expect(week!.end.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect((week!.end.getTime() - week!.start.getTime()) / 3_600_000).toBe(167);
  });

  test('a single day is one bucket', () => {
    expect(periodBuckets('2026-07-01', '2026-07-01', 'month', 'America/New_York')).toEqual([
      { label: '2026-07-01', start: new Date('2026-07-01T04:00:00Z'), end: new Date('2026-07-02T04:00:00Z') },
    ]);
  });

  test('property: buckets tile the period exactly, in order, without gaps or overlaps', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham'];
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 800 }), fc.constantFrom('week' as const, 'month' as const), fc.constantFrom(...zones),
      (offset, length, granularity, zone) => {
        const from = addCalendarDays('2020-01-01', offset);
        const to = addCalendarDays(from, length);
        const buckets = periodBuckets(from, to, granularity, zone);
        expect(buckets[0]!.start).toEqual(startOfLocalDay(from, zone));
        expect(buckets.at(-1)!.end).toEqual(startOfLocalDay(addCalendarDays(to, 1), zone));
        for (const [index, bucket] of buckets.entries()) {
          expect(bucket.end.getTime()).toBeGreaterThan(bucket.start.getTime());
          if (index > 0) expect(bucket.start).toEqual(buckets[index - 1]!.end);
        }
      },
    ), { numRuns: 200 });
  });
});
