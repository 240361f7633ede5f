import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { freezeCalendarIcs, FREEZE_CALENDAR_NAME } from '@/lib/api/freeze-calendar-ics';
import type { FreezeFeedData } from '@/lib/server/calendar/calendar-view';
import type { WeeklyWindow } from '@/lib/policy/policy-settings';

const WEEKEND: WeeklyWindow = { startDay: 5, startTime: '15:00', endDay: 1, endTime: '09:00', classes: ['standard', 'normal', 'major'] };
const STAMP = new Date('2026-11-25T10:00:00Z');

const FEED: FreezeFeedData = {
  timeZone: 'Europe/Berlin',
  range: { from: new Date('2026-10-26T10:00:00Z'), to: new Date('2027-11-25T10:00:00Z') },
  weeklyWindows: [
    { kind: 'weekly-window', key: 'w1', window: WEEKEND, start: new Date('2026-11-27T14:00:00Z'), end: new Date('2026-11-30T08:00:00Z') },
  ],
  holidays: [
    { kind: 'holiday', key: 'h1', id: 'hol-1', date: '2026-12-25', name: 'Christmas Day; offices closed, all of them', version: 3, start: new Date('2026-12-24T23:00:00Z'), end: new Date('2026-12-25T23:00:00Z') },
  ],
  declaredFreezes: [
    {
      kind: 'declared-freeze', key: 'f1', id: 'frz-1', version: 1, reason: `Black Friday, with a reason long enough to need folding ${'x'.repeat(80)}`,
      start: new Date('2026-11-26T23:00:00Z'), end: new Date('2026-11-28T23:00:00Z'), serviceNames: ['Checkout', 'Payments'], environmentNames: [],
    },
  ],
  incidents: [
    { kind: 'incident', key: 'i1', id: 'inc-1', reference: 'INC-7', title: 'Checkout down', severity: 'sev1', start: new Date('2026-11-25T09:00:00Z'), end: STAMP, isOngoing: true, isBlocking: true },
  ],
};

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((component) => ({ component, event: new ICAL.Event(component) }));
  return { calendar, events };
}

describe('the freeze calendar feed', () => {
  const text = freezeCalendarIcs(FEED, STAMP);
  const { calendar, events } = parse(text);

  test('is a calendar that names itself and its zone', () => {
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(FREEZE_CALENDAR_NAME);
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Berlin');
    expect(calendar.getAllSubcomponents('vtimezone')).toEqual([]);
  });

  test('uses CRLF line ends and folds long lines at 75 octets of UTF-8 (ical.js counts the fold space apart)', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
    const octets = lines.map((line) => Buffer.byteLength(line.replace(/^ /, ''), 'utf8'));
    expect(Math.max(...octets)).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
  });

  test('has one event per item, each with a stable UID and a DTSTAMP', () => {
    expect(events.map(({ event }) => event.uid)).toEqual([
      'weekly-window-51500-10900-20261127T140000Z@freeze-calendar.changeboard',
      'holiday-hol-1@freeze-calendar.changeboard',
      'declared-freeze-frz-1@freeze-calendar.changeboard',
      'incident-inc-1@freeze-calendar.changeboard',
    ]);
    for (const { component } of events) expect(component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-11-25T10:00:00Z');
    // The same data gives the same UIDs: apps update events rather than duplicate them.
    expect(parse(freezeCalendarIcs(FEED, new Date('2026-11-26T10:00:00Z'))).events.map(({ event }) => event.uid)).toEqual(events.map(({ event }) => event.uid));
  });

  test('weekly windows are expanded occurrences at UTC instants', () => {
    const { event } = events[0]!;
    expect(event.startDate.zone.tzid).toBe('UTC');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-27T14:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(event.summary).toBe('Weekly freeze: standard, normal and major changes');
    expect(event.description).toContain('Friday 15:00 → Monday 09:00 (Europe/Berlin)');
    expect(event.isRecurring()).toBe(false);
  });

  test('holidays are all-day events on their local date, escaped and round-tripped', () => {
    const { event, component } = events[1]!;
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2026-12-25');
    expect(event.endDate.toString()).toBe('2026-12-26');
    expect(event.summary).toBe('Company holiday: Christmas Day; offices closed, all of them');
    expect(text).toContain('Christmas Day\\; offices closed\\, all of them');
    expect(component.getFirstPropertyValue('sequence')).toBe(2);
  });

  test('declared freezes are timed events with their scope in the description', () => {
    const { event } = events[2]!;
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-26T23:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-28T23:00:00.000Z');
    expect(event.summary).toBe(`Declared freeze: ${FEED.declaredFreezes[0]!.reason}`);
    expect(event.description).toContain('Scope: Checkout, Payments; all environments.');
  });

  test('instants with milliseconds widen to whole seconds, so an event never ends before its freeze', () => {
    const freeze = { ...FEED.declaredFreezes[0]!, start: new Date('2026-11-26T23:00:00.900Z'), end: new Date('2026-11-28T23:00:00.100Z') };
    const { event } = parse(freezeCalendarIcs({ ...FEED, weeklyWindows: [], holidays: [], incidents: [], declaredFreezes: [freeze] }, STAMP)).events[0]!;
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-26T23:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-28T23:00:01.000Z');
  });

  test('a blocking incident shows its severity, and an ongoing one says so', () => {
    const { event } = events[3]!;
    expect(event.summary).toBe('SEV1 incident INC-7 (ongoing): Checkout down');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });

  test('an empty calendar is still a valid feed', () => {
    const empty = freezeCalendarIcs({ ...FEED, weeklyWindows: [], holidays: [], declaredFreezes: [], incidents: [] }, STAMP);
    expect(parse(empty).events).toEqual([]);
  });
});
