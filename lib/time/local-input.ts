// `datetime-local` form inputs carry no zone: people type local times in the policy's zone.
import { isCalendarDate } from '@/lib/time/local-day';
import { uniqueInstantAtWallTime, wallClockMs } from '@/lib/time/zoned';

const LOCAL_INPUT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The instant a `YYYY-MM-DDTHH:MM` input names in the zone, as ISO 8601 UTC. Blank is null. Text
 * that names no single instant (malformed, an impossible date, a time skipped or repeated by a
 * daylight-saving change) is returned as it is, so the instant schema refuses it with its message.
 */
export function localInputToIso(value: string, timeZone: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  const match = LOCAL_INPUT.exec(text);
  if (!match || !isCalendarDate(match[1]!)) return text;
  const instant = uniqueInstantAtWallTime(match[1]!, Number(match[2]) * 60 + Number(match[3]), timeZone);
  return instant ? instant.toISOString() : text;
}

/** The `datetime-local` value showing an instant in the zone. */
export function isoToLocalInput(at: Date, timeZone: string): string {
  return new Date(wallClockMs(at, timeZone)).toISOString().slice(0, 16);
}
