// KPI dashboard speed on years of history (issue 8, item 4). Run by hand:
//
//   npm run bench:kpis
//
// Options (environment): BENCH_SIZES (default "10000,1000000") the history sizes in changes;
// BENCH_ROUNDS (default 40) timed rounds per size and measure; BENCH_PG_PORT (default 54362) and
// BENCH_APP_PORT (default 3262) the bench's own ports; BENCH_DIST_DIR (default .next-<app port>) and
// BENCH_BUILD (auto|always|never) as for bench:gate; BENCH_REGENERATE=1 fills the databases again.
//
// For each size, a database `changeboard_bench_kpis_<size>` on an embedded PostgreSQL of its own
// (data in .data/bench-postgres-<port>) gets the demo data and `npm run seed:scale -- --changes
// <size>` (kept between runs: a million changes take minutes to generate). Then, against a
// production build (`next start`), it times in one run, interleaved A B C C B A:
//   - raw: the dashboard's five aggregate statements (kpiStatements), sent side by side over a pg
//     pool, exactly as the dashboard sends them: the floor for the numbers the page shows;
//   - api: GET /api/v1/kpis with a service token (the same figures as JSON);
//   - page: GET /kpis signed in (the dashboard as a person opens it: session, freeze banner, charts).
// The period is the dashboard's default (the 90 days ending today). The scale data has a fixed daily
// rate, so a bigger history is a longer one: what must not grow with it is the time to read a period.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { encode } from 'next-auth/jwt';
import { ensureDatabase, DATA_DIR, PROJECT_ROOT } from '../scripts/local-database.ts';
import { ensureStarted, stop as stopDatabase } from '../scripts/embedded-postgres.ts';
import { bin, prisma, run } from '../scripts/run.ts';
import { ensureBuild, startServer, stopServer, waitForServer } from './app-server.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const WARM_UP = 5;
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54362);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3262);
const DIST_DIR = process.env.BENCH_DIST_DIR ?? `.next-${APP_PORT}`;
const BASE_URL = `http://127.0.0.1:${APP_PORT}`;
const SERVER_LOG = path.join(DATA_DIR, `bench-kpis-${APP_PORT}.log`);

/** The targets of issue 8, item 4: the dashboard within 1.5 × its raw statements at the largest size. */
const TARGET_RATIO = 1.5;

type Measure = 'raw' | 'api' | 'page';
type Samples = Record<Measure, number[]>;
type SizeResult = { size: number; changes: number; deployments: number; inPeriod: number; samples: Samples };

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** The bench database of one size: reused when it already holds that history, else filled. */
async function prepareDatabase(server: { dataDir: string; port: number }, size: number, env: NodeJS.ProcessEnv): Promise<string> {
  const name = `changeboard_bench_kpis_${size}`;
  const existing = await ensureDatabase(server, name);
  const generated = existing.created || process.env.BENCH_REGENERATE === '1' ? 0 : await scaleChangeCount(existing.url);
  if (generated >= size) {
    console.log(`Reusing ${name}: ${generated.toLocaleString('en')} generated changes.`);
    await prisma(['migrate', 'deploy'], { ...env, DATABASE_URL: existing.url });
    return existing.url;
  }
  const { url } = await ensureDatabase(server, name, { fresh: true });
  const stepEnv = { ...env, DATABASE_URL: url };
  console.log(`Filling ${name} with the demo data and ${size.toLocaleString('en')} changes of history…`);
  await prisma(['migrate', 'deploy'], stepEnv);
  await run(bin('tsx'), ['prisma/seed.ts'], stepEnv);
  await run(bin('tsx'), ['lib/cli/seed-scale.ts', '--changes', String(size)], stepEnv);
  return url;
}

/** How many changes the scale generator has written into the database (0 when none or not migrated). */
async function scaleChangeCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM change_request WHERE title LIKE 'Scale change %'`);
    return result.rows[0]?.count ?? 0;
  } catch {
    return 0;
  } finally {
    await client.end();
  }
}

/** Times one size in a process of its own: the app's modules keep one database client per process. */
async function measureSizeApart(size: number, url: string, env: NodeJS.ProcessEnv): Promise<SizeResult> {
  const output = path.join(DATA_DIR, `bench-kpis-${size}.json`);
  await run(bin('tsx'), ['bench/kpis.ts', 'measure', String(size), output], { ...env, DATABASE_URL: url });
  return JSON.parse(readFileSync(output, 'utf8')) as SizeResult;
}

async function measureSize(size: number, env: NodeJS.ProcessEnv): Promise<SizeResult> {
  const url = env.DATABASE_URL!;
  const appEnv = env;
  const { db } = await import('../lib/server/db.ts');
  const { resolveKpiScope } = await import('../lib/server/kpis/kpi-scope.ts');
  const { kpiStatements } = await import('../lib/server/kpis/kpi-dashboard.ts');
  const { createApiToken } = await import('../lib/server/api-tokens/create-api-token.ts');
  const { startAuthSession } = await import('../lib/server/auth/start-auth-session.ts');

  const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@changeboard.test' }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } });
  const token = await createApiToken({ actor: admin, at: new Date(), name: `bench:kpis ${randomBytes(3).toString('hex')}`, kind: 'service', scopes: ['kpis:read'] });
  const sessionId = await startAuthSession({ userId: admin.id, method: 'bench', at: new Date(), maxAgeSeconds: 3600 });
  const cookie = `authjs.session-token=${await encode({ token: { sessionId }, secret: env.AUTH_SECRET!, salt: 'authjs.session-token' })}`;

  const pool = new pg.Pool({ connectionString: url, max: 5 });
  const app = startServer(appEnv, APP_PORT, SERVER_LOG);
  try {
    await waitForServer(app, BASE_URL);
    const fetchOk = async (pathname: string, headers: Record<string, string>) => {
      const response = await fetch(`${BASE_URL}${pathname}`, { headers });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}: ${body.slice(0, 300)}`);
      return body;
    };
    const raw = async () => {
      const resolved = await resolveKpiScope({}, new Date());
      if (!resolved.success) throw new Error('The default KPI query was refused.');
      await Promise.all(Object.values(kpiStatements(resolved.scope)).map((statement) => pool.query(statement.text, statement.values)));
    };
    const measures: Record<Measure, () => Promise<unknown>> = {
      raw,
      api: () => fetchOk('/api/v1/kpis', { authorization: `Bearer ${token.secret}` }),
      page: async () => {
        const html = await fetchOk('/kpis', { cookie });
        if (!html.includes('Change failure rate')) throw new Error('GET /kpis did not show the dashboard (signed out?).');
      },
    };
    for (let round = 0; round < WARM_UP; round++) for (const measure of Object.values(measures)) await measure();

    const samples: Samples = { raw: [], api: [], page: [] };
    const order: Measure[] = ['raw', 'api', 'page', 'page', 'api', 'raw'];
    for (let round = 0; round < ROUNDS / 2; round++) {
      for (const measure of order) samples[measure].push(await timed(measures[measure]));
    }

    const [counts] = (await pool.query<{ changes: number; deployments: number; in_period: number }>(`
      SELECT (SELECT count(*)::int FROM change_request) AS changes, (SELECT count(*)::int FROM deployment) AS deployments,
             (SELECT count(*)::int FROM change_request WHERE first_production_deploy_at >= now() - interval '90 days') AS in_period`)).rows;
    return { size, changes: counts!.changes, deployments: counts!.deployments, inPeriod: counts!.in_period, samples };
  } finally {
    stopServer(app);
    await pool.end();
    await db.$disconnect();
  }
}

function report(results: SizeResult[]) {
  const ms = (value: number) => value.toFixed(1);
  const header = ['history', 'deploys', 'in period', 'raw p50', 'raw p90', 'api p50', 'api p90', 'page p50', 'page p90', 'api/raw', 'page/raw'];
  const rows = results.map(({ changes, deployments, inPeriod, samples }) => {
    const p50 = (measure: Measure) => percentile(samples[measure], 0.5);
    return [changes.toLocaleString('en'), deployments.toLocaleString('en'), inPeriod.toLocaleString('en'),
      ms(p50('raw')), ms(percentile(samples.raw, 0.9)), ms(p50('api')), ms(percentile(samples.api, 0.9)), ms(p50('page')), ms(percentile(samples.page, 0.9)),
      (p50('api') / p50('raw')).toFixed(2), (p50('page') / p50('raw')).toFixed(2)];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padStart(widths[column]!)).join('  ');
  console.log(`\nKPI dashboard, default period (90 days), ${ROUNDS} rounds per measure, times in ms, one run on ${os.cpus().length} cores:\n`);
  console.log(line(header));
  for (const cells of rows) console.log(line(cells));

  const verdict = (isPass: boolean) => (isPass ? 'PASS' : 'FAIL');
  const largest = results.at(-1)!;
  const p50 = (result: SizeResult, measure: Measure) => percentile(result.samples[measure], 0.5);
  for (const measure of ['api', 'page'] as const) {
    const ratio = p50(largest, measure) / p50(largest, 'raw');
    console.log(`${verdict(ratio <= TARGET_RATIO)}  ${measure} within ${TARGET_RATIO} × raw at ${largest.changes.toLocaleString('en')} changes (${ratio.toFixed(2)})`);
  }
  if (results.length > 1) {
    const smallest = results[0]!;
    const dataGrowth = largest.changes / smallest.changes;
    for (const measure of ['raw', 'api', 'page'] as const) {
      const growth = p50(largest, measure) / p50(smallest, measure);
      // "Far less than the data": an order of magnitude below the history's growth.
      console.log(`${verdict(growth <= dataGrowth / 10)}  ${measure} time grew ${growth.toFixed(1)} × while the history grew ${dataGrowth.toFixed(0)} ×`);
    }
  }
}

async function main() {
  if (SIZES.some((size) => !Number.isInteger(size) || size < 1)) throw new Error('BENCH_SIZES must be positive whole numbers, e.g. 10000,1000000.');
  const server = { dataDir: path.join(DATA_DIR, `bench-postgres-${PG_PORT}`), port: PG_PORT };
  const isDatabaseStartedHere = await ensureStarted(server);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    // The app refuses to start without a sign-in method; the bench signs in with a session of its own.
    CHANGEBOARD_DEMO_SIGN_IN: 'true',
    CHANGEBOARD_NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  try {
    const urls = new Map<number, string>();
    for (const size of SIZES) urls.set(size, await prepareDatabase(server, size, env));
    await ensureBuild({ ...env, DATABASE_URL: urls.get(SIZES[0]!) }, DIST_DIR, process.env.BENCH_BUILD ?? 'auto');
    const results: SizeResult[] = [];
    for (const size of SIZES) {
      console.log(`Timing the dashboard on ${size.toLocaleString('en')} changes…`);
      results.push(await measureSizeApart(size, urls.get(size)!, env));
    }
    report(results);
    console.log(`\nThe app's log: ${path.relative(PROJECT_ROOT, SERVER_LOG)}. Load average (1/5/15 min): ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}.`);
  } finally {
    if (isDatabaseStartedHere) await stopDatabase(server);
  }
}

async function measureOne() {
  const [, , , size, output] = process.argv;
  writeFileSync(output!, JSON.stringify(await measureSize(Number(size), process.env)));
}

(process.argv[2] === 'measure' ? measureOne() : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
