import { describe, expect, test } from 'vitest';
import { deploymentRefusal, isGateAllowFresh, productionMilestones, unauthorizedDeploymentReasons, type ProductionMilestones } from '@/lib/policy/deployment-authorization';

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

describe('productionMilestones', () => {
  const at = (hour: number) => new Date(Date.UTC(2026, 2, 6, hour));
  const none: ProductionMilestones = { firstProductionDeployAt: null, productionReachedAt: null };
  const known: ProductionMilestones = { firstProductionDeployAt: at(10), productionReachedAt: at(11) };
  type Deploy = Parameters<typeof productionMilestones>[1];
  const deploy = (overrides: Partial<Deploy>): Deploy => ({ isProduction: true, status: 'succeeded', startedAt: at(12), finishedAt: at(13), ...overrides });

  test.each([
    { label: 'a non-production deploy changes nothing', current: none, deploy: deploy({ isProduction: false, startedAt: at(1) }), first: null, reached: null },
    { label: 'a non-production deploy keeps known milestones', current: known, deploy: deploy({ isProduction: false, startedAt: at(1), finishedAt: at(2) }), first: at(10), reached: at(11) },
    { label: 'the first succeeded deploy sets both: start, and end', current: none, deploy: deploy({}), first: at(12), reached: at(13) },
    { label: 'succeeded without an end reaches production at its start', current: none, deploy: deploy({ finishedAt: null }), first: at(12), reached: at(12) },
    { label: 'a failed deploy starts the clock but reaches nothing', current: none, deploy: deploy({ status: 'failed' }), first: at(12), reached: null },
    { label: 'a rolled-back deploy starts the clock but reaches nothing', current: none, deploy: deploy({ status: 'rolled_back' }), first: at(12), reached: null },
    { label: 'a deploy still running starts the clock but reaches nothing', current: none, deploy: deploy({ status: 'started', finishedAt: null }), first: at(12), reached: null },
    { label: 'a later deploy keeps the earliest start and reach', current: known, deploy: deploy({}), first: at(10), reached: at(11) },
    { label: 'a later success after only failures sets the reach alone', current: { firstProductionDeployAt: at(10), productionReachedAt: null }, deploy: deploy({}), first: at(10), reached: at(13) },
    { label: 'reported out of order, an earlier deploy moves both back', current: known, deploy: deploy({ startedAt: at(8), finishedAt: at(9) }), first: at(8), reached: at(9) },
    { label: 'an earlier failed deploy moves only the first deploy back', current: known, deploy: deploy({ status: 'failed', startedAt: at(8), finishedAt: at(9) }), first: at(8), reached: at(11) },
    { label: 'an earlier start that ends later moves the first deploy, not the reach', current: known, deploy: deploy({ startedAt: at(9), finishedAt: at(12) }), first: at(9), reached: at(11) },
    { label: 'the same start again keeps it', current: known, deploy: deploy({ startedAt: at(10), finishedAt: at(11) }), first: at(10), reached: at(11) },
  ])('$label', ({ current, deploy: input, first, reached }) => {
    expect(productionMilestones(current, input)).toEqual({ firstProductionDeployAt: first, productionReachedAt: reached });
  });

  test('the order in which deploys are reported does not matter', () => {
    const deploys = [
      deploy({ status: 'failed', startedAt: at(9), finishedAt: at(10) }),
      deploy({ startedAt: at(14), finishedAt: at(15) }),
      deploy({ isProduction: false, startedAt: at(1), finishedAt: at(2) }),
      deploy({ startedAt: at(11), finishedAt: null }),
    ];
    const expected = { firstProductionDeployAt: at(9), productionReachedAt: at(11) };
    expect(deploys.reduce(productionMilestones, none)).toEqual(expected);
    expect([...deploys].reverse().reduce(productionMilestones, none)).toEqual(expected);
  });
});
