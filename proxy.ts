// Next.js proxy (the middleware of earlier versions): the content security policy with its per-request
// nonce, HSTS, and a forwarded host that only a trusted proxy may set. It is never an authentication
// layer: every page, action and route authenticates and authorizes itself.
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { REQUEST_PATH_HEADER } from '@/lib/outage/unavailable-page';
import { contentSecurityPolicy, createNonce, strictTransportSecurity } from '@/lib/security/security-headers';

export function proxy(request: NextRequest) {
  const settings = env();
  const isHttps = request.nextUrl.protocol === 'https:';
  // The versioned API answers JSON and files only. Auth.js's routes (/api/auth) can render its own
  // small pages (sign-out confirmation), so they get the page policy.
  const isApi = request.nextUrl.pathname.startsWith('/api/v1/');
  const nonce = isApi ? null : createNonce();
  const policy = contentSecurityPolicy({
    nonce,
    isDevelopment: settings.NODE_ENV === 'development',
    isHttps,
    formActionOrigins: settings.CHANGEBOARD_OIDC_ISSUER ? [new URL(settings.CHANGEBOARD_OIDC_ISSUER).origin] : [],
  });
  const requestHeaders = new Headers(request.headers);
  // Next.js reads the nonce from the request's CSP header while rendering and puts it on its scripts.
  if (nonce) requestHeaders.set('content-security-policy', policy);
  // Pages learn their own path from it, to come back to it after an outage.
  if (nonce) requestHeaders.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  // Next.js checks a server action's Origin against X-Forwarded-Host when there is one, and keeps the
  // one a client sent: without a trusted proxy to set it, the request's own Host is the only truth.
  const host = request.headers.get('host');
  const isForgedHost = settings.CHANGEBOARD_TRUST_PROXY === 0 && host !== null && request.headers.has('x-forwarded-host') && request.headers.get('x-forwarded-host') !== host;
  if (isForgedHost) requestHeaders.set('x-forwarded-host', host);
  const response = nonce || isForgedHost ? NextResponse.next({ request: { headers: requestHeaders } }) : NextResponse.next();
  response.headers.set('content-security-policy', policy);
  const hsts = strictTransportSecurity(settings.CHANGEBOARD_HSTS_MAX_AGE, isHttps);
  if (hsts) response.headers.set('strict-transport-security', hsts);
  return response;
}

export const config = {
  matcher: [
    {
      // Documents, downloads and the API; not the build's static files (hashed, no markup), and not the
      // router's prefetches and RSC fetches, which are no documents (as the Next.js CSP guide advises;
      // running on them also slowed client-side navigation measurably).
      source: '/((?!_next/static|_next/image|favicon.ico|icon.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
        { type: 'header', key: 'rsc' },
      ],
    },
    // Every server action, whatever else it claims to be, for the forwarded-host check above.
    { source: '/((?!_next/static|_next/image|favicon.ico|icon.svg).*)', has: [{ type: 'header', key: 'next-action' }] },
  ],
};
