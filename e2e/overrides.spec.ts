// Freeze overrides (CTRL-012.2): a manager grants one on the change page, the pipeline uses it only
// when it asks (`useOverride: true`), and it appears in the exceptions log.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createEnvironment } from '@/prisma/factories';
import { asUser, db, expectNoAxeViolations } from './fixtures';
import { personalToken, serviceToken } from './api-fixtures';

const HOUR = 3_600_000;

/** A standard change by engineer1, approved by engineer2, through the API as a pipeline would. */
async function approvedChange(request: APIRequestContext) {
  const author = await personalToken('engineer1@changeboard.test');
  const reviewer = await personalToken('engineer2@changeboard.test');
  const team = await db.team.findUniqueOrThrow({ where: { slug: 'payments' }, select: { id: true } });
  const service = await db.service.findUniqueOrThrow({ where: { slug: 'checkout-api' }, select: { id: true } });
  const created = await request.post('/api/v1/changes', { headers: author.headers, data: { title: `Price cache fix ${randomUUID().slice(0, 8)}`, changeClass: 'standard', teamId: team.id, serviceIds: [service.id] } });
  expect(created.status()).toBe(201);
  const change = await created.json();
  expect((await request.post(`/api/v1/changes/${change.id}/submit`, { headers: author.headers, data: { version: change.version } })).status()).toBe(200);
  expect((await request.post(`/api/v1/changes/${change.id}/approvals`, { headers: reviewer.headers, data: { decision: 'approve', version: 1 } })).status()).toBe(201);
  return { id: change.id as string, reference: change.reference as string, authorId: author.user.id };
}

/** A gated environment of this test's own, under a declared freeze now (no other test deploys there). */
async function frozenEnvironment() {
  const environment = await createEnvironment({ isProduction: true, isGated: true });
  const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@changeboard.test' }, select: { id: true } });
  const now = Date.now();
  await db.declaredFreeze.create({
    data: { reason: 'Quarter-end close', startsAt: new Date(now - HOUR), endsAt: new Date(now + 6 * HOUR), createdById: admin.id, environments: { create: [{ environmentId: environment.id }] } },
    select: { id: true },
  });
  return environment;
}

const overridePanel = (page: Page) => page.getByRole('region', { name: 'Override' });

test.describe('[OVERRIDES] a manager grants an override', () => {
  test.use(asUser('manager1@changeboard.test'));

  test('granted on the change page, used by the gate only with useOverride, listed in the exceptions log', async ({ page, request }) => {
    const change = await approvedChange(request);
    const environment = await frozenEnvironment();
    const manager = await db.user.findUniqueOrThrow({ where: { email: 'manager1@changeboard.test' }, select: { id: true } });
    const justification = `Price cache bug overcharges customers; ship before quarter-end ${randomUUID().slice(0, 6)}.`;

    await page.goto(`/changes/${change.id}`);
    const panel = overridePanel(page);
    await expect(panel).toContainText('useOverride: true');
    await expect(panel).toContainText('No override is in force.');
    await panel.getByLabel('Justification').fill(justification);
    await panel.getByLabel('Hours from now').fill('4');
    await panel.getByRole('button', { name: 'Grant override' }).click();

    await expect(panel.getByText('Override granted.')).toBeVisible();
    await expect(panel.getByText('In force', { exact: true })).toBeVisible();
    await expect(panel.getByText(justification)).toBeVisible();
    await expect(panel).toContainText('Lifts calendar freezes only');
    await expectNoAxeViolations(page);

    const override = await db.freezeOverride.findFirstOrThrow({ where: { changeRequestId: change.id }, select: { id: true, grantedById: true, incidentId: true, justification: true, grantedAt: true, expiresAt: true, revokedAt: true } });
    expect(override).toMatchObject({ grantedById: manager.id, incidentId: null, justification, revokedAt: null });
    expect(override.expiresAt.getTime() - override.grantedAt.getTime()).toBe(4 * HOUR);
    const exception = await db.policyException.findFirstOrThrow({ where: { overrideId: override.id }, select: { kind: true, status: true, requestedById: true, approvedById: true, justification: true, openedAt: true, deadlineAt: true } });
    expect(exception).toEqual({ kind: 'freeze_override', status: 'documented', requestedById: change.authorId, approvedById: manager.id, justification, openedAt: override.grantedAt, deadlineAt: override.expiresAt });
    expect(await db.auditEvent.count({ where: { action: 'override.granted', entityId: override.id, actorId: manager.id } })).toBe(1);

    const pipeline = await serviceToken(['gate:check']);
    const gate = (data: Record<string, unknown>) => request.post('/api/v1/gate/check', { headers: pipeline.headers, data: { changeId: change.id, environment: environment.slug, ...data } });
    const withFlag = await gate({ useOverride: true });
    expect(withFlag.status()).toBe(200);
    expect(await withFlag.json()).toMatchObject({ decision: 'allow', reasons: [] });
    const withoutFlag = await (await gate({})).json();
    expect(withoutFlag.decision).toBe('deny');
    expect(withoutFlag.reasons).toContainEqual(expect.objectContaining({ control: 'CTRL-012.2', code: 'DECLARED_FREEZE' }));
    const allowed = await db.gateDecision.findFirstOrThrow({ where: { changeRequestId: change.id, result: 'allow' }, select: { overrideId: true } });
    expect(allowed.overrideId).toBe(override.id);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exceptions' }).click();
    await page.getByLabel('Kind').selectOption('freeze_override');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/kind=freeze_override/);
    const row = page.getByRole('row').filter({ hasText: justification });
    await expect(row).toContainText('Freeze override');
    await expect(row).toContainText('override in force, calendar only');
    await expect(row).toContainText('Morgan Manager');
    await expect(row.getByRole('link', { name: new RegExp(change.reference) })).toHaveAttribute('href', `/changes/${change.id}`);
    await expect(row).toContainText('Documented');
    await expectNoAxeViolations(page);
  });

  test('bad input shows errors and stores nothing', async ({ page, request }) => {
    const change = await approvedChange(request);
    await page.goto(`/changes/${change.id}`);
    const panel = overridePanel(page);

    await panel.getByLabel('Justification').fill('Urgent, sorry');
    await panel.getByLabel('Hours from now').fill('4');
    await panel.getByRole('button', { name: 'Grant override' }).click();
    await expect(panel.getByText('Explain why in at least 20 characters.')).toBeVisible();
    await expect(panel.getByLabel('Justification')).toHaveAttribute('aria-invalid', 'true');
    await expect(panel.getByLabel('Justification')).toHaveValue('Urgent, sorry');

    await panel.getByLabel('Justification').fill('The payment provider deadline forces this deploy tonight.');
    await panel.getByLabel('Hours from now').fill('25');
    await panel.getByRole('button', { name: 'Grant override' }).click();
    await expect(panel.locator('#override-expiry-error')).toHaveText('An override lasts at most 24 hours (policy settings).');
    await expect(panel.getByLabel('Hours from now')).toHaveValue('25');

    expect(await db.freezeOverride.count({ where: { changeRequestId: change.id } })).toBe(0);
    expect(await db.policyException.count({ where: { changeRequestId: change.id, kind: 'freeze_override' } })).toBe(0);
  });
});

test.describe('[OVERRIDES] who may not grant', () => {
  test.use(asUser('engineer2@changeboard.test'));

  test('an engineer sees no grant form; the API refuses engineers and service tokens with 403; a manager token grants once per Idempotency-Key', async ({ page, request }) => {
    const change = await approvedChange(request);

    await page.goto(`/changes/${change.id}`);
    const panel = overridePanel(page);
    await expect(panel).toContainText('You cannot grant an override: Only an engineering manager, or the commander of an active SEV1/SEV2 incident this change fixes, grants an override.');
    await expect(panel.getByLabel('Justification')).toHaveCount(0);
    await expect(panel.getByRole('button', { name: 'Grant override' })).toHaveCount(0);

    const body = { justification: 'The payment provider deadline forces this deploy tonight.', expiresInHours: 2 };
    const engineer = await personalToken('engineer2@changeboard.test');
    const refused = await request.post(`/api/v1/changes/${change.id}/overrides`, { headers: engineer.headers, data: body });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe('FORBIDDEN');
    const pipeline = await serviceToken(['changes:write']);
    const service = await request.post(`/api/v1/changes/${change.id}/overrides`, { headers: pipeline.headers, data: body });
    expect(service.status()).toBe(403);
    expect((await service.json()).error.message).toBe('A service token acts for no person, so it cannot grant a freeze override. Use a personal token.');
    expect(await db.freezeOverride.count({ where: { changeRequestId: change.id } })).toBe(0);

    const manager = await personalToken('manager1@changeboard.test');
    const headers = { ...manager.headers, 'Idempotency-Key': randomUUID() };
    const granted = await request.post(`/api/v1/changes/${change.id}/overrides`, { headers, data: body });
    expect(granted.status()).toBe(201);
    const override = await granted.json();
    expect(override).toMatchObject({ changeId: change.id, state: 'in-force', incident: null, grantedBy: { id: manager.user.id }, requestedBy: { id: change.authorId } });
    const replayed = await request.post(`/api/v1/changes/${change.id}/overrides`, { headers, data: body });
    expect(replayed.headers()['idempotent-replayed']).toBe('true');
    expect((await replayed.json()).id).toBe(override.id);
    expect(await db.freezeOverride.count({ where: { changeRequestId: change.id } })).toBe(1);

    const listed = await (await request.get(`/api/v1/changes/${change.id}/overrides`, { headers: engineer.headers })).json();
    expect(listed.items.map((item: { id: string }) => item.id)).toEqual([override.id]);
    const revoked = await request.post(`/api/v1/changes/${change.id}/overrides/${override.id}/revoke`, { headers: manager.headers, data: { reason: 'Deploy moved to Monday morning.' } });
    expect(revoked.status()).toBe(200);
    expect(await revoked.json()).toMatchObject({ state: 'revoked', revocationReason: 'Deploy moved to Monday morning.', revokedBy: { id: manager.user.id } });
  });
});
