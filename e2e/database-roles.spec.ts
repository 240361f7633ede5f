// The portal runs as changeboard_app with the rights of prisma/app-role.sql (README "Database roles"),
// as `npm test` sets it up: the role owns nothing, so the audit trail's triggers bind it and its
// rights stop it from rewriting, inserting beside or truncating the trail.
import pg from 'pg';
import { expect, test } from '@playwright/test';
import { db } from './fixtures';

const APP_DATABASE_URL = process.env.CHANGEBOARD_E2E_APP_DATABASE_URL;

test.describe('[SECURITY] the application database role', () => {
  test.skip(!APP_DATABASE_URL, 'npm test runs the app as changeboard_app; this run does not');

  test('the app connects as changeboard_app, which owns nothing and can neither rewrite nor bypass the audit trail', async ({ request }) => {
    // A request, so the app holds connections now.
    expect((await request.get('/api/v1/health')).status()).toBe(200);
    const appUsers = await db.$queryRaw<{ usename: string }[]>`
      SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND usename <> current_user`;
    expect(appUsers.map((row) => row.usename)).toEqual(['changeboard_app']);

    const app = new pg.Client({ connectionString: APP_DATABASE_URL });
    await app.connect();
    try {
      const refusal = (sql: string) => app.query(sql).then(() => 'allowed', (error: { code?: string }) => error.code);
      const owned = await app.query(`SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`);
      expect(owned.rows[0]).toEqual({ tables: 0 });
      // 42501: insufficient privilege; every statement is refused before any trigger runs.
      expect({
        update: await refusal(`UPDATE audit_event SET action = 'forged' WHERE seq = 1`),
        delete: await refusal('DELETE FROM audit_event WHERE seq = 1'),
        insert: await refusal(`INSERT INTO audit_event (seq, at, action, entity_type, change_set, prev_hash, row_hash) VALUES (0, now(), 'forged', 'x', '{}', '', '')`),
        truncate: await refusal('TRUNCATE audit_event'),
        disableTriggers: await refusal('ALTER TABLE audit_event DISABLE TRIGGER ALL'),
        moveHead: await refusal('UPDATE audit_chain_head SET seq = 0'),
        createTable: await refusal('CREATE TABLE forged (id int)'),
        readMigrations: await refusal('SELECT count(*) FROM _prisma_migrations'),
      }).toEqual({ update: '42501', delete: '42501', insert: '42501', truncate: '42501', disableTriggers: '42501', moveHead: '42501', createTable: '42501', readMigrations: '42501' });
      // What it needs it has: reading the trail and its head.
      expect((await app.query('SELECT count(*)::int AS events FROM audit_event')).rows[0].events).toBeGreaterThan(0);
    } finally {
      await app.end();
    }
  });
});
