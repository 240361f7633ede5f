// Security headers of every response: the content security policy (a fresh nonce per page), and HSTS
// on https. The static headers (frames, sniffing, referrer, permissions, opener) are in next.config.js.

export type ContentSecurityPolicyInput = {
  /** Per-request nonce for pages; null for API responses, which carry no markup to protect. */
  nonce: string | null;
  /** `next dev`: React's dev tooling needs eval. */
  isDevelopment: boolean;
  /** Served over https: only then may the browser upgrade subresources. */
  isHttps: boolean;
  /** Origins a form may post (or redirect) to besides our own: the OIDC issuer's sign-in. */
  formActionOrigins?: readonly string[];
};

/** The API answers JSON and files: nothing in it may run, load or be framed. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function contentSecurityPolicy({ nonce, isDevelopment, isHttps, formActionOrigins = [] }: ContentSecurityPolicyInput): string {
  if (nonce === null) return API_POLICY;
  const directives = [
    "default-src 'self'",
    // Next.js puts this nonce on its own scripts (it reads it from the request's CSP header);
    // 'strict-dynamic' lets those scripts load the chunks they need, and nothing else runs.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ''}`,
    // 'unsafe-inline' for styles: Recharts and our components render style attributes in the server
    // HTML (chart sizes, SVG fills, bar widths), which no nonce or hash can allow (nonces apply to
    // elements, not attributes, and a nonce in the list would switch 'unsafe-inline' off). Styles
    // cannot run code; scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Chromium checks form-action on the redirect after a form post too: the SSO sign-in form ends at
    // the identity provider.
    `form-action 'self'${formActionOrigins.map((origin) => ` ${origin}`).join('')}`,
    "frame-ancestors 'none'",
  ];
  if (isHttps) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** A nonce of 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function strictTransportSecurity(maxAgeSeconds: number, isHttps: boolean): string | null {
  return isHttps && maxAgeSeconds > 0 ? `max-age=${maxAgeSeconds}; includeSubDomains` : null;
}
