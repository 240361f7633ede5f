import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  canDecideFlagAuditItem, canManageFeature, describeFlagAuditProgress, describeKillSwitchCoverage, extensionRefusal, flagAuditMonth, isFlagAuditMonth,
  isKillSwitch, killSwitchCoverageOf, latestExtension,
} from '@/lib/policy/flag-discipline';
import type { Actor } from '@/lib/policy/permissions';

const TEAM = 'team-a';
const actor = (overrides: Partial<Actor> = {}): Actor => ({ id: 'someone', role: 'engineer', isStaffPlus: false, isActive: true, teamId: 'team-b', ...overrides });
const FLAG = { ownerId: 'owner', teamId: TEAM };

describe('flagAuditMonth', () => {
  test.each([
    { label: 'UTC mid-month', at: '2026-11-24T10:00:00Z', zone: 'UTC', month: '2026-11' },
    { label: 'New York is still in October at 03:00Z on 1 Nov', at: '2026-11-01T03:00:00Z', zone: 'America/New_York', month: '2026-10' },
    { label: 'Tokyo is already in December at 16:00Z on 30 Nov', at: '2026-11-30T16:00:00Z', zone: 'Asia/Tokyo', month: '2026-12' },
  ])('$label', ({ at, zone, month }) => {
    expect(flagAuditMonth(new Date(at), zone)).toBe(month);
  });

  test.each([['2026-11', true], ['2026-13', false], ['2026-1', false], ['../x', false]])('%s is a month: %s', (value, isMonth) => {
    expect(isFlagAuditMonth(value as string)).toBe(isMonth);
  });
});

describe('canDecideFlagAuditItem', () => {
  test.each([
    { label: 'the owner, in another team', who: actor({ id: 'owner' }), allowed: true },
    { label: 'an engineer of the flag’s team', who: actor({ teamId: TEAM }), allowed: true },
    { label: 'the manager of the flag’s team', who: actor({ role: 'manager', teamId: TEAM }), allowed: true },
    { label: 'an engineer of another team', who: actor(), allowed: false },
    { label: 'a manager of another team', who: actor({ role: 'manager' }), allowed: false },
    { label: 'an admin of no team', who: actor({ role: 'admin', teamId: null }), allowed: false },
    { label: 'an auditor in the team', who: actor({ role: 'auditor', teamId: TEAM }), allowed: false },
    { label: 'a disabled owner', who: actor({ id: 'owner', isActive: false }), allowed: false },
  ])('$label: $allowed', ({ who, allowed }) => {
    expect(canDecideFlagAuditItem(who, FLAG)).toBe(allowed);
  });
});

describe('canManageFeature', () => {
  test.each([
    { label: 'an engineer of the team', who: actor({ teamId: TEAM }), allowed: true },
    { label: 'an engineer of another team', who: actor(), allowed: false },
    { label: 'any manager', who: actor({ role: 'manager' }), allowed: true },
    { label: 'an admin', who: actor({ role: 'admin', teamId: null }), allowed: true },
    { label: 'an auditor', who: actor({ role: 'auditor', teamId: TEAM }), allowed: false },
  ])('$label: $allowed', ({ who, allowed }) => {
    expect(canManageFeature(who, { teamId: TEAM })).toBe(allowed);
  });
});

describe('extensionRefusal', () => {
  const AT = new Date('2026-11-24T10:00:00Z');
  test.each([
    { label: 'now is not the future', to: AT, refusal: 'Choose a date in the future.' },
    { label: 'a minute later is fine', to: new Date(AT.getTime() + 60_000), refusal: null },
    { label: 'exactly 90 days is fine', to: latestExtension(AT), refusal: null },
    { label: '90 days and a millisecond is too far', to: new Date(latestExtension(AT).getTime() + 1), refusal: 'Extend by at most 90 days.' },
  ])('$label', ({ to, refusal }) => {
    expect(extensionRefusal(to, AT)).toBe(refusal);
  });

  test('accepted exactly when the date is after now and no later than 90 days on', () => {
    fc.assert(fc.property(fc.integer({ min: -10 * 86_400_000, max: 100 * 86_400_000 }), (offset) => {
      const isAccepted = extensionRefusal(new Date(AT.getTime() + offset), AT) === null;
      expect(isAccepted).toBe(offset > 0 && offset <= 90 * 86_400_000);
    }));
  });
});

describe('kill-switch coverage', () => {
  test.each([
    { type: 'ops', status: 'active', is: true },
    { type: 'ops', status: 'archived', is: false },
    { type: 'release', status: 'active', is: false },
    { type: 'permission', status: 'active', is: false },
  ] as const)('$status $type flag is a kill switch: $is', ({ type, status, is }) => {
    expect(isKillSwitch({ type, status })).toBe(is);
  });

  test.each([
    { covered: 12, total: 14, words: '12 of 14 features have a kill switch (86 %)', isComplete: false },
    { covered: 1, total: 1, words: '1 of 1 feature has a kill switch (100 %)', isComplete: true },
    { covered: 0, total: 3, words: '0 of 3 features have a kill switch (0 %)', isComplete: false },
    { covered: 0, total: 0, words: 'No user-facing features recorded yet.', isComplete: true },
  ])('$words', ({ covered, total, words, isComplete }) => {
    const coverage = killSwitchCoverageOf(covered, total);
    expect(describeKillSwitchCoverage(coverage)).toBe(words);
    expect(coverage.isComplete).toBe(isComplete);
  });

  test('audit progress in words', () => {
    expect(describeFlagAuditProgress({ decided: 7, total: 9 })).toBe('7 of 9 decided');
    expect(describeFlagAuditProgress({ decided: 0, total: 0 })).toBe('No stale flags to decide');
  });
});
