// The access matrix's role-gated writes (issue #9), as written in e2e/access-matrix/write-expectations.ts:
// every demo person's token sends each write with a valid body to a record of its own, and the
// database must hold exactly what was acknowledged: one record per 201, nothing for a 403.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { recordApprovalDecision } from '@/lib/server/change-requests/record-approval-decision';
import { submitChangeRequest } from '@/lib/server/change-requests/submit-change-request';
import { draftFor, uniqueSuffix } from '@/prisma/factories';
import { personalToken, type Headers } from './api-fixtures';
import { db } from './fixtures';
import { PEOPLE, PERSONS, type Person } from './access-matrix/expectations';
import { WRITE_ROWS, type WriteRow } from './access-matrix/write-expectations';

type Sent = { status: number; body: string; stored: () => Promise<number> };
type Catalog = { teamId: string; serviceId: string; stagingId: string; author: Awaited<ReturnType<typeof actorOf>>; reviewer: Awaited<ReturnType<typeof actorOf>> };

async function actorOf(email: string) {
  return db.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } });
}

/** A change of Payments filed by engineer1 and submitted; approved by engineer2 when asked. */
async function changeOfEngineer1(catalog: Catalog, changeClass: 'standard' | 'normal', isApproved: boolean): Promise<string> {
  const at = new Date();
  const { id } = await createChangeRequest({ actor: catalog.author, at, content: draftFor(catalog.teamId, [catalog.serviceId], changeClass, { title: `Matrix write ${uniqueSuffix()}` }) });
  await submitChangeRequest({ actor: catalog.author, at, changeId: id, expectedVersion: 1 });
  if (isApproved) await recordApprovalDecision({ actor: catalog.reviewer, at, changeId: id, contentVersion: 1, decision: 'approve', comment: '' });
  return id;
}

/** How each row's cell is sent, and what it would have stored. */
const SEND: Record<WriteRow['operation'], (api: APIRequestContext, headers: Headers, callerId: string, catalog: Catalog) => Promise<Sent>> = {
  'POST /changes': async (api, headers, _callerId, catalog) => {
    const title = `Matrix filing ${uniqueSuffix()}`;
    const response = await api.post('/api/v1/changes', { headers, data: { title, changeClass: 'standard', teamId: catalog.teamId, serviceIds: [catalog.serviceId] } });
    return { status: response.status(), body: await response.text(), stored: () => db.changeRequest.count({ where: { title } }) };
  },
  'POST /changes/{id}/approvals': async (api, headers, callerId, catalog) => {
    const changeId = await changeOfEngineer1(catalog, 'normal', false);
    const response = await api.post(`/api/v1/changes/${changeId}/approvals`, { headers, data: { decision: 'approve', version: 1 } });
    return { status: response.status(), body: await response.text(), stored: () => db.approval.count({ where: { changeRequestId: changeId, approverId: callerId } }) };
  },
  'POST /changes/{id}/overrides': async (api, headers, _callerId, catalog) => {
    const changeId = await changeOfEngineer1(catalog, 'standard', true);
    const response = await api.post(`/api/v1/changes/${changeId}/overrides`, { headers, data: { justification: 'The payment provider deadline forces this deploy tonight.', expiresInHours: 2 } });
    return { status: response.status(), body: await response.text(), stored: () => db.freezeOverride.count({ where: { changeRequestId: changeId } }) };
  },
  'POST /incidents': async (api, headers) => {
    const title = `Matrix incident ${uniqueSuffix()}`;
    // Declared already resolved, so that no other test finds an incident of ours active.
    const response = await api.post('/api/v1/incidents', { headers, data: { title, severity: 'sev3', startedAt: '2026-01-15T10:00:00Z', resolvedAt: '2026-01-15T11:00:00Z' } });
    return { status: response.status(), body: await response.text(), stored: () => db.incident.count({ where: { title } }) };
  },
  'POST /flags': async (api, headers, _callerId, catalog) => {
    const key = `payments-matrix${uniqueSuffix().replace(/[^a-z0-9]/g, '')}-experiment`;
    const response = await api.post('/api/v1/flags', { headers, data: { key, teamId: catalog.teamId, type: 'experiment', ownerId: catalog.author.id, purpose: 'Checks who may add a flag' } });
    return { status: response.status(), body: await response.text(), stored: () => db.featureFlag.count({ where: { key } }) };
  },
  'POST /migrations': async (api, headers, _callerId, catalog) => {
    const changeId = await changeOfEngineer1(catalog, 'normal', false);
    const response = await api.post('/api/v1/migrations', { headers, data: { changeId, type: 'schema_additive', title: `Matrix plan ${uniqueSuffix()}` } });
    return { status: response.status(), body: await response.text(), stored: () => db.migrationPlan.count({ where: { changeRequestId: changeId } }) };
  },
  'POST /deployments': async (api, headers, _callerId, catalog) => {
    const changeId = await changeOfEngineer1(catalog, 'standard', true);
    const finishedAt = new Date();
    const response = await api.post('/api/v1/deployments', { headers, data: { changeId, environmentSlug: 'staging', status: 'succeeded', startedAt: new Date(finishedAt.getTime() - 60_000).toISOString(), finishedAt: finishedAt.toISOString() } });
    return { status: response.status(), body: await response.text(), stored: () => db.deployment.count({ where: { changeRequestId: changeId } }) };
  },
  'POST /config-changes': async (api, headers, _callerId, catalog) => {
    const title = `Matrix config ${uniqueSuffix()}`;
    const response = await api.post('/api/v1/config-changes', { headers, data: { type: 'env_var', title, environmentId: catalog.stagingId, details: { variable: 'MATRIX_CHECK', pullRequestUrl: '', stagingTest: 'Checked on staging.' } } });
    return { status: response.status(), body: await response.text(), stored: () => db.configChange.count({ where: { title } }) };
  },
};

test('[ACCESS] role-gated writes with valid bodies answer each person as written, and store exactly what they acknowledge', async ({ request }) => {
  const [team, service, staging, author, reviewer] = await Promise.all([
    db.team.findUniqueOrThrow({ where: { slug: 'payments' }, select: { id: true } }),
    db.service.findUniqueOrThrow({ where: { slug: 'checkout-api' }, select: { id: true } }),
    db.environment.findUniqueOrThrow({ where: { slug: 'staging' }, select: { id: true } }),
    actorOf(PEOPLE.engineer),
    actorOf('engineer2@changeboard.test'),
  ]);
  const catalog: Catalog = { teamId: team.id, serviceId: service.id, stagingId: staging.id, author, reviewer };
  const tokens = new Map(await Promise.all(PERSONS.map(async (person) => [person, await personalToken(PEOPLE[person])] as const)));
  const mismatches: { cell: string; expected: number; got: number; stored: number; body?: string }[] = [];
  let checked = 0;
  for (const row of WRITE_ROWS) {
    for (const person of PERSONS as Person[]) {
      const token = tokens.get(person)!;
      const sent = await SEND[row.operation](request, token.headers, token.user.id, catalog);
      const expected = row.expected[person];
      const stored = await sent.stored();
      checked += 1;
      if (sent.status !== expected || stored !== (expected === 201 ? 1 : 0)) {
        mismatches.push({ cell: `${row.operation} (${row.target}) × ${person}`, expected, got: sent.status, stored, body: sent.body.slice(0, 300) });
      }
    }
  }
  test.info().annotations.push({ type: 'cells', description: `${checked} write cells` });
  expect(mismatches).toEqual([]);
});
