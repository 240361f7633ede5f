import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { firstInstantAtWallTime, isTimeZone, uniqueInstantAtWallTime, wallClockMs, wallTime } from '@/lib/time/zoned';

describe('isTimeZone', () => {
  test.each([
    { name: 'UTC', valid: true },
    { name: 'America/New_York', valid: true },
    { name: 'Europe/Berlin', valid: true },
    { name: 'Etc/GMT+5', valid: true },
    { name: 'US/Eastern', valid: true }, // a legacy alias the IANA database still carries
    { name: 'Mars/Olympus_Mons', valid: false },
    { name: 'Europe/Berlín', valid: false },
    { name: '+01:00', valid: false }, // an offset has no daylight saving: not a policy zone
    { name: '', valid: false },
    { name: ' Europe/Berlin', valid: false },
  ])('$name → $valid', ({ name, valid }) => {
    expect(isTimeZone(name)).toBe(valid);
  });
});

describe('wallTime', () => {
  test.each([
    { label: 'UTC', at: '2026-03-06T15:00:00.000Z', zone: 'UTC', date: '2026-03-06', weekday: 5, time: '15:00:00.000' },
    { label: 'New York in winter (UTC−5)', at: '2026-03-06T20:00:00.000Z', zone: 'America/New_York', date: '2026-03-06', weekday: 5, time: '15:00:00.000' },
    { label: 'New York in summer (UTC−4)', at: '2026-03-09T13:00:00.000Z', zone: 'America/New_York', date: '2026-03-09', weekday: 1, time: '09:00:00.000' },
    { label: 'Kiritimati is already on the next day', at: '2026-03-06T12:00:00.000Z', zone: 'Pacific/Kiritimati', date: '2026-03-07', weekday: 6, time: '02:00:00.000' },
    { label: 'milliseconds survive', at: '2026-03-06T14:59:59.999Z', zone: 'Europe/London', date: '2026-03-06', weekday: 5, time: '14:59:59.999' },
    { label: 'a half-hour zone', at: '2026-03-06T00:00:00.000Z', zone: 'Asia/Kolkata', date: '2026-03-06', weekday: 5, time: '05:30:00.000' },
  ])('$label', ({ at, zone, date, weekday, time }) => {
    const wall = wallTime(new Date(at), zone);
    expect(wall).toMatchObject({ date, weekday });
    expect(new Date(wall.msOfDay).toISOString().slice(11, 23)).toBe(time);
  });

  test('an unknown zone is a clear error', () => {
    expect(() => wallTime(new Date('2026-03-06T00:00:00Z'), 'Mars/Olympus_Mons')).toThrow(/Unknown time zone "Mars\/Olympus_Mons"/);
  });

  test('an invalid instant is an error', () => {
    expect(() => wallClockMs(new Date('not a date'), 'UTC')).toThrow(RangeError);
  });
});

describe('firstInstantAtWallTime', () => {
  test.each([
    { label: 'an ordinary time', date: '2026-03-06', time: '15:00', zone: 'America/New_York', instant: '2026-03-06T20:00:00.000Z' },
    { label: 'Monday 09:00 EST before the March change', date: '2026-03-02', time: '09:00', zone: 'America/New_York', instant: '2026-03-02T14:00:00.000Z' },
    { label: 'Monday 09:00 EDT after the March change', date: '2026-03-09', time: '09:00', zone: 'America/New_York', instant: '2026-03-09T13:00:00.000Z' },
    { label: 'Monday 09:00 EST after the November change', date: '2026-11-02', time: '09:00', zone: 'America/New_York', instant: '2026-11-02T14:00:00.000Z' },
    { label: 'Monday 09:00 CEST in Berlin', date: '2026-03-30', time: '09:00', zone: 'Europe/Berlin', instant: '2026-03-30T07:00:00.000Z' },
    { label: 'Monday 09:00 CET in Berlin', date: '2026-10-26', time: '09:00', zone: 'Europe/Berlin', instant: '2026-10-26T08:00:00.000Z' },
    // Gaps: the clock jumps from 01:59:59.999 to 03:00, so 02:30 is first passed at the jump.
    { label: 'New York gap: 02:30 is reached at the jump', date: '2026-03-08', time: '02:30', zone: 'America/New_York', instant: '2026-03-08T07:00:00.000Z' },
    { label: 'New York gap: 02:00 is reached at the jump', date: '2026-03-08', time: '02:00', zone: 'America/New_York', instant: '2026-03-08T07:00:00.000Z' },
    { label: 'New York gap: 03:00 EDT is the jump too', date: '2026-03-08', time: '03:00', zone: 'America/New_York', instant: '2026-03-08T07:00:00.000Z' },
    { label: 'Berlin gap: 02:30 is reached at the jump', date: '2026-03-29', time: '02:30', zone: 'Europe/Berlin', instant: '2026-03-29T01:00:00.000Z' },
    { label: 'Lord Howe half-hour gap', date: '2026-10-04', time: '02:15', zone: 'Australia/Lord_Howe', instant: '2026-10-03T15:30:00.000Z' },
    { label: 'Santiago gap at midnight', date: '2024-09-08', time: '00:00', zone: 'America/Santiago', instant: '2024-09-08T04:00:00.000Z' },
    // Overlaps: the clock shows 01:00–01:59 twice; a boundary takes the first showing.
    { label: 'New York overlap: first 01:30 (EDT)', date: '2026-11-01', time: '01:30', zone: 'America/New_York', instant: '2026-11-01T05:30:00.000Z' },
    { label: 'New York after the overlap: 02:00 EST', date: '2026-11-01', time: '02:00', zone: 'America/New_York', instant: '2026-11-01T07:00:00.000Z' },
    { label: 'Berlin overlap: first 02:30 (CEST)', date: '2026-10-25', time: '02:30', zone: 'Europe/Berlin', instant: '2026-10-25T00:30:00.000Z' },
    { label: 'a skipped day (Samoa, 30 Dec 2011) is reached at the jump', date: '2011-12-30', time: '10:00', zone: 'Pacific/Apia', instant: '2011-12-30T10:00:00.000Z' },
  ])('$label', ({ date, time, zone, instant }) => {
    const [hours = 0, minutes = 0] = time.split(':').map(Number);
    expect(firstInstantAtWallTime(date, hours * 60 + minutes, zone).toISOString()).toBe(instant);
  });

  const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'Pacific/Chatham', 'Pacific/Kiritimati'];
  const dates = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((at) => at.toISOString().slice(0, 10));

  test('property: it is the first instant whose wall clock reads that time or later', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 1439 }), fc.constantFrom(...ZONES), (date, minute, zone) => {
        const target = Date.parse(`${date}T00:00:00Z`) + minute * 60_000;
        const instant = firstInstantAtWallTime(date, minute, zone).getTime();
        expect(wallClockMs(instant, zone)).toBeGreaterThanOrEqual(target);
        // Just before, the clock had not reached it: so the instant is the first, to the millisecond.
        expect(wallClockMs(instant - 1, zone)).toBeLessThan(target);
      }),
    );
  });

  test('property: later wall times are never reached earlier', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), fc.constantFrom(...ZONES), (date, a, b, zone) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(firstInstantAtWallTime(date, early, zone) <= firstInstantAtWallTime(date, late, zone)).toBe(true);
      }),
    );
  });
});

describe('uniqueInstantAtWallTime', () => {
  test.each([
    { label: 'an ordinary Berlin afternoon', date: '2026-03-06', time: 15 * 60, zone: 'Europe/Berlin', instant: '2026-03-06T14:00:00.000Z' },
    { label: 'New York, the day DST starts, after the jump', date: '2026-03-08', time: 9 * 60, zone: 'America/New_York', instant: '2026-03-08T13:00:00.000Z' },
    { label: 'New York 02:30 on 8 Mar 2026 does not exist', date: '2026-03-08', time: 2 * 60 + 30, zone: 'America/New_York', instant: null },
    { label: 'New York 01:30 on 1 Nov 2026 happens twice', date: '2026-11-01', time: 60 + 30, zone: 'America/New_York', instant: null },
    { label: 'UTC has neither gaps nor overlaps', date: '2026-11-01', time: 60 + 30, zone: 'UTC', instant: '2026-11-01T01:30:00.000Z' },
  ])('$label', ({ date, time, zone, instant }) => {
    expect(uniqueInstantAtWallTime(date, time, zone)?.toISOString() ?? null).toBe(instant);
  });
});
