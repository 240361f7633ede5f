// `npm run db -- start|stop|migrate|seed|reset`: manage the embedded development database.
import { devServer, ensureDatabase } from './local-database.ts';
import { stop } from './embedded-postgres.ts';
import { bin, prisma, run } from './run.ts';

async function databaseEnv(fresh = false): Promise<NodeJS.ProcessEnv> {
  if (process.env.DATABASE_URL) return process.env;
  const { url } = await ensureDatabase(devServer(), 'changeboard', { fresh });
  return { ...process.env, DATABASE_URL: url };
}

const COMMANDS: Record<string, () => Promise<void>> = {
  start: async () => {
    await databaseEnv();
    console.log(`Embedded PostgreSQL is running on 127.0.0.1:${devServer().port}.`);
  },
  stop: async () => {
    await stop(devServer());
    console.log('Embedded PostgreSQL stopped.');
  },
  migrate: async () => prisma(['migrate', 'deploy'], await databaseEnv()),
  seed: async () => run(bin('tsx'), ['prisma/seed.ts'], await databaseEnv()),
  reset: async () => {
    if (process.env.DATABASE_URL) throw new Error('reset only works on the embedded database; unset DATABASE_URL.');
    const env = await databaseEnv(true);
    await prisma(['migrate', 'deploy'], env);
    await run(bin('tsx'), ['prisma/seed.ts'], env);
  },
};

const command = COMMANDS[process.argv[2] ?? ''];
if (!command) {
  console.error(`Usage: npm run db -- ${Object.keys(COMMANDS).join('|')}`);
  process.exit(2);
}
command().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
