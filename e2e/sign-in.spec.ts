import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '@/lib/demo/demo-accounts';
import { db, expectNoAxeViolations, formStatus } from './fixtures';

test.describe('[AUTH] sign-in', () => {
  test('a wrong password is refused with a message and no session', async ({ page }) => {
    const user = await db.user.findUniqueOrThrow({ where: { email: 'engineer2@changeboard.test' }, select: { id: true } });
    const sessionsBefore = await db.authSession.count({ where: { userId: user.id } });
    await page.goto('/login');
    await expect(page.getByText('Demo mode')).toBeVisible();
    await page.getByLabel('Email', { exact: true }).fill('engineer2@changeboard.test');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(formStatus(page)).toHaveText('Wrong email or password.');
    expect(await db.authSession.count({ where: { userId: user.id } })).toBe(sessionsBefore);
    await expectNoAxeViolations(page);
  });

  test('pages need a session: anonymous visitors are sent to sign in', async ({ page }) => {
    await page.goto('/changes');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('heading', { name: 'Sign in to Changeboard' })).toBeVisible();
  });

  test('signing out ends the session at once, even for a copy of the cookie', async ({ page, browser }) => {
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill('engineer2@changeboard.test');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Change requests' })).toBeVisible();
    await expect(page.getByText('Demo mode')).toBeVisible();
    const copied = await page.context().storageState();

    await page.getByRole('banner').getByText('Eli Engineer').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);

    const other = await browser.newContext({ storageState: copied });
    const otherPage = await other.newPage();
    await otherPage.goto('/changes');
    await expect(otherPage).toHaveURL(/\/login/);
    await other.close();

    const user = await db.user.findUniqueOrThrow({ where: { email: 'engineer2@changeboard.test' }, select: { id: true } });
    const latest = await db.authSession.findFirstOrThrow({ where: { userId: user.id }, orderBy: { createdAt: 'desc' }, select: { id: true, revokedAt: true } });
    expect(latest.revokedAt).not.toBeNull();
    const signedOut = await db.auditEvent.findFirst({ where: { action: 'user.signed-out', entityId: user.id }, orderBy: { seq: 'desc' }, select: { changeSet: true } });
    expect(signedOut?.changeSet).toEqual({ sessionId: latest.id });
  });

  test('an expired session is refused although its cookie is still held', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill('engineer2@changeboard.test');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Change requests' })).toBeVisible();
    const user = await db.user.findUniqueOrThrow({ where: { email: 'engineer2@changeboard.test' }, select: { id: true } });
    const session = await db.authSession.findFirstOrThrow({ where: { userId: user.id, revokedAt: null }, orderBy: { createdAt: 'desc' }, select: { id: true } });

    // The session row's end is what counts (12 hours after sign-in), whatever the cookie says.
    await db.authSession.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await page.goto('/changes');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('heading', { name: 'Sign in to Changeboard' })).toBeVisible();
  });
});
