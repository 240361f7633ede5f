import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { asUser, db, expectNoAxeViolations, formStatus } from './fixtures';

test.describe('[CHANGES] filing a draft change request', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('bad input gets field errors and nothing is saved', async ({ page }) => {
    const before = await db.changeRequest.count();
    await page.goto('/changes/new');
    await page.getByLabel('Title', { exact: true }).fill('abc');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(formStatus(page)).toHaveText('Check the highlighted fields.');
    await expect(page.getByText('At least 5 characters.')).toBeVisible();
    await expect(page.getByText('Choose at least one service.')).toBeVisible();
    await expect(page.getByLabel('Title', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    expect(await db.changeRequest.count()).toBe(before);
    await expectNoAxeViolations(page);
  });

  test('an engineer files a draft: it is listed, shown, stored and audited', async ({ page }) => {
    const title = `Raise checkout timeout ${randomUUID().slice(0, 8)}`;
    await page.goto('/changes');
    await page.getByRole('link', { name: 'New change request' }).click();
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Description').fill('Timeouts at peak; raising from 2 s to 5 s.');
    await page.getByRole('radio', { name: /Normal/ }).check();
    await page.getByLabel('Risk', { exact: true }).selectOption('medium');
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Payments' });
    await page.getByRole('checkbox', { name: /Checkout API/ }).check();
    await page.getByRole('button', { name: 'Save draft' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
    await expect(page.getByText('Draft', { exact: true })).toBeVisible();
    await expect(page.getByText('change.created')).toBeVisible();
    await expectNoAxeViolations(page);

    const change = await db.changeRequest.findFirstOrThrow({
      where: { title },
      select: { id: true, status: true, changeClass: true, risk: true, author: { select: { email: true } }, team: { select: { slug: true } }, services: { select: { service: { select: { slug: true } } } } },
    });
    expect(change).toMatchObject({ status: 'draft', changeClass: 'normal', risk: 'medium', author: { email: 'engineer1@changeboard.test' }, team: { slug: 'payments' }, services: [{ service: { slug: 'checkout-api' } }] });
    expect(page.url()).toContain(`/changes/${change.id}`);
    const events = await db.auditEvent.findMany({ where: { entityType: 'change', entityId: change.id }, select: { action: true } });
    expect(events).toEqual([{ action: 'change.created' }]);

    await page.getByRole('link', { name: 'Changes', exact: true }).click();
    await expect(page.getByRole('link', { name: title })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe('[CHANGES] planned window', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('the planned window is typed in the policy zone; an end before the start is refused', async ({ page }) => {
    const title = `Planned cache flush ${randomUUID().slice(0, 8)}`;
    await page.goto('/changes/new');
    await expect(page.getByText('Planned window (times in UTC)')).toBeVisible();
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByRole('checkbox', { name: /Checkout API/ }).check();
    await page.getByLabel('Starts').fill('2026-12-01T10:00');
    await page.getByLabel('Ends').fill('2026-12-01T09:00');
    await page.getByLabel('Risk', { exact: true }).selectOption('high');
    await page.getByRole('radio', { name: /Major/ }).check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByText('The planned end must be after its start.')).toBeVisible();
    // A refused form keeps every choice made, selects and radios included.
    await expect(page.getByLabel('Risk', { exact: true })).toHaveValue('high');
    await expect(page.getByRole('radio', { name: /Major/ })).toBeChecked();
    await expect(page.getByLabel('Starts')).toHaveValue('2026-12-01T10:00');
    expect(await db.changeRequest.count({ where: { title } })).toBe(0);

    await page.getByLabel('Ends').fill('2026-12-01T11:30');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
    await expect(page.getByText('Tue 1 Dec 2026, 10:00 UTC – Tue 1 Dec 2026, 11:30 UTC')).toBeVisible();
    const stored = await db.changeRequest.findFirstOrThrow({ where: { title }, select: { plannedStart: true, plannedEnd: true } });
    expect(stored).toEqual({ plannedStart: new Date('2026-12-01T10:00:00Z'), plannedEnd: new Date('2026-12-01T11:30:00Z') });
  });
});

test.describe('[CHANGES] draft visibility', () => {
  test.use(asUser('engineer2@changeboard.test'));

  test("another team's draft is neither listed nor reachable", async ({ page }) => {
    const draft = await db.changeRequest.findFirstOrThrow({ where: { status: 'draft', team: { slug: 'payments' } }, select: { id: true, title: true } });
    await page.goto('/changes');
    await expect(page.getByRole('heading', { name: 'Change requests' })).toBeVisible();
    await expect(page.getByRole('link', { name: draft.title })).toHaveCount(0);
    const response = await page.goto(`/changes/${draft.id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  });
});

test.describe('[CHANGES] auditors read only', () => {
  test.use(asUser('auditor1@changeboard.test'));

  test('an auditor has no way to file a change', async ({ page }) => {
    await page.goto('/changes');
    await expect(page.getByRole('heading', { name: 'Change requests' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'New change request' })).toHaveCount(0);
    const response = await page.goto('/changes/new');
    expect(response?.status()).toBe(404);
  });
});
