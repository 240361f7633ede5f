// What bench:concurrency and bench:faults share: an embedded PostgreSQL and a fresh database of their
// own, the app's environment, the bench's changes and tokens (made through the use-cases), one timed
// HTTP client, the checks of what was acknowledged against the database, and the printed tables.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, DATA_DIR } from '../scripts/local-database.ts';
import { ensureStarted, stop as stopDatabase, type EmbeddedServer } from '../scripts/embedded-postgres.ts';
import { bin, prisma, run } from '../scripts/run.ts';
import { ensureBuild, startServer, stopServer } from './app-server.ts';

export type Db = typeof import('../lib/server/db.ts')['db'];

export type Person = { id: string; email: string; tokens: string[] };
export type BenchChange = { id: string; changeClass: 'standard' | 'normal'; authorId: string; authorEmail: string };
export type Fixtures = { people: Map<string, Person>; changes: BenchChange[]; serviceToken: string; cookie: string };

/** The demo people who review; the first three also file the bench's changes. */
export const REVIEWERS = ['engineer1@changeboard.test', 'engineer2@changeboard.test', 'staff1@changeboard.test', 'staff2@changeboard.test', 'manager1@changeboard.test'];
const AUTHORS = REVIEWERS.slice(0, 3);

/** One answer as the client saw it; times in ms since the bench's epoch (performance.now()). */
export type Sample = {
  kind: string;
  status: number;
  ms: number;
  sentAt: number;
  receivedAt: number;
  instance: number;
  requestId: string | null;
  body: unknown;
  /** Whether the answer is a replay of an earlier one (Idempotent-Replayed: true). */
  isReplayed: boolean;
  [key: string]: unknown;
};

export async function prepare({ pgPort, database, distDir, build }: { pgPort: number; database: string; distDir: string; build: string }) {
  const server: EmbeddedServer = { dataDir: path.join(DATA_DIR, `bench-postgres-${pgPort}`), port: pgPort };
  const isStartedHere = await ensureStarted(server);
  const { url } = await ensureDatabase(server, database, { fresh: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    CHANGEBOARD_DEMO_SIGN_IN: 'true',
    CHANGEBOARD_NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
    // The bench measures correctness under load, not the budgets: a person's budget (600/min) would
    // turn most of its calls into 429s. A 429 that still comes is counted in a column of its own.
    CHANGEBOARD_RATE_LIMIT_API_PERSONAL_PER_MINUTE: '10000000',
    CHANGEBOARD_RATE_LIMIT_API_SERVICE_PER_MINUTE: '10000000',
    // Two instances share one server; 50 clients need more than the default 10 connections each.
    CHANGEBOARD_DB_POOL_MAX: process.env.CHANGEBOARD_DB_POOL_MAX ?? '20',
  };
  await prisma(['migrate', 'deploy'], env);
  await run(bin('tsx'), ['prisma/seed.ts'], env);
  await ensureBuild(env, distDir, build);
  // The app's modules read DATABASE_URL on first use, which comes after this.
  process.env.DATABASE_URL = url;
  const { db } = await import('../lib/server/db.ts');
  return { server, isStartedHere, url, env, db };
}

type Prepared = Awaited<ReturnType<typeof prepare>>;

/** The bench's app instances on `ports`, each in its own process group and log; Ctrl-C stops them too. */
export function startApps(prepared: Prepared, ports: readonly number[], bench: string) {
  const logs = ports.map((port) => path.join(DATA_DIR, `bench-${bench}-${port}.log`));
  const apps = ports.map((port, index) => startServer(prepared.env, port, logs[index]!));
  const stopAll = () => apps.forEach((app) => stopServer(app));
  process.on('SIGINT', () => { stopAll(); process.exit(130); });
  return { apps, logs, stopAll };
}

/** Stops the apps, the bench's connection and the database server when the bench started it. */
export async function tearDown(prepared: Prepared, stopAll: () => void) {
  stopAll();
  await prepared.db.$disconnect();
  if (prepared.isStartedHere) await stopDatabase(prepared.server);
}

/** The machine's load before and after a run: these shared machines are noisy, so figures say it. */
export function loadAverageLine(before: readonly number[]): string {
  const format = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(' ');
  return `Load average (1/5/15 min): before ${format(before)}, after ${format(os.loadavg())}. ${new Date().toISOString()}, ${os.cpus().length} cores.`;
}

/** Runs a bench: exit 1 when one of its checks failed or it threw. */
export function runBench(main: () => Promise<Verdicts>): void {
  main().then(
    (verdicts) => process.exit(verdicts.isFailed ? 1 : 0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** `count` submitted changes (standard and normal alternately), personal tokens for each reviewer, a service token and a session cookie. */
export async function makeFixtures(db: Db, { count, tokensPerPerson, authSecret, label }: { count: number; tokensPerPerson: number; authSecret: string; label: string }): Promise<Fixtures> {
  const { createApiToken } = await import('../lib/server/api-tokens/create-api-token.ts');
  const { createChangeRequest } = await import('../lib/server/change-requests/create-change-request.ts');
  const { submitChangeRequest } = await import('../lib/server/change-requests/submit-change-request.ts');
  const { startAuthSession } = await import('../lib/server/auth/start-auth-session.ts');
  const { ZChangeRequestContent } = await import('../lib/schemas/change-request.ts');
  const { encode } = await import('next-auth/jwt');
  const select = { id: true, email: true, role: true, isStaffPlus: true, isActive: true, teamId: true } as const;
  const at = new Date();
  const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@changeboard.test' }, select });
  const people = new Map<string, Person>();
  const actors = new Map<string, Awaited<ReturnType<typeof db.user.findUniqueOrThrow<{ where: { email: string }; select: typeof select }>>>>();
  for (const email of REVIEWERS) {
    const actor = await db.user.findUniqueOrThrow({ where: { email }, select });
    actors.set(email, actor);
    const tokens: string[] = [];
    for (let index = 0; index < tokensPerPerson; index++) {
      tokens.push((await createApiToken({ actor, at, name: `${label} ${index}`, kind: 'personal' })).secret);
    }
    people.set(actor.id, { id: actor.id, email, tokens });
  }
  const changes: BenchChange[] = [];
  for (let index = 0; index < count; index++) {
    const authorEmail = AUTHORS[index % AUTHORS.length]!;
    const author = actors.get(authorEmail)!;
    const service = await db.service.findFirstOrThrow({ where: { teamId: author.teamId! }, select: { id: true } });
    const changeClass = index % 2 === 0 ? 'standard' : 'normal';
    const content = ZChangeRequestContent.parse({
      title: `${label} change ${index + 1}`, description: 'Made by the load bench.', changeClass, risk: 'low', teamId: author.teamId,
      serviceIds: [service.id], changedPaths: [`src/bench/${index}/v1.ts`], pullRequestUrls: [`https://git.example.com/bench/pull/${index + 1}`],
    });
    const { id } = await createChangeRequest({ actor: author, at, content });
    await submitChangeRequest({ actor: author, at, changeId: id, expectedVersion: 1 });
    changes.push({ id, changeClass, authorId: author.id, authorEmail });
  }
  const serviceToken = (await createApiToken({ actor: admin, at, name: `${label} service`, kind: 'service', scopes: ['gate:check', 'changes:read'] })).secret;
  const viewer = actors.get(REVIEWERS[3]!)!;
  const sessionId = await startAuthSession({ userId: viewer.id, method: 'bench', at, maxAgeSeconds: 3600 });
  const cookie = `authjs.session-token=${await encode({ token: { sessionId }, secret: authSecret, salt: 'authjs.session-token' })}`;
  return { people, changes, serviceToken, cookie };
}

// ── HTTP ────────────────────────────────────────────────────────────────────────────────────────

export const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

export type Call = { method: 'GET' | 'POST' | 'PATCH'; url: string; token?: string; cookie?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number };

/** Requests sent again because the app had closed an idle keep-alive connection as they were sent. */
export const resent = { count: 0 };

/**
 * One request; status 0 when no answer came (refused, reset, timed out). Never throws. A reset at
 * once on a reused keep-alive connection is the server closing it idle (Node's keepAliveTimeout)
 * before it read anything: sent once more on a new connection, as Node's documentation advises.
 */
export async function call(options: Call): ReturnType<typeof callOnce> {
  const first = await callOnce(options);
  if (!first.isStaleSocket) return first;
  resent.count += 1;
  return callOnce(options);
}

function callOnce({ method, url, token, cookie, body, headers = {}, timeoutMs = 15_000 }: Call): Promise<{ status: number; ms: number; sentAt: number; receivedAt: number; requestId: string | null; isReplayed: boolean; text: string; location: string | null; error?: string; isStaleSocket?: boolean }> {
  return new Promise((resolve) => {
    const sentAt = performance.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const finish = (status: number, text: string, response?: http.IncomingMessage, error?: string) => {
      const receivedAt = performance.now();
      resolve({ status, ms: receivedAt - sentAt, sentAt, receivedAt, text, error, isStaleSocket: status === 0 && error === 'ECONNRESET' && request.reusedSocket && !response,
        requestId: (response?.headers['x-request-id'] as string | undefined) ?? null,
        isReplayed: response?.headers['idempotent-replayed'] === 'true', location: response?.headers.location ?? null });
    };
    const request = http.request(url, {
      method, agent,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(cookie ? { cookie } : {}), ...(payload ? { 'content-type': 'application/json' } : {}), ...headers },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => finish(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), response));
      response.on('error', (error) => finish(0, '', undefined, error.message));
    });
    request.on('error', (error: NodeJS.ErrnoException) => finish(0, '', undefined, error.code ?? error.message));
    request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    request.end(payload);
  });
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export type ChangeJson = { id: string; version: number; contentVersion: number; status: string; approvals: { id: string; approver: { id: string }; contentVersion: number }[] };

export function isChangeJson(value: unknown): value is ChangeJson {
  return typeof value === 'object' && value !== null && 'contentVersion' in value && 'approvals' in value;
}

// ── Checks against the database ─────────────────────────────────────────────────────────────────

/** Acknowledged writes (2xx) that the database does not hold: approvals by id, edits by their content version row and audit event, gate decisions by id. */
export async function lostWrites(db: Db, samples: Sample[]): Promise<{ approvals: number; edits: number; gate: number; checked: number; examples: string[] }> {
  const examples: string[] = [];
  const acked = samples.filter((sample) => sample.status >= 200 && sample.status < 300);
  const approvalIds = [...new Set(acked.map((sample) => sample.approvalId).filter((id): id is string => typeof id === 'string'))];
  const foundApprovals = new Set((await db.approval.findMany({ where: { id: { in: approvalIds } }, select: { id: true } })).map((row) => row.id));
  const approvals = approvalIds.filter((id) => !foundApprovals.has(id));
  const ackedApprovals = acked.filter((sample) => sample.kind.startsWith('approve') || sample.kind.startsWith('double'));
  // An acknowledged approval whose answer does not name it is lost as well.
  const unnamed = ackedApprovals.filter((sample) => typeof sample.approvalId !== 'string');
  const edits = acked.filter((sample) => sample.kind === 'edit');
  const editRequestIds = edits.map((sample) => sample.requestId).filter((id): id is string => id !== null);
  const auditedEdits = new Set((await db.auditEvent.findMany({ where: { action: 'change.edited', requestId: { in: editRequestIds } }, select: { requestId: true } })).map((row) => row.requestId));
  let lostEdits = 0;
  for (const sample of edits) {
    const version = await db.changeRequestVersion.count({ where: { changeRequestId: sample.changeId as string, contentVersion: sample.contentVersionAfter as number } });
    if (version !== 1 || !sample.requestId || !auditedEdits.has(sample.requestId)) {
      lostEdits += 1;
      examples.push(`edit ${sample.requestId} of ${String(sample.changeId)} to version ${String(sample.contentVersionAfter)}`);
    }
  }
  const gates = acked.filter((sample) => sample.kind === 'gate' && typeof sample.gateId === 'string');
  const gateRows = new Map((await db.gateDecision.findMany({ where: { id: { in: gates.map((sample) => sample.gateId as string) } }, select: { id: true, result: true } })).map((row) => [row.id, row.result]));
  const lostGates = gates.filter((sample) => gateRows.get(sample.gateId as string) !== sample.decision);
  examples.push(...approvals.slice(0, 3).map((id) => `approval ${id}`), ...unnamed.slice(0, 3).map((sample) => `approval answer ${sample.requestId} names no approval`), ...lostGates.slice(0, 3).map((sample) => `gate decision ${String(sample.gateId)}`));
  return { approvals: approvals.length + unnamed.length, edits: lostEdits, gate: lostGates.length, checked: approvalIds.length + edits.length + gates.length, examples };
}

export async function verifyChain() {
  const { verifyAuditChain } = await import('../lib/server/audit-events/verify-chain.ts');
  return verifyAuditChain();
}

// ── Reporting ───────────────────────────────────────────────────────────────────────────────────

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** A Markdown table (so the README can take it as printed). */
export function printTable(header: string[], rows: string[][]) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => (cells[column] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width, column) => (column === 0 ? `${'-'.repeat(width + 1)}-` : `${'-'.repeat(width + 1)}:`)).join('|')}|`);
  for (const cells of rows) console.log(line(cells));
}

export class Verdicts {
  private failures = 0;
  check(isPass: boolean, text: string) {
    if (!isPass) this.failures += 1;
    console.log(`${isPass ? 'PASS' : 'FAIL'}  ${text}`);
  }
  get isFailed() {
    return this.failures > 0;
  }
}

export function shuffle<T>(items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
