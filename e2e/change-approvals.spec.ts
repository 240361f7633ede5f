import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { asUser, db, expectNoAxeViolations, formStatus } from './fixtures';

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext(asUser(email));
  return context.newPage();
}

/** Files a standard Checkout API change through the form and submits it; it then waits for one approval. */
async function fileAndSubmitStandardChange(page: Page, title: string) {
  await page.goto('/changes/new');
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByRole('checkbox', { name: /Checkout API/ }).check();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.getByRole('button', { name: 'Submit for approval' })).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Still missing' }).getByText('Needs 1 more approval.')).toBeVisible();
}

test.describe('[CHANGES] approvals through the UI', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('an under-classified change is refused on submit; reclassified, two reviewers approve it; the author cannot', async ({ page, browser }) => {
    const title = `Add invoice index ${randomUUID().slice(0, 8)}`;
    await page.goto('/changes/new');
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByRole('radio', { name: /Standard/ }).check();
    await page.getByRole('checkbox', { name: /Billing worker/ }).check();
    await page.getByLabel('Changed paths (scope)').fill('prisma/migrations/20261124/migration.sql');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
    const changeUrl = page.url();
    const change = await db.changeRequest.findFirstOrThrow({ where: { title }, select: { id: true } });

    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await expect(formStatus(page).first()).toContainText('scope needs at least the normal class');
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: change.id }, select: { status: true } })).status).toBe('draft');

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('radio', { name: /Normal/ }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(changeUrl);
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await expect(page.getByRole('button', { name: 'Submit for approval' })).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Still missing' }).getByText('Needs 2 more approvals.')).toBeVisible();
    await expect(page.getByText('You cannot decide on this change: Nobody approves a change they authored.')).toBeVisible();
    await expect(page.getByRole('button', { name: /Approve version/ })).toHaveCount(0);
    await expectNoAxeViolations(page);

    const staff1 = await pageAs(browser, 'staff1@changeboard.test');
    await staff1.goto(changeUrl);
    await staff1.getByRole('button', { name: 'Approve version 2' }).click();
    await expect(formStatus(staff1).first()).toHaveText('Decision recorded.');
    await expect(staff1.getByRole('list', { name: 'Still missing' }).getByText('Needs 1 more approval.')).toBeVisible();

    const staff2 = await pageAs(browser, 'staff2@changeboard.test');
    await staff2.goto(changeUrl);
    await staff2.getByLabel(/Comment/).fill('Index is concurrent; fine.');
    await staff2.getByRole('button', { name: 'Approve version 2' }).click();
    await expect(formStatus(staff2).first()).toHaveText('Decision recorded.');
    await expect(staff2.getByText('Meets its approval rule')).toBeVisible();
    await expectNoAxeViolations(staff2);

    const stored = await db.changeRequest.findUniqueOrThrow({ where: { id: change.id }, select: { status: true, contentVersion: true, approvals: { select: { contentVersion: true, comment: true, approver: { select: { email: true } } }, orderBy: { decidedAt: 'asc' } } } });
    expect(stored).toEqual({
      status: 'approved',
      contentVersion: 2,
      approvals: [
        { contentVersion: 2, comment: '', approver: { email: 'staff1@changeboard.test' } },
        { contentVersion: 2, comment: 'Index is concurrent; fine.', approver: { email: 'staff2@changeboard.test' } },
      ],
    });
    const actions = await db.auditEvent.findMany({ where: { entityId: change.id }, orderBy: { seq: 'asc' }, select: { action: true } });
    expect(actions.map((event) => event.action)).toEqual(['change.created', 'change.edited', 'change.submitted', 'change.approved', 'change.approved']);
  });

  test('a material edit after approval sends the change back for review, keeping the old decision on its version', async ({ page, browser }) => {
    const title = `Tune retries ${randomUUID().slice(0, 8)}`;
    await fileAndSubmitStandardChange(page, title);
    const changeUrl = page.url();

    const reviewer = await pageAs(browser, 'engineer2@changeboard.test');
    await reviewer.goto(changeUrl);
    await reviewer.getByRole('button', { name: 'Approve version 1' }).click();
    await expect(reviewer.getByText('Meets its approval rule')).toBeVisible();

    await page.reload();
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Description').fill('Only documentation changed here.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Meets its approval rule')).toBeVisible();

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Pull requests').fill('https://git.example.com/payments/pull/99');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Not approved yet')).toBeVisible();
    await expect(page.getByText('approved version 1 — superseded by a later edit')).toBeVisible();

    const stored = await db.changeRequest.findFirstOrThrow({ where: { title }, select: { status: true, contentVersion: true, approvals: { select: { contentVersion: true } } } });
    expect(stored).toEqual({ status: 'submitted', contentVersion: 2, approvals: [{ contentVersion: 1 }] });
  });

  test('a rejection needs a reason and blocks the change', async ({ page, browser }) => {
    const title = `Drop legacy column ${randomUUID().slice(0, 8)}`;
    await fileAndSubmitStandardChange(page, title);

    const reviewer = await pageAs(browser, 'manager1@changeboard.test');
    await reviewer.goto(page.url());
    await reviewer.getByRole('button', { name: 'Reject' }).click();
    await expect(reviewer.getByText('Say why you reject it.')).toBeVisible();
    await reviewer.getByLabel(/Comment/).fill('No rollback plan for <script>alert(1)</script>');
    await reviewer.getByRole('button', { name: 'Reject' }).click();
    await expect(reviewer.getByText('Rejected', { exact: true }).first()).toBeVisible();
    await expect(reviewer.getByText('“No rollback plan for <script>alert(1)</script>”')).toBeVisible();
    expect((await db.changeRequest.findFirstOrThrow({ where: { title }, select: { status: true } })).status).toBe('rejected');
  });
});
