// When changes are filed: evenly over the history's *working* time, so that a fixed recent period
// holds about the same number of changes whatever the history's length, while nights and weekends
// stay quiet as in a real organisation (and lead times are not dominated by weekend freezes).
import { Prisma } from '@/lib/generated/prisma/client';
import type { Db } from '@/lib/server/db';

const HOURS_PER_WEEK = 168;
const SECONDS_PER_WEEK = 7 * 86_400;

/**
 * How busy each hour of the local week is, Sunday 00:00 first. Assumption: office hours Monday to
 * Friday 08:00–18:00 carry most of the work, evenings some, nights and weekends little.
 */
function hourWeight(hourOfWeek: number): number {
  const day = Math.floor(hourOfWeek / 24);
  const hour = hourOfWeek % 24;
  const isWeekend = day === 0 || day === 6;
  if (isWeekend) return hour >= 9 && hour < 19 ? 0.06 : 0.01;
  if (hour >= 8 && hour < 18) return 1;
  if (hour >= 6 && hour < 22) return 0.2;
  return 0.03;
}

export const HOUR_WEIGHTS: readonly number[] = Array.from({ length: HOURS_PER_WEEK }, (_, hour) => hourWeight(hour));
/** Cumulative weight at the start of each hour of the week. */
const HOUR_STARTS: readonly number[] = HOUR_WEIGHTS.reduce<number[]>((starts, weight, hour) => [...starts, hour === 0 ? 0 : starts[hour - 1]! + HOUR_WEIGHTS[hour - 1]!], []);
const WEEK_WEIGHT = HOUR_WEIGHTS.reduce((sum, weight) => sum + weight, 0);

export type WorkCalendar = {
  timeZone: string;
  /** Local Sunday 00:00 on or before the history's start, `YYYY-MM-DDTHH:MI:SS` (wall time of the zone). */
  anchorLocal: string;
  /** Cumulative working weight from the anchor to the history's start and to its end. */
  startWeight: number;
  endWeight: number;
  /** Weeks from the anchor to the end of the history. */
  weeks: number;
};

/** Working weight accumulated `seconds` after the anchor. */
function weightAfter(seconds: number): number {
  const weeks = Math.floor(seconds / SECONDS_PER_WEEK);
  const hours = (seconds - weeks * SECONDS_PER_WEEK) / 3600;
  const hour = Math.min(HOURS_PER_WEEK - 1, Math.floor(hours));
  return weeks * WEEK_WEIGHT + HOUR_STARTS[hour]! + (hours - hour) * HOUR_WEIGHTS[hour]!;
}

/** The calendar of a history [start, end) in the policy's zone (the database does the zone maths). */
export async function workCalendar(db: Db, start: Date, end: Date, timeZone: string): Promise<WorkCalendar> {
  const [row] = await db.$queryRaw<{ anchor: string; start_seconds: number; end_seconds: number }[]>`
    SELECT to_char(a.anchor, 'YYYY-MM-DD"T"HH24:MI:SS') AS anchor,
      extract(epoch FROM x.start_local - a.anchor)::float8 AS start_seconds, extract(epoch FROM x.end_local - a.anchor)::float8 AS end_seconds
    FROM (SELECT ${start}::timestamptz AT TIME ZONE ${timeZone} AS start_local, ${end}::timestamptz AT TIME ZONE ${timeZone} AS end_local) x
    CROSS JOIN LATERAL (SELECT date_trunc('week', x.start_local + interval '1 day') - interval '1 day' AS anchor) a`;
  if (!row) throw new Error('The database did not answer the calendar query.');
  return {
    timeZone,
    anchorLocal: row.anchor,
    startWeight: weightAfter(row.start_seconds),
    endWeight: weightAfter(row.end_seconds),
    weeks: Math.ceil(row.end_seconds / SECONDS_PER_WEEK) + 1,
  };
}

/**
 * The instant at which change `index` (1…total, an SQL expression) was filed: its slot of the
 * working time plus `jitter` (a uniform in [0, 1)) inside the slot, so instants grow with the index.
 */
export function filedAtSql(calendar: WorkCalendar, index: Prisma.Sql, total: number, jitter: Prisma.Sql): Prisma.Sql {
  const hourStarts = Prisma.sql`${HOUR_STARTS.map(String)}::text[]::float8[]`;
  const hourWeights = Prisma.sql`${HOUR_WEIGHTS.map(String)}::text[]::float8[]`;
  return Prisma.sql`(SELECT (${calendar.anchorLocal}::timestamp + (w.weeks * 7) * interval '1 day'
        + ((h.hour - 1) + (r.rest - (${hourStarts})[h.hour]) / (${hourWeights})[h.hour]) * interval '1 hour') AT TIME ZONE ${calendar.timeZone}
      FROM (SELECT ${calendar.startWeight}::float8 + ((${index}) - 1 + ${jitter}) / ${total}::float8 * ${calendar.endWeight - calendar.startWeight}::float8 AS weight) c
      CROSS JOIN LATERAL (SELECT floor(c.weight / ${WEEK_WEIGHT}::float8) AS weeks) w
      CROSS JOIN LATERAL (SELECT c.weight - w.weeks * ${WEEK_WEIGHT}::float8 AS rest) r
      CROSS JOIN LATERAL (SELECT width_bucket(r.rest, ${hourStarts}) AS hour) h)`;
}
