// The one formatter of instants for people: always in the policy's zone, with the zone named.
// APIs, CSV and audit JSON use ISO 8601 UTC instead (toISOString).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, cached);
  }
  return cached;
}

/** `Fri 6 Mar 2026, 15:00 GMT-5`-style text in the given IANA zone. */
export function formatInstant(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/** `15:00`: the local time of day in the given IANA zone, for lists that name the zone once (a calendar). */
export function formatTimeOfDay(at: Date, timeZone: string): string {
  let cached = timeFormatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormatters.set(timeZone, cached);
  }
  return cached.format(at);
}

// A calendar date names no instant, so it is formatted as the date itself (read in UTC, where it is midnight).
const dateFormatter = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const monthFormatter = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** `Fri 27 Nov 2026` for a local calendar date (`YYYY-MM-DD`), whatever the zone. */
export function formatCalendarDate(date: string): string {
  const parts = Object.fromEntries(dateFormatter.formatToParts(new Date(`${date}T00:00:00Z`)).map((part) => [part.type, part.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/** `November 2026` for the month holding a calendar date. */
export function formatCalendarMonth(date: string): string {
  return monthFormatter.format(new Date(`${date}T00:00:00Z`));
}
