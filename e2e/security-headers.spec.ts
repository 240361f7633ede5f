// Security headers on every kind of response, and pages that still work under the content security
// policy: no violation while the sign-in, a change, the KPI charts and the calendar load and hydrate.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIResponse, type Page, type Response } from '@playwright/test';
import { asUser, db } from './fixtures';
import { personalToken } from './api-fixtures';

const STATIC_HEADERS = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
};

function expectSecurityHeaders(response: Response | APIResponse | null, kind: 'page' | 'api') {
  expect(response).not.toBeNull();
  const headers = response!.headers();
  expect(headers).toMatchObject(STATIC_HEADERS);
  expect(headers['permissions-policy']).toContain('camera=()');
  const policy = headers['content-security-policy'];
  expect(policy).toContain("frame-ancestors 'none'");
  if (kind === 'page') {
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
    expect(policy).not.toContain('unsafe-eval');
  } else {
    expect(policy).toContain("default-src 'none'");
  }
  // Served over http here: no HSTS (it is sent on https only).
  expect(headers['strict-transport-security']).toBeUndefined();
  return policy!;
}

/** Records CSP violations and console errors from the first script on. */
async function watchViolations(page: Page) {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective}: ${event.blockedURI}`));
  });
  return async () => {
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(violations).toEqual([]);
    expect(consoleErrors.filter((text) => /content security policy/i.test(text))).toEqual([]);
  };
}

/**
 * Every script in the server's HTML carries the response's nonce (chunks that those scripts load later
 * need none: 'strict-dynamic' trusts them), and Next's inline bootstrap ran, so React hydrated.
 */
async function expectHydrated(page: Page, response: Response | null) {
  const html = await response!.text();
  const nonce = /'nonce-([^']+)'/.exec(response!.headers()['content-security-policy'] ?? '')?.[1];
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  await expect.poll(() => page.evaluate(() => Array.isArray((window as unknown as { __next_f?: unknown[] }).__next_f))).toBe(true);
}

test.describe('[SECURITY] headers, anonymous', () => {
  test('the sign-in page: headers, a fresh nonce per response, and a working form', async ({ page }) => {
    const checkViolations = await watchViolations(page);
    const first = expectSecurityHeaders(await page.goto('/login'), 'page');
    const reloaded = await page.reload();
    expect(expectSecurityHeaders(reloaded, 'page')).not.toBe(first);
    await expectHydrated(page, reloaded);
    await page.getByLabel('Email', { exact: true }).fill('nobody@changeboard.test');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('main').getByRole('status')).toHaveText('Wrong email or password.');
    await checkViolations();
  });

  test('an API route, answered or refused', async ({ request }) => {
    expectSecurityHeaders(await request.get('/api/v1/me'), 'api');
    const { headers } = await personalToken('engineer1@changeboard.test');
    const me = await request.get('/api/v1/me', { headers });
    expect(me.status()).toBe(200);
    expectSecurityHeaders(me, 'api');
    // The public readiness probe (bench:faults sees it answer 503 while the database is down).
    const health = await request.get('/api/v1/health');
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'reachable' });
    expectSecurityHeaders(health, 'api');
  });

  test('static files and the page of an unknown URL, rendered per request with the nonce', async ({ page, request }) => {
    const cli = await request.get('/cli/changeboard-gate.mjs');
    expect(cli.status()).toBe(200);
    expect(cli.headers()).toMatchObject(STATIC_HEADERS);
    const checkViolations = await watchViolations(page);
    const missing = await page.goto('/no-such-page');
    expect(missing?.status()).toBe(404);
    expectSecurityHeaders(missing, 'page');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expectHydrated(page, missing);
    await checkViolations();
  });

  test('the outage page: 503 with Retry-After, readable without scripts, linking back only within the site', async ({ browser }) => {
    // What a page redirects to when it finds the database unreachable (bench:faults kills the database).
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto('/unavailable?from=%2Fchanges%3Fstatus%3Dsubmitted');
    expect(response?.status()).toBe(503);
    expect(response?.headers()['retry-after']).toBe('15');
    expectSecurityHeaders(response, 'page');
    await expect(page).toHaveTitle('Unavailable · Changeboard');
    await expect(page.getByRole('heading', { level: 1, name: 'Changeboard cannot reach its database' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Try again now' })).toHaveAttribute('href', '/changes?status=submitted');
    await page.goto('/unavailable?from=%2F%2Fevil.example%2F');
    await expect(page.getByRole('link', { name: 'Try again now' })).toHaveAttribute('href', '/changes');
    await context.close();
  });
});

test.describe('[SECURITY] headers, signed in', () => {
  test.use(asUser('admin@changeboard.test'));

  test('a change page, the KPI charts and the calendar load and hydrate without a CSP violation', async ({ page }) => {
    const checkViolations = await watchViolations(page);
    const change = await db.changeRequest.findFirstOrThrow({ where: { status: { not: 'draft' } }, select: { id: true, title: true }, orderBy: { createdAt: 'asc' } });
    const changePage = await page.goto(`/changes/${change.id}`);
    expectSecurityHeaders(changePage, 'page');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(change.title);
    await expectHydrated(page, changePage);

    const kpis = await page.goto('/kpis');
    expectSecurityHeaders(kpis, 'page');
    // Recharts renders its SVG on the client: a drawn chart proves the scripts ran.
    await expect(page.locator('svg.recharts-surface').first()).toBeVisible();
    await expectHydrated(page, kpis);

    const calendar = await page.goto('/calendar');
    expectSecurityHeaders(calendar, 'page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectHydrated(page, calendar);
    // A client-side navigation (an RSC fetch under the same policy).
    await page.getByRole('navigation').getByRole('link', { name: 'Changes', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Change requests' })).toBeVisible();
    await checkViolations();
  });

  test('a record that does not exist answers 404, rendered per request with the nonce', async ({ page }) => {
    const checkViolations = await watchViolations(page);
    const missing = await page.goto(`/changes/${randomUUID()}`);
    expect(missing?.status()).toBe(404);
    expectSecurityHeaders(missing, 'page');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expectHydrated(page, missing);
    await checkViolations();
  });

  test('a download carries the headers too', async ({ page }) => {
    const download = await page.request.get('/kpis/export.csv');
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain('attachment');
    expectSecurityHeaders(download, 'page');
  });
});
