import { expect, test, type Page } from '@playwright/test';
import { hashTokenSecret } from '@/lib/server/api-tokens/token-secret';
import { uniqueSuffix } from '@/prisma/factories';
import { asUser, db, expectNoAxeViolations } from './fixtures';

function bearer(secret: string) {
  return { headers: { Authorization: `Bearer ${secret}` } };
}

/** The secret shown once after creating a token. */
async function shownSecret(page: Page): Promise<string> {
  const panel = page.getByRole('region', { name: 'Copy the new token now', exact: true });
  await expect(panel).toContainText('it will not be shown again');
  const secret = (await panel.locator('code').textContent()) ?? '';
  expect(secret).toMatch(/^cbt_[A-Za-z0-9_-]{43}$/);
  return secret;
}

function tokenEvents(tokenId: string) {
  return db.auditEvent.findMany({ where: { entityType: 'api-token', entityId: tokenId }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true } });
}

test.describe('[API] personal tokens', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('an engineer creates a token that is shown once, works as them, and stops when revoked', async ({ page, request }) => {
    const engineer = await db.user.findUniqueOrThrow({ where: { email: 'engineer1@changeboard.test' }, select: { id: true, name: true } });
    const name = `laptop ${uniqueSuffix()}`;
    await page.goto('/changes');
    await page.getByRole('banner').getByText(engineer.name!).click();
    await page.getByRole('link', { name: 'My API tokens' }).click();
    await expectNoAxeViolations(page);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByRole('region', { name: 'New token', exact: true }).getByRole('status')).toHaveText(`Token ${name} created.`);
    const secret = await shownSecret(page);
    await expectNoAxeViolations(page);

    const token = await db.apiToken.findFirstOrThrow({ where: { name, ownerId: engineer.id }, select: { id: true, kind: true, prefix: true, tokenHash: true } });
    expect(token).toEqual({ id: token.id, kind: 'personal', prefix: secret.slice(0, 12), tokenHash: hashTokenSecret(secret) });
    const me = await request.get('/api/v1/me', bearer(secret));
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ tokenId: token.id, kind: 'personal', user: { id: engineer.id, role: 'engineer' } });

    await page.reload();
    await expect(page.getByText(secret)).toHaveCount(0);
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText(`${secret.slice(0, 12)}…`);
    await expect(row).toContainText('Active');
    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    await expect(page.getByRole('region', { name: 'Your tokens', exact: true }).getByRole('status')).toHaveText('Token revoked.');
    await expect(row).toContainText('Revoked');
    await expect(row.getByRole('button')).toHaveCount(0);

    const afterRevoke = await request.get('/api/v1/me', bearer(secret));
    expect(afterRevoke.status()).toBe(401);
    expect(await tokenEvents(token.id)).toEqual([{ action: 'api-token.created', actorId: engineer.id }, { action: 'api-token.revoked', actorId: engineer.id }]);
  });

  test('the API never accepts the session cookie: without a bearer token it answers 401', async ({ page }) => {
    await page.goto('/account/tokens');
    await expect(page.getByRole('heading', { name: 'My API tokens' })).toBeVisible();
    const cookies = await page.context().cookies();
    expect(cookies.map((cookie) => cookie.name)).toContain('authjs.session-token');

    // page.request sends the browser context's cookies.
    const response = await page.request.get('/api/v1/me');

    expect(response.status()).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});

test.describe('[API] service tokens', () => {
  test.use(asUser('admin@changeboard.test'));

  test('an admin mints a gate:check token; it cannot read changes (403) and is listed as a service token', async ({ page, request }) => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@changeboard.test' }, select: { id: true } });
    const name = `deploy pipeline ${uniqueSuffix()}`;
    await page.goto('/admin/tokens');
    await expectNoAxeViolations(page);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Lifetime in days (optional)').fill('30');
    await page.getByRole('checkbox', { name: /^gate:check/ }).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByRole('region', { name: 'New service token', exact: true }).getByRole('status')).toHaveText(`Service token ${name} created.`);
    const secret = await shownSecret(page);
    await expectNoAxeViolations(page);

    const me = await request.get('/api/v1/me', bearer(secret));
    expect(me.status()).toBe(403);
    expect(await me.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });

    const token = await db.apiToken.findFirstOrThrow({ where: { name }, select: { id: true, kind: true, scopes: true, ownerId: true, createdById: true, createdAt: true, expiresAt: true } });
    expect(token).toMatchObject({ kind: 'service', scopes: ['gate:check'], ownerId: null, createdById: admin.id });
    expect(token.expiresAt!.getTime() - token.createdAt.getTime()).toBe(30 * 86_400_000);
    expect(await tokenEvents(token.id)).toEqual([{ action: 'api-token.created', actorId: admin.id }]);
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('Service');
    await expect(row).toContainText('None (pipeline)');
    await expect(row).toContainText('gate:check');
  });

  test('a service token without scopes is refused on the field and nothing is minted', async ({ page }) => {
    const name = `scopeless ${uniqueSuffix()}`;
    await page.goto('/admin/tokens');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Create token' }).click();

    await expect(page.getByRole('region', { name: 'New service token', exact: true }).getByRole('status')).toHaveText('Check the highlighted fields.');
    await expect(page.getByText('Choose at least one scope.')).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
    await expect(page.getByRole('region', { name: 'Copy the new token now', exact: true })).toHaveCount(0);
    expect(await db.apiToken.count({ where: { name } })).toBe(0);
  });
});
