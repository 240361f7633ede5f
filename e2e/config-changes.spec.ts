// Configuration changes (CTRL-012.5) through the UI and /api/v1: the two-person rule, checklists in
// words, changes reported afterwards as unauthorized, and bad input that stores nothing.
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { isoToLocalInput } from '@/lib/time/local-input';
import { asUser, db, expectNoAxeViolations, formStatus } from './fixtures';
import { personalToken, serviceToken } from './api-fixtures';

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext(asUser(email));
  return context.newPage();
}

const unique = () => randomUUID().slice(0, 8);

/** The record filed under this (unique) title, as stored. */
function storedByTitle(title: string) {
  return db.configChange.findFirstOrThrow({
    where: { title },
    select: { id: true, type: true, status: true, version: true, details: true, isReportedAfter: true, appliedAt: true, requestedBy: { select: { email: true } }, confirmations: { select: { confirmer: { select: { email: true } } } } },
  });
}

function auditActions(id: string) {
  return db.auditEvent.findMany({ where: { entityType: 'config-change', entityId: id }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true, changeSet: true } });
}

test.describe('[CONFIG] configuration changes', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('a manual secret rotation needs a second person: not its requester (UI or API), but another engineer; then it is applied', async ({ page, browser, request }) => {
    const title = `Rotate the Stripe key ${unique()}`;
    await page.goto('/config-changes/new');
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Secret rotation' });
    await expect(page.getByText('Automated where possible, manual requires 2-person rule')).toBeVisible();
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByRole('textbox', { name: 'Secret', exact: true }).fill('stripe-api-key');
    await page.getByRole('combobox', { name: 'Rotation' }).selectOption({ label: 'Manual (two-person rule)' });
    await page.getByRole('button', { name: 'Plan change' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    const checklist = page.getByRole('list', { name: 'Process checklist' });
    await expect(checklist).toContainText('Missing: Confirmed by a second, different person (two-person rule)');
    await expect(checklist).toContainText('Waiting for a second, different person to confirm.');
    await expect(page.getByText('You cannot confirm this change: The two-person rule needs someone other than the requester.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Confirm' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Mark applied' })).toHaveCount(0);
    await expectNoAxeViolations(page);

    const record = await storedByTitle(title);
    expect(record).toMatchObject({ type: 'secret_rotation', status: 'planned', version: 1, details: { secretName: 'stripe-api-key', mode: 'manual', automationRunUrl: '' }, requestedBy: { email: 'engineer1@changeboard.test' }, confirmations: [] });

    // The requester's own token is refused (and the attempt recorded); a service token is no person at all.
    const requester = await personalToken('engineer1@changeboard.test');
    const own = await request.post(`/api/v1/config-changes/${record.id}/confirmations`, { headers: requester.headers, data: { version: 1 } });
    expect(own.status()).toBe(403);
    expect((await own.json()).error).toEqual({ code: 'FORBIDDEN', message: 'The two-person rule needs someone other than the requester.' });
    const pipeline = await serviceToken(['config-changes:write']);
    const bySystem = await request.post(`/api/v1/config-changes/${record.id}/confirmations`, { headers: pipeline.headers, data: { version: 1 } });
    expect(bySystem.status()).toBe(403);
    expect((await storedByTitle(title)).confirmations).toEqual([]);

    const second = await pageAs(browser, 'engineer2@changeboard.test');
    await second.goto(`/config-changes/${record.id}`);
    await second.getByRole('button', { name: 'Confirm' }).click();
    await expect(formStatus(second).first()).toHaveText('Confirmation recorded.');
    await expect(second.getByRole('list', { name: 'Confirmed by' })).toContainText('Confirmed by Eli Engineer');
    await expect(second.getByRole('button', { name: 'Confirm' })).toHaveCount(0);
    await expectNoAxeViolations(second);

    await page.reload();
    await expect(page.getByRole('list', { name: 'Process checklist' })).toContainText('Done: Confirmed by a second, different person (two-person rule)');
    await page.getByRole('button', { name: 'Mark applied' }).click();
    await expect(formStatus(page).first()).toHaveText('Marked applied.');
    await expect(page.getByText('Applied', { exact: true }).first()).toBeVisible();

    const applied = await storedByTitle(title);
    expect(applied).toMatchObject({ status: 'applied', isReportedAfter: false, version: 2, confirmations: [{ confirmer: { email: 'engineer2@changeboard.test' } }] });
    expect(applied.appliedAt).not.toBeNull();
    const events = await auditActions(record.id);
    expect(events.map((event) => event.action)).toEqual(['config-change.created', 'config-change.confirm-denied', 'config-change.confirmed', 'config-change.applied']);
    expect(events[1]).toMatchObject({ actorId: requester.user.id, changeSet: { reason: 'The two-person rule needs someone other than the requester.' } });
  });

  test('a DNS change with a TTL of 3600 s shows in its checklist that the TTL is not low, and cannot be applied', async ({ page }) => {
    const title = `Move api to the new edge ${unique()}`;
    await page.goto('/config-changes/new');
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'DNS change' });
    await expect(page.getByText('PR with peer review, low-TTL rollout')).toBeVisible();
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByRole('textbox', { name: 'DNS record' }).fill('api.example.com CNAME');
    await page.getByRole('textbox', { name: 'Pull request with the DNS change' }).fill('https://git.example.com/dns/pull/12');
    await page.getByRole('textbox', { name: 'TTL during the rollout (seconds)' }).fill('3600');
    await page.getByRole('button', { name: 'Plan change' }).click();

    const checklist = page.getByRole('list', { name: 'Process checklist' });
    await expect(checklist).toContainText('Missing: Low TTL during the rollout (at most 300 s)');
    await expect(checklist).toContainText('A TTL of 3600 s is not low; at most 300 s during the rollout.');
    await expect(checklist).toContainText('Done: PR with the DNS change');
    await expect(page.getByRole('button', { name: 'Mark applied' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    expect(await storedByTitle(title)).toMatchObject({ type: 'dns', status: 'planned', details: { record: 'api.example.com CNAME', pullRequestUrl: 'https://git.example.com/dns/pull/12', rolloutTtlSeconds: 3600 } });

    // Lowering the TTL through the edit form: a refused value first, then a low one.
    await page.getByRole('link', { name: 'Edit' }).click();
    const ttl = page.getByRole('textbox', { name: 'TTL during the rollout (seconds)' });
    await expect(ttl).toHaveValue('3600');
    await ttl.fill('0');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('At least 1 second.')).toBeVisible();
    expect(await storedByTitle(title)).toMatchObject({ version: 1, details: { rolloutTtlSeconds: 3600 } });
    await page.getByRole('textbox', { name: 'TTL during the rollout (seconds)' }).fill('60');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('list', { name: 'Process checklist' })).toContainText('Done: Low TTL during the rollout (at most 300 s)');
    expect(await storedByTitle(title)).toMatchObject({ version: 2, details: { record: 'api.example.com CNAME', rolloutTtlSeconds: 60 } });
  });

  test('a change reported afterwards is unauthorized on its page and on the list', async ({ page }) => {
    const title = `Pool drained by hand ${unique()}`;
    const { timeZone } = await db.policySettings.findFirstOrThrow({ orderBy: { version: 'desc' }, select: { timeZone: true } });
    const madeAt = new Date(Math.floor((Date.now() - 3 * 3_600_000) / 60_000) * 60_000);
    await page.goto('/config-changes/report');
    await expect(page.getByText('It will be recorded as “Unauthorized: made outside its process”')).toBeVisible();
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Load balancer config' });
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel(/When it was made/).fill(isoToLocalInput(madeAt, timeZone));
    await page.getByLabel('Who made it').selectOption({ label: 'Sasha Staff' });
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Report change' }).click();

    await expect(page.getByRole('heading', { name: 'Unauthorized: made outside its process' })).toBeVisible();
    await expect(page.getByText('Load balancer config made in production outside its process and reported afterwards. (CTRL-012.5)')).toBeVisible();
    const record = await storedByTitle(title);
    expect(record).toMatchObject({ type: 'load_balancer', status: 'applied', isReportedAfter: true, appliedAt: madeAt, requestedBy: { email: 'staff1@changeboard.test' } });
    const [event] = await auditActions(record.id);
    expect(event).toMatchObject({ action: 'config-change.reported-unauthorized', changeSet: { unauthorized: { control: 'CTRL-012.5', code: 'CONFIG_OUTSIDE_PROCESS' } } });

    await page.goto('/config-changes');
    await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText('Unauthorized: made outside its process');
    await page.getByLabel('Only changes made outside their process (unauthorized)').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/unauthorized=true/);
    await expect(page.getByRole('row', { name: new RegExp(title) })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'Through its process' })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('bad input shows field errors, keeps what was typed and stores nothing', async ({ page }) => {
    const countBefore = await db.configChange.count();
    await page.goto('/config-changes/new');
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'DNS change' });
    await page.getByLabel('Title', { exact: true }).fill('x');
    await page.getByRole('textbox', { name: 'Pull request with the DNS change' }).fill('javascript:alert(1)');
    await page.getByRole('textbox', { name: 'TTL during the rollout (seconds)' }).fill('soon');
    await page.getByRole('button', { name: 'Plan change' }).click();

    await expect(formStatus(page).first()).toHaveText('Check the highlighted fields.');
    await expect(page.getByText('At least 3 characters.')).toBeVisible();
    await expect(page.getByText('Name the DNS record.')).toBeVisible();
    await expect(page.getByText('Use an http(s) link.')).toBeVisible();
    await expect(page.getByText('Enter a whole number of seconds.')).toBeVisible();
    await expect(page.getByLabel('Type', { exact: true })).toHaveValue('dns');
    await expect(page.getByRole('textbox', { name: 'TTL during the rollout (seconds)' })).toHaveValue('soon');
    await expect(page.getByRole('textbox', { name: 'TTL during the rollout (seconds)' })).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);

    await page.goto('/config-changes/report');
    await page.getByLabel('Title', { exact: true }).fill(`Future change ${unique()}`);
    await page.getByRole('textbox', { name: 'Variable' }).fill('POOL_SIZE');
    const { timeZone } = await db.policySettings.findFirstOrThrow({ orderBy: { version: 'desc' }, select: { timeZone: true } });
    await page.getByLabel(/When it was made/).fill(isoToLocalInput(new Date(Date.now() + 2 * 86_400_000), timeZone));
    await page.getByRole('button', { name: 'Report change' }).click();
    await expect(page.getByText('Give a time that has passed.')).toBeVisible();
    expect(await db.configChange.count()).toBe(countBefore);
  });

  test('[API] plan with an Idempotency-Key, read with a service token, edit, and apply once complete', async ({ request }) => {
    const owner = await personalToken('engineer1@changeboard.test');
    const reviewer = await personalToken('manager1@changeboard.test');
    const reader = await serviceToken(['config-changes:read']);
    const production = await db.environment.findUniqueOrThrow({ where: { slug: 'production' }, select: { id: true } });
    const body = { type: 'load_balancer', title: `Drain pool b ${unique()}`, environmentId: production.id, details: { pullRequestUrl: '' } };
    const headers = { ...owner.headers, 'Idempotency-Key': `lb-${unique()}` };

    const created = await request.post('/api/v1/config-changes', { headers, data: body });
    expect(created.status()).toBe(201);
    const first = await created.json();
    const replay = await request.post('/api/v1/config-changes', { headers, data: body });
    expect(replay.headers()['idempotent-replayed']).toBe('true');
    expect((await replay.json()).id).toBe(first.id);
    expect(await db.configChange.count({ where: { title: body.title } })).toBe(1);
    expect(first).toMatchObject({ status: 'planned', version: 1, needsConfirmation: true, requestedBy: { email: 'engineer1@changeboard.test' }, missing: [{ control: 'CTRL-012.5', message: 'No infrastructure-as-code pull request.' }, { message: 'Waiting for a second, different person to confirm.' }] });

    const refused = await request.post(`/api/v1/config-changes/${first.id}/apply`, { headers: owner.headers, data: { version: 1 } });
    expect(refused.status()).toBe(422);
    const edited = await request.patch(`/api/v1/config-changes/${first.id}`, { headers: owner.headers, data: { version: 1, details: { pullRequestUrl: 'https://git.example.com/iac/pull/31' } } });
    expect(await edited.json()).toMatchObject({ version: 2, details: { pullRequestUrl: 'https://git.example.com/iac/pull/31' } });
    const confirmed = await request.post(`/api/v1/config-changes/${first.id}/confirmations`, { headers: reviewer.headers, data: { version: 2 } });
    expect(confirmed.status()).toBe(201);
    const applied = await request.post(`/api/v1/config-changes/${first.id}/apply`, { headers: owner.headers, data: { version: 2 } });
    expect(await applied.json()).toMatchObject({ status: 'applied', version: 3, missing: [], confirmations: [{ confirmer: { email: 'manager1@changeboard.test' } }] });

    const read = await request.get(`/api/v1/config-changes?status=applied&type=load_balancer&limit=100`, { headers: reader.headers });
    expect((await read.json()).items.map((item: { id: string }) => item.id)).toContain(first.id);
    const badQuery = await request.get('/api/v1/config-changes?type=firewall', { headers: reader.headers });
    expect(badQuery.status()).toBe(400);
    const cannotWrite = await request.post('/api/v1/config-changes', { headers: reader.headers, data: body });
    expect(cannotWrite.status()).toBe(403);
  });
});
