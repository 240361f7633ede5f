// Wall-clock time in an IANA zone: reading an instant's local time, and finding the instant a local
// time is reached. Pure: the zone is always an argument; the server's own zone is never used.
import { weekdayOfDate } from '@/lib/time/local-day';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// An IANA name (`Europe/Berlin`, `UTC`, `Etc/GMT+5`), not an offset such as `+01:00`, which newer
// runtimes also accept as a zone but which has no daylight saving and is not what a policy means.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    if (!ZONE_NAME.test(timeZone)) throw new RangeError(`Unknown time zone "${timeZone}": use an IANA name such as Europe/Berlin.`);
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
      });
    } catch {
      throw new RangeError(`Unknown time zone "${timeZone}": use an IANA name such as Europe/Berlin.`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `name` is an IANA time zone this runtime knows (aliases such as `US/Eastern` included). */
export function isTimeZone(name: string): boolean {
  try {
    partsFormatter(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * The local wall-clock reading at an instant, written as milliseconds since 1970-01-01 00:00 *local*
 * (as if the local time were UTC). Differences of these are local-time differences, not elapsed time.
 */
export function wallClockMs(at: Date | number, timeZone: string): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid instant.');
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  // Zone offsets are whole seconds, so the millisecond is the same locally and in UTC.
  const millisecond = ((ms % 1000) + 1000) % 1000;
  return Date.UTC(year, month - 1, day, hour % 24, minute, second, millisecond);
}

export type WallTime = {
  /** Local calendar date, `YYYY-MM-DD`. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Local milliseconds since local midnight (a DST day still counts from 00:00 as the clock reads). */
  msOfDay: number;
};

/** The local date, weekday and time of day at an instant in a zone. */
export function wallTime(at: Date, timeZone: string): WallTime {
  const wall = wallClockMs(at, timeZone);
  const date = new Date(wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS)).toISOString().slice(0, 10);
  return { date, weekday: weekdayOfDate(date), msOfDay: ((wall % DAY_MS) + DAY_MS) % DAY_MS };
}

/**
 * The first instant at which the wall clock in `timeZone` reads `date` at `minuteOfDay` or later.
 * Usually the one instant showing that time. In a DST overlap (the clock goes back) the time shows
 * twice: this is its first occurrence, so a boundary is crossed once, not twice. In a DST gap (the
 * clock jumps forward over it) no instant shows it: this is the jump itself, when the clock first
 * reads later than the time, so a boundary inside the gap still takes effect on that day.
 */
export function firstInstantAtWallTime(date: string, minuteOfDay: number, timeZone: string): Date {
  const { target, showing, offsetBefore, offsetAfter } = instantsShowing(date, minuteOfDay, timeZone);
  if (showing.length > 0) return new Date(Math.min(...showing));
  return new Date(firstInstantReaching(target, target - offsetAfter, target - offsetBefore, timeZone));
}

/**
 * The one instant at which the wall clock reads this local time, or null when it never does (a DST
 * gap) or does twice (a DST overlap): a person's input that names no single instant is refused.
 */
export function uniqueInstantAtWallTime(date: string, minuteOfDay: number, timeZone: string): Date | null {
  const { showing } = instantsShowing(date, minuteOfDay, timeZone);
  return showing.length === 1 ? new Date(showing[0]!) : null;
}

function instantsShowing(date: string, minuteOfDay: number, timeZone: string) {
  const target = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MINUTE_MS;
  // Every zone changes its offset at most once within a day of any moment, so the offsets a day
  // before and a day after are the only candidates.
  const offsetBefore = wallClockMs(target - DAY_MS, timeZone) - (target - DAY_MS);
  const offsetAfter = wallClockMs(target + DAY_MS, timeZone) - (target + DAY_MS);
  const showing = [...new Set([target - offsetBefore, target - offsetAfter])].filter((instant) => wallClockMs(instant, timeZone) === target);
  return { target, showing, offsetBefore, offsetAfter };
}

/** Binary search, to the millisecond, for the jump over a DST gap: `from` reads before `target`, `to` after. */
function firstInstantReaching(target: number, from: number, to: number, timeZone: string): number {
  let before = from;
  let after = to;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (wallClockMs(middle, timeZone) >= target) after = middle;
    else before = middle;
  }
  return after;
}
