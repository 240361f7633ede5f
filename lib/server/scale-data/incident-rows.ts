// Incidents of a planned chunk: about one per 150 changes, started after the production deploy of the
// change that caused it, usually resolved within hours, often by a later change of the same team
// linked as its fix. Only SEV3/SEV4 incidents may still be open at the run's instant: an active
// SEV1/SEV2 would hold every other deploy at the gate.
import { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import { MANAGER_SLOT, USERS_PER_TEAM, type ScaleReference } from '@/lib/server/scale-data/reference-data';
import { addRows, type RowCounts } from '@/lib/server/scale-data/change-rows';
import { logNormalMinutes, pick, uniform, type Stream } from '@/lib/server/scale-data/seeded-random-sql';

const SYMPTOMS = ['elevated error rate', 'latency spike', 'failed checkouts', 'queue backlog', 'partial outage', 'memory pressure', 'stale cache reads', 'timeouts to the database'];

export async function insertIncidents(tx: Tx, reference: ScaleReference, seed: number, at: Date, counts: RowCounts): Promise<void> {
  const u = (stream: Stream) => uniform(seed, stream, Prisma.sql`p.i`);
  const people = reference.teams.ids.length * USERS_PER_TEAM;
  const nowAt = Prisma.sql`${at}::timestamptz`;
  await tx.$executeRaw`
    CREATE TEMPORARY TABLE scale_incident (
      id uuid NOT NULL, change_id uuid NOT NULL, service_id uuid NOT NULL, severity "Severity" NOT NULL, started_at timestamptz NOT NULL,
      resolved_at timestamptz, commander_id uuid NOT NULL, title text NOT NULL, fixer_id uuid
    ) ON COMMIT DROP`;
  await tx.$executeRaw`
    INSERT INTO scale_incident
    SELECT p.incident_id, p.id, p.svc1_id, k.severity, p.incident_start,
      CASE WHEN k.severity IN ('sev1', 'sev2') THEN least(z.resolves_at, ${nowAt} - interval '1 minute')
           WHEN z.resolves_at <= ${nowAt} THEN z.resolves_at END,
      (${reference.userIds}::text[]::uuid[])[1 + CASE WHEN ${u('commander')} < 0.5 THEN p.team * ${USERS_PER_TEAM} + ${MANAGER_SLOT} ELSE floor(${u('commanderPick')} * ${people})::int END],
      'Scale incident: ' || ${pick(SYMPTOMS, u('symptom'))} || ' on ' || p.svc1_slug,
      fix.id
    FROM scale_plan p
    CROSS JOIN LATERAL (SELECT CASE WHEN ${u('severity')} < 0.05 THEN 'sev1' WHEN ${u('severity')} < 0.25 THEN 'sev2' WHEN ${u('severity')} < 0.7 THEN 'sev3' ELSE 'sev4' END::"Severity" AS severity) k
    -- About half are fixed by the team's next change that reaches production within hours of the start.
    LEFT JOIN LATERAL (
      SELECT q.id, q.reached_at FROM scale_plan q
      WHERE q.team = p.team AND q.created_at > p.incident_start AND q.reached_at IS NOT NULL AND q.reached_at <= p.incident_start + interval '12 hours'
      ORDER BY q.created_at LIMIT 1
    ) fix ON ${u('fixer')} < 0.55
    CROSS JOIN LATERAL (SELECT CASE WHEN fix.id IS NOT NULL THEN fix.reached_at + ${u('fixDelay')} * interval '25 minutes' + interval '5 minutes'
      ELSE p.incident_start + ${logNormalMinutes(seed, 'incidentDuration', 'incidentDurationAngle', Prisma.sql`p.i`,
        Prisma.sql`(CASE k.severity WHEN 'sev1' THEN 60 WHEN 'sev2' THEN 120 WHEN 'sev3' THEN 240 ELSE 480 END)::float8`, 0.8, 1440)} * interval '1 minute' END AS resolves_at) z
    WHERE p.has_incident`;
  // Numbers come from the incident sequence (DEFAULT), in the order the incidents started.
  addRows(counts, 'incident', await tx.$executeRaw`
    INSERT INTO incident (id, title, summary, severity, started_at, resolved_at, commander_id, version, created_at)
    SELECT x.id, x.title, 'Began after CHG-' || c.number || ' reached production' || CASE WHEN x.fixer_id IS NULL THEN '; mitigated by rolling back config.' ELSE '; fixed by a follow-up change.' END,
      x.severity, x.started_at, x.resolved_at, x.commander_id, CASE WHEN x.resolved_at IS NULL THEN 1 ELSE 2 END, x.started_at + interval '3 minutes'
    FROM scale_incident x JOIN change_request c ON c.id = x.change_id
    ORDER BY x.started_at`);
  addRows(counts, 'incident_service', await tx.$executeRaw`INSERT INTO incident_service (incident_id, service_id) SELECT x.id, x.service_id FROM scale_incident x`);
  addRows(counts, 'change_incident', await tx.$executeRaw`
    INSERT INTO change_incident (change_request_id, incident_id, link)
    SELECT x.change_id, x.id, 'caused'::"ChangeIncidentLink" FROM scale_incident x
    UNION ALL
    SELECT x.fixer_id, x.id, 'fixes'::"ChangeIncidentLink" FROM scale_incident x WHERE x.fixer_id IS NOT NULL`);
}
