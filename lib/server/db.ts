// The one Prisma client, on a pg pool kept warm (reconnects cost 20–37 ms here).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { databaseEnv } from '@/lib/env';

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

function createClient(): PrismaClient {
  const { DATABASE_URL, CHANGEBOARD_DB_POOL_MAX } = databaseEnv();
  const adapter = new PrismaPg({
    connectionString: DATABASE_URL,
    max: CHANGEBOARD_DB_POOL_MAX,
    idleTimeoutMillis: 5 * 60_000,
    // Fail fast when the database is unreachable, so callers (the gate) can fail closed quickly.
    connectionTimeoutMillis: 5_000,
  });
  return new PrismaClient({
    adapter,
    // Prisma's defaults (2 s to get a connection, 5 s for the whole transaction) made writes fail
    // under contention: approvals and edits queue on the change-row lock and every audited write on
    // the chain head, and on busy hosts that wait passes 5 s. A write that waits is slower; one that
    // fails loses the user's work. The gate keeps tight limits of its own, so it still denies fast.
    transactionOptions: { maxWait: 10_000, timeout: 20_000 },
  });
}

const cache = globalThis as unknown as { changeboardDb?: PrismaClient };

// Created on first use, not at import: `next build` imports route modules without a database, and
// configuration errors belong to server start (instrumentation.ts). Cached on globalThis so hot
// reloads in development reuse one pool.
function client(): PrismaClient {
  return (cache.changeboardDb ??= createClient());
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const value: unknown = Reflect.get(client(), property);
    return typeof value === 'function' ? value.bind(client()) : value;
  },
});
