import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { databaseEnv } from '@/lib/env';
import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';

const AT = new Date('2026-11-24T10:00:00.000Z');

afterAll(() => db.$disconnect());

/** Every link of the chain recomputed in SQL: seq contiguous, each prev_hash the previous row_hash, each row_hash the hash of its content. */
async function brokenLinks(client: pg.Pool | pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ seq: string }>(`
    SELECT e.seq FROM audit_event e
    LEFT JOIN audit_event p ON p.seq = e.seq - 1
    WHERE e.row_hash <> sha256(e.prev_hash || convert_to(audit_event_canonical(e.seq, e.at, e.actor_id, e.token_id, e.action, e.entity_type, e.entity_id, e.change_set, e.request_id), 'UTF8'))
       OR (e.seq > 1 AND (p.seq IS NULL OR p.row_hash <> e.prev_hash))
    ORDER BY e.seq`);
  return rows.map((row) => row.seq);
}

describe('audit chain', () => {
  test('concurrent writers on separate connections never fork or break the chain', async () => {
    const pool = new pg.Pool({ connectionString: databaseEnv().DATABASE_URL, max: 3 });
    const before = await db.auditEvent.count();
    const writer = (worker: number) => async () => {
      for (let i = 0; i < 20; i++) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(`SELECT append_audit_event($1, NULL, NULL, 'test.appended', 'test', $2, $3::jsonb, NULL)`, [AT, `worker-${worker}`, JSON.stringify({ i, note: 'naïve ; DROP TABLE x; --' })]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      }
    };
    await Promise.all([writer(1)(), writer(2)(), writer(3)()]);

    expect(await db.auditEvent.count()).toBe(before + 60);
    expect(await brokenLinks(pool)).toEqual([]);
    const head = await pool.query<{ seq: string; max: string }>('SELECT h.seq, (SELECT max(seq) FROM audit_event) AS max FROM audit_chain_head h');
    expect(head.rows[0]!.seq).toBe(head.rows[0]!.max);
    await pool.end();
  });

  test('an event rolled back with its transaction leaves no trace', async () => {
    const before = await db.auditEvent.count();
    await expect(
      db.$transaction(async (tx) => {
        await appendAudit(tx, { action: 'test.rolled-back', entityType: 'test', at: AT });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.auditEvent.count()).toBe(before);
  });

  test('rows cannot be updated, deleted or truncated by the application', async () => {
    const seq = await db.$transaction((tx) => appendAudit(tx, { action: 'test.appended', entityType: 'test', at: AT }));
    await expect(db.$executeRaw`UPDATE audit_event SET action = 'test.forged' WHERE seq = ${seq}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM audit_event WHERE seq = ${seq}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`TRUNCATE audit_event`).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.findUnique({ where: { seq }, select: { action: true } })).toEqual({ action: 'test.appended' });
  });

  test('an altered row is detected (tampering bypassing the trigger as the table owner)', async () => {
    const seq = await db.$transaction((tx) => appendAudit(tx, { action: 'test.appended', entityType: 'test', entityId: 'tamper', at: AT, changeSet: { amount: 1 } }));
    const client = new pg.Client({ connectionString: databaseEnv().DATABASE_URL });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete');
      await client.query(`UPDATE audit_event SET change_set = '{"amount": 1000}' WHERE seq = $1`, [seq.toString()]);
      expect(await brokenLinks(client)).toEqual([seq.toString()]);
    } finally {
      // Roll back so the shared test database keeps an intact chain.
      await client.query('ROLLBACK');
      await client.end();
    }
  });
});
