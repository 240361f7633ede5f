import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { describeWeeklyWindow, ZWeeklyWindow } from '@/lib/policy/policy-settings';

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
