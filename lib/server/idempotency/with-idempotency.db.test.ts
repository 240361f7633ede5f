import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { databaseEnv } from '@/lib/env';
import { db } from '@/lib/server/db';
import { createApiToken } from '@/lib/server/api-tokens/create-api-token';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { IDEMPOTENCY_KEY_TTL_HOURS, withIdempotency, type IdempotentAnswer } from '@/lib/server/idempotency/with-idempotency';
import { createTeamWithEngineer, draftFor } from '@/prisma/factories';

const AT = new Date('2026-11-24T10:00:00.000Z');

afterAll(() => db.$disconnect());

/** An engineer with a personal token, and a run that files one draft per call and counts its calls. */
async function setUp() {
  const { team, service, engineer } = await createTeamWithEngineer();
  const token = await createApiToken({ actor: engineer, at: AT, name: 'ci', kind: 'personal' });
  const draft = draftFor(team.id, [service.id]);
  const calls = { count: 0 };
  const fileDraft = async (): Promise<IdempotentAnswer> => {
    calls.count += 1;
    const { id } = await createChangeRequest({ actor: engineer, at: AT, content: draft });
    return { statusCode: 201, body: { id } };
  };
  const request = (overrides: { key?: string; requestHash?: string; at?: Date } = {}) => ({ tokenId: token.id, key: overrides.key ?? randomUUID(), requestHash: overrides.requestHash ?? 'hash-a', at: overrides.at ?? AT });
  const draftsFiled = () => db.changeRequest.count({ where: { title: draft.title } });
  return { token, calls, fileDraft, request, draftsFiled };
}

/** Until some other session of this database waits on a lock. */
async function waitForLockWait(client: pg.Client) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await client.query<{ waiting: number }>("SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()");
    if (rows[0]!.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('No session ever waited on the lock.');
}

describe('withIdempotency', () => {
  test('a retry with the same key and request replays the first answer and runs nothing', async () => {
    const { token, calls, fileDraft, request, draftsFiled } = await setUp();
    const first = request();

    const ran = await withIdempotency(first, fileDraft);
    const replayed = await withIdempotency({ ...first, at: new Date(AT.getTime() + 60_000) }, fileDraft);

    expect(ran.kind).toBe('ran');
    expect(replayed).toEqual({ kind: 'replayed', answer: ran.kind === 'ran' ? ran.answer : null });
    expect(calls.count).toBe(1);
    expect(await draftsFiled()).toBe(1);
    const rows = await db.idempotencyKey.findMany({ where: { tokenId: token.id }, select: { key: true, statusCode: true, responseBody: true } });
    expect(rows).toEqual([{ key: first.key, statusCode: 201, responseBody: ran.kind === 'ran' ? ran.answer.body : null }]);
  });

  test('the same key with a different request is refused and runs nothing', async () => {
    const { calls, fileDraft, request, draftsFiled } = await setUp();
    const first = request();
    await withIdempotency(first, fileDraft);

    expect(await withIdempotency({ ...first, requestHash: 'hash-b' }, fileDraft)).toEqual({ kind: 'key-reused' });
    expect(calls.count).toBe(1);
    expect(await draftsFiled()).toBe(1);
  });

  test('race: three requests with one key file exactly one change', async () => {
    const { calls, fileDraft, request, draftsFiled } = await setUp();
    const same = request();

    const outcomes = await Promise.all([withIdempotency(same, fileDraft), withIdempotency(same, fileDraft), withIdempotency(same, fileDraft)]);

    expect(outcomes.filter((outcome) => outcome.kind === 'ran')).toHaveLength(1);
    // The others found the reservation, still running or already answered.
    expect(outcomes.filter((outcome) => outcome.kind === 'in-progress' || outcome.kind === 'replayed')).toHaveLength(2);
    expect(calls.count).toBe(1);
    expect(await draftsFiled()).toBe(1);
  });

  test('race: a duplicate that loses the insert to a reservation not yet committed does not run', async () => {
    const { token, calls, fileDraft, request, draftsFiled } = await setUp();
    const same = request();
    // A rival holds the key uncommitted on its own connection, so our read sees no row and our
    // insert waits on the unique key: the window two racing requests share.
    const rival = new pg.Client({ connectionString: databaseEnv().DATABASE_URL });
    await rival.connect();
    try {
      await rival.query('BEGIN');
      await rival.query('INSERT INTO idempotency_key (token_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4)', [token.id, same.key, same.requestHash, AT]);
      const outcome = withIdempotency(same, fileDraft);
      await waitForLockWait(rival);
      await rival.query('COMMIT');

      expect(await outcome).toEqual({ kind: 'in-progress' });
    } finally {
      await rival.end();
    }
    expect(calls.count).toBe(0);
    expect(await draftsFiled()).toBe(0);
  });

  test('keys belong to their token: another token with the same key runs', async () => {
    const one = await setUp();
    const other = await setUp();
    const key = randomUUID();
    await withIdempotency(one.request({ key }), one.fileDraft);
    expect((await withIdempotency(other.request({ key }), other.fileDraft)).kind).toBe('ran');
    expect(other.calls.count).toBe(1);
  });

  test('a 5xx answer is not stored, so a retry runs again', async () => {
    const { token, fileDraft, request } = await setUp();
    const first = request();
    const failing = await withIdempotency(first, async () => ({ statusCode: 503, body: { error: 'down' } }));

    expect(failing).toEqual({ kind: 'ran', answer: { statusCode: 503, body: { error: 'down' } } });
    expect(await db.idempotencyKey.count({ where: { tokenId: token.id } })).toBe(0);
    expect((await withIdempotency(first, fileDraft)).kind).toBe('ran');
  });

  test('a run that throws frees the key', async () => {
    const { token, calls, fileDraft, request } = await setUp();
    const first = request();
    await expect(withIdempotency(first, () => Promise.reject(new Error('lost the connection')))).rejects.toThrow('lost the connection');

    expect(await db.idempotencyKey.count({ where: { tokenId: token.id } })).toBe(0);
    expect((await withIdempotency(first, fileDraft)).kind).toBe('ran');
    expect(calls.count).toBe(1);
  });

  test(`a key older than ${IDEMPOTENCY_KEY_TTL_HOURS} hours has expired: the request runs again, even with another body`, async () => {
    const { token, calls, fileDraft, request, draftsFiled } = await setUp();
    const first = request();
    await withIdempotency(first, fileDraft);
    const later = new Date(AT.getTime() + IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000);

    expect((await withIdempotency({ ...first, requestHash: 'hash-b', at: later }, fileDraft)).kind).toBe('ran');
    expect(calls.count).toBe(2);
    expect(await draftsFiled()).toBe(2);
    const row = await db.idempotencyKey.findUniqueOrThrow({ where: { tokenId_key: { tokenId: token.id, key: first.key } }, select: { requestHash: true, createdAt: true } });
    expect(row).toEqual({ requestHash: 'hash-b', createdAt: later });
  });

  test('just inside the retention period the key still replays', async () => {
    const { calls, fileDraft, request } = await setUp();
    const first = request();
    await withIdempotency(first, fileDraft);
    const almost = new Date(AT.getTime() + IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000 - 1);
    expect((await withIdempotency({ ...first, at: almost }, fileDraft)).kind).toBe('replayed');
    expect(calls.count).toBe(1);
  });
});
