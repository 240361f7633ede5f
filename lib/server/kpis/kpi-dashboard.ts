// The KPI dashboard's figures (page, CSV export and GET /api/v1/kpis): the five KPIs of POL-012 over a
// period, with their trend by week or month. Each KPI is one aggregate query over its record set, run
// in the database side by side; only the per-bucket totals come back to JavaScript.
import { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { deployedChangesSet, executedMigrationsSet, leadTimeSet, staleFlagsSet, staleReadingTimes, unauthorizedSet } from '@/lib/server/kpis/kpi-record-sets';
import type { KpiScope } from '@/lib/server/kpis/kpi-scope';
import { CHANGE_CLASSES, type ChangeClass } from '@/lib/policy/change-class';
import {
  CHANGE_FAILURE_RATE_TARGET, UNAUTHORIZED_KINDS, leadTimeState, rateState, ratioOf, staleFlagState, unauthorizedState,
  type KpiState, type LeadTimeFigures, type Ratio, type UnauthorizedKind,
} from '@/lib/policy/kpis';
import { ROLLBACK_RATE_TARGET } from '@/lib/policy/migration-plan';

/**
 * The one aggregate statement of each KPI over its record set (kpi-record-sets.ts). Exported so the
 * benchmark can time exactly these statements on their own, beside the dashboard's response.
 */
export function kpiStatements(scope: KpiScope) {
  return {
    changeFailureRate: Prisma.sql`
      SELECT bucket, count(*)::int AS deployed, count(*) FILTER (WHERE has_failed_deploy OR caused_incident)::int AS failed
      FROM (${deployedChangesSet(scope)}) AS deployed GROUP BY bucket`,
    unauthorizedChanges: Prisma.sql`
      SELECT bucket, kind, count(*)::int AS count FROM (${unauthorizedSet(scope)}) AS unauthorized GROUP BY bucket, kind`,
    staleFlags: Prisma.sql`
      SELECT bucket, count(*)::int AS count FROM (${staleFlagsSet(scope)}) AS stale GROUP BY bucket`,
    migrationRollbackRate: Prisma.sql`
      SELECT bucket, count(*)::int AS executed, count(*) FILTER (WHERE status = 'rolled_back')::int AS rolled_back
      FROM (${executedMigrationsSet(scope)}) AS executed GROUP BY bucket`,
    // Percentiles do not add up across buckets: one pass computes every grouping the dashboard shows.
    leadTime: Prisma.sql`
      SELECT bucket, change_class, GROUPING(bucket) AS by_bucket, GROUPING(change_class) AS by_class,
        count(seconds)::int AS measured, (count(*) - count(seconds))::int AS unmeasured,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90
      FROM (${leadTimeSet(scope)}) AS reached
      GROUP BY GROUPING SETS ((bucket, change_class), (bucket), (change_class), ())`,
  };
}

type KpiStatements = ReturnType<typeof kpiStatements>;

type BucketRow = { bucket: number };

/** The per-bucket rows of an aggregate, one entry per bucket (empty buckets get `empty`). */
function perBucket<Row extends BucketRow, Value>(scope: KpiScope, rows: Row[], value: (row: Row) => Value, empty: Value): Value[] {
  const byBucket = new Map(rows.map((row) => [Number(row.bucket), row]));
  return scope.buckets.map((_, index) => {
    const row = byBucket.get(index);
    return row ? value(row) : empty;
  });
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

export type RatioKpi = Ratio & { state: KpiState; trend: Ratio[] };

async function changeFailureRate(scope: KpiScope, statements: KpiStatements): Promise<RatioKpi> {
  const rows = await db.$queryRaw<(BucketRow & { deployed: number; failed: number })[]>(statements.changeFailureRate);
  const trend = perBucket(scope, rows, (row) => ratioOf(row.failed, row.deployed), ratioOf(0, 0));
  const total = ratioOf(sum(trend.map((point) => point.numerator)), sum(trend.map((point) => point.denominator)));
  return { ...total, state: rateState(total.rate, CHANGE_FAILURE_RATE_TARGET), trend };
}

export type UnauthorizedCount = { count: number; byKind: Record<UnauthorizedKind, number> };

function unauthorizedCount(byKind: Partial<Record<UnauthorizedKind, number>>): UnauthorizedCount {
  const complete = Object.fromEntries(UNAUTHORIZED_KINDS.map((kind) => [kind, byKind[kind] ?? 0])) as Record<UnauthorizedKind, number>;
  return { count: sum(Object.values(complete)), byKind: complete };
}

async function unauthorizedChanges(scope: KpiScope, statements: KpiStatements): Promise<UnauthorizedCount & { state: KpiState; trend: UnauthorizedCount[] }> {
  const rows = await db.$queryRaw<(BucketRow & { kind: UnauthorizedKind; count: number })[]>(statements.unauthorizedChanges);
  const trend = scope.buckets.map((_, index) => unauthorizedCount(Object.fromEntries(rows.filter((row) => Number(row.bucket) === index).map((row) => [row.kind, row.count]))));
  const total = unauthorizedCount(Object.fromEntries(UNAUTHORIZED_KINDS.map((kind) => [kind, sum(trend.map((point) => point.byKind[kind]))])));
  return { ...total, state: unauthorizedState(total.count), trend };
}

export type StaleReading = { at: Date | null; count: number | null };

async function staleFlags(scope: KpiScope, statements: KpiStatements): Promise<StaleReading & { state: KpiState; trend: StaleReading[] }> {
  const rows = await db.$queryRaw<(BucketRow & { count: number })[]>(statements.staleFlags);
  const times = staleReadingTimes(scope);
  const trend = perBucket(scope, rows, (row) => row.count, 0).map((count, index) => ({ at: times[index] ?? null, count: times[index] ? count : null }));
  // The KPI is a count at a moment: the last reading of the period (its end, or now while it runs).
  const current = trend.findLast((reading) => reading.at !== null) ?? { at: null, count: null };
  return { ...current, state: current.count === null ? 'no-data' : staleFlagState(current.count), trend };
}

async function migrationRollbackRate(scope: KpiScope, statements: KpiStatements): Promise<RatioKpi> {
  const rows = await db.$queryRaw<(BucketRow & { executed: number; rolled_back: number })[]>(statements.migrationRollbackRate);
  const trend = perBucket(scope, rows, (row) => ratioOf(row.rolled_back, row.executed), ratioOf(0, 0));
  const total = ratioOf(sum(trend.map((point) => point.numerator)), sum(trend.map((point) => point.denominator)));
  return { ...total, state: rateState(total.rate, ROLLBACK_RATE_TARGET), trend };
}

type LeadTimeRow = { bucket: number | null; change_class: ChangeClass | null; measured: number; unmeasured: number; median: number | null; p90: number | null };

const figuresOf = (row: LeadTimeRow | undefined): LeadTimeFigures => ({ count: row?.measured ?? 0, medianSeconds: row?.median ?? null, p90Seconds: row?.p90 ?? null });

export type LeadTimeKpi = {
  state: KpiState;
  standard: LeadTimeFigures;
  all: LeadTimeFigures;
  byClass: Record<ChangeClass, LeadTimeFigures>;
  /** Changes that reached production in the period but cannot be measured (no pull request opening recorded). */
  unmeasured: number;
  trend: { standard: LeadTimeFigures; all: LeadTimeFigures }[];
};

async function leadTime(scope: KpiScope, statements: KpiStatements): Promise<LeadTimeKpi> {
  const rows = await db.$queryRaw<(LeadTimeRow & { by_bucket: number; by_class: number })[]>(statements.leadTime);
  // GROUPING() is 1 where the column was rolled up ("all buckets", "every class").
  const find = (bucket: number | null, changeClass: ChangeClass | null) =>
    rows.find((row) => (bucket === null ? row.by_bucket === 1 : row.by_bucket === 0 && Number(row.bucket) === bucket)
      && (changeClass === null ? row.by_class === 1 : row.by_class === 0 && row.change_class === changeClass));
  const standard = figuresOf(find(null, 'standard'));
  return {
    state: leadTimeState(standard.medianSeconds),
    standard,
    all: figuresOf(find(null, null)),
    byClass: Object.fromEntries(CHANGE_CLASSES.map((changeClass) => [changeClass, figuresOf(find(null, changeClass))])) as Record<ChangeClass, LeadTimeFigures>,
    unmeasured: find(null, null)?.unmeasured ?? 0,
    trend: scope.buckets.map((_, index) => ({ standard: figuresOf(find(index, 'standard')), all: figuresOf(find(index, null)) })),
  };
}

/** The five KPIs over the scope's period, read side by side. */
export async function kpiDashboard(scope: KpiScope) {
  const statements = kpiStatements(scope);
  const [failureRate, unauthorized, stale, rollbackRate, lead] = await Promise.all([
    changeFailureRate(scope, statements), unauthorizedChanges(scope, statements), staleFlags(scope, statements),
    migrationRollbackRate(scope, statements), leadTime(scope, statements),
  ]);
  return {
    period: { from: scope.query.from, to: scope.query.to, start: scope.start, end: scope.end, granularity: scope.query.granularity, timeZone: scope.policy.timeZone },
    filters: { team: scope.team, service: scope.service, changeClass: scope.changeClass },
    evaluatedAt: scope.at,
    policyVersion: scope.policy.version,
    buckets: scope.buckets,
    changeFailureRate: failureRate,
    unauthorizedChanges: unauthorized,
    staleFlags: stale,
    migrationRollbackRate: rollbackRate,
    leadTime: lead,
  };
}

export type KpiDashboard = Awaited<ReturnType<typeof kpiDashboard>>;
