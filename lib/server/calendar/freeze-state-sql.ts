// What the deploy gate (lib/server/gate/check-gate.ts) and the freeze banner (freeze-status.ts) both
// read of the freeze calendar (CTRL-012.2): the same range and the same blocking incidents, as
// fragments of their ONE statement each, so the two always name the same freezes and the same opening.
import { z } from 'zod';
import { Prisma } from '@/lib/generated/prisma/client';
import { BLOCKING_SEVERITIES } from '@/lib/policy/freeze-window';
import { INCIDENT_SEVERITIES } from '@/lib/policy/incident';

const DAY_MS = 86_400_000;
/** How far ahead holidays and declared freezes are read, for the next opening (see the gate's Assumption on it). */
const LOOKAHEAD_DAYS = 30;
// Holidays are local dates in the policy zone, which is read in the same statement: UTC dates two
// days wider either side cover every zone offset (at most ±14 h).
const HOLIDAY_MARGIN_DAYS = 2;

const utcDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * The part of the calendar read at `at`: holidays as UTC dates `holidaysFrom`–`holidaysTo` (inclusive,
 * `YYYY-MM-DD`), declared freezes overlapping [`at`, `horizon`).
 */
export function calendarReadRange(at: Date) {
  const time = at.getTime();
  return {
    holidaysFrom: utcDate(time - HOLIDAY_MARGIN_DAYS * DAY_MS),
    holidaysTo: utcDate(time + (LOOKAHEAD_DAYS + HOLIDAY_MARGIN_DAYS) * DAY_MS),
    horizon: new Date(time + LOOKAHEAD_DAYS * DAY_MS),
  };
}

/** A JSON array of the incidents that hold deploys at `at`: blocking severity, started, not yet resolved. */
export function blockingIncidentsJson(at: Date): Prisma.Sql {
  return Prisma.sql`COALESCE((SELECT json_agg(json_build_object('id', i.id, 'number', i.number, 'severity', i.severity, 'startedAt', i.started_at, 'resolvedAt', i.resolved_at))
          FROM incident i
          WHERE i.severity::text = ANY(${[...BLOCKING_SEVERITIES]}::text[]) AND i.started_at <= ${at} AND (i.resolved_at IS NULL OR i.resolved_at > ${at})), '[]')`;
}

// Instants come back from json_build_object as ISO 8601 text with an offset (timestamptz(3): exact ms).
export const ZInstantText = z.string().transform((text, ctx) => {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) ctx.addIssue({ code: 'custom', message: `Not an instant: ${text}` });
  return date;
});

/** One row of blockingIncidentsJson. */
export const ZBlockingIncidentRow = z.object({ id: z.string(), number: z.number().int(), severity: z.enum(INCIDENT_SEVERITIES), startedAt: ZInstantText, resolvedAt: ZInstantText.nullable() });
