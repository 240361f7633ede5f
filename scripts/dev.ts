// `npm run dev`: the portal on an embedded PostgreSQL with demo data, with no hand-made configuration.
// With DATABASE_URL set it uses that server instead (and seeds only with `npm run db:seed`).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DATA_DIR, devServer, ensureDatabase, PROJECT_ROOT } from './local-database.ts';
import { bin, prisma, run } from './run.ts';

/** A development-only signing secret, generated once per checkout and kept out of git. */
async function devAuthSecret(): Promise<string> {
  const file = path.join(DATA_DIR, 'auth-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env };
  let isNewDatabase = false;
  if (!env.DATABASE_URL) {
    const server = devServer();
    const database = await ensureDatabase(server, 'changeboard');
    env.DATABASE_URL = database.url;
    isNewDatabase = database.created;
    console.log(`Embedded PostgreSQL on 127.0.0.1:${server.port} (data in .data/postgres; stop it with npm run db:stop).`);
  }
  env.AUTH_SECRET ||= await devAuthSecret();
  env.CHANGEBOARD_DEMO_SIGN_IN ||= 'true';
  // Telemetry would try to reach the network, which air-gapped installs do not have.
  env.NEXT_TELEMETRY_DISABLED ||= '1';

  await prisma(['migrate', 'deploy'], env);
  if (isNewDatabase) await run(bin('tsx'), ['prisma/seed.ts'], env);

  const next = spawn(bin('next'), ['dev', ...process.argv.slice(2)], { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => next.kill(signal));
  next.on('close', (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
