import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { evidencePeriodInstants, parseEvidenceQuery } from '@/lib/schemas/evidence-query';

describe('parseEvidenceQuery', () => {
  test.each([
    { label: 'a quarter', params: { control: 'CTRL-012.1', from: '2026-01-01', to: '2026-03-31' } },
    { label: 'one day', params: { control: 'EXCEPTION-PATH', from: '2026-02-28', to: '2026-02-28' } },
    { label: 'a whole leap year', params: { control: 'CTRL-012.4', from: '2028-01-01', to: '2028-12-31' } },
  ])('accepts $label', ({ params }) => {
    expect(parseEvidenceQuery(params)).toEqual({ success: true, data: params });
  });

  test.each([
    { label: 'an unknown control', params: { control: 'CTRL-012.9', from: '2026-01-01', to: '2026-01-31' }, field: 'control', message: /Choose a control/ },
    { label: 'an impossible date', params: { control: 'CTRL-012.1', from: '2026-02-30', to: '2026-03-31' }, field: 'from', message: /"2026-02-30" is not a real date/ },
    { label: 'a date with a time', params: { control: 'CTRL-012.1', from: '2026-01-01T00:00', to: '2026-03-31' }, field: 'from', message: /not a real date/ },
    { label: 'a missing end', params: { control: 'CTRL-012.1', from: '2026-01-01' }, field: 'to', message: /Give the last day/ },
    { label: 'an end before the start', params: { control: 'CTRL-012.1', from: '2026-03-31', to: '2026-01-01' }, field: 'to', message: /ends before it starts/ },
    { label: 'more than a year', params: { control: 'CTRL-012.1', from: '2026-01-01', to: '2027-01-02' }, field: 'to', message: /longer than one year/ },
  ])('refuses $label, naming the field', ({ params, field, message }) => {
    const result = parseEvidenceQuery(params);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.fieldErrors[field as 'control' | 'from' | 'to']?.join(' ')).toMatch(message);
  });

  test('any accepted period lies within one year and round-trips', () => {
    const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(day, day, (from, to) => {
      const result = parseEvidenceQuery({ control: 'CTRL-012.2', from, to });
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
      expect(result.success).toBe(days >= 1 && days <= 366);
      if (result.success) expect(result.data).toEqual({ control: 'CTRL-012.2', from, to });
    }));
  });
});

describe('evidencePeriodInstants', () => {
  test('local days in the policy zone, half-open, across a DST change', () => {
    // New York: EST in January, EDT from 8 March 2026.
    expect(evidencePeriodInstants({ from: '2026-01-01', to: '2026-03-31' }, 'America/New_York')).toEqual({
      start: new Date('2026-01-01T05:00:00.000Z'),
      end: new Date('2026-04-01T04:00:00.000Z'),
    });
  });
});
