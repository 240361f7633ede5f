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

/** Runs `work` on a superuser connection to the server's maintenance database. */
async function asSuperuser<T>(server: EmbeddedServer, work: (client: pg.Client) => Promise<T>): Promise<T> {
  await ensureStarted(server);
  const client = new pg.Client({ connectionString: adminUrl(server) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the database if missing (or anew when `fresh`), owned by `owner` when given (the superuser
 * otherwise); tells whether it was created now.
 */
export async function ensureDatabase(server: EmbeddedServer, name: string, { fresh = false, owner }: { fresh?: boolean; owner?: DatabaseRole } = {}): Promise<{ url: string; created: boolean }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name ${name}`);
  return asSuperuser(server, async (client) => {
    if (fresh) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    const created = rowCount === 0;
    if (created) await client.query(`CREATE DATABASE ${name}${owner ? ` OWNER ${owner}` : ''}`);
    return { url: adminUrl(server, name), created };
  });
}

/** The roles of README "Database roles": the owner runs the migrations, the app owns nothing. */
export const DATABASE_ROLES = ['changeboard_owner', 'changeboard_app'] as const;
export type DatabaseRole = (typeof DATABASE_ROLES)[number];
// Local servers only listen on loopback; production passwords are the operator's.
const LOCAL_ROLE_PASSWORD = 'changeboard-local';

/** Creates both roles in a local server if missing (roles belong to the whole server). */
export async function ensureDatabaseRoles(server: EmbeddedServer): Promise<void> {
  await asSuperuser(server, async (client) => {
    for (const role of DATABASE_ROLES) {
      const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (rowCount === 0) await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${LOCAL_ROLE_PASSWORD}'`);
    }
  });
}

export function roleUrl(server: EmbeddedServer, role: DatabaseRole, database: string): string {
  return `postgresql://${role}:${LOCAL_ROLE_PASSWORD}@127.0.0.1:${server.port}/${database}`;
}
