// Property tests of deployment records (lib/policy/deployment-authorization.ts, CTRL-012.2).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { deploymentRefusal, isGateAllowFresh, productionMilestones, unauthorizedDeploymentReasons } from '@/lib/policy/deployment-authorization';

const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true });
const reason = fc.record({ control: fc.constant('CTRL-012.1' as const), code: fc.string({ minLength: 1 }), message: fc.string() });

describe('deployment authorization', () => {
  test('a deploy is recorded only for a change put up for approval and not closed', () => {
    fc.assert(fc.property(fc.constantFrom('draft', 'submitted', 'approved', 'rejected', 'cancelled', 'closed', 'deployed') as fc.Arbitrary<never>, (status: string) => {
      const refusal = deploymentRefusal(status as never);
      expect(refusal === null).toBe(!['draft', 'cancelled', 'rejected', 'closed'].includes(status));
    }));
  });

  test('an allow is fresh only between its evaluation and validMinutes later, never before', () => {
    fc.assert(fc.property(instant, fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 240 }), (evaluatedAt, offsetMs, minutes) => {
      const startedAt = new Date(evaluatedAt.getTime() + offsetMs);
      expect(isGateAllowFresh(evaluatedAt, startedAt, minutes)).toBe(offsetMs >= 0 && offsetMs <= minutes * 60_000);
    }));
  });

  test('a deploy without a fresh allow or without its approvals is never authorized (fail closed)', () => {
    fc.assert(fc.property(fc.boolean(), fc.constantFrom('approved', 'pending', 'rejected') as fc.Arbitrary<'approved' | 'pending' | 'rejected'>, fc.array(reason, { maxLength: 3 }), (fresh, state, missing) => {
      const reasons = unauthorizedDeploymentReasons({ hasFreshGateAllow: fresh, approvals: { state, missing } as never });
      if (!fresh) expect(reasons.some((each) => each.code === 'NO_GATE_ALLOW')).toBe(true);
      if (state !== 'approved') expect(reasons).toEqual(expect.arrayContaining(missing));
      if (fresh && state === 'approved') expect(reasons).toEqual([]);
    }));
  });

  test('production milestones keep the earliest times whatever order deploys arrive in', () => {
    const deploy = fc.record({ isProduction: fc.boolean(), status: fc.constantFrom('started', 'succeeded', 'failed', 'rolled_back') as fc.Arbitrary<'started' | 'succeeded' | 'failed' | 'rolled_back'>, startedAt: instant, finishedAt: fc.option(instant, { nil: null }) });
    fc.assert(fc.property(fc.array(deploy, { maxLength: 6 }), (deploys) => {
      const fold = (list: typeof deploys) => list.reduce(productionMilestones, { firstProductionDeployAt: null, productionReachedAt: null });
      expect(fold([...deploys].reverse())).toEqual(fold(deploys));
      const production = deploys.filter((each) => each.isProduction);
      const first = fold(deploys).firstProductionDeployAt;
      expect(first?.getTime() ?? null).toBe(production.length ? Math.min(...production.map((each) => each.startedAt.getTime())) : null);
    }));
  });
});
