// Deploy gate speed (issue 4, item 9). Run by hand:
//
//   npm run bench:gate
//
// Options (environment): BENCH_PG_PORT (default 54361) and BENCH_APP_PORT (default 3260) pick the
// bench's own ports; BENCH_DIST_DIR (default .next-<app port>) its own build folder, reused while no
// source file is newer than it (BENCH_BUILD=always forces a build, BENCH_BUILD=never reuses the one
// there, e.g. while others edit unrelated files in a shared checkout); BENCH_RATE (default 100 requests/s)
// and BENCH_PACED_SECONDS (default 20) the paced phase; BENCH_CONNECTIONS (default 20) and
// BENCH_MAX_SECONDS (default 15) the throughput phase.
//
// Starts a production build (`next start`) against an embedded PostgreSQL of its own (data in
// .data/bench-postgres-<port>, a fresh database with the demo data each run), mints a service token
// with gate:check and changes:read, and measures in one run, side by side:
//   - the gate: POST /api/v1/gate/check, a real check (recorded and audited, as pipelines do) of an
//     approved change to production;
//   - the baseline: GET /api/v1/me, the same framework and the same token authentication (one indexed
//     read), and nothing else: the floor every /api/v1 call pays, so gate/baseline is what the gate's
//     own work costs.
// Phase 1 sends requests evenly paced (one every 10 ms at 100/s) from an open-loop client timed with
// process.hrtime, not autocannon's overallRate: that sends each second's quota in a burst at the start
// of the second (measured here, STACK.md), which measures queueing behind the burst, not the endpoint.
// Phase 2 is autocannon at full speed with N connections. Each phase runs in halves interleaved
// A B B A, because this machine drifts 15–30 % between runs (STACK.md): compare within a run.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ensureDatabase, DATA_DIR, PROJECT_ROOT } from '../scripts/local-database.ts';
import { ensureBuild, startServer, stopServer, waitForServer } from './app-server.ts';
import { ensureStarted, stop as stopDatabase } from '../scripts/embedded-postgres.ts';
import { bin, prisma, run } from '../scripts/run.ts';

const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54361);
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3260);
const DIST_DIR = process.env.BENCH_DIST_DIR ?? `.next-${APP_PORT}`;
const RATE = Number(process.env.BENCH_RATE ?? 100);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 15);
const BASE_URL = `http://127.0.0.1:${APP_PORT}`;
const BUILD = process.env.BENCH_BUILD ?? 'auto';

/** The targets of issue 4, item 9. */
const TARGET_P99_MS = 50;
const TARGET_RATIO = 0.4;

type Endpoint = { label: string; method: 'GET' | 'POST'; path: string; body?: string };
type Paced = { latencies: number[]; errors: number; sent: number; seconds: number };
type Throughput = { ok: number; errors: number; seconds: number };

// ── Setup ───────────────────────────────────────────────────────────────────────────────────────

/** Where the app's output goes: autocannon ends each run by closing connections with requests in flight, which the app logs. */
const SERVER_LOG = path.join(DATA_DIR, `bench-gate-${APP_PORT}.log`);

/** CPU seconds used so far by every process in the server's process group (Linux /proc). */
function groupCpuSeconds(groupId: number): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== groupId) continue;
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

// ── Load ────────────────────────────────────────────────────────────────────────────────────────

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** One request on a keep-alive agent: its latency in ms, or null when it failed (network or non-2xx). */
function timedRequest(agent: http.Agent, endpoint: Endpoint, token: string): Promise<number | null> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const request = http.request(`${BASE_URL}${endpoint.path}`, {
      method: endpoint.method, agent,
      headers: { authorization: `Bearer ${token}`, ...(endpoint.body ? { 'content-type': 'application/json' } : {}) },
    }, (response) => {
      response.resume();
      response.on('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        resolve(response.statusCode && response.statusCode < 300 ? ms : null);
      });
    });
    request.on('error', () => resolve(null));
    request.setTimeout(10_000, () => request.destroy());
    request.end(endpoint.body);
  });
}

/**
 * Open loop: request i is sent at start + i / rate, whether or not earlier ones have answered, so a
 * slow answer delays nothing after it (no coordinated omission). Latency is send to last byte.
 */
async function paced(endpoint: Endpoint, token: string, seconds: number, rate: number): Promise<Paced> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(seconds * rate);
  const interval = 1000 / rate;
  const pending: Promise<number | null>[] = [];
  const start = performance.now();
  for (let index = 0; index < total; index++) {
    const due = start + index * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(timedRequest(agent, endpoint, token));
  }
  const results = await Promise.all(pending);
  agent.destroy();
  const latencies = results.filter((value): value is number => value !== null);
  return { latencies, errors: results.length - latencies.length, sent: results.length, seconds: (performance.now() - start) / 1000 };
}

async function flat(endpoint: Endpoint, token: string, seconds: number): Promise<Throughput> {
  const result = await autocannon({
    url: `${BASE_URL}${endpoint.path}`, method: endpoint.method, connections: CONNECTIONS, duration: seconds,
    headers: { authorization: `Bearer ${token}`, ...(endpoint.body ? { 'content-type': 'application/json' } : {}) },
    body: endpoint.body,
  });
  return { ok: result['2xx'], errors: result.non2xx + result.errors, seconds: result.duration };
}

/** Runs `measure` for both endpoints in halves, A B B A, and merges each endpoint's halves. */
async function interleaved<T>(endpoints: [Endpoint, Endpoint], measure: (endpoint: Endpoint) => Promise<T>, merge: (a: T, b: T) => T): Promise<[T, T]> {
  const [gate, baseline] = endpoints;
  const a1 = await measure(gate);
  const b1 = await measure(baseline);
  const b2 = await measure(baseline);
  const a2 = await measure(gate);
  return [merge(a1, a2), merge(b1, b2)];
}

// ── Main ────────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const loadBefore = os.loadavg();
  const database = { dataDir: path.join(DATA_DIR, `bench-postgres-${PG_PORT}`), port: PG_PORT };
  // Stopped at the end only if this run started it.
  const isDatabaseStartedHere = await ensureStarted(database);
  const { url } = await ensureDatabase(database, 'changeboard_bench_gate', { fresh: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    // The app refuses to start without a sign-in method; the bench signs in with tokens only.
    CHANGEBOARD_DEMO_SIGN_IN: 'true',
    CHANGEBOARD_NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  await prisma(['migrate', 'deploy'], env);
  await run(bin('tsx'), ['prisma/seed.ts'], env);
  await ensureBuild(env, DIST_DIR, BUILD);

  // The app's modules read DATABASE_URL on first use, which comes after this.
  process.env.DATABASE_URL = url;
  const { db } = await import('../lib/server/db.ts');
  const { createApiToken } = await import('../lib/server/api-tokens/create-api-token.ts');
  const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@changeboard.test' }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } });
  const token = await createApiToken({ actor: admin, at: new Date(), name: 'bench:gate', kind: 'service', scopes: ['gate:check', 'changes:read'] });
  const change = await db.changeRequest.findFirstOrThrow({ where: { title: { startsWith: 'Enable new checkout flow' }, status: 'approved' }, select: { id: true, number: true } });

  const gate: Endpoint = { label: 'gate (POST /api/v1/gate/check)', method: 'POST', path: '/api/v1/gate/check', body: JSON.stringify({ changeId: change.id, environment: 'production' }) };
  const baseline: Endpoint = { label: 'baseline (GET /api/v1/me)', method: 'GET', path: '/api/v1/me' };

  const app = startServer(env, APP_PORT, SERVER_LOG);
  const stop = () => stopServer(app);
  process.on('SIGINT', () => { stop(); process.exit(130); });
  try {
    await waitForServer(app, BASE_URL);
    const first = await fetch(`${BASE_URL}${gate.path}`, { method: 'POST', headers: { authorization: `Bearer ${token.secret}`, 'content-type': 'application/json' }, body: gate.body });
    const decision = (await first.json()) as { decision?: string; reasons?: { code: string }[] };
    if (first.status !== 200) throw new Error(`The gate answered ${first.status}: ${JSON.stringify(decision)}`);
    console.log(`The gate answers ${decision.decision}${decision.reasons?.length ? ` (${decision.reasons.map((reason) => reason.code).join(', ')})` : ''} for CHG-${change.number} now; every check below is a real one.`);

    // Warm-up: JIT, connection pools, Next's route modules.
    for (const endpoint of [gate, baseline]) await paced(endpoint, token.secret, 3, 50);

    const groupId = app.pid!;
    const cpu = { gate: 0, baseline: 0 };
    const measureCpu = <T>(endpoint: Endpoint, measure: () => Promise<T>) => async () => {
      const before = groupCpuSeconds(groupId);
      const result = await measure();
      cpu[endpoint === gate ? 'gate' : 'baseline'] += groupCpuSeconds(groupId) - before;
      return result;
    };

    console.log(`Phase 1: ${RATE} requests/s evenly paced, ${PACED_SECONDS} s per endpoint (halves, A B B A)…`);
    const [pacedGate, pacedBaseline] = await interleaved([gate, baseline], (endpoint) => measureCpu(endpoint, () => paced(endpoint, token.secret, PACED_SECONDS / 2, RATE))(),
      (a, b) => ({ latencies: [...a.latencies, ...b.latencies], errors: a.errors + b.errors, sent: a.sent + b.sent, seconds: a.seconds + b.seconds }));
    const cpuPerRequest = { gate: (cpu.gate / pacedGate.sent) * 1000, baseline: (cpu.baseline / pacedBaseline.sent) * 1000 };

    console.log(`Phase 2: full speed with ${CONNECTIONS} connections, ${MAX_SECONDS} s per endpoint (halves, A B B A)…`);
    const [flatGate, flatBaseline] = await interleaved([gate, baseline], (endpoint) => flat(endpoint, token.secret, MAX_SECONDS / 2),
      (a, b) => ({ ok: a.ok + b.ok, errors: a.errors + b.errors, seconds: a.seconds + b.seconds }));

    const audited = await db.auditEvent.count({ where: { action: 'gate.checked' } });
    const loadAfter = os.loadavg();

    // ── Report ──
    const rps = (result: Throughput) => result.ok / result.seconds;
    const row = (label: string, p: Paced, f: Throughput, cpuMs: number) => {
      const sorted = [...p.latencies].sort((x, y) => x - y);
      return [label, ...[0.5, 0.9, 0.99].map((q) => percentile(sorted, q).toFixed(1)), (sorted.at(-1) ?? NaN).toFixed(1), String(p.errors), cpuMs.toFixed(2), rps(f).toFixed(0), String(f.errors)];
    };
    const header = ['endpoint', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'app CPU ms/req', 'max req/s', 'errors'];
    const rows = [row(gate.label, pacedGate, flatGate, cpuPerRequest.gate), row(baseline.label, pacedBaseline, flatBaseline, cpuPerRequest.baseline)];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
    const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
    console.log(`\nGate versus baseline, one run on ${os.cpus().length} cores; phase 1 at ${RATE}/s for ${PACED_SECONDS} s each, phase 2 with ${CONNECTIONS} connections for ${MAX_SECONDS} s each:\n`);
    console.log(line(header));
    for (const cells of rows) console.log(line(cells));

    const gateP99 = percentile([...pacedGate.latencies].sort((x, y) => x - y), 0.99);
    const ratio = rps(flatGate) / rps(flatBaseline);
    const verdict = (isPass: boolean) => (isPass ? 'PASS' : 'FAIL');
    console.log(`\ngate/baseline throughput ratio: ${ratio.toFixed(2)}`);
    console.log(`${verdict(gateP99 < TARGET_P99_MS)}  gate p99 at ${RATE}/s below ${TARGET_P99_MS} ms (${gateP99.toFixed(1)} ms)`);
    console.log(`${verdict(pacedGate.errors === 0 && flatGate.errors === 0)}  gate answers without errors (${pacedGate.errors} paced, ${flatGate.errors} at full speed)`);
    console.log(`${verdict(ratio >= TARGET_RATIO)}  gate/baseline throughput at least ${TARGET_RATIO} (${ratio.toFixed(2)})`);
    const serverLog = readFileSync(SERVER_LOG, 'utf8');
    const [failedClosed, resets] = [/failed closed/g, /ECONNRESET/g].map((pattern) => serverLog.match(pattern)?.length ?? 0);
    console.log(`\nThe app's log (${path.relative(PROJECT_ROOT, SERVER_LOG)}) has ${failedClosed} checks that failed closed, ${resets} of them ECONNRESET: a connection autocannon closed mid-request as a run ended.`);
    console.log(`${audited.toLocaleString('en')} real checks audited. Load average (1/5/15 min): before ${loadBefore.map((value) => value.toFixed(2)).join(' ')}, after ${loadAfter.map((value) => value.toFixed(2)).join(' ')}.`);
  } finally {
    stop();
    await db.$disconnect();
    if (isDatabaseStartedHere) await stopDatabase(database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
