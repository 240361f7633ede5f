// The Idempotency-Key header of creating POSTs: reads and checks the key, fingerprints the request,
// and turns what lib/server/idempotency decides (run, replay, refuse) into the HTTP answer.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ApiError, apiJson, refusalResponse, type ApiContext } from '@/lib/api/route';
import { withIdempotency } from '@/lib/server/idempotency/with-idempotency';
import type { ApiCaller } from '@/lib/server/api-tokens/authenticate-api-token';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on an answer that repeats the first answer to the same key. */
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';

export const ZIdempotencyKey = z.string().regex(/^[\x20-\x7E]{1,200}$/, 'Use 1–200 printable ASCII characters.');

function idempotencyKeyOf(request: Request): string | null {
  const value = request.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (value === null) return null;
  const parsed = ZIdempotencyKey.safeParse(value);
  if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', 'The Idempotency-Key header is not valid.', { [IDEMPOTENCY_KEY_HEADER]: parsed.error.issues.map((issue) => issue.message) });
  return parsed.data;
}

/** Method, path and body: what "the same request" means for a key. */
export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method} ${path}\n${body}`, 'utf8').digest('hex');
}

/**
 * Runs a creating POST at most once per token and Idempotency-Key. Without the header it just runs.
 * Refusals are answers too (a retry of a refused request is refused the same way), so they are
 * stored; failures (5xx) are not, so a retry runs again.
 */
export async function idempotently(request: Request, caller: ApiCaller, { requestId, at }: ApiContext, run: () => Promise<Response>): Promise<Response> {
  const key = idempotencyKeyOf(request);
  if (key === null) return run();
  // Read from a copy: `run` still parses the body itself.
  const requestHash = requestFingerprint(request.method, new URL(request.url).pathname, await request.clone().text());

  const outcome = await withIdempotency({ tokenId: caller.tokenId, key, requestHash, at }, async () => {
    const response = await run().catch((error: unknown) => {
      const refusal = refusalResponse(error, requestId);
      if (!refusal) throw error;
      return refusal;
    });
    return { statusCode: response.status, body: await response.json() };
  });

  if (outcome.kind === 'key-reused') {
    throw new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request. Use a new key for a new request.');
  }
  if (outcome.kind === 'in-progress') {
    throw new ApiError(409, 'IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running. Retry in a moment to get its answer.');
  }
  const response = apiJson(outcome.answer.body, { status: outcome.answer.statusCode, requestId });
  if (outcome.kind === 'replayed') response.headers.set(IDEMPOTENT_REPLAY_HEADER, 'true');
  return response;
}
