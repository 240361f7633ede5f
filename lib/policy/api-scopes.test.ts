import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { API_SCOPE_NAMES, isApiScope, tokenHasScope } from '@/lib/policy/api-scopes';

describe('tokenHasScope', () => {
  test.each([
    { label: 'personal token: the owner role decides', token: { kind: 'personal' as const, scopes: [] }, scope: 'gate:check' as const, expected: true },
    { label: 'service token with the scope', token: { kind: 'service' as const, scopes: ['gate:check'] }, scope: 'gate:check' as const, expected: true },
    { label: 'service token without the scope', token: { kind: 'service' as const, scopes: ['flags:lint'] }, scope: 'gate:check' as const, expected: false },
    { label: 'service token with no scopes', token: { kind: 'service' as const, scopes: [] }, scope: 'changes:read' as const, expected: false },
  ])('$label', ({ token, scope, expected }) => {
    expect(tokenHasScope(token, scope)).toBe(expected);
  });

  test('a service token reaches exactly its scopes', () => {
    fc.assert(
      fc.property(fc.subarray(API_SCOPE_NAMES), fc.constantFrom(...API_SCOPE_NAMES), (scopes, scope) => {
        expect(tokenHasScope({ kind: 'service', scopes }, scope)).toBe(scopes.includes(scope));
      }),
    );
  });

  test('no scope grants administration', () => {
    expect(API_SCOPE_NAMES.filter((scope) => /admin/.test(scope))).toEqual([]);
    expect(isApiScope('admin')).toBe(false);
    expect(isApiScope('__proto__')).toBe(false);
  });
});
