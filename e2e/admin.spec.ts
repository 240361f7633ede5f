import { expect, test, type Page } from '@playwright/test';
import { hashPassword } from '@/lib/auth/password';
import { DEMO_PASSWORD } from '@/lib/demo/demo-accounts';
import { createTeam, createUser, uniqueSuffix } from '@/prisma/factories';
import { asUser, db, expectNoAxeViolations, formStatus } from './fixtures';

const ADMIN_EMAIL = 'admin@changeboard.test';

function adminId() {
  return db.user.findUniqueOrThrow({ where: { email: ADMIN_EMAIL }, select: { id: true } }).then((user) => user.id);
}

function latestEvent(entityType: string, entityId: string) {
  return db.auditEvent.findFirst({ where: { entityType, entityId }, orderBy: { seq: 'desc' }, select: { action: true, actorId: true, changeSet: true } });
}

/** Opens a user's edit page from the users list, found by name, as an admin would. */
async function openUser(page: Page, name: string) {
  await page.goto(`/admin/users?q=${encodeURIComponent(name)}`);
  await page.getByRole('main').getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Edit ${name}`);
}

test.describe('[ADMIN] users', () => {
  test.use(asUser(ADMIN_EMAIL));

  test("an admin changes a user's role: saved, listed and audited", async ({ page }) => {
    const name = `Rory Role ${uniqueSuffix()}`;
    const user = await createUser({ name });

    await page.goto('/admin');
    await expectNoAxeViolations(page);
    await page.getByRole('main').getByRole('link', { name: 'Users' }).click();
    await expectNoAxeViolations(page);
    await openUser(page, name);
    await expectNoAxeViolations(page);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Engineering manager' });
    await page.getByRole('button', { name: 'Save user' }).click();
    await expect(formStatus(page)).toHaveText('User updated.');

    await page.getByRole('link', { name: 'All users' }).click();
    await page.getByRole('search', { name: 'Find users' }).getByLabel('Name or email contains').fill(user.email);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByRole('row').filter({ hasText: user.email })).toContainText('Engineering manager');
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { role: true, version: true } })).toEqual({ role: 'manager', version: 2 });
    expect(await latestEvent('user', user.id)).toEqual({ action: 'user.updated', actorId: await adminId(), changeSet: { role: { old: 'engineer', new: 'manager' } } });
  });

  test("disabling a user ends their signed-in browser's access on its next navigation", async ({ page, browser }) => {
    const name = `Dana Disabled ${uniqueSuffix()}`;
    const user = await createUser({ name, passwordHash: await hashPassword(DEMO_PASSWORD) });
    const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const theirPage = await theirs.newPage();
    await theirPage.goto('/login');
    await theirPage.getByLabel('Email', { exact: true }).fill(user.email);
    await theirPage.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await theirPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(theirPage.getByRole('heading', { name: 'Change requests' })).toBeVisible();

    await openUser(page, name);
    await page.getByRole('checkbox', { name: 'Active' }).uncheck();
    await page.getByRole('button', { name: 'Save user' }).click();
    await expect(formStatus(page)).toHaveText('User updated.');

    await theirPage.goto('/changes');
    await expect(theirPage).toHaveURL(/\/login/);
    await expect(theirPage.getByRole('heading', { name: 'Sign in to Changeboard' })).toBeVisible();
    await theirs.close();

    const sessions = await db.authSession.findMany({ where: { userId: user.id }, select: { revokedAt: true } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.revokedAt).not.toBeNull();
    expect(await latestEvent('user', user.id)).toEqual({ action: 'user.updated', actorId: await adminId(), changeSet: { isActive: { old: true, new: false }, sessionsRevoked: 1 } });
    await page.goto(`/admin/users?status=disabled&q=${encodeURIComponent(user.email)}`);
    await expect(page.getByRole('row').filter({ hasText: user.email })).toContainText('Disabled');
  });

  test('an admin finds people by name or email, role, team and status, and pages through many', async ({ page }) => {
    const tag = `Finder ${uniqueSuffix()}`;
    const team = await createTeam();
    // 52 engineers of the team: a full page and two more; then one auditor and one disabled person.
    await Promise.all(Array.from({ length: 52 }, (_, index) => createUser({ name: `${tag} ${String(index).padStart(2, '0')}`, teamId: team.id })));
    await createUser({ name: `${tag} auditor`, role: 'auditor' });
    await createUser({ name: `${tag} gone`, isActive: false, teamId: team.id });

    await page.goto('/admin/users');
    const search = page.getByRole('search', { name: 'Find users' });
    await search.getByLabel('Name or email contains').fill(tag.toLowerCase());
    await search.getByLabel('Team').selectOption({ label: team.name });
    await search.getByRole('button', { name: 'Apply filters' }).click();
    const status = page.getByRole('main').getByRole('status');
    await expect(status).toHaveText('50 users matching the filters on page 1, active first, by name.');
    await expect(page.getByRole('link', { name: `${tag} 00`, exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(status).toHaveText('3 users matching the filters on page 2, active first, by name.');
    // The active ones first, then the disabled one; the auditor is in no team.
    await expect(page.getByRole('table').getByRole('rowheader')).toHaveText([`${tag} 50`, `${tag} 51`, `${tag} gone`]);
    await expect(page.getByRole('link', { name: 'Next page' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Previous page' }).click();
    await expect(status).toHaveText('50 users matching the filters on page 1, active first, by name.');

    await page.goto(`/admin/users?q=${encodeURIComponent(tag)}&role=auditor`);
    await expect(page.getByRole('table').getByRole('rowheader')).toHaveText([`${tag} auditor`]);
    await page.goto(`/admin/users?q=${encodeURIComponent(tag)}&team=none`);
    await expect(page.getByRole('table').getByRole('rowheader')).toHaveText([`${tag} auditor`]);
    await page.goto(`/admin/users?q=${encodeURIComponent(tag)}&status=disabled`);
    await expect(page.getByRole('table').getByRole('rowheader')).toHaveText([`${tag} gone`]);

    // A hand-edited link: the bad filter is named and left out, the rest still applies.
    await page.goto(`/admin/users?q=${encodeURIComponent(tag)}&role=root&page=0`);
    await expect(status).toContainText('Not one of the roles.');
    await expect(status).toContainText('Showing the first page: "0" is not a page number.');
    await expect(status).toContainText('50 users matching the filters on page 1');
  });

  test('an admin cannot demote themselves: refused with a message, nothing saved', async ({ page }) => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: ADMIN_EMAIL }, select: { id: true, name: true, version: true } });

    await openUser(page, admin.name!);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Engineer' });
    await page.getByRole('button', { name: 'Save user' }).click();

    await expect(formStatus(page)).toHaveText('You cannot disable or demote yourself; ask another administrator.');
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id }, select: { role: true, version: true } })).toEqual({ role: 'admin', version: admin.version });
  });
});

test.describe('[ADMIN] catalog', () => {
  test.use(asUser(ADMIN_EMAIL));

  test('an admin creates a team, is refused a taken slug, and renames it', async ({ page }) => {
    const slug = `team-${uniqueSuffix()}`;
    await page.goto('/admin/teams');
    await page.getByLabel('Slug', { exact: true }).fill(slug);
    await page.getByLabel('Name', { exact: true }).fill(`Team ${slug}`);
    await page.getByRole('button', { name: 'Create team' }).click();
    await expect(formStatus(page)).toHaveText(`Team Team ${slug} created.`);
    await expect(page.getByRole('link', { name: `Team ${slug}` })).toBeVisible();

    await page.getByLabel('Slug', { exact: true }).fill(slug);
    await page.getByLabel('Name', { exact: true }).fill('Copycat');
    await page.getByRole('button', { name: 'Create team' }).click();
    await expect(formStatus(page)).toHaveText('That slug is taken.');
    await expect(page.getByLabel('Slug', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: `Team ${slug}` }).click();
    await expectNoAxeViolations(page);
    await page.getByLabel('Name', { exact: true }).fill(`Renamed ${slug}`);
    await page.getByRole('button', { name: 'Save team' }).click();
    await expect(formStatus(page)).toHaveText('Team updated.');

    const team = await db.team.findUniqueOrThrow({ where: { slug }, select: { id: true, name: true, version: true } });
    expect(team).toMatchObject({ name: `Renamed ${slug}`, version: 2 });
    const events = await db.auditEvent.findMany({ where: { entityType: 'team', entityId: team.id }, orderBy: { seq: 'asc' }, select: { action: true, changeSet: true } });
    expect(events).toEqual([
      { action: 'team.created', changeSet: { slug, name: `Team ${slug}` } },
      { action: 'team.updated', changeSet: { name: { old: `Team ${slug}`, new: `Renamed ${slug}` } } },
    ]);
  });

  test('an admin creates a service for a team, then hands it to another team', async ({ page }) => {
    const [owner, next] = [await createTeam(), await createTeam()];
    const slug = `service-${uniqueSuffix()}`;
    await page.goto('/admin/services');
    await page.getByLabel('Slug', { exact: true }).fill(slug);
    await page.getByLabel('Name', { exact: true }).fill(`Service ${slug}`);
    await page.getByLabel('Owning team', { exact: true }).selectOption({ label: owner.name });
    await page.getByRole('button', { name: 'Create service' }).click();
    await expect(formStatus(page)).toHaveText(`Service Service ${slug} created.`);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: `Service ${slug}` }).click();
    await expectNoAxeViolations(page);
    await page.getByLabel('Owning team', { exact: true }).selectOption({ label: next.name });
    await page.getByRole('button', { name: 'Save service' }).click();
    await expect(formStatus(page)).toHaveText('Service updated.');

    const service = await db.service.findUniqueOrThrow({ where: { slug }, select: { id: true, teamId: true } });
    expect(service.teamId).toBe(next.id);
    expect(await latestEvent('service', service.id)).toMatchObject({ action: 'service.updated', changeSet: { teamId: { old: owner.id, new: next.id } } });
  });

  test('an admin creates a gated environment, then lifts the gate', async ({ page }) => {
    const slug = `env-${uniqueSuffix()}`;
    await page.goto('/admin/environments');
    await page.getByLabel('Slug', { exact: true }).fill(slug);
    await page.getByLabel('Name', { exact: true }).fill(`Env ${slug}`);
    await expect(page.getByRole('checkbox', { name: 'Gated' })).toBeChecked();
    await page.getByRole('button', { name: 'Create environment' }).click();
    await expect(formStatus(page)).toHaveText(`Environment Env ${slug} created.`);
    await expect(page.getByRole('row').filter({ hasText: slug })).toContainText('Yes: freezes and approvals enforced');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: `Env ${slug}` }).click();
    await expectNoAxeViolations(page);
    await page.getByRole('checkbox', { name: 'Gated' }).uncheck();
    await page.getByRole('button', { name: 'Save environment' }).click();
    await expect(formStatus(page)).toHaveText('Environment updated.');

    const environment = await db.environment.findUniqueOrThrow({ where: { slug }, select: { id: true, isGated: true, isProduction: true } });
    expect(environment).toMatchObject({ isGated: false, isProduction: false });
    expect(await latestEvent('environment', environment.id)).toMatchObject({ action: 'environment.updated', changeSet: { isGated: { old: true, new: false } } });
  });
});

test.describe('[ADMIN] non-admins', () => {
  test.use(asUser('manager1@changeboard.test'));

  test('a non-admin gets 404 on every admin page and sees no Administration link', async ({ page }) => {
    const someone = await createUser();
    await page.goto('/changes');
    await expect(page.getByRole('heading', { name: 'Change requests' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' })).toHaveCount(0);

    for (const path of ['/admin', '/admin/users', `/admin/users/${someone.id}`, '/admin/teams', '/admin/services', '/admin/environments', '/admin/tokens']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    }
  });
});
