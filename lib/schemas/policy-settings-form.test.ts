import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { weeklyWindowFormValues, windowField, windowRowCount, ZPolicySettingsForm } from '@/lib/schemas/policy-settings-form';
import type { WeeklyWindow } from '@/lib/policy/policy-settings';

const BASE = {
  expectedVersion: '3', note: 'Windows', timeZone: 'Europe/Berlin',
  emergencyReviewHours: '24', overrideMaxHours: '8', gateAllowValidMinutes: '30', releaseFlagTtlDays: '30', experimentFlagTtlDays: '90',
};
const WEEKEND: WeeklyWindow = { startDay: 5, startTime: '15:00', endDay: 1, endTime: '09:00', classes: ['standard', 'normal', 'major'] };
const NIGHT: WeeklyWindow = { startDay: 3, startTime: '22:00', endDay: 4, endTime: '06:00', classes: ['major'] };

/** A submitted form: these windows in rows 0…, then `empty` rows as the page offers them. */
function form(windows: (WeeklyWindow | null)[], edits: Record<string, string> = {}) {
  return { ...BASE, ...Object.assign({}, ...windows.map((window, row) => weeklyWindowFormValues(row, window))), ...edits };
}

/** Errors by form field, as the form action hands them to the page. */
function fieldErrors(values: Record<string, unknown>): Partial<Record<string, string[]>> {
  const parsed = ZPolicySettingsForm.safeParse(values);
  return parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
}

describe('weekly windows in the policy edit form', () => {
  test('rows round-trip: the windows in force come back unchanged, and empty rows are left out', () => {
    const values = form([WEEKEND, NIGHT, null, null]);
    expect(windowRowCount(values)).toBe(4);
    expect(ZPolicySettingsForm.parse(values).weeklyWindows).toEqual([WEEKEND, NIGHT]);
  });

  test('a filled empty row adds a window; a ticked remove drops one', () => {
    const added = form([WEEKEND, null], { [windowField(1, 'startTime')]: '22:00', [windowField(1, 'startDay')]: '3', [windowField(1, 'endTime')]: '06:00', [windowField(1, 'endDay')]: '4', [windowField(1, 'class-major')]: 'on' });
    expect(ZPolicySettingsForm.parse(added).weeklyWindows).toEqual([WEEKEND, NIGHT]);
    expect(ZPolicySettingsForm.parse(form([WEEKEND, NIGHT], { [windowField(0, 'remove')]: 'on' })).weeklyWindows).toEqual([NIGHT]);
  });

  test('removing every window publishes none: no weekly freeze', () => {
    expect(ZPolicySettingsForm.parse(form([WEEKEND, null], { [windowField(0, 'remove')]: 'on' })).weeklyWindows).toEqual([]);
  });

  test.each([
    { label: 'zero length', edits: { [windowField(1, 'startDay')]: '2', [windowField(1, 'startTime')]: '10:00', [windowField(1, 'endDay')]: '2', [windowField(1, 'endTime')]: '10:00', [windowField(1, 'class-normal')]: 'on' }, field: windowField(1, 'endTime'), message: 'Window 2: Ends when it starts: a window needs some length.' },
    { label: 'only a start time', edits: { [windowField(1, 'startTime')]: '10:00', [windowField(1, 'class-normal')]: 'on' }, field: windowField(1, 'endTime'), message: 'Window 2: Use HH:MM, 24-hour (00:00 to 23:59).' },
    { label: 'no class ticked', edits: { [windowField(1, 'startDay')]: '2', [windowField(1, 'startTime')]: '10:00', [windowField(1, 'endDay')]: '2', [windowField(1, 'endTime')]: '12:00' }, field: windowField(1, 'classes'), message: 'Window 2: Hold at least one class.' },
    { label: 'a day that is not a weekday', edits: { [windowField(1, 'startDay')]: '7', [windowField(1, 'startTime')]: '10:00', [windowField(1, 'endDay')]: '2', [windowField(1, 'endTime')]: '12:00', [windowField(1, 'class-normal')]: 'on' }, field: windowField(1, 'startDay') },
    { label: 'a time out of range', edits: { [windowField(1, 'startDay')]: '2', [windowField(1, 'startTime')]: '24:00', [windowField(1, 'endDay')]: '2', [windowField(1, 'endTime')]: '12:00', [windowField(1, 'class-normal')]: 'on' }, field: windowField(1, 'startTime') },
  ])('$label: the error is on the row’s own field', ({ edits, field, message }) => {
    const errors = fieldErrors(form([WEEKEND, null], edits));
    expect(Object.keys(errors)).toEqual([field]);
    if (message) expect(errors[field]).toEqual([message]);
  });

  test('an overlap lands on the form row that overlaps, even after a left-out row', () => {
    const values = form([WEEKEND, null, null], { [windowField(2, 'startDay')]: '0', [windowField(2, 'startTime')]: '12:00', [windowField(2, 'endDay')]: '1', [windowField(2, 'endTime')]: '12:00', [windowField(2, 'class-normal')]: 'on' });
    expect(fieldErrors(values)).toEqual({ [windowField(2, 'startTime')]: ['Window 3: Overlaps Friday 15:00 → Monday 09:00 for a class both hold.'] });
  });

  test('emergency is not a choice: a forged field is ignored', () => {
    const values = form([WEEKEND], { 'window-0-class-emergency': 'on' });
    expect(ZPolicySettingsForm.parse(values).weeklyWindows).toEqual([WEEKEND]);
  });
});
