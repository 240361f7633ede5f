// The freeze calendar as an iCalendar feed (RFC 5545), for Google Calendar, Outlook and Apple Calendar.
// ical.js writes the text: line folding at 75 characters, CRLF line ends, and TEXT escaping.
import ICAL from 'ical.js';
import { describeClasses } from '@/lib/policy/freeze-calendar';
import { describeWeeklyWindow } from '@/lib/policy/policy-settings';
import { SEVERITY_LABEL } from '@/lib/policy/incident';
import type { FreezeFeedData } from '@/lib/server/calendar/calendar-view';
import { addCalendarDays } from '@/lib/time/local-day';

export const FREEZE_CALENDAR_NAME = 'Changeboard freeze calendar';

// UIDs must be globally unique and stable per item, so a calendar app updates an event instead of
// duplicating it on each refresh: the kind and the row's id (or the window and its start) do both.
const UID_DOMAIN = 'freeze-calendar.changeboard';

const SECOND_MS = 1000;
const utc = (at: Date) => ICAL.Time.fromJSDate(at, true);
// iCalendar times have whole seconds and instants here have milliseconds: a published span is widened
// to whole seconds (start down, end up), so the event always covers the freeze and never ends early.
const utcFloor = (at: Date) => utc(new Date(Math.floor(at.getTime() / SECOND_MS) * SECOND_MS));
const utcCeil = (at: Date) => utc(new Date(Math.ceil(at.getTime() / SECOND_MS) * SECOND_MS));
const compactUtc = (at: Date) => at.toISOString().replace(/[-:]|\.\d{3}/g, '');

type EventFields = {
  uid: string;
  summary: string;
  description: string;
  /** Timed events: UTC instants. All-day events: local dates (`YYYY-MM-DD`), the end exclusive. */
  start: Date | string;
  end: Date | string;
  /** Bumped on each edit of the source row, so apps that cache events take the new one. */
  sequence?: number;
  categories: string;
};

function event(fields: EventFields, stamp: Date): InstanceType<typeof ICAL.Component> {
  const component = new ICAL.Component('vevent');
  component.addPropertyWithValue('uid', `${fields.uid}@${UID_DOMAIN}`);
  component.addPropertyWithValue('dtstamp', utc(stamp));
  // Dates are VALUE=DATE (a whole local day, as holidays are); instants are UTC with a Z, which every
  // app reads without a VTIMEZONE and shows in its user's zone.
  component.addPropertyWithValue('dtstart', typeof fields.start === 'string' ? ICAL.Time.fromDateString(fields.start) : utcFloor(fields.start));
  component.addPropertyWithValue('dtend', typeof fields.end === 'string' ? ICAL.Time.fromDateString(fields.end) : utcCeil(fields.end));
  component.addPropertyWithValue('summary', fields.summary);
  component.addPropertyWithValue('description', fields.description);
  component.addPropertyWithValue('categories', fields.categories);
  // A freeze is not a meeting: subscribers stay free for scheduling.
  component.addPropertyWithValue('transp', 'TRANSPARENT');
  if (fields.sequence !== undefined) component.addPropertyWithValue('sequence', fields.sequence);
  return component;
}

/**
 * The feed's text. Weekly windows are published as their expanded occurrences (UTC instants) within
 * the feed's bounded range, not as one RRULE event: an RRULE in the policy zone needs a VTIMEZONE that
 * each app reads differently (Outlook ignores X-WR-TIMEZONE, and a floating or UTC rule drifts an hour
 * across DST), whereas expanded instants match the gate to the minute in every app, DST included.
 */
export function freezeCalendarIcs(feed: FreezeFeedData, stamp: Date): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.addPropertyWithValue('prodid', '-//Changeboard//Freeze calendar//EN');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('method', 'PUBLISH');
  calendar.addPropertyWithValue('x-wr-calname', FREEZE_CALENDAR_NAME);
  calendar.addPropertyWithValue('x-wr-caldesc', `When production is frozen under POL-012 CTRL-012.2. Times are read in ${feed.timeZone}.`);
  // Informational: the app's default zone for display. Events carry UTC instants or dates, so no VTIMEZONE is needed.
  calendar.addPropertyWithValue('x-wr-timezone', feed.timeZone);
  // Apps that honour them poll hourly, so a newly declared freeze shows up the same hour.
  calendar.addPropertyWithValue('x-published-ttl', 'PT1H');
  calendar.addPropertyWithValue('refresh-interval', ICAL.Duration.fromString('PT1H')).setParameter('value', 'DURATION');

  const zone = feed.timeZone;
  for (const occurrence of feed.weeklyWindows) {
    const rule = describeWeeklyWindow(occurrence.window);
    calendar.addSubcomponent(event({
      uid: `weekly-window-${occurrence.window.startDay}${occurrence.window.startTime.replace(':', '')}-${occurrence.window.endDay}${occurrence.window.endTime.replace(':', '')}-${compactUtc(occurrence.start)}`,
      summary: `Weekly freeze: ${describeClasses(occurrence.window.classes)} changes`,
      description: `Weekly freeze window ${rule} (${zone}): ${describeClasses(occurrence.window.classes)} changes do not deploy to production. Emergency changes may. POL-012 CTRL-012.2.`,
      start: occurrence.start, end: occurrence.end, categories: 'Weekly freeze',
    }, stamp));
  }
  for (const holiday of feed.holidays) {
    calendar.addSubcomponent(event({
      uid: `holiday-${holiday.id}`,
      summary: `Company holiday: ${holiday.name}`,
      description: `${holiday.name}, the whole day ${holiday.date} in ${zone}: only emergency changes deploy. POL-012 CTRL-012.2.`,
      start: holiday.date, end: addCalendarDays(holiday.date, 1), sequence: holiday.version - 1, categories: 'Holiday',
    }, stamp));
  }
  for (const freeze of feed.declaredFreezes) {
    const services = freeze.serviceNames.length > 0 ? freeze.serviceNames.join(', ') : 'all services';
    const environments = freeze.environmentNames.length > 0 ? freeze.environmentNames.join(', ') : 'all environments';
    calendar.addSubcomponent(event({
      uid: `declared-freeze-${freeze.id}`,
      summary: `Declared freeze: ${freeze.reason}`,
      description: `${freeze.reason}. Only emergency changes deploy. Scope: ${services}; ${environments}. POL-012 CTRL-012.2.`,
      start: freeze.start, end: freeze.end, sequence: freeze.version - 1, categories: 'Declared freeze',
    }, stamp));
  }
  for (const incident of feed.incidents) {
    const severity = SEVERITY_LABEL[incident.severity];
    calendar.addSubcomponent(event({
      uid: `incident-${incident.id}`,
      summary: `${severity} incident ${incident.reference}${incident.isOngoing ? ' (ongoing)' : ''}: ${incident.title}`,
      // An ongoing incident's end is unknown: the event ends when the feed was read and grows on each refresh.
      description: `${severity} incident ${incident.reference}: ${incident.title}. While it is active, only changes linked to it as its fix deploy. POL-012 CTRL-012.2.${incident.isOngoing ? ' Still ongoing when this feed was read.' : ''}`,
      start: incident.start, end: incident.end > incident.start ? incident.end : new Date(incident.start.getTime() + 60_000), categories: 'Incident',
    }, stamp));
  }
  // RFC 5545 ends every content line with CRLF, the last one included.
  return `${calendar.toString()}\r\n`;
}

