// Whether a stored link may be rendered as a clickable href. Pure.
//
// The schemas take http(s) links only, but rows written before that rule, by an import or by hand
// must still never become a `javascript:` or `data:` link on a page: anything else is shown as text.

/** True for an absolute http: or https: URL (after the same parsing a browser applies). */
export function isWebUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}
