// The flag inventory (CTRL-012.4) through the UI and /api/v1: creating a flag, naming refused with
// the lint reasons, the lint page and endpoint, API writes with a token, and each write recorded as a
// configuration change with its audit event (CTRL-012.5).
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { asUser, db, expectNoAxeViolations, formStatus } from './fixtures';
import { personalToken, serviceToken } from './api-fixtures';

const unique = () => randomUUID().slice(0, 8);

function storedFlag(key: string) {
  return db.featureFlag.findUnique({ where: { key }, select: { id: true, type: true, rolloutPercent: true, version: true, status: true, owner: { select: { email: true } }, team: { select: { slug: true } } } });
}

function flagRecords(key: string) {
  return db.configChange.findMany({ where: { type: 'feature_flag', details: { path: ['flagKey'], equals: key } }, orderBy: { createdAt: 'asc' }, select: { status: true, title: true, requestedBy: { select: { email: true } } } });
}

test.describe('[FLAGS] flag inventory', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('an engineer creates a flag in the UI, sees it listed, and it is stored with its config change and audit event', async ({ page }) => {
    const key = `payments-e2e-${unique()}-release`;
    await page.goto('/flags');
    await expect(page.getByRole('link', { name: 'Stale flags' })).toHaveAttribute('href', '/flags/stale');
    await page.getByRole('link', { name: 'New flag' }).click();
    // The list has Key and Type filters too: fill the form only once it is the page shown.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('New flag');
    await page.getByLabel('Key').fill(key);
    await page.getByLabel('Type').selectOption('release');
    await page.getByLabel('Purpose').fill('Guards the new checkout flow');
    await page.getByLabel('Rollout (%)').fill('10');
    await page.getByRole('button', { name: 'Create flag' }).click();
    await expect(page.getByRole('heading', { name: key })).toBeVisible();
    await expect(page.getByText('has not reached 100 % yet')).toBeVisible();
    await expectNoAxeViolations(page);

    const flag = await storedFlag(key);
    expect(flag).toMatchObject({ type: 'release', rolloutPercent: 10, version: 1, status: 'active', owner: { email: 'engineer1@changeboard.test' }, team: { slug: 'payments' } });
    expect(await flagRecords(key)).toEqual([{ status: 'applied', title: `Flag ${key} created`, requestedBy: { email: 'engineer1@changeboard.test' } }]);
    expect(await db.auditEvent.count({ where: { entityType: 'flag', entityId: flag!.id, action: 'flag.created' } })).toBe(1);

    await page.goto(`/flags?q=${key}`);
    const row = page.getByRole('row', { name: new RegExp(key) });
    await expect(row).toContainText('Active');
    await expect(row).toContainText('Name OK');
    await expectNoAxeViolations(page);
  });

  test('a badly named key gets the lint reasons inline and nothing is stored', async ({ page }) => {
    const key = `DarkMode_${unique()}`;
    await page.goto('/flags/new');
    await page.getByLabel('Key').fill(key);
    await page.getByLabel('Type').selectOption('release');
    await page.getByLabel('Purpose').fill('Dark mode for everyone');
    await page.getByRole('button', { name: 'Create flag' }).click();
    await expect(formStatus(page)).toContainText('breaks the flag naming convention');
    // The reason stands under the field, next to the hint, naming the control.
    await expect(page.locator('#flag-key-error')).toHaveText('Use lowercase letters, digits and single hyphens only (kebab case), e.g. payments-checkout-release. (CTRL-012.4)');
    await expect(page.getByLabel('Key')).toHaveValue(key);
    expect(await storedFlag(key)).toBeNull();
    expect(await flagRecords(key)).toEqual([]);
  });

  test('the lint page shows each key’s result and reasons, and stores nothing', async ({ page }) => {
    const good = `payments-lint-${unique()}-ops`;
    await page.goto('/flags/lint');
    await page.getByLabel('Flag keys').fill(`# from CI\n${good}\nmarketing-banner-release\n`);
    await page.getByRole('button', { name: 'Check keys' }).click();
    const status = page.locator('main').getByRole('status');
    await expect(status).toContainText('1 passed, 1 failed.');
    await expect(page.getByRole('row', { name: new RegExp(good) })).toContainText('Passes');
    await expect(page.getByRole('row', { name: /marketing-banner-release/ })).toContainText('The key must start with a known team');
    await expectNoAxeViolations(page);
    expect(await storedFlag(good)).toBeNull();
  });
});

test.describe('[FLAGS] /api/v1/flags', () => {
  test('the lint endpoint answers per key, for a lint-scoped service token and a personal token', async ({ request }) => {
    const { headers } = await serviceToken(['flags:lint']);
    const response = await request.post('/api/v1/flags/lint', { headers, data: { keys: ['payments-checkout-release', 'payments-checkout-ops', 'Nope'], types: { 'payments-checkout-ops': 'release' } } });
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ passed: 1, failed: 2 });
    expect(body.results[0]).toEqual({ key: 'payments-checkout-release', passes: true, reasons: [] });
    expect(body.results[1].reasons).toEqual([expect.objectContaining({ control: 'CTRL-012.4', code: 'TYPE_MISMATCH' })]);
    expect(body.results[2].reasons[0]).toMatchObject({ code: 'NOT_KEBAB_CASE' });

    const personal = await personalToken('engineer2@changeboard.test');
    expect((await request.post('/api/v1/flags/lint', { headers: personal.headers, data: { keys: ['identity-sso-release'] } })).status()).toBe(200);
    expect((await request.post('/api/v1/flags/lint', { headers, data: { keys: [] } })).status()).toBe(400);
  });

  test('create and patch with a token, recorded as config changes; 401 and 403 refused', async ({ request }) => {
    const key = `payments-api-${unique()}-experiment`;
    const { user, headers } = await personalToken('engineer1@changeboard.test');
    const team = await db.team.findUniqueOrThrow({ where: { slug: 'payments' }, select: { id: true } });
    const create = { key, teamId: team.id, type: 'experiment', ownerId: user.id, purpose: 'A/B test of the checkout button' };

    expect((await request.post('/api/v1/flags', { data: create })).status()).toBe(401);
    const lintOnly = await serviceToken(['flags:lint']);
    expect((await request.post('/api/v1/flags', { headers: lintOnly.headers, data: create })).status()).toBe(403);
    const outsider = await personalToken('engineer2@changeboard.test');
    expect((await request.post('/api/v1/flags', { headers: outsider.headers, data: create })).status()).toBe(403);
    const badName = await request.post('/api/v1/flags', { headers, data: { ...create, key: 'checkoutButton' } });
    expect(badName.status()).toBe(422);
    expect((await badName.json()).error.fieldErrors.key.join(' ')).toContain('CTRL-012.4');
    expect(await storedFlag(key)).toBeNull();

    const idempotency = { ...headers, 'Idempotency-Key': `create-${key}` };
    const created = await request.post('/api/v1/flags', { headers: idempotency, data: create });
    expect(created.status()).toBe(201);
    const flag = await created.json();
    expect(flag).toMatchObject({ key, type: 'experiment', rolloutPercent: 0, state: 'active', version: 1, lint: { passes: true, reasons: [] }, rollout: [{ percent: 0 }] });
    const replay = await request.post('/api/v1/flags', { headers: idempotency, data: create });
    expect(replay.status()).toBe(201);
    expect(replay.headers()['idempotent-replayed']).toBe('true');

    const patched = await request.patch(`/api/v1/flags/${flag.id}`, { headers, data: { version: 1, rolloutPercent: 50 } });
    expect(patched.status()).toBe(200);
    expect(await patched.json()).toMatchObject({ rolloutPercent: 50, version: 2, rollout: [{ percent: 0 }, { percent: 50 }] });
    expect((await request.patch(`/api/v1/flags/${flag.id}`, { headers, data: { version: 1, rolloutPercent: 60 } })).status()).toBe(409);
    expect((await request.patch(`/api/v1/flags/${flag.id}`, { headers: outsider.headers, data: { version: 2, rolloutPercent: 60 } })).status()).toBe(403);

    // Reading takes flags:read; a writer's scope alone does not read.
    const reader = await serviceToken(['flags:read']);
    const listed = await request.get(`/api/v1/flags?q=${key}`, { headers: reader.headers });
    expect((await listed.json()).items.map((item: { key: string }) => item.key)).toEqual([key]);
    expect((await request.get(`/api/v1/flags?q=${key}`, { headers: (await serviceToken(['flags:write'])).headers })).status()).toBe(403);

    expect(await storedFlag(key)).toMatchObject({ rolloutPercent: 50, version: 2 });
    expect((await flagRecords(key)).map((record) => record.title)).toEqual([`Flag ${key} created`, `Flag ${key} updated`]);
    expect(await db.auditEvent.findMany({ where: { entityType: 'flag', entityId: flag.id }, orderBy: { seq: 'asc' }, select: { action: true } })).toEqual([{ action: 'flag.created' }, { action: 'flag.updated' }, { action: 'flag.update-denied' }]);
  });
});
