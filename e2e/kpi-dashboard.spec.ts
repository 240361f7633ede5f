// The KPI dashboard (issue #8) in a real browser: every figure equals a recount from the raw rows made
// here with plain Prisma queries (never the dashboard's own SQL), the drill-downs list exactly the
// records counted, the filters change figures and URL, and the CSV export carries the same numbers.
// A team of its own, with a known history, makes the filtered figures exact whatever the demo data holds.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatCalendarMonth } from '@/lib/format/date';
import { changeReference, type ChangeClass } from '@/lib/policy/change-class';
import { formatDuration, formatRate } from '@/lib/policy/kpis';
import { ZRecordDeploymentBody } from '@/lib/schemas/deployment-api';
import { recordDeployment } from '@/lib/server/deployments/record-deployment';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { startOfWeek } from '@/lib/time/calendar-grid';
import { addCalendarDays, localCalendarDate, nextCalendarDate, startOfLocalDay } from '@/lib/time/local-day';
import { createChangeRow, createTeamWithEngineer, uniqueSuffix } from '@/prisma/factories';
import { releasedFlagRow } from '@/prisma/flag-factories';
import { asUser, db, expectNoAxeViolations } from './fixtures';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

type Filter = { teamId?: string; changeClass?: ChangeClass };
type Period = { start: Date; end: Date };

// ---- The independent recount, from raw rows ----

const changeWhere = (filter: Filter) => ({ teamId: filter.teamId, changeClass: filter.changeClass });
const inPeriod = (period: Period) => ({ gte: period.start, lt: period.end });

/** Each change's earliest production deploy (any outcome), and whether any production deploy of it failed or was rolled back. */
async function productionHistory(filter: Filter) {
  const deploys = await db.deployment.findMany({
    where: { environment: { isProduction: true }, changeRequest: changeWhere(filter) },
    select: { changeRequestId: true, startedAt: true, status: true },
  });
  const firstDeploy = new Map<string, Date>();
  const hasFailedDeploy = new Set<string>();
  for (const deploy of deploys) {
    const known = firstDeploy.get(deploy.changeRequestId);
    if (!known || deploy.startedAt < known) firstDeploy.set(deploy.changeRequestId, deploy.startedAt);
    if (deploy.status === 'failed' || deploy.status === 'rolled_back') hasFailedDeploy.add(deploy.changeRequestId);
  }
  return { firstDeploy, hasFailedDeploy };
}

async function recount(period: Period, filter: Filter, now: Date) {
  const policy = await policySettingsInForce();
  const { firstDeploy, hasFailedDeploy } = await productionHistory(filter);
  const deployed = [...firstDeploy].filter(([, at]) => at >= period.start && at < period.end).map(([id]) => id);
  const causedIncident = new Set((await db.changeIncident.findMany({ where: { link: 'caused', changeRequestId: { in: deployed } }, select: { changeRequestId: true } })).map((row) => row.changeRequestId));
  const failed = deployed.filter((id) => hasFailedDeploy.has(id) || causedIncident.has(id));

  const unauthorizedDeploys = await db.deployment.count({ where: { isUnauthorized: true, environment: { isProduction: true }, startedAt: inPeriod(period), changeRequest: changeWhere(filter) } });
  const configChanges = filter.changeClass ? 0 : await db.configChange.count({
    where: { isReportedAfter: true, appliedAt: inPeriod(period), ...(filter.teamId ? { service: { teamId: filter.teamId } } : {}) },
  });
  const emergencies = await db.changeRequest.findMany({
    where: { id: { in: deployed }, changeClass: 'emergency' },
    select: { id: true, authorId: true, contentVersion: true, approvals: { where: { decision: 'approve' }, orderBy: [{ decidedAt: 'asc' }, { id: 'asc' }], select: { approverId: true, contentVersion: true, decidedAt: true } } },
  });
  const lateEmergencies = emergencies.filter((change) => {
    const deadline = firstDeploy.get(change.id)!.getTime() + policy.emergencyReviewHours * HOUR_MS;
    const second = change.approvals.filter((approval) => approval.contentVersion === change.contentVersion && approval.approverId !== change.authorId)[1];
    return second ? second.decidedAt.getTime() > deadline : deadline < now.getTime();
  }).length;

  const migrations = await db.migrationPlan.findMany({ where: { status: { in: ['succeeded', 'rolled_back'] }, executedAt: inPeriod(period), changeRequest: changeWhere(filter) }, select: { status: true } });

  const flags = await db.featureFlag.findMany({
    where: { teamId: filter.teamId, createdAt: { lte: now }, OR: [{ status: 'active' }, { archivedAt: { gt: now } }] },
    select: { type: true, expiresAt: true, fullRolloutAt: true, createdAt: true },
  });
  const expiryOf = (flag: (typeof flags)[number]) => flag.expiresAt?.getTime()
    ?? (flag.type === 'release' && flag.fullRolloutAt ? flag.fullRolloutAt.getTime() + policy.releaseFlagTtlDays * DAY_MS : null)
    ?? (flag.type === 'experiment' ? flag.createdAt.getTime() + policy.experimentFlagTtlDays * DAY_MS : null);

  const reached = await db.changeRequest.findMany({ where: { productionReachedAt: inPeriod(period), AND: [changeWhere(filter), { changeClass: 'standard' }] }, select: { prOpenedAt: true, productionReachedAt: true } });
  const standardSeconds = reached.flatMap(({ prOpenedAt, productionReachedAt }) => (prOpenedAt && prOpenedAt <= productionReachedAt! ? [(productionReachedAt!.getTime() - prOpenedAt.getTime()) / 1000] : []));

  return {
    deployed, failed,
    unauthorized: { deployment: unauthorizedDeploys, 'config-change': configChanges, 'emergency-review': lateEmergencies },
    executed: migrations.length, rolledBack: migrations.filter((migration) => migration.status === 'rolled_back').length,
    staleFlags: flags.filter((flag) => { const expiry = expiryOf(flag); return expiry !== null && expiry <= now.getTime(); }).length,
    standardLeadTimes: standardSeconds.sort((a, b) => a - b),
  };
}

/** The median as an auditor computes it by hand: the middle value, or the mean of the two middle ones. */
function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2;
}

// ---- A team with a known history ----

type History = Awaited<ReturnType<typeof teamHistory>>;

/**
 * Four changes of one team: a standard one deployed 10 days ago, a standard one whose deploy failed
 * 5 days ago (then succeeded), a normal one 200 days ago (outside the default 90 days), and an emergency
 * one 3 days ago that never got its second approval. Plus a rolled-back and a succeeded migration, a
 * DNS change reported afterwards and a release flag 31 days at 100 %.
 */
async function teamHistory(now: Date) {
  const { team, service, engineer } = await createTeamWithEngineer();
  const production = await db.environment.findUniqueOrThrow({ where: { slug: 'production' }, select: { id: true } });
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY_MS + hours * HOUR_MS);
  const change = async (changeClass: ChangeClass, prOpenedAt: Date | null) => {
    const row = await createChangeRow({ teamId: team.id, authorId: engineer.id, serviceIds: [service.id], changeClass, status: 'approved' });
    await db.changeRequest.update({ where: { id: row.id }, data: { prOpenedAt } });
    return row;
  };
  const deploy = (changeId: string, status: 'succeeded' | 'failed', startedAt: Date) => recordDeployment({
    actor: engineer, at: now,
    deployment: ZRecordDeploymentBody.parse({ changeId, environmentSlug: 'production', status, startedAt: startedAt.toISOString(), finishedAt: new Date(startedAt.getTime() + 10 * 60_000).toISOString() }),
  });

  const shipped = await change('standard', ago(10, -2));
  await deploy(shipped.id, 'succeeded', ago(10));
  const failed = await change('standard', ago(5, -5));
  await deploy(failed.id, 'failed', ago(5));
  await deploy(failed.id, 'succeeded', ago(5, 1));
  const old = await change('normal', ago(201));
  await deploy(old.id, 'succeeded', ago(200));
  const emergency = await change('emergency', null);
  await deploy(emergency.id, 'succeeded', ago(3));

  const migration = { type: 'schema_additive', rollbackPlan: 'Drop it.' } as const;
  await db.migrationPlan.create({ data: { ...migration, changeRequestId: shipped.id, title: `Rolled back ${uniqueSuffix()}`, status: 'rolled_back', executedAt: ago(10, 1) } });
  await db.migrationPlan.create({ data: { ...migration, changeRequestId: failed.id, title: `Succeeded ${uniqueSuffix()}`, status: 'succeeded', executedAt: ago(5, 2) } });
  await db.configChange.create({
    data: { type: 'dns', title: `Reported DNS change ${uniqueSuffix()}`, status: 'applied', environmentId: production.id, serviceId: service.id, isReportedAfter: true, requestedById: engineer.id, appliedAt: ago(2) },
  });
  await releasedFlagRow({ teamId: team.id, ownerId: engineer.id }, 31, now);
  return { team, changes: { shipped, failed, old, emergency }, ago };
}

// ---- The page ----

function kpiCard(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/** The figure beside a term of a card. */
function fact(card: Locator, term: string): Locator {
  return card.locator(`dt:text-is("${term}") + dd`);
}

/** The CHG references a drill-down lists, in order. */
async function listedReferences(page: Page): Promise<string[]> {
  return page.getByRole('table').getByRole('row').filter({ has: page.getByRole('cell') }).getByRole('link').filter({ hasText: /^CHG-\d+$/ }).allTextContents();
}

function references(changes: readonly { number: number }[]): string[] {
  return changes.map((change) => changeReference(change.number)).sort();
}

/** Console errors of the page (a hydration mismatch shows up here). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function numbersOf(ids: readonly string[]) {
  return db.changeRequest.findMany({ where: { id: { in: [...ids] } }, select: { number: true } });
}

test.describe('[KPIS] KPI dashboard', () => {
  test.use(asUser('engineer1@changeboard.test'));

  let history: History;
  let timeZone: string;
  let today: string;
  let defaultPeriod: Period;
  let defaultFrom: string;

  test.beforeAll(async () => {
    const now = new Date();
    history = await teamHistory(now);
    ({ timeZone } = await policySettingsInForce());
    today = localCalendarDate(now, timeZone);
    defaultFrom = addCalendarDays(today, -89);
    defaultPeriod = { start: startOfLocalDay(defaultFrom, timeZone), end: startOfLocalDay(nextCalendarDate(today), timeZone) };
  });

  test('every KPI shows its figure, target, state in words, chart and table, equal to a recount of the raw rows', async ({ page }) => {
    const errors = consoleErrors(page);
    await page.goto('/kpis');
    await expect(page.getByRole('heading', { level: 1, name: 'KPI dashboard' })).toBeVisible();
    const expected = await recount(defaultPeriod, {}, new Date());
    expect(expected.deployed.length).toBeGreaterThan(0); // this spec's own team deployed three changes in the period

    const targets = {
      'Change failure rate': 'Under 5 %', 'Unauthorized changes': '0', 'Stale feature flags': 'Fewer than 5 at any time',
      'Migration rollback rate': 'Under 10 %', 'Change lead time': 'Median under 4 hours for standard changes',
    };
    for (const [title, target] of Object.entries(targets)) {
      const card = kpiCard(page, title);
      await expect(card).toContainText(`Target: ${target}`);
      await expect(card.getByText(/^(Target met|Target missed|No data in this period)$/)).toHaveCount(1);
      // The chart draws once the browser has measured it; its table carries the same numbers.
      await expect(card.getByRole('application', { name: new RegExp(`^${title} by week`) })).toBeVisible();
      await card.getByText('Show the data as a table').click();
      const table = card.getByRole('table', { name: new RegExp(`^${title} by week`) });
      await expect(table).toBeVisible();
      await expect(table.getByRole('rowheader').first()).toHaveText(`Week of ${startOfWeek(defaultFrom)}`);
    }

    const failureRate = kpiCard(page, 'Change failure rate');
    await expect(fact(failureRate, 'Failed changes')).toHaveText(String(expected.failed.length));
    await expect(fact(failureRate, 'All changes deployed to production')).toHaveText(String(expected.deployed.length));
    await expect(page.locator('#change-failure-rate-value')).toHaveText(expected.deployed.length ? formatRate(expected.failed.length / expected.deployed.length) : 'No value');
    await expect(failureRate.getByText(expected.failed.length / expected.deployed.length < 0.05 ? 'Target met' : 'Target missed', { exact: true })).toBeVisible();

    const unauthorized = kpiCard(page, 'Unauthorized changes');
    const unauthorizedTotal = Object.values(expected.unauthorized).reduce((sum, count) => sum + count, 0);
    expect(unauthorizedTotal).toBeGreaterThan(0); // this spec's own team contributes six
    await expect(page.locator('#unauthorized-changes-value')).toHaveText(String(unauthorizedTotal));
    await expect(fact(unauthorized, 'Unauthorized production deploys')).toHaveText(String(expected.unauthorized.deployment));
    await expect(fact(unauthorized, 'Configuration changes outside their process')).toHaveText(String(expected.unauthorized['config-change']));
    await expect(fact(unauthorized, 'Emergency changes approved late or never')).toHaveText(String(expected.unauthorized['emergency-review']));
    await expect(unauthorized.getByText('Target missed', { exact: true })).toBeVisible();

    await expect(page.locator('#stale-flags-value')).toHaveText(String(expected.staleFlags));
    await expect(kpiCard(page, 'Stale feature flags').getByText(expected.staleFlags < 5 ? 'Target met' : 'Target missed', { exact: true })).toBeVisible();

    const rollback = kpiCard(page, 'Migration rollback rate');
    await expect(fact(rollback, 'Rolled-back migrations')).toHaveText(String(expected.rolledBack));
    await expect(fact(rollback, 'All executed migrations')).toHaveText(String(expected.executed));
    await expect(page.locator('#migration-rollback-rate-value')).toHaveText(formatRate(expected.rolledBack / expected.executed));

    const standardMedian = median(expected.standardLeadTimes);
    await expect(fact(kpiCard(page, 'Change lead time'), 'Standard changes measured')).toHaveText(String(expected.standardLeadTimes.length));
    await expect(page.locator('#lead-time-value')).toHaveText(standardMedian === null ? 'No value' : formatDuration(standardMedian));

    await expectNoAxeViolations(page);

    // The failed changes' drill-down lists exactly the recounted ones, as many as the figure says.
    await fact(failureRate, 'Failed changes').getByRole('link').click();
    await expect(page).toHaveURL(/\/kpis\/change-failure-rate\?.*part=failed/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Failed changes (${expected.failed.length})`);
    if (expected.failed.length <= 50) expect((await listedReferences(page)).sort()).toEqual(references(await numbersOf(expected.failed)));
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });

  test('the team filter narrows every figure to the team, and its drill-downs list exactly its records', async ({ page }) => {
    const errors = consoleErrors(page);
    const { team, changes } = history;
    await page.goto('/kpis');
    await page.getByLabel('Team', { exact: true }).selectOption({ label: team.name });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]team=${team.slug}(&|$)`));
    await expect(page.locator('main').getByRole('status').filter({ hasText: `team ${team.name}` })).toBeVisible();

    const expected = await recount(defaultPeriod, { teamId: team.id }, new Date());
    // The recount agrees with the history made above, so the page is checked against known numbers.
    expect(expected).toMatchObject({ failed: [changes.failed.id], executed: 2, rolledBack: 1, staleFlags: 1, unauthorized: { deployment: 4, 'config-change': 1, 'emergency-review': 1 } });
    expect(expected.deployed.sort()).toEqual([changes.shipped.id, changes.failed.id, changes.emergency.id].sort());

    const failureRate = kpiCard(page, 'Change failure rate');
    await expect(page.locator('#change-failure-rate-value')).toHaveText('33.3 %');
    await expect(fact(failureRate, 'Failed changes')).toHaveText('1');
    await expect(fact(failureRate, 'All changes deployed to production')).toHaveText('3');
    await expect(failureRate.getByText('Target missed', { exact: true })).toBeVisible();
    await expect(page.locator('#unauthorized-changes-value')).toHaveText('6');
    await expect(page.locator('#stale-flags-value')).toHaveText('1');
    await expect(kpiCard(page, 'Stale feature flags').getByText('Target met', { exact: true })).toBeVisible();
    await expect(page.locator('#migration-rollback-rate-value')).toHaveText('50.0 %');
    // Standard lead times of 2 h 10 min and 6 h 10 min: the median is 4 h 10 min, over the target.
    expect(expected.standardLeadTimes).toEqual([7800, 22_200]);
    const leadTime = kpiCard(page, 'Change lead time');
    await expect(page.locator('#lead-time-value')).toHaveText('4 h 10 min');
    await expect(fact(leadTime, 'Standard, 90th percentile')).toHaveText(formatDuration(7800 + 0.9 * (22_200 - 7800)));
    await expect(leadTime.getByText('Target missed', { exact: true })).toBeVisible();
    await expect(leadTime.getByRole('table', { name: 'Lead time by class over the period' }).getByRole('row', { name: /^Emergency/ })).toHaveText(/^Emergency0—/);

    // The failed change's week, in the table behind the chart, opens that week's failed changes.
    const week = startOfWeek(localCalendarDate(history.ago(5), timeZone));
    await failureRate.getByText('Show the data as a table').click();
    await failureRate.getByRole('row', { name: new RegExp(`^Week of ${week}`) }).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Failed changes (1)');
    await expect(page.getByText(`Week of ${week} only`)).toBeVisible();
    expect(await listedReferences(page)).toEqual([changeReference(changes.failed.number)]);

    // The other list of the KPI: every change deployed in the period, failed or not.
    await page.getByRole('link', { name: 'show the whole period' }).click();
    await expect(page).not.toHaveURL(/bucket=/);
    await page.getByRole('navigation', { name: 'Which records' }).getByRole('link', { name: 'All changes deployed to production' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('All changes deployed to production (3)');
    expect((await listedReferences(page)).sort()).toEqual(references([changes.shipped, changes.failed, changes.emergency]));
    await expectNoAxeViolations(page);

    // Unauthorized records: the deploys, the reported DNS change and the late emergency change.
    await page.goto(`/kpis/unauthorized-changes?team=${team.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('All unauthorized changes (6)');
    await expect(page.getByRole('row').filter({ hasText: 'Configuration change' })).toHaveCount(1);
    const lateEmergency = page.getByRole('row').filter({ hasText: 'No second approval, and the review deadline has passed.' });
    await expect(lateEmergency.getByRole('cell')).toHaveText([changeReference(changes.emergency.number), changes.emergency.title, 'Emergency', /UTC$/, /^Emergency change: EXCEPTION-PATH/]);

    // Back to the dashboard, with the same filters.
    await page.getByRole('link', { name: '← Back to the KPI dashboard' }).click();
    await expect(page).toHaveURL(new RegExp(`/kpis\\?.*team=${team.slug}`));
    await expect(page.locator('#unauthorized-changes-value')).toHaveText('6');
    expect(errors).toEqual([]);
  });

  test('the class, period and month filters change the figures and the URL; a period with nothing says so', async ({ page }) => {
    const { team, changes } = history;
    await page.goto(`/kpis?team=${team.slug}`);
    await page.getByLabel('Class', { exact: true }).selectOption({ label: 'Standard' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]class=standard(&|$)/);
    const standard = await recount(defaultPeriod, { teamId: team.id, changeClass: 'standard' }, new Date());
    expect(standard.deployed).toHaveLength(2);
    await expect(page.locator('#change-failure-rate-value')).toHaveText(formatRate(standard.failed.length / standard.deployed.length));
    // Configuration changes have no class, and the emergency change is not standard: only the deploys stay.
    await expect(page.locator('#unauthorized-changes-value')).toHaveText(String(standard.unauthorized.deployment));
    expect(standard.unauthorized.deployment).toBe(3);

    // Seven months back, by month: the normal change of 200 days ago counts too.
    const from = localCalendarDate(history.ago(210), timeZone);
    await page.goto(`/kpis?team=${team.slug}`);
    await page.getByLabel('From', { exact: true }).fill(from);
    await page.getByLabel('To', { exact: true }).fill(today);
    await page.getByLabel('Trend by', { exact: true }).selectOption('month');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(new RegExp(`from=${from}.*granularity=month`));
    const longer = await recount({ start: startOfLocalDay(from, timeZone), end: defaultPeriod.end }, { teamId: team.id }, new Date());
    expect(longer.deployed).toContain(changes.old.id);
    await expect(page.locator('#change-failure-rate-value')).toHaveText(formatRate(longer.failed.length / longer.deployed.length));
    await expect(fact(kpiCard(page, 'Change failure rate'), 'All changes deployed to production')).toHaveText(String(longer.deployed.length));
    const failureRate = kpiCard(page, 'Change failure rate');
    await failureRate.getByText('Show the data as a table').click();
    const months = (Number(today.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(today.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
    const rows = failureRate.getByRole('table', { name: 'Change failure rate by month' }).getByRole('rowheader');
    await expect(rows).toHaveCount(months);
    await expect(rows.first()).toHaveText(formatCalendarMonth(from));

    // A far-past period: the rates and the lead time have nothing to judge by, and say so.
    await page.goto(`/kpis?team=${team.slug}&from=2000-01-01&to=2000-01-31`);
    for (const title of ['Change failure rate', 'Migration rollback rate', 'Change lead time']) {
      const card = kpiCard(page, title);
      await expect(card.getByText('No data in this period', { exact: true })).toBeVisible();
      await expect(card.getByText('No value')).toBeAttached();
    }
    await expect(kpiCard(page, 'Unauthorized changes').getByText('Target met', { exact: true })).toBeVisible();
    await expect(page.locator('#unauthorized-changes-value')).toHaveText('0');
  });

  test('a bad date or a reversed period is named against its field, and no figures are shown', async ({ page }) => {
    await page.goto('/kpis?from=2026-02-30');
    await expect(page.getByLabel('From', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#kpi-from-error')).toHaveText('"2026-02-30" is not a real date (YYYY-MM-DD).');
    await expect(page.locator('main').getByRole('status').filter({ hasText: 'No figures are shown until the filters are corrected.' })).toContainText('From: "2026-02-30" is not a real date');
    await expect(kpiCard(page, 'Change failure rate')).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.getByLabel('From', { exact: true }).fill('2026-03-10');
    await page.getByLabel('To', { exact: true }).fill('2026-03-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.locator('#kpi-to-error')).toHaveText('The period ends before it starts.');
    await expect(kpiCard(page, 'Change failure rate')).toHaveCount(0);

    await page.goto('/kpis?team=no-such-team');
    await expect(page.locator('#kpi-team-error')).toHaveText('No team has the slug "no-such-team".');

    // The drill-down refuses a part its KPI does not have, in words.
    await page.goto('/kpis/change-failure-rate?part=bogus');
    await expect(page.locator('main').getByRole('status')).toContainText('Choose one of: failed, deployed.');
    expect((await page.goto('/kpis/no-such-kpi'))?.status()).toBe(404);
  });

  test('the CSV export holds the figures shown, over the period and per week', async ({ page }) => {
    const { team } = history;
    await page.goto(`/kpis?team=${team.slug}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`kpis-${defaultFrom}-to-${today}.csv`);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toBe('kpi,title,scope,bucket,start,end,measure,value,unit,target,state,team,service,class,policy_version,evaluated_at');
    const rows: Record<string, string>[] = parse(text, { columns: true });
    const figure = (kpi: string, measure: string, bucket = '') => rows.filter((row) => row.kpi === kpi && row.measure === measure && row.bucket === bucket);

    expect(figure('change-failure-rate', 'rate')).toEqual([expect.objectContaining({ scope: 'period', value: String(1 / 3), target: '0.05', state: 'missed', team: team.slug })]);
    expect(figure('change-failure-rate', 'failed')[0]?.value).toBe('1');
    expect(figure('change-failure-rate', 'deployed')[0]?.value).toBe('3');
    expect(figure('unauthorized-changes', 'count')[0]).toMatchObject({ value: '6', target: '0', state: 'missed' });
    expect(figure('stale-flags', 'count')[0]).toMatchObject({ value: '1', state: 'met' });
    expect(figure('migration-rollback-rate', 'rolled_back')[0]?.value).toBe('1');
    expect(figure('lead-time', 'standard_median')[0]).toMatchObject({ value: '15000', unit: 'seconds', state: 'missed' });

    // One row per week and figure; the failed change's week holds it.
    const weeks = rows.filter((row) => row.kpi === 'change-failure-rate' && row.measure === 'rate' && row.scope === 'week');
    let expectedWeeks = 0;
    for (let monday = startOfWeek(defaultFrom); monday <= today; monday = addCalendarDays(monday, 7)) expectedWeeks += 1;
    expect(weeks.map((row) => row.bucket)).toHaveLength(expectedWeeks);
    const week = startOfWeek(localCalendarDate(history.ago(5), timeZone));
    expect(figure('change-failure-rate', 'failed', week)).toEqual([expect.objectContaining({ scope: 'week', value: '1', state: '' })]);

    const refused = await page.request.get('/kpis/export.csv?from=2026-02-30');
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error.fieldErrors).toEqual({ from: ['"2026-02-30" is not a real date (YYYY-MM-DD).'] });
  });
});

test.describe('[KPIS] KPI export when signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('is a 401 with a JSON error, not a file', async ({ request }) => {
    const response = await request.get('/kpis/export.csv');
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Sign in to export the KPIs.' } });
  });
});
