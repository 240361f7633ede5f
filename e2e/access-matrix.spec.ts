// The access matrix (issue #9): every /api/v1 operation and portal page against every caller, as
// written once in e2e/access-matrix/expectations.ts; and loss of rights at once on disable or demotion.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser } from '@playwright/test';
import { hashPassword } from '@/lib/auth/password';
import { DEMO_PASSWORD } from '@/lib/demo/demo-accounts';
import { API_SCOPE_NAMES, type ApiScope } from '@/lib/policy/api-scopes';
import { KPI_IDS } from '@/lib/policy/kpis';
import { updateUser } from '@/lib/server/admin/update-user';
import { revokeApiToken } from '@/lib/server/api-tokens/revoke-api-token';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { ensureMonthlyFlagAudit } from '@/lib/server/flags/open-monthly-audit';
import { createFlagRow } from '@/prisma/flag-factories';
import { createUser, draftFor, uniqueSuffix } from '@/prisma/factories';
import { personalToken, serviceToken, type Headers } from './api-fixtures';
import { db, storageStateFor } from './fixtures';
import {
  ACTION_CELLS,
  ACTIONS_WITHOUT_SIGN_IN,
  API_CALLERS,
  API_OPERATIONS,
  expectedApiStatus,
  expectedPageOutcome,
  otherScope,
  PAGE_ROWS,
  PAYMENTS_DRAFT_READERS,
  PAYMENTS_FLAG_EDITORS,
  PEOPLE,
  PERSONS,
  type ApiCaller,
  type ApiOperation,
  type MatrixIds,
  type PageIds,
  type Person,
  type TeamCell,
} from './access-matrix/expectations';

const ROOT = path.resolve(import.meta.dirname, '..');
const API_ROOT = path.join(ROOT, 'app/api/v1');
const PORTAL_ROOT = path.join(ROOT, 'app/(portal)');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const ENGINEER2 = 'engineer2@changeboard.test';
const BATCH = 12;
const TABS = 6;

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return filesNamed(full, name);
    return entry === name ? [full] : [];
  });
}

/** Every exported method of every route file under app/api/v1, as `GET /changes/{id}` (as lib/api/openapi.test.ts reads them). */
function apiRouteOperations(): string[] {
  return filesNamed(API_ROOT, 'route.ts').flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    const apiPath = `/${path.relative(API_ROOT, path.dirname(file)).split(path.sep).join('/')}`.replace(/\[([^\]]+)\]/g, '{$1}');
    return METHODS.filter((method) => new RegExp(`export (async )?function ${method}\\b|export const \\{[^}]*\\b${method}\\b`).test(source)).map((method) => `${method} ${apiPath}`);
  });
}

function portalPages(): string[] {
  return filesNamed(PORTAL_ROOT, 'page.tsx').map((file) => path.relative(PORTAL_ROOT, file).split(path.sep).join('/'));
}

/** Runs the calls a few at a time: parallel enough to be quick, gentle enough for a shared machine. */
async function inBatches<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += BATCH) results.push(...(await Promise.all(items.slice(start, start + BATCH).map(run))));
  return results;
}

async function actorOf(email: string) {
  return db.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } });
}

/** The admin use-case, as the Administration page calls it. */
async function editUser(userId: string, change: { role?: 'engineer' | 'manager' | 'admin'; isActive?: boolean }) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true, isStaffPlus: true, isActive: true, teamId: true, version: true } });
  await updateUser({
    actor: await actorOf(PEOPLE.admin), at: new Date(), userId, expectedVersion: user.version,
    role: change.role ?? user.role, isStaffPlus: user.isStaffPlus, isActive: change.isActive ?? user.isActive, teamId: user.teamId,
  });
}

async function idOf(query: Promise<{ id: string } | null>, what: string): Promise<string> {
  const row = await query;
  if (!row) throw new Error(`The demo data has no ${what}.`);
  return row.id;
}

/** Records the matrix addresses: demo data where it has the case, fresh rows where a test needs its own. */
async function matrixIds(): Promise<PageIds> {
  const [engineer1, engineer2] = [await actorOf(PEOPLE.engineer), await actorOf(ENGINEER2)];
  const payments = await db.team.findUniqueOrThrow({ where: { slug: 'payments' }, select: { id: true } });
  const identity = await db.team.findUniqueOrThrow({ where: { slug: 'identity' }, select: { id: true } });
  const paymentsService = await idOf(db.service.findFirst({ where: { teamId: payments.id }, select: { id: true } }), 'Payments service');
  const identityService = await idOf(db.service.findFirst({ where: { teamId: identity.id }, select: { id: true } }), 'Identity service');
  const at = new Date();
  const paymentsDraft = await createChangeRequest({ actor: engineer1, at, content: draftFor(payments.id, [paymentsService], 'standard', { title: `Access matrix draft ${uniqueSuffix()}` }) });
  const identityDraft = await createChangeRequest({ actor: engineer2, at, content: draftFor(identity.id, [identityService], 'standard', { title: `Access matrix draft ${uniqueSuffix()}` }) });
  const flagAudit = await ensureMonthlyFlagAudit(at);
  const paymentsMigration = await idOf(db.migrationPlan.findFirst({ where: { status: 'planned', changeRequest: { authorId: engineer1.id } }, select: { id: true } }), 'planned migration plan of engineer1');
  return {
    change: await idOf(db.changeRequest.findFirst({ where: { status: { not: 'draft' }, authorId: engineer1.id }, select: { id: true } }), 'submitted change'),
    overrideId: (await db.freezeOverride.findFirst({ select: { id: true } }))?.id ?? crypto.randomUUID(),
    configChange: await idOf(db.configChange.findFirst({ where: { status: 'planned' }, select: { id: true } }), 'planned config change'),
    flag: await idOf(db.featureFlag.findFirst({ where: { status: 'active' }, select: { id: true } }), 'flag'),
    incident: await idOf(db.incident.findFirst({ select: { id: true } }), 'incident'),
    migration: paymentsMigration,
    kpi: KPI_IDS[0],
    environment: await idOf(db.environment.findFirst({ select: { id: true } }), 'environment'),
    service: paymentsService,
    team: payments.id,
    user: engineer1.id,
    freeze: await idOf(db.declaredFreeze.findFirst({ select: { id: true } }), 'declared freeze'),
    holiday: await idOf(db.holiday.findFirst({ select: { id: true } }), 'holiday'),
    feature: await idOf(db.feature.findFirst({ where: { teamId: payments.id }, select: { id: true } }), 'Payments feature'),
    flagAuditMonth: flagAudit.month,
    paymentsDraft: paymentsDraft.id,
    identityDraft: identityDraft.id,
    paymentsMigration,
    // Requested by engineer2 (Identity): its team and managers edit it.
    paymentsConfigChange: await idOf(db.configChange.findFirst({ where: { status: 'planned', requestedById: engineer2.id }, select: { id: true } }), 'planned config change of engineer2'),
    paymentsFlag: (await createFlagRow({ teamId: payments.id, ownerId: engineer1.id })).id,
    // Commanded by staff1: a Staff+ engineer of Platform manages it as its commander.
    incidentOfOther: await idOf(db.incident.findFirst({ where: { commander: { email: PEOPLE.staffPlus }, resolvedAt: null }, select: { id: true } }), 'active incident of staff1'),
  };
}

/** Bearer headers for every caller of the matrix; service tokens one per scope. */
async function mintCallers() {
  const personal = Object.fromEntries(await Promise.all(PERSONS.map(async (person) => [person, (await personalToken(PEOPLE[person])).headers] as const))) as Record<Person, Headers>;
  const service = Object.fromEntries(await Promise.all(API_SCOPE_NAMES.map(async (scope) => [scope, (await serviceToken([scope])).headers] as const))) as Record<ApiScope, Headers>;
  const revoked = await personalToken(PEOPLE.engineer);
  await revokeApiToken({ actor: revoked.user, at: new Date(), tokenId: revoked.tokenId });
  const doomed = await createUser({ role: 'engineer', teamId: revoked.user.teamId });
  const disabled = await personalToken(doomed.email);
  await editUser(doomed.id, { isActive: false });
  return {
    headersFor(caller: ApiCaller, operation: ApiOperation): Headers {
      switch (caller) {
        case 'anonymous':
          return {};
        case 'malformed':
          return { Authorization: 'Bearer cb_not-a-real-token' };
        case 'revoked':
          return revoked.headers;
        case 'disabled-owner':
          return disabled.headers;
        case 'service:scope':
          return service[operation.scope ?? 'changes:read'];
        case 'service:other-scope':
          return service[otherScope(operation.scope ?? 'changes:read')];
        default:
          return personal[caller.slice('personal:'.length) as Person];
      }
    },
  };
}

function baseURL(): string {
  return `http://127.0.0.1:${process.env.PORT ?? 3100}`;
}

async function apiContext(): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: baseURL(), storageState: { cookies: [], origins: [] } });
}

test.describe('[ACCESS] the matrix lists everything', () => {
  test('every /api/v1 route operation has a row', () => {
    const listed = API_OPERATIONS.map(({ method, path: apiPath }) => `${method} ${apiPath}`).sort();
    const routes = apiRouteOperations().sort();
    expect(routes, 'the route scan finds the routes').toContain('GET /openapi.json');
    expect(listed, 'add new operations to e2e/access-matrix/expectations.ts').toEqual(routes);
  });

  test('every portal page has a row', () => {
    const listed = [...new Set(PAGE_ROWS.map(({ file }) => file))].sort();
    const pages = portalPages().sort();
    expect(pages, 'the page scan finds the pages').toContain('changes/page.tsx');
    expect(listed, 'add new pages to e2e/access-matrix/expectations.ts').toEqual(pages);
  });
});

test.describe('[ACCESS] the matrix', () => {
  // About a minute on an idle machine; the pages take most of it.
  test.describe.configure({ timeout: 300_000 });
  let ids: PageIds;
  let callers: Awaited<ReturnType<typeof mintCallers>>;

  test.beforeAll(async () => {
    ids = await matrixIds();
    callers = await mintCallers();
  });

  test('every /api/v1 operation answers each caller as written', async () => {
    const api = await apiContext();
    const cells = API_OPERATIONS.flatMap((operation) => API_CALLERS.map((caller) => ({ operation, caller })));
    const results = await inBatches(cells, async ({ operation, caller }) => {
      const response = await api.fetch(operation.url(ids), {
        method: operation.method,
        headers: { ...callers.headersFor(caller, operation), ...(operation.body === undefined ? {} : { 'content-type': 'application/json' }) },
        data: operation.body === undefined ? undefined : JSON.stringify(operation.body),
        maxRedirects: 0,
      });
      const expected = expectedApiStatus(operation, caller);
      return { cell: `${operation.method} ${operation.path} × ${caller}`, expected, got: response.status() };
    });
    await api.dispose();
    test.info().annotations.push({ type: 'cells', description: `${results.length} API cells` });
    expect(results.filter(({ expected, got }) => expected !== got)).toEqual([]);
  });

  test('own versus other team over the API: drafts and flag edits', async () => {
    const api = await apiContext();
    const tokens = Object.fromEntries(await Promise.all([...PERSONS.map((person) => PEOPLE[person]), ENGINEER2].map(async (email) => [email, (await personalToken(email)).headers] as const)));
    const headersOf = (person: TeamCell['person']) => tokens[person === 'engineer2' ? ENGINEER2 : PEOPLE[person]]!;
    const got: { cell: string; expected: number; got: number }[] = [];
    for (const cell of PAYMENTS_DRAFT_READERS) {
      const response = await api.get(`/api/v1/changes/${ids.paymentsDraft}`, { headers: headersOf(cell.person) });
      got.push({ cell: `GET a Payments draft × ${cell.label}`, expected: cell.expected, got: response.status() });
    }
    // One at a time, each with the version it reads now: a refusal must be the rule's, not a stale version.
    for (const cell of PAYMENTS_FLAG_EDITORS) {
      const { version, purpose } = await db.featureFlag.findUniqueOrThrow({ where: { id: ids.paymentsFlag }, select: { version: true, purpose: true } });
      const response = await api.patch(`/api/v1/flags/${ids.paymentsFlag}`, { headers: headersOf(cell.person), data: { version, purpose: `${purpose.split(' · ')[0]} · ${cell.person}` } });
      got.push({ cell: `PATCH a Payments flag × ${cell.label}`, expected: cell.expected, got: response.status() });
    }
    await api.dispose();
    expect(got.filter(({ expected, got: status }) => expected !== status)).toEqual([]);
    // Refused edits changed nothing: the purpose names the last person allowed.
    expect((await db.featureFlag.findUniqueOrThrow({ where: { id: ids.paymentsFlag }, select: { purpose: true } })).purpose).toMatch(/ · manager$/);
  });

  test('every portal page answers each session as written', async ({ browser }) => {
    const anonymous = await playwrightRequest.newContext({ baseURL: baseURL(), storageState: { cookies: [], origins: [] } });
    const mismatches: { cell: string; expected: string; got: string }[] = [];
    let cells = 0;
    // Anonymous: every page sends them to sign in.
    await inBatches(PAGE_ROWS, async (row) => {
      const response = await anonymous.get(row.url(ids), { maxRedirects: 0 });
      cells += 1;
      const location = response.headers().location ?? '';
      const got = response.status() >= 300 && response.status() < 400 && /\/login\b/.test(location) ? 'redirect to /login' : `${response.status()} ${location}`;
      if (got !== 'redirect to /login') mismatches.push({ cell: `${row.file}${row.label ? ` (${row.label})` : ''} × anonymous`, expected: 'redirect to /login', got });
    });
    await anonymous.dispose();
    // Signed in: one browser context per person, a few tabs at a time; the outcome is the status and the page's h1.
    for (const person of PERSONS) {
      const context = await browser.newContext({ storageState: storageStateFor(PEOPLE[person]) });
      const tabs = await Promise.all(Array.from({ length: TABS }, () => context.newPage()));
      const queue = [...PAGE_ROWS];
      await Promise.all(tabs.map(async (tab) => {
        for (let row = queue.shift(); row; row = queue.shift()) {
          const response = await tab.goto(row.url(ids), { waitUntil: 'domcontentloaded' });
          cells += 1;
          const heading = ((await tab.locator('h1').first().textContent({ timeout: 5_000 }).catch(() => null)) ?? '').trim();
          const isNotFound = heading === 'Page not found';
          const status = response?.status() ?? 0;
          const got = new URL(tab.url()).pathname === '/login' ? 'redirect to /login'
            : status === 404 && isNotFound ? 'refused'
              : status === 200 && heading !== '' && !isNotFound ? 'allowed'
                : `${status} heading "${heading}"`;
          const expected = expectedPageOutcome(row, person);
          if (got !== expected) mismatches.push({ cell: `${row.file}${row.label ? ` (${row.label})` : ''} × ${person}`, expected, got });
        }
      }));
      await context.close();
    }
    test.info().annotations.push({ type: 'cells', description: `${cells} page cells` });
    expect(mismatches).toEqual([]);
  });
});

/** A fresh person signed in through the form, with a personal token: the session and token that must die. */
async function signedInPerson(browser: Browser, role: 'admin' | 'manager' | 'engineer') {
  const payments = await db.team.findUniqueOrThrow({ where: { slug: 'payments' }, select: { id: true } });
  const user = await createUser({ name: `Access ${role} ${uniqueSuffix()}`, role, teamId: payments.id, passwordHash: await hashPassword(DEMO_PASSWORD) });
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Change requests' })).toBeVisible();
  const token = await personalToken(user.email);
  return { user, context, page, token: token.headers };
}

test.describe('[ACCESS] rights end at once', () => {
  test('demoting an admin to manager, then to engineer, then disabling: the open session and the token lose each right on the next request', async ({ browser }) => {
    const person = await signedInPerson(browser, 'admin');
    const api = await apiContext();
    const pageStatus = async (url: string) => (await person.page.goto(url))!.status();

    expect(await pageStatus('/admin')).toBe(200);
    expect((await api.get('/api/v1/audit/verify', { headers: person.token })).status()).toBe(200);

    await editUser(person.user.id, { role: 'manager' });
    expect(await pageStatus('/admin')).toBe(404);
    expect((await api.get('/api/v1/audit/verify', { headers: person.token })).status()).toBe(403);
    expect(await pageStatus('/calendar/freezes/new')).toBe(200);

    await editUser(person.user.id, { role: 'engineer' });
    expect(await pageStatus('/calendar/freezes/new')).toBe(404);
    expect((await api.get('/api/v1/me', { headers: person.token })).status()).toBe(200);

    await editUser(person.user.id, { isActive: false });
    await person.page.goto('/changes');
    await expect(person.page).toHaveURL(/\/login/);
    expect((await api.get('/api/v1/me', { headers: person.token })).status()).toBe(401);

    await api.dispose();
    await person.context.close();
  });
});

// ── Server actions, invoked as the browser's fetch does, without the page's button ─────────────

type ServerAction = { key: string; id: string; worker: string };

/** The build's server actions (`<dist>/server/server-reference-manifest.json`): id, file#export, a page that serves it. */
function serverActions(): ServerAction[] {
  const dist = process.env.CHANGEBOARD_NEXT_DIST_DIR || '.next';
  const manifest = JSON.parse(readFileSync(path.join(ROOT, dist, 'server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({ key: `${entry.filename}#${entry.exportedName}`, id, worker: Object.keys(entry.workers)[0]! }));
}

const ROUTE_PARAM: Record<string, (ids: PageIds) => string> = {
  environmentId: (ids) => ids.environment, serviceId: (ids) => ids.service, teamId: (ids) => ids.team, userId: (ids) => ids.user,
  freezeId: (ids) => ids.freeze, holidayId: (ids) => ids.holiday, changeId: (ids) => ids.change, configChangeId: (ids) => ids.configChange,
  flagId: (ids) => ids.flag, month: (ids) => ids.flagAuditMonth, featureId: (ids) => ids.feature, incidentId: (ids) => ids.incident,
  planId: (ids) => ids.migration, kpi: (ids: MatrixIds) => ids.kpi,
};

/** The URL of the page an action belongs to: `app/(portal)/changes/[changeId]/page` → `/changes/<id>`. */
function pageUrlOf(worker: string, ids: PageIds): string {
  const segments = worker.replace(/^app\//, '').replace(/\/?page$/, '').split('/').filter((segment) => segment && !/^\(.*\)$/.test(segment));
  return `/${segments.map((segment) => {
    const param = /^\[(.+)\]$/.exec(segment)?.[1];
    if (!param) return segment;
    const value = ROUTE_PARAM[param];
    if (!value) throw new Error(`No id for the route parameter ${param}: add it to ROUTE_PARAM.`);
    return value(ids);
  }).join('/')}`;
}

/** Calls `(prevState, formData)` as React's client (encodeReply) does: multipart, the arguments in field 0, the form's fields as `_1_<name>`. */
async function invokeAction(context: APIRequestContext, action: ServerAction, ids: PageIds, fields: Record<string, string>) {
  // The root row comes last, as encodeReply sends it: the server resolves it as soon as it arrives.
  const multipart = new FormData();
  for (const [name, value] of Object.entries(fields)) multipart.append(`_1_${name}`, value);
  multipart.append('0', JSON.stringify([{ status: 'idle' }, '$K1']));
  const response = await context.post(pageUrlOf(action.worker, ids), {
    headers: { 'Next-Action': action.id, Origin: baseURL(), Accept: 'text/x-component' },
    multipart,
    maxRedirects: 0,
  });
  // `x-action-redirect` is `<url>;<push|replace>`, the URL relative or absolute.
  const redirect = response.headers()['x-action-redirect'];
  return { status: response.status(), redirect: redirect ? new URL(redirect.split(';')[0]!, baseURL()).pathname : null, body: await response.text() };
}

test.describe('[ACCESS] server actions', () => {
  test.describe.configure({ timeout: 120_000 });
  let ids: PageIds;

  test.beforeAll(async () => {
    ids = await matrixIds();
  });

  test('every server action sends an anonymous caller to sign in, whatever page it is posted to', async () => {
    const actions = serverActions();
    expect(actions.map(({ key }) => key), 'the manifest lists the actions').toContain('app/(portal)/changes/new/actions.ts#createChangeRequestAction');
    const anonymous = await apiContext();
    const results = await inBatches(actions.filter(({ key }) => !ACTIONS_WITHOUT_SIGN_IN.includes(key)), async (action) => {
      const answer = await invokeAction(anonymous, action, ids, {});
      return { cell: `${action.key} × anonymous`, got: answer.redirect === '/login' ? 'redirect to /login' : `${answer.status} ${answer.redirect ?? ''} ${answer.body.slice(0, 120)}` };
    });
    await anonymous.dispose();
    test.info().annotations.push({ type: 'cells', description: `${results.length} server action cells (anonymous)` });
    expect(results.filter(({ got }) => got !== 'redirect to /login')).toEqual([]);
  });

  for (const cell of ACTION_CELLS) {
    test(`${cell.action.split('#')[1]}: ${cell.label} is refused and changes nothing`, async () => {
      const action = serverActions().find(({ key }) => key === cell.action);
      expect(action, `${cell.action} is in the build`).toBeDefined();
      const email = PEOPLE[cell.person];
      const self = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, version: true, teamId: true, isStaffPlus: true, role: true } });
      const marker = `Access matrix ${uniqueSuffix()}`;
      const session = await playwrightRequest.newContext({ baseURL: baseURL(), storageState: storageStateFor(email) });
      const flag = await db.featureFlag.findUniqueOrThrow({ where: { id: ids.paymentsFlag }, select: { id: true, version: true, teamId: true, ownerId: true } });
      const answer = await invokeAction(session, action!, ids, cell.form({ ids, self, flag, marker }));
      await session.dispose();

      expect(answer.status).toBe(200);
      expect(answer.redirect).toBeNull();
      expect(answer.body).toContain('"status":"error"');
      expect(answer.body).toContain(cell.message);
      expect(await db.user.findUniqueOrThrow({ where: { email }, select: { role: true, version: true } })).toEqual({ role: self.role, version: self.version });
      expect(await db.holiday.count({ where: { name: marker } })).toBe(0);
      expect(await db.declaredFreeze.count({ where: { reason: marker } })).toBe(0);
      expect(await db.apiToken.count({ where: { name: marker } })).toBe(0);
      expect(await db.featureFlag.findUniqueOrThrow({ where: { id: flag.id }, select: { version: true } })).toEqual({ version: flag.version });
      expect(await db.auditEvent.count({ where: { actorId: self.id, action: { endsWith: '-denied' }, at: { gte: new Date(Date.now() - 60_000) } } })).toBeGreaterThan(0);
    });
  }
});
