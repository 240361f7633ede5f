// Auth.js: demo email + password when enabled, OIDC single sign-on in production. Sessions are JWT
// cookies that carry only the id of an auth_session row; roles are never read from the cookie.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { PrismaAdapter } from '@auth/prisma-adapter';
import type { Adapter } from 'next-auth/adapters';
import { z } from 'zod';
import { env } from '@/lib/env';
import { db } from '@/lib/server/db';
import { verifyPassword } from '@/lib/auth/password';
import { startAuthSession } from '@/lib/server/auth/start-auth-session';
import { provisionSsoUser } from '@/lib/server/auth/provision-sso-user';
import { clientAddress } from '@/lib/security/client-address';
import { hitRateLimits } from '@/lib/server/rate-limits/hit-rate-limits';
import { signInHits } from '@/lib/server/rate-limits/rate-limit-rules';

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;
export const OIDC_PROVIDER_ID = 'oidc';

const ZCredentials = z.object({ email: z.string().trim().toLowerCase().pipe(z.email()), password: z.string().min(1).max(200) });

class InactiveUser extends CredentialsSignin {
  override code = 'inactive';
}

export const RATE_LIMITED_SIGN_IN = 'rate_limited';

class RateLimitedSignIn extends CredentialsSignin {
  override code = RATE_LIMITED_SIGN_IN;
}

function demoCredentials() {
  return Credentials({
    id: 'credentials',
    name: 'Demo account',
    credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
    async authorize(input, request) {
      const parsed = ZCredentials.safeParse(input);
      if (!parsed.success) return null;
      // Here, not in the sign-in form's action: Auth.js's own callback route reaches this too. Every
      // attempt counts, before the password is checked, so parallel guesses cannot slip past the count.
      const address = clientAddress(request.headers, env().CHANGEBOARD_TRUST_PROXY);
      const verdict = await hitRateLimits(signInHits(parsed.data.email, address), new Date());
      if (verdict.isLimited) throw new RateLimitedSignIn();
      const user = await db.user.findUnique({
        where: { email: parsed.data.email },
        select: { id: true, email: true, name: true, passwordHash: true, isActive: true },
      });
      if (!(await verifyPassword(parsed.data.password, user?.passwordHash))) return null;
      if (!user!.isActive) throw new InactiveUser();
      return { id: user!.id, email: user!.email, name: user!.name };
    },
  });
}

function oidcProvider(issuer: string, clientId: string, clientSecret: string, name: string) {
  // Issuers may return the email and name claims only from UserInfo (OIDC Core 5.4), not in the ID
  // token, so read them there; Auth.js checks that its subject matches the ID token's.
  return { id: OIDC_PROVIDER_ID, name, type: 'oidc' as const, issuer, clientId, clientSecret, idToken: false };
}

function adapter(): Adapter {
  const base = PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]);
  // New SSO users are created through a use-case, so the creation is audited in its transaction.
  return { ...base, createUser: (user) => provisionSsoUser({ email: user.email, name: user.name ?? null, at: new Date() }) };
}

// Refusals the sign-in page already explains to the person: a one-line warning, not an error stack.
const EXPECTED_REFUSALS = new Set(['CredentialsSignin', 'AccessDenied', 'OAuthAccountNotLinked']);

function logAuthError(error: Error): void {
  const type = 'type' in error && typeof error.type === 'string' ? error.type : error.name;
  if (EXPECTED_REFUSALS.has(type)) console.warn(`[auth] sign-in refused: ${type}`);
  else console.error('[auth]', error);
}

export function authConfig(): NextAuthConfig {
  const settings = env();
  const providers: NextAuthConfig['providers'] = [];
  if (settings.CHANGEBOARD_DEMO_SIGN_IN) providers.push(demoCredentials());
  if (settings.CHANGEBOARD_OIDC_ISSUER && settings.CHANGEBOARD_OIDC_CLIENT_ID && settings.CHANGEBOARD_OIDC_CLIENT_SECRET) {
    providers.push(oidcProvider(settings.CHANGEBOARD_OIDC_ISSUER, settings.CHANGEBOARD_OIDC_CLIENT_ID, settings.CHANGEBOARD_OIDC_CLIENT_SECRET, settings.CHANGEBOARD_OIDC_NAME));
  }
  return {
    secret: settings.AUTH_SECRET,
    // Assumption: deployments sit behind a proxy that sets the Host; AUTH_URL pins it where needed.
    trustHost: true,
    adapter: adapter(),
    providers,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/login', error: '/login' },
    logger: { error: logAuthError },
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider === 'credentials' || !user.id) return true;
        // A linked SSO identity of a disabled user must not sign in.
        const existing = await db.user.findUnique({ where: { id: user.id }, select: { isActive: true } });
        return existing?.isActive ?? true;
      },
      async jwt({ token, user, account }) {
        if (!user?.id) return token;
        // The session row id and nothing else: given a cookie with a `sub`, Auth.js links a new SSO
        // identity to that user, even when the session behind the cookie is revoked or the user disabled.
        return { sessionId: await startAuthSession({ userId: user.id, method: account?.provider ?? 'unknown', at: new Date(), maxAgeSeconds: SESSION_MAX_AGE_SECONDS }) };
      },
      session({ session, token }) {
        return { ...session, sessionId: typeof token.sessionId === 'string' ? token.sessionId : undefined };
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());
