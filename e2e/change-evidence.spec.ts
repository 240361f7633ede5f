import { expect, test } from '@playwright/test';
import { asUser, db } from './fixtures';
import { createChangeRow, createTeamWithEngineer } from '@/prisma/factories';

const SEEDED_TITLE = 'Enable new checkout flow behind payments-new-checkout-release';

async function seededChange() {
  return db.changeRequest.findFirstOrThrow({ where: { title: SEEDED_TITLE, author: { email: 'engineer1@changeboard.test' } }, select: { id: true, number: true, title: true } });
}

test.describe('[CHANGES] evidence export', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('JSON: a download with the change, approvals, verdict, policy version and audit chain', async ({ page }) => {
    const change = await seededChange();

    const response = await page.request.get(`/changes/${change.id}/evidence`);

    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers()['content-disposition']).toBe(`attachment; filename="CHG-${change.number}-evidence.json"`);
    const evidence = await response.json();
    const policy = await db.policySettings.findFirstOrThrow({ orderBy: { version: 'desc' }, select: { version: true } });
    expect(evidence).toMatchObject({
      change: { id: change.id, reference: `CHG-${change.number}`, title: SEEDED_TITLE, author: { email: 'engineer1@changeboard.test' } },
      approvals: expect.arrayContaining([expect.objectContaining({ approver: expect.objectContaining({ email: 'engineer2@changeboard.test' }), decision: 'approve' })]),
      approvalVerdict: { state: expect.stringMatching(/^(approved|pending|rejected)$/) },
      policySettings: { version: policy.version },
    });
    const events = await db.auditEvent.findMany({ where: { entityType: 'change', entityId: change.id }, orderBy: { seq: 'asc' }, select: { seq: true, rowHash: true } });
    expect(evidence.auditEvents.map((event: { seq: number; rowHash: string }) => [event.seq, event.rowHash]))
      .toEqual(events.map((event) => [Number(event.seq), Buffer.from(event.rowHash).toString('hex')]));
    expect(evidence.auditEvents[0].action).toBe('change.created');
  });

  test('Markdown: a readable download of the same evidence', async ({ page }) => {
    const change = await seededChange();

    const response = await page.request.get(`/changes/${change.id}/evidence?format=md`);

    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/markdown; charset=utf-8');
    expect(response.headers()['content-disposition']).toBe(`attachment; filename="CHG-${change.number}-evidence.md"`);
    const markdown = await response.text();
    expect(markdown.split('\n')[0]).toBe(`# CHG-${change.number} evidence: ${SEEDED_TITLE}`);
    for (const heading of ['## Change', '## Approval verdict (CTRL-012.1)', '## Approvals', '## Content versions', '## Audit trail']) {
      expect(markdown.split('\n')).toContain(heading);
    }
    expect(markdown).toMatch(/\| \d+ \| [0-9TZ:.-]+ \| change\.created \| CTRL-012\.1 \|/);
  });

  test("another team's draft is a 404, like a change that does not exist", async ({ page }) => {
    const { team, service, engineer } = await createTeamWithEngineer();
    const draft = await createChangeRow({ teamId: team.id, authorId: engineer.id, serviceIds: [service.id], status: 'draft' });

    const response = await page.request.get(`/changes/${draft.id}/evidence?format=md`);

    expect(response.status()).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such change request.' } });
    expect((await page.request.get('/changes/not-a-uuid/evidence')).status()).toBe(404);
  });

  test('an unknown format is a 400', async ({ page }) => {
    const change = await seededChange();
    const response = await page.request.get(`/changes/${change.id}/evidence?format=pdf`);
    expect(response.status()).toBe(400);
    expect((await response.json()).error.code).toBe('BAD_REQUEST');
  });
});

test.describe('[CHANGES] evidence export when signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('is a 401 with a JSON error, not a sign-in page', async ({ request }) => {
    const change = await seededChange();

    const response = await request.get(`/changes/${change.id}/evidence`);

    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Sign in to export evidence.' } });
  });
});
