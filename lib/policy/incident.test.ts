import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { INCIDENT_CLOCK_SKEW_MS, incidentTimeProblems, isBlockingDeploys, isIncidentActive, RESOLVED_BEFORE_START } from '@/lib/policy/incident';

const START = new Date('2026-03-08T06:30:00Z');
const after = (minutes: number) => new Date(START.getTime() + minutes * 60_000);

describe('isIncidentActive and isBlockingDeploys', () => {
  test.each([
    { label: 'before its start it is not active', at: after(-1), resolvedAt: null, severity: 'sev1' as const, active: false, blocking: false },
    { label: 'at its start it is active (half-open interval)', at: START, resolvedAt: null, severity: 'sev1' as const, active: true, blocking: true },
    { label: 'an unresolved SEV2 still blocks a day later', at: after(1440), resolvedAt: null, severity: 'sev2' as const, active: true, blocking: true },
    { label: 'one minute before its resolution it is active', at: after(59), resolvedAt: after(60), severity: 'sev1' as const, active: true, blocking: true },
    { label: 'at its resolution it is over', at: after(60), resolvedAt: after(60), severity: 'sev1' as const, active: false, blocking: false },
    { label: 'an active SEV3 blocks nothing', at: after(5), resolvedAt: null, severity: 'sev3' as const, active: true, blocking: false },
    { label: 'an active SEV4 blocks nothing', at: after(5), resolvedAt: null, severity: 'sev4' as const, active: true, blocking: false },
    { label: 'resolved at its start it was never active', at: START, resolvedAt: START, severity: 'sev1' as const, active: false, blocking: false },
  ])('$label', ({ at, resolvedAt, severity, active, blocking }) => {
    const incident = { startedAt: START, resolvedAt, severity };
    expect(isIncidentActive(incident, at)).toBe(active);
    expect(isBlockingDeploys(incident, at)).toBe(blocking);
  });

  test('property: a blocking incident is always an active SEV1 or SEV2', () => {
    fc.assert(fc.property(fc.integer({ min: -1000, max: 1000 }), fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }), fc.constantFrom('sev1', 'sev2', 'sev3', 'sev4' as const), (atMinute, resolvedMinute, severity) => {
      const incident = { startedAt: START, resolvedAt: resolvedMinute === null ? null : after(resolvedMinute), severity };
      const at = after(atMinute);
      expect(isBlockingDeploys(incident, at)).toBe(isIncidentActive(incident, at) && (severity === 'sev1' || severity === 'sev2'));
    }));
  });
});

describe('incidentTimeProblems', () => {
  const AT = after(120);
  test.each([
    { label: 'a past start, still going on', startedAt: START, resolvedAt: null, problems: {} },
    { label: 'a start within the clock skew ahead of the recorder', startedAt: new Date(AT.getTime() + INCIDENT_CLOCK_SKEW_MS), resolvedAt: null, problems: {} },
    { label: 'a start beyond the clock skew', startedAt: new Date(AT.getTime() + INCIDENT_CLOCK_SKEW_MS + 1), resolvedAt: null, problems: { startedAt: ['It cannot start in the future.'] } },
    { label: 'resolved at the very start (a blip)', startedAt: START, resolvedAt: START, problems: {} },
    { label: 'resolved before it started', startedAt: START, resolvedAt: after(-1), problems: { resolvedAt: [RESOLVED_BEFORE_START] } },
    { label: 'resolved in the future', startedAt: START, resolvedAt: after(180), problems: { resolvedAt: ['It cannot be resolved in the future.'] } },
  ])('$label', ({ startedAt, resolvedAt, problems }) => {
    expect(incidentTimeProblems({ startedAt, resolvedAt }, AT)).toEqual(problems);
  });
});
