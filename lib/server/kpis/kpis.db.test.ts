// DOMAIN.md invariant 8: every KPI equals an independent recompute from raw records. The recompute
// below reads the raw rows with Prisma (deployments and their environments, incident links,
// approvals, configuration changes, flags, migration plans) and applies the rules as KPI_DEFINITIONS
// words them; it shares no SQL and no code with lib/server/kpis. Each test isolates itself by a fresh
// team (the team filter) and a period long past that no other test writes into.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { kpiDashboardDto } from '@/lib/api/dto/kpis';
import { recordDeployment } from '@/lib/server/deployments/record-deployment';
import { kpiDashboard } from '@/lib/server/kpis/kpi-dashboard';
import { KPI_RECORDS_PAGE_SIZE, listKpiRecords, type KpiRecord } from '@/lib/server/kpis/kpi-records';
import { resolveKpiScope, type KpiScope } from '@/lib/server/kpis/kpi-scope';
import { publishPolicySettings } from '@/lib/server/policy-settings/publish-policy-settings';
import { secondApprovalAt } from '@/lib/policy/approval-rules';
import { CHANGE_CLASSES, type ChangeClass } from '@/lib/policy/change-class';
import { flagExpiry } from '@/lib/policy/flag-staleness';
import { KPI_IDS, KPI_RECORD_PARTS, UNAUTHORIZED_KINDS, percentileCont, type KpiId, type UnauthorizedKind } from '@/lib/policy/kpis';
import { addCalendarDays, startOfLocalDay, weekdayOfDate } from '@/lib/time/local-day';
import { createEnvironment, createIncident, createService, createTeamWithEngineer, createUser, policySettingsEdit, restorePolicySettings, reviewers, uniqueSuffix } from '@/prisma/factories';

afterAll(() => db.$disconnect());

/** Evaluation time of most readings: long after every period below. */
const AT = new Date('2026-11-24T10:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const utc = (iso: string) => new Date(iso);
const plus = (instant: Date, ms: number) => new Date(instant.getTime() + ms);

let production: { id: string; slug: string };
let staging: { id: string; slug: string };

beforeAll(async () => {
  production = await createEnvironment({ isProduction: true, isGated: true });
  staging = await createEnvironment({ isProduction: false });
});

// ───────────────────────── The independent recompute ─────────────────────────

type Granularity = 'week' | 'month';
type Bucket = { label: string; start: Date; end: Date };
type Filters = { teamId: string | null; serviceId: string | null; changeClass: ChangeClass | null };

/** The weeks (from Monday) or months touching from–to, clipped to the period, as local midnights. */
function recomputeBuckets(from: string, to: string, granularity: Granularity, timeZone: string): Bucket[] {
  const nextLabel = (label: string) => {
    if (granularity === 'week') return addCalendarDays(label, 7);
    const [year, month] = label.split('-').map(Number) as [number, number];
    return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  };
  const dayAfterTo = addCalendarDays(to, 1);
  const buckets: Bucket[] = [];
  let label = granularity === 'week' ? addCalendarDays(from, -((weekdayOfDate(from) + 6) % 7)) : `${from.slice(0, 7)}-01`;
  for (; label <= to; label = nextLabel(label)) {
    const first = label < from ? from : label;
    const afterLast = nextLabel(label) < dayAfterTo ? nextLabel(label) : dayAfterTo;
    buckets.push({ label, start: startOfLocalDay(first, timeZone), end: startOfLocalDay(afterLast, timeZone) });
  }
  return buckets;
}

const isWithin = (instant: Date | null | undefined, start: Date, end: Date): instant is Date =>
  !!instant && instant.getTime() >= start.getTime() && instant.getTime() < end.getTime();
const earliest = (instants: Date[]) => instants.reduce<Date | null>((found, instant) => (found && found.getTime() <= instant.getTime() ? found : instant), null);

type Placed = { id: string; bucket: number };
type LeadEntry = Placed & { changeClass: ChangeClass; seconds: number | null };

type Recomputed = {
  buckets: Bucket[];
  deployed: Placed[];
  failed: Placed[];
  unauthorized: Record<UnauthorizedKind, Placed[]>;
  /** The reading time of each bucket (null before it starts) and the stale flag ids then. */
  stale: { at: Date | null; ids: string[] | null }[];
  executed: Placed[];
  rolledBack: Placed[];
  lead: LeadEntry[];
};

/**
 * Every KPI's records from the raw rows, by the words of KPI_DEFINITIONS. The milestones are derived
 * from the deployments themselves, not from the columns the use-case maintains.
 */
async function recomputeKpis(period: { from: string; to: string; granularity: Granularity }, filters: Filters, at: Date): Promise<Recomputed> {
  const policy = await db.policySettings.findFirstOrThrow({
    orderBy: { version: 'desc' },
    select: { timeZone: true, emergencyReviewHours: true, releaseFlagTtlDays: true, experimentFlagTtlDays: true },
  });
  const start = startOfLocalDay(period.from, policy.timeZone);
  const end = startOfLocalDay(addCalendarDays(period.to, 1), policy.timeZone);
  const buckets = recomputeBuckets(period.from, period.to, period.granularity, policy.timeZone);
  const bucketOf = (instant: Date) => buckets.findIndex((bucket) => isWithin(instant, bucket.start, bucket.end));
  const inPeriod = (instant: Date | null | undefined): instant is Date => isWithin(instant, start, end);

  const changes = await db.changeRequest.findMany({
    where: {
      ...(filters.teamId ? { teamId: filters.teamId } : {}),
      ...(filters.changeClass ? { changeClass: filters.changeClass } : {}),
      ...(filters.serviceId ? { services: { some: { serviceId: filters.serviceId } } } : {}),
    },
    select: {
      id: true, changeClass: true, authorId: true, contentVersion: true, adrUrl: true, prOpenedAt: true,
      deployments: { select: { id: true, status: true, startedAt: true, finishedAt: true, isUnauthorized: true, environment: { select: { isProduction: true } } } },
      incidents: { select: { link: true } },
      approvals: { select: { approverId: true, decision: true, contentVersion: true, wasStaffPlus: true, decidedAt: true } },
      migrationPlans: { select: { id: true, status: true, executedAt: true } },
    },
  });

  const result: Recomputed = {
    buckets, deployed: [], failed: [], unauthorized: { deployment: [], 'config-change': [], 'emergency-review': [] }, stale: [], executed: [], rolledBack: [], lead: [],
  };
  for (const change of changes) {
    const productionDeploys = change.deployments.filter((deploy) => deploy.environment.isProduction);
    // Every attempt touched production, whatever its outcome: the earliest start is the first deploy.
    const firstDeployAt = earliest(productionDeploys.map((deploy) => deploy.startedAt));
    // It reached production when a successful production deploy ended (or started, without an end).
    const reachedAt = earliest(productionDeploys.filter((deploy) => deploy.status === 'succeeded').map((deploy) => deploy.finishedAt ?? deploy.startedAt));

    if (inPeriod(firstDeployAt)) {
      const placed = { id: change.id, bucket: bucketOf(firstDeployAt) };
      result.deployed.push(placed);
      const hasFailedDeploy = productionDeploys.some((deploy) => deploy.status === 'failed' || deploy.status === 'rolled_back');
      const causedIncident = change.incidents.some((incident) => incident.link === 'caused');
      if (hasFailedDeploy || causedIncident) result.failed.push(placed);

      if (change.changeClass === 'emergency') {
        const deadline = plus(firstDeployAt, policy.emergencyReviewHours * HOUR);
        const second = secondApprovalAt(change, change.approvals);
        const isLate = second !== null && second.getTime() > deadline.getTime();
        const isMissing = second === null && at.getTime() > deadline.getTime();
        if (isLate || isMissing) result.unauthorized['emergency-review'].push(placed);
      }
    }
    for (const deploy of productionDeploys) {
      if (deploy.isUnauthorized && inPeriod(deploy.startedAt)) result.unauthorized.deployment.push({ id: deploy.id, bucket: bucketOf(deploy.startedAt) });
    }
    for (const plan of change.migrationPlans) {
      if ((plan.status === 'succeeded' || plan.status === 'rolled_back') && inPeriod(plan.executedAt)) {
        const placed = { id: plan.id, bucket: bucketOf(plan.executedAt) };
        result.executed.push(placed);
        if (plan.status === 'rolled_back') result.rolledBack.push(placed);
      }
    }
    if (inPeriod(reachedAt)) {
      // A pull request opened after the change reached production gives no lead time: not measurable.
      const seconds = change.prOpenedAt && change.prOpenedAt.getTime() <= reachedAt.getTime() ? (reachedAt.getTime() - change.prOpenedAt.getTime()) / 1000 : null;
      result.lead.push({ id: change.id, bucket: bucketOf(reachedAt), changeClass: change.changeClass, seconds });
    }
  }

  // Configuration changes have no class; they belong to their service's team.
  if (!filters.changeClass) {
    const configChanges = await db.configChange.findMany({ where: { isReportedAfter: true }, select: { id: true, appliedAt: true, serviceId: true, service: { select: { teamId: true } } } });
    for (const configChange of configChanges) {
      if (filters.teamId && configChange.service?.teamId !== filters.teamId) continue;
      if (filters.serviceId && configChange.serviceId !== filters.serviceId) continue;
      if (inPeriod(configChange.appliedAt)) result.unauthorized['config-change'].push({ id: configChange.id, bucket: bucketOf(configChange.appliedAt) });
    }
  }

  const flags = await db.featureFlag.findMany({
    where: filters.teamId ? { teamId: filters.teamId } : {},
    select: { id: true, type: true, status: true, createdAt: true, fullRolloutAt: true, expiresAt: true, archivedAt: true },
  });
  result.stale = buckets.map((bucket) => {
    if (bucket.start.getTime() > at.getTime()) return { at: null, ids: null };
    const readAt = new Date(Math.min(bucket.end.getTime(), at.getTime()));
    const ids = flags.filter((flag) => {
      const exists = flag.createdAt.getTime() <= readAt.getTime();
      const isArchived = flag.status === 'archived' && !(flag.archivedAt && flag.archivedAt.getTime() > readAt.getTime());
      const expiry = flagExpiry(flag, policy);
      return exists && !isArchived && expiry !== null && expiry.getTime() <= readAt.getTime();
    }).map((flag) => flag.id);
    return { at: readAt, ids };
  });
  return result;
}

// ───────────────────────── Comparing it with the dashboard, the DTO and the drill-downs ─────────────────────────

const sortedIds = (placed: readonly Placed[]) => placed.map((record) => record.id).sort();
const inBucket = <T extends Placed>(placed: readonly T[], bucket: number | null) => (bucket === null ? placed : placed.filter((record) => record.bucket === bucket));
const ratio = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator === 0 ? null : numerator / denominator });
const rateStateOf = (rate: number | null, target: number) => (rate === null ? 'no-data' : rate < target ? 'met' : 'missed');

function figures(entries: readonly LeadEntry[]) {
  const seconds = entries.flatMap((entry) => (entry.seconds === null ? [] : [entry.seconds])).sort((a, b) => a - b);
  return { count: seconds.length, medianSeconds: percentileCont(seconds, 0.5), p90Seconds: percentileCont(seconds, 0.9) };
}

function expectFigures(actual: { count: number; medianSeconds: number | null; p90Seconds: number | null }, expected: ReturnType<typeof figures>, label: string) {
  expect(actual.count, `${label} count`).toBe(expected.count);
  for (const key of ['medianSeconds', 'p90Seconds'] as const) {
    if (expected[key] === null) expect(actual[key], `${label} ${key}`).toBeNull();
    else expect(actual[key], `${label} ${key}`).toBeCloseTo(expected[key], 6);
  }
}

/** The records of one drill-down, every page. */
async function drillDown(scope: KpiScope, kpi: KpiId, part: string, bucket: number | null): Promise<KpiRecord[]> {
  const records: KpiRecord[] = [];
  for (let page = 1; ; page += 1) {
    const result = await listKpiRecords(scope, kpi, { part, bucket, page });
    records.push(...result.records);
    if (result.records.length < KPI_RECORDS_PAGE_SIZE) {
      expect(result.total, `${kpi}/${part}/${bucket} total`).toBe(records.length);
      return records;
    }
  }
}

/** What each drill-down part must list, and which of its records are counted. */
function expectedParts(expected: Recomputed, bucket: number | null): Record<KpiId, Record<string, { ids: string[]; counted: string[] }>> {
  const list = (placed: readonly Placed[], counted: readonly Placed[] = placed) => ({ ids: sortedIds(inBucket(placed, bucket)), counted: sortedIds(inBucket(counted, bucket)) });
  const lastReading = expected.stale.findLastIndex((reading) => reading.at !== null);
  const reading = expected.stale[bucket ?? lastReading];
  const staleIds = [...(reading?.ids ?? [])].sort();
  const measured = expected.lead.filter((entry) => entry.seconds !== null);
  const allUnauthorized = UNAUTHORIZED_KINDS.flatMap((kind) => expected.unauthorized[kind]);
  return {
    'change-failure-rate': { failed: list(expected.failed), deployed: list(expected.deployed, expected.failed) },
    'unauthorized-changes': { all: list(allUnauthorized), ...Object.fromEntries(UNAUTHORIZED_KINDS.map((kind) => [kind, list(expected.unauthorized[kind])])) },
    'stale-flags': { stale: { ids: staleIds, counted: staleIds } },
    'migration-rollback-rate': { 'rolled-back': list(expected.rolledBack), executed: list(expected.executed, expected.rolledBack) },
    'lead-time': {
      all: list(measured),
      ...Object.fromEntries(CHANGE_CLASSES.map((changeClass) => [changeClass, list(measured.filter((entry) => entry.changeClass === changeClass))])),
      unmeasured: { ids: sortedIds(inBucket(expected.lead.filter((entry) => entry.seconds === null), bucket)), counted: [] },
    },
  };
}

type KpiParams = { from: string; to: string; granularity?: Granularity; team?: string; service?: string; class?: ChangeClass };

/**
 * Reads the dashboard for the query at `at` and checks every figure, every trend bucket, the DTO of
 * the API and the ids of every drill-down against the recompute. Returns all three for more checks.
 */
async function expectKpisMatch(params: KpiParams, at: Date, options: { perBucketDrillDowns?: boolean } = {}) {
  const resolved = await resolveKpiScope(params, at);
  if (!resolved.success) throw new Error(`The query was refused: ${JSON.stringify(resolved.fieldErrors)}`);
  const { scope } = resolved;
  const dashboard = await kpiDashboard(scope);
  const expected = await recomputeKpis(
    { from: params.from, to: params.to, granularity: params.granularity ?? scope.query.granularity },
    { teamId: scope.team?.id ?? null, serviceId: scope.service?.id ?? null, changeClass: params.class ?? null },
    at,
  );
  const { buckets } = expected;

  // The period and its buckets.
  const iso = (bucket: Bucket) => ({ label: bucket.label, start: bucket.start.toISOString(), end: bucket.end.toISOString() });
  expect(dashboard.buckets.map(iso)).toEqual(buckets.map(iso));
  expect(dashboard.period.start.toISOString()).toBe(buckets[0]!.start.toISOString());
  expect(dashboard.period.end.toISOString()).toBe(buckets.at(-1)!.end.toISOString());

  // Change failure rate.
  const failure = ratio(expected.failed.length, expected.deployed.length);
  expect(dashboard.changeFailureRate).toMatchObject({ ...failure, state: rateStateOf(failure.rate, 0.05) });
  expect(dashboard.changeFailureRate.trend).toEqual(buckets.map((_, index) => ratio(inBucket(expected.failed, index).length, inBucket(expected.deployed, index).length)));

  // Unauthorized changes.
  const byKind = (bucket: number | null) => Object.fromEntries(UNAUTHORIZED_KINDS.map((kind) => [kind, inBucket(expected.unauthorized[kind], bucket).length]));
  const unauthorizedTotal = UNAUTHORIZED_KINDS.reduce((total, kind) => total + expected.unauthorized[kind].length, 0);
  expect(dashboard.unauthorizedChanges).toMatchObject({ count: unauthorizedTotal, byKind: byKind(null), state: unauthorizedTotal === 0 ? 'met' : 'missed' });
  expect(dashboard.unauthorizedChanges.trend).toEqual(buckets.map((_, index) => {
    const kinds = byKind(index);
    return { count: Object.values(kinds).reduce((total, count) => total + count, 0), byKind: kinds };
  }));

  // Stale flags: a count at each reading; the KPI is the last reading.
  const readings = expected.stale.map((reading) => ({ at: reading.at, count: reading.ids?.length ?? null }));
  expect(dashboard.staleFlags.trend).toEqual(readings);
  const last = readings.findLast((reading) => reading.at !== null) ?? { at: null, count: null };
  expect(dashboard.staleFlags).toMatchObject({ ...last, state: last.count === null ? 'no-data' : last.count < 5 ? 'met' : 'missed' });

  // Migration rollback rate.
  const rollback = ratio(expected.rolledBack.length, expected.executed.length);
  expect(dashboard.migrationRollbackRate).toMatchObject({ ...rollback, state: rateStateOf(rollback.rate, 0.1) });
  expect(dashboard.migrationRollbackRate.trend).toEqual(buckets.map((_, index) => ratio(inBucket(expected.rolledBack, index).length, inBucket(expected.executed, index).length)));

  // Lead time: percentiles do not add up, so each grouping is recomputed from its own values.
  const standard = figures(expected.lead.filter((entry) => entry.changeClass === 'standard'));
  expectFigures(dashboard.leadTime.standard, standard, 'standard');
  expectFigures(dashboard.leadTime.all, figures(expected.lead), 'all');
  for (const changeClass of CHANGE_CLASSES) expectFigures(dashboard.leadTime.byClass[changeClass], figures(expected.lead.filter((entry) => entry.changeClass === changeClass)), changeClass);
  expect(dashboard.leadTime.unmeasured).toBe(expected.lead.filter((entry) => entry.seconds === null).length);
  expect(dashboard.leadTime.state).toBe(standard.medianSeconds === null ? 'no-data' : standard.medianSeconds < 4 * 3600 ? 'met' : 'missed');
  expect(dashboard.leadTime.trend).toHaveLength(buckets.length);
  buckets.forEach((_, index) => {
    const entries = inBucket(expected.lead, index);
    expectFigures(dashboard.leadTime.trend[index]!.standard, figures(entries.filter((entry) => entry.changeClass === 'standard')), `bucket ${index} standard`);
    expectFigures(dashboard.leadTime.trend[index]!.all, figures(entries), `bucket ${index} all`);
  });

  // What GET /api/v1/kpis answers carries the same numbers.
  const dto = kpiDashboardDto(dashboard);
  expect(dto.kpis['change-failure-rate']).toMatchObject({ value: failure.rate, failed: failure.numerator, deployed: failure.denominator });
  expect(dto.kpis['unauthorized-changes']).toMatchObject({ value: unauthorizedTotal, byKind: byKind(null) });
  expect(dto.kpis['stale-flags']).toMatchObject({ value: last.count, at: last.at?.toISOString() ?? null });
  expect(dto.kpis['migration-rollback-rate']).toMatchObject({ value: rollback.rate, rolledBack: rollback.numerator, executed: rollback.denominator });
  expect(dto.kpis['lead-time'].value).toBe(dashboard.leadTime.standard.medianSeconds);
  expect(dto.kpis['change-failure-rate'].trend.map((point) => [point.bucket, point.failed, point.deployed]))
    .toEqual(buckets.map((bucket, index) => [bucket.label, inBucket(expected.failed, index).length, inBucket(expected.deployed, index).length]));

  // The drill-downs list exactly the records counted: for the whole period, and bucket by bucket.
  const checkDrillDowns = async (bucket: number | null) => {
    const parts = expectedParts(expected, bucket);
    for (const kpi of KPI_IDS) {
      if (kpi === 'stale-flags' && bucket !== null && expected.stale[bucket]!.at === null) continue;
      for (const part of KPI_RECORD_PARTS[kpi]) {
        const records = await drillDown(scope, kpi, part, bucket);
        const label = `${kpi}/${part}/bucket ${bucket}`;
        expect(records.map((record) => record.id).sort(), `${label}`).toEqual(parts[kpi][part]!.ids);
        expect(records.filter((record) => record.isCounted).map((record) => record.id).sort(), `${label} counted`).toEqual(parts[kpi][part]!.counted);
      }
    }
  };
  await checkDrillDowns(null);
  if (options.perBucketDrillDowns ?? true) for (const index of buckets.keys()) await checkDrillDowns(index);

  return { scope, dashboard, expected };
}

// ───────────────────────── Building the raw records ─────────────────────────

type Cast = Awaited<ReturnType<typeof createTeamWithEngineer>>;

async function newChange(cast: Cast, input: { changeClass?: ChangeClass; prOpenedAt?: Date | null; serviceIds?: string[]; status?: 'submitted' | 'approved' } = {}) {
  return db.changeRequest.create({
    data: {
      title: `KPI change ${uniqueSuffix()}`, changeClass: input.changeClass ?? 'standard', status: input.status ?? 'approved', teamId: cast.team.id, authorId: cast.engineer.id,
      prOpenedAt: input.prOpenedAt ?? null, services: { create: (input.serviceIds ?? [cast.service.id]).map((serviceId) => ({ serviceId })) },
    },
    select: { id: true, number: true },
  });
}

type DeployStatus = 'started' | 'succeeded' | 'failed' | 'rolled_back';

/**
 * One production deploy reported by a pipeline through the use-case (which keeps the change's
 * milestones). Deploys elsewhere move no milestone and are written as rows, flagged as the use-case
 * flags a deploy without a gate allow.
 */
async function deploy(changeId: string, environment: { id: string }, status: DeployStatus, startedAt: Date, finishedAt: Date | null = status === 'started' ? null : plus(startedAt, 10 * MINUTE)) {
  if (environment.id !== production.id) {
    return db.deployment.create({
      data: { changeRequestId: changeId, environmentId: environment.id, status, startedAt, finishedAt, isUnauthorized: true, unauthorizedReasons: [{ control: 'CTRL-012.2', code: 'NO_GATE_ALLOW', message: 'No gate allow.' }] },
      select: { id: true, isUnauthorized: true },
    });
  }
  return recordDeployment({ actor: null, at: AT, deployment: { changeId, environmentId: environment.id, status, startedAt, finishedAt } });
}

function approve(changeRequestId: string, approverId: string, decidedAt: Date) {
  return db.approval.create({ data: { changeRequestId, approverId, contentVersion: 1, decision: 'approve', wasStaffPlus: false, decidedAt } });
}

function gateAllow(changeRequestId: string, evaluatedAt: Date) {
  return db.gateDecision.create({ data: { changeRequestId, environmentId: production.id, result: 'allow', reasons: [], policyVersion: 1, at: evaluatedAt, evaluatedAt }, select: { id: true } });
}

async function linkIncident(changeRequestId: string, commanderId: string, link: 'fixes' | 'caused') {
  const incident = await createIncident({ commanderId, startedAt: utc('2000-01-01T00:00:00Z'), resolvedAt: utc('2000-01-01T01:00:00Z') });
  await db.changeIncident.create({ data: { changeRequestId, incidentId: incident.id, link } });
}

const milestonesOf = (id: string) => db.changeRequest.findUniqueOrThrow({ where: { id }, select: { firstProductionDeployAt: true, productionReachedAt: true } });

// ───────────────────────── The tests ─────────────────────────

describe('KPIs with nothing to count', () => {
  test('no deploys at all: rates and lead time have no data, no unauthorized change and no stale flag is met', async () => {
    const cast = await createTeamWithEngineer();
    // Records outside the period do not count in it.
    const change = await newChange(cast);
    await deploy(change.id, production, 'failed', utc('2010-02-01T00:00:00Z'));

    const { dashboard } = await expectKpisMatch({ from: '2010-01-04', to: '2010-01-31', team: cast.team.slug }, AT);
    expect(dashboard.changeFailureRate).toMatchObject({ numerator: 0, denominator: 0, rate: null, state: 'no-data' });
    expect(dashboard.changeFailureRate.trend).toEqual(Array.from({ length: 4 }, () => ({ numerator: 0, denominator: 0, rate: null })));
    expect(dashboard.unauthorizedChanges).toMatchObject({ count: 0, byKind: { deployment: 0, 'config-change': 0, 'emergency-review': 0 }, state: 'met' });
    expect(dashboard.staleFlags).toMatchObject({ count: 0, at: utc('2010-02-01T00:00:00Z'), state: 'met' });
    expect(dashboard.migrationRollbackRate).toMatchObject({ rate: null, state: 'no-data' });
    expect(dashboard.leadTime).toMatchObject({ state: 'no-data', unmeasured: 0, standard: { count: 0, medianSeconds: null, p90Seconds: null }, all: { count: 0, medianSeconds: null } });
    expect(kpiDashboardDto(dashboard).kpis['change-failure-rate']).toMatchObject({ value: null, state: 'no-data', failed: 0, deployed: 0 });
  });

  test('the default period is the 90 days ending today, by week, and matches the recompute', async () => {
    const cast = await createTeamWithEngineer();
    const change = await newChange(cast, { prOpenedAt: plus(AT, -3 * DAY) });
    await deploy(change.id, production, 'succeeded', plus(AT, -2 * DAY), plus(AT, -2 * DAY + 30 * MINUTE));
    const resolved = await resolveKpiScope({ team: cast.team.slug }, AT);
    expect(resolved.success && resolved.scope.query).toMatchObject({ from: '2026-08-27', to: '2026-11-24', granularity: 'week' });
    const { dashboard } = await expectKpisMatch({ from: '2026-08-27', to: '2026-11-24', team: cast.team.slug }, AT, { perBucketDrillDowns: false });
    expect(dashboard.changeFailureRate).toMatchObject({ numerator: 0, denominator: 1, rate: 0, state: 'met' });
    expect(dashboard.leadTime.standard).toMatchObject({ count: 1, medianSeconds: (DAY + 30 * MINUTE) / 1000 });
  });
});

describe('change failure rate', () => {
  test('edge cases: period boundaries, repeated failures, incident links, staging, out-of-order reports', async () => {
    const cast = await createTeamWithEngineer();
    const otherService = await createService(cast.team.id);
    const [commander] = await reviewers(1);
    const change = (input: Parameters<typeof newChange>[1] = {}) => newChange(cast, input);

    // First deployed before the period; its failure inside the period does not make it count.
    const before = await change();
    await deploy(before.id, production, 'succeeded', utc('2011-02-20T12:00:00Z'));
    await deploy(before.id, production, 'failed', utc('2011-03-05T12:00:00Z'));
    // First deployed inside; its failure after the period still makes it a failed change.
    const failsLater = await change();
    await deploy(failsLater.id, production, 'succeeded', utc('2011-03-10T12:00:00Z'));
    await deploy(failsLater.id, production, 'failed', utc('2011-04-05T12:00:00Z'));
    // The period is [start, end): its first instant counts, its end does not.
    const atStart = await change();
    await deploy(atStart.id, production, 'succeeded', utc('2011-03-01T00:00:00.000Z'));
    const lastMillisecond = await change();
    await deploy(lastMillisecond.id, production, 'succeeded', utc('2011-03-31T23:59:59.999Z'));
    const atEnd = await change();
    await deploy(atEnd.id, production, 'failed', utc('2011-04-01T00:00:00.000Z'));
    // Two failing deploys: one failed change.
    const twoFailures = await change();
    await deploy(twoFailures.id, production, 'failed', utc('2011-03-15T10:00:00Z'));
    await deploy(twoFailures.id, production, 'rolled_back', utc('2011-03-15T12:00:00Z'));
    await deploy(twoFailures.id, production, 'succeeded', utc('2011-03-16T12:00:00Z'));
    // A rollback alone is a failure too.
    const rolledBack = await change();
    await deploy(rolledBack.id, production, 'rolled_back', utc('2011-03-17T12:00:00Z'));
    // An incident the change fixes is not a failure; one it caused is.
    const fixes = await change();
    await deploy(fixes.id, production, 'succeeded', utc('2011-03-20T12:00:00Z'));
    await linkIncident(fixes.id, commander!.id, 'fixes');
    const caused = await change({ changeClass: 'normal', serviceIds: [otherService.id] });
    await deploy(caused.id, production, 'succeeded', utc('2011-03-21T12:00:00Z'));
    await linkIncident(caused.id, commander!.id, 'caused');
    // Staging failures do not count, and a staging deploy alone is no production deploy.
    const stagingFailure = await change();
    await deploy(stagingFailure.id, staging, 'failed', utc('2011-03-22T08:00:00Z'));
    await deploy(stagingFailure.id, production, 'succeeded', utc('2011-03-22T12:00:00Z'));
    const stagingOnly = await change();
    await deploy(stagingOnly.id, staging, 'failed', utc('2011-03-23T12:00:00Z'));
    // A deploy still running has touched production: the change counts, not as failed.
    const running = await change();
    await deploy(running.id, production, 'started', utc('2011-03-08T12:00:00Z'));
    // Reported out of order: an earlier deploy moves the first production deploy back (out of, or into, the period).
    const movedOut = await change();
    await deploy(movedOut.id, production, 'succeeded', utc('2011-03-25T12:00:00Z'));
    await deploy(movedOut.id, production, 'failed', utc('2011-02-27T12:00:00Z'));
    const movedIn = await change();
    await deploy(movedIn.id, production, 'succeeded', utc('2011-04-03T12:00:00Z'));
    await deploy(movedIn.id, production, 'succeeded', utc('2011-03-02T12:00:00Z'));
    expect(await milestonesOf(movedOut.id)).toEqual({ firstProductionDeployAt: utc('2011-02-27T12:00:00Z'), productionReachedAt: utc('2011-03-25T12:10:00Z') });
    expect(await milestonesOf(movedIn.id)).toEqual({ firstProductionDeployAt: utc('2011-03-02T12:00:00Z'), productionReachedAt: utc('2011-03-02T12:10:00Z') });

    const period = { from: '2011-03-01', to: '2011-03-31', granularity: 'week' as const, team: cast.team.slug };
    const { dashboard, scope } = await expectKpisMatch(period, AT);
    const deployed = [failsLater, atStart, lastMillisecond, twoFailures, rolledBack, fixes, caused, stagingFailure, running, movedIn].map((row) => row.id).sort();
    const failed = [failsLater, twoFailures, rolledBack, caused].map((row) => row.id).sort();
    expect(dashboard.changeFailureRate).toMatchObject({ numerator: 4, denominator: 10, state: 'missed' });
    expect((await drillDown(scope, 'change-failure-rate', 'deployed', null)).map((record) => record.id).sort()).toEqual(deployed);
    expect((await drillDown(scope, 'change-failure-rate', 'failed', null)).map((record) => record.id).sort()).toEqual(failed);
    // Weeks from Monday 28 Feb (clipped to 1 Mar): the start falls in the first, the last millisecond in the last.
    expect(dashboard.buckets.map((bucket) => bucket.label)).toEqual(['2011-02-28', '2011-03-07', '2011-03-14', '2011-03-21', '2011-03-28']);
    expect(dashboard.changeFailureRate.trend.map((point) => [point.numerator, point.denominator])).toEqual([[0, 2], [1, 2], [2, 3], [1, 2], [0, 1]]);

    // Filters: the class and the service narrow the changes.
    const byClass = await expectKpisMatch({ ...period, class: 'normal' }, AT, { perBucketDrillDowns: false });
    expect(byClass.dashboard.changeFailureRate).toMatchObject({ numerator: 1, denominator: 1, rate: 1 });
    const byService = await expectKpisMatch({ ...period, service: otherService.slug }, AT, { perBucketDrillDowns: false });
    expect(byService.dashboard.changeFailureRate).toMatchObject({ numerator: 1, denominator: 1 });
  });
});

describe('unauthorized changes', () => {
  test('flagged production deploys, configuration changes reported afterwards and late emergency reviews', async () => {
    const cast = await createTeamWithEngineer();
    const secondService = await createService(cast.team.id);
    const elsewhere = await createTeamWithEngineer();
    const [first, second] = await reviewers(2);

    // A deploy with a fresh gate allow of an approved change is authorized.
    const authorized = await newChange(cast);
    await approve(authorized.id, first!.id, utc('2011-06-02T08:00:00Z'));
    await gateAllow(authorized.id, utc('2011-06-02T09:50:00Z'));
    const authorizedDeploy = await deploy(authorized.id, production, 'succeeded', utc('2011-06-02T10:00:00Z'));
    expect(authorizedDeploy.isUnauthorized).toBe(false);
    // Without a gate allow (and without approvals) the deploy is flagged, whatever its outcome.
    const unapproved = await newChange(cast);
    const flagged = await deploy(unapproved.id, production, 'failed', utc('2011-06-03T10:00:00Z'));
    expect(flagged.isUnauthorized).toBe(true);
    const onStaging = await deploy(unapproved.id, staging, 'succeeded', utc('2011-06-04T10:00:00Z'));
    expect(onStaging.isUnauthorized).toBe(true);
    const flaggedBefore = await deploy(unapproved.id, production, 'succeeded', utc('2011-05-31T23:59:59.999Z'));
    expect(flaggedBefore.isUnauthorized).toBe(true);

    // Configuration changes: counted when reported afterwards and applied in the period, by their service's team.
    const configChange = (input: { appliedAt: Date; isReportedAfter?: boolean; serviceId?: string | null }) => db.configChange.create({
      data: {
        type: 'env_var', title: `Config ${uniqueSuffix()}`, status: 'applied', environmentId: production.id, serviceId: input.serviceId === undefined ? cast.service.id : input.serviceId,
        isReportedAfter: input.isReportedAfter ?? true, requestedById: cast.engineer.id, appliedAt: input.appliedAt,
      },
      select: { id: true },
    });
    const reportedAfter = await configChange({ appliedAt: utc('2011-06-10T12:00:00Z') });
    const onSecondService = await configChange({ appliedAt: utc('2011-06-11T12:00:00Z'), serviceId: secondService.id });
    await configChange({ appliedAt: utc('2011-07-01T00:00:00Z') });
    await configChange({ appliedAt: utc('2011-06-11T12:00:00Z'), isReportedAfter: false });
    await configChange({ appliedAt: utc('2011-06-12T12:00:00Z'), serviceId: elsewhere.service.id });
    await configChange({ appliedAt: utc('2011-06-12T12:00:00Z'), serviceId: null });

    // Emergency changes: first approval before the deploy, a fresh allow, then the retroactive second.
    const emergency = async (deployedAt: Date, secondApproval: { by: string; at: Date } | null) => {
      const row = await newChange(cast, { changeClass: 'emergency' });
      await approve(row.id, first!.id, plus(deployedAt, -HOUR));
      await gateAllow(row.id, plus(deployedAt, -MINUTE));
      const recorded = await deploy(row.id, production, 'succeeded', deployedAt);
      expect(recorded.isUnauthorized).toBe(false);
      if (secondApproval) await approve(row.id, secondApproval.by, secondApproval.at);
      return row;
    };
    const deployedAt = utc('2011-06-14T10:00:00Z');
    const inTime = await emergency(deployedAt, { by: second!.id, at: plus(deployedAt, 23 * HOUR) });
    const atDeadline = await emergency(deployedAt, { by: second!.id, at: plus(deployedAt, 24 * HOUR) });
    const late = await emergency(deployedAt, { by: second!.id, at: plus(deployedAt, 24 * HOUR + 1) });
    const never = await emergency(deployedAt, null);
    const onlyByAuthor = await emergency(deployedAt, { by: cast.engineer.id, at: plus(deployedAt, HOUR) });
    // Deployed on the last evening of the period: its deadline has not passed on the next morning.
    const notYetDue = await emergency(utc('2011-06-30T20:00:00Z'), null);

    const period = { from: '2011-06-01', to: '2011-06-30', granularity: 'week' as const, team: cast.team.slug };
    const { dashboard, scope } = await expectKpisMatch(period, AT);
    const ids = async (part: string) => (await drillDown(scope, 'unauthorized-changes', part, null)).map((record) => record.id).sort();
    expect(await ids('deployment')).toEqual([flagged.id]);
    expect(await ids('config-change')).toEqual([reportedAfter.id, onSecondService.id].sort());
    expect(await ids('emergency-review')).toEqual([late.id, never.id, onlyByAuthor.id, notYetDue.id].sort());
    // In time, even at the deadline itself, is not unauthorized.
    expect(await ids('emergency-review')).not.toContain(inTime.id);
    expect(await ids('emergency-review')).not.toContain(atDeadline.id);
    expect(dashboard.unauthorizedChanges).toMatchObject({ count: 7, byKind: { deployment: 1, 'config-change': 2, 'emergency-review': 4 }, state: 'missed' });
    const reasons = (await drillDown(scope, 'unauthorized-changes', 'emergency-review', null)).map((record) => [record.id, record.detail]);
    expect(Object.fromEntries(reasons)[late.id]).toMatch(/after the review deadline/);
    expect(Object.fromEntries(reasons)[never.id]).toMatch(/No second approval/);

    // Before its deadline has passed, a missing second approval is not (yet) unauthorized.
    const nextMorning = utc('2011-07-01T08:00:00Z');
    const early = await expectKpisMatch(period, nextMorning, { perBucketDrillDowns: false });
    expect(early.dashboard.unauthorizedChanges.byKind['emergency-review']).toBe(3);
    expect((await drillDown(early.scope, 'unauthorized-changes', 'emergency-review', null)).map((record) => record.id)).not.toContain(notYetDue.id);

    // A class filter leaves configuration changes out; a service filter keeps that service's only.
    const emergencyOnly = await expectKpisMatch({ ...period, class: 'emergency' }, AT, { perBucketDrillDowns: false });
    expect(emergencyOnly.dashboard.unauthorizedChanges.byKind).toEqual({ deployment: 0, 'config-change': 0, 'emergency-review': 4 });
    const secondOnly = await expectKpisMatch({ ...period, service: secondService.slug }, AT, { perBucketDrillDowns: false });
    expect(secondOnly.dashboard.unauthorizedChanges.byKind).toEqual({ deployment: 0, 'config-change': 1, 'emergency-review': 0 });
  });
});

describe('stale flags', () => {
  test('counts at the end of each month: archived-later flags, extensions, exact expiry, flags created later', async () => {
    const cast = await createTeamWithEngineer();
    const elsewhere = await createTeamWithEngineer();
    let counter = 0;
    const flag = (input: { type: 'release' | 'ops' | 'experiment' | 'permission'; createdAt?: Date; fullRolloutAt?: Date | null; expiresAt?: Date | null; archivedAt?: Date | null; teamId?: string }) => {
      counter += 1;
      return db.featureFlag.create({
        data: {
          key: `${cast.team.slug}-kpi${counter}-${input.type}`, teamId: input.teamId ?? cast.team.id, type: input.type, ownerId: cast.engineer.id, purpose: 'KPI test',
          createdAt: input.createdAt ?? utc('2011-10-01T00:00:00Z'), fullRolloutAt: input.fullRolloutAt ?? null, rolloutPercent: input.fullRolloutAt ? 100 : 0,
          expiresAt: input.expiresAt ?? null, status: input.archivedAt ? 'archived' : 'active', archivedAt: input.archivedAt ?? null,
        },
        select: { id: true },
      });
    };
    const december = utc('2011-12-01T00:00:00Z');
    const releaseStale = await flag({ type: 'release', fullRolloutAt: december }); // expires 31 Dec
    const archivedLater = await flag({ type: 'release', fullRolloutAt: december, archivedAt: utc('2012-02-15T00:00:00Z') });
    const experiment = await flag({ type: 'experiment', createdAt: utc('2011-11-15T00:00:00Z') }); // expires 13 Feb
    const extended = await flag({ type: 'release', fullRolloutAt: december, expiresAt: utc('2012-03-15T00:00:00Z') });
    await flag({ type: 'ops' });
    await flag({ type: 'permission' });
    await flag({ type: 'release' }); // never at 100 %: no TTL yet
    const expiresAtReading = await flag({ type: 'ops', expiresAt: utc('2012-03-01T00:00:00Z') });
    const createdLater = await flag({ type: 'release', createdAt: utc('2012-03-10T00:00:00Z'), expiresAt: utc('2012-03-12T00:00:00Z') });
    await flag({ type: 'experiment', createdAt: utc('2011-10-01T00:00:00Z'), archivedAt: utc('2012-01-20T00:00:00Z') });
    await flag({ type: 'release', fullRolloutAt: december, teamId: elsewhere.team.id });

    const period = { from: '2012-01-01', to: '2012-03-31', granularity: 'month' as const, team: cast.team.slug };
    const { dashboard, scope } = await expectKpisMatch(period, AT);
    expect(dashboard.staleFlags.trend).toEqual([
      { at: utc('2012-02-01T00:00:00Z'), count: 2 },
      { at: utc('2012-03-01T00:00:00Z'), count: 3 },
      { at: utc('2012-04-01T00:00:00Z'), count: 5 },
    ]);
    expect(dashboard.staleFlags).toMatchObject({ count: 5, at: utc('2012-04-01T00:00:00Z'), state: 'missed' });
    const staleIds = async (bucket: number | null, target = scope) => (await drillDown(target, 'stale-flags', 'stale', bucket)).map((record) => record.id).sort();
    expect(await staleIds(0)).toEqual([releaseStale.id, archivedLater.id].sort());
    expect(await staleIds(1)).toEqual([releaseStale.id, experiment.id, expiresAtReading.id].sort());
    expect(await staleIds(null)).toEqual([releaseStale.id, experiment.id, extended.id, expiresAtReading.id, createdLater.id].sort());

    // While the period runs, the last reading is now, and months not begun have none.
    const midFebruary = utc('2012-02-10T12:00:00Z');
    const running = await expectKpisMatch(period, midFebruary);
    expect(running.dashboard.staleFlags.trend).toEqual([{ at: utc('2012-02-01T00:00:00Z'), count: 2 }, { at: midFebruary, count: 2 }, { at: null, count: null }]);
    expect(running.dashboard.staleFlags).toMatchObject({ count: 2, at: midFebruary, state: 'met' });
    expect(await staleIds(null, running.scope)).toEqual([releaseStale.id, archivedLater.id].sort());

    // Asked before the period starts: no reading at all.
    const beforehand = await expectKpisMatch(period, utc('2011-12-15T00:00:00Z'), { perBucketDrillDowns: false });
    expect(beforehand.dashboard.staleFlags).toMatchObject({ count: null, at: null, state: 'no-data' });
  });
});

describe('migration rollback rate', () => {
  test('executed migrations by execution time; running and planned ones do not count', async () => {
    const cast = await createTeamWithEngineer();
    const standardChange = await newChange(cast);
    const normalChange = await newChange(cast, { changeClass: 'normal' });
    const plan = (changeRequestId: string, status: 'planned' | 'running' | 'succeeded' | 'rolled_back', executedAt: Date | null) =>
      db.migrationPlan.create({ data: { changeRequestId, type: 'schema_additive', title: `Migration ${uniqueSuffix()}`, status, executedAt }, select: { id: true } });

    const succeeded = await plan(standardChange.id, 'succeeded', utc('2012-05-03T12:00:00Z'));
    const rolledBack = await plan(standardChange.id, 'rolled_back', utc('2012-05-10T12:00:00Z'));
    await plan(standardChange.id, 'rolled_back', utc('2012-04-30T23:59:59.999Z'));
    await plan(standardChange.id, 'running', utc('2012-05-12T12:00:00Z'));
    await plan(standardChange.id, 'planned', null);
    const lastEvening = await plan(standardChange.id, 'succeeded', utc('2012-05-31T23:00:00Z'));
    const normalRolledBack = await plan(normalChange.id, 'rolled_back', utc('2012-05-20T12:00:00Z'));
    await plan(normalChange.id, 'succeeded', utc('2012-06-01T00:00:00Z'));

    const period = { from: '2012-05-01', to: '2012-05-31', granularity: 'week' as const, team: cast.team.slug };
    const { dashboard, scope } = await expectKpisMatch(period, AT);
    expect(dashboard.migrationRollbackRate).toMatchObject({ numerator: 2, denominator: 4, rate: 0.5, state: 'missed' });
    expect((await drillDown(scope, 'migration-rollback-rate', 'executed', null)).map((record) => record.id).sort())
      .toEqual([succeeded.id, rolledBack.id, lastEvening.id, normalRolledBack.id].sort());
    const standardOnly = await expectKpisMatch({ ...period, class: 'standard' }, AT, { perBucketDrillDowns: false });
    expect(standardOnly.dashboard.migrationRollbackRate).toMatchObject({ numerator: 1, denominator: 3 });
  });
});

describe('change lead time', () => {
  test('median and p90 by class with odd and even counts; unmeasured changes; period boundaries', async () => {
    const cast = await createTeamWithEngineer();
    const reached = async (changeClass: ChangeClass, prOpenedAt: Date | null, deploys: [DeployStatus, string, string | null][], environment = production) => {
      const row = await newChange(cast, { changeClass, prOpenedAt });
      for (const [status, startedAt, finishedAt] of deploys) await deploy(row.id, environment, status, utc(startedAt), finishedAt === null ? null : utc(finishedAt));
      return row;
    };
    // Standard (three): 1.5 h, 2 h (a failure first; success without an end reached at its start), 6 h.
    const s1 = await reached('standard', utc('2013-04-02T08:00:00Z'), [['succeeded', '2013-04-02T09:00:00Z', '2013-04-02T09:30:00Z']]);
    const s2 = await reached('standard', utc('2013-04-03T08:00:00Z'), [['failed', '2013-04-03T09:00:00Z', '2013-04-03T09:05:00Z'], ['succeeded', '2013-04-03T10:00:00Z', null]]);
    const s3 = await reached('standard', utc('2013-04-09T00:00:00Z'), [['succeeded', '2013-04-09T06:00:00Z', '2013-04-09T06:00:00Z']]);
    // Normal (four): 1 h, 3 h, 5 h, 10 h; one first deployed before the period but reaching production in it.
    const n1 = await reached('normal', utc('2013-04-16T08:00:00Z'), [['succeeded', '2013-04-16T08:50:00Z', '2013-04-16T09:00:00Z']]);
    const n2 = await reached('normal', utc('2013-04-17T08:00:00Z'), [['succeeded', '2013-04-17T10:00:00Z', '2013-04-17T11:00:00Z']]);
    const n3 = await reached('normal', utc('2013-03-31T22:00:00Z'), [['failed', '2013-03-31T23:00:00Z', '2013-03-31T23:10:00Z'], ['succeeded', '2013-04-01T02:00:00Z', '2013-04-01T03:00:00Z']]);
    const n4 = await reached('normal', utc('2013-04-23T00:00:00Z'), [['succeeded', '2013-04-23T09:00:00Z', '2013-04-23T10:00:00Z']]);
    // Reaching production exactly at the period start counts; exactly at its end does not.
    const atStart = await reached('major', utc('2013-03-31T22:00:00Z'), [['succeeded', '2013-03-31T23:00:00Z', '2013-04-01T00:00:00.000Z']]);
    await reached('major', utc('2013-04-30T20:00:00Z'), [['succeeded', '2013-04-30T23:50:00Z', '2013-05-01T00:00:00.000Z']]);
    // Unmeasured: no pull request opening, or one after the change reached production.
    const noPullRequest = await reached('standard', null, [['succeeded', '2013-04-10T10:00:00Z', '2013-04-10T10:10:00Z']]);
    const openedAfter = await reached('standard', utc('2013-04-12T12:00:00Z'), [['succeeded', '2013-04-12T09:50:00Z', '2013-04-12T10:00:00Z']]);
    // Never reached production in the period: only failures, only staging, or reached before it.
    await reached('standard', utc('2013-04-02T08:00:00Z'), [['failed', '2013-04-02T09:00:00Z', '2013-04-02T09:10:00Z'], ['rolled_back', '2013-04-04T09:00:00Z', null]]);
    await reached('standard', utc('2013-04-02T08:00:00Z'), [['succeeded', '2013-04-02T09:00:00Z', '2013-04-02T09:10:00Z']], staging);
    await reached('standard', utc('2013-03-30T08:00:00Z'), [['succeeded', '2013-03-31T09:00:00Z', '2013-03-31T09:10:00Z'], ['succeeded', '2013-04-02T09:00:00Z', '2013-04-02T09:10:00Z']]);

    const period = { from: '2013-04-01', to: '2013-04-30', granularity: 'week' as const, team: cast.team.slug };
    const { dashboard, scope } = await expectKpisMatch(period, AT);
    const hours = (value: number) => value * 3600;
    expect(dashboard.leadTime.standard.count).toBe(3);
    expect(dashboard.leadTime.standard.medianSeconds).toBeCloseTo(hours(2), 6);
    expect(dashboard.leadTime.standard.p90Seconds).toBeCloseTo(hours(2 + 4 * 0.8), 6);
    expect(dashboard.leadTime.byClass.normal.count).toBe(4);
    expect(dashboard.leadTime.byClass.normal.medianSeconds).toBeCloseTo(hours(4), 6);
    expect(dashboard.leadTime.byClass.normal.p90Seconds).toBeCloseTo(hours(5 + 0.7 * 5), 6);
    expect(dashboard.leadTime.byClass.major).toMatchObject({ count: 1, medianSeconds: hours(2) });
    expect(dashboard.leadTime).toMatchObject({ state: 'met', unmeasured: 2, all: { count: 8 } });
    expect(dashboard.leadTime.all.medianSeconds).toBeCloseTo(hours(2.5), 6);
    expect((await drillDown(scope, 'lead-time', 'unmeasured', null)).map((record) => record.id).sort()).toEqual([noPullRequest.id, openedAfter.id].sort());
    expect((await drillDown(scope, 'lead-time', 'standard', null)).map((record) => record.id).sort()).toEqual([s1.id, s2.id, s3.id].sort());
    expect((await drillDown(scope, 'lead-time', 'all', null)).map((record) => record.id).sort()).toEqual([s1, s2, s3, n1, n2, n3, n4, atStart].map((row) => row.id).sort());
    // Weeks from Monday 1 April 2013: the trend groups the changes by the week they reached production.
    expect(dashboard.leadTime.trend.map((point) => point.all.count)).toEqual([4, 1, 2, 1, 0]);

    // Without standard changes the target has nothing to judge.
    const normalOnly = await expectKpisMatch({ ...period, class: 'normal' }, AT, { perBucketDrillDowns: false });
    expect(normalOnly.dashboard.leadTime).toMatchObject({ state: 'no-data', standard: { count: 0, medianSeconds: null }, all: { count: 4 } });
  });

  test('a standard median of exactly four hours misses the target', async () => {
    const cast = await createTeamWithEngineer();
    for (const leadHours of [1, 4, 9]) {
      const row = await newChange(cast, { prOpenedAt: utc('2013-06-05T00:00:00Z') });
      await deploy(row.id, production, 'succeeded', utc('2013-06-05T00:00:00Z'), plus(utc('2013-06-05T00:00:00Z'), leadHours * HOUR));
    }
    const { dashboard } = await expectKpisMatch({ from: '2013-06-01', to: '2013-06-30', team: cast.team.slug }, AT, { perBucketDrillDowns: false });
    expect(dashboard.leadTime).toMatchObject({ state: 'missed', standard: { count: 3, medianSeconds: 4 * 3600 } });
  });
});

describe('KPIs in the policy time zone', () => {
  test('America/New_York: the period and weekly buckets run from local midnights across the DST change', async () => {
    const saved = await policySettingsEdit();
    try {
      await publishPolicySettings({ ...saved, timeZone: 'America/New_York', note: 'KPI time zone test', actor: await createUser({ role: 'admin' }), at: new Date() });
      const cast = await createTeamWithEngineer();
      const deployedAt = async (iso: string) => {
        const row = await newChange(cast, { prOpenedAt: plus(utc(iso), -HOUR) });
        await deploy(row.id, production, 'succeeded', utc(iso), utc(iso));
        return row;
      };
      const mondayFirstMinutes = await deployedAt('2015-03-02T05:30:00Z'); // 00:30 EST, Mon 2 Mar
      await deployedAt('2015-03-02T04:30:00Z'); // 23:30 EST, Sun 1 Mar: before the period
      const sundayNight = await deployedAt('2015-03-09T03:30:00Z'); // 23:30 EDT, Sun 8 Mar (DST began at 02:00): first week
      const mondayAfter = await deployedAt('2015-03-09T04:30:00Z'); // 00:30 EDT, Mon 9 Mar: second week
      const lastEvening = await deployedAt('2015-03-16T03:30:00Z'); // 23:30 EDT, Sun 15 Mar: the last day, counted
      await deployedAt('2015-03-16T04:30:00Z'); // 00:30 EDT, Mon 16 Mar: after the period

      const { dashboard, scope } = await expectKpisMatch({ from: '2015-03-02', to: '2015-03-15', granularity: 'week', team: cast.team.slug }, AT);
      expect(dashboard.period.timeZone).toBe('America/New_York');
      expect(dashboard.buckets.map((bucket) => [bucket.label, bucket.start.toISOString(), bucket.end.toISOString()])).toEqual([
        ['2015-03-02', '2015-03-02T05:00:00.000Z', '2015-03-09T04:00:00.000Z'],
        ['2015-03-09', '2015-03-09T04:00:00.000Z', '2015-03-16T04:00:00.000Z'],
      ]);
      expect((dashboard.buckets[0]!.end.getTime() - dashboard.buckets[0]!.start.getTime()) / HOUR).toBe(167);
      expect(dashboard.changeFailureRate.trend.map((point) => point.denominator)).toEqual([2, 2]);
      expect((await drillDown(scope, 'change-failure-rate', 'deployed', 0)).map((record) => record.id).sort()).toEqual([mondayFirstMinutes.id, sundayNight.id].sort());
      expect((await drillDown(scope, 'change-failure-rate', 'deployed', 1)).map((record) => record.id).sort()).toEqual([mondayAfter.id, lastEvening.id].sort());
      expect(dashboard.leadTime.trend.map((point) => point.standard.count)).toEqual([2, 2]);

      // "Today" is the local date: 23:30 on 15 March in New York is already 16 March in UTC.
      const today = await resolveKpiScope({ team: cast.team.slug }, utc('2015-03-16T03:30:00Z'));
      expect(today.success && today.scope.query).toMatchObject({ to: '2015-03-15', from: '2014-12-16' });
      // Monthly buckets in the zone: local midnight of the 1st.
      const monthly = await expectKpisMatch({ from: '2015-02-15', to: '2015-03-15', granularity: 'month', team: cast.team.slug }, AT, { perBucketDrillDowns: false });
      expect(monthly.dashboard.buckets.map((bucket) => bucket.start.toISOString())).toEqual(['2015-02-15T05:00:00.000Z', '2015-03-01T05:00:00.000Z']);
      // 23:30 EST on 1 March (04:30Z on 2 March) is inside this period, in March.
      expect(monthly.dashboard.changeFailureRate.trend.map((point) => point.denominator)).toEqual([0, 5]);
    } finally {
      await restorePolicySettings(saved);
    }
    expect((await db.policySettings.findFirstOrThrow({ orderBy: { version: 'desc' }, select: { timeZone: true } })).timeZone).toBe(saved.timeZone);
  });
});

describe('property: random deploy histories', () => {
  const START = utc('2014-06-01T00:00:00Z');
  const PERIOD_MINUTES = 30 * 1440;
  // Minutes from the period start, with its two boundaries and the instants just before them likely.
  const offset = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -10 * 1440, max: PERIOD_MINUTES + 10 * 1440 }).map((minutes) => minutes * MINUTE) },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, PERIOD_MINUTES * MINUTE, PERIOD_MINUTES * MINUTE - 1) },
  );
  const deployArbitrary = fc.record({
    isProduction: fc.boolean(),
    status: fc.constantFrom<DeployStatus>('started', 'succeeded', 'succeeded', 'failed', 'rolled_back'),
    startOffset: offset,
    durationMinutes: fc.option(fc.integer({ min: 0, max: 2 * 1440 }), { nil: null }),
  });
  const changeArbitrary = fc.record({
    changeClass: fc.constantFrom<ChangeClass>(...CHANGE_CLASSES),
    prOffset: fc.option(offset.map((ms) => ms - 2 * DAY), { nil: null }),
    incident: fc.constantFrom<'fixes' | 'caused' | null>(null, null, 'fixes', 'caused'),
    deploys: fc.array(deployArbitrary, { maxLength: 4 }),
  });

  test('change failure rate and lead time equal the recompute, whatever the order deploys are reported in', async () => {
    const [commander] = await reviewers(1);
    await fc.assert(fc.asyncProperty(fc.array(changeArbitrary, { minLength: 1, maxLength: 6 }), async (changes) => {
      const cast = await createTeamWithEngineer();
      for (const input of changes) {
        const row = await newChange(cast, { changeClass: input.changeClass, prOpenedAt: input.prOffset === null ? null : plus(START, input.prOffset) });
        if (input.incident) await linkIncident(row.id, commander!.id, input.incident);
        for (const step of input.deploys) {
          const startedAt = plus(START, step.startOffset);
          const finishedAt = step.status === 'started' || step.durationMinutes === null ? null : plus(startedAt, step.durationMinutes * MINUTE);
          await deploy(row.id, step.isProduction ? production : staging, step.status, startedAt, finishedAt);
        }
      }
      const { dashboard, expected } = await expectKpisMatch({ from: '2014-06-01', to: '2014-06-30', granularity: 'week', team: cast.team.slug }, AT, { perBucketDrillDowns: false });
      // The figures are not all zero by construction: they follow the generated histories.
      expect(dashboard.changeFailureRate.denominator).toBe(expected.deployed.length);
      expect(dashboard.leadTime.all.count + dashboard.leadTime.unmeasured).toBe(expected.lead.length);
    }), { numRuns: 15 });
  }, 240_000);
});
