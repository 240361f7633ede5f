// Plumbing shared by every /api/v1 route handler: bearer-token authentication, scope checks, and the
// mapping of errors to JSON. Handlers stay thin: authenticate, parse, one use-case, DTO.
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { DomainError, type DomainErrorCode } from '@/lib/server/errors';
import { authenticateApiToken, type ApiCaller } from '@/lib/server/api-tokens/authenticate-api-token';
import { tokenHasScope, type ApiScope } from '@/lib/policy/api-scopes';
import type { Actor } from '@/lib/policy/permissions';
import { securityEnv } from '@/lib/env';
import { clientAddress } from '@/lib/security/client-address';
import { hitRateLimits, type RateLimitHit } from '@/lib/server/rate-limits/hit-rate-limits';
import { isDatabaseReachable } from '@/lib/server/database-health';
import { apiFailedHit, apiTokenHit } from '@/lib/server/rate-limits/rate-limit-rules';

export type ApiErrorCode = DomainErrorCode | 'UNAUTHENTICATED' | 'BAD_REQUEST' | 'INTERNAL' | 'IDEMPOTENCY_KEY_REUSED' | 'IDEMPOTENCY_IN_PROGRESS' | 'RATE_LIMITED' | 'UNAVAILABLE';

/** A refusal that happens before any use-case runs (credentials, request shape). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: ApiErrorCode, message: string, readonly fieldErrors?: Record<string, string[] | undefined>, readonly retryAfterSeconds?: number) {
    super(message);
  }
}

const DOMAIN_STATUS: Record<DomainErrorCode, number> = { NOT_FOUND: 404, FORBIDDEN: 403, INVALID: 422, CONFLICT: 409, STALE_VERSION: 409 };

export type ApiContext = { requestId: string; at: Date };

export function apiJson(body: unknown, init: { status?: number; requestId: string; headers?: Record<string, string> }): NextResponse {
  return NextResponse.json(body, { status: init.status ?? 200, headers: { 'x-request-id': init.requestId, 'cache-control': 'no-store', ...init.headers } });
}

function errorBody(code: ApiErrorCode, message: string, fieldErrors?: Record<string, string[] | undefined>) {
  return { error: fieldErrors ? { code, message, fieldErrors } : { code, message } };
}

/** The answer to a refusal (`ApiError` or `DomainError`), or null for anything else. */
export function refusalResponse(error: unknown, requestId: string): NextResponse | null {
  if (error instanceof ApiError) {
    const headers = error.retryAfterSeconds ? { 'retry-after': String(error.retryAfterSeconds) } : undefined;
    return apiJson(errorBody(error.code, error.message, error.fieldErrors), { status: error.status, requestId, headers });
  }
  if (error instanceof DomainError) return apiJson(errorBody(error.code, error.message, error.fieldErrors), { status: DOMAIN_STATUS[error.code], requestId });
  return null;
}

/** Prisma's P2028: an interactive transaction that could not start or ran past its time, rolled back. */
function isTransactionTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2028';
}

/**
 * Runs a handler body; maps refusals to `{ error: { code, message } }`, a timed-out transaction or an
 * unreachable database to a retryable 503, and anything else to a bare 500.
 */
export async function handleApi(request: Request, run: (context: ApiContext) => Promise<Response>): Promise<Response> {
  const requestId = crypto.randomUUID();
  try {
    // The clock is read once per request, here.
    return await run({ requestId, at: new Date() });
  } catch (error) {
    const refusal = refusalResponse(error, requestId);
    if (refusal) return refusal;
    if (isTransactionTimeout(error)) {
      // The write waited too long for its locks or a connection under load and was rolled back:
      // nothing changed, so the caller may simply retry (measured by bench/concurrency.ts).
      console.warn(`[api] ${request.method} ${new URL(request.url).pathname} timed out and was rolled back (request ${requestId})`);
      return apiJson(errorBody('UNAVAILABLE', `Changeboard is busy: nothing was changed. Retry in a moment (request id ${requestId}).`), { status: 503, requestId, headers: { 'retry-after': '1' } });
    }
    if (!(await isDatabaseReachable())) {
      // An outage, not a defect: the caller should retry later rather than report a bug.
      console.warn(`[api] ${request.method} ${new URL(request.url).pathname} failed: the database cannot be reached (request ${requestId})`);
      return apiJson(errorBody('UNAVAILABLE', `Changeboard cannot reach its database. Retry in a moment (request id ${requestId}).`), { status: 503, requestId, headers: { 'retry-after': '5' } });
    }
    console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed (request ${requestId})`, error);
    return apiJson(errorBody('INTERNAL', `Something went wrong. Quote request id ${requestId}.`), { status: 500, requestId });
  }
}

export type AuthenticateOptions = {
  /**
   * Also accept the token as `?token=` when no Authorization header is sent. Only for read-only feeds
   * that apps subscribe to by URL alone (the iCalendar feed): URLs leak into proxy and server logs,
   * browser history and Referer headers, so every other route takes the header only, and a token
   * for a feed should be a service token with the one read scope it needs.
   */
  allowQueryToken?: boolean;
};

/** The secret a request carries: the bearer header, or (where allowed) the `token` query parameter. */
function presentedSecret(request: Request, { allowQueryToken = false }: AuthenticateOptions): string | null {
  const header = request.headers.get('authorization');
  if (header !== null) return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null;
  if (!allowQueryToken) return null;
  const token = new URL(request.url).searchParams.get('token')?.trim();
  return token ? token : null;
}

/** 429 when the request exceeds a budget (lib/server/rate-limits); counts it either way. */
async function spendRateLimit(hit: RateLimitHit, at: Date): Promise<void> {
  const verdict = await hitRateLimits([hit], at);
  if (verdict.isLimited) {
    throw new ApiError(429, 'RATE_LIMITED', `Too many requests. Retry after ${verdict.retryAfterSeconds} seconds.`, undefined, verdict.retryAfterSeconds);
  }
}

/**
 * The caller of a request: a token only (cookies are never accepted on the API). Calls without a
 * valid token spend their address's budget, calls with one their token's: 429 beyond it.
 */
export async function authenticate(request: Request, at: Date, scope: ApiScope, options: AuthenticateOptions = {}): Promise<ApiCaller> {
  const secret = presentedSecret(request, options);
  const caller = secret ? await authenticateApiToken(secret, at) : null;
  if (!caller) {
    await spendRateLimit(apiFailedHit(clientAddress(request.headers, securityEnv().CHANGEBOARD_TRUST_PROXY)), at);
    if (!secret) {
      throw new ApiError(401, 'UNAUTHENTICATED', options.allowQueryToken ? 'Send an API token as "Authorization: Bearer <token>" or as the token query parameter.' : 'Send an API token as "Authorization: Bearer <token>".');
    }
    throw new ApiError(401, 'UNAUTHENTICATED', 'This token is unknown, revoked or expired.');
  }
  await spendRateLimit(apiTokenHit(caller), at);
  if (!tokenHasScope(caller, scope)) throw new ApiError(403, 'FORBIDDEN', `This token lacks the "${scope}" scope.`);
  return caller;
}

/**
 * The person behind a personal token. Service tokens act for no one, so whatever needs an author,
 * an approver or an owner refuses them.
 */
export function personOf(caller: ApiCaller, doing: string): Actor {
  if (!caller.actor) throw new ApiError(403, 'FORBIDDEN', `A service token acts for no person, so it cannot ${doing}. Use a personal token.`);
  return caller.actor;
}

// Bodies beyond this are refused before parsing.
const MAX_BODY_BYTES = 1_000_000;

/** Parses a JSON body against a schema: 400 with field errors when it does not fit. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiError(413, 'BAD_REQUEST', 'The request body is too large.');
  let body: unknown;
  try {
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.') || '_'] ??= []).push(issue.message);
    throw new ApiError(400, 'BAD_REQUEST', 'The request body does not fit the schema.', fieldErrors);
  }
  return parsed.data;
}
