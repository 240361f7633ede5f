import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { daysStale, flagExpiry, flagState, isStaleCountMet, type FlagLifetimeFacts } from '@/lib/policy/flag-staleness';

const RULES = { releaseFlagTtlDays: 30, experimentFlagTtlDays: 90 };
const CREATED = new Date('2026-01-01T00:00:00Z');
const FULL = new Date('2026-03-01T12:00:00Z');
const DAY = 86_400_000;
const after = (from: Date, days: number) => new Date(from.getTime() + days * DAY);

function flag(overrides: Partial<FlagLifetimeFacts>): FlagLifetimeFacts {
  return { type: 'release', status: 'active', createdAt: CREATED, fullRolloutAt: null, expiresAt: null, ...overrides };
}

describe('flagState', () => {
  test.each([
    { label: 'release at 100 % for 29 days is active', flag: flag({ fullRolloutAt: FULL }), at: after(FULL, 29), state: 'active', days: null },
    { label: 'release at 100 % for exactly 30 days is stale', flag: flag({ fullRolloutAt: FULL }), at: after(FULL, 30), state: 'stale', days: 0 },
    { label: 'release at 100 % for 31 days is stale by 1 day', flag: flag({ fullRolloutAt: FULL }), at: after(FULL, 31), state: 'stale', days: 1 },
    { label: 'release never at 100 % has no TTL yet', flag: flag({}), at: after(CREATED, 400), state: 'active', days: null },
    { label: 'experiment expires 90 days after creation', flag: flag({ type: 'experiment' }), at: after(CREATED, 90), state: 'stale', days: 0 },
    { label: 'ops flags are long-lived', flag: flag({ type: 'ops', fullRolloutAt: FULL }), at: after(FULL, 1000), state: 'active', days: null },
    { label: 'permission flags are long-lived', flag: flag({ type: 'permission' }), at: after(CREATED, 1000), state: 'active', days: null },
    { label: 'an extension keeps a stale release flag active until its date', flag: flag({ fullRolloutAt: FULL, expiresAt: after(FULL, 60) }), at: after(FULL, 45), state: 'active', days: null },
    { label: 'past its extension it is stale again', flag: flag({ fullRolloutAt: FULL, expiresAt: after(FULL, 60) }), at: after(FULL, 62), state: 'stale', days: 2 },
    { label: 'an ops flag with an explicit expiry goes stale', flag: flag({ type: 'ops', expiresAt: after(CREATED, 10) }), at: after(CREATED, 11), state: 'stale', days: 1 },
    { label: 'archived is never stale', flag: flag({ status: 'archived', fullRolloutAt: FULL }), at: after(FULL, 90), state: 'archived', days: null },
  ] as const)('$label', ({ flag: facts, at, state, days }) => {
    expect(flagState(facts, RULES, at)).toBe(state);
    expect(daysStale(facts, RULES, at)).toBe(days);
  });

  test('property: a release flag is stale exactly from TTL days after it reached 100 %', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 365 }), fc.integer({ min: 0, max: 800 * 24 }), (ttl, hours) => {
      const at = new Date(FULL.getTime() + hours * 3_600_000);
      expect(flagState(flag({ fullRolloutAt: FULL }), { ...RULES, releaseFlagTtlDays: ttl }, at) === 'stale').toBe(hours >= ttl * 24);
    }));
  });

  test('the expiry of a release flag follows its first full rollout', () => {
    expect(flagExpiry(flag({ fullRolloutAt: FULL }), RULES)).toEqual(after(FULL, 30));
  });

  test.each([[0, true], [4, true], [5, false]])('%i stale flags meet the target: %s', (count, met) => {
    expect(isStaleCountMet(count)).toBe(met);
  });
});
