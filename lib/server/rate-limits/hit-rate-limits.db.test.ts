import { randomUUID } from 'node:crypto';
import { afterAll, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { hitRateLimits, type RateLimitRule } from '@/lib/server/rate-limits/hit-rate-limits';

afterAll(() => db.$disconnect());

const PER_MINUTE: RateLimitRule = { limit: 5, windowSeconds: 60 };
const AT = new Date('2026-11-24T10:00:10.000Z');

function hitsOf(key: string) {
  return db.rateLimitCounter.findUnique({ where: { key }, select: { hits: true, windowStart: true, windowEnd: true } });
}

test('allows the limit, then refuses with the seconds left in the window', async () => {
  const key = `test:${randomUUID()}`;
  const verdicts = [];
  for (let i = 0; i < 7; i++) verdicts.push(await hitRateLimits([{ key, rule: PER_MINUTE }], AT));
  expect(verdicts.map((verdict) => verdict.isLimited)).toEqual([false, false, false, false, false, true, true]);
  // 10:00:10 is 50 s before the window 10:00:00–10:01:00 ends.
  expect(verdicts[5]).toEqual({ isLimited: true, key, retryAfterSeconds: 50 });
  expect(await hitsOf(key)).toEqual({ hits: 7, windowStart: new Date('2026-11-24T10:00:00.000Z'), windowEnd: new Date('2026-11-24T10:01:00.000Z') });
});

test('a new window starts the count again; an instance whose clock is behind counts into the current one', async () => {
  const key = `test:${randomUUID()}`;
  for (let i = 0; i < 6; i++) await hitRateLimits([{ key, rule: PER_MINUTE }], AT);
  const next = await hitRateLimits([{ key, rule: PER_MINUTE }], new Date('2026-11-24T10:01:00.000Z'));
  expect(next.isLimited).toBe(false);
  expect(await hitsOf(key)).toMatchObject({ hits: 1, windowStart: new Date('2026-11-24T10:01:00.000Z') });
  await hitRateLimits([{ key, rule: PER_MINUTE }], new Date('2026-11-24T10:00:59.000Z'));
  expect(await hitsOf(key)).toMatchObject({ hits: 2, windowStart: new Date('2026-11-24T10:01:00.000Z') });
});

test('concurrent requests on many connections never undercount: exactly the limit passes', async () => {
  const key = `test:${randomUUID()}`;
  const rule: RateLimitRule = { limit: 100, windowSeconds: 60 };
  // The pool opens several connections, so these upserts really run side by side.
  const verdicts = await Promise.all(Array.from({ length: 300 }, () => hitRateLimits([{ key, rule }], AT)));
  expect(verdicts.filter((verdict) => !verdict.isLimited)).toHaveLength(100);
  expect((await hitsOf(key))?.hits).toBe(300);
});

test('sign-in budgets: two keys in one statement, the exhausted one named; concurrent pairs do not deadlock', async () => {
  const email = `test:email:${randomUUID()}`;
  const address = `test:ip:${randomUUID()}`;
  const rule: RateLimitRule = { limit: 3, windowSeconds: 900 };
  const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => hitRateLimits(i % 2 ? [{ key: email, rule }, { key: address, rule: { limit: 100, windowSeconds: 900 } }] : [{ key: address, rule: { limit: 100, windowSeconds: 900 } }, { key: email, rule }], AT)));
  expect(verdicts.filter((verdict) => !verdict.isLimited)).toHaveLength(3);
  expect(new Set(verdicts.filter((verdict) => verdict.isLimited).map((verdict) => verdict.key))).toEqual(new Set([email]));
  expect((await hitsOf(address))?.hits).toBe(40);
});

test('a limit of 0 is off and writes nothing', async () => {
  const key = `test:${randomUUID()}`;
  expect(await hitRateLimits([{ key, rule: { limit: 0, windowSeconds: 60 } }], AT)).toMatchObject({ isLimited: false });
  expect(await hitsOf(key)).toBeNull();
});

test('rows of windows that have ended are swept when a new window starts', async () => {
  const stale = `test:${randomUUID()}`;
  const fresh = `test:${randomUUID()}`;
  await hitRateLimits([{ key: stale, rule: PER_MINUTE }], new Date('2026-11-25T09:00:00.000Z'));
  // A day later: another key's first hit starts a window, and the sweep removes the idle row.
  await hitRateLimits([{ key: fresh, rule: PER_MINUTE }], new Date('2026-11-26T09:00:00.000Z'));
  expect(await hitsOf(stale)).toBeNull();
  expect(await hitsOf(fresh)).not.toBeNull();
});
