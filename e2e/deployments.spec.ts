// A pipeline records deploys; the change page shows them and the author closes the change.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { asUser, db, expectNoAxeViolations } from './fixtures';
import { personalToken, serviceToken } from './api-fixtures';

test.describe('[DEPLOYMENTS] recording deploys and closing the change', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('a deploy without a gate allow is recorded but flagged; the author closes the change as rolled back', async ({ page, request }) => {
    const author = await personalToken('engineer1@changeboard.test');
    const reviewer = await personalToken('engineer2@changeboard.test');
    const pipeline = await serviceToken(['deployments:write']);
    const team = await db.team.findUniqueOrThrow({ where: { slug: 'payments' }, select: { id: true } });
    const service = await db.service.findUniqueOrThrow({ where: { slug: 'checkout-api' }, select: { id: true } });

    const created = await request.post('/api/v1/changes', { headers: author.headers, data: { title: `Cache warm-up ${randomUUID().slice(0, 8)}`, changeClass: 'standard', teamId: team.id, serviceIds: [service.id] } });
    expect(created.status()).toBe(201);
    const change = await created.json();
    expect((await request.post(`/api/v1/changes/${change.id}/submit`, { headers: author.headers, data: { version: change.version } })).status()).toBe(200);
    expect((await request.post(`/api/v1/changes/${change.id}/approvals`, { headers: reviewer.headers, data: { decision: 'approve', version: 1 } })).status()).toBe(201);

    const deployed = await request.post('/api/v1/deployments', {
      headers: pipeline.headers,
      data: { changeId: change.id, environmentSlug: 'production', status: 'succeeded', startedAt: new Date(Date.now() - 60_000).toISOString(), commitSha: 'abc1234def' },
    });
    expect(deployed.status(), await deployed.text()).toBe(201);
    const deployment = await deployed.json();
    expect(deployment.isUnauthorized).toBe(true);
    expect(deployment.unauthorizedReasons.map((reason: { code: string }) => reason.code)).toEqual(['NO_GATE_ALLOW']);

    await page.goto(`/changes/${change.id}`);
    const deployments = page.getByRole('region', { name: 'Deployments' });
    await expect(deployments).toContainText('Production · Succeeded');
    await expect(deployments.getByText('Unauthorized')).toBeVisible();
    await expect(deployments).toContainText('(CTRL-012.2)');
    await expect(page.getByText('deployment.recorded')).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByLabel('Outcome').selectOption('rolled_back');
    await page.getByRole('button', { name: 'Close change' }).click();
    await expect(page.getByText('Closed with outcome: rolled back')).toBeVisible();

    const stored = await db.changeRequest.findUniqueOrThrow({ where: { id: change.id }, select: { status: true, outcome: true, firstProductionDeployAt: true, deployments: { select: { isUnauthorized: true, gateDecisionId: true } } } });
    expect(stored).toMatchObject({ status: 'closed', outcome: 'rolled_back', deployments: [{ isUnauthorized: true, gateDecisionId: null }] });
    expect(stored.firstProductionDeployAt).not.toBeNull();
    const closed = await db.auditEvent.findFirstOrThrow({ where: { entityId: change.id, action: 'change.closed' }, select: { actorId: true, changeSet: true } });
    expect(closed).toMatchObject({ actorId: author.user.id, changeSet: { outcome: 'rolled_back' } });
  });
});
