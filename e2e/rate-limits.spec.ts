// Rate limits as callers meet them: 429 with Retry-After on the API, a clear message on sign-in.
// Budgets are spent up front in the database (the counters every instance shares), so the test does
// not have to send hundreds of requests; each test uses keys of its own and removes them.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { hashPassword } from '@/lib/auth/password';
import { DEMO_PASSWORD } from '@/lib/demo/demo-accounts';
import { UNTRUSTED_ADDRESS } from '@/lib/security/client-address';
import { apiFailedHit, apiTokenHit, signInHits } from '@/lib/server/rate-limits/rate-limit-rules';
import type { RateLimitHit } from '@/lib/server/rate-limits/hit-rate-limits';
import { db, formStatus } from './fixtures';
import { personalToken, serviceToken } from './api-fixtures';

/** Spends a key's whole budget in the current window, as if `limit` requests had come. */
async function exhaust({ key, rule }: RateLimitHit) {
  const length = rule.windowSeconds * 1000;
  let start = Math.floor(Date.now() / length) * length;
  // Near the end of a window the request might land in the next one: wait for it.
  if (start + length - Date.now() < 10_000) {
    await new Promise((resolve) => setTimeout(resolve, start + length - Date.now() + 50));
    start += length;
  }
  const data = { windowStart: new Date(start), windowEnd: new Date(start + length), hits: rule.limit };
  await db.rateLimitCounter.upsert({ where: { key }, create: { key, ...data }, update: data });
}

test.describe('[SECURITY] rate limits', () => {
  test('a personal token beyond its budget gets 429 with Retry-After; a service token has its own', async ({ request }) => {
    const personal = await personalToken('engineer1@changeboard.test');
    const service = await serviceToken(['changes:read']);
    const hit = apiTokenHit({ tokenId: personal.tokenId, kind: 'personal' });
    expect(hit.rule).toEqual({ limit: 600, windowSeconds: 60 });
    expect(apiTokenHit({ tokenId: service.tokenId, kind: 'service' }).rule.limit).toBe(60_000);
    await exhaust(hit);

    const refused = await request.get('/api/v1/me', { headers: personal.headers });
    expect(refused.status()).toBe(429);
    const retryAfter = Number(refused.headers()['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ error: { code: 'RATE_LIMITED', message: `Too many requests. Retry after ${retryAfter} seconds.` } });
    expect((await request.get('/api/v1/me', { headers: service.headers })).status()).toBe(200);
    await db.rateLimitCounter.delete({ where: { key: hit.key } });
    expect((await request.get('/api/v1/me', { headers: personal.headers })).status()).toBe(200);
  });

  test('calls without a valid token spend the address budget: 429 instead of 401 beyond it', async ({ request }) => {
    // No proxy is trusted in the e2e setup, so every anonymous caller shares one address key.
    const hit = apiFailedHit(UNTRUSTED_ADDRESS);
    try {
      await exhaust(hit);
      const refused = await request.get('/api/v1/me', { headers: { Authorization: `Bearer cbt_${randomUUID()}` } });
      expect(refused.status()).toBe(429);
      expect(refused.headers()['retry-after']).toMatch(/^\d+$/);
      expect((await refused.json()).error.code).toBe('RATE_LIMITED');
    } finally {
      await db.rateLimitCounter.deleteMany({ where: { key: hit.key } });
    }
    expect((await request.get('/api/v1/me')).status()).toBe(401);
  });

  test('sign-in attempts beyond the budget of an email are refused before the password is checked', async ({ page }) => {
    const email = `rate-limit-${randomUUID().slice(0, 8)}@changeboard.test`;
    const user = await db.user.create({ data: { email, name: 'Rita Limit', passwordHash: await hashPassword(DEMO_PASSWORD) }, select: { id: true } });
    const [emailHit] = signInHits(email, UNTRUSTED_ADDRESS);
    expect(emailHit!.rule).toEqual({ limit: 10, windowSeconds: 900 });
    await exhaust(emailHit!);

    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(formStatus(page)).toHaveText('Too many sign-in attempts for this account or network. Wait up to 15 minutes, then try again.');
    expect(await db.authSession.count({ where: { userId: user.id } })).toBe(0);
    expect((await db.rateLimitCounter.findUniqueOrThrow({ where: { key: emailHit!.key } })).hits).toBe(11);

    // Once the window is over (here: the counter gone), the right password signs in.
    await db.rateLimitCounter.delete({ where: { key: emailHit!.key } });
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Change requests' })).toBeVisible();
    expect(await db.authSession.count({ where: { userId: user.id } })).toBe(1);
  });
});
