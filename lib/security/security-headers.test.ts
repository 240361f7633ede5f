import { expect, test } from 'vitest';
import { contentSecurityPolicy, createNonce, strictTransportSecurity } from '@/lib/security/security-headers';

test('pages: scripts by nonce only, no eval, no framing; styles inline (chart attributes)', () => {
  const policy = contentSecurityPolicy({ nonce: 'abc', isDevelopment: false, isHttps: false });
  expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).toContain("style-src 'self' 'unsafe-inline'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("form-action 'self'");
  expect(policy).not.toContain('upgrade-insecure-requests');
});

test.each([
  { label: 'development allows eval for React refresh', input: { isDevelopment: true, isHttps: false }, contains: "'unsafe-eval'" },
  { label: 'https upgrades subresources', input: { isDevelopment: false, isHttps: true }, contains: 'upgrade-insecure-requests' },
  { label: 'the SSO issuer may receive the sign-in form', input: { isDevelopment: false, isHttps: true, formActionOrigins: ['https://login.example.com'] }, contains: "form-action 'self' https://login.example.com" },
])('$label', ({ input, contains }) => {
  expect(contentSecurityPolicy({ nonce: 'n', ...input })).toContain(contains);
});

test('the API allows nothing to run or frame it', () => {
  expect(contentSecurityPolicy({ nonce: null, isDevelopment: true, isHttps: true })).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
});

test('nonces are fresh base64 of 128 bits', () => {
  const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
  expect(nonces.size).toBe(100);
  for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
});

test.each([
  { label: 'https with a max-age', maxAge: 31_536_000, isHttps: true, header: 'max-age=31536000; includeSubDomains' },
  { label: 'never over http', maxAge: 31_536_000, isHttps: false, header: null },
  { label: 'off with 0', maxAge: 0, isHttps: true, header: null },
])('HSTS: $label', ({ maxAge, isHttps, header }) => {
  expect(strictTransportSecurity(maxAge, isHttps)).toBe(header);
});
