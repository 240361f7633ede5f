import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { describeWeeklyWindow, ZTimeZone, ZWeeklyWindow } from '@/lib/policy/policy-settings';

describe('weekly window settings', () => {
  test.each([
    { label: 'the policy default', value: { startDay: 5, startTime: '15:00', endDay: 1, endTime: '09:00', classes: ['standard', 'normal'] }, valid: true },
    { label: 'hour 24 is not a time', value: { startDay: 5, startTime: '24:00', endDay: 1, endTime: '09:00', classes: ['normal'] }, valid: false },
    { label: 'minute 60 is not a time', value: { startDay: 5, startTime: '15:60', endDay: 1, endTime: '09:00', classes: ['normal'] }, valid: false },
    { label: 'day 7 does not exist', value: { startDay: 7, startTime: '15:00', endDay: 1, endTime: '09:00', classes: ['normal'] }, valid: false },
    { label: 'a window must hold some class', value: { startDay: 5, startTime: '15:00', endDay: 1, endTime: '09:00', classes: [] }, valid: false },
    { label: 'unknown class', value: { startDay: 5, startTime: '15:00', endDay: 1, endTime: '09:00', classes: ['urgent'] }, valid: false },
  ])('$label', ({ value, valid }) => {
    expect(ZWeeklyWindow.safeParse(value).success).toBe(valid);
  });

  test('every valid HH:MM time is accepted and described as given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 6 }), (hour, minute, day) => {
        const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        const window = ZWeeklyWindow.parse({ startDay: day, startTime: time, endDay: day, endTime: time, classes: ['standard'] });
        expect(describeWeeklyWindow(window)).toContain(time);
      }),
    );
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
