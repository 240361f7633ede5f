// `npm test`: every check, in order, on databases of its own (never the demo data):
// typecheck, lint, unit tests, migrations versus schema, database tests, production build, e2e, and
// the short concurrency and fault runs of bench/ on that build (resilience).
// `npm test -- unit db` runs only the named stages; `npm test -- e2e e2e/gate.spec.ts` only those specs.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { ensureDatabase, ensureDatabaseRoles, roleUrl, testServer } from './local-database.ts';
import { ensureStarted, stop } from './embedded-postgres.ts';
import { bin, prisma, run } from './run.ts';

const E2E_PORT = process.env.CHANGEBOARD_E2E_PORT ?? '3100';
// A run on another port builds into its own directory, so parallel runs never share a build.
if (E2E_PORT !== '3100') process.env.CHANGEBOARD_NEXT_DIST_DIR ||= `.next-${E2E_PORT}`;
// Telemetry would try to reach the network, which CI and air-gapped installs do not have.
process.env.NEXT_TELEMETRY_DISABLED ||= '1';

async function migratedDatabase(name: string): Promise<NodeJS.ProcessEnv> {
  const { url } = await ensureDatabase(testServer(), name, { fresh: true });
  const env = { ...process.env, DATABASE_URL: url };
  await prisma(['migrate', 'deploy'], env);
  return env;
}

/**
 * A database set up as README "Database roles" says production is: owned by changeboard_owner, which
 * migrates and seeds it, and with prisma/app-role.sql applied for changeboard_app, the role the app
 * runs as. The tests themselves keep the superuser (`env`), to arrange and inspect any row.
 */
async function productionLikeDatabase(name: string): Promise<{ env: NodeJS.ProcessEnv; appUrl: string }> {
  const server = testServer();
  await ensureDatabaseRoles(server);
  const { url } = await ensureDatabase(server, name, { fresh: true, owner: 'changeboard_owner' });
  const ownerEnv = { ...process.env, DATABASE_URL: roleUrl(server, 'changeboard_owner', name) };
  await prisma(['migrate', 'deploy'], ownerEnv);
  await run(bin('tsx'), ['prisma/seed.ts'], ownerEnv);
  const owner = new pg.Client({ connectionString: ownerEnv.DATABASE_URL });
  await owner.connect();
  try {
    await owner.query(await readFile('prisma/app-role.sql', 'utf8'));
  } finally {
    await owner.end();
  }
  return { env: { ...process.env, DATABASE_URL: url }, appUrl: roleUrl(server, 'changeboard_app', name) };
}

/**
 * `next build` adds its build directory's type paths to tsconfig.json; the per-port directories of
 * parallel runs must not end up in the committed file (the type check reads them only while it runs).
 */
async function forgetOwnBuildTypes() {
  const config = JSON.parse(await readFile('tsconfig.json', 'utf8')) as { include?: string[] };
  const include = config.include?.filter((path) => !path.startsWith('.next-'));
  if (!include || include.length === config.include?.length) return;
  await writeFile('tsconfig.json', `${JSON.stringify({ ...config, include }, null, 2)}\n`);
}

function chromiumHint(): string | undefined {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? undefined : `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`;
  if (existsSync('/usr/bin/chromium') || existsSync('/usr/bin/chromium-browser')) return undefined;
  return process.env.PLAYWRIGHT_BROWSERS_PATH ? undefined
    : 'No Chromium found. Install one (Debian/Ubuntu: apt-get install -y chromium; elsewhere: npx playwright install chromium) or set CHROMIUM_PATH.';
}

const STAGES: Record<string, () => Promise<void>> = {
  typecheck: () => run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']),
  lint: () => run(bin('eslint'), ['--max-warnings=0', '.']),
  unit: () => run(bin('vitest'), ['run', '--project', 'unit']),
  migrations: async () => {
    const { url: shadow } = await ensureDatabase(testServer(), 'changeboard_test_shadow', { fresh: true });
    const env = await migratedDatabase('changeboard_test');
    // Exit code 2 means schema.prisma describes something the migrations do not create.
    await prisma(['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema', 'prisma/schema.prisma', '--exit-code'], { ...env, SHADOW_DATABASE_URL: shadow });
  },
  db: async () => run(bin('vitest'), ['run', '--project', 'db'], await migratedDatabase('changeboard_test')),
  build: async () => {
    try {
      await run(bin('next'), ['build']);
    } finally {
      await forgetOwnBuildTypes();
    }
  },
  e2e: async () => {
    const hint = chromiumHint();
    if (hint) throw new Error(hint);
    const { env, appUrl } = await productionLikeDatabase('changeboard_e2e_test');
    await run(bin('playwright'), ['test', ...e2eSpecs], {
      ...env,
      CHANGEBOARD_E2E_APP_DATABASE_URL: appUrl,
      PORT: E2E_PORT,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      CHANGEBOARD_DEMO_SIGN_IN: 'true',
      NODE_ENV: 'production',
    });
  },
  // The CI-sized runs of bench:concurrency and bench:faults: two instances of the build above on
  // PostgreSQL servers of their own (the fault run kills its server). They fail on any lost or
  // duplicated record, 5xx, or allow while the database is down.
  resilience: async () => {
    const offset = Number(E2E_PORT) - 3100;
    const env = { ...process.env, BENCH_BUILD: 'never', BENCH_DIST_DIR: process.env.CHANGEBOARD_NEXT_DIST_DIR || '.next' };
    const ports = (first: number, count: number) => Array.from({ length: count }, (_, index) => first + offset + index).join(',');
    await run(bin('tsx'), ['bench/concurrency.ts', '--short'], { ...env, BENCH_PG_PORT: ports(54364, 1), BENCH_APP_PORTS: ports(3264, 2) });
    await run(bin('tsx'), ['bench/faults.ts', '--short'], { ...env, BENCH_PG_PORT: ports(54365, 1), BENCH_APP_PORTS: ports(3266, 2) });
  },
};

/** Spec files named after the stages, handed to Playwright. */
let e2eSpecs: string[] = [];

async function main() {
  const args = process.argv.slice(2);
  e2eSpecs = args.filter((arg) => arg.endsWith('.ts'));
  const requested = args.filter((arg) => !arg.endsWith('.ts'));
  const unknown = requested.filter((stage) => !(stage in STAGES));
  if (unknown.length) throw new Error(`Unknown stage ${unknown.join(', ')}; stages: ${Object.keys(STAGES).join(', ')}`);
  const stages = requested.length ? requested : Object.keys(STAGES);
  await prisma(['generate']);
  // Leave a server that was already running (another run may be using it) as it was.
  const startedHere = await ensureStarted(testServer());
  const timings: string[] = [];
  try {
    for (const stage of stages) {
      console.log(`\n▶ ${stage}`);
      const started = Date.now();
      await STAGES[stage]!();
      timings.push(`${stage} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    if (startedHere) await stop(testServer()).catch(() => undefined);
  }
  console.log(`\nAll checks passed: ${timings.join(', ')}.`);
}

main().catch((error: unknown) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
