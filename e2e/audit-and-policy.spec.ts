import { expect, test } from '@playwright/test';
import { asUser, db, expectNoAxeViolations } from './fixtures';

test.describe('[AUDIT] audit trail page', () => {
  test.use(asUser('auditor1@changeboard.test'));

  test('an auditor reads the trail newest first and filters it by action', async ({ page }) => {
    const latest = await db.auditEvent.findFirstOrThrow({ where: { action: { startsWith: 'change.' } }, orderBy: { seq: 'desc' }, select: { seq: true, action: true } });
    await page.goto('/audit');
    await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
    await page.getByLabel('Action starts with').fill('change.');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/action=change\./);
    const firstRow = page.getByRole('table').getByRole('row').nth(1);
    await expect(firstRow.getByRole('cell').first()).toHaveText(latest.seq.toString());
    await expect(firstRow).toContainText(latest.action);
    const actions = await page.getByRole('table').getByRole('row').locator('td:nth-child(3)').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((action) => action.startsWith('change.'))).toBe(true);
    await expectNoAxeViolations(page);
  });
});

test.describe('[AUDIT] who reads the trail', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('an engineer has no audit trail page or menu entry, but reads the policy', async ({ page }) => {
    await page.goto('/changes');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' })).toHaveCount(0);
    const response = await page.goto('/audit');
    expect(response?.status()).toBe(404);

    await page.goto('/policy');
    await expect(page.getByRole('heading', { name: 'Policy settings' })).toBeVisible();
    await expect(page.getByText('Time zone: UTC')).toBeVisible();
    await expect(page.getByRole('cell', { name: 'ADR + 2 Staff+ reviewers' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'prisma/migrations/**' })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
