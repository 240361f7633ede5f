import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

// Two projects: pure unit tests (no database, no clock), and database tests against a real
// PostgreSQL that `npm test` starts and migrates (they refuse a non-local DATABASE_URL).
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['lib/**/*.test.ts'], exclude: ['**/*.db.test.ts', 'node_modules/**'], setupFiles: ['lib/testing/fail-on-console-error.ts'] },
      },
      {
        resolve: { alias },
        test: {
          name: 'db',
          include: ['lib/**/*.db.test.ts', 'prisma/**/*.db.test.ts'],
          setupFiles: ['lib/testing/fail-on-console-error.ts', 'lib/testing/require-local-database.ts'],
          // One file at a time: race tests open their own connections and measure contention.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
