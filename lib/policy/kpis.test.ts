import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CHANGE_FAILURE_RATE_TARGET, KPI_DEFINITIONS, KPI_IDS, KPI_RECORD_PARTS, KPI_RECORD_PART_LABEL, KPI_TARGET_VALUES, STANDARD_LEAD_TIME_TARGET_SECONDS,
  formatDuration, formatRate, leadTimeState, percentileCont, rateState, ratioOf, staleFlagState, unauthorizedState,
} from '@/lib/policy/kpis';
import { ROLLBACK_RATE_TARGET } from '@/lib/policy/migration-plan';

const HOUR = 3600;

describe('ratioOf', () => {
  test.each([
    { label: 'nothing counted has no rate', numerator: 0, denominator: 0, rate: null },
    { label: 'none failed', numerator: 0, denominator: 7, rate: 0 },
    { label: 'one in twenty', numerator: 1, denominator: 20, rate: 0.05 },
    { label: 'all failed', numerator: 3, denominator: 3, rate: 1 },
  ])('$label', ({ numerator, denominator, rate }) => {
    expect(ratioOf(numerator, denominator)).toEqual({ numerator, denominator, rate });
  });
});

describe('KPI states at their boundaries', () => {
  test.each([
    { label: 'change failure rate 4.99 % is met', state: rateState(0.0499, CHANGE_FAILURE_RATE_TARGET), expected: 'met' },
    { label: 'change failure rate 499 of 10 000 is met', state: rateState(ratioOf(499, 10_000).rate, CHANGE_FAILURE_RATE_TARGET), expected: 'met' },
    { label: 'change failure rate exactly 5 % (1 of 20) is missed', state: rateState(ratioOf(1, 20).rate, CHANGE_FAILURE_RATE_TARGET), expected: 'missed' },
    { label: 'change failure rate 0 % is met', state: rateState(0, CHANGE_FAILURE_RATE_TARGET), expected: 'met' },
    { label: 'change failure rate without deployed changes is no data', state: rateState(ratioOf(0, 0).rate, CHANGE_FAILURE_RATE_TARGET), expected: 'no-data' },
    { label: 'rollback rate 9.99 % is met', state: rateState(0.0999, ROLLBACK_RATE_TARGET), expected: 'met' },
    { label: 'rollback rate exactly 10 % (1 of 10) is missed', state: rateState(ratioOf(1, 10).rate, ROLLBACK_RATE_TARGET), expected: 'missed' },
    { label: 'rollback rate without executed migrations is no data', state: rateState(null, ROLLBACK_RATE_TARGET), expected: 'no-data' },
    { label: '0 unauthorized changes is met', state: unauthorizedState(0), expected: 'met' },
    { label: '1 unauthorized change is missed', state: unauthorizedState(1), expected: 'missed' },
    { label: '4 stale flags is met', state: staleFlagState(4), expected: 'met' },
    { label: '5 stale flags is missed', state: staleFlagState(5), expected: 'missed' },
    { label: '0 stale flags is met', state: staleFlagState(0), expected: 'met' },
    { label: 'lead time 3:59:59 is met', state: leadTimeState(4 * HOUR - 1), expected: 'met' },
    { label: 'lead time 3:59:59.999 is met', state: leadTimeState(4 * HOUR - 0.001), expected: 'met' },
    { label: 'lead time exactly 4 h is missed', state: leadTimeState(4 * HOUR), expected: 'missed' },
    { label: 'lead time without measured standard changes is no data', state: leadTimeState(null), expected: 'no-data' },
  ])('$label', ({ state, expected }) => {
    expect(state).toBe(expected);
  });

  test('the target values are the policy’s', () => {
    expect(KPI_TARGET_VALUES).toEqual({
      'change-failure-rate': 0.05, 'unauthorized-changes': 0, 'stale-flags': 5, 'migration-rollback-rate': 0.1, 'lead-time': STANDARD_LEAD_TIME_TARGET_SECONDS,
    });
    expect(STANDARD_LEAD_TIME_TARGET_SECONDS).toBe(14_400);
  });

  test('every KPI has a definition, record parts, and a label for each part', () => {
    expect(Object.keys(KPI_DEFINITIONS).sort()).toEqual([...KPI_IDS].sort());
    expect(Object.keys(KPI_RECORD_PARTS).sort()).toEqual([...KPI_IDS].sort());
    for (const kpi of KPI_IDS) {
      expect(KPI_DEFINITIONS[kpi].formula.length, `${kpi} formula`).toBeGreaterThan(40);
      expect(KPI_RECORD_PARTS[kpi].length, `${kpi} parts`).toBeGreaterThan(0);
      for (const part of KPI_RECORD_PARTS[kpi]) expect(KPI_RECORD_PART_LABEL[part], `${kpi} ${part}`).toBeTruthy();
    }
  });
});

describe('percentileCont', () => {
  test.each([
    { label: 'no values', values: [], fraction: 0.5, expected: null },
    { label: 'one value is every percentile', values: [42], fraction: 0.9, expected: 42 },
    { label: 'median of an odd count is the middle value', values: [1, 2, 10], fraction: 0.5, expected: 2 },
    { label: 'median of an even count interpolates the middle two', values: [1, 2, 3, 4], fraction: 0.5, expected: 2.5 },
    { label: 'p90 of four values: rank 2.7', values: [1, 2, 3, 4], fraction: 0.9, expected: 3.7 },
    { label: 'p90 of three values: rank 1.8', values: [3600, 7200, 21_600], fraction: 0.9, expected: 7200 + 14_400 * 0.8 },
    { label: 'p25 of two values', values: [10, 20], fraction: 0.25, expected: 12.5 },
    { label: 'p0 is the minimum', values: [5, 6, 9], fraction: 0, expected: 5 },
    { label: 'p100 is the maximum', values: [5, 6, 9], fraction: 1, expected: 9 },
    { label: 'equal values', values: [7, 7, 7, 7], fraction: 0.9, expected: 7 },
  ])('$label', ({ values, fraction, expected }) => {
    const result = percentileCont(values, fraction);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(expected, 9);
  });

  // Negative zero is normalised: interpolating it yields +0, which is the same duration.
  const value = fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((number) => (number === 0 ? 0 : number));
  const sortedValues = fc.array(value, { minLength: 1, maxLength: 40 }).map((values) => [...values].sort((a, b) => a - b));
  const fraction = fc.double({ min: 0, max: 1, noNaN: true });

  test('property: monotone in the fraction', () => {
    fc.assert(fc.property(sortedValues, fraction, fraction, (values, a, b) => {
      const [low, high] = a <= b ? [a, b] : [b, a];
      expect(percentileCont(values, low)!).toBeLessThanOrEqual(percentileCont(values, high)! + 1e-6);
    }), { numRuns: 300 });
  });

  test('property: within the minimum and maximum, which are p0 and p100', () => {
    fc.assert(fc.property(sortedValues, fraction, (values, at) => {
      const value = percentileCont(values, at)!;
      expect(value).toBeGreaterThanOrEqual(values[0]! - 1e-6);
      expect(value).toBeLessThanOrEqual(values.at(-1)! + 1e-6);
      expect(percentileCont(values, 0)).toBe(values[0]);
      expect(percentileCont(values, 1)).toBe(values.at(-1));
    }), { numRuns: 300 });
  });

  test('property: the median of an odd number of values is the middle one', () => {
    fc.assert(fc.property(sortedValues.filter((values) => values.length % 2 === 1), (values) => {
      expect(percentileCont(values, 0.5)).toBe(values[(values.length - 1) / 2]);
    }), { numRuns: 300 });
  });

  test('property: the median of an even number of values is the mean of the middle two', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 2, maxLength: 40 }).filter((values) => values.length % 2 === 0), (unsorted) => {
      const values = [...unsorted].sort((a, b) => a - b);
      const middle = values.length / 2;
      expect(percentileCont(values, 0.5)).toBeCloseTo((values[middle - 1]! + values[middle]!) / 2, 6);
    }), { numRuns: 300 });
  });
});

describe('formatDuration', () => {
  test.each([
    { seconds: 0, text: '0 s' },
    { seconds: 30, text: '30 s' },
    { seconds: 59.4, text: '59 s' },
    { seconds: 60, text: '1 min' },
    { seconds: 45 * 60, text: '45 min' },
    { seconds: 59 * 60 + 29, text: '59 min' },
    { seconds: HOUR, text: '1 h' },
    { seconds: HOUR + 60, text: '1 h 1 min' },
    { seconds: 3 * HOUR + 20 * 60, text: '3 h 20 min' },
    { seconds: 4 * HOUR - 1, text: '4 h' },
    { seconds: 47 * HOUR + 59 * 60, text: '47 h 59 min' },
    { seconds: 48 * HOUR, text: '2 d' },
    { seconds: 52 * HOUR, text: '2 d 4 h' },
    { seconds: 10 * 24 * HOUR + 23 * HOUR, text: '10 d 23 h' },
  ])('$seconds s → $text', ({ seconds, text }) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatRate', () => {
  test.each([
    { rate: null, text: '—' },
    { rate: 0, text: '0.0 %' },
    { rate: 0.05, text: '5.0 %' },
    { rate: 1 / 3, text: '33.3 %' },
    { rate: 0.1234, text: '12.3 %' },
    { rate: 1, text: '100.0 %' },
    // Rounded down, so a met target never reads as its boundary.
    { rate: 0.0499, text: '4.9 %' },
    { rate: 0.0999, text: '9.9 %' },
    { rate: 2 / 3, text: '66.6 %' },
    { rate: 0.07, text: '7.0 %' },
  ])('$rate → $text', ({ rate, text }) => {
    expect(formatRate(rate)).toBe(text);
  });
});
