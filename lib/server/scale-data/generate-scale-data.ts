// Fills a database with realistic change-governance history for benchmarks (issue #8): reference data
// first (one transaction), then the changes in chunks (one transaction per chunk, every table written
// by INSERT … SELECT over the chunk's plan), then the flag inventory, fresh statistics, and ONE audit
// event through the app's writer recording what was added, so the audit chain stays verifiable.
import { Prisma } from '@/lib/generated/prisma/client';
import type { Db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { checkScaleOptions, spanDays, type ScaleOptions } from '@/lib/server/scale-data/scale-options';
import { ensureReferenceData, scaleTeams, type ScaleTeam } from '@/lib/server/scale-data/reference-data';
import { workCalendar } from '@/lib/server/scale-data/work-calendar';
import { createFreezeTable } from '@/lib/server/scale-data/freeze-calendar';
import { planChunk } from '@/lib/server/scale-data/change-plan';
import { addRows, insertChanges, type RowCounts } from '@/lib/server/scale-data/change-rows';
import { insertDeployments } from '@/lib/server/scale-data/deployment-rows';
import { insertEmergencyExceptions } from '@/lib/server/scale-data/exception-rows';
import { insertIncidents } from '@/lib/server/scale-data/incident-rows';
import { insertMigrationPlans } from '@/lib/server/scale-data/migration-plan-rows';
import { insertConfigChanges } from '@/lib/server/scale-data/config-change-rows';
import { flagCount, insertFlags } from '@/lib/server/scale-data/flag-rows';

export const DEFAULT_CHUNK_SIZE = 20_000;
const DAY_MS = 86_400_000;
// A chunk of 20 000 changes takes seconds; far longer means something is wrong, not slow.
const CHUNK_TIMEOUT_MS = 30 * 60_000;

/** The tables the generator writes, in the order the summary lists them. */
export const SCALE_TABLES = [
  'team', 'service', 'user', 'change_request', 'change_service', 'change_environment', 'change_request_version', 'approval', 'gate_decision', 'deployment',
  'policy_exception', 'incident', 'incident_service', 'change_incident', 'migration_plan', 'config_change', 'config_change_confirmation', 'feature_flag', 'flag_rollout_change',
] as const;

export type ScaleProgress = { changesDone: number; changesTotal: number; rowsWritten: number; elapsedMs: number };

export type GenerateScaleDataInput = {
  options: Partial<ScaleOptions> & { changes: number };
  /** The end of the history ("now" for the command line): read once by the caller. */
  at: Date;
  chunkSize?: number;
  /** Called after each committed chunk. */
  onProgress?: (progress: ScaleProgress) => void;
  /** The teams to spread the history over (default: `options.teams` scale teams). */
  teams?: readonly ScaleTeam[];
  /** What change titles start with, before the change's index in the run (default "Scale change"); null for none. */
  changeTitlePrefix?: string | null;
};

export type ScaleDataResult = {
  options: ScaleOptions;
  /** Rows added per table (tables with none are 0). */
  rows: Record<(typeof SCALE_TABLES)[number], number>;
  totalRows: number;
  elapsedMs: number;
  period: { start: Date; end: Date; days: number };
  database: { bytes: number; pretty: string };
  auditSeq: bigint;
};

function totalOf(counts: RowCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

/**
 * Generates the history. Bad options (ScaleOptionsError) and a database without the environments
 * the history needs (ScaleDataError) are refused before anything is written. A failed chunk rolls
 * back alone: the chunks committed before it stay, as the summary of a new run would show.
 */
export async function generateScaleData(db: Db, input: GenerateScaleDataInput): Promise<ScaleDataResult> {
  const { at, chunkSize = DEFAULT_CHUNK_SIZE, onProgress, changeTitlePrefix = 'Scale change' } = input;
  const options = checkScaleOptions({ ...input.options, teams: input.teams?.length ?? input.options.teams });
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError('chunkSize must be a positive whole number.');
  const started = performance.now();
  const days = spanDays(options);
  const start = new Date(at.getTime() - days * DAY_MS);
  const counts: RowCounts = {};

  const reference = await ensureReferenceData(db, input.teams ?? scaleTeams(options.teams));
  addRows(counts, 'team', reference.created.team);
  addRows(counts, 'service', reference.created.service);
  addRows(counts, 'user', reference.created.user);
  const calendar = await workCalendar(db, start, at, reference.policy.timeZone);

  for (let first = 1; first <= options.changes; first += chunkSize) {
    const last = Math.min(options.changes, first + chunkSize - 1);
    const chunkCounts: RowCounts = {};
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
      await createFreezeTable(tx, reference, calendar);
      await planChunk(tx, { reference, calendar, seed: options.seed, first, last, total: options.changes, at, titlePrefix: changeTitlePrefix });
      await insertChanges(tx, reference, options.seed, chunkCounts);
      await insertDeployments(tx, reference, options.seed, at, chunkCounts);
      await insertEmergencyExceptions(tx, reference, chunkCounts);
      await insertIncidents(tx, reference, options.seed, at, chunkCounts);
      await insertMigrationPlans(tx, reference, options.seed, at, chunkCounts);
      await insertConfigChanges(tx, reference, options.seed, at, chunkCounts);
    }, { maxWait: 60_000, timeout: CHUNK_TIMEOUT_MS });
    for (const [table, count] of Object.entries(chunkCounts)) addRows(counts, table, count);
    onProgress?.({ changesDone: last, changesTotal: options.changes, rowsWritten: totalOf(counts), elapsedMs: performance.now() - started });
  }

  await db.$transaction((tx) => insertFlags(tx, { reference, seed: options.seed, flags: flagCount(options.changes), start, at }, counts), { maxWait: 60_000, timeout: CHUNK_TIMEOUT_MS });

  // Fresh statistics, as autovacuum would leave them later: the first benchmark should not plan blind.
  await db.$executeRaw(Prisma.sql`ANALYZE ${Prisma.raw(SCALE_TABLES.map((table) => `"${table}"`).join(', '))}`);

  const rows = Object.fromEntries(SCALE_TABLES.map((table) => [table, counts[table] ?? 0])) as ScaleDataResult['rows'];
  const totalRows = totalOf(rows);
  const period = { start, end: at, days };
  const elapsedBeforeAudit = performance.now() - started;
  const auditSeq = await db.$transaction((tx) => appendAudit(tx, {
    action: 'scale-data.generated', entityType: 'scale-data', entityId: null, actor: null, at,
    changeSet: {
      options, rows, totalRows, seconds: Math.round(elapsedBeforeAudit / 100) / 10,
      period: { start: start.toISOString(), end: at.toISOString(), days },
    },
  }));
  const [size] = await db.$queryRaw<{ bytes: bigint; pretty: string }[]>`
    SELECT pg_database_size(current_database()) AS bytes, pg_size_pretty(pg_database_size(current_database())) AS pretty`;
  return {
    options, rows, totalRows, elapsedMs: performance.now() - started, period,
    database: { bytes: Number(size?.bytes ?? 0), pretty: size?.pretty ?? 'unknown' }, auditSeq,
  };
}
