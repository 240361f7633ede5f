import { describe, expect, test } from 'vitest';
import { deploymentRefusal, isGateAllowFresh, unauthorizedDeploymentReasons } from '@/lib/policy/deployment-authorization';

const START = new Date('2026-03-06T15:00:00Z');
const minutesBefore = (minutes: number) => new Date(START.getTime() - minutes * 60_000);

describe('isGateAllowFresh', () => {
  test.each([
    { label: 'given at the start', at: minutesBefore(0), isFresh: true },
    { label: 'given exactly the validity before', at: minutesBefore(60), isFresh: true },
    { label: 'given a minute too early', at: minutesBefore(61), isFresh: false },
    { label: 'given after the start', at: minutesBefore(-1), isFresh: false },
  ])('$label', ({ at, isFresh }) => {
    expect(isGateAllowFresh(at, START, 60)).toBe(isFresh);
  });
});

describe('deploymentRefusal', () => {
  test.each([
    { status: 'draft', code: 'INVALID' },
    { status: 'cancelled', code: 'INVALID' },
    { status: 'rejected', code: 'INVALID' },
    { status: 'closed', code: 'CONFLICT' },
    { status: 'submitted', code: null },
    { status: 'approved', code: null },
    { status: 'deployed', code: null },
  ] as const)('$status → $code', ({ status, code }) => {
    expect(deploymentRefusal(status)?.code ?? null).toBe(code);
  });
});

describe('unauthorizedDeploymentReasons', () => {
  const missing = [{ control: 'CTRL-012.1' as const, code: 'APPROVALS_MISSING', message: 'Needs 1 more approval.' }];
  test.each([
    { label: 'gate allow and approved', hasFreshGateAllow: true, state: 'approved' as const, codes: [] },
    { label: 'no gate allow', hasFreshGateAllow: false, state: 'approved' as const, codes: ['NO_GATE_ALLOW'] },
    { label: 'not approved', hasFreshGateAllow: true, state: 'pending' as const, codes: ['APPROVALS_MISSING'] },
    { label: 'neither', hasFreshGateAllow: false, state: 'pending' as const, codes: ['NO_GATE_ALLOW', 'APPROVALS_MISSING'] },
  ])('$label', ({ hasFreshGateAllow, state, codes }) => {
    const reasons = unauthorizedDeploymentReasons({ hasFreshGateAllow, approvals: { state, missing: state === 'approved' ? [] : missing } });
    expect(reasons.map((reason) => reason.code)).toEqual(codes);
  });
});
