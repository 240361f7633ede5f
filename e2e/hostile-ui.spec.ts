// Hostile input on pages (issue #9 item 2): script payloads stored in every free-text field a page
// renders are shown as literal text and never run; stored non-http links are never clickable; a
// server action posted from another origin has no effect; CSV exports neutralise formulas.
// Payloads: e2e/hostile/payloads.ts. The exceptions-log CSV and Markdown are covered in evidence.spec.ts.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { asUser, db } from './fixtures';
import { personalToken } from './api-fixtures';
import { CSV_FORMULAS, SCRIPT_PAYLOADS, SPOOFED_ORIGINS } from './hostile/payloads';
import { createFeature } from '@/lib/server/flags/create-feature';
import { createHoliday } from '@/lib/server/calendar/create-holiday';
import { createDeclaredFreeze } from '@/lib/server/calendar/create-declared-freeze';

const unique = () => randomUUID().slice(0, 8);
const ALL_SCRIPTS = SCRIPT_PAYLOADS.map((payload) => payload.value).join('\n');
/** Short enough for a title; distinctive enough to find on the page. */
const SHORT_SCRIPTS = ['<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=2">', '<svg onload="window.__xss=3"></svg>', '"><script>window.__xss=4</script>'];

/** Records every dialog and every `window.__xss` write; fails the test if any script payload ran. */
async function watchForScripts(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    Object.defineProperty(window, '__xss', {
      configurable: false,
      get: () => (window as unknown as { __xssRan?: unknown }).__xssRan,
      set: (value) => { (window as unknown as { __xssRan?: unknown }).__xssRan = value; },
    });
  });
  return async (where: string) => {
    expect(await page.evaluate(() => (window as unknown as { __xssRan?: unknown }).__xssRan), `${where}: a payload ran`).toBeUndefined();
    expect(dialogs, `${where}: a payload opened a dialog`).toEqual([]);
    // No element in the page's content carries an event handler attribute, an iframe or a javascript: link.
    const live = await page.locator('main').evaluate((main) => [...main.querySelectorAll('*')].flatMap((element) => [
      ...[...element.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${element.tagName} ${attribute.name}`),
      ...(element.tagName === 'IFRAME' || element.tagName === 'SCRIPT' && main.contains(element) && element.textContent?.includes('__xss') ? [element.tagName] : []),
      ...(element instanceof HTMLAnchorElement && !/^(https?:|\/|#|mailto:|$)/i.test(element.getAttribute('href') ?? '') ? [`A href=${element.getAttribute('href')}`] : []),
    ]));
    expect(live, `${where}: live markup`).toEqual([]);
  };
}

async function visit(page: Page, check: (where: string) => Promise<void>, url: string, literal: string | null) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  if (literal !== null) await expect(page.locator('main').getByText(literal, { exact: false }).first(), `${url} shows the payload literally`).toBeVisible();
  await check(url);
}

const actorSelect = { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } as const;

/** Records with the script payloads in every free-text field, through the API as people file them. */
async function seedHostileRecords(request: APIRequestContext) {
  const engineer = await personalToken('engineer1@changeboard.test');
  const reviewer = await personalToken('staff2@changeboard.test');
  const manager = await personalToken('manager1@changeboard.test');
  const team = await db.team.findUniqueOrThrow({ where: { slug: 'payments' }, select: { id: true } });
  const service = await db.service.findUniqueOrThrow({ where: { slug: 'checkout-api' }, select: { id: true } });
  const production = await db.environment.findUniqueOrThrow({ where: { slug: 'production' }, select: { id: true } });
  const post = async (url: string, headers: Record<string, string>, data: unknown, status = 201) => {
    const response = await request.post(url, { headers, data });
    expect(response.status(), `${url}: ${await response.text()}`).toBe(status);
    return (await response.json()) as { id: string; version: number; reference?: string };
  };
  const tag = unique();
  const changeTitle = `${SHORT_SCRIPTS[0]} ${tag}`;
  const change = await post('/api/v1/changes', engineer.headers, {
    title: changeTitle, changeClass: 'normal', teamId: team.id, serviceIds: [service.id], environmentIds: [production.id],
    description: ALL_SCRIPTS, rollbackPlan: ALL_SCRIPTS, notes: ALL_SCRIPTS, changedPaths: [SHORT_SCRIPTS[1]],
  });
  const submitted = await post(`/api/v1/changes/${change.id}/submit`, engineer.headers, { version: change.version }, 200);
  await post(`/api/v1/changes/${change.id}/approvals`, reviewer.headers, { decision: 'approve', comment: ALL_SCRIPTS, version: 1 });
  const override = await request.post(`/api/v1/changes/${change.id}/overrides`, { headers: manager.headers, data: { justification: `Customers are overcharged until this ships ${SHORT_SCRIPTS[2]} ${ALL_SCRIPTS}`.slice(0, 1000), expiresInHours: 2 } });
  void submitted;
  const incident = await post('/api/v1/incidents', engineer.headers, { title: `${SHORT_SCRIPTS[3]} ${tag}`, summary: ALL_SCRIPTS, severity: 'sev4', startedAt: '2026-01-15T10:00:00Z', resolvedAt: '2026-01-15T11:00:00Z' });
  const config = await post('/api/v1/config-changes', engineer.headers, { type: 'env_var', title: `${SHORT_SCRIPTS[0]} config ${tag}`, environmentId: production.id, details: { variable: SHORT_SCRIPTS[1], pullRequestUrl: '', stagingTest: ALL_SCRIPTS } });
  const plan = await post('/api/v1/migrations', engineer.headers, {
    changeId: change.id, type: 'framework', title: `${SHORT_SCRIPTS[1]} plan ${tag}`, rollbackPlan: ALL_SCRIPTS, successCriteria: ALL_SCRIPTS, monitoring: ALL_SCRIPTS, communicationPlan: ALL_SCRIPTS,
    details: { incrementalPlan: ALL_SCRIPTS },
  });
  const flag = await post('/api/v1/flags', engineer.headers, { key: `payments-xss${tag}-release`, teamId: team.id, type: 'release', ownerId: engineer.user.id, purpose: ALL_SCRIPTS.slice(0, 1000) });
  const managerActor = await db.user.findUniqueOrThrow({ where: { email: 'manager1@changeboard.test' }, select: actorSelect });
  const feature = await createFeature({ actor: managerActor, at: new Date(), input: { key: `xss-${tag}`, name: `${SHORT_SCRIPTS[2]} ${tag}`.slice(0, 100), description: ALL_SCRIPTS.slice(0, 2000), teamId: team.id } });
  // Far in the future, so that no other check meets them.
  const year = 2040 + Math.floor(Math.random() * 40);
  const holidayDate = `${year}-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;
  const holiday = await createHoliday({ actor: managerActor, at: new Date(), date: holidayDate, name: `${SHORT_SCRIPTS[3]} ${tag}` });
  const freeze = await createDeclaredFreeze({ actor: managerActor, at: new Date(), reason: `${SHORT_SCRIPTS[0]} freeze ${tag}`, startsAt: new Date(`${year}-12-01T00:00:00Z`), endsAt: new Date(`${year}-12-02T00:00:00Z`), serviceIds: [service.id], environmentIds: [] });
  return { tag, change, changeTitle, overrideStatus: override.status(), incident, config, plan, flag, feature, holiday, holidayDate, freeze, team };
}

test.describe('[HOSTILE] pages', () => {
  test.use(asUser('manager1@changeboard.test'));

  test('script payloads in every rendered free-text field show as text and never run', async ({ page, request }) => {
    test.setTimeout(120_000);
    const check = await watchForScripts(page);
    const r = await seedHostileRecords(request);
    expect(r.overrideStatus, 'the override with a hostile justification is granted').toBe(201);

    await visit(page, check, `/changes/${r.change.id}`, 'window.__xss=17');
    await expect(page.locator('main').getByText(r.changeTitle).first()).toBeVisible();
    await visit(page, check, `/changes?q=${encodeURIComponent(r.tag)}`, null);
    await visit(page, check, '/changes', null);
    await visit(page, check, `/incidents/${r.incident.id}`, 'window.__xss=15');
    await visit(page, check, '/incidents?state=resolved', null);
    await visit(page, check, `/config-changes/${r.config.id}`, 'window.__xss=9');
    await visit(page, check, '/config-changes', null);
    await visit(page, check, `/migrations/${r.plan.id}`, 'window.__xss=13');
    await visit(page, check, '/migrations', null);
    await visit(page, check, `/flags/${r.flag.id}`, 'alert(5)');
    await visit(page, check, '/flags', null);
    await visit(page, check, `/flags/features/${r.feature.id}`, 'window.__xss=11');
    await visit(page, check, '/flags/features', null);
    await visit(page, check, '/calendar/holidays', null);
    await visit(page, check, `/calendar/freezes/${r.freeze.id}`, r.tag);
    await visit(page, check, '/exceptions', 'Customers are overcharged until this ships');
  });

  test('a stored javascript: or data: link is shown as text, never as a clickable href', async ({ page, request }) => {
    const check = await watchForScripts(page);
    const r = await seedHostileRecords(request);
    // Rows written around the schema (an old import, a hand-made fix) must still render inert.
    const urls = ['javascript:window.__xss=21', 'data:text/html,<script>alert(22)</script>', 'JaVaScRiPt:alert(23)'];
    await db.changeRequest.update({ where: { id: r.change.id }, data: { pullRequestUrls: urls, adrUrl: 'javascript:alert(24)' } });
    await db.migrationPlan.update({ where: { id: r.plan.id }, data: { details: { ...(await db.migrationPlan.findUniqueOrThrow({ where: { id: r.plan.id }, select: { details: true } })).details as object, adrUrl: 'javascript:alert(25)' } } });
    await db.configChange.update({ where: { id: r.config.id }, data: { details: { variable: 'X', pullRequestUrl: 'javascript:alert(26)', stagingTest: '' } } });

    await visit(page, check, `/changes/${r.change.id}`, 'javascript:window.__xss=21');
    await expect(page.locator('main').getByText('javascript:alert(24)')).toBeVisible();
    // The plan's details are re-validated on read: the bad link is not shown at all.
    await visit(page, check, `/migrations/${r.plan.id}`, null);
    // So are a config change's: the bad link is not shown.
    await visit(page, check, `/config-changes/${r.config.id}`, null);
    await visit(page, check, `/changes/${r.change.id}`, 'javascript:window.__xss=21');
    await page.locator('main').getByText('javascript:window.__xss=21').click();
    await check('after clicking the stored link');
  });
});

test.describe('[HOSTILE] audit trail', () => {
  test.use(asUser('admin@changeboard.test'));

  test('the audit trail shows the hostile records’ events as text and runs nothing', async ({ page, request }) => {
    const check = await watchForScripts(page);
    const r = await seedHostileRecords(request);
    await visit(page, check, '/audit', null);
    await visit(page, check, `/audit?entity=change&entityId=${r.change.id}`, null);
    await visit(page, check, `/changes/${r.change.id}`, r.changeTitle);
  });
});

test.describe('[HOSTILE] server actions from another origin', () => {
  test.use(asUser('engineer1@changeboard.test'));

  for (const payload of SPOOFED_ORIGINS) {
    test(`a server action posted with ${payload.value} has no effect (${payload.id})`, async ({ page }) => {
      // Next.js compares Origin with X-Forwarded-Host when one is sent: without a trusted proxy,
      // proxy.ts puts the request's own Host there, so forging both fails too.
      const spoofed = payload.value.startsWith('x-forwarded-host')
        ? { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' }
        : { origin: payload.value };
      const answers: number[] = [];
      let spoof = true;
      await page.route('**/incidents/new', async (route) => {
        const request = route.request();
        if (request.method() !== 'POST' || !(await request.headerValue('next-action'))) return route.continue();
        const headers = { ...(await request.allHeaders()), ...(spoof ? spoofed : {}) };
        const response = await route.fetch({ headers });
        answers.push(response.status());
        return route.fulfill({ response });
      });
      const declare = async (title: string) => {
        await page.goto('/incidents/new');
        await page.getByLabel('Title', { exact: true }).fill(title);
        await page.getByRole('radio', { name: /SEV4/ }).check();
        await page.getByRole('button', { name: 'Declare incident' }).click();
      };

      const forged = `Forged origin ${unique()}`;
      await declare(forged);
      await expect.poll(() => answers.length).toBe(1);
      expect(answers[0], 'the framework refuses the action').toBeGreaterThanOrEqual(400);
      expect(await db.incident.count({ where: { title: forged } })).toBe(0);

      // The control: the same interception without the spoofed header declares the incident.
      spoof = false;
      const genuine = `Genuine origin ${unique()}`;
      await declare(genuine);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(genuine);
      expect(await db.incident.count({ where: { title: genuine } })).toBe(1);
    });
  }
});

test.describe('[HOSTILE] CSV exports', () => {
  test.use(asUser('manager1@changeboard.test'));

  test('formula-like flag purposes are neutralised in the stale-flag CSV', async ({ page, request }) => {
    const engineer = await personalToken('engineer1@changeboard.test');
    const team = await db.team.findUniqueOrThrow({ where: { slug: 'payments' }, select: { id: true } });
    const tag = unique();
    const purposes = CSV_FORMULAS.map((payload) => `${payload.value} ${tag}`);
    for (const [index, purpose] of purposes.entries()) {
      const response = await request.post('/api/v1/flags', { headers: engineer.headers, data: { key: `payments-csv${tag}${index}-experiment`, teamId: team.id, type: 'experiment', ownerId: engineer.user.id, purpose } });
      expect(response.status(), await response.text()).toBe(201);
      const { id } = (await response.json()) as { id: string };
      // Old enough to be stale under any experiment TTL.
      await db.featureFlag.update({ where: { id }, data: { createdAt: new Date('2020-01-01T00:00:00Z') } });
    }
    const csv = await (await page.request.get('/flags/stale/export.csv')).text();
    const lines = csv.split('\r\n').filter((line) => line.includes(tag));
    expect(lines).toHaveLength(purposes.length);
    for (const purpose of purposes) {
      // Stored trimmed (a leading tab or CR is whitespace), then exported with a leading quote if it still starts a formula.
      const stored = purpose.trim();
      const cell = /^[=+\-@]/.test(stored) ? `'${stored}` : stored;
      const quoted = /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
      expect(lines.some((line) => line.includes(`,${quoted},`)), `${JSON.stringify(purpose)} → ${quoted}`).toBe(true);
    }
    expect(lines.every((line) => !/,[=+\-@][^,]*/.test(line.replace(/"[^"]*"/g, '')))).toBe(true);
  });
});
