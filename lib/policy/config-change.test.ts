import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canManageConfigChange, configChecklist, configReadiness, confirmationRefusal, needsConfirmation, unauthorizedConfigReason, type ConfigChangeFacts } from '@/lib/policy/config-change';
import type { Actor } from '@/lib/policy/permissions';

const REQUESTER = 'requester';

const ENV_VAR: ConfigChangeFacts = { type: 'env_var', requestedById: REQUESTER, isReportedAfter: false, details: { variable: 'POOL_SIZE', pullRequestUrl: 'https://git/config/pull/1', stagingTest: 'Staging ran 1 h' } };
const DNS: ConfigChangeFacts = { type: 'dns', requestedById: REQUESTER, isReportedAfter: false, details: { record: 'api.example.com', pullRequestUrl: 'https://git/dns/pull/2', rolloutTtlSeconds: 60 } };
const LB: ConfigChangeFacts = { type: 'load_balancer', requestedById: REQUESTER, isReportedAfter: false, details: { pullRequestUrl: 'https://git/iac/pull/3' } };
const FLAG: ConfigChangeFacts = { type: 'feature_flag', requestedById: REQUESTER, isReportedAfter: false, details: { flagKey: 'payments-checkout-release', description: '10% to 50%' } };
const MANUAL_SECRET: ConfigChangeFacts = { type: 'secret_rotation', requestedById: REQUESTER, isReportedAfter: false, details: { secretName: 'stripe-key', mode: 'manual', automationRunUrl: '' } };
const AUTOMATED_SECRET: ConfigChangeFacts = { type: 'secret_rotation', requestedById: REQUESTER, isReportedAfter: false, details: { secretName: 'db-password', mode: 'automated', automationRunUrl: 'https://ci/runs/9' } };

const missing = (change: ConfigChangeFacts, confirmers: string[]) => configChecklist(change, confirmers).filter((item) => !item.isDone).map((item) => item.missing);

describe('configChecklist', () => {
  test.each([
    { label: 'env var confirmed by a reviewer is complete', change: ENV_VAR, confirmers: ['reviewer'], missing: [] },
    { label: 'env var waits for its reviewer', change: ENV_VAR, confirmers: [], missing: ['Waiting for a second, different person to confirm.'] },
    { label: 'env var without staging test', change: { ...ENV_VAR, details: { ...ENV_VAR.details, stagingTest: '' } } as ConfigChangeFacts, confirmers: ['reviewer'], missing: ['No staging test recorded.'] },
    { label: 'DNS at 300 s TTL is low enough', change: { ...DNS, details: { ...DNS.details, rolloutTtlSeconds: 300 } } as ConfigChangeFacts, confirmers: ['peer'], missing: [] },
    { label: 'DNS at 301 s TTL is not low', change: { ...DNS, details: { ...DNS.details, rolloutTtlSeconds: 301 } } as ConfigChangeFacts, confirmers: ['peer'], missing: ['A TTL of 301 s is not low; at most 300 s during the rollout.'] },
    { label: 'DNS without TTL', change: { ...DNS, details: { ...DNS.details, rolloutTtlSeconds: null } } as ConfigChangeFacts, confirmers: ['peer'], missing: ['No rollout TTL given.'] },
    { label: 'load balancer needs its IaC PR and a peer', change: { ...LB, details: { pullRequestUrl: '' } } as ConfigChangeFacts, confirmers: [], missing: ['No infrastructure-as-code pull request.', 'Waiting for a second, different person to confirm.'] },
    { label: 'a flag change needs only its key', change: FLAG, confirmers: [], missing: [] },
    { label: 'automated rotation needs its run link, no second person', change: { ...AUTOMATED_SECRET, details: { ...AUTOMATED_SECRET.details, automationRunUrl: '' } } as ConfigChangeFacts, confirmers: [], missing: ['No link to the automated run.'] },
    { label: 'manual rotation needs a second person', change: MANUAL_SECRET, confirmers: [], missing: ['Waiting for a second, different person to confirm.'] },
    { label: 'manual rotation confirmed by the requester only is still waiting', change: MANUAL_SECRET, confirmers: [REQUESTER], missing: ['Waiting for a second, different person to confirm.'] },
    { label: 'manual rotation with a second person is complete', change: MANUAL_SECRET, confirmers: ['second'], missing: [] },
    { label: 'rotation without a mode', change: { ...MANUAL_SECRET, details: { ...MANUAL_SECRET.details, mode: null } } as ConfigChangeFacts, confirmers: [], missing: ['Say whether the rotation is automated or manual.'] },
  ])('$label', ({ change, confirmers, missing: expected }) => {
    expect(missing(change, confirmers)).toEqual(expected);
    expect(configReadiness(change, confirmers).map((reason) => reason.control)).toEqual(expected.map(() => 'CTRL-012.5'));
  });
});

describe('confirmationRefusal', () => {
  test.each([
    { label: 'the requester cannot confirm', change: MANUAL_SECRET, confirmer: REQUESTER, confirmers: [], refusal: 'The two-person rule needs someone other than the requester.' },
    { label: 'the same person twice is refused', change: MANUAL_SECRET, confirmer: 'second', confirmers: ['second'], refusal: 'You have already confirmed this change; a second, different person must.' },
    { label: 'a different person confirms', change: MANUAL_SECRET, confirmer: 'second', confirmers: [], refusal: null },
    { label: 'an automated rotation takes no confirmation', change: AUTOMATED_SECRET, confirmer: 'second', confirmers: [], refusal: 'This change does not take a confirmation.' },
    { label: 'a flag change takes no confirmation', change: FLAG, confirmer: 'second', confirmers: [], refusal: 'This change does not take a confirmation.' },
  ])('$label', ({ change, confirmer, confirmers, refusal }) => {
    expect(confirmationRefusal(change, confirmer, confirmers)).toBe(refusal);
  });

  test('property: a record needing confirmation is complete only with someone other than the requester', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(REQUESTER, 'a', 'b'), { maxLength: 4 }), (confirmers) => {
      const hasSecond = confirmers.some((id) => id !== REQUESTER);
      expect(missing(MANUAL_SECRET, confirmers).length === 0).toBe(hasSecond);
      expect(needsConfirmation(MANUAL_SECRET)).toBe(true);
    }));
  });
});

test('a change reported afterwards is unauthorized under CTRL-012.5', () => {
  expect(unauthorizedConfigReason(ENV_VAR)).toBeNull();
  expect(unauthorizedConfigReason({ ...DNS, isReportedAfter: true })).toEqual({ control: 'CTRL-012.5', code: 'CONFIG_OUTSIDE_PROCESS', message: 'DNS change made in production outside its process and reported afterwards.' });
});

describe('canManageConfigChange', () => {
  const actor = (overrides: Partial<Actor> = {}): Actor => ({ id: 'someone', role: 'engineer', isStaffPlus: false, isActive: true, teamId: 'team-b', ...overrides });
  const change = { requestedById: REQUESTER, requesterTeamId: 'team-a' };
  test.each([
    { label: 'the requester', who: actor({ id: REQUESTER, teamId: 'team-a' }), expected: true },
    { label: 'a team mate of the requester', who: actor({ teamId: 'team-a' }), expected: true },
    { label: 'a manager of another team', who: actor({ role: 'manager' }), expected: true },
    { label: 'an engineer of another team', who: actor(), expected: false },
    { label: 'an engineer of no team', who: actor({ teamId: null }), expected: false },
    { label: 'an auditor', who: actor({ role: 'auditor', teamId: 'team-a' }), expected: false },
    { label: 'a disabled requester', who: actor({ id: REQUESTER, isActive: false }), expected: false },
  ])('$label: $expected', ({ who, expected }) => {
    expect(canManageConfigChange(who, change)).toBe(expected);
  });

  test('a requester of no team shares it with no one', () => {
    expect(canManageConfigChange(actor({ teamId: null }), { requestedById: REQUESTER, requesterTeamId: null })).toBe(false);
  });
});
