// When the gate would have said no (CTRL-012.2): the weekly windows of the policy in force, holidays
// and declared freezes that hold every service in production, as merged time ranges per class. A
// production deploy of a held class is moved to the end of the range it fell in, so every generated
// gate `allow` is one the gate could have given.
import { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import type { ScaleReference } from '@/lib/server/scale-data/reference-data';
import type { WorkCalendar } from '@/lib/server/scale-data/work-calendar';

const HELD_BY_CALENDAR = ['standard', 'normal', 'major'];

/**
 * Fills the transaction's temporary table `scale_freeze` (class, range) for the whole history plus a
 * margin for work that runs past its end. Ranges of one class are merged, so the end of the range an
 * instant falls in is never frozen itself.
 * Assumption: freezes scoped to some services do not hold the scale teams' services (they did not exist).
 */
export async function createFreezeTable(tx: Tx, reference: ScaleReference, calendar: WorkCalendar): Promise<void> {
  await tx.$executeRaw`CREATE TEMPORARY TABLE scale_freeze (change_class "ChangeClass" NOT NULL, period tstzrange NOT NULL) ON COMMIT DROP`;
  const windows = reference.policy.windows;
  const zone = calendar.timeZone;
  await tx.$executeRaw`
    INSERT INTO scale_freeze (change_class, period)
    SELECT held.change_class::"ChangeClass", unnest(range_agg(held.period))
    FROM (
      SELECT w.change_class, tstzrange(o.starts_at, o.ends_at) AS period
      FROM unnest(${windows.map((window) => window.changeClass)}::text[], ${windows.map((window) => String(window.startMinute))}::text[]::int[],
                  ${windows.map((window) => String(window.lengthMinutes))}::text[]::int[]) AS w(change_class, start_minute, length_minutes)
      CROSS JOIN generate_series(-1, ${calendar.weeks + 10}::int) AS week(n)
      CROSS JOIN LATERAL (SELECT ${calendar.anchorLocal}::timestamp + (week.n * 7) * interval '1 day' + w.start_minute * interval '1 minute' AS local_start) s
      CROSS JOIN LATERAL (SELECT s.local_start AT TIME ZONE ${zone} AS starts_at, (s.local_start + w.length_minutes * interval '1 minute') AT TIME ZONE ${zone} AS ends_at) o
      WHERE o.ends_at > o.starts_at
      UNION ALL
      SELECT c.change_class, tstzrange(h.date::timestamp AT TIME ZONE ${zone}, (h.date + 1)::timestamp AT TIME ZONE ${zone})
      FROM holiday h CROSS JOIN unnest(${HELD_BY_CALENDAR}::text[]) AS c(change_class)
      UNION ALL
      SELECT c.change_class, tstzrange(f.starts_at, f.ends_at)
      FROM declared_freeze f CROSS JOIN unnest(${HELD_BY_CALENDAR}::text[]) AS c(change_class)
      WHERE f.ends_at > f.starts_at
        AND NOT EXISTS (SELECT 1 FROM declared_freeze_service s WHERE s.declared_freeze_id = f.id)
        AND (NOT EXISTS (SELECT 1 FROM declared_freeze_environment e WHERE e.declared_freeze_id = f.id)
             OR EXISTS (SELECT 1 FROM declared_freeze_environment e WHERE e.declared_freeze_id = f.id AND e.environment_id = ${reference.productionId}::uuid))
    ) held
    GROUP BY held.change_class`;
  await tx.$executeRaw`CREATE INDEX ON scale_freeze USING gist (period)`;
  await tx.$executeRaw`ANALYZE scale_freeze`;
}

/** The end of the freeze holding `changeClass` at `instant`, or NULL when the gate is open then. */
export function freezeEndSql(changeClass: Prisma.Sql, instant: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT upper(f.period) FROM scale_freeze f WHERE f.period @> (${instant}) AND f.change_class = (${changeClass}) LIMIT 1)`;
}
