import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_KPI_PERIOD_DAYS, MAX_KPI_PERIOD_DAYS, kpiQueryParams, parseKpiQuery, type KpiQuery } from '@/lib/schemas/kpi-query';
import { CHANGE_CLASSES } from '@/lib/policy/change-class';
import { addCalendarDays } from '@/lib/time/local-day';

const TODAY = '2026-11-24';

function parsed(params: Record<string, string | string[] | undefined>, today = TODAY): KpiQuery {
  const result = parseKpiQuery(params, today);
  if (!result.success) throw new Error(`Expected success, got ${JSON.stringify(result.fieldErrors)}`);
  return result.data;
}

function fieldErrors(params: Record<string, string | string[] | undefined>) {
  const result = parseKpiQuery(params, TODAY);
  if (result.success) throw new Error(`Expected field errors, got ${JSON.stringify(result.data)}`);
  return result.fieldErrors;
}

describe('parseKpiQuery defaults', () => {
  test('no parameters: the 90 local days ending today, by week, unfiltered', () => {
    expect(parsed({})).toEqual({ from: '2026-08-27', to: TODAY, team: undefined, service: undefined, changeClass: undefined, granularity: 'week' });
    expect(DEFAULT_KPI_PERIOD_DAYS).toBe(90);
  });

  test.each([
    { label: 'only from: the period ends today', params: { from: '2026-10-01' }, from: '2026-10-01', to: TODAY },
    { label: 'only to: the 90 days ending then', params: { to: '2026-03-31' }, from: '2026-01-01', to: '2026-03-31' },
    { label: 'to across a leap day', params: { to: '2024-03-30' }, from: '2024-01-01', to: '2024-03-30' },
    { label: 'empty strings count as missing', params: { from: '', to: ' ' }, from: '2026-08-27', to: TODAY },
    { label: 'a repeated parameter takes its first value', params: { from: ['2026-11-01', '2026-01-01'] }, from: '2026-11-01', to: TODAY },
  ])('$label', ({ params, from, to }) => {
    expect(parsed(params)).toMatchObject({ from, to });
  });

  test.each([
    { label: 'one day', days: 1, granularity: 'week' },
    { label: '190 days still by week', days: 190, granularity: 'week' },
    { label: '191 days by month', days: 191, granularity: 'month' },
    { label: 'ten years by month', days: MAX_KPI_PERIOD_DAYS, granularity: 'month' },
  ])('granularity default: $label', ({ days, granularity }) => {
    expect(parsed({ from: '2020-01-01', to: addCalendarDays('2020-01-01', days - 1) }).granularity).toBe(granularity);
  });

  test('an explicit granularity wins over the default', () => {
    expect(parsed({ from: '2020-01-01', to: '2025-12-31', granularity: 'week' }).granularity).toBe('week');
    expect(parsed({ from: '2026-11-01', to: '2026-11-07', granularity: 'month' }).granularity).toBe('month');
  });

  test('slugs are trimmed and lowercased; the class is kept', () => {
    expect(parsed({ team: ' Payments ', service: 'CHECKOUT-api', class: 'emergency' })).toMatchObject({ team: 'payments', service: 'checkout-api', changeClass: 'emergency' });
  });
});

describe('parseKpiQuery refusals name their field', () => {
  test.each([
    { label: 'an impossible date', params: { from: '2026-02-30' }, field: 'from' },
    { label: 'the 13th month', params: { from: '2026-01-01', to: '2026-13-01' }, field: 'to' },
    { label: 'a two-digit year', params: { from: '26-01-01' }, field: 'from' },
    { label: 'an instant instead of a date', params: { from: '2025-12-01', to: '2026-01-01T00:00:00Z' }, field: 'to' },
    { label: 'a day that is not zero-padded', params: { from: '2026-1-5' }, field: 'from' },
    { label: 'a period ending before it starts', params: { from: '2026-03-02', to: '2026-03-01' }, field: 'to' },
    { label: 'a period one day longer than ten years', params: { from: '2016-01-01', to: addCalendarDays('2016-01-01', MAX_KPI_PERIOD_DAYS) }, field: 'to' },
    { label: 'a team slug with punctuation', params: { team: 'payments!' }, field: 'team' },
    { label: 'a team slug starting with a dash', params: { team: '-payments' }, field: 'team' },
    { label: 'a team slug of 101 characters', params: { team: 'a'.repeat(101) }, field: 'team' },
    { label: 'a service slug with a space inside', params: { service: 'checkout api' }, field: 'service' },
    { label: 'an unknown class', params: { class: 'urgent' }, field: 'class' },
    { label: 'a class in capitals', params: { class: 'Standard' }, field: 'class' },
    { label: 'a daily granularity', params: { granularity: 'day' }, field: 'granularity' },
  ])('$label', ({ params, field }) => {
    const errors = fieldErrors(params);
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field as keyof typeof errors]![0]).toMatch(/\S/);
  });

  test('a period of exactly ten years (3653 days) is accepted', () => {
    expect(parsed({ from: '2016-01-01', to: addCalendarDays('2016-01-01', MAX_KPI_PERIOD_DAYS - 1) }).to).toBe('2025-12-31');
  });

  test('every wrong field is named at once', () => {
    expect(Object.keys(fieldErrors({ from: '2026-02-30', team: 'A B', service: '!', class: 'x', granularity: 'year' })).sort()).toEqual(['class', 'from', 'granularity', 'service', 'team']);
  });
});

describe('kpiQueryParams', () => {
  test('writes the defaults out and leaves unset filters away', () => {
    expect(kpiQueryParams(parsed({})).toString()).toBe('from=2026-08-27&to=2026-11-24&granularity=week');
    expect(kpiQueryParams(parsed({ team: 'payments', class: 'major', from: '2026-01-01', to: '2026-01-31' })).toString())
      .toBe('from=2026-01-01&to=2026-01-31&team=payments&class=major&granularity=week');
  });

  const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,30}$/);
  const query = fc.record({
    offset: fc.integer({ min: 0, max: 20_000 }),
    days: fc.integer({ min: 1, max: MAX_KPI_PERIOD_DAYS }),
    team: fc.option(slug, { nil: undefined }),
    service: fc.option(slug, { nil: undefined }),
    changeClass: fc.option(fc.constantFrom(...CHANGE_CLASSES), { nil: undefined }),
    granularity: fc.constantFrom('week' as const, 'month' as const),
  }).map(({ offset, days, ...rest }): KpiQuery => {
    const from = addCalendarDays('1990-01-01', offset);
    return { from, to: addCalendarDays(from, days - 1), ...rest };
  });

  test('property: an accepted query round-trips through its URL parameters', () => {
    fc.assert(fc.property(query, (original) => {
      const again = parsed(Object.fromEntries(kpiQueryParams(original)));
      expect(again).toEqual(original);
      expect(kpiQueryParams(again).toString()).toBe(kpiQueryParams(original).toString());
    }), { numRuns: 300 });
  });
});
