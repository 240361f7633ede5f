// Faults under load (issue 9, item 4). Run by hand:
//
//   npm run bench:faults            # ~60 s of load: database killed at 15 s for 10 s, an app killed at 40 s
//   npm run bench:faults -- --short # ~30 s: database killed at 6 s for 5 s, an app killed at 18 s
//
// Options (environment): BENCH_CLIENTS (default 16), BENCH_PG_PORT (54365), BENCH_APP_PORTS
// (3266,3267), BENCH_DIST_DIR (default .next-3264: the build of bench:concurrency) and BENCH_BUILD.
//
// A fresh database with the demo data on an embedded PostgreSQL of its own and two `next start`
// instances on it. Through the use-cases: 30 submitted changes, half of them approved (so the gate
// would allow them), personal tokens, a service token and a signed-in session. A steady load runs
// against both instances: gate checks (service token), approvals and material edits (personal
// tokens) and the change page (session cookie).
//   Fault 1: the PostgreSQL postmaster and its backends are SIGKILLed (a crashed database host), kept
//   down, then started again; the apps are left alone. Measured: gate answers while it is down (no
//   allow, ever; every answer a deny within seconds), what the page shows, and how long the apps
//   take to recover by themselves.
//   Fault 2: one app instance's process group is SIGKILLed mid-load and started again: its requests
//   fail (refused) while it is down and succeed after; the other instance carries on.
// Afterwards every acknowledged write (2xx approval, edit, gate decision) must be in the database and
// the audit chain must verify.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATA_DIR } from '../scripts/local-database.ts';
import { ensureStarted } from '../scripts/embedded-postgres.ts';
import { DEMO_PASSWORD } from '../lib/demo/demo-accounts.ts';
import { OUTAGE_HEADING } from '../lib/outage/unavailable-page.ts';
import { startServer, waitForServer } from './app-server.ts';
import { call, isChangeJson, loadAverageLine, resent, lostWrites, makeFixtures, parseJson, percentile, pick, prepare, printTable, runBench, startApps, tearDown, verifyChain, Verdicts, type Fixtures, type Sample } from './load-kit.ts';

const isShort = process.argv.includes('--short');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54365);
const APP_PORTS = (process.env.BENCH_APP_PORTS ?? '3266,3267').split(',').map(Number);
const DIST_DIR = process.env.BENCH_DIST_DIR ?? '.next-3264';
const BASES = APP_PORTS.map((port) => `http://127.0.0.1:${port}`);
/** Seconds from the start of the load. */
const PLAN = isShort ? { dbKill: 6, dbDown: 5, appKill: 18, end: 30 } : { dbKill: 15, dbDown: 10, appKill: 40, end: 60 };
/** The gate must answer deny within this many seconds while the database is down (db.ts gives up connecting after 5 s). */
const DENY_WITHIN_MS = 8_000;

const PAGE_FILE = path.join(DATA_DIR, 'bench-faults-error-page.html');

const samples: Sample[] = [];
let nextInstance = 0;
/** Times in ms since the load started (performance.now() based, like the samples). */
const marks: Record<string, number> = {};

/** What a browser shows before its scripts run: the text outside scripts and styles. */
function pageText(html: string): string {
  return html.replace(/<(script|style|template)[^>]*>.*?<\/\1>/gis, ' ').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
}

async function operation(fixtures: Fixtures, approved: Set<string>) {
  const target = nextInstance++ % BASES.length;
  const base = BASES[target]!;
  const roll = Math.random();
  const change = roll < 0.5 ? pick(fixtures.changes.filter((item) => approved.has(item.id))) : pick(fixtures.changes);
  const record = (kind: string, result: Awaited<ReturnType<typeof call>>, extra: Record<string, unknown> = {}) => {
    const sample: Sample = { kind, instance: target, status: result.status, ms: result.ms, sentAt: result.sentAt, receivedAt: result.receivedAt, requestId: result.requestId, isReplayed: result.isReplayed, body: null, error: result.error, ...extra };
    samples.push(sample);
    return sample;
  };
  if (roll < 0.5) {
    const result = await call({ method: 'POST', url: `${base}/api/v1/gate/check`, token: fixtures.serviceToken, body: { changeId: change.id, environment: 'production' } });
    const body = parseJson(result.text) as { id?: string; decision?: string; reasons?: { code: string }[] } | null;
    record('gate', result, { changeId: change.id, gateId: body?.id, decision: body?.decision, reason: body?.reasons?.[0]?.code });
  } else if (roll < 0.85) {
    // Read the change first (as a pipeline or a reviewer would), then approve or edit what was read.
    const isEdit = roll >= 0.72;
    const person = isEdit ? fixtures.people.get(change.authorId)! : pick([...fixtures.people.values()].filter((item) => item.id !== change.authorId));
    const token = pick(person.tokens);
    const read = await call({ method: 'GET', url: `${base}/api/v1/changes/${change.id}`, token });
    const body = parseJson(read.text);
    record('read', read, { changeId: change.id });
    if (!isChangeJson(body)) return;
    if (isEdit) {
      const result = await call({ method: 'PATCH', url: `${base}/api/v1/changes/${change.id}`, token, body: { version: body.version, changedPaths: [`src/bench/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.ts`] } });
      const after = parseJson(result.text);
      record('edit', result, { changeId: change.id, contentVersionAfter: isChangeJson(after) ? after.contentVersion : undefined });
    } else {
      const result = await call({ method: 'POST', url: `${base}/api/v1/changes/${change.id}/approvals`, token, body: { decision: 'approve', version: body.contentVersion } });
      const after = parseJson(result.text);
      const approvalId = isChangeJson(after) ? after.approvals.find((approval) => approval.approver.id === person.id && approval.contentVersion === body.contentVersion)?.id : undefined;
      record('approve', result, { changeId: change.id, approvalId });
    }
  } else {
    const first = await call({ method: 'GET', url: `${base}/changes/${change.id}`, cookie: fixtures.cookie });
    // While the database is down the page redirects to the outage page: followed once, as a browser
    // would, and timed from the first request.
    const redirectedTo = first.status === 307 && first.location ? new URL(first.location, base) : null;
    const final = redirectedTo ? await call({ method: 'GET', url: redirectedTo.href, cookie: fixtures.cookie }) : first;
    const result = { ...final, sentAt: first.sentAt, ms: final.receivedAt - first.sentAt };
    record('page', result, { text: result.status === 200 ? '' : pageText(result.text), redirectedTo: redirectedTo?.pathname });
    // The first error page is kept whole, to see what a browser gets.
    if (result.status >= 500 && !existsSync(PAGE_FILE)) writeFileSync(PAGE_FILE, result.text);
  }
}

/** The postmaster's pid and its children's (Linux /proc), read before the kill. */
function databaseProcesses(dataDir: string): number[] {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children: number[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start after the last ')': state, ppid, …
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) children.push(pid);
    } catch {
      // Gone meanwhile.
    }
  }
  return [postmaster, ...children];
}

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Chromium (Debian's, as the e2e tests use), launched before the faults so that a visit while the database is down is quick; null without one. */
async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => existsSync(candidate));
  if (!executablePath) return null;
  const { chromium } = await import('@playwright/test');
  return chromium.launch({ executablePath });
}

type Browser = NonNullable<Awaited<ReturnType<typeof launchBrowser>>>;
type Tab = Awaited<ReturnType<Browser['newPage']>>;

const bodyText = async (page: Tab) => (await page.locator('body').innerText()).replace(/\s+/g, ' ').trim().slice(0, 300);

/** What a person sees on the change page in Chromium, scripts running. */
async function browserView(browser: Browser | null, url: string, cookie: string): Promise<{ text: string; startedAt: number; endedAt: number } | null> {
  if (!browser) return null;
  const startedAt = performance.now();
  const context = await browser.newContext();
  try {
    const [name, ...value] = cookie.split('=');
    await context.addCookies([{ name: name!, value: value.join('='), url }]);
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
    return { text: `${response?.status() ?? '?'}: "${await bodyText(page)}"`, startedAt, endedAt: performance.now() };
  } finally {
    await context.close();
  }
}

/** A tab signed in through the sign-in form, as a person would be, on the list of changes. */
async function signedInTab(browser: Browser, base: string): Promise<Tab> {
  const page = await browser.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email', { exact: true }).fill('engineer1@changeboard.test');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/changes', { timeout: 20_000 });
  return page;
}

/**
 * A tab opened while the database was up navigates client-side (an RSC fetch, no new document) once
 * it is down: what the person sees then, within 15 s.
 */
async function clientNavigationView(tab: Tab | null): Promise<string | null> {
  if (!tab) return null;
  await tab.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents', exact: true }).click();
  const notice = tab.getByRole('alert').filter({ hasText: OUTAGE_HEADING }).first();
  const isShown = await notice.waitFor({ timeout: 15_000 }).then(() => true, () => false);
  return isShown ? `the error panel: "${(await notice.innerText()).replace(/\s+/g, ' ').trim()}"` : `no outage notice: "${await bodyText(tab)}"`;
}

const seconds = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? '—' : `${(ms / 1000).toFixed(1)} s`);

async function main() {
  const loadBefore = os.loadavg();
  const prepared = await prepare({ pgPort: PG_PORT, database: 'changeboard_bench_faults', distDir: DIST_DIR, build: process.env.BENCH_BUILD ?? 'auto' });
  const { server, env, db } = prepared;
  const { apps, logs, stopAll } = startApps(prepared, APP_PORTS, 'faults');
  const verdicts = new Verdicts();
  rmSync(PAGE_FILE, { force: true });
  let closeBrowser: (() => Promise<void>) | undefined;
  try {
    console.log('Filing changes, approving half of them, minting tokens and a session…');
    const fixtures = await makeFixtures(db, { count: 30, tokensPerPerson: 2, authSecret: env.AUTH_SECRET!, label: 'bench:faults' });
    const { recordApprovalDecision } = await import('../lib/server/change-requests/record-approval-decision.ts');
    const approved = new Set<string>();
    const reviewer = await db.user.findUniqueOrThrow({ where: { email: 'staff2@changeboard.test' }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } });
    for (const change of fixtures.changes.filter((item) => item.changeClass === 'standard')) {
      await recordApprovalDecision({ actor: reviewer, at: new Date(), changeId: change.id, contentVersion: 1, decision: 'approve', comment: '' });
      approved.add(change.id);
    }
    await Promise.all(apps.map((app, index) => waitForServer(app, BASES[index]!)));

    let browserText: string | null = null;
    const browser = await launchBrowser().catch((error: unknown) => {
      browserText = `no browser: ${String(error)}`;
      return null;
    });
    closeBrowser = browser ? () => browser.close() : undefined;
    const start = performance.now();
    const now = () => performance.now() - start;
    let end = PLAN.end * 1000;
    console.log(`Load from ${CLIENTS} clients for ${PLAN.end} s; database killed at ${PLAN.dbKill} s for ${PLAN.dbDown} s; app ${APP_PORTS[1]} killed at ${PLAN.appKill} s…`);
    const load = Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (now() < end) await operation(fixtures, approved);
    }));

    // The readiness probe a load balancer would poll, once while the database is down and once after.
    const health: { down?: number; up?: number } = {};
    const openTab = browser ? await signedInTab(browser, BASES[0]!) : null;
    let navigationText: string | null = null;
    const faults = (async () => {
      await new Promise((resolve) => setTimeout(resolve, PLAN.dbKill * 1000));
      const pids = databaseProcesses(server.dataDir);
      marks.dbKill = performance.now();
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      console.log(`  ${seconds(marks.dbKill - start)}: SIGKILL to the postmaster (${pids[0]}) and ${pids.length - 1} backends`);
      const browsing = browserView(browser, `${BASES[0]}/changes/${fixtures.changes[0]!.id}`, fixtures.cookie).then((view) => {
        // Chromium follows the page's redirect to the outage page, as a person's browser would.
        if (view) browserText = `${view.text} (visit took ${seconds(view.endedAt - view.startedAt)})`;
      }, (error: unknown) => (browserText = `browser check failed: ${String(error)}`));
      health.down = (await call({ method: 'GET', url: `${BASES[0]}/api/v1/health` })).status;
      navigationText = await clientNavigationView(openTab).catch((error: unknown) => `client navigation failed: ${String(error)}`);
      await openTab?.close();
      await new Promise((resolve) => setTimeout(resolve, PLAN.dbDown * 1000));
      while (pids.some(isAlive)) await new Promise((resolve) => setTimeout(resolve, 100));
      // A crashed server leaves its lock file; a dead (or unreaped) pid in it is stale.
      rmSync(path.join(server.dataDir, 'postmaster.pid'), { force: true });
      marks.dbRestart = performance.now();
      await ensureStarted(server);
      marks.dbUp = performance.now();
      console.log(`  ${seconds(marks.dbUp - start)}: PostgreSQL is back (crash recovery and start took ${seconds(marks.dbUp - marks.dbRestart)})`);
      await browsing;
      health.up = (await call({ method: 'GET', url: `${BASES[0]}/api/v1/health` })).status;

      // At least 8 s of recovery to watch, whatever the machine's pace.
      const appKillAt = Math.max(PLAN.appKill * 1000, marks.dbUp - start + 8_000);
      end = Math.max(end, appKillAt + 10_000);
      await new Promise((resolve) => setTimeout(resolve, appKillAt - now()));
      const victim = apps[1]!;
      marks.appKill = performance.now();
      process.kill(-victim.pid!, 'SIGKILL');
      await new Promise<void>((resolve) => (victim.exitCode !== null || victim.signalCode !== null ? resolve() : victim.once('exit', () => resolve())));
      console.log(`  ${seconds(marks.appKill - start)}: SIGKILL to app ${APP_PORTS[1]}'s process group; starting it again`);
      apps[1] = startServer(env, APP_PORTS[1]!, logs[1]!.replace(/\.log$/, '-restarted.log'));
      await waitForServer(apps[1], BASES[1]!);
      marks.appUp = performance.now();
      console.log(`  ${seconds(marks.appUp - start)}: app ${APP_PORTS[1]} answers again`);
    })();
    await Promise.all([load, faults]);

    // ── Figures ──
    const at = (ms: number) => ms - start;
    // Down from the kill until the restart begins: the server may answer before ensureStarted returns.
    const dbDown = (sample: Sample) => sample.sentAt >= marks.dbKill! && sample.receivedAt < marks.dbRestart!;
    const gates = samples.filter((sample) => sample.kind === 'gate');
    const gatesDown = gates.filter(dbDown);
    const allowsDown = gatesDown.filter((sample) => sample.decision === 'allow');
    const lastAllow = Math.max(...gates.filter((sample) => sample.decision === 'allow' && sample.receivedAt < marks.dbRestart!).map((sample) => sample.receivedAt));
    const first503 = gates.find((sample) => sample.status === 503 && sample.receivedAt >= marks.dbKill!);
    const maxDownMs = Math.max(0, ...gatesDown.map((sample) => sample.ms));
    const unanswered = gatesDown.filter((sample) => sample.status === 0).length;
    const nonDeny = gatesDown.filter((sample) => sample.decision !== 'deny').length;

    console.log(`\nFault 1, database killed at ${seconds(at(marks.dbKill!))}, back at ${seconds(at(marks.dbUp!))} (${seconds(marks.dbUp! - marks.dbKill!)} down):\n`);
    const statusRow = (label: string, list: Sample[]) => {
      const counts = new Map<string, number>();
      for (const sample of list) {
        const key = sample.kind === 'gate' ? `${sample.status} ${sample.decision ?? '-'}${sample.reason ? ` (${String(sample.reason)})` : ''}` : String(sample.status);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return [label, String(list.length), [...counts].map(([key, count]) => `${count} × ${key}`).join(', '), percentile(list.map((sample) => sample.ms), 0.5).toFixed(0), list.length ? Math.max(...list.map((sample) => sample.ms)).toFixed(0) : '—'];
    };
    printTable(['sent and answered while down', 'answers', 'status', 'p50 ms', 'max ms'], ['gate', 'page', 'approve', 'edit', 'read'].map((kind) => statusRow(kind, samples.filter((sample) => sample.kind === kind && dbDown(sample)))));
    const pageDown = samples.find((sample) => sample.kind === 'page' && dbDown(sample));
    console.log(`\nWhat the page shows while the database is down (before scripts run): ${pageDown ? `${pageDown.status}: "${String(pageDown.text)}"` : '(no page answered while down)'}${pageDown?.redirectedTo ? ` (redirected to ${String(pageDown.redirectedTo)})` : ''} (the first error page is in ${path.relative(process.cwd(), PAGE_FILE)})`);
    console.log(`What Chromium shows for it while down (scripts run): ${browserText ?? 'no Chromium here'}`);
    console.log(`What an open tab shows on a client-side navigation while down: ${navigationText ?? 'no Chromium here'}`);
    const lastAllowSample = gates.find((sample) => sample.decision === 'allow' && sample.receivedAt === lastAllow);
    console.log(`${lastAllow > marks.dbKill! ? `Last allow answered ${seconds(lastAllow - marks.dbKill!)} after the kill (sent ${seconds(marks.dbKill! - lastAllowSample!.sentAt)} before it; its decision row committed before the kill)` : 'No allow answered after the kill'}; first 503 deny ${seconds(first503 ? first503.receivedAt - marks.dbKill! : undefined)} after it.`);

    const recovery = (kind: string, list: Sample[]) => {
      const after = list.filter((sample) => sample.sentAt >= marks.dbUp! && sample.receivedAt < marks.appKill! && sample.instance === 0);
      const firstOk = after.find((sample) => sample.status >= 200 && sample.status < 300);
      const failures = after.filter((sample) => sample.status >= 500 || sample.status === 0);
      const lastFailure = failures.at(-1);
      return { kind, firstOk: firstOk ? firstOk.receivedAt - marks.dbUp! : undefined, allOk: lastFailure ? lastFailure.receivedAt - marks.dbUp! : 0, failures: failures.length, total: after.length };
    };
    const recoveries = [recovery('gate', gates), recovery('page', samples.filter((sample) => sample.kind === 'page')), recovery('approve', samples.filter((sample) => sample.kind === 'approve' || sample.kind === 'read'))];
    const recoveriesB = [0, 1].map((index) => {
      const after = samples.filter((sample) => sample.instance === index && sample.sentAt >= marks.dbUp! && sample.receivedAt < marks.appKill!);
      const failures = after.filter((sample) => sample.status >= 500 || sample.status === 0);
      return { index, failures: failures.length, total: after.length, last: failures.at(-1) ? failures.at(-1)!.receivedAt - marks.dbUp! : 0 };
    });
    console.log('\nRecovery after the database returned, without restarting the apps (instance 1):\n');
    printTable(['kind', 'first 2xx after', 'last failure after', 'failures', 'requests'], recoveries.map((row) => [row.kind, seconds(row.firstOk), seconds(row.allOk), String(row.failures), String(row.total)]));
    const lateFailures = samples.filter((sample) => sample.sentAt >= marks.dbUp! && sample.receivedAt < marks.appKill! && (sample.status >= 500 || sample.status === 0));
    const failureKinds = new Map<string, number>();
    for (const sample of lateFailures) {
      const key = `${APP_PORTS[sample.instance]} ${sample.kind} ${sample.status}${sample.reason ? ` ${String(sample.reason)}` : ''}${sample.error ? ` ${String(sample.error)}` : ''} at ${seconds(sample.sentAt - marks.dbUp!)}+${(sample.ms / 1000).toFixed(1)}`;
      failureKinds.set(key, (failureKinds.get(key) ?? 0) + 1);
    }
    if (lateFailures.length) console.log(`Failures sent after the database returned: ${[...failureKinds].map(([key, count]) => `${count} × ${key}`).join(', ')}`);
    console.log(`Per instance, failures after the database returned: ${recoveriesB.map((row) => `${APP_PORTS[row.index]}: ${row.failures} of ${row.total} (last ${seconds(row.last)} after)`).join('; ')}`);

    const appDown = samples.filter((sample) => sample.instance === 1 && sample.sentAt >= marks.appKill! && sample.sentAt < marks.appUp!);
    const appAfter = samples.filter((sample) => sample.instance === 1 && sample.sentAt >= marks.appUp!);
    const otherDuring = samples.filter((sample) => sample.instance === 0 && sample.sentAt >= marks.appKill! && sample.sentAt < marks.appUp!);
    const failed = (list: Sample[]) => list.filter((sample) => sample.status >= 500 || sample.status === 0);
    console.log(`\nFault 2, app ${APP_PORTS[1]} killed at ${seconds(at(marks.appKill!))}, answering again at ${seconds(at(marks.appUp!))} (${seconds(marks.appUp! - marks.appKill!)}):`);
    console.log(`  to it while down: ${appDown.length} requests, ${appDown.filter((sample) => sample.status === 0).length} refused or reset (${[...new Set(appDown.filter((sample) => sample.status === 0).map((sample) => String(sample.error)))].join(', ')}), ${appDown.filter((sample) => sample.status !== 0).length} answered (statuses ${[...new Set(appDown.filter((sample) => sample.status !== 0).map((sample) => sample.status))].join(', ') || '—'}; answered ${seconds(Math.min(...appDown.filter((sample) => sample.status !== 0).map((sample) => sample.receivedAt)) - marks.appKill!)} to ${seconds(Math.max(...appDown.filter((sample) => sample.status !== 0).map((sample) => sample.receivedAt)) - marks.appKill!)} after the kill: sent while it was starting)`);
    console.log(`  to it after: ${appAfter.length} requests, ${failed(appAfter).length} failed; to app ${APP_PORTS[0]} meanwhile: ${otherDuring.length} requests, ${failed(otherDuring).length} failed`);

    const before = samples.filter((sample) => sample.receivedAt < marks.dbKill!);
    console.log('\nChecks:');
    verdicts.check(failed(before).length === 0, `no failure before the first fault (${failed(before).length} of ${before.length})`);
    verdicts.check(allowsDown.length === 0, `no gate allow while the database was down (${gatesDown.length} gate answers sent and answered while down: ${allowsDown.length} allow)`);
    verdicts.check(nonDeny === 0 && unanswered === 0 && maxDownMs <= DENY_WITHIN_MS, `every gate answer while down is a deny within ${DENY_WITHIN_MS / 1000} s (${nonDeny} not deny, ${unanswered} unanswered, slowest ${maxDownMs.toFixed(0)} ms)`);
    // Read before scripts run (what curl or a browser without JavaScript gets) and in Chromium.
    const saysOutage = (text: unknown) => String(text).includes(OUTAGE_HEADING);
    verdicts.check(pageDown !== undefined && pageDown.status === 503 && saysOutage(pageDown.text) && saysOutage(browserText), `the page answers 503 with a message a person can read, with or without scripts, while down (${pageDown ? `${pageDown.status}` : 'none'}; browser: ${browserText === null ? 'none' : 'checked'})`);
    verdicts.check(saysOutage(navigationText), `an open tab's client-side navigation while down says the database cannot be reached (${navigationText === null ? 'no Chromium' : 'checked'})`);
    verdicts.check(health.down === 503 && health.up === 200, `the health probe answers 503 while the database is down and 200 once it is back (${health.down ?? '—'}, ${health.up ?? '—'})`);
    verdicts.check(recoveries.every((row) => row.firstOk !== undefined) && recoveriesB.every((row) => row.last <= 15_000), `the apps recover by themselves within 15 s of the database's return (${recoveriesB.map((row) => seconds(row.last)).join(', ')})`);
    verdicts.check(failed(appAfter).length === 0 && failed(otherDuring).length === 0, `after its restart app ${APP_PORTS[1]} answers every request, and app ${APP_PORTS[0]} was unaffected (${failed(appAfter).length} + ${failed(otherDuring).length} failures)`);

    const lost = await lostWrites(db, samples);
    verdicts.check(lost.approvals + lost.edits + lost.gate === 0, `every acknowledged write is in the database (${lost.checked} checked: ${lost.approvals} approvals, ${lost.edits} edits, ${lost.gate} gate decisions missing)${lost.examples.length ? ` e.g. ${lost.examples.join('; ')}` : ''}`);
    const chain = await verifyChain();
    verdicts.check(chain.ok, `audit chain verifies (${chain.checked} events${chain.firstBroken ? `; first broken: ${JSON.stringify(chain.firstBroken)}` : ''})`);

    const kinds = [...new Set(samples.map((sample) => sample.kind))].sort();
    console.log(`\n${samples.length} requests in ${(end / 1000).toFixed(0)} s from ${CLIENTS} clients (${resent.count} sent again after an idle keep-alive connection was closed under them):`);
    printTable(['kind', 'requests', '2xx', '4xx', '5xx', 'no answer'], kinds.map((kind) => {
      const list = samples.filter((sample) => sample.kind === kind);
      const range = (low: number, high: number) => String(list.filter((sample) => sample.status >= low && sample.status < high).length);
      return [kind, String(list.length), range(200, 300), range(400, 500), range(500, 600), range(0, 1)];
    }));
    console.log(`\n${loadAverageLine(loadBefore)} App logs: ${logs.join(', ')}.`);
  } finally {
    await closeBrowser?.();
    await tearDown(prepared, stopAll);
  }
  return verdicts;
}

runBench(main);
