import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { describeWeeklyWindow, MAX_WEEKLY_WINDOWS, weeklyWindowSpan, weeklyWindowsOverlap, ZTimeZone, ZWeeklyWindow, ZWeeklyWindows, type WeeklyWindow } from '@/lib/policy/policy-settings';

describe('weekly window settings', () => {
  test.each([
    { label: 'the policy default', value: { startDay: 5, startTime: '15:00', endDay: 1, endTime: '09:00', classes: ['standard', 'normal'] }, valid: true },
    { label: 'hour 24 is not a time', value: { startDay: 5, startTime: '24:00', endDay: 1, endTime: '09:00', classes: ['normal'] }, valid: false },
    { label: 'minute 60 is not a time', value: { startDay: 5, startTime: '15:60', endDay: 1, endTime: '09:00', classes: ['normal'] }, valid: false },
    { label: 'day 7 does not exist', value: { startDay: 7, startTime: '15:00', endDay: 1, endTime: '09:00', classes: ['normal'] }, valid: false },
    { label: 'a window must hold some class', value: { startDay: 5, startTime: '15:00', endDay: 1, endTime: '09:00', classes: [] }, valid: false },
    { label: 'unknown class', value: { startDay: 5, startTime: '15:00', endDay: 1, endTime: '09:00', classes: ['urgent'] }, valid: false },
    { label: 'emergency is never held by a window', value: { startDay: 5, startTime: '15:00', endDay: 1, endTime: '09:00', classes: ['normal', 'emergency'] }, valid: false },
    { label: 'a class named twice', value: { startDay: 5, startTime: '15:00', endDay: 1, endTime: '09:00', classes: ['normal', 'normal'] }, valid: false },
    { label: 'ending when it starts: zero length', value: { startDay: 3, startTime: '12:00', endDay: 3, endTime: '12:00', classes: ['normal'] }, valid: false },
    { label: '00:00 to 23:59 the same day', value: { startDay: 3, startTime: '00:00', endDay: 3, endTime: '23:59', classes: ['normal'] }, valid: true },
    { label: 'one minute long', value: { startDay: 6, startTime: '23:59', endDay: 0, endTime: '00:00', classes: ['major'] }, valid: true },
    { label: 'ending a minute before it starts: almost a week', value: { startDay: 1, startTime: '09:00', endDay: 1, endTime: '08:59', classes: ['normal'] }, valid: true },
    { label: 'a single-digit hour is not HH:MM', value: { startDay: 5, startTime: '9:00', endDay: 1, endTime: '09:00', classes: ['normal'] }, valid: false },
  ])('$label', ({ value, valid }) => {
    expect(ZWeeklyWindow.safeParse(value).success).toBe(valid);
  });

  test('the zero-length error is on the end time and says why', () => {
    const issues = ZWeeklyWindow.safeParse({ startDay: 3, startTime: '12:00', endDay: 3, endTime: '12:00', classes: ['normal'] }).error?.issues;
    expect(issues).toEqual([expect.objectContaining({ path: ['endTime'], message: 'Ends when it starts: a window needs some length.' })]);
  });

  test('every valid HH:MM time is accepted and described as given, unless the window would be empty', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), (hour, minute, startDay, endDay) => {
        const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        const parsed = ZWeeklyWindow.safeParse({ startDay, startTime: time, endDay, endTime: time, classes: ['standard'] });
        expect(parsed.success).toBe(startDay !== endDay);
        if (parsed.success) expect(describeWeeklyWindow(parsed.data)).toContain(time);
      }),
    );
  });
});

const win = (startDay: number, startTime: string, endDay: number, endTime: string, classes: WeeklyWindow['classes'] = ['standard', 'normal']): WeeklyWindow => ({ startDay, startTime, endDay, endTime, classes });
const WEEKEND = win(5, '15:00', 1, '09:00');

describe('weekly window span and overlap', () => {
  test.each([
    { label: 'the weekend window wraps past Saturday', window: WEEKEND, start: 5 * 1440 + 900, length: 2 * 1440 + 1080 },
    { label: 'a mid-week night', window: win(3, '22:00', 4, '06:00'), start: 3 * 1440 + 1320, length: 480 },
    { label: 'Saturday 23:59 to Sunday 00:00', window: win(6, '23:59', 0, '00:00'), start: 6 * 1440 + 1439, length: 1 },
  ])('$label', ({ window, start, length }) => {
    expect(weeklyWindowSpan(window)).toEqual({ start, length });
  });

  test.each([
    { label: 'inside the weekend', other: win(6, '10:00', 6, '12:00'), overlaps: true },
    { label: 'across the weekend window start', other: win(5, '12:00', 5, '16:00'), overlaps: true },
    { label: 'across its end on Monday', other: win(1, '08:00', 1, '10:00'), overlaps: true },
    { label: 'ending when it starts (half-open)', other: win(5, '09:00', 5, '15:00'), overlaps: false },
    { label: 'starting when it ends (half-open)', other: win(1, '09:00', 1, '17:00'), overlaps: false },
    { label: 'mid-week', other: win(3, '22:00', 4, '06:00'), overlaps: false },
    { label: 'containing it', other: win(4, '00:00', 2, '00:00'), overlaps: true },
    { label: 'an empty window inside it (ends when it starts)', other: win(6, '10:00', 6, '10:00'), overlaps: false },
  ])('$label', ({ other, overlaps }) => {
    expect(weeklyWindowsOverlap(WEEKEND, other)).toBe(overlaps);
    expect(weeklyWindowsOverlap(other, WEEKEND)).toBe(overlaps);
  });

  test('overlap is true exactly when some minute of the week lies in both', () => {
    const bounds = fc.record({ startDay: fc.integer({ min: 0, max: 6 }), startMinute: fc.integer({ min: 0, max: 1439 }), endDay: fc.integer({ min: 0, max: 6 }), endMinute: fc.integer({ min: 0, max: 1439 }) });
    const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    const toWindow = (b: { startDay: number; startMinute: number; endDay: number; endMinute: number }) => win(b.startDay, hhmm(b.startMinute), b.endDay, hhmm(b.endMinute));
    // Every minute of the week a window covers, by brute force.
    const minutes = (window: WeeklyWindow) => {
      const { start, length } = weeklyWindowSpan(window);
      return new Set(Array.from({ length }, (_, offset) => (start + offset) % (7 * 1440)));
    };
    fc.assert(
      fc.property(bounds, bounds, (a, b) => {
        const [first, second] = [toWindow(a), toWindow(b)];
        const covered = minutes(first);
        expect(weeklyWindowsOverlap(first, second)).toBe([...minutes(second)].some((minute) => covered.has(minute)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('weekly windows of a version', () => {
  test.each([
    { label: 'none: no weekly freeze', windows: [], valid: true },
    { label: 'the default alone', windows: [WEEKEND], valid: true },
    { label: 'back to back, same classes', windows: [win(5, '15:00', 6, '00:00'), win(6, '00:00', 1, '09:00')], valid: true },
    { label: 'overlapping but holding different classes', windows: [WEEKEND, win(5, '00:00', 2, '00:00', ['major'])], valid: true },
    { label: 'overlapping for a shared class', windows: [WEEKEND, win(0, '12:00', 1, '12:00', ['normal', 'major'])], valid: false },
    { label: 'the same window twice', windows: [WEEKEND, WEEKEND], valid: false },
    { label: 'too many', windows: Array.from({ length: MAX_WEEKLY_WINDOWS + 1 }, (_, index) => win(index % 7, '00:00', index % 7, '00:01', [(['standard', 'normal', 'major'] as const)[Math.floor(index / 7)]!])), valid: false },
  ])('$label', ({ windows, valid }) => {
    expect(ZWeeklyWindows.safeParse(windows).success).toBe(valid);
  });

  test('an overlap is reported on the later window, naming the earlier one by its days and times', () => {
    const issues = ZWeeklyWindows.safeParse([WEEKEND, win(3, '09:00', 3, '17:00'), win(0, '12:00', 1, '12:00', ['normal'])]).error?.issues;
    expect(issues).toEqual([expect.objectContaining({ path: [2, 'startTime'], message: 'Overlaps Friday 15:00 → Monday 09:00 for a class both hold.' })]);
  });
});

describe('time zone setting', () => {
  test.each([
    { label: 'UTC, the default', value: 'UTC', valid: true },
    { label: 'an IANA zone', value: 'America/New_York', valid: true },
    { label: 'a zone without daylight saving', value: 'Asia/Kolkata', valid: true },
    { label: 'an unknown zone', value: 'Europe/Atlantis', valid: false },
    { label: 'an offset is not a zone', value: '+02:00', valid: false },
    { label: 'an abbreviation that is not a zone', value: 'CEST', valid: false },
    { label: 'empty', value: '', valid: false },
  ])('$label', ({ value, valid }) => {
    expect(ZTimeZone.safeParse(value).success).toBe(valid);
  });

  test('the error says what to write', () => {
    expect(ZTimeZone.safeParse('Europe/Atlantis').error?.issues[0]?.message).toBe('Unknown time zone: use an IANA name such as Europe/Berlin.');
  });
});
