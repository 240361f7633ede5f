// Flag discipline (CTRL-012.4) through the UI: the staleness report and its exports, the monthly audit
// in which the owner extends a stale flag with a reason, and features flagged without a kill switch.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { expect, test } from '@playwright/test';
import { addCalendarDays, localCalendarDate, startOfLocalDay } from '@/lib/time/local-day';
import { uniqueSuffix } from '@/prisma/factories';
import { createFeatureRow, createFlagRow, releasedFlagRow } from '@/prisma/flag-factories';
import { asUser, db, expectNoAxeViolations, formStatus } from './fixtures';

const OWNER = 'engineer1@changeboard.test';

async function owner() {
  return db.user.findUniqueOrThrow({ where: { email: OWNER }, select: { id: true, name: true, teamId: true } });
}

test.describe('[FLAGS] flag discipline', () => {
  test.use(asUser(OWNER));

  test('a release flag 31 days at 100 % is stale with its owner and age, exported, then extended in the monthly audit by its owner', async ({ page }) => {
    const erin = await owner();
    const flag = await releasedFlagRow({ teamId: erin.teamId!, ownerId: erin.id, purpose: `=HYPERLINK("http://evil.example","x") ${uniqueSuffix()}` }, 31, new Date());

    // The staleness report: the flag, its owner and age, and the count against the target in words.
    await page.goto('/flags/stale');
    const row = page.getByRole('row').filter({ hasText: flag.key });
    await expect(row).toContainText('Erin Engineer');
    await expect(row).toContainText('1 day');
    await expect(row).toContainText('TTL ended');
    await expect(page.getByText(/\d+ stale flags?: target (met|missed) \(fewer than 5/)).toBeVisible();
    await expectNoAxeViolations(page);

    // The owner filter keeps the flag; another owner's filter drops it.
    const other = await db.user.findUniqueOrThrow({ where: { email: 'engineer2@changeboard.test' }, select: { id: true } });
    await createFlagRow({ teamId: erin.teamId!, ownerId: other.id, type: 'release', rolloutPercent: 100, fullRolloutAt: new Date(Date.now() - 40 * 86_400_000) });
    await page.goto(`/flags/stale?ownerId=${other.id}`);
    await expect(page.getByRole('row').filter({ hasText: flag.key })).toHaveCount(0);
    await page.goto(`/flags/stale?ownerId=${erin.id}`);
    await expect(page.getByRole('row').filter({ hasText: flag.key })).toHaveCount(1);

    // CSV export: a download with the row, the purpose defused as text.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^stale-flags-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows: Record<string, string>[] = parse(await readFile((await download.path())!), { columns: true });
    const stored = await db.featureFlag.findUniqueOrThrow({ where: { id: flag.id }, select: { purpose: true, fullRolloutAt: true } });
    expect(rows.find((entry) => entry.key === flag.key)).toMatchObject({
      type: 'release', owner: 'Erin Engineer', owner_email: OWNER, days_stale: '1', purpose: `'${stored.purpose}`,
      expired_at: new Date(stored.fullRolloutAt!.getTime() + 30 * 86_400_000).toISOString(),
    });
    const markdown = await page.request.get(`/flags/stale/export.md?ownerId=${erin.id}`);
    expect(markdown.headers()['content-type']).toBe('text/markdown; charset=utf-8');
    expect(await markdown.text()).toContain(`| ${flag.key} | Release |`);

    // The monthly audit lists it as pending; the owner keeps it for a month with a reason.
    await page.goto('/flags/audits');
    const { timeZone } = await db.policySettings.findFirstOrThrow({ orderBy: { version: 'desc' }, select: { timeZone: true } });
    const month = localCalendarDate(new Date(), timeZone).slice(0, 7);
    await expect(page.getByRole('row').filter({ hasText: /decided|No stale flags/ }).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto(`/flags/audits/${month}`);
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: flag.key }) });
    await expect(item).toContainText('Pending');
    await expect(item).toContainText('Erin Engineer');
    await expect(item).toContainText('stale for 1 day');
    await expectNoAxeViolations(page);

    const until = addCalendarDays(localCalendarDate(new Date(), timeZone), 30);
    const reason = `The EU rollout waits for the ${uniqueSuffix()} legal review.`;
    await item.getByRole('radio', { name: 'Keep it until a date, with a reason' }).check();
    await item.getByLabel('Why it stays (when kept)').fill(reason);
    await item.getByLabel('Keep until (when kept)').fill(until);
    await item.getByRole('button', { name: 'Record decision' }).click();
    await expect(item.getByRole('status')).toHaveText(/^Flag extended\./);
    await expect(item).toContainText('Extended');
    await expect(item).toContainText(reason);

    const expiresAt = startOfLocalDay(until, timeZone);
    expect(await db.featureFlag.findUniqueOrThrow({ where: { id: flag.id }, select: { status: true, expiresAt: true, extensionReason: true } })).toEqual({ status: 'active', expiresAt, extensionReason: reason });
    const audit = await db.flagAudit.findUniqueOrThrow({ where: { month }, select: { id: true } });
    expect(await db.flagAuditItem.findUniqueOrThrow({ where: { auditId_flagId: { auditId: audit.id, flagId: flag.id } }, select: { decision: true, reason: true, extendedTo: true, decidedById: true } }))
      .toEqual({ decision: 'extended', reason, extendedTo: expiresAt, decidedById: erin.id });
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityType: 'flag-audit', entityId: audit.id, action: 'flag-audit.item-decided', actorId: erin.id }, orderBy: { seq: 'desc' }, select: { changeSet: true } });
    expect(event.changeSet).toMatchObject({ flagId: flag.id, decision: 'extended' });

    // Extended, it has left the stale list.
    await page.goto('/flags/stale');
    await expect(page.getByRole('row').filter({ hasText: flag.key })).toHaveCount(0);
  });

  test('someone outside the flag’s team reads the audit item without a decision form', async ({ browser }) => {
    const erin = await owner();
    const flag = await releasedFlagRow({ teamId: erin.teamId!, ownerId: erin.id }, 33, new Date());
    const context = await browser.newContext(asUser('engineer2@changeboard.test'));
    const page = await context.newPage();
    await page.goto('/flags/audits');
    const { timeZone } = await db.policySettings.findFirstOrThrow({ orderBy: { version: 'desc' }, select: { timeZone: true } });
    await page.goto(`/flags/audits/${localCalendarDate(new Date(), timeZone).slice(0, 7)}`);
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: flag.key }) });
    await expect(item).toContainText('Only the flag\'s owner or a member of its team decides it.');
    await expect(item.getByRole('button', { name: 'Record decision' })).toHaveCount(0);
    await context.close();
  });

  test('a feature without an ops flag is flagged "No kill switch" and listed first; linking an ops flag covers it', async ({ page }) => {
    const erin = await owner();
    const key = `wallet-${uniqueSuffix()}`;
    await page.goto('/flags/features/new');
    await page.getByLabel('Key', { exact: true }).fill(key);
    await page.getByLabel('Name', { exact: true }).fill(`Wallet ${key}`);
    await page.getByLabel('Description', { exact: true }).fill('Pay with a stored card.');
    await page.getByRole('button', { name: 'Record feature' }).click();
    await expect(page).toHaveURL(/\/flags\/features$/);

    const feature = await db.feature.findUniqueOrThrow({ where: { key }, select: { id: true, teamId: true, name: true } });
    expect(feature.teamId).toBe(erin.teamId);
    expect(await db.auditEvent.count({ where: { entityType: 'feature', entityId: feature.id, action: 'feature.created', actorId: erin.id } })).toBe(1);

    const row = page.getByRole('row').filter({ hasText: key });
    await expect(row).toContainText('No kill switch');
    const total = await db.feature.count();
    const covered = await db.feature.count({ where: { flags: { some: { type: 'ops', status: 'active' } } } });
    await expect(page.getByText(`${covered} of ${total} feature${total === 1 ? ' has' : 's have'} a kill switch (${Math.round((covered / total) * 100)} %)`)).toBeVisible();
    // Features without a kill switch come before every covered one.
    const covers = await page.getByRole('row').filter({ has: page.getByRole('rowheader') }).evaluateAll((rows) => rows.map((entry) => !entry.textContent!.includes('No kill switch')));
    expect(covers).toEqual([...covers].sort((a, b) => Number(a) - Number(b)));
    await expectNoAxeViolations(page);

    const covering = await createFeatureRow(erin.teamId!);
    const opsFlag = await createFlagRow({ teamId: erin.teamId!, ownerId: erin.id, type: 'ops', featureId: covering.id });
    await page.reload();
    await expect(page.getByRole('row').filter({ hasText: covering.key })).toContainText(opsFlag.key);
    await expect(page.getByRole('row').filter({ hasText: covering.key })).not.toContainText('No kill switch');

    // Its team edits it; the edit is audited.
    await page.getByRole('link', { name: `Edit Wallet ${key}` }).click();
    await page.getByLabel('Name', { exact: true }).fill(`Wallet (cards) ${key}`);
    await page.getByRole('button', { name: 'Save feature' }).click();
    await expect(formStatus(page)).toHaveText('Feature saved.');
    expect(await db.feature.findUniqueOrThrow({ where: { id: feature.id }, select: { name: true, version: true } })).toEqual({ name: `Wallet (cards) ${key}`, version: 2 });
    expect(await db.auditEvent.count({ where: { entityType: 'feature', entityId: feature.id, action: 'feature.updated' } })).toBe(1);
  });
});
