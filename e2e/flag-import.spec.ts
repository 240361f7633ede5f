import { expect, test } from '@playwright/test';
import { uniqueSuffix } from '@/prisma/factories';
import { asUser, db, expectNoAxeViolations, formStatus } from './fixtures';
import { personalToken, serviceToken } from './api-fixtures';

// Identity's engineer imports for Identity; a unique prefix keeps this run's flags apart.
const ENGINEER = 'engineer2@changeboard.test';
const FLAGS = 2000;
const BAD_EVERY = 200; // 10 badly named flags among the 2,000

/** An Unleash export as Unleash 5 writes it: Identity's flags, every 200th one badly named. */
function unleashExport(prefix: string) {
  const features = Array.from({ length: FLAGS }, (_, index) => {
    const isBad = index % BAD_EVERY === 0;
    return {
      name: isBad ? `Identity_${prefix}_${index}` : `identity-${prefix}-n${index}-release`,
      type: 'release', description: `Imported flag ${index}`, project: 'default', stale: false, createdAt: '2026-10-01T09:00:00.000Z',
      environments: [
        { name: 'development', enabled: true, strategies: [{ name: 'default', parameters: {} }] },
        { name: 'production', enabled: index % 3 !== 0, strategies: [{ name: 'flexibleRollout', parameters: { rollout: String(index % 100), stickiness: 'default', groupId: 'x' } }] },
      ],
    };
  });
  return JSON.stringify({ version: 1, features });
}

test.use(asUser(ENGINEER));

test('[FLAGS] an engineer imports a 2,000-flag Unleash export: preview with errors first, progress, stored and audited; re-import is all unchanged', async ({ page }) => {
  test.setTimeout(240_000);
  const prefix = `imp${uniqueSuffix()}`;
  const fileName = `unleash-${prefix}.json`;
  const file = { name: fileName, mimeType: 'application/json', buffer: Buffer.from(unleashExport(prefix)) };
  const engineer = await db.user.findUniqueOrThrow({ where: { email: ENGINEER }, select: { id: true } });
  const ours = { key: { startsWith: `identity-${prefix}-` } };

  await page.goto('/flags/import');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import flags');
  await page.getByLabel('Flag file (JSON or CSV)').setInputFiles(file);
  await page.getByLabel('Default owner (email)').fill(ENGINEER);
  await page.getByRole('button', { name: 'Preview import' }).click();

  await expect(formStatus(page).filter({ hasText: 'Read ' })).toHaveText(`Read ${fileName} (Unleash export): 2,000 flags.`);
  await expect(page.getByText('Unleash export, 2,000 flags: 1,990 to create, 0 to update, 0 unchanged, 10 with errors.')).toBeVisible();
  // Errors come first, each with the naming rule it breaks.
  const firstRow = page.getByRole('table').getByRole('row').nth(1);
  await expect(firstRow).toContainText(`Identity_${prefix}_0`);
  await expect(firstRow).toContainText('Error: not imported');
  await expect(firstRow).toContainText('Use lowercase letters, digits and single hyphens only (kebab case)');
  await expect(page.getByRole('row', { name: new RegExp(`Identity_${prefix}_1800`) })).toContainText('CTRL-012.4 NOT_KEBAB_CASE');
  expect(await db.featureFlag.count({ where: ours })).toBe(0);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Import 1,990 flags' }).click();
  const progress = page.getByRole('progressbar', { name: 'Import progress' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuemax', '1990');
  await expect(page.locator('main').getByRole('status').filter({ hasText: 'Import finished' }))
    .toHaveText('Import finished: 1,990 created, 0 updated, 0 unchanged, 10 with errors.', { timeout: 180_000 });
  await expect(progress).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(`identity-${prefix}-n1-release`) })).toContainText('Created');

  const stored = await db.featureFlag.findMany({ where: ours, select: { key: true, type: true, ownerId: true, rolloutPercent: true, purpose: true } });
  expect(stored).toHaveLength(1990);
  expect(stored.find((flag) => flag.key === `identity-${prefix}-n7-release`)).toEqual({ key: `identity-${prefix}-n7-release`, type: 'release', ownerId: engineer.id, rolloutPercent: 7, purpose: 'Imported flag 7' });
  expect(stored.find((flag) => flag.key === `identity-${prefix}-n9-release`)?.rolloutPercent).toBe(0); // production off
  const summaries = await db.auditEvent.findMany({ where: { actorId: engineer.id, action: 'flag.imported', changeSet: { path: ['fileName'], equals: fileName } }, select: { changeSet: true } });
  const created = summaries.map((event) => (event.changeSet as { created: string[] }).created.length);
  expect(created.reduce((sum, count) => sum + count, 0)).toBe(1990);
  expect(new Set(summaries.map((event) => (event.changeSet as { importId: string }).importId)).size).toBe(1);

  await page.getByRole('link', { name: 'Go to the flag inventory' }).click();
  await expect(page).toHaveURL(/\/flags$/);
  await page.goto(`/flags?q=identity-${prefix}-n7-release`);
  await expect(page.getByRole('main').getByText(`identity-${prefix}-n7-release`, { exact: true }).first()).toBeVisible();

  // The same file again: nothing to do, nothing written.
  const auditBefore = await db.auditEvent.count({ where: { actorId: engineer.id } });
  await page.goto('/flags/import');
  await page.getByLabel('Flag file (JSON or CSV)').setInputFiles(file);
  await page.getByLabel('Default owner (email)').fill(ENGINEER);
  await page.getByRole('button', { name: 'Preview import' }).click();
  await expect(page.getByText('Unleash export, 2,000 flags: 0 to create, 0 to update, 1,990 unchanged, 10 with errors.')).toBeVisible();
  await expect(page.getByText('Nothing to import: every flag of this file is already stored as it says, or has errors.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Import / })).toHaveCount(0);
  expect(await db.auditEvent.count({ where: { actorId: engineer.id } })).toBe(auditBefore);
  expect(await db.featureFlag.count({ where: ours })).toBe(1990);
});

test.describe('auditors', () => {
  test.use(asUser('auditor1@changeboard.test'));
  test('[FLAGS] an auditor never reaches the import page', async ({ page }) => {
    const response = await page.goto('/flags/import');
    expect(response?.status()).toBe(404);
  });
});

test.describe('POST /api/v1/flags/import', () => {
  test('[FLAGS] a CSV dry run reports per row; the real run with an Idempotency-Key writes once; a service token is refused', async ({ request }) => {
    const { headers, user } = await personalToken(ENGINEER);
    const prefix = `api${uniqueSuffix()}`;
    const csv = [
      'key,team,type,owner,purpose,feature,rollout_percent,created_at',
      `identity-${prefix}-login-release,identity,release,${ENGINEER},New login,,25,2026-10-01T09:00:00Z`,
      `identity-${prefix}-Bad,identity,ops,${ENGINEER},Bad key,,100,`,
    ].join('\n');
    const url = '/api/v1/flags/import';

    const dry = await request.post(`${url}?dryRun=true`, { headers: { ...headers, 'Content-Type': 'text/csv' }, data: csv });
    expect(dry.status()).toBe(200);
    expect(await dry.json()).toEqual({
      dryRun: true, counts: { created: 1, updated: 0, unchanged: 0, errors: 1 },
      rows: [
        { index: 0, where: 'line 2', key: `identity-${prefix}-login-release`, outcome: 'created' },
        { index: 1, where: 'line 3', key: `identity-${prefix}-Bad`, outcome: 'error', errors: [expect.stringContaining('NOT_KEBAB_CASE')] },
      ],
    });
    expect(await db.featureFlag.count({ where: { key: { startsWith: `identity-${prefix}-` } } })).toBe(0);

    const body = { content: csv, dryRun: false, format: 'changeboard-csv' };
    const idempotent = { ...headers, 'Idempotency-Key': `flag-import-${prefix}` };
    const first = await request.post(url, { headers: idempotent, data: body });
    const retry = await request.post(url, { headers: idempotent, data: body });
    expect(first.status()).toBe(200);
    expect((await first.json()).counts).toEqual({ created: 1, updated: 0, unchanged: 0, errors: 1 });
    expect(retry.headers()['idempotent-replayed']).toBe('true');
    expect(await db.featureFlag.findMany({ where: { key: { startsWith: `identity-${prefix}-` } }, select: { key: true, ownerId: true, rolloutPercent: true } }))
      .toEqual([{ key: `identity-${prefix}-login-release`, ownerId: user.id, rolloutPercent: 25 }]);

    const again = await request.post(url, { headers, data: body });
    expect((await again.json()).counts).toEqual({ created: 0, updated: 0, unchanged: 1, errors: 1 });

    const broken = await request.post(url, { headers, data: { content: '[{"key": ', dryRun: true } });
    expect(broken.status()).toBe(422);
    expect((await broken.json()).error.message).toBe('The file is not valid JSON: it breaks off or has a syntax error at the end of the file.');

    const service = await serviceToken(['flags:write']);
    expect((await request.post(url, { headers: service.headers, data: body })).status()).toBe(403);
  });
});
