// CTRL-012.2 as its users meet it, end to end: a manager declares a freeze in the calendar and the
// pipeline is held by it; the weekly window denies Friday 16:00 local time and names Monday 09:00; an
// active SEV1 holds every change but its fix; an override lets one change through and is logged.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { createEnvironment } from '@/prisma/factories';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { firstInstantAtWallTime } from '@/lib/time/zoned';
import { isoToLocalInput } from '@/lib/time/local-input';
import { asUser, db } from './fixtures';
import { personalToken, serviceToken } from './api-fixtures';

const HOUR = 3_600_000;
// A Friday and the Monday after, away from the seeded holidays; read as local times in the policy zone.
const FRIDAY = '2027-03-05';
const MONDAY = '2027-03-08';

type Change = { id: string; reference: string };

/** Files, submits and approves a change through the API, as the author and reviewers would. */
async function approvedChange(request: APIRequestContext, changeClass: 'normal' | 'emergency', incidentLinks: { incidentId: string; link: 'fixes' }[] = []): Promise<Change> {
  const author = await personalToken('engineer1@changeboard.test');
  const team = await db.team.findUniqueOrThrow({ where: { slug: 'payments' }, select: { id: true } });
  const service = await db.service.findUniqueOrThrow({ where: { slug: 'checkout-api' }, select: { id: true } });
  const created = await request.post('/api/v1/changes', {
    headers: author.headers,
    data: { title: `Journey ${changeClass} ${randomUUID().slice(0, 8)}`, changeClass, teamId: team.id, serviceIds: [service.id], incidentLinks },
  });
  expect(created.status()).toBe(201);
  const change = await created.json();
  expect((await request.post(`/api/v1/changes/${change.id}/submit`, { headers: author.headers, data: { version: change.version } })).status()).toBe(200);
  const reviewers = changeClass === 'normal' ? ['engineer2@changeboard.test', 'staff1@changeboard.test'] : ['engineer2@changeboard.test'];
  for (const email of reviewers) {
    const reviewer = await personalToken(email);
    expect((await request.post(`/api/v1/changes/${change.id}/approvals`, { headers: reviewer.headers, data: { decision: 'approve', version: 1 } })).status()).toBe(201);
  }
  return { id: change.id, reference: change.reference };
}

test.describe('[GATE JOURNEY] the freeze calendar, incidents and overrides as the gate applies them', () => {
  test.use(asUser('manager1@changeboard.test'));

  test('a freeze declared in the calendar holds the pipeline; an override lets one change through and is logged', async ({ page, request }) => {
    const pipeline = await serviceToken(['gate:check']);
    const change = await approvedChange(request, 'normal');
    // A gated environment of this test's own, so the freeze holds no other test's deploys.
    const environment = await createEnvironment({ isProduction: true, isGated: true });
    const { timeZone } = await policySettingsInForce();
    const reason = `Quarter-end close ${randomUUID().slice(0, 6)}`;

    await page.goto('/calendar/freezes/new');
    await page.getByLabel('Reason').fill(reason);
    await page.getByLabel(`Starts (${timeZone})`).fill(isoToLocalInput(new Date(Date.now() - HOUR), timeZone));
    await page.getByLabel(`Ends (${timeZone})`).fill(isoToLocalInput(new Date(Date.now() + 6 * HOUR), timeZone));
    await page.getByRole('group', { name: 'Limited to environments' }).getByLabel(environment.name).check();
    await page.getByRole('button', { name: 'Declare freeze' }).click();
    await expect(page).toHaveURL(/\/calendar\/freezes$/);
    await expect(page.getByRole('main')).toContainText(reason);
    expect(await db.declaredFreeze.count({ where: { reason, environments: { some: { environmentId: environment.id } } } })).toBe(1);

    const gate = async (data: Record<string, unknown> = {}) => {
      const response = await request.post('/api/v1/gate/check', { headers: pipeline.headers, data: { changeId: change.id, environment: environment.slug, ...data } });
      expect(response.status()).toBe(200);
      return response.json();
    };
    const held = await gate();
    expect(held).toMatchObject({ decision: 'deny', preview: false });
    expect(held.reasons).toContainEqual(expect.objectContaining({ control: 'CTRL-012.2', code: 'DECLARED_FREEZE', message: expect.stringContaining(reason) }));

    const manager = await personalToken('manager1@changeboard.test');
    const justification = `Customers are overcharged until this ships; finance signed off ${randomUUID().slice(0, 6)}.`;
    const granted = await request.post(`/api/v1/changes/${change.id}/overrides`, { headers: manager.headers, data: { justification, expiresInHours: 4 } });
    expect(granted.status()).toBe(201);
    // Without the explicit flag the freeze still denies; with it, the change goes through.
    expect(await gate()).toMatchObject({ decision: 'deny' });
    const allowed = await gate({ useOverride: true });
    expect(allowed).toMatchObject({ decision: 'allow', reasons: [] });
    const override = await db.freezeOverride.findFirstOrThrow({ where: { changeRequestId: change.id }, select: { id: true } });
    expect(await db.gateDecision.findUniqueOrThrow({ where: { id: allowed.id }, select: { overrideId: true } })).toEqual({ overrideId: override.id });

    await page.goto('/exceptions?kind=freeze_override');
    const entry = page.getByRole('row').filter({ hasText: justification });
    await expect(entry).toContainText(change.reference);
    expect(await db.policyException.count({ where: { kind: 'freeze_override', overrideId: override.id, justification } })).toBe(1);
  });

  test('the weekly window denies Friday 16:00 local time with the next allowed time, and allows Monday 09:00', async ({ request }) => {
    const pipeline = await serviceToken(['gate:check']);
    const change = await approvedChange(request, 'normal');
    const { timeZone } = await policySettingsInForce();
    const preview = async (at: Date) => {
      const response = await request.post('/api/v1/gate/check', { headers: pipeline.headers, data: { changeId: change.id, environment: 'production', at: at.toISOString() } });
      expect(response.status()).toBe(200);
      return response.json();
    };
    const monday = firstInstantAtWallTime(MONDAY, 9 * 60, timeZone);

    const friday = await preview(firstInstantAtWallTime(FRIDAY, 16 * 60, timeZone));
    expect(friday).toMatchObject({ decision: 'deny', preview: true, nextAllowedAt: monday.toISOString() });
    expect(friday.reasons).toEqual([expect.objectContaining({ control: 'CTRL-012.2', code: 'WEEKLY_WINDOW' })]);
    expect(await preview(new Date(monday.getTime() - 60_000))).toMatchObject({ decision: 'deny' });
    expect(await preview(monday)).toMatchObject({ decision: 'allow', reasons: [], preview: true, nextAllowedAt: null });
  });

  test('an active SEV1 holds an unrelated change and lets its linked fix through', async ({ request }) => {
    const pipeline = await serviceToken(['gate:check']);
    const commander = await personalToken('manager1@changeboard.test');
    const checkout = await db.service.findUniqueOrThrow({ where: { slug: 'checkout-api' }, select: { id: true } });
    const declared = await request.post('/api/v1/incidents', {
      headers: commander.headers,
      data: { title: `Checkout down ${randomUUID().slice(0, 6)}`, severity: 'sev1', startedAt: new Date(Date.now() - 60_000).toISOString(), serviceIds: [checkout.id] },
    });
    expect(declared.status()).toBe(201);
    const incident = await declared.json();
    try {
      // Emergency changes: the calendar never holds them, so only the incident decides, whatever the day.
      const unrelated = await approvedChange(request, 'emergency');
      const fix = await approvedChange(request, 'emergency', [{ incidentId: incident.id, link: 'fixes' }]);
      const gate = async (changeId: string) => (await request.post('/api/v1/gate/check', { headers: pipeline.headers, data: { changeId, environment: 'production' } })).json();

      const held = await gate(unrelated.id);
      expect(held).toMatchObject({ decision: 'deny', nextAllowedAt: null });
      expect(held.reasons).toEqual([expect.objectContaining({ control: 'CTRL-012.2', code: 'INCIDENT_ACTIVE', message: expect.stringContaining(incident.reference) })]);
      expect(await gate(fix.id)).toMatchObject({ decision: 'allow', reasons: [] });
    } finally {
      // An active SEV1 would hold every other test's deploys.
      const resolved = await request.patch(`/api/v1/incidents/${incident.id}`, { headers: commander.headers, data: { version: incident.version, resolvedAt: new Date().toISOString() } });
      expect(resolved.status()).toBe(200);
    }
  });
});
