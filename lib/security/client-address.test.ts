import { expect, test } from 'vitest';
import { clientAddress, UNTRUSTED_ADDRESS } from '@/lib/security/client-address';

test.each([
  { label: 'no trusted proxy ignores the header', xff: '203.0.113.9', trusted: 0, address: UNTRUSTED_ADDRESS },
  { label: 'one proxy: the entry it appended (rightmost)', xff: '10.0.0.1, 203.0.113.9', trusted: 1, address: '203.0.113.9' },
  { label: 'two proxies: the second from the right', xff: 'spoofed, 203.0.113.9, 10.0.0.2', trusted: 2, address: '203.0.113.9' },
  { label: 'fewer entries than proxies: the leftmost', xff: '203.0.113.9', trusted: 2, address: '203.0.113.9' },
  { label: 'IPv4-mapped IPv6 as IPv4', xff: '::ffff:127.0.0.1', trusted: 1, address: '127.0.0.1' },
  { label: 'IPv6 lower-cased', xff: '2001:DB8::1', trusted: 1, address: '2001:db8::1' },
  { label: 'no header', xff: null, trusted: 1, address: UNTRUSTED_ADDRESS },
  { label: 'garbage is not an address', xff: '<script>', trusted: 1, address: UNTRUSTED_ADDRESS },
])('$label', ({ xff, trusted, address }) => {
  const headers = new Headers(xff === null ? {} : { 'x-forwarded-for': xff });
  expect(clientAddress(headers, trusted)).toBe(address);
});
