import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { localPathOrNull } from './local-path';

describe('localPathOrNull', () => {
  test.each([
    { value: '/changes', expected: '/changes' },
    { value: '/changes/1?tab=approvals#history', expected: '/changes/1?tab=approvals#history' },
    { value: '/', expected: '/' },
    { value: '//evil.example/changes', expected: null },
    { value: '/\\evil.example', expected: null },
    { value: '/changes\\..\\admin', expected: null },
    { value: '/\t/evil.example', expected: null },
    { value: 'https://evil.example/', expected: null },
    { value: 'changes', expected: null },
    { value: '', expected: null },
    { value: null, expected: null },
    { value: undefined, expected: null },
  ])('$value → $expected', ({ value, expected }) => {
    expect(localPathOrNull(value)).toBe(expected);
  });

  test('whatever it takes stays on this site', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('/', '\\', '\t', '\n', 'a', ':', '.', '@', '?', '#', ' ') }), (value) => {
      const path = localPathOrNull(value);
      if (path !== null) expect(new URL(path, 'https://changeboard.example').origin).toBe('https://changeboard.example');
    }), { numRuns: 500 });
  });
});
