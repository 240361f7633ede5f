// GET /api/v1/kpis and /api/v1/kpis/{kpi}/records through HTTP with bearer tokens (DOMAIN.md
// invariant 8): the numbers and the records behind them equal a recompute from the database rows,
// made here from the KPI definitions in words. The demo data is read, never assumed: its history grows.
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { db } from './fixtures';
import { serviceToken, personalToken, type Headers } from './api-fixtures';
import { createChangeRow, createTeamWithEngineer } from '@/prisma/factories';
import { secondApprovalAt } from '@/lib/policy/approval-rules';
import { CHANGE_CLASSES, type ChangeClass } from '@/lib/policy/change-class';
import { flagExpiry } from '@/lib/policy/flag-staleness';
import { KPI_IDS, KPI_RECORD_PARTS, UNAUTHORIZED_KINDS, percentileCont, type UnauthorizedKind } from '@/lib/policy/kpis';
import { addCalendarDays, localCalendarDate, startOfLocalDay, weekdayOfDate } from '@/lib/time/local-day';
import type { KpiDashboardDto } from '@/lib/api/dto/kpis';

type Query = { from: string; to: string; granularity: 'week' | 'month'; team?: string };
type Placed = { id: string; bucket: number };
type LeadEntry = Placed & { changeClass: ChangeClass; seconds: number | null };

async function expectStatus(response: APIResponse, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json();
}

// ───────────────────────── The recompute, from the rows ─────────────────────────

function bucketsOf(query: Query, timeZone: string) {
  const next = (label: string) => {
    if (query.granularity === 'week') return addCalendarDays(label, 7);
    const [year, month] = label.split('-').map(Number) as [number, number];
    return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  };
  const afterTo = addCalendarDays(query.to, 1);
  const buckets: { label: string; start: Date; end: Date }[] = [];
  for (let label = query.granularity === 'week' ? addCalendarDays(query.from, -((weekdayOfDate(query.from) + 6) % 7)) : `${query.from.slice(0, 7)}-01`; label <= query.to; label = next(label)) {
    buckets.push({ label, start: startOfLocalDay(label < query.from ? query.from : label, timeZone), end: startOfLocalDay(next(label) < afterTo ? next(label) : afterTo, timeZone) });
  }
  return buckets;
}

async function recompute(query: Query, at: Date) {
  const policy = await db.policySettings.findFirstOrThrow({ orderBy: { version: 'desc' }, select: { timeZone: true, emergencyReviewHours: true, releaseFlagTtlDays: true, experimentFlagTtlDays: true } });
  const buckets = bucketsOf(query, policy.timeZone);
  const start = buckets[0]!.start;
  const end = buckets.at(-1)!.end;
  const inPeriod = (instant: Date | null | undefined): instant is Date => !!instant && instant >= start && instant < end;
  const bucketOf = (instant: Date) => buckets.findIndex((bucket) => instant >= bucket.start && instant < bucket.end);
  const team = query.team ? await db.team.findUniqueOrThrow({ where: { slug: query.team }, select: { id: true } }) : null;
  const min = (instants: Date[]) => (instants.length ? new Date(Math.min(...instants.map((instant) => instant.getTime()))) : null);

  const deployed: Placed[] = [];
  const failed: Placed[] = [];
  const unauthorized: Record<UnauthorizedKind, Placed[]> = { deployment: [], 'config-change': [], 'emergency-review': [] };
  const executed: Placed[] = [];
  const rolledBack: Placed[] = [];
  const lead: LeadEntry[] = [];
  const changes = await db.changeRequest.findMany({
    where: team ? { teamId: team.id } : {},
    select: {
      id: true, changeClass: true, authorId: true, contentVersion: true, adrUrl: true, prOpenedAt: true,
      deployments: { where: { environment: { isProduction: true } }, select: { id: true, status: true, startedAt: true, finishedAt: true, isUnauthorized: true } },
      incidents: { select: { link: true } },
      approvals: { select: { approverId: true, decision: true, contentVersion: true, wasStaffPlus: true, decidedAt: true } },
      migrationPlans: { select: { id: true, status: true, executedAt: true } },
    },
  });
  for (const change of changes) {
    const first = min(change.deployments.map((deploy) => deploy.startedAt));
    const reached = min(change.deployments.filter((deploy) => deploy.status === 'succeeded').map((deploy) => deploy.finishedAt ?? deploy.startedAt));
    if (inPeriod(first)) {
      const placed = { id: change.id, bucket: bucketOf(first) };
      deployed.push(placed);
      if (change.deployments.some((deploy) => deploy.status === 'failed' || deploy.status === 'rolled_back') || change.incidents.some((incident) => incident.link === 'caused')) failed.push(placed);
      if (change.changeClass === 'emergency') {
        const deadline = first.getTime() + policy.emergencyReviewHours * 3_600_000;
        const second = secondApprovalAt(change, change.approvals);
        if (second ? second.getTime() > deadline : at.getTime() > deadline) unauthorized['emergency-review'].push(placed);
      }
    }
    for (const deploy of change.deployments) if (deploy.isUnauthorized && inPeriod(deploy.startedAt)) unauthorized.deployment.push({ id: deploy.id, bucket: bucketOf(deploy.startedAt) });
    for (const plan of change.migrationPlans) {
      if ((plan.status === 'succeeded' || plan.status === 'rolled_back') && inPeriod(plan.executedAt)) {
        executed.push({ id: plan.id, bucket: bucketOf(plan.executedAt) });
        if (plan.status === 'rolled_back') rolledBack.push({ id: plan.id, bucket: bucketOf(plan.executedAt) });
      }
    }
    if (inPeriod(reached)) {
      const seconds = change.prOpenedAt && change.prOpenedAt <= reached ? (reached.getTime() - change.prOpenedAt.getTime()) / 1000 : null;
      lead.push({ id: change.id, bucket: bucketOf(reached), changeClass: change.changeClass, seconds });
    }
  }
  const configChanges = await db.configChange.findMany({ where: { isReportedAfter: true }, select: { id: true, appliedAt: true, service: { select: { teamId: true } } } });
  for (const configChange of configChanges) {
    if (team && configChange.service?.teamId !== team.id) continue;
    if (inPeriod(configChange.appliedAt)) unauthorized['config-change'].push({ id: configChange.id, bucket: bucketOf(configChange.appliedAt) });
  }
  const flags = await db.featureFlag.findMany({ where: team ? { teamId: team.id } : {}, select: { id: true, type: true, status: true, createdAt: true, fullRolloutAt: true, expiresAt: true, archivedAt: true } });
  const stale = buckets.map((bucket) => {
    if (bucket.start > at) return { at: null, ids: null };
    const readAt = new Date(Math.min(bucket.end.getTime(), at.getTime()));
    const ids = flags.filter((flag) => {
      const isArchived = flag.status === 'archived' && !(flag.archivedAt && flag.archivedAt > readAt);
      const expiry = flagExpiry(flag, policy);
      return flag.createdAt <= readAt && !isArchived && expiry !== null && expiry <= readAt;
    }).map((flag) => flag.id);
    return { at: readAt, ids };
  });
  return { timeZone: policy.timeZone, buckets, deployed, failed, unauthorized, stale, executed, rolledBack, lead };
}

type Recomputed = Awaited<ReturnType<typeof recompute>>;

// ───────────────────────── Comparing with what the API answers ─────────────────────────

const inBucket = <T extends Placed>(placed: T[], bucket: number | null) => (bucket === null ? placed : placed.filter((record) => record.bucket === bucket));
const idsOf = (placed: Placed[]) => placed.map((record) => record.id).sort();
const rate = (numerator: number, denominator: number) => (denominator === 0 ? null : numerator / denominator);
const rateState = (value: number | null, target: number) => (value === null ? 'no-data' : value < target ? 'met' : 'missed');

function figures(entries: LeadEntry[]) {
  const seconds = entries.flatMap((entry) => (entry.seconds === null ? [] : [entry.seconds])).sort((a, b) => a - b);
  return { count: seconds.length, medianSeconds: percentileCont(seconds, 0.5), p90Seconds: percentileCont(seconds, 0.9) };
}

function expectFigures(actual: { count: number; medianSeconds: number | null; p90Seconds: number | null }, expected: ReturnType<typeof figures>, label: string) {
  expect(actual.count, label).toBe(expected.count);
  for (const key of ['medianSeconds', 'p90Seconds'] as const) {
    if (expected[key] === null) expect(actual[key], `${label} ${key}`).toBeNull();
    else expect(actual[key], `${label} ${key}`).toBeCloseTo(expected[key], 6);
  }
}

function expectSameNumbers(body: KpiDashboardDto, expected: Recomputed) {
  const { kpis } = body;
  expect(body.period.timeZone).toBe(expected.timeZone);
  expect(body.buckets).toEqual(expected.buckets.map((bucket) => ({ label: bucket.label, start: bucket.start.toISOString(), end: bucket.end.toISOString() })));
  const labels = expected.buckets.map((bucket) => bucket.label);

  const failure = rate(expected.failed.length, expected.deployed.length);
  expect(kpis['change-failure-rate']).toMatchObject({ value: failure, failed: expected.failed.length, deployed: expected.deployed.length, state: rateState(failure, 0.05) });
  expect(kpis['change-failure-rate'].trend).toEqual(labels.map((bucket, index) => {
    const [numerator, denominator] = [inBucket(expected.failed, index).length, inBucket(expected.deployed, index).length];
    return { bucket, value: rate(numerator, denominator), failed: numerator, deployed: denominator };
  }));

  const byKind = (bucket: number | null) => Object.fromEntries(UNAUTHORIZED_KINDS.map((kind) => [kind, inBucket(expected.unauthorized[kind], bucket).length]));
  const count = (kinds: Record<string, number>) => Object.values(kinds).reduce((total, value) => total + value, 0);
  expect(kpis['unauthorized-changes']).toMatchObject({ value: count(byKind(null)), byKind: byKind(null), state: count(byKind(null)) === 0 ? 'met' : 'missed' });
  expect(kpis['unauthorized-changes'].trend).toEqual(labels.map((bucket, index) => ({ bucket, value: count(byKind(index)), byKind: byKind(index) })));

  const readings = expected.stale.map((reading, index) => ({ bucket: labels[index], value: reading.ids?.length ?? null, at: reading.at?.toISOString() ?? null }));
  expect(kpis['stale-flags'].trend).toEqual(readings);
  const last = readings.findLast((reading) => reading.at !== null);
  expect(kpis['stale-flags']).toMatchObject({ value: last?.value ?? null, at: last?.at ?? null, state: last ? (last.value! < 5 ? 'met' : 'missed') : 'no-data' });

  const rollback = rate(expected.rolledBack.length, expected.executed.length);
  expect(kpis['migration-rollback-rate']).toMatchObject({ value: rollback, rolledBack: expected.rolledBack.length, executed: expected.executed.length, state: rateState(rollback, 0.1) });
  expect(kpis['migration-rollback-rate'].trend).toEqual(labels.map((bucket, index) => {
    const [numerator, denominator] = [inBucket(expected.rolledBack, index).length, inBucket(expected.executed, index).length];
    return { bucket, value: rate(numerator, denominator), rolledBack: numerator, executed: denominator };
  }));

  const lead = kpis['lead-time'];
  const standard = figures(expected.lead.filter((entry) => entry.changeClass === 'standard'));
  expectFigures(lead.standard, standard, 'standard');
  expectFigures(lead.all, figures(expected.lead), 'all');
  for (const changeClass of CHANGE_CLASSES) expectFigures(lead.byClass[changeClass], figures(expected.lead.filter((entry) => entry.changeClass === changeClass)), changeClass);
  expect(lead).toMatchObject({ value: standard.medianSeconds, unit: 'seconds', unmeasured: expected.lead.filter((entry) => entry.seconds === null).length });
  expect(lead.state).toBe(standard.medianSeconds === null ? 'no-data' : standard.medianSeconds < 14_400 ? 'met' : 'missed');
  expect(lead.trend.map((point) => point.bucket)).toEqual(labels);
  lead.trend.forEach((point, index) => {
    expectFigures(point.standard, figures(inBucket(expected.lead, index).filter((entry) => entry.changeClass === 'standard')), `${labels[index]} standard`);
    expectFigures(point.all, figures(inBucket(expected.lead, index)), `${labels[index]} all`);
  });
}

/** What each record part must list for the whole period. */
function expectedIds(expected: Recomputed): Record<string, Record<string, string[]>> {
  const measured = expected.lead.filter((entry) => entry.seconds !== null);
  const lastReading = expected.stale.findLast((reading) => reading.at !== null);
  return {
    'change-failure-rate': { failed: idsOf(expected.failed), deployed: idsOf(expected.deployed) },
    'unauthorized-changes': { all: idsOf(UNAUTHORIZED_KINDS.flatMap((kind) => expected.unauthorized[kind])), ...Object.fromEntries(UNAUTHORIZED_KINDS.map((kind) => [kind, idsOf(expected.unauthorized[kind])])) },
    'stale-flags': { stale: [...(lastReading?.ids ?? [])].sort() },
    'migration-rollback-rate': { 'rolled-back': idsOf(expected.rolledBack), executed: idsOf(expected.executed) },
    'lead-time': {
      all: idsOf(measured),
      ...Object.fromEntries(CHANGE_CLASSES.map((changeClass) => [changeClass, idsOf(measured.filter((entry) => entry.changeClass === changeClass))])),
      unmeasured: idsOf(expected.lead.filter((entry) => entry.seconds === null)),
    },
  };
}

function queryString(query: Query, extra: Record<string, string> = {}) {
  return new URLSearchParams({ from: query.from, to: query.to, granularity: query.granularity, ...(query.team ? { team: query.team } : {}), ...extra }).toString();
}

/** Every page of one part's records, through the API. */
async function recordIds(request: APIRequestContext, headers: Headers, kpi: string, query: Query, part: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page += 1) {
    const body = await expectStatus(await request.get(`/api/v1/kpis/${kpi}/records?${queryString(query, { part, page: String(page) })}`, { headers }), 200);
    ids.push(...body.records.map((record: { id: string }) => record.id));
    if (body.records.length < body.pageSize) {
      expect(body.total, `${kpi}/${part} total`).toBe(ids.length);
      return ids.sort();
    }
  }
}

/** The dashboard's numbers and every record list of `query` equal the recompute at the API's evaluation time. */
async function expectApiMatchesRecompute(request: APIRequestContext, headers: Headers, query: Query) {
  const body: KpiDashboardDto = await expectStatus(await request.get(`/api/v1/kpis?${queryString(query)}`, { headers }), 200);
  expect(body.period).toMatchObject({ from: query.from, to: query.to, granularity: query.granularity, isEndExclusive: true });
  const expected = await recompute(query, new Date(body.evaluatedAt!));
  expectSameNumbers(body, expected);
  const ids = expectedIds(expected);
  for (const kpi of KPI_IDS) {
    for (const part of KPI_RECORD_PARTS[kpi]) expect(await recordIds(request, headers, kpi, query, part), `${kpi}/${part}`).toEqual(ids[kpi]![part]);
  }
  return { body, expected };
}

// ───────────────────────── The tests ─────────────────────────

test.describe('[API] KPIs', () => {
  test('no token is 401; a token without kpis:read is 403', async ({ request }) => {
    for (const path of ['/api/v1/kpis', '/api/v1/kpis/change-failure-rate/records']) {
      const anonymous = await expectStatus(await request.get(path), 401);
      expect(anonymous.error.code).toBe('UNAUTHENTICATED');
      const wrong = await expectStatus(await request.get(path, { headers: { Authorization: 'Bearer cb_not-a-real-token' } }), 401);
      expect(wrong.error.code).toBe('UNAUTHENTICATED');
    }
    const pipeline = await serviceToken(['changes:read', 'flags:read']);
    for (const path of ['/api/v1/kpis', '/api/v1/kpis/lead-time/records']) {
      const refused = await expectStatus(await request.get(path, { headers: pipeline.headers }), 403);
      expect(refused.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('kpis:read') });
    }
  });

  test('a query that is not understood is 400, naming each parameter; an unknown KPI is 404 and a bad part 422', async ({ request }) => {
    const { headers } = await serviceToken(['kpis:read']);
    const refused = async (path: string) => {
      const body = await expectStatus(await request.get(path, { headers }), 400);
      expect(body.error.code).toBe('BAD_REQUEST');
      return Object.keys(body.error.fieldErrors).sort();
    };
    expect(await refused('/api/v1/kpis?size=10')).toEqual(['size']);
    expect(await refused('/api/v1/kpis?from=2026-02-30')).toEqual(['from']);
    expect(await refused('/api/v1/kpis?from=2026-03-02&to=2026-03-01')).toEqual(['to']);
    expect(await refused('/api/v1/kpis?team=no-such-team-kpi-e2e')).toEqual(['team']);
    expect(await refused('/api/v1/kpis?team=Not%20A%20Slug&class=urgent&granularity=day')).toEqual(['class', 'granularity', 'team']);
    expect(await refused('/api/v1/kpis/stale-flags/records?part=stale&limit=5')).toEqual(['limit']);

    const unknown = await expectStatus(await request.get('/api/v1/kpis/deploy-frequency/records', { headers }), 404);
    expect(unknown.error.code).toBe('NOT_FOUND');
    const badPart = await expectStatus(await request.get('/api/v1/kpis/change-failure-rate/records?part=rolled-back', { headers }), 422);
    expect(badPart.error).toMatchObject({ code: 'INVALID', fieldErrors: { part: [expect.stringContaining('failed, deployed')] } });
    const badBucket = await expectStatus(await request.get('/api/v1/kpis/lead-time/records?bucket=9999', { headers }), 422);
    expect(Object.keys(badBucket.error.fieldErrors)).toEqual(['bucket']);
  });

  test('the default period: the 90 local days ending today, by week, with the numbers and records of a recompute', async ({ request }) => {
    const { headers } = await serviceToken(['kpis:read']);
    const body: KpiDashboardDto = await expectStatus(await request.get('/api/v1/kpis', { headers }), 200);
    const today = localCalendarDate(new Date(body.evaluatedAt!), body.period.timeZone);
    expect(body.period).toMatchObject({ from: addCalendarDays(today, -89), to: today, granularity: 'week' });
    expect(body.filters).toEqual({ team: null, service: null, class: null });
    const { expected } = await expectApiMatchesRecompute(request, headers, { from: body.period.from, to: body.period.to, granularity: 'week' });
    // The demo data has recent deploys and a DNS change reported afterwards: the comparison is not over nothing.
    expect(expected.deployed.length + expected.unauthorized['config-change'].length).toBeGreaterThan(0);
  });

  test('?from=&to=&team= over the demo history, with a personal token, equals the recompute', async ({ request }) => {
    const { headers } = await personalToken('engineer1@changeboard.test');
    const today = localCalendarDate(new Date(), (await db.policySettings.findFirstOrThrow({ orderBy: { version: 'desc' }, select: { timeZone: true } })).timeZone);
    const query: Query = { from: addCalendarDays(today, -179), to: today, granularity: 'month', team: 'payments' };
    const { body } = await expectApiMatchesRecompute(request, headers, query);
    expect(body.filters).toEqual({ team: 'payments', service: null, class: null });
  });

  test('deploys a pipeline records through the API show in the KPIs of their team, and the records list exactly them', async ({ request }) => {
    const pipeline = await serviceToken(['deployments:write', 'kpis:read']);
    const { team, service, engineer } = await createTeamWithEngineer();
    const change = (prOpenedAt: Date) => createChangeRow({ teamId: team.id, authorId: engineer.id, serviceIds: [service.id], status: 'approved' })
      .then(async (row) => (await db.changeRequest.update({ where: { id: row.id }, data: { prOpenedAt }, select: { id: true } })));
    const record = (changeId: string, status: string, startedAt: string, finishedAt: string) => request.post('/api/v1/deployments', {
      headers: pipeline.headers, data: { changeId, environmentSlug: 'production', status, startedAt, finishedAt },
    }).then((response) => expectStatus(response, 201));
    const smooth = await change(new Date('2021-03-02T08:00:00Z'));
    await record(smooth.id, 'succeeded', '2021-03-02T09:00:00Z', '2021-03-02T10:00:00Z'); // 2 h
    const bumpy = await change(new Date('2021-03-10T08:00:00Z'));
    await record(bumpy.id, 'failed', '2021-03-10T09:00:00Z', '2021-03-10T09:10:00Z');
    await record(bumpy.id, 'succeeded', '2021-03-10T11:00:00Z', '2021-03-10T14:00:00Z'); // 6 h
    // Reported late with an earlier start: this change was first deployed before the period.
    const early = await change(new Date('2021-02-20T08:00:00Z'));
    await record(early.id, 'succeeded', '2021-03-05T09:00:00Z', '2021-03-05T09:30:00Z');
    await record(early.id, 'failed', '2021-02-27T09:00:00Z', '2021-02-27T09:10:00Z');

    const query: Query = { from: '2021-03-01', to: '2021-03-31', granularity: 'week', team: team.slug };
    const { body } = await expectApiMatchesRecompute(request, pipeline.headers, query);
    expect(body.kpis['change-failure-rate']).toMatchObject({ value: 0.5, failed: 1, deployed: 2, state: 'missed' });
    expect(body.kpis['lead-time']).toMatchObject({ all: { count: 3 }, standard: { count: 3, medianSeconds: 6 * 3600 } });
    // No gate allow and no approvals: each production deploy in the period is flagged (the one before it is not counted).
    expect(body.kpis['unauthorized-changes']).toMatchObject({ byKind: { deployment: 4 } });
    expect(await recordIds(request, pipeline.headers, 'change-failure-rate', query, 'failed')).toEqual([bumpy.id]);
    expect(await recordIds(request, pipeline.headers, 'change-failure-rate', query, 'deployed')).toEqual([smooth.id, bumpy.id].sort());
  });
});
