import { expect, test } from '@playwright/test';
import { appendAudit } from '@/lib/server/audit';
import { uniqueSuffix } from '@/prisma/factories';
import { personalToken } from './api-fixtures';
import { asUser, db, expectNoAxeViolations } from './fixtures';

// Midday UTC, so the local date is the same in any policy zone between UTC−11 and UTC+11.
const IN_PERIOD = new Date('2026-03-10T12:00:00.000Z');
const BEFORE_PERIOD = new Date('2026-03-01T12:00:00.000Z');

test.describe('[AUDIT] filtering and verifying the chain', () => {
  test.use(asUser('auditor1@changeboard.test'));

  test('an auditor filters by entity id and period, sees only matching events, and verifies the chain', async ({ page }) => {
    const entityId = `e2e-audit-${uniqueSuffix()}`;
    const [inPeriod] = await db.$transaction(async (tx) => [
      await appendAudit(tx, { action: 'e2e.recorded', entityType: 'e2e', entityId, at: IN_PERIOD, changeSet: { note: 'in period' } }),
      await appendAudit(tx, { action: 'e2e.recorded', entityType: 'e2e', entityId, at: BEFORE_PERIOD, changeSet: { note: 'before period' } }),
      await appendAudit(tx, { action: 'e2e.recorded', entityType: 'e2e', entityId: `${entityId}-other`, at: IN_PERIOD, changeSet: { note: 'other entity' } }),
    ]);

    await page.goto('/audit');
    await page.getByLabel('Entity id', { exact: true }).fill(entityId);
    await page.getByLabel('From', { exact: true }).fill('2026-03-09');
    await page.getByLabel('To', { exact: true }).fill('2026-03-11');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(new RegExp(`entityId=${entityId}&.*from=2026-03-09&to=2026-03-11`));
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(2); // the header and the one matching event
    await expect(rows.nth(1).getByRole('cell').first()).toHaveText(inPeriod!.toString());
    await expect(rows.nth(1)).toContainText('in period');
    await expect(page.getByLabel('Entity id', { exact: true })).toHaveValue(entityId);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Verify the chain' }).click();
    await expect(page.getByRole('heading', { name: 'Verify the audit chain' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Audit chain' })).toContainText('Audit chain verified');
    await expect(page.getByRole('link', { name: 'Download checkpoint' })).toHaveAttribute('href', '/audit/checkpoint.json');
    await expectNoAxeViolations(page);

    const download = await page.request.get('/audit/checkpoint.json');
    expect(download.status()).toBe(200);
    const checkpoint = (await download.json()) as { seq: string; hash: string };
    expect(BigInt(checkpoint.seq)).toBeGreaterThanOrEqual(inPeriod!);
    expect(checkpoint.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

test.describe('[API] audit chain verification', () => {
  test('answers ok to an auditor\'s personal token, checks a checkpoint, and refuses an engineer', async ({ request }) => {
    const auditor = await personalToken('auditor1@changeboard.test');
    const verified = await request.get('/api/v1/audit/verify', { headers: auditor.headers });
    expect(verified.status()).toBe(200);
    const body = (await verified.json()) as { ok: boolean; checked: number; head: { seq: string; hash: string }; firstBroken: unknown };
    expect(body).toMatchObject({ ok: true, firstBroken: null, head: { seq: expect.stringMatching(/^\d+$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(body.checked).toBeGreaterThanOrEqual(Number(body.head.seq));

    const checkpoint = await request.get('/api/v1/audit/checkpoint', { headers: auditor.headers });
    expect(checkpoint.status()).toBe(200);
    const kept = (await checkpoint.json()) as { seq: string; hash: string; at: string };
    const againstKept = await request.post('/api/v1/audit/checkpoint/verify', { headers: auditor.headers, data: kept });
    expect(await againstKept.json()).toMatchObject({ ok: true, checkpoint: { seq: kept.seq, matches: true } });
    const forged = await request.post('/api/v1/audit/checkpoint/verify', { headers: auditor.headers, data: { ...kept, hash: '0'.repeat(64) } });
    expect(await forged.json()).toMatchObject({ ok: false, firstBroken: { seq: kept.seq, reason: 'checkpoint-mismatch' }, checkpoint: { matches: false } });
    const malformed = await request.post('/api/v1/audit/checkpoint/verify', { headers: auditor.headers, data: { seq: 'x' } });
    expect(malformed.status()).toBe(400);

    const engineer = await personalToken('engineer1@changeboard.test');
    const refused = await request.get('/api/v1/audit/verify', { headers: engineer.headers });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});
