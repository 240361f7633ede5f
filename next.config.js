// Security headers of every response, static files included. The content security policy (with a
// nonce per page) and HSTS (https only) come from proxy.ts.
const SECURITY_HEADERS = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
  // Parallel test runs on other ports build into a directory of their own (scripts/test.ts sets it).
  distDir: process.env.CHANGEBOARD_NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Pure-JS server packages that must not be bundled (native-looking requires, dynamic imports).
  serverExternalPackages: ['pg', '@prisma/adapter-pg', 'bcryptjs'],
  // The dev server is often opened as 127.0.0.1; let its hot reload connect from there too.
  allowedDevOrigins: ['127.0.0.1'],
  // Holiday imports accept files up to 1 MB; the form encoding needs headroom above that.
  experimental: { serverActions: { bodySizeLimit: '2mb' } },
};

export default nextConfig;
