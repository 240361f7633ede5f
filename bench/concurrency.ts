// Concurrency under load (issue 9, item 3). Run by hand:
//
//   npm run bench:concurrency            # 50 clients, 3 000 operations
//   npm run bench:concurrency -- --short # 20 clients, 400 operations (a CI-sized run)
//
// Options (environment): BENCH_CLIENTS (default 50), BENCH_REQUESTS (default 3000: operations; an
// edit also reads first, a double submit sends two), BENCH_CHANGES (default 100), BENCH_PG_PORT
// (54364), BENCH_APP_PORTS (3264,3265), BENCH_DIST_DIR (.next-3264) and BENCH_BUILD (auto|always|never)
// as for bench:gate.
//
// A fresh database with the demo data on an embedded PostgreSQL of its own, and TWO `next start`
// instances on it. Through the use-cases it files and submits ~100 changes (standard and normal) by
// three demo engineers, and mints personal tokens for the five demo reviewers and a service token.
// Then N clients send a shuffled mix, each request to the next instance in turn:
//   approve  POST /changes/{id}/approvals with the content version the client last read
//   edit     GET the change, then PATCH a material field with its row version (a new content version)
//   gate     POST /gate/check for production (a real, audited check: allow or deny)
//   double   one approval sent twice at once to both instances, with one Idempotency-Key or none
//   self     the author approves their own change (must be refused: 403)
//   stale    an approval naming a content version that is not current (must be refused: 409)
// Every answer is kept; afterwards the database is checked: no 5xx, no acknowledged approval, edit or
// gate decision missing, no duplicate approval, every approval on the version current when it
// committed (replayed in audit order), none by an author, every gate allow backed by enough approvals
// on the version current while it was answered, and the audit chain intact.
import os from 'node:os';
import { waitForServer } from './app-server.ts';
import {
  call, isChangeJson, loadAverageLine, resent, lostWrites, makeFixtures, parseJson, percentile, pick, prepare, printTable, runBench, shuffle, startApps, tearDown, verifyChain, Verdicts,
  type BenchChange, type ChangeJson, type Fixtures, type Sample,
} from './load-kit.ts';

const isShort = process.argv.includes('--short');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? (isShort ? 20 : 50));
const OPERATIONS = Number(process.env.BENCH_REQUESTS ?? (isShort ? 400 : 3000));
const CHANGES = Number(process.env.BENCH_CHANGES ?? (isShort ? 40 : 100));
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54364);
const APP_PORTS = (process.env.BENCH_APP_PORTS ?? '3264,3265').split(',').map(Number);
const DIST_DIR = process.env.BENCH_DIST_DIR ?? `.next-${APP_PORTS[0]}`;
const BASES = APP_PORTS.map((port) => `http://127.0.0.1:${port}`);

/** Shares of the mix (a double submit is two requests). */
const MIX = { approve: 40, edit: 10, gate: 30, double: 8, self: 6, stale: 6 } as const;
type Operation = keyof typeof MIX;

const samples: Sample[] = [];
let nextInstance = 0;
const instance = () => nextInstance++ % BASES.length;

type Client = { known: Map<string, { contentVersion: number; version: number }> };

function learn(client: Client, body: unknown) {
  if (isChangeJson(body)) client.known.set(body.id, { contentVersion: body.contentVersion, version: body.version });
}

function record(kind: string, target: number, result: Awaited<ReturnType<typeof call>>, extra: Record<string, unknown> = {}): Sample {
  const body = parseJson(result.text);
  const sample: Sample = { kind, instance: target, status: result.status, ms: result.ms, sentAt: result.sentAt, receivedAt: result.receivedAt, requestId: result.requestId, isReplayed: result.isReplayed, body, ...extra };
  if (result.status >= 500 || result.status === 0) sample.error = result.error ?? result.text.slice(0, 200);
  const code = (body as { error?: { code?: string } } | null)?.error?.code;
  if (code) sample.code = code;
  samples.push(sample);
  return sample;
}

/** The approval an acknowledged answer names: the approver's decision on the version sent. */
function approvalIdOf(body: unknown, approverId: string, contentVersion: number): string | undefined {
  if (!isChangeJson(body)) return undefined;
  return (body as ChangeJson).approvals.find((approval) => approval.approver.id === approverId && approval.contentVersion === contentVersion)?.id;
}

async function approve(kind: string, client: Client, change: BenchChange, approverId: string, token: string, contentVersion: number, headers: Record<string, string> = {}, target = instance()) {
  const result = await call({ method: 'POST', url: `${BASES[target]}/api/v1/changes/${change.id}/approvals`, token, body: { decision: 'approve', version: contentVersion }, headers });
  const sample = record(kind, target, result, { changeId: change.id, approverId, contentVersion });
  if (result.status === 201) sample.approvalId = approvalIdOf(sample.body, approverId, contentVersion);
  learn(client, sample.body);
  // A reviewer told the change was edited reloads it (so the next decision names the new version).
  if (sample.code === 'STALE_VERSION' && kind !== 'stale') await read(client, change, token);
  return sample;
}

async function read(client: Client, change: BenchChange, token: string) {
  const target = instance();
  const sample = record('read', target, await call({ method: 'GET', url: `${BASES[target]}/api/v1/changes/${change.id}`, token }), { changeId: change.id });
  learn(client, sample.body);
}

async function runOperation(operation: Operation, client: Client, fixtures: Fixtures) {
  const change = pick(fixtures.changes);
  const reviewers = [...fixtures.people.values()].filter((person) => person.id !== change.authorId);
  const reviewer = pick(reviewers);
  const author = fixtures.people.get(change.authorId)!;
  const known = client.known.get(change.id) ?? { contentVersion: 1, version: 2 };
  switch (operation) {
    case 'approve':
      await approve('approve', client, change, reviewer.id, pick(reviewer.tokens), known.contentVersion);
      return;
    case 'edit': {
      const token = pick(author.tokens);
      await read(client, change, token);
      const { version } = client.known.get(change.id) ?? known;
      const target = instance();
      // changedPaths is material: a new content version, approvals so far stay on the old one.
      const result = await call({ method: 'PATCH', url: `${BASES[target]}/api/v1/changes/${change.id}`, token, body: { version, changedPaths: [`src/bench/${change.id}/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.ts`] } });
      const sample = record('edit', target, result, { changeId: change.id });
      if (isChangeJson(sample.body)) sample.contentVersionAfter = sample.body.contentVersion;
      learn(client, sample.body);
      return;
    }
    case 'gate': {
      const target = instance();
      const result = await call({ method: 'POST', url: `${BASES[target]}/api/v1/gate/check`, token: fixtures.serviceToken, body: { changeId: change.id, environment: 'production' } });
      const body = parseJson(result.text) as { id?: string; decision?: string } | null;
      record('gate', target, result, { changeId: change.id, gateId: body?.id, decision: body?.decision });
      return;
    }
    case 'double': {
      // Both copies at once, one to each instance; half the pairs share an Idempotency-Key.
      const isKeyed = Math.random() < 0.5;
      const kind = isKeyed ? 'double (same key)' : 'double (no key)';
      const headers: Record<string, string> = isKeyed ? { 'idempotency-key': `bench-${crypto.randomUUID()}` } : {};
      const token = pick(reviewer.tokens);
      const pair = await Promise.all([0, 1].map((target) => approve(kind, client, change, reviewer.id, token, known.contentVersion, headers, target % BASES.length)));
      pair[0]!.pair = pair[1]!.pair = crypto.randomUUID();
      return;
    }
    case 'self':
      await approve('self', client, change, author.id, pick(author.tokens), known.contentVersion);
      return;
    case 'stale': {
      // Versions only grow: one below the known one is stale for sure, and 1 000 is never reached.
      const stale = known.contentVersion > 1 ? known.contentVersion - 1 : 1000;
      await approve('stale', client, change, reviewer.id, pick(reviewer.tokens), stale);
      return;
    }
  }
}

// ── Checks ──────────────────────────────────────────────────────────────────────────────────────

type Db = Awaited<ReturnType<typeof prepare>>['db'];
type Event = { seq: bigint; action: string; actorId: string | null; entityId: string | null; requestId: string | null; changeSet: unknown };

async function checkInvariants(db: Db, fixtures: Fixtures, verdicts: Verdicts) {
  const { evaluateApprovals } = await import('../lib/policy/approval-rules.ts');
  const changeIds = fixtures.changes.map((change) => change.id);
  const byId = new Map(fixtures.changes.map((change) => [change.id, change]));

  const serverErrors = samples.filter((sample) => sample.status >= 500 || sample.status === 0);
  const errorKinds = new Map<string, number>();
  for (const sample of serverErrors) {
    const key = `${sample.kind} ${sample.status === 0 ? `no answer (${String(sample.error)} after ${(sample.ms / 1000).toFixed(1)} s)` : `${sample.status} ${String(sample.code ?? '')}`}`;
    errorKinds.set(key, (errorKinds.get(key) ?? 0) + 1);
  }
  verdicts.check(serverErrors.length === 0, `no 5xx and no unanswered request (${serverErrors.length} of ${samples.length}${serverErrors.length ? `: ${[...errorKinds].map(([key, count]) => `${count} × ${key}`).join(', ')}; the apps' logs: .data/bench-concurrency-<port>.log` : ''})`);

  const lost = await lostWrites(db, samples);
  verdicts.check(lost.approvals + lost.edits + lost.gate === 0, `no acknowledged write lost (${lost.checked} checked: ${lost.approvals} approvals, ${lost.edits} edits, ${lost.gate} gate decisions missing)${lost.examples.length ? ` e.g. ${lost.examples.join('; ')}` : ''}`);

  const approvals = await db.approval.findMany({ where: { changeRequestId: { in: changeIds } }, select: { id: true, changeRequestId: true, approverId: true, contentVersion: true, decision: true, wasStaffPlus: true, decidedAt: true } });
  const keys = new Map<string, number>();
  for (const row of approvals) keys.set(`${row.changeRequestId}/${row.approverId}/${row.contentVersion}`, (keys.get(`${row.changeRequestId}/${row.approverId}/${row.contentVersion}`) ?? 0) + 1);
  const duplicates = [...keys.values()].filter((count) => count > 1).length;
  verdicts.check(duplicates === 0, `no duplicate approval for one (change, approver, content version) (${approvals.length} approvals, ${duplicates} duplicated)`);

  // Each stored approval answers exactly one acknowledged request (a replay repeats the same one).
  const acked = samples.filter((sample) => sample.status === 201 && typeof sample.approvalId === 'string');
  const ackedIds = new Set(acked.map((sample) => sample.approvalId as string));
  const firstAcks = acked.filter((sample) => !sample.isReplayed);
  const doubleAcked = firstAcks.length - new Set(firstAcks.map((sample) => sample.approvalId)).size;
  const unacknowledged = approvals.filter((row) => !ackedIds.has(row.id)).length;
  verdicts.check(doubleAcked === 0 && unacknowledged === 0, `every approval row acknowledged exactly once, replays aside (${firstAcks.length} first acknowledgements, ${doubleAcked} acknowledged twice, ${unacknowledged} rows nobody was told about)`);
  const mismatched = acked.filter((sample) => approvals.find((row) => row.id === sample.approvalId)?.contentVersion !== sample.contentVersion).length;

  const pairs = new Map<string, Sample[]>();
  for (const sample of samples.filter((item) => typeof item.pair === 'string')) pairs.set(sample.pair as string, [...(pairs.get(sample.pair as string) ?? []), sample]);
  const pairStats = { both: 0, replayed: 0, oneRefused: 0, neither: 0 };
  for (const pair of pairs.values()) {
    const created = pair.filter((sample) => sample.status === 201);
    if (created.length === 2) pairStats[created.some((sample) => sample.isReplayed) ? 'replayed' : 'both'] += 1;
    else if (created.length === 1) pairStats.oneRefused += 1;
    else pairStats.neither += 1;
  }
  verdicts.check(pairStats.both === 0, `double submits: never two new approvals from one pair (${pairs.size} pairs: ${pairStats.oneRefused} one stored + one refused, ${pairStats.replayed} one stored + its replay, ${pairStats.neither} both refused, ${pairStats.both} two created)`);

  const refusedKinds = (kind: string, allowed: number[]) => samples.filter((sample) => sample.kind === kind && !allowed.includes(sample.status));
  const selfAccepted = refusedKinds('self', [403, 422]);
  verdicts.check(selfAccepted.length === 0, `self-approval attempts refused with 403/422 (${samples.filter((sample) => sample.kind === 'self').length} sent, ${selfAccepted.length} otherwise: ${[...new Set(selfAccepted.map((sample) => sample.status))].join(', ')})`);
  const authorApprovals = approvals.filter((row) => byId.get(row.changeRequestId)?.authorId === row.approverId).length;
  verdicts.check(authorApprovals === 0, `no approval stored by a change's author (${authorApprovals})`);
  const staleAccepted = refusedKinds('stale', [409, 422]);
  verdicts.check(staleAccepted.length === 0, `stale-version approvals refused with 409/422 (${samples.filter((sample) => sample.kind === 'stale').length} sent, ${staleAccepted.length} otherwise: ${[...new Set(staleAccepted.map((sample) => sample.status))].join(', ')})`);

  // Replay each change's history in audit order: the change row is locked by every edit and
  // approval, and the audit append comes last in each, so seq order is commit order per change.
  const events = (await db.auditEvent.findMany({
    where: { entityType: 'change', entityId: { in: changeIds }, action: { in: ['change.edited', 'change.approved', 'change.rejected'] } },
    select: { seq: true, action: true, actorId: true, entityId: true, requestId: true, changeSet: true }, orderBy: { seq: 'asc' },
  })) as Event[];
  const timing = new Map(samples.filter((sample) => sample.requestId).map((sample) => [sample.requestId!, sample]));
  const approvalByKey = new Map(approvals.map((row) => [`${row.changeRequestId}/${row.approverId}/${row.contentVersion}`, row]));
  type Step = { contentVersion: number; approvals: typeof approvals; sentAt: number; receivedAt: number };
  const histories = new Map<string, Step[]>(changeIds.map((id) => [id, [{ contentVersion: 1, approvals: [], sentAt: -Infinity, receivedAt: -Infinity }]]));
  let offVersion = 0;
  let auditedApprovals = 0;
  for (const event of events) {
    const steps = histories.get(event.entityId!)!;
    const last = steps.at(-1)!;
    const changeSet = event.changeSet as { contentVersion?: number | { new: number } };
    // Events of requests the bench did not see (none expected) may have committed at any time.
    const request = event.requestId ? timing.get(event.requestId) : undefined;
    const window = { sentAt: request?.sentAt ?? -Infinity, receivedAt: request?.receivedAt ?? Infinity };
    if (event.action === 'change.edited') {
      const next = (changeSet.contentVersion as { new: number }).new;
      steps.push({ contentVersion: next, approvals: last.approvals, ...window });
    } else {
      auditedApprovals += 1;
      const version = changeSet.contentVersion as number;
      if (version !== last.contentVersion) offVersion += 1;
      const row = approvalByKey.get(`${event.entityId}/${event.actorId}/${version}`);
      steps.push({ contentVersion: last.contentVersion, approvals: row ? [...last.approvals, row] : last.approvals, ...window });
    }
  }
  verdicts.check(offVersion === 0 && mismatched === 0 && auditedApprovals === approvals.length,
    `every approval counts for the version its request named and that was current when it committed (${offVersion} off-version in audit order, ${mismatched} stored under another version than sent; ${auditedApprovals} audit events for ${approvals.length} rows)`);

  // A gate answer read the database at some instant between its request's send and its answer. It
  // saw the state after a prefix of its change's history that holds at least every event answered
  // before the gate request was sent and none sent after the gate answered. An allow is wrong only
  // if no such prefix had enough approvals on its current version.
  const allows = samples.filter((sample) => sample.kind === 'gate' && sample.decision === 'allow');
  let unbacked = 0;
  for (const gate of allows) {
    const change = byId.get(gate.changeId as string)!;
    const steps = histories.get(change.id)!;
    let from = 0;
    steps.forEach((step, index) => { if (step.receivedAt < gate.sentAt) from = index; });
    let to = steps.findIndex((step) => step.sentAt > gate.receivedAt);
    to = to === -1 ? steps.length - 1 : to - 1;
    const isBacked = steps.slice(Math.min(from, to), Math.max(from, to) + 1).some((step) =>
      evaluateApprovals({ changeClass: change.changeClass, authorId: change.authorId, contentVersion: step.contentVersion, adrUrl: null }, step.approvals).state === 'approved');
    if (!isBacked) unbacked += 1;
  }
  const gateCounts = { allow: allows.length, deny: samples.filter((sample) => sample.kind === 'gate' && sample.decision === 'deny').length };
  verdicts.check(unbacked === 0, `every gate allow had its class's approvals on the content version current while it answered (${gateCounts.allow} allows, ${gateCounts.deny} denies, ${unbacked} unbacked)`);

  const chain = await verifyChain();
  verdicts.check(chain.ok, `audit chain verifies (${chain.checked} events${chain.firstBroken ? `; first broken: ${JSON.stringify(chain.firstBroken)}` : ''})`);
}

function report(seconds: number) {
  const kinds = [...new Set(samples.map((sample) => sample.kind))].sort();
  const statuses = [...new Set(samples.map((sample) => sample.status))].sort((a, b) => a - b);
  const header = ['kind', ...statuses.map((status) => (status === 0 ? 'no answer' : String(status))), 'total', 'p50 ms', 'p99 ms'];
  const rows = kinds.map((kind) => {
    const ofKind = samples.filter((sample) => sample.kind === kind);
    return [kind, ...statuses.map((status) => String(ofKind.filter((sample) => sample.status === status).length)), String(ofKind.length),
      percentile(ofKind.map((sample) => sample.ms), 0.5).toFixed(0), percentile(ofKind.map((sample) => sample.ms), 0.99).toFixed(0)];
  });
  rows.push(['all', ...statuses.map((status) => String(samples.filter((sample) => sample.status === status).length)), String(samples.length),
    percentile(samples.map((sample) => sample.ms), 0.5).toFixed(0), percentile(samples.map((sample) => sample.ms), 0.99).toFixed(0)]);
  console.log(`\n${samples.length} requests (${OPERATIONS} operations) from ${CLIENTS} clients over ${BASES.length} instances in ${seconds.toFixed(1)} s: ${(samples.length / seconds).toFixed(0)} requests/s.\n`);
  printTable(header, rows);
  const codes = new Map<string, number>();
  for (const sample of samples.filter((item) => typeof item.code === 'string')) codes.set(`${sample.kind} ${sample.status} ${String(sample.code)}`, (codes.get(`${sample.kind} ${sample.status} ${String(sample.code)}`) ?? 0) + 1);
  console.log(`\nRefusals by code: ${[...codes].sort().map(([key, count]) => `${key} × ${count}`).join('; ')}.`);
  const perInstance = BASES.map((_, index) => samples.filter((sample) => sample.instance === index).length);
  console.log(`\nRequests per instance: ${perInstance.join(' / ')}. 429 (rate limited) would be a column of its own; it is not an error. Sent again after an idle keep-alive connection was closed under them: ${resent.count}.\n`);
}

async function main() {
  const loadBefore = os.loadavg();
  const prepared = await prepare({ pgPort: PG_PORT, database: 'changeboard_bench_concurrency', distDir: DIST_DIR, build: process.env.BENCH_BUILD ?? 'auto' });
  const { env, db } = prepared;
  const { apps, stopAll } = startApps(prepared, APP_PORTS, 'concurrency');
  const verdicts = new Verdicts();
  try {
    console.log(`Filing ${CHANGES} changes and minting tokens…`);
    const fixtures = await makeFixtures(db, { count: CHANGES, tokensPerPerson: 4, authSecret: env.AUTH_SECRET!, label: 'bench:concurrency' });
    await Promise.all(apps.map((app, index) => waitForServer(app, BASES[index]!)));

    const operations = shuffle(Object.entries(MIX).flatMap(([operation, share]) => Array.from({ length: Math.round((OPERATIONS * share) / 100) }, () => operation as Operation)));
    console.log(`Running ${operations.length} operations from ${CLIENTS} clients…`);
    const started = performance.now();
    let cursor = 0;
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      const client: Client = { known: new Map() };
      while (cursor < operations.length) await runOperation(operations[cursor++]!, client, fixtures);
    }));
    const seconds = (performance.now() - started) / 1000;
    report(seconds);
    await checkInvariants(db, fixtures, verdicts);
    console.log(`\n${loadAverageLine(loadBefore)}`);
  } finally {
    await tearDown(prepared, stopAll);
  }
  return verdicts;
}

runBench(main);
