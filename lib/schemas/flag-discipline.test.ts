import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { parseStaleFlagFilter, ZFeatureCreate, ZFlagAuditDecision } from '@/lib/schemas/flag-discipline';

const ITEM = { itemId: '0193a6f0-0000-7000-8000-000000000001', expectedVersion: '1' };

function fieldErrors(schema: z.ZodType, values: unknown) {
  const parsed = schema.safeParse(values);
  return parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
}

describe('ZFlagAuditDecision', () => {
  test('removing needs no reason; fields sent with it are dropped', () => {
    expect(ZFlagAuditDecision.parse({ ...ITEM, decision: 'removed', reason: '', extendedUntil: '' })).toEqual({ itemId: ITEM.itemId, expectedVersion: 1, decision: 'removed' });
  });

  test.each([
    { label: 'a short reason', values: { reason: 'in use', extendedUntil: '2026-12-01' }, field: 'reason' },
    { label: 'an impossible date', values: { reason: 'Waiting for the Q1 launch.', extendedUntil: '2026-02-30' }, field: 'extendedUntil' },
    { label: 'no date', values: { reason: 'Waiting for the Q1 launch.', extendedUntil: '' }, field: 'extendedUntil' },
  ])('extending with $label is refused on its field', ({ values, field }) => {
    expect(Object.keys(fieldErrors(ZFlagAuditDecision, { ...ITEM, decision: 'extended', ...values }))).toEqual([field]);
  });

  test('no decision chosen is an error on the decision', () => {
    expect(Object.keys(fieldErrors(ZFlagAuditDecision, ITEM))).toEqual(['decision']);
  });
});

describe('ZFeatureCreate', () => {
  test.each([['new-checkout', true], ['New-Checkout', false], ['new--checkout', false], ['-checkout', false], ['x', false]])('key %s: %s', (key, isValid) => {
    expect(ZFeatureCreate.safeParse({ key, name: 'Checkout', description: '', teamId: ITEM.itemId }).success).toBe(isValid);
  });
});

describe('parseStaleFlagFilter', () => {
  test('ids are applied (lowercased); anything else is reported and ignored', () => {
    expect(parseStaleFlagFilter({ teamId: ITEM.itemId.toUpperCase(), ownerId: 'bob' })).toEqual({ filter: { teamId: ITEM.itemId }, problems: ['The owner filter was ignored: it names no owner.'] });
  });
});
