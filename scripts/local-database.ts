// The embedded PostgreSQL servers of a checkout: one for development (demo data), one for tests,
// each in its own git-ignored folder and port so `npm test` never touches the demo data.
import path from 'node:path';
import pg from 'pg';
import { adminUrl, ensureStarted, type EmbeddedServer } from './embedded-postgres.ts';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
export const DATA_DIR = path.join(PROJECT_ROOT, '.data');

function port(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (!value) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1024 || parsed > 65535) throw new Error(`${variable} must be a port number (1024–65535).`);
  return parsed;
}

export function devServer(): EmbeddedServer {
  return { dataDir: path.join(DATA_DIR, 'postgres'), port: port('CHANGEBOARD_PG_PORT', 54329) };
}

export function testServer(): EmbeddedServer {
  const testPort = port('CHANGEBOARD_TEST_PG_PORT', 54339);
  // One folder per port, so test runs on different ports never share a cluster.
  return { dataDir: path.join(DATA_DIR, testPort === 54339 ? 'test-postgres' : `test-postgres-${testPort}`), port: testPort };
}

/** Creates the database if missing (or anew when `fresh`); tells whether it was created now. */
export async function ensureDatabase(server: EmbeddedServer, name: string, { fresh = false } = {}): Promise<{ url: string; created: boolean }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name ${name}`);
  await ensureStarted(server);
  const client = new pg.Client({ connectionString: adminUrl(server) });
  await client.connect();
  try {
    if (fresh) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    const created = rowCount === 0;
    if (created) await client.query(`CREATE DATABASE ${name}`);
    return { url: adminUrl(server, name), created };
  } finally {
    await client.end();
  }
}
