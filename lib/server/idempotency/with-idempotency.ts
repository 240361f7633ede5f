// Idempotency keys for creating POSTs: a retried request with the same key gets the first answer
// instead of running again. The key is reserved in its own transaction before the request runs,
// so of two racing duplicates only one ever runs; the answer is stored once it is known.
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { isUniqueViolation } from '@/lib/server/errors';

/** Keys are kept this long after their first use; an older key is free to be used again. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
const TTL_MS = IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000;

/** What the first request answered: replayed as it was. */
export type IdempotentAnswer = { statusCode: number; body: Prisma.InputJsonValue };

export type IdempotentRequest = {
  tokenId: string;
  key: string;
  /** A digest of what was asked (method, path, body): the same key with another request is refused. */
  requestHash: string;
  at: Date;
};

export type IdempotencyOutcome =
  | { kind: 'ran' | 'replayed'; answer: IdempotentAnswer }
  /** The key was used with another request within the retention period. */
  | { kind: 'key-reused' }
  /** The first request with this key is still running; the caller may retry shortly. */
  | { kind: 'in-progress' };

type Reservation = { kind: 'reserved' } | Exclude<IdempotencyOutcome, { kind: 'ran' }>;

const keyOf = ({ tokenId, key }: IdempotentRequest) => ({ tokenId_key: { tokenId, key } });

/**
 * Runs `run` once per (token, key). Answers of 5xx are not stored, and a `run` that throws frees
 * the key, so a retry runs again: nothing was done, or nothing we can vouch for was answered.
 *
 * Assumption: a process that dies between reserving and storing leaves its reservation "in progress"
 * until the key expires; the client then uses a new key. Taking the key over earlier could run a
 * request twice whose use-case had already committed.
 */
export async function withIdempotency(request: IdempotentRequest, run: () => Promise<IdempotentAnswer>): Promise<IdempotencyOutcome> {
  const reservation = await reserve(request);
  if (reservation.kind !== 'reserved') return reservation;

  let answer: IdempotentAnswer;
  try {
    answer = await run();
  } catch (error) {
    await release(request);
    throw error;
  }
  if (answer.statusCode >= 500) {
    await release(request);
  } else {
    await db.idempotencyKey.updateMany({
      where: { tokenId: request.tokenId, key: request.key, createdAt: request.at, statusCode: null },
      data: { statusCode: answer.statusCode, responseBody: answer.body },
    });
  }
  return { kind: 'ran', answer };
}

async function reserve(request: IdempotentRequest): Promise<Reservation> {
  try {
    return await db.$transaction(async (tx) => {
      // Expired keys of this token go first: that frees this key if it is one, and keeps the table small.
      await tx.idempotencyKey.deleteMany({ where: { tokenId: request.tokenId, createdAt: { lte: new Date(request.at.getTime() - TTL_MS) } } });
      const existing = await tx.idempotencyKey.findUnique({ where: keyOf(request), select: { requestHash: true, statusCode: true, responseBody: true } });
      if (existing) return verdictOn(existing, request);
      await tx.idempotencyKey.create({ data: { tokenId: request.tokenId, key: request.key, requestHash: request.requestHash, createdAt: request.at }, select: { key: true } });
      return { kind: 'reserved' } as const;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A racing duplicate reserved the key between our read and our insert: judge its row instead.
    const existing = await db.idempotencyKey.findUniqueOrThrow({ where: keyOf(request), select: { requestHash: true, statusCode: true, responseBody: true } });
    return verdictOn(existing, request);
  }
}

function verdictOn(existing: { requestHash: string; statusCode: number | null; responseBody: Prisma.JsonValue | null }, request: IdempotentRequest): Reservation {
  if (existing.requestHash !== request.requestHash) return { kind: 'key-reused' };
  if (existing.statusCode === null) return { kind: 'in-progress' };
  return { kind: 'replayed', answer: { statusCode: existing.statusCode, body: existing.responseBody as Prisma.InputJsonValue } };
}

/** Frees our own reservation (matched by its creation instant), never a later one. */
async function release(request: IdempotentRequest): Promise<void> {
  await db.idempotencyKey.deleteMany({ where: { tokenId: request.tokenId, key: request.key, createdAt: request.at, statusCode: null } });
}
