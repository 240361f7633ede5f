/**
 * A path on this site to send a person back to, or null. Browsers read `//host` and `/\host` as
 * another site, and control characters can hide either, so only a single leading slash followed by
 * printable text is taken: anything else would be an open redirect.
 */
export function localPathOrNull(value: string | null | undefined): string | null {
  // Any backslash is refused with the control characters, which covers `/\host`.
  if (!value || !value.startsWith('/') || value.startsWith('//')) return null;
  return /[\u0000-\u001F\u007F\\]/.test(value) ? null : value;
}
