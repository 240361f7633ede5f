// Migration plans (CTRL-012.3) through the portal and /api/v1: what users see, and what the database
// and the audit trail hold afterwards.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIResponse } from '@playwright/test';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { createMigrationPlan } from '@/lib/server/migrations/create-migration-plan';
import { ZNewMigrationPlan } from '@/lib/schemas/migration-plan';
import { draftFor } from '@/prisma/factories';
import { asUser, db, expectNoAxeViolations, formStatus } from './fixtures';
import { personalToken, serviceToken } from './api-fixtures';

const ENGINEER = 'engineer1@changeboard.test';
const COMMON = { rollbackPlan: 'Drop the new table.', successCriteria: 'Error rate flat for an hour.', monitoring: 'db-latency dashboard', communicationPlan: 'Billing team told in #payments.' };

/** A draft change of the Payments team filed by engineer1, as the use-case files it. */
async function paymentsDraft() {
  const author = await db.user.findUniqueOrThrow({ where: { email: ENGINEER }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } });
  const team = await db.team.findUniqueOrThrow({ where: { slug: 'payments' }, select: { id: true } });
  const service = await db.service.findUniqueOrThrow({ where: { slug: 'checkout-api' }, select: { id: true } });
  const change = await createChangeRequest({ actor: author, at: new Date(), content: draftFor(team.id, [service.id], 'normal', { title: `Invoices rework ${randomUUID().slice(0, 8)}` }) });
  return { ...change, author };
}

function planEvents(planId: string) {
  return db.auditEvent.findMany({ where: { entityType: 'migration-plan', entityId: planId }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true, tokenId: true, changeSet: true } });
}

async function expectStatus(response: APIResponse, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  return response.headers()['content-type']?.includes('json') ? response.json() : response.text();
}

test.describe('[MIGRATIONS] plans in the portal', () => {
  test.use(asUser(ENGINEER));

  test('an engineer adds a breaking schema plan, sees what is missing, completes it, and runs expand then migrate; contract waits', async ({ page }) => {
    const change = await paymentsDraft();
    const title = `Rename invoices.total ${randomUUID().slice(0, 8)}`;
    await page.goto(`/changes/${change.id}`);
    await expect(page.getByRole('heading', { name: 'Migration plans' })).toBeVisible();
    await page.getByRole('link', { name: 'Add a migration plan' }).click();

    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Migration type (CTRL-012.3)').selectOption({ label: 'Schema (breaking)' });
    await page.getByLabel('Consumers of the schema').fill('billing-worker, ledger');
    await page.getByRole('button', { name: 'Save plan' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText('1 of 6 done.', { exact: true })).toBeVisible();
    await expect(page.getByText('The consumers are not confirmed as coordinated.', { exact: true })).toBeVisible();
    await expect(page.getByText('No rollback plan.', { exact: true })).toBeVisible();
    await expect(page.getByText('Expand-contract pattern, 3-phase rollout, consumer coordination (CTRL-012.3).')).toBeVisible();
    // Incomplete: no phase may start, and the page says why in words.
    await expect(page.getByRole('button', { name: /^Start / })).toHaveCount(0);
    await expect(page.getByText(/^The contract phase cannot start before the expand and migrate phases have succeeded\./)).toBeVisible();
    await expectNoAxeViolations(page);

    const stored = await db.migrationPlan.findFirstOrThrow({ where: { title }, select: { id: true, type: true, status: true, changeRequestId: true, details: true } });
    expect(stored).toMatchObject({ type: 'schema_breaking', status: 'planned', changeRequestId: change.id, details: { consumers: 'billing-worker, ledger', isConsumersCoordinated: false } });
    expect(page.url()).toContain(`/migrations/${stored.id}`);

    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByLabel('The consumers are coordinated: they know the phases and are ready for each').check();
    await page.getByLabel('Rollback plan').fill(COMMON.rollbackPlan);
    await page.getByLabel('Success criteria').fill(COMMON.successCriteria);
    await page.getByLabel('Monitoring', { exact: true }).fill(COMMON.monitoring);
    await page.getByLabel('Communication plan').fill(COMMON.communicationPlan);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('6 of 6 done: the plan is complete.')).toBeVisible();

    await page.getByRole('button', { name: 'Start expand' }).click();
    await expect(page.getByRole('heading', { name: 'Expand: Running' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start contract' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Mark expand succeeded' }).click();
    await expect(page.getByRole('heading', { name: 'Expand: Succeeded' })).toBeVisible();
    await page.getByRole('button', { name: 'Start migrate' }).click();
    await expect(page.getByRole('heading', { name: 'Migrate: Running' })).toBeVisible();
    // Contract is refused while migrate runs: no button, and the rule's words.
    await expect(page.getByRole('button', { name: 'Start contract' })).toHaveCount(0);
    await expect(page.getByText('The contract phase cannot start before the migrate phase has succeeded.')).toBeVisible();
    await page.getByRole('button', { name: 'Mark migrate succeeded' }).click();
    await expect(page.getByRole('heading', { name: 'Migrate: Succeeded' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start contract' })).toBeVisible();
    await expect(page.locator('pre code')).toContainText('- [x] expand');
    await expect(page.locator('pre code')).toContainText('- [ ] contract');
    await expectNoAxeViolations(page);

    const row = await db.migrationPlan.findUniqueOrThrow({ where: { id: stored.id }, select: { status: true, version: true, details: true } });
    expect(row).toMatchObject({ status: 'running', version: 6, details: { isConsumersCoordinated: true, phases: { expand: { status: 'succeeded' }, migrate: { status: 'succeeded' }, contract: { status: 'pending', startedAt: null } } } });
    const events = await planEvents(stored.id);
    expect(events.map(({ action, actorId }) => [action, actorId])).toEqual([
      ['migration.created', change.author.id], ['migration.updated', change.author.id],
      ['migration.phase-started', change.author.id], ['migration.phase-succeeded', change.author.id],
      ['migration.phase-started', change.author.id], ['migration.phase-succeeded', change.author.id],
    ]);
    expect(events[1]!.changeSet).toMatchObject({ before: { rollbackPlan: '' }, after: { rollbackPlan: COMMON.rollbackPlan } });
  });

  test('a backfill without a dry run says so, is listed with its progress, and records a dry run', async ({ page }) => {
    const change = await paymentsDraft();
    const title = `Backfill currency ${randomUUID().slice(0, 8)}`;
    const { id } = await createMigrationPlan({ actor: change.author, at: new Date(), changeId: change.id, plan: ZNewMigrationPlan.parse({ type: 'data_backfill', title, ...COMMON, details: { batchSize: 1000, rateLimit: '50 batches/min', resumeStrategy: 'From the last id done' } }) });

    await page.goto('/changes');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Migrations' }).click();
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Data backfill' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: title }) });
    await expect(row).toContainText(`CHG-${change.number}`);
    await expect(row).toContainText('7 of 8 done');
    await expect(row).toContainText('Planned');
    await expectNoAxeViolations(page);

    await row.getByRole('link', { name: title }).click();
    await expect(page.getByText('No dry run recorded. The backfill cannot start before a successful one.')).toBeVisible();
    await expect(page.getByText('Complete the plan before it runs: No dry run recorded before the real run.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start migration' })).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.getByLabel('Notes').fill('40k rows in 2 min on the staging copy.');
    await page.getByRole('button', { name: 'Record dry run' }).click();
    await expect(page.getByText(/Latest dry run succeeded/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start migration' })).toBeVisible();
    const stored = await db.migrationPlan.findUniqueOrThrow({ where: { id }, select: { details: true, version: true } });
    expect(stored).toMatchObject({ version: 2, details: { dryRun: { outcome: 'succeeded', notes: '40k rows in 2 min on the staging copy.', recordedById: change.author.id } } });
    expect((await planEvents(id)).map(({ action }) => action)).toEqual(['migration.created', 'migration.dry-run-recorded']);
  });

  test('bad input shows field errors, keeps what was typed, and stores nothing', async ({ page }) => {
    const change = await paymentsDraft();
    await page.goto(`/migrations/new?changeId=${change.id}`);
    await page.getByLabel('Title', { exact: true }).fill('ab');
    await page.getByLabel('Migration type (CTRL-012.3)').selectOption({ label: 'Data backfill' });
    await page.getByLabel('Batch size (rows per batch)').fill('-5');
    await page.getByRole('button', { name: 'Save plan' }).click();
    await expect(formStatus(page)).toHaveText('Check the highlighted fields.');
    await expect(page.getByText('At least 3 characters.')).toBeVisible();
    await expect(page.getByText('Enter a batch size above 0.')).toBeVisible();
    await expect(page.getByLabel('Batch size (rows per batch)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Batch size (rows per batch)')).toHaveValue('-5');
    await expect(page.getByLabel('Migration type (CTRL-012.3)')).toHaveValue('data_backfill');
    expect(await db.migrationPlan.count({ where: { changeRequestId: change.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: 'migration.created', changeSet: { path: ['changeId'], equals: change.id } } })).toBe(0);
    await expectNoAxeViolations(page);
  });

  test('the Markdown checklist route returns the ticked list', async ({ page }) => {
    const change = await paymentsDraft();
    const title = `Move to the new LB ${randomUUID().slice(0, 8)}`;
    const { id } = await createMigrationPlan({ actor: change.author, at: new Date(), changeId: change.id, plan: ZNewMigrationPlan.parse({ type: 'infrastructure', title, ...COMMON, monitoring: '', details: { rolloutStrategy: 'canary' } }) });
    await page.goto(`/migrations/${id}`);
    await expect(page.getByRole('heading', { name: 'Copy Markdown checklist' })).toBeVisible();
    await expect(page.locator('pre code')).toContainText('- [x] Blue-green or canary rollout');

    const response = await page.request.get(`/migrations/${id}/checklist.md`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/markdown; charset=utf-8');
    const markdown = await response.text();
    expect(markdown).toContain(`### Migration checklist: ${title}`);
    expect(markdown).toContain('Type: **Infrastructure** (POL-012 CTRL-012.3: Blue-green or canary, tested in staging, rollback plan)');
    expect(markdown).toContain('- [x] Blue-green or canary rollout');
    expect(markdown).toContain('- [ ] Tested in staging');
    expect(markdown).toContain('- [ ] Monitoring for migration-specific metrics (metrics, dashboards)');
    expect(markdown).toContain('- [x] Rollback plan documented before execution');
  });
});

test.describe('[API] migration plans', () => {
  test.use(asUser(ENGINEER));

  test('the API creates a plan; a pipeline starts it; the owner rolls it back with a reason, which the rollback rate counts', async ({ page, request }) => {
    const change = await paymentsDraft();
    const owner = await personalToken(ENGINEER);
    const pipeline = await serviceToken(['migrations:read', 'migrations:write']);
    const body = { changeId: change.id, type: 'infrastructure', title: `Canary LB ${randomUUID().slice(0, 8)}`, ...COMMON, details: { rolloutStrategy: 'canary', stagingTest: 'Staging cut over.' } };
    const headers = { ...owner.headers, 'Idempotency-Key': randomUUID() };

    const created = await expectStatus(await request.post('/api/v1/migrations', { headers, data: body }), 201);
    expect(created).toMatchObject({ type: 'infrastructure', status: 'planned', version: 1, isComplete: true, readiness: [], change: { id: change.id, reference: `CHG-${change.number}` } });
    const replay = await request.post('/api/v1/migrations', { headers, data: body });
    expect(replay.headers()['idempotent-replayed']).toBe('true');
    expect(await db.migrationPlan.count({ where: { changeRequestId: change.id } })).toBe(1);

    // A service token acts for no one, so it may not own a plan; it may record the steps it runs.
    await expectStatus(await request.post('/api/v1/migrations', { headers: pipeline.headers, data: body }), 403);
    // The change is a draft: a service token sees what every user sees, so it must be submitted first.
    await expectStatus(await request.post(`/api/v1/changes/${change.id}/submit`, { headers: owner.headers, data: { version: 1 } }), 200);
    const started = await expectStatus(await request.post(`/api/v1/migrations/${created.id}/steps`, { headers: pipeline.headers, data: { step: 'start' } }), 200);
    expect(started).toMatchObject({ status: 'running', version: 2 });

    const noReason = await expectStatus(await request.post(`/api/v1/migrations/${created.id}/steps`, { headers: owner.headers, data: { step: 'roll_back' } }), 400);
    expect(noReason.error.fieldErrors.reason).toEqual(['Say why it was rolled back (3+ characters).']);
    const rolledBack = await expectStatus(await request.post(`/api/v1/migrations/${created.id}/steps`, { headers: owner.headers, data: { step: 'roll_back', reason: 'Canary 5xx above 1%', version: 2 } }), 200);
    expect(rolledBack).toMatchObject({ status: 'rolled_back', outcomeReason: 'Canary 5xx above 1%', version: 3 });
    await expectStatus(await request.post(`/api/v1/migrations/${created.id}/steps`, { headers: owner.headers, data: { step: 'start' } }), 409);

    const row = await db.migrationPlan.findUniqueOrThrow({ where: { id: created.id }, select: { status: true, outcomeReason: true, executedAt: true } });
    expect(row).toMatchObject({ status: 'rolled_back', outcomeReason: 'Canary 5xx above 1%' });
    expect(row.executedAt).toBeInstanceOf(Date);
    expect((await planEvents(created.id)).map(({ action, actorId, tokenId }) => ({ action, actorId, tokenId }))).toEqual([
      { action: 'migration.created', actorId: owner.user.id, tokenId: owner.tokenId },
      { action: 'migration.started', actorId: null, tokenId: pipeline.tokenId },
      { action: 'migration.rolled-back', actorId: owner.user.id, tokenId: owner.tokenId },
    ]);

    const markdown = await expectStatus(await request.get(`/api/v1/migrations/${created.id}/checklist`, { headers: pipeline.headers }), 200);
    expect(markdown).toContain('- [x] Blue-green or canary rollout');
    const list = await expectStatus(await request.get(`/api/v1/migrations?change=${change.id}&status=rolled_back`, { headers: pipeline.headers }), 200);
    expect(list.items).toMatchObject([{ id: created.id, checklist: { done: 6, total: 6, isComplete: true } }]);
    await expectStatus(await request.get('/api/v1/migrations?type=big_bang', { headers: pipeline.headers }), 400);

    // The rollback rate KPI counts it, as recomputed here from the raw records.
    await page.goto('/migrations');
    const [succeeded, rolledBackCount] = await Promise.all(['succeeded', 'rolled_back'].map((status) => db.migrationPlan.count({ where: { status: status as 'succeeded' | 'rolled_back' } })));
    const rate = page.getByRole('region', { name: 'Migration rollback rate' });
    await expect(rate).toContainText(`${rolledBackCount} of ${succeeded! + rolledBackCount!} executed migrations rolled back.`);
    await expect(rate).toContainText(rolledBackCount! / (succeeded! + rolledBackCount!) < 0.1 ? 'Target met' : 'Target missed');
  });

  test('malformed plans are 400 with field errors and store nothing', async ({ request }) => {
    const change = await paymentsDraft();
    const owner = await personalToken(ENGINEER);
    const answer = await expectStatus(await request.post('/api/v1/migrations', {
      headers: owner.headers,
      data: { changeId: change.id, type: 'framework', title: 'Node 22', details: { adrUrl: 'javascript:alert(1)', consumers: 'x' } },
    }), 400);
    expect(answer.error.fieldErrors['details.adrUrl']).toEqual(['Use an http(s) link.']);
    expect(answer.error.fieldErrors.details).toEqual(['Unrecognized key: "consumers"']);
    expect(await db.migrationPlan.count({ where: { changeRequestId: change.id } })).toBe(0);
  });
});
