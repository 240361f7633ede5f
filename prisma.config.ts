// Prisma CLI configuration. Prisma 7 reads the datasource URLs from here, not from schema.prisma.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// The native schema engine cannot be downloaded here (STACK.md, "Prisma 7 migrations without the
// native schema engine"), so the CLI runs its WebAssembly build through this stand-in. The CLI
// loads this file before it spawns an engine, so setting the variable here is enough; a real
// engine binary set in the environment still wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ||= fileURLToPath(
  new URL('./prisma/schema-engine.mjs', import.meta.url),
);

/**
 * Empty strings count as missing. A missing URL is left undefined rather than rejected (as
 * `env()` from prisma/config would), so that `prisma generate` works without a database; the
 * commands that need one fail with Prisma's own message.
 */
function optionalEnv(name: string): string | undefined {
  return process.env[name] || undefined;
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx prisma/seed.ts',
  },
  datasource: {
    url: optionalEnv('DATABASE_URL'),
    // Without it, the engine creates and drops a temporary shadow database next to the main one.
    shadowDatabaseUrl: optionalEnv('SHADOW_DATABASE_URL'),
  },
});
