import { expect, test, type Page } from '@playwright/test';
import { asUser, expectNoAxeViolations } from './fixtures';
import { createChangeRow, createService, createTeam, createUser, uniqueSuffix } from '@/prisma/factories';

/** A team with a service and an author, and a word only this test's changes carry. */
async function cast() {
  const team = await createTeam();
  const service = await createService(team.id);
  const author = await createUser({ teamId: team.id });
  return { team, service, author, tag: `tag${uniqueSuffix()}` };
}

const rows = (page: Page) => page.locator('main table tbody tr');
const listStatus = (page: Page) => page.locator('main').getByRole('status');

async function search(page: Page, text: string) {
  await page.getByLabel('Search', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  // Wait for the filtered page itself: the unfiltered one may show as many rows.
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text).replace(/%20/g, '\\+')}`));
}

test.describe('[CHANGES] change list filters, search and pages', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('search and filters narrow the list and live in the URL', async ({ page }) => {
    const { team, service, author, tag } = await cast();
    const other = await cast();
    const approved = await createChangeRow({ teamId: team.id, authorId: author.id, serviceIds: [service.id], status: 'approved', changeClass: 'major', title: `Upgrade gateway ${tag}` });
    const submitted = await createChangeRow({ teamId: team.id, authorId: author.id, serviceIds: [service.id], status: 'submitted', changeClass: 'standard', title: `Rotate keys ${tag}` });
    const elsewhere = await createChangeRow({ teamId: other.team.id, authorId: other.author.id, serviceIds: [other.service.id], status: 'approved', changeClass: 'major', title: `Tune pool ${tag}` });

    await page.goto('/changes');
    await search(page, tag);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${tag}`));
    await expect(rows(page)).toHaveCount(3);

    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Approved' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]status=approved/);
    await expect(rows(page)).toHaveCount(2);
    await expect(page.getByRole('link', { name: submitted.title })).toHaveCount(0);

    await page.getByLabel('Team', { exact: true }).selectOption({ label: team.name });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByRole('link', { name: approved.title })).toBeVisible();
    await expect(page.getByRole('link', { name: elsewhere.title })).toHaveCount(0);
    await expect(listStatus(page)).toHaveText('1 change request matching the filters on this page, newest first.');
    // The form shows the filters in force.
    await expect(page.getByLabel('Status', { exact: true })).toHaveValue('approved');
    await expect(page.getByLabel('Search', { exact: true })).toHaveValue(tag);
    await expectNoAxeViolations(page);

    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Any' });
    await page.getByLabel('Class', { exact: true }).selectOption({ label: 'Standard' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByRole('link', { name: submitted.title })).toBeVisible();

    await page.getByRole('link', { name: 'Clear' }).click();
    await expect(page).toHaveURL(/\/changes$/);
    await expect(page.getByLabel('Search', { exact: true })).toHaveValue('');
  });

  test('a CHG reference finds its change', async ({ page }) => {
    const { team, author, tag } = await cast();
    const change = await createChangeRow({ teamId: team.id, authorId: author.id, title: `Resize cache ${tag}` });

    await page.goto('/changes');
    await search(page, `CHG-${change.number}`);
    await expect(page.getByRole('link', { name: change.title })).toBeVisible();
    await expect(rows(page).first()).toContainText(`CHG-${change.number}`);
  });

  test('Older and Newer page through the results without counting', async ({ page }) => {
    const { team, author, tag } = await cast();
    const created = await Promise.all(Array.from({ length: 27 }, (_, index) =>
      createChangeRow({ teamId: team.id, authorId: author.id, title: `Batch ${index} ${tag}`, createdAt: new Date(Date.UTC(2026, 5, 1, 9, index)) })));
    const oldest = created[0]!;

    await page.goto('/changes');
    await search(page, tag);
    await expect(rows(page)).toHaveCount(25);
    await expect(page.getByRole('link', { name: 'Newer' })).toHaveCount(0);

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Older' }).click();
    await expect(page).toHaveURL(/[?&]before=/);
    await expect(rows(page)).toHaveCount(2);
    await expect(page.getByRole('link', { name: oldest.title, exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Older' })).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Newer' }).click();
    await expect(rows(page)).toHaveCount(25);
    await expect(rows(page).first()).toContainText(`Batch 26 ${tag}`);
    await expect(page.getByRole('link', { name: 'Newer' })).toHaveCount(0);
  });

  test('bad query values are explained, never an error page', async ({ page }) => {
    const response = await page.goto('/changes?status=finished&from=2026-02-30&team=payments&before=page-2');
    expect(response?.status()).toBe(200);
    await expect(listStatus(page)).toContainText('Ignored the status filter: "finished" is not one of the choices.');
    await expect(listStatus(page)).toContainText('Ignored "Filed from": "2026-02-30" is not a date like 2026-03-06.');
    await expect(listStatus(page)).toContainText('That page link was not understood; showing the newest changes.');
    await expect(page.getByLabel('Status', { exact: true })).toHaveValue('');
    await expectNoAxeViolations(page);
  });
});

test.describe('[CHANGES] change list without JavaScript', () => {
  test.use({ ...asUser('engineer1@changeboard.test'), javaScriptEnabled: false });

  test('the filter form is a plain GET form', async ({ page }) => {
    const { team, author, tag } = await cast();
    const closed = await createChangeRow({ teamId: team.id, authorId: author.id, status: 'closed', title: `Retire queue ${tag}` });
    await createChangeRow({ teamId: team.id, authorId: author.id, status: 'submitted', title: `Rename queue ${tag}` });

    await page.goto('/changes');
    await page.getByLabel('Search', { exact: true }).fill(tag);
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Closed' });
    await page.getByRole('button', { name: 'Apply filters' }).click();

    await expect(page).toHaveURL(/[?&]status=closed/);
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByRole('link', { name: closed.title })).toBeVisible();
  });
});
