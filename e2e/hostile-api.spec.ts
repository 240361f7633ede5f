// Hostile input through /api/v1 (issue #9 item 2, DOMAIN invariant 9: bad input changes nothing).
// Every refusal is a 4xx with a clear error body, and the database holds no new and no changed row;
// legitimate but hostile-looking text (markup, SQL) is stored verbatim. Payloads: e2e/hostile/payloads.ts.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { db } from './fixtures';
import { personalToken, type Headers } from './api-fixtures';
import { BAD_ZONES, BROKEN_TEXT, FORGED_FIELDS, IMPOSSIBLE_INSTANTS, JAVASCRIPT_URLS, SCRIPT_PAYLOADS, SQL_LIKE, VALID_UNICODE } from './hostile/payloads';

const unique = () => randomUUID().slice(0, 8);
const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** Every row count and the sum of every row version that a write could touch. */
async function snapshot() {
  const [changes, changeVersions, approvals, incidents, configChanges, plans, flags, overrides, deployments, exceptions, features, audit, versions] = await Promise.all([
    db.changeRequest.count(), db.changeRequestVersion.count(), db.approval.count(), db.incident.count(), db.configChange.count(), db.migrationPlan.count(),
    db.featureFlag.count(), db.freezeOverride.count(), db.deployment.count(), db.policyException.count(), db.feature.count(), db.auditEvent.count(),
    Promise.all([
      db.changeRequest.aggregate({ _sum: { version: true } }), db.incident.aggregate({ _sum: { version: true } }), db.configChange.aggregate({ _sum: { version: true } }),
      db.migrationPlan.aggregate({ _sum: { version: true } }), db.featureFlag.aggregate({ _sum: { version: true } }),
    ]).then((sums) => sums.map((sum) => sum._sum.version)),
  ]);
  return { changes, changeVersions, approvals, incidents, configChanges, plans, flags, overrides, deployments, exceptions, features, audit, versions };
}

type Call = { method: 'POST' | 'PATCH'; url: string; body: string; headers: Headers };

function send(request: APIRequestContext, call: Call): Promise<APIResponse> {
  const options = { headers: { ...call.headers, ...JSON_HEADERS }, data: call.body };
  return call.method === 'POST' ? request.post(call.url, options) : request.patch(call.url, options);
}

/** A refusal: the status, `{ error: { code, message } }`, and nothing stored or changed. */
async function expectRefused(request: APIRequestContext, call: Call, status: number, label: string) {
  const before = await snapshot();
  const response = await send(request, call);
  const text = await response.text();
  expect(response.status(), `${label}: ${call.method} ${call.url} → ${text.slice(0, 300)}`).toBe(status);
  const body = JSON.parse(text) as { error: { code: string; message: string; fieldErrors?: Record<string, string[]> } };
  expect(body.error.code, label).toBe(status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST');
  expect(body.error.message.length, label).toBeGreaterThan(10);
  expect(await snapshot(), `${label}: nothing stored or changed`).toEqual(before);
  return body.error;
}

/** The records every test writes against: a draft change, an incident, a flag, a plan, a config change of engineer1 (Payments). */
async function fixtures(request: APIRequestContext) {
  const engineer = await personalToken('engineer1@changeboard.test');
  const team = await db.team.findUniqueOrThrow({ where: { slug: 'payments' }, select: { id: true } });
  const service = await db.service.findUniqueOrThrow({ where: { slug: 'checkout-api' }, select: { id: true } });
  const production = await db.environment.findUniqueOrThrow({ where: { slug: 'production' }, select: { id: true } });
  const post = async (url: string, data: unknown) => {
    const response = await request.post(url, { headers: engineer.headers, data });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as { id: string; version: number };
  };
  const changeBody = (title = `Hostile ${unique()}`) => ({ title, changeClass: 'normal', teamId: team.id, serviceIds: [service.id] });
  const incidentBody = (title = `Hostile incident ${unique()}`) => ({ title, severity: 'sev4', startedAt: '2026-01-15T10:00:00Z', resolvedAt: '2026-01-15T11:00:00Z' });
  const flagBody = () => ({ key: `payments-hostile${unique()}-release`, teamId: team.id, type: 'release', ownerId: engineer.user.id, purpose: 'Hostile input suite.' });
  const configBody = (title = `Hostile config ${unique()}`) => ({ type: 'env_var', title, environmentId: production.id, details: { variable: 'TIMEOUT_MS', pullRequestUrl: '', stagingTest: '' } });
  const change = await post('/api/v1/changes', changeBody());
  const incident = await post('/api/v1/incidents', incidentBody());
  const flag = await post('/api/v1/flags', flagBody());
  const plan = await post('/api/v1/migrations', { changeId: change.id, type: 'schema_additive', title: `Hostile plan ${unique()}` });
  const config = await post('/api/v1/config-changes', configBody());
  return { engineer, team, service, production, change, incident, flag, plan, config, changeBody, incidentBody, flagBody, configBody };
}

type Fixtures = Awaited<ReturnType<typeof fixtures>>;

/** Every free-text field an API write takes, as a call that puts `value` there. */
function textTargets(f: Fixtures): { label: string; call: (value: string) => Call }[] {
  const h = f.engineer.headers;
  const post = (url: string, body: (value: string) => unknown) => (value: string): Call => ({ method: 'POST', url, headers: h, body: JSON.stringify(body(value)) });
  const patch = (url: string, body: (value: string) => unknown) => (value: string): Call => ({ method: 'PATCH', url, headers: h, body: JSON.stringify(body(value)) });
  return [
    { label: 'change title', call: post('/api/v1/changes', (value) => f.changeBody(value)) },
    { label: 'change description', call: post('/api/v1/changes', (description) => ({ ...f.changeBody(), description })) },
    { label: 'change rollback plan', call: post('/api/v1/changes', (rollbackPlan) => ({ ...f.changeBody(), rollbackPlan })) },
    { label: 'change notes', call: post('/api/v1/changes', (notes) => ({ ...f.changeBody(), notes })) },
    { label: 'change changed path', call: post('/api/v1/changes', (path) => ({ ...f.changeBody(), changedPaths: [path] })) },
    { label: 'change edit description', call: patch(`/api/v1/changes/${f.change.id}`, (description) => ({ version: f.change.version, description })) },
    { label: 'approval comment', call: post(`/api/v1/changes/${f.change.id}/approvals`, (comment) => ({ decision: 'reject', comment, version: 1 })) },
    { label: 'cancel reason', call: post(`/api/v1/changes/${f.change.id}/cancel`, (reason) => ({ version: f.change.version, reason })) },
    { label: 'override justification', call: post(`/api/v1/changes/${f.change.id}/overrides`, (justification) => ({ justification, expiresInHours: 1 })) },
    { label: 'override revocation reason', call: post(`/api/v1/changes/${f.change.id}/overrides/${randomUUID()}/revoke`, (reason) => ({ reason })) },
    { label: 'incident title', call: post('/api/v1/incidents', (title) => f.incidentBody(title)) },
    { label: 'incident summary', call: post('/api/v1/incidents', (summary) => ({ ...f.incidentBody(), summary })) },
    { label: 'incident edit summary', call: patch(`/api/v1/incidents/${f.incident.id}`, (summary) => ({ version: f.incident.version, summary })) },
    { label: 'config change title', call: post('/api/v1/config-changes', (title) => f.configBody(title)) },
    { label: 'config change variable', call: post('/api/v1/config-changes', (variable) => ({ ...f.configBody(), details: { variable, pullRequestUrl: '', stagingTest: '' } })) },
    { label: 'config change staging test', call: post('/api/v1/config-changes', (stagingTest) => ({ ...f.configBody(), details: { variable: 'X', pullRequestUrl: '', stagingTest } })) },
    { label: 'config change edit title', call: patch(`/api/v1/config-changes/${f.config.id}`, (title) => ({ version: f.config.version, title })) },
    { label: 'migration plan title', call: post('/api/v1/migrations', (title) => ({ changeId: f.change.id, type: 'schema_additive', title })) },
    { label: 'migration plan rollback plan', call: post('/api/v1/migrations', (rollbackPlan) => ({ changeId: f.change.id, type: 'schema_additive', title: 'Plan', rollbackPlan })) },
    { label: 'migration plan edit monitoring', call: patch(`/api/v1/migrations/${f.plan.id}`, (monitoring) => ({ version: f.plan.version, monitoring })) },
    { label: 'migration dry-run notes', call: post(`/api/v1/migrations/${f.plan.id}/dry-runs`, (notes) => ({ outcome: 'succeeded', notes })) },
    { label: 'migration rollback reason', call: post(`/api/v1/migrations/${f.plan.id}/steps`, (reason) => ({ step: 'roll_back', reason, version: f.plan.version })) },
    { label: 'flag purpose', call: post('/api/v1/flags', (purpose) => ({ ...f.flagBody(), purpose })) },
    { label: 'flag edit purpose', call: patch(`/api/v1/flags/${f.flag.id}`, (purpose) => ({ version: f.flag.version, purpose })) },
    { label: 'flag archive reason', call: post(`/api/v1/flags/${f.flag.id}/archive`, (reason) => ({ version: f.flag.version, reason })) },
    { label: 'gate environment', call: post('/api/v1/gate/check', (environment) => ({ changeId: f.change.id, environment })) },
    { label: 'deployment environment slug', call: post('/api/v1/deployments', (environmentSlug) => ({ changeId: f.change.id, environmentSlug, status: 'started', startedAt: '2026-01-15T10:00:00Z' })) },
  ];
}

test.describe('[HOSTILE] /api/v1 input', () => {
  test('control characters, NUL bytes and unpaired surrogates are 400 in every free-text field, and nothing is stored', async ({ request }) => {
    test.setTimeout(180_000);
    const f = await fixtures(request);
    for (const target of textTargets(f)) {
      for (const payload of BROKEN_TEXT) {
        const error = await expectRefused(request, target.call(payload.value), 400, `${payload.id} in ${target.label}`);
        expect(Object.keys(error.fieldErrors ?? {}).length, `${payload.id} in ${target.label} names a field`).toBeGreaterThan(0);
      }
    }
  });

  test('text a pipeline or a flag linter only reads (classify, gate, lint) never fails with a 5xx on broken text', async ({ request }) => {
    const f = await fixtures(request);
    const pipeline = f.engineer.headers;
    for (const payload of BROKEN_TEXT) {
      const before = await snapshot();
      const classify = await request.post('/api/v1/changes/classify', { headers: pipeline, data: { paths: ['src/a.ts'], label: 'normal', title: payload.value } });
      expect(classify.status(), payload.id).toBeLessThan(500);
      const lint = await request.post('/api/v1/flags/lint', { headers: pipeline, data: { keys: [payload.value] } });
      expect(lint.status(), payload.id).toBeLessThan(500);
      if (lint.status() === 200) expect(JSON.stringify(await lint.json()), payload.id).toContain('"passes":false');
      expect(await snapshot(), payload.id).toEqual(before);
    }
  });

  test('markup, SQL-like and non-Latin text is legitimate: stored verbatim in every text field of a change and an incident', async ({ request }) => {
    test.setTimeout(120_000);
    const f = await fixtures(request);
    for (const payload of [...SCRIPT_PAYLOADS, ...SQL_LIKE, { id: 'unicode', value: VALID_UNICODE }]) {
      const title = payload.value.length >= 5 ? payload.value : `${payload.value} …`;
      const change = await request.post('/api/v1/changes', { headers: f.engineer.headers, data: { ...f.changeBody(title), description: payload.value, rollbackPlan: payload.value, notes: payload.value } });
      expect(change.status(), `${payload.id}: ${await change.text()}`).toBe(201);
      const { id } = (await change.json()) as { id: string };
      expect(await db.changeRequest.findUniqueOrThrow({ where: { id }, select: { title: true, description: true, rollbackPlan: true, notes: true } }), payload.id)
        .toEqual({ title, description: payload.value, rollbackPlan: payload.value, notes: payload.value });

      const incident = await request.post('/api/v1/incidents', { headers: f.engineer.headers, data: { ...f.incidentBody(title), summary: payload.value } });
      expect(incident.status(), payload.id).toBe(201);
      const incidentId = ((await incident.json()) as { id: string }).id;
      expect(await db.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { title: true, summary: true } }), payload.id).toEqual({ title, summary: payload.value });
    }
  });

  test('javascript:, data: and other non-http links are 400 wherever a URL is taken, and nothing is stored', async ({ request }) => {
    const f = await fixtures(request);
    const h = f.engineer.headers;
    const targets: { label: string; call: (url: string) => Call }[] = [
      { label: 'change pull request URL', call: (url) => ({ method: 'POST', url: '/api/v1/changes', headers: h, body: JSON.stringify({ ...f.changeBody(), pullRequestUrls: [url] }) }) },
      { label: 'change ADR URL', call: (url) => ({ method: 'POST', url: '/api/v1/changes', headers: h, body: JSON.stringify({ ...f.changeBody(), adrUrl: url }) }) },
      { label: 'change edit ADR URL', call: (url) => ({ method: 'PATCH', url: `/api/v1/changes/${f.change.id}`, headers: h, body: JSON.stringify({ version: f.change.version, adrUrl: url }) }) },
      { label: 'config change pull request URL', call: (url) => ({ method: 'POST', url: '/api/v1/config-changes', headers: h, body: JSON.stringify({ ...f.configBody(), details: { variable: 'X', pullRequestUrl: url, stagingTest: '' } }) }) },
      { label: 'migration plan ADR URL', call: (url) => ({ method: 'POST', url: '/api/v1/migrations', headers: h, body: JSON.stringify({ changeId: f.change.id, type: 'framework', title: 'Node 22', details: { adrUrl: url } }) }) },
    ];
    for (const target of targets) {
      for (const payload of JAVASCRIPT_URLS) {
        const error = await expectRefused(request, target.call(payload.value), 400, `${payload.id} in ${target.label}`);
        expect(JSON.stringify(error.fieldErrors), `${payload.id} in ${target.label}`).toMatch(/http\(s\) link|Invalid URL/);
      }
    }
  });

  test('impossible dates and unknown offsets or zones are 400 in every instant field, and nothing is stored', async ({ request }) => {
    test.setTimeout(120_000);
    const f = await fixtures(request);
    const h = f.engineer.headers;
    const targets: { label: string; call: (at: string) => Call }[] = [
      { label: 'change planned start', call: (at) => ({ method: 'POST', url: '/api/v1/changes', headers: h, body: JSON.stringify({ ...f.changeBody(), plannedStart: at }) }) },
      { label: 'change edit planned end', call: (at) => ({ method: 'PATCH', url: `/api/v1/changes/${f.change.id}`, headers: h, body: JSON.stringify({ version: f.change.version, plannedEnd: at }) }) },
      { label: 'incident started at', call: (at) => ({ method: 'POST', url: '/api/v1/incidents', headers: h, body: JSON.stringify({ ...f.incidentBody(), startedAt: at, resolvedAt: null }) }) },
      { label: 'incident resolved at', call: (at) => ({ method: 'PATCH', url: `/api/v1/incidents/${f.incident.id}`, headers: h, body: JSON.stringify({ version: f.incident.version, resolvedAt: at }) }) },
      { label: 'override expiry', call: (at) => ({ method: 'POST', url: `/api/v1/changes/${f.change.id}/overrides`, headers: h, body: JSON.stringify({ justification: 'Customers are overcharged until this ships.', expiresAt: at }) }) },
      { label: 'deployment started at', call: (at) => ({ method: 'POST', url: '/api/v1/deployments', headers: h, body: JSON.stringify({ changeId: f.change.id, environmentSlug: 'staging', status: 'started', startedAt: at }) }) },
      { label: 'config change applied at', call: (at) => ({ method: 'POST', url: '/api/v1/config-changes/reports', headers: h, body: JSON.stringify({ ...f.configBody(), appliedAt: at }) }) },
      { label: 'gate preview at', call: (at) => ({ method: 'POST', url: '/api/v1/gate/check', headers: h, body: JSON.stringify({ changeId: f.change.id, environment: 'production', at }) }) },
    ];
    for (const target of targets) {
      for (const payload of [...IMPOSSIBLE_INSTANTS, ...BAD_ZONES]) {
        const error = await expectRefused(request, target.call(payload.value), 400, `${payload.id} (${payload.value}) in ${target.label}`);
        expect(Object.keys(error.fieldErrors ?? {}).length, `${payload.id} in ${target.label}`).toBeGreaterThan(0);
      }
    }
    // Local dates of the KPI query must exist too.
    for (const from of ['2026-02-30', '2026-13-01', '2026-1-1', '0000-00-00']) {
      const response = await request.get(`/api/v1/kpis?from=${from}&to=2026-03-31`, { headers: h });
      expect(response.status(), from).toBe(400);
    }
  });

  test('forged server-owned fields (role, authorId, status, isUnauthorized, version …) are 400 unknown keys in every create and edit body', async ({ request }) => {
    test.setTimeout(180_000);
    const f = await fixtures(request);
    const h = f.engineer.headers;
    const bodies: { label: string; method: 'POST' | 'PATCH'; url: string; body: Record<string, unknown> }[] = [
      { label: 'file change', method: 'POST', url: '/api/v1/changes', body: f.changeBody() },
      { label: 'edit change', method: 'PATCH', url: `/api/v1/changes/${f.change.id}`, body: { version: f.change.version, description: 'Edited.' } },
      { label: 'submit change', method: 'POST', url: `/api/v1/changes/${f.change.id}/submit`, body: { version: f.change.version } },
      { label: 'approve change', method: 'POST', url: `/api/v1/changes/${f.change.id}/approvals`, body: { decision: 'approve', version: 1 } },
      { label: 'grant override', method: 'POST', url: `/api/v1/changes/${f.change.id}/overrides`, body: { justification: 'Customers are overcharged until this ships.', expiresInHours: 1 } },
      { label: 'declare incident', method: 'POST', url: '/api/v1/incidents', body: f.incidentBody() },
      { label: 'edit incident', method: 'PATCH', url: `/api/v1/incidents/${f.incident.id}`, body: { version: f.incident.version, summary: 'Edited.' } },
      { label: 'plan config change', method: 'POST', url: '/api/v1/config-changes', body: f.configBody() },
      { label: 'edit config change', method: 'PATCH', url: `/api/v1/config-changes/${f.config.id}`, body: { version: f.config.version, title: 'Edited config' } },
      { label: 'report config change', method: 'POST', url: '/api/v1/config-changes/reports', body: { ...f.configBody(), appliedAt: '2026-01-15T10:00:00Z' } },
      { label: 'create migration plan', method: 'POST', url: '/api/v1/migrations', body: { changeId: f.change.id, type: 'schema_additive', title: 'Plan' } },
      { label: 'edit migration plan', method: 'PATCH', url: `/api/v1/migrations/${f.plan.id}`, body: { version: f.plan.version, monitoring: 'Dashboards.' } },
      { label: 'create flag', method: 'POST', url: '/api/v1/flags', body: f.flagBody() },
      { label: 'edit flag', method: 'PATCH', url: `/api/v1/flags/${f.flag.id}`, body: { version: f.flag.version, rolloutPercent: 50 } },
      { label: 'archive flag', method: 'POST', url: `/api/v1/flags/${f.flag.id}/archive`, body: { version: f.flag.version } },
      { label: 'import flags', method: 'POST', url: '/api/v1/flags/import', body: { content: 'key,type\n', dryRun: false } },
      { label: 'lint flags', method: 'POST', url: '/api/v1/flags/lint', body: { keys: ['payments-checkout-release'] } },
      { label: 'record deployment', method: 'POST', url: '/api/v1/deployments', body: { changeId: f.change.id, environmentSlug: 'staging', status: 'started', startedAt: '2026-01-15T10:00:00Z' } },
    ];
    for (const target of bodies) {
      for (const payload of FORGED_FIELDS) {
        // Spliced as text so that `__proto__` arrives as an own key, as an attacker's JSON would carry it.
        const field = payload.id.slice('forged/'.length);
        if (Object.hasOwn(target.body, field)) continue; // a real field of this body (a deployment's status)
        const valid = JSON.stringify(target.body);
        const forged = `${valid.slice(0, -1)},${payload.value.slice(1)}`;
        const error = await expectRefused(request, { method: target.method, url: target.url, headers: h, body: forged }, 400, `${payload.id} in ${target.label}`);
        expect(JSON.stringify(error.fieldErrors), `${payload.id} in ${target.label}`).toMatch(/Unrecognized key|unrecognized/i);
      }
    }
  });

  test('bodies over the limit are 413 before parsing; fields over their limits and absurd nesting are 400; nothing is stored', async ({ request }) => {
    const f = await fixtures(request);
    const h = f.engineer.headers;
    const huge = 'x'.repeat(1_000_001);
    for (const call of [
      { method: 'POST', url: '/api/v1/changes', headers: h, body: JSON.stringify({ ...f.changeBody(), description: huge }) },
      { method: 'PATCH', url: `/api/v1/changes/${f.change.id}`, headers: h, body: JSON.stringify({ version: f.change.version, description: huge }) },
      { method: 'POST', url: '/api/v1/incidents', headers: h, body: JSON.stringify({ ...f.incidentBody(), summary: huge }) },
      { method: 'POST', url: '/api/v1/flags/lint', headers: h, body: JSON.stringify({ keys: [huge] }) },
    ] satisfies Call[]) {
      const error = await expectRefused(request, call, 413, `oversized ${call.url}`);
      expect(error.message).toMatch(/too large/);
    }
    const over = [
      { label: 'title 201', call: { method: 'POST', url: '/api/v1/changes', headers: h, body: JSON.stringify(f.changeBody('t'.repeat(201))) }, field: 'title' },
      { label: 'description 20,001', call: { method: 'POST', url: '/api/v1/changes', headers: h, body: JSON.stringify({ ...f.changeBody(), description: 'd'.repeat(20_001) }) }, field: 'description' },
      { label: 'incident summary 5,001', call: { method: 'POST', url: '/api/v1/incidents', headers: h, body: JSON.stringify({ ...f.incidentBody(), summary: 's'.repeat(5001) }) }, field: 'summary' },
      { label: '51 pull requests', call: { method: 'POST', url: '/api/v1/changes', headers: h, body: JSON.stringify({ ...f.changeBody(), pullRequestUrls: Array.from({ length: 51 }, (_, n) => `https://github.com/acme/x/pull/${n}`) }) }, field: 'pullRequestUrls' },
    ] satisfies { label: string; call: Call; field: string }[];
    for (const { label, call, field } of over) {
      const error = await expectRefused(request, call, 400, label);
      expect(error.fieldErrors, label).toHaveProperty(field);
    }
    const nested = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    await expectRefused(request, { method: 'POST', url: '/api/v1/changes', headers: h, body: nested }, 400, 'nested arrays');
    await expectRefused(request, { method: 'POST', url: '/api/v1/changes', headers: h, body: `{"title":${nested}}` }, 400, 'nested title');
  });

  test('a body that is not an object (null, an array, a string, a number) is 400 on every write, never a 500', async ({ request }) => {
    const f = await fixtures(request);
    const writes: [Call['method'], string][] = [
      ['POST', '/api/v1/changes'], ['PATCH', `/api/v1/changes/${f.change.id}`], ['POST', `/api/v1/changes/${f.change.id}/submit`], ['POST', `/api/v1/changes/${f.change.id}/approvals`],
      ['POST', `/api/v1/changes/${f.change.id}/overrides`], ['POST', '/api/v1/incidents'], ['PATCH', `/api/v1/incidents/${f.incident.id}`], ['POST', '/api/v1/config-changes'],
      ['POST', '/api/v1/config-changes/reports'], ['PATCH', `/api/v1/config-changes/${f.config.id}`], ['POST', '/api/v1/migrations'], ['PATCH', `/api/v1/migrations/${f.plan.id}`],
      ['POST', `/api/v1/migrations/${f.plan.id}/steps`], ['POST', `/api/v1/migrations/${f.plan.id}/dry-runs`], ['POST', '/api/v1/flags'], ['PATCH', `/api/v1/flags/${f.flag.id}`],
      ['POST', '/api/v1/flags/lint'], ['POST', '/api/v1/flags/import'], ['POST', '/api/v1/deployments'], ['POST', '/api/v1/gate/check'], ['POST', '/api/v1/changes/classify'],
    ];
    for (const [method, url] of writes) {
      for (const body of ['null', '[]', '"text"', '42', 'true']) await expectRefused(request, { method, url, headers: f.engineer.headers, body }, 400, `${body} to ${method} ${url}`);
    }
  });

  test("another team's draft is 404, exactly like an id that does not exist, for every action on it", async ({ request }) => {
    const f = await fixtures(request);
    const outsider = await personalToken('engineer2@changeboard.test');
    const outsiderManager = await personalToken('staff1@changeboard.test');
    const actions = (changeId: string): { label: string; call: Call }[] => [
      { label: 'submit', call: { method: 'POST', url: `/api/v1/changes/${changeId}/submit`, headers: outsider.headers, body: JSON.stringify({ version: 1 }) } },
      { label: 'cancel', call: { method: 'POST', url: `/api/v1/changes/${changeId}/cancel`, headers: outsider.headers, body: JSON.stringify({ version: 1, reason: 'Not yours to keep.' }) } },
      { label: 'edit', call: { method: 'PATCH', url: `/api/v1/changes/${changeId}`, headers: outsider.headers, body: JSON.stringify({ version: 1, title: 'Taken over by another team' }) } },
      { label: 'approve', call: { method: 'POST', url: `/api/v1/changes/${changeId}/approvals`, headers: outsiderManager.headers, body: JSON.stringify({ decision: 'approve', version: 1 }) } },
      { label: 'migration plan', call: { method: 'POST', url: '/api/v1/migrations', headers: outsider.headers, body: JSON.stringify({ changeId, type: 'schema_additive', title: 'Hijack' }) } },
    ];
    const missing = randomUUID();
    const unknownAnswers = [];
    for (const { label, call } of actions(missing)) unknownAnswers.push({ label, error: await refusal(request, call) });
    const draftAnswers = [];
    for (const { label, call } of actions(f.change.id)) draftAnswers.push({ label, error: await refusal(request, call) });
    expect(draftAnswers).toEqual(unknownAnswers);
    for (const { label, error } of draftAnswers) expect(error.status, label).toBe(404);
    const read = await request.get(`/api/v1/changes/${f.change.id}`, { headers: outsider.headers });
    expect(read.status()).toBe(404);
    expect(await db.changeRequest.findUniqueOrThrow({ where: { id: f.change.id }, select: { title: true, status: true, version: true } })).toMatchObject({ status: 'draft', version: 1 });

    async function refusal(request: APIRequestContext, call: Call) {
      const before = await snapshot();
      const response = await send(request, call);
      const body = (await response.json()) as { error: { code: string; message: string } };
      const after = await snapshot();
      // A refused attempt may be audited as denied; nothing else may change.
      expect({ ...after, audit: 0 }, call.url).toEqual({ ...before, audit: 0 });
      return { status: response.status(), code: body.error.code, message: body.error.message.replace(UUID, '<id>') };
    }
  });
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
