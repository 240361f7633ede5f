// Migration plans (CTRL-012.3) of about 5 % of a planned chunk's changes, with each type's complete
// details (as lib/schemas/migration-plan.ts reads them), executed next to the change's production
// deploy: mostly succeeded, some rolled back; still planned or running for changes not deployed yet.
import { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import type { ScaleReference } from '@/lib/server/scale-data/reference-data';
import { addRows, type RowCounts } from '@/lib/server/scale-data/change-rows';
import { newIdSql } from '@/lib/server/scale-data/row-ids';
import { uniform, type Stream } from '@/lib/server/scale-data/seeded-random-sql';

export const MIGRATION_SHARE = 0.05;

const iso = (instant: Prisma.Sql) => Prisma.sql`to_char((${instant}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function insertMigrationPlans(tx: Tx, reference: ScaleReference, seed: number, at: Date, counts: RowCounts): Promise<void> {
  const u = (stream: Stream) => uniform(seed, stream, Prisma.sql`p.i`);
  const nowAt = Prisma.sql`${at}::timestamptz`;
  const phase = (status: string, startedAt: Prisma.Sql | null, finishedAt: Prisma.Sql | null, reason: string | null) =>
    Prisma.sql`jsonb_build_object('status', ${status}::text, 'startedAt', ${startedAt ? iso(startedAt) : Prisma.sql`NULL::text`},
      'finishedAt', ${finishedAt ? iso(finishedAt) : Prisma.sql`NULL::text`}, 'reason', ${reason}::text)`;
  const e = Prisma.sql`m.executed_at`;
  const later = (minutes: number) => Prisma.sql`(${e} + ${minutes}::int * interval '1 minute')`;
  const pending = phase('pending', null, null, null);
  const rollbackReason = 'Error rate rose above the success criteria; rolled back.';
  addRows(counts, 'migration_plan', await tx.$executeRaw`
    INSERT INTO migration_plan (id, change_request_id, type, title, status, details, rollback_plan, success_criteria, monitoring, communication_plan,
      executed_at, outcome_reason, version, created_at)
    SELECT ${newIdSql(reference, Prisma.sql`m.created_at`)}, p.id, m.type, m.title, m.status,
      CASE m.type
        WHEN 'schema_additive' THEN jsonb_build_object('isBackwardCompatible', true,
          'stagingTest', 'Applied on the staging copy of production (' || (5 + p.i % 60) || 'M rows) in ' || (2 + p.i % 9) || ' s; no lock waits.')
        WHEN 'schema_breaking' THEN jsonb_build_object('consumers', p.svc1_slug || ' readers, reporting exports', 'isConsumersCoordinated', true,
          'phases', CASE m.status
            WHEN 'succeeded' THEN jsonb_build_object('expand', ${phase('succeeded', e, later(5), null)}, 'migrate', ${phase('succeeded', later(10), later(40), null)},
              'contract', ${phase('succeeded', later(60), later(70), null)})
            WHEN 'rolled_back' THEN jsonb_build_object('expand', ${phase('succeeded', e, later(5), null)}, 'migrate', ${phase('rolled_back', later(10), later(25), rollbackReason)},
              'contract', ${pending})
            WHEN 'running' THEN jsonb_build_object('expand', ${phase('running', e, null, null)}, 'migrate', ${pending}, 'contract', ${pending})
            ELSE jsonb_build_object('expand', ${pending}, 'migrate', ${pending}, 'contract', ${pending}) END)
        WHEN 'data_backfill' THEN jsonb_build_object('batchSize', 1000 * (1 + p.i % 10), 'rateLimit', (10 + p.i % 40) || ' batches a minute',
          'resumeStrategy', 'Keyset on the primary key; restarts from the last committed id.',
          'dryRun', CASE WHEN m.status <> 'planned' OR ${u('migrationDetail')} < 0.5 THEN jsonb_build_object('ranAt',
            ${iso(Prisma.sql`CASE WHEN m.status = 'planned' THEN least(m.created_at + interval '5 minutes', ${nowAt}) ELSE m.created_at + (m.executed_at - m.created_at) / 2 END`)},
            'outcome', 'succeeded', 'notes', 'Dry run on a production snapshot: no errors, ' || (20 + p.i % 80) || ' minutes.', 'recordedById', p.author_id::text) END)
        WHEN 'infrastructure' THEN jsonb_build_object('rolloutStrategy', CASE WHEN ${u('migrationDetail')} < 0.6 THEN 'canary' ELSE 'blue_green' END,
          'stagingTest', 'Rolled out on staging first; health checks and error rate flat for an hour.')
        ELSE jsonb_build_object('adrUrl', 'https://git.example.com/' || p.team_slug || '/adr/blob/main/migration-' || p.i || '.md',
          'incrementalPlan', 'One module at a time behind an adapter; one service a week.', 'isCoexistenceConfirmed', true) END,
      'Roll back with the down script; the previous build still reads the old shape.', 'Error rate and p95 latency unchanged for an hour after the run.',
      p.svc1_slug || ' dashboard: error rate, p95 latency, lock waits.', 'Announced in #' || p.team_slug || '-changes a day ahead.',
      CASE WHEN m.status <> 'planned' THEN m.executed_at END, CASE WHEN m.status = 'rolled_back' THEN ${rollbackReason} END,
      1 + (m.status <> 'planned')::int + (m.status IN ('succeeded', 'rolled_back'))::int, m.created_at
    FROM scale_plan p
    CROSS JOIN LATERAL (SELECT
        CASE WHEN ${u('migrationType')} < 0.4 THEN 'schema_additive' WHEN ${u('migrationType')} < 0.55 THEN 'schema_breaking' WHEN ${u('migrationType')} < 0.75 THEN 'data_backfill'
             WHEN ${u('migrationType')} < 0.9 THEN 'infrastructure' ELSE 'framework' END::"MigrationType" AS type,
        -- Written with the change, before it was submitted.
        p.created_at + (least(coalesce(p.submitted_at, ${nowAt}), ${nowAt}) - p.created_at) * (0.2 + 0.7 * ${u('migrationLead')}) AS created_at,
        CASE WHEN p.p1_inc THEN p.p1_start + ${u('migrationLead')} * interval '9 minutes' + interval '1 minute'
             -- Started once the change was approved.
             ELSE least(greatest(p.a1_at, CASE WHEN p.change_class IN ('normal', 'major') THEN p.a2_at END) + interval '10 minutes', ${nowAt}) END AS executed_at) m0
    CROSS JOIN LATERAL (SELECT m0.type, m0.created_at, m0.executed_at,
        CASE m0.type WHEN 'schema_additive' THEN 'Add a nullable column to the ' WHEN 'schema_breaking' THEN 'Rename a column of the '
          WHEN 'data_backfill' THEN 'Backfill the new column of the ' WHEN 'infrastructure' THEN 'Move to new database nodes for the ' ELSE 'Upgrade the web framework of the ' END
          || p.svc1_slug || ' store (' || p.i || ')' AS title,
        CASE
          WHEN p.p1_inc AND m0.executed_at + CASE WHEN m0.type = 'schema_breaking' THEN interval '70 minutes' ELSE ${u('migrationDuration')} * interval '25 minutes' + interval '5 minutes' END <= ${nowAt}
            THEN CASE WHEN ${u('migrationOutcome')} < 0.93 THEN 'succeeded' ELSE 'rolled_back' END
          WHEN p.p1_inc AND m0.executed_at <= ${nowAt} THEN 'running'
          -- A few approved changes not deployed yet have started their migration.
          WHEN p.status = 'approved' AND ${u('migrationRunning')} < 0.2 THEN 'running'
          ELSE 'planned' END::"MigrationStatus" AS status) m
    WHERE ${u('migration')} < ${MIGRATION_SHARE}
    ORDER BY m.created_at`);
}
