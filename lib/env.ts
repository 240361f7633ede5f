// The only reader of process.env in application code. Parsed once at server start
// (instrumentation.ts), so bad configuration fails the start, not the first request.
import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false']).default('false').transform((value) => value === 'true');

/** A request budget per window; 0 turns that limit off. */
function rateLimit(fallback: number) {
  return z.coerce.number().int().min(0).max(10_000_000).default(fallback);
}

const ZDatabaseEnv = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgresql:// URL' }),
  /** Connections per application instance. */
  CHANGEBOARD_DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
});

const ZSecurityEnv = z.object({
  /**
   * Reverse proxies in front of the portal that append the client address to X-Forwarded-For.
   * 0 (default) trusts none: the header is the client's own word then, so rate limits key every
   * anonymous caller on one shared "untrusted" address (see SECURITY.md).
   */
  CHANGEBOARD_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Strict-Transport-Security max-age in seconds, sent on https requests only; 0 sends none. */
  CHANGEBOARD_HSTS_MAX_AGE: z.coerce.number().int().min(0).default(31_536_000),
  // Rate limits (fixed windows counted in the database, shared by every instance); 0 disables one.
  /** Password sign-in attempts per email per sign-in window. */
  CHANGEBOARD_RATE_LIMIT_SIGNIN_PER_EMAIL: rateLimit(10),
  /** Password sign-in attempts per client address per sign-in window. */
  CHANGEBOARD_RATE_LIMIT_SIGNIN_PER_IP: rateLimit(50),
  /** Length of the sign-in window in seconds. */
  CHANGEBOARD_RATE_LIMIT_SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** API requests per personal token per minute. */
  CHANGEBOARD_RATE_LIMIT_API_PERSONAL_PER_MINUTE: rateLimit(600),
  /** API requests per service token per minute: high, so pipelines and benchmarks are never throttled by people. */
  CHANGEBOARD_RATE_LIMIT_API_SERVICE_PER_MINUTE: rateLimit(60_000),
  /** API requests without a valid token per client address per minute. */
  CHANGEBOARD_RATE_LIMIT_API_FAILED_PER_IP_PER_MINUTE: rateLimit(1200),
});

const ZEnv = ZDatabaseEnv.extend(ZSecurityEnv.shape).extend({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    AUTH_SECRET: z.string({ error: 'AUTH_SECRET is required (32+ random characters)' }).min(32, 'AUTH_SECRET must be 32+ characters'),
    /** Email + password sign-in for the seeded demo users. Never on in production setups. */
    CHANGEBOARD_DEMO_SIGN_IN: booleanFlag,
    CHANGEBOARD_OIDC_ISSUER: z.url().optional(),
    CHANGEBOARD_OIDC_CLIENT_ID: z.string().optional(),
    CHANGEBOARD_OIDC_CLIENT_SECRET: z.string().optional(),
    CHANGEBOARD_OIDC_NAME: z.string().default('Single sign-on'),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.CHANGEBOARD_OIDC_ISSUER, env.CHANGEBOARD_OIDC_CLIENT_ID, env.CHANGEBOARD_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({ code: 'custom', path: ['CHANGEBOARD_OIDC_ISSUER'], message: 'OIDC needs issuer, client id and client secret together' });
    }
    if (!env.CHANGEBOARD_DEMO_SIGN_IN && !env.CHANGEBOARD_OIDC_ISSUER) {
      ctx.addIssue({ code: 'custom', path: ['CHANGEBOARD_OIDC_ISSUER'], message: 'No sign-in method: configure OIDC (or enable demo sign-in for local use)' });
    }
  });

export type Env = z.infer<typeof ZEnv>;
export type DatabaseEnv = z.infer<typeof ZDatabaseEnv>;
export type SecurityEnv = z.infer<typeof ZSecurityEnv>;

type Source = Record<string, string | undefined>;

function parseWith<T extends z.ZodType>(schema: T, source: Source): z.infer<T> {
  // Empty strings count as missing: `KEY=` in an env file sets nothing, so defaults and "required" apply.
  const result = schema.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== '')));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Changeboard configuration is invalid:\n${problems}\nSee .env.example.`);
  }
  return result.data;
}

/** The whole configuration of the web server. */
export function loadEnv(source: Source = process.env): Env {
  return parseWith(ZEnv, source);
}

let parsed: Env | undefined;
let parsedDatabase: DatabaseEnv | undefined;
let parsedSecurity: SecurityEnv | undefined;

export function env(): Env {
  parsed ??= loadEnv();
  return parsed;
}

/** Only the database settings: enough for command-line tools, the seed and database tests. */
export function databaseEnv(): DatabaseEnv {
  parsedDatabase ??= parseWith(ZDatabaseEnv, process.env);
  return parsedDatabase;
}

/** Only proxy trust, HSTS and rate limits: what request plumbing needs, also in database tests. */
export function securityEnv(): SecurityEnv {
  parsedSecurity ??= parseWith(ZSecurityEnv, process.env);
  return parsedSecurity;
}

/**
 * What a command-line client of the portal reads (`npm run flags:lint`): where the portal is and the
 * token to call it with. It runs in other repositories' pipelines, without the server's settings, so
 * nothing else is required; the command checks these two itself where it needs them.
 */
export function portalClientEnv(source: Source = process.env): { CHANGEBOARD_URL?: string; CHANGEBOARD_TOKEN?: string } {
  return { CHANGEBOARD_URL: source.CHANGEBOARD_URL, CHANGEBOARD_TOKEN: source.CHANGEBOARD_TOKEN };
}
