// The client address that rate limits key on. X-Forwarded-For is whatever the client sent unless a
// proxy we trust wrote it: Next.js fills it from the socket only when the request has none.

/** Every caller shares this key when no proxy is trusted: a spoofable header must not split budgets. */
export const UNTRUSTED_ADDRESS = 'untrusted';

/**
 * The address the outermost trusted proxy saw: with `trustedProxies` proxies each appending the
 * address they received from, it is that many entries from the right of X-Forwarded-For.
 */
export function clientAddress(headers: Headers, trustedProxies: number): string {
  if (trustedProxies <= 0) return UNTRUSTED_ADDRESS;
  const entries = (headers.get('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  const entry = entries[Math.max(0, entries.length - trustedProxies)];
  if (!entry || entry.length > 64 || !/^[0-9a-fA-F:.]+$/.test(entry)) return UNTRUSTED_ADDRESS;
  return entry.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}
