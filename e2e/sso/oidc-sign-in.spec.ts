// Production sign-in: the SSO-only instance (playwright.config.ts, project `sso`) against a real OIDC
// issuer on loopback (e2e/oidc/test-issuer.ts). Identities are keyed on provider + subject, never email.
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { testIdentity, type TestIdentity } from '../oidc/test-identities';
import { db, expectNoAxeViolations, formStatus } from '../fixtures';

/** A new identity each run, so reruns on the same database start from nothing. */
function newIdentity(person: 'ada' | 'grace' | 'linus' | 'erin'): TestIdentity & { loginName: string } {
  const loginName = `${person}-${randomBytes(4).toString('hex')}`;
  return { loginName, ...testIdentity(loginName)! };
}

async function signInWithSso(page: Page, loginName: string) {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in with Test SSO' }).click();
  await page.getByLabel('Login name').fill(loginName);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function expectSignedInAs(page: Page, name: string) {
  await expect(page).toHaveURL(/\/changes$/);
  await expect(page.getByRole('heading', { name: 'Change requests' })).toBeVisible();
  await expect(page.getByRole('banner').getByText(name)).toBeVisible();
}

function accountsOf(subject: string) {
  return db.account.findMany({ where: { provider: 'oidc', providerAccountId: subject }, select: { userId: true } });
}

test.describe('[AUTH] single sign-on (OIDC)', () => {
  test('the SSO-only sign-in page offers single sign-on and nothing else', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Sign in to Changeboard' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in with Test SSO' })).toBeVisible();
    await expect(page.getByLabel('Password')).toHaveCount(0);
    await expect(page.getByLabel('Email')).toHaveCount(0);
    await expect(page.getByText('Demo mode')).toHaveCount(0);
    await expect(page.getByText('Demo accounts')).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('the first sign-in creates an engineer keyed on the subject; the next one reuses it', async ({ page, browser }) => {
    const identity = newIdentity('ada');
    const usersBefore = await db.user.count();

    await signInWithSso(page, identity.loginName);
    await expectSignedInAs(page, identity.name);

    expect(await db.user.count()).toBe(usersBefore + 1);
    const user = await db.user.findUniqueOrThrow({
      where: { email: identity.email },
      select: { id: true, name: true, role: true, teamId: true, isStaffPlus: true, isActive: true, passwordHash: true },
    });
    expect(user).toMatchObject({ name: identity.name, role: 'engineer', teamId: null, isStaffPlus: false, isActive: true, passwordHash: null });
    expect(await db.account.findMany({ where: { userId: user.id }, select: { provider: true, providerAccountId: true, type: true } }))
      .toEqual([{ provider: 'oidc', providerAccountId: identity.subject, type: 'oidc' }]);
    const created = await db.auditEvent.findMany({ where: { action: 'user.created', entityId: user.id }, select: { actorId: true, changeSet: true } });
    expect(created).toEqual([{ actorId: null, changeSet: { email: identity.email, role: 'engineer', source: 'sso' } }]);
    const session = await db.authSession.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } });
    const signedIn = await db.auditEvent.findMany({ where: { action: 'user.signed-in', entityId: user.id }, select: { actorId: true, changeSet: true } });
    expect(signedIn).toEqual([{ actorId: user.id, changeSet: { method: 'oidc', sessionId: session.id } }]);

    const again = await browser.newContext();
    const secondPage = await again.newPage();
    await signInWithSso(secondPage, identity.loginName);
    await expectSignedInAs(secondPage, identity.name);
    await again.close();

    expect(await db.user.count()).toBe(usersBefore + 1);
    expect(await accountsOf(identity.subject)).toEqual([{ userId: user.id }]);
    expect(await db.authSession.count({ where: { userId: user.id } })).toBe(2);
    expect(await db.auditEvent.count({ where: { action: 'user.signed-in', entityId: user.id } })).toBe(2);
  });

  test('an identity with the email of an existing account is refused, never linked', async ({ page }) => {
    const identity = newIdentity('erin');
    const existing = await db.user.findUniqueOrThrow({ where: { email: identity.email }, select: { id: true } });
    const usersBefore = await db.user.count();
    const sessionsBefore = await db.authSession.count({ where: { userId: existing.id } });

    await signInWithSso(page, identity.loginName);

    await expect(page).toHaveURL(/\/login\?error=OAuthAccountNotLinked$/);
    await expect(formStatus(page)).toHaveText('Your email already belongs to another Changeboard account, which this sign-in is not linked to. Ask an admin.');
    expect(await db.user.count()).toBe(usersBefore);
    expect(await accountsOf(identity.subject)).toEqual([]);
    expect(await db.account.count({ where: { userId: existing.id } })).toBe(0);
    expect(await db.authSession.count({ where: { userId: existing.id } })).toBe(sessionsBefore);
    await expectNoAxeViolations(page);
  });

  test('disabling a user ends the session at once and refuses the next sign-in', async ({ page }) => {
    const identity = newIdentity('linus');
    await signInWithSso(page, identity.loginName);
    await expectSignedInAs(page, identity.name);
    const user = await db.user.findUniqueOrThrow({ where: { email: identity.email }, select: { id: true } });

    await db.user.update({ where: { id: user.id }, data: { isActive: false } });
    await page.goto('/changes');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('heading', { name: 'Sign in to Changeboard' })).toBeVisible();

    await signInWithSso(page, identity.loginName);
    await expect(page).toHaveURL(/\/login\?error=AccessDenied$/);
    await expect(formStatus(page)).toHaveText('Your account is disabled or not allowed to sign in.');
    expect(await db.authSession.count({ where: { userId: user.id } })).toBe(1);
    await page.goto('/changes');
    await expect(page).toHaveURL(/\/login/);
  });

  test('a browser still holding a dead session never links a new identity to that user', async ({ page }) => {
    const disabled = newIdentity('ada');
    await signInWithSso(page, disabled.loginName);
    await expectSignedInAs(page, disabled.name);
    const disabledUser = await db.user.findUniqueOrThrow({ where: { email: disabled.email }, select: { id: true } });
    await db.user.update({ where: { id: disabledUser.id }, data: { isActive: false } });

    const other = newIdentity('grace');
    await signInWithSso(page, other.loginName);
    await expectSignedInAs(page, other.name);

    const otherUser = await db.user.findUniqueOrThrow({ where: { email: other.email }, select: { id: true } });
    expect(otherUser.id).not.toBe(disabledUser.id);
    expect(await accountsOf(other.subject)).toEqual([{ userId: otherUser.id }]);
    expect(await db.account.count({ where: { userId: disabledUser.id } })).toBe(1);
    expect(await db.authSession.count({ where: { userId: disabledUser.id } })).toBe(1);
  });
});
