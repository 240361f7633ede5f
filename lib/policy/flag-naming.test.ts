import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FLAG_TYPES, lintFlagKey } from '@/lib/policy/flag-naming';

const TEAMS = ['payments', 'platform', 'data-platform'];

describe('lintFlagKey', () => {
  test.each([
    { key: 'payments-checkout-release', type: 'release', codes: [], parts: { team: 'payments', feature: 'checkout', type: 'release' } },
    { key: 'payments-new-checkout-flow-release', type: undefined, codes: [], parts: { team: 'payments', feature: 'new-checkout-flow', type: 'release' } },
    { key: 'data-platform-etl-ops', type: 'ops', codes: [], parts: { team: 'data-platform', feature: 'etl', type: 'ops' } },
    { key: 'Payments-checkout-release', type: undefined, codes: ['NOT_KEBAB_CASE'], parts: null },
    { key: 'payments_checkout_release', type: undefined, codes: ['NOT_KEBAB_CASE'], parts: null },
    { key: 'payments--checkout-release', type: undefined, codes: ['NOT_KEBAB_CASE'], parts: null },
    { key: 'payments-checkout-release-', type: undefined, codes: ['NOT_KEBAB_CASE'], parts: null },
    { key: 'growth-checkout-release', type: undefined, codes: ['UNKNOWN_TEAM'], parts: null },
    { key: 'payments-checkout-toggle', type: undefined, codes: ['UNKNOWN_TYPE_SUFFIX'], parts: null },
    { key: 'payments-checkout-ops', type: 'release', codes: ['TYPE_MISMATCH'], parts: null },
    { key: 'payments-release', type: 'release', codes: ['MISSING_FEATURE'], parts: null },
    { key: 'checkout', type: undefined, codes: ['UNKNOWN_TEAM', 'UNKNOWN_TYPE_SUFFIX'], parts: null },
    { key: '', type: undefined, codes: ['EMPTY'], parts: null },
    { key: `payments-${'x'.repeat(100)}-release`, type: undefined, codes: ['TOO_LONG'], parts: null },
  ] as const)('$key ($type): $codes', ({ key, type, codes, parts }) => {
    const lint = lintFlagKey(key, TEAMS, type);
    expect(lint.reasons.map((reason) => reason.code)).toEqual(codes);
    expect(lint.passes).toBe(codes.length === 0);
    expect(lint.parts).toEqual(parts);
    expect(lint.reasons.every((reason) => reason.control === 'CTRL-012.4' && reason.message.length > 0)).toBe(true);
  });

  test('property: a key built from a known team, a kebab feature and a type passes, and reads back its parts', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    fc.assert(fc.property(fc.constantFrom(...TEAMS), fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom(...FLAG_TYPES), (team, words, type) => {
      const feature = words.join('-');
      expect(lintFlagKey(`${team}-${feature}-${type}`, TEAMS, type)).toMatchObject({ passes: true, parts: { team, type } });
    }));
  });

  test('property: a key with an uppercase letter or underscore never passes', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }), (text) => {
      fc.pre(/[A-Z_ ]/.test(text));
      expect(lintFlagKey(text, TEAMS).passes).toBe(false);
    }));
  });
});
