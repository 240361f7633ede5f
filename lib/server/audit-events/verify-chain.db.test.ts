import { afterAll, describe, expect, test } from 'vitest';
import { db, type Tx } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { exportCheckpoint, verifyAgainstCheckpoint, verifyAuditChain } from '@/lib/server/audit-events/verify-chain';

const AT = new Date('2026-11-24T10:00:00.000Z');

afterAll(() => db.$disconnect());

class RolledBack extends Error {}

/**
 * Tampers as the table owner inside a transaction that is always rolled back (verifying inside it),
 * so the chain shared with the other database tests stays intact.
 */
async function tamperedThenRolledBack(tamper: (tx: Tx) => Promise<void>, check: (tx: Tx) => Promise<void>): Promise<void> {
  await expect(
    db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete');
      await tamper(tx);
      await tx.$executeRawUnsafe('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete');
      await check(tx);
      throw new RolledBack();
    }, { timeout: 60_000 }),
  ).rejects.toBeInstanceOf(RolledBack);
}

function appendTestEvent(entityId: string, changeSet: Record<string, unknown> = {}) {
  return db.$transaction((tx) => appendAudit(tx, { action: 'test.appended', entityType: 'test', entityId, at: AT, changeSet }));
}

describe('audit chain verification', () => {
  test('a clean chain verifies, every row counted, and the head is its last row', async () => {
    const seq = await appendTestEvent('verify-clean');
    const result = await verifyAuditChain();
    expect(result.ok).toBe(true);
    expect(result.firstBroken).toBeNull();
    expect(BigInt(result.head.seq)).toBeGreaterThanOrEqual(seq);
    expect(result.checked).toBe(Number(result.head.seq));
    const [last] = await db.$queryRaw<{ hash: string }[]>`SELECT encode(row_hash, 'hex') AS hash FROM audit_event WHERE seq = ${BigInt(result.head.seq)}`;
    expect(result.head.hash).toBe(last!.hash);

    const checkpoint = await exportCheckpoint(AT);
    expect(checkpoint).toMatchObject({ seq: expect.stringMatching(/^\d+$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/), at: AT.toISOString() });
    await expect(verifyAgainstCheckpoint(checkpoint)).resolves.toMatchObject({ ok: true, checkpoint: { matches: true } });
  });

  test('a row edited in the database is named by its seq (hash-mismatch)', async () => {
    const seq = await appendTestEvent('verify-edited', { amount: 1 });
    await appendTestEvent('verify-edited-after');
    await tamperedThenRolledBack(
      (tx) => tx.$executeRaw`UPDATE audit_event SET change_set = '{"amount": 1000}' WHERE seq = ${seq}`.then(() => undefined),
      async (tx) => {
        const result = await verifyAuditChain(tx);
        expect(result.ok).toBe(false);
        expect(result.firstBroken).toMatchObject({ seq: seq.toString(), reason: 'hash-mismatch', eventId: seq.toString(), action: 'test.appended', at: AT.toISOString(), entityId: 'verify-edited' });
        expect(result.checked).toBe(Number(seq) - 1);
      },
    );
    await expect(verifyAuditChain()).resolves.toMatchObject({ ok: true });
  });

  test('a row edited and re-hashed on its own breaks the next link', async () => {
    const seq = await appendTestEvent('verify-rehashed', { amount: 1 });
    await appendTestEvent('verify-rehashed-after');
    await tamperedThenRolledBack(
      (tx) => tx.$executeRaw`
        UPDATE audit_event SET change_set = '{"amount": 1000}',
          row_hash = sha256(prev_hash || convert_to(audit_event_canonical(seq, at, actor_id, token_id, action, entity_type, entity_id, '{"amount": 1000}'::jsonb, request_id), 'UTF8'))
        WHERE seq = ${seq}`.then(() => undefined),
      async (tx) => expect((await verifyAuditChain(tx)).firstBroken).toMatchObject({ seq: (seq + 1n).toString(), reason: 'broken-link' }),
    );
  });

  test('a deleted row is detected as missing, in the middle and at the end', async () => {
    const middle = await appendTestEvent('verify-deleted');
    const last = await appendTestEvent('verify-deleted-last');
    await tamperedThenRolledBack(
      (tx) => tx.$executeRaw`DELETE FROM audit_event WHERE seq = ${middle}`.then(() => undefined),
      async (tx) => expect((await verifyAuditChain(tx)).firstBroken).toEqual({ seq: middle.toString(), reason: 'missing-row' }),
    );
    await tamperedThenRolledBack(
      (tx) => tx.$executeRaw`DELETE FROM audit_event WHERE seq = ${last}`.then(() => undefined),
      async (tx) => {
        const result = await verifyAuditChain(tx);
        expect(result.ok).toBe(false);
        expect(result.firstBroken).toEqual({ seq: last.toString(), reason: 'missing-row' });
      },
    );
  });

  test('a history rewritten and re-hashed consistently passes the chain check but fails against an earlier checkpoint', async () => {
    const rewritten = await appendTestEvent('verify-rewritten', { amount: 1 });
    await appendTestEvent('verify-rewritten-after');
    const checkpoint = await exportCheckpoint(AT);
    await tamperedThenRolledBack(
      async (tx) => {
        await tx.$executeRaw`UPDATE audit_event SET change_set = '{"amount": 1000}' WHERE seq = ${rewritten}`;
        const rows = await tx.$queryRaw<{ seq: bigint }[]>`SELECT seq FROM audit_event WHERE seq >= ${rewritten} ORDER BY seq`;
        for (const { seq } of rows) {
          await tx.$executeRaw`
            UPDATE audit_event e SET prev_hash = p.row_hash,
              row_hash = sha256(p.row_hash || convert_to(audit_event_canonical(e.seq, e.at, e.actor_id, e.token_id, e.action, e.entity_type, e.entity_id, e.change_set, e.request_id), 'UTF8'))
            FROM audit_event p WHERE p.seq = e.seq - 1 AND e.seq = ${seq}`;
        }
        await tx.$executeRaw`UPDATE audit_chain_head SET hash = (SELECT row_hash FROM audit_event ORDER BY seq DESC LIMIT 1) WHERE id = 1`;
      },
      async (tx) => {
        await expect(verifyAuditChain(tx)).resolves.toMatchObject({ ok: true });
        const result = await verifyAgainstCheckpoint(checkpoint, tx);
        expect(result.ok).toBe(false);
        expect(result.firstBroken).toMatchObject({ seq: checkpoint.seq, reason: 'checkpoint-mismatch' });
        expect(result.checkpoint.matches).toBe(false);
      },
    );
    await expect(verifyAgainstCheckpoint(checkpoint)).resolves.toMatchObject({ ok: true, checkpoint: { matches: true } });
  });
});
