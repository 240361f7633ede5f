// Incidents (CTRL-012.2): declared and resolved in the portal, synced through /api/v1 by an incident
// tool. Every SEV1/SEV2 made here is resolved before its test ends (afterEach as a safety net): an
// active one would hold every other spec's gate checks in this database.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIResponse } from '@playwright/test';
import { resolveIncident } from '@/lib/server/incidents/resolve-incident';
import { asUser, db, expectNoAxeViolations, formStatus } from './fixtures';
import { personalToken, serviceToken } from './api-fixtures';

const TITLE_PREFIX = 'E2E incident';
const uniqueTitle = () => `${TITLE_PREFIX} ${randomUUID().slice(0, 8)}`;

test.afterEach(async () => {
  const open = await db.incident.findMany({ where: { title: { startsWith: TITLE_PREFIX }, resolvedAt: null, severity: { in: ['sev1', 'sev2'] } }, select: { id: true, version: true, commanderId: true } });
  const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@changeboard.test' }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } });
  for (const incident of open) await resolveIncident({ actor: admin, at: new Date(), incidentId: incident.id, expectedVersion: incident.version, resolvedAt: new Date() });
});

const auditActions = async (incidentId: string) =>
  (await db.auditEvent.findMany({ where: { entityType: 'incident', entityId: incidentId }, orderBy: { seq: 'asc' }, select: { action: true } })).map((event) => event.action);

test.describe('[INCIDENTS] in the portal', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('an engineer declares a SEV1: it is shown and listed as blocking deploys, stored and audited; the IC resolves it', async ({ page }) => {
    const title = uniqueTitle();
    await page.goto('/incidents');
    await page.getByRole('link', { name: 'Declare incident' }).click();
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByRole('radio', { name: /SEV1/ }).check();
    await page.getByRole('checkbox', { name: /Checkout API/ }).check();
    await page.getByLabel('Summary').fill('Checkout returns 500 for every card payment.');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Declare incident' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
    await expect(page.getByText('Blocking deploys', { exact: true })).toBeVisible();
    await expect(page.locator('main dl')).toContainText('Erin Engineer');
    await expect(page.getByText('incident.declared')).toBeVisible();
    await expectNoAxeViolations(page);
    const incident = await db.incident.findFirstOrThrow({
      where: { title },
      select: { id: true, number: true, severity: true, resolvedAt: true, summary: true, commander: { select: { email: true } }, services: { select: { service: { select: { slug: true } } } } },
    });
    expect(incident).toMatchObject({ severity: 'sev1', resolvedAt: null, summary: 'Checkout returns 500 for every card payment.', commander: { email: 'engineer1@changeboard.test' }, services: [{ service: { slug: 'checkout-api' } }] });
    expect(await auditActions(incident.id)).toEqual(['incident.declared']);

    await page.goto('/incidents?state=active');
    const row = page.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText(`INC-${incident.number}`);
    await expect(row.getByText('Blocking deploys', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Blocking deploys: \d+ active SEV1\/SEV2 incident/ })).toBeVisible();
    await expectNoAxeViolations(page);

    await row.getByRole('link', { name: title }).click();
    await page.getByRole('button', { name: 'Resolve incident' }).click();
    await expect(formStatus(page)).toHaveText('Incident resolved.');
    await expect(page.getByText('Resolved', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reopen incident' })).toBeVisible();
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id }, select: { resolvedAt: true } })).resolvedAt).not.toBeNull();
    expect(await auditActions(incident.id)).toEqual(['incident.declared', 'incident.resolved']);
  });

  test('bad input gets field errors and nothing is saved', async ({ page }) => {
    const before = await db.incident.count();
    const auditBefore = await db.auditEvent.count({ where: { entityType: 'incident' } });
    await page.goto('/incidents/new');
    await page.getByLabel('Started').fill('2026-01-15T10:00');
    await page.getByLabel('Resolved (optional)').fill('2026-01-15T09:00');
    await page.getByRole('button', { name: 'Declare incident' }).click();

    await expect(formStatus(page)).toHaveText('Check the highlighted fields.');
    await expect(page.getByText('Give the incident a title.')).toBeVisible();
    await expect(page.getByText(/Choose a severity/)).toBeVisible();
    await expect(page.getByText('It cannot be resolved before it started.')).toBeVisible();
    await expect(page.getByLabel('Title', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    // What was typed is kept.
    await expect(page.getByLabel('Started')).toHaveValue('2026-01-15T10:00');
    await expectNoAxeViolations(page);
    expect(await db.incident.count()).toBe(before);
    expect(await db.auditEvent.count({ where: { entityType: 'incident' } })).toBe(auditBefore);
  });
});

test.describe('[INCIDENTS] read-only roles', () => {
  test.use(asUser('auditor1@changeboard.test'));

  test('an auditor reads incidents but is offered no way to declare one', async ({ page }) => {
    await page.goto('/incidents');
    await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Declare incident' })).toHaveCount(0);
    expect((await page.goto('/incidents/new'))?.status()).toBe(404);
  });
});

async function expectStatus(response: APIResponse, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json();
}

test.describe('[API] incidents', () => {
  test('an incident tool declares, lists, edits and resolves an incident with a service token', async ({ request }) => {
    const tool = await serviceToken(['incidents:read', 'incidents:write']);
    const commander = await db.user.findUniqueOrThrow({ where: { email: 'manager1@changeboard.test' }, select: { id: true } });
    const service = await db.service.findUniqueOrThrow({ where: { slug: 'checkout-api' }, select: { id: true } });
    const startedAt = new Date(Date.now() - 30 * 60_000).toISOString();
    const body = { title: uniqueTitle(), severity: 'sev3', startedAt, commanderId: commander.id, serviceIds: [service.id] };
    const key = randomUUID();

    const created = await expectStatus(await request.post('/api/v1/incidents', { headers: { ...tool.headers, 'Idempotency-Key': key }, data: body }), 201);
    expect(created).toMatchObject({ title: body.title, severity: 'sev3', startedAt, resolvedAt: null, isActive: true, isBlockingDeploys: false, version: 1, commander: { id: commander.id }, services: [{ id: service.id }], changes: [] });
    expect(created.reference).toMatch(/^INC-\d+$/);
    // A retry with the same key answers the same without declaring again.
    const replay = await request.post('/api/v1/incidents', { headers: { ...tool.headers, 'Idempotency-Key': key }, data: body });
    expect(replay.headers()['idempotent-replayed']).toBe('true');
    expect(await expectStatus(replay, 201)).toMatchObject({ id: created.id });
    expect(await db.incident.count({ where: { title: body.title } })).toBe(1);

    const listed = await expectStatus(await request.get(`/api/v1/incidents?state=active&severity=sev3&service=${service.id}`, { headers: tool.headers }), 200);
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(created.id);

    const edited = await expectStatus(await request.patch(`/api/v1/incidents/${created.id}`, { headers: tool.headers, data: { version: 1, severity: 'sev4', summary: 'Synced from the incident tool.' } }), 200);
    expect(edited).toMatchObject({ severity: 'sev4', summary: 'Synced from the incident tool.', version: 2 });
    const resolvedAt = new Date().toISOString();
    const resolved = await expectStatus(await request.patch(`/api/v1/incidents/${created.id}`, { headers: tool.headers, data: { version: 2, resolvedAt } }), 200);
    expect(resolved).toMatchObject({ resolvedAt, isActive: false, version: 3 });
    expect(await expectStatus(await request.patch(`/api/v1/incidents/${created.id}`, { headers: tool.headers, data: { version: 3, resolvedAt } }), 409)).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await expectStatus(await request.patch(`/api/v1/incidents/${created.id}`, { headers: tool.headers, data: { version: 1, title: 'Stale' } }), 409)).toMatchObject({ error: { code: 'STALE_VERSION' } });

    expect(await db.incident.findUniqueOrThrow({ where: { id: created.id }, select: { severity: true, resolvedAt: true, version: true } })).toEqual({ severity: 'sev4', resolvedAt: new Date(resolvedAt), version: 3 });
    const events = await db.auditEvent.findMany({ where: { entityType: 'incident', entityId: created.id }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true, tokenId: true } });
    expect(events).toEqual(['incident.declared', 'incident.edited', 'incident.resolved'].map((action) => ({ action, actorId: null, tokenId: tool.tokenId })));
  });

  test('bad input is 400 and saves nothing; no token is 401; an auditor is 403; the wrong scope is 403', async ({ request }) => {
    const tool = await serviceToken(['incidents:write']);
    const auditor = await personalToken('auditor1@changeboard.test');
    const engineer = await personalToken('engineer1@changeboard.test');
    const title = uniqueTitle();
    const before = await db.incident.count();

    const backwards = await expectStatus(await request.post('/api/v1/incidents', { headers: engineer.headers, data: { title, severity: 'sev3', startedAt: '2026-01-15T10:00:00Z', resolvedAt: '2026-01-15T09:00:00Z' } }), 400);
    expect(backwards.error).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { resolvedAt: ['It cannot be resolved before it started.'] } });
    const impossible = await expectStatus(await request.post('/api/v1/incidents', { headers: engineer.headers, data: { title, severity: 'critical', startedAt: '2026-02-30T10:00:00Z' } }), 400);
    expect(Object.keys(impossible.error.fieldErrors).sort()).toEqual(['severity', 'startedAt']);
    const nobody = await expectStatus(await request.post('/api/v1/incidents', { headers: tool.headers, data: { title, severity: 'sev3', startedAt: '2026-01-15T10:00:00Z' } }), 400);
    expect(nobody.error.fieldErrors).toEqual({ commanderId: ['Name the incident commander: a service token acts for no one.'] });
    expect((await expectStatus(await request.post('/api/v1/incidents', { headers: engineer.headers, data: { title, severity: 'sev3', startedAt: '2026-01-15T10:00:00Z', commanderId: randomUUID() } }), 422)).error.fieldErrors).toHaveProperty('commanderId');

    expect(await expectStatus(await request.get('/api/v1/incidents'), 401)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    await expectStatus(await request.post('/api/v1/incidents', { data: { title, severity: 'sev3', startedAt: '2026-01-15T10:00:00Z' } }), 401);
    await expectStatus(await request.post('/api/v1/incidents', { headers: auditor.headers, data: { title, severity: 'sev3', startedAt: '2026-01-15T10:00:00Z' } }), 403);
    await expectStatus(await request.get('/api/v1/incidents', { headers: tool.headers }), 403);
    expect(await expectStatus(await request.get('/api/v1/incidents?state=open', { headers: engineer.headers }), 400)).toMatchObject({ error: { fieldErrors: { state: [expect.any(String)] } } });

    expect(await db.incident.count()).toBe(before);
    expect(await db.auditEvent.count({ where: { actorId: auditor.user.id, action: 'incident.declare-denied' } })).toBeGreaterThanOrEqual(1);
  });
});
