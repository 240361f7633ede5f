// Property tests of isWebUrl: only http(s) links are ever rendered clickable.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isWebUrl } from '@/lib/format/web-url';

describe('isWebUrl', () => {
  test('every http(s) URL is a web link', () => {
    fc.assert(fc.property(fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }), (url) => {
      expect(isWebUrl(url)).toBe(true);
    }));
  });

  test('anything accepted parses to http: or https:, so javascript:, data: and the like never are', () => {
    const schemes = fc.constantFrom('javascript:', 'JaVaScRiPt:', ' javascript:', 'java\tscript:', 'data:', 'vbscript:', 'file:', 'blob:', '');
    fc.assert(fc.property(fc.oneof(fc.string(), fc.tuple(schemes, fc.string()).map(([scheme, rest]) => scheme + rest)), (value) => {
      if (isWebUrl(value)) expect(['http:', 'https:']).toContain(new URL(value).protocol);
    }));
    for (const value of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', '//evil.example', '/relative']) expect(isWebUrl(value)).toBe(false);
  });
});
