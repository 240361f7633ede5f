// /api/v1 change endpoints as a CI pipeline calls them: bearer tokens minted here for the demo users,
// answers checked against the database and the audit trail.
import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { db } from './fixtures';
import { personalToken, serviceToken, type Headers } from './api-fixtures';

async function paymentsCatalog() {
  const team = await db.team.findUniqueOrThrow({ where: { slug: 'payments' }, select: { id: true } });
  const service = await db.service.findUniqueOrThrow({ where: { slug: 'checkout-api' }, select: { id: true } });
  return { teamId: team.id, serviceIds: [service.id] };
}

async function newChangeBody(overrides: Record<string, unknown> = {}) {
  return { title: `API change ${randomUUID().slice(0, 8)}`, description: 'Filed by a pipeline.', changeClass: 'normal', ...(await paymentsCatalog()), ...overrides };
}

async function expectStatus(response: APIResponse, status: number) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json();
}

/** Files a draft through the API as the token's owner. */
async function fileDraft(request: APIRequestContext, headers: Headers, overrides: Record<string, unknown> = {}) {
  const body = await newChangeBody(overrides);
  return expectStatus(await request.post('/api/v1/changes', { headers, data: body }), 201);
}

function auditActions(changeId: string) {
  return db.auditEvent.findMany({ where: { entityType: 'change', entityId: changeId }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true, tokenId: true, changeSet: true } });
}

test.describe('[API] change requests', () => {
  test('an engineer files, edits and submits a normal change; two others approve it; it reads approved', async ({ request }) => {
    const author = await personalToken('engineer1@changeboard.test');
    const first = await personalToken('staff2@changeboard.test');
    const second = await personalToken('manager1@changeboard.test');
    const pipeline = await serviceToken(['changes:read']);

    const created = await fileDraft(request, author.headers);
    expect(created).toMatchObject({ status: 'draft', changeClass: 'normal', version: 1, contentVersion: 1, author: { id: author.user.id }, approvals: [] });
    expect(created.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(created.reference).toMatch(/^CHG-\d+$/);

    const edited = await expectStatus(await request.patch(`/api/v1/changes/${created.id}`, { headers: author.headers, data: { version: 1, description: 'Timeouts at peak; raising from 2 s to 5 s.' } }), 200);
    // A documentation edit keeps the content version (approvals would still count).
    expect(edited).toMatchObject({ version: 2, contentVersion: 1, description: 'Timeouts at peak; raising from 2 s to 5 s.' });

    const submitted = await expectStatus(await request.post(`/api/v1/changes/${created.id}/submit`, { headers: author.headers, data: { version: 2 } }), 200);
    expect(submitted).toMatchObject({ status: 'submitted', version: 3, approvalVerdict: { state: 'pending', missing: [{ control: 'CTRL-012.1', code: 'APPROVALS_MISSING', message: 'Needs 2 more approvals.' }] } });

    const afterFirst = await expectStatus(await request.post(`/api/v1/changes/${created.id}/approvals`, { headers: first.headers, data: { decision: 'approve', comment: 'Looks right.', version: 1 } }), 201);
    expect(afterFirst).toMatchObject({ status: 'submitted', approvalVerdict: { state: 'pending', missing: [{ control: 'CTRL-012.1', message: 'Needs 1 more approval.' }] } });
    const afterSecond = await expectStatus(await request.post(`/api/v1/changes/${created.id}/approvals`, { headers: second.headers, data: { decision: 'approve', version: 1 } }), 201);
    expect(afterSecond).toMatchObject({ status: 'approved', approvalVerdict: { state: 'approved', missing: [] } });

    const read = await expectStatus(await request.get(`/api/v1/changes/${created.id}`, { headers: pipeline.headers }), 200);
    expect(read).toMatchObject({ id: created.id, status: 'approved', contentVersion: 1, services: [{ name: 'Checkout API' }], approvalVerdict: { state: 'approved', approverIds: [first.user.id, second.user.id] } });
    expect(read.approvals.map((approval: { approver: { id: string }; isCurrent: boolean }) => [approval.approver.id, approval.isCurrent])).toEqual([[first.user.id, true], [second.user.id, true]]);

    const row = await db.changeRequest.findUniqueOrThrow({ where: { id: created.id }, select: { status: true, authorId: true, description: true, approvals: { select: { approverId: true, contentVersion: true }, orderBy: { decidedAt: 'asc' } } } });
    expect(row).toEqual({ status: 'approved', authorId: author.user.id, description: 'Timeouts at peak; raising from 2 s to 5 s.', approvals: [{ approverId: first.user.id, contentVersion: 1 }, { approverId: second.user.id, contentVersion: 1 }] });
    const events = await auditActions(created.id);
    expect(events.map(({ action, actorId, tokenId }) => ({ action, actorId, tokenId }))).toEqual([
      { action: 'change.created', actorId: author.user.id, tokenId: author.tokenId },
      { action: 'change.edited', actorId: author.user.id, tokenId: author.tokenId },
      { action: 'change.submitted', actorId: author.user.id, tokenId: author.tokenId },
      { action: 'change.approved', actorId: first.user.id, tokenId: first.tokenId },
      { action: 'change.approved', actorId: second.user.id, tokenId: second.tokenId },
    ]);
    expect(events.at(-1)!.changeSet).toMatchObject({ status: { old: 'submitted', new: 'approved' } });
  });

  test("the author's own approval and an auditor's are 403, recorded as denied attempts, and approve nothing", async ({ request }) => {
    const author = await personalToken('engineer1@changeboard.test');
    const auditor = await personalToken('auditor1@changeboard.test');
    const created = await fileDraft(request, author.headers, { changeClass: 'standard' });
    await expectStatus(await request.post(`/api/v1/changes/${created.id}/submit`, { headers: author.headers, data: { version: 1 } }), 200);

    const own = await expectStatus(await request.post(`/api/v1/changes/${created.id}/approvals`, { headers: author.headers, data: { decision: 'approve', version: 1 } }), 403);
    expect(own).toEqual({ error: { code: 'FORBIDDEN', message: 'Nobody approves a change they authored.' } });
    const byAuditor = await expectStatus(await request.post(`/api/v1/changes/${created.id}/approvals`, { headers: auditor.headers, data: { decision: 'approve', version: 1 } }), 403);
    expect(byAuditor.error.code).toBe('FORBIDDEN');

    expect(await db.approval.count({ where: { changeRequestId: created.id } })).toBe(0);
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: created.id }, select: { status: true } })).status).toBe('submitted');
    const denied = await db.auditEvent.findMany({ where: { entityId: created.id, action: 'change.approval-denied' }, orderBy: { seq: 'asc' }, select: { actorId: true, tokenId: true, changeSet: true } });
    expect(denied).toEqual([
      { actorId: author.user.id, tokenId: author.tokenId, changeSet: { reason: 'SELF_APPROVAL', decision: 'approve', contentVersion: 1 } },
      { actorId: auditor.user.id, tokenId: auditor.tokenId, changeSet: { reason: 'ROLE', decision: 'approve', contentVersion: 1 } },
    ]);
  });

  test('a stale PATCH is 409 and changes nothing', async ({ request }) => {
    const author = await personalToken('engineer1@changeboard.test');
    const created = await fileDraft(request, author.headers);
    const fresh = await expectStatus(await request.patch(`/api/v1/changes/${created.id}`, { headers: author.headers, data: { version: 1, title: `${created.title} (first edit)` } }), 200);
    expect(fresh.version).toBe(2);

    const stale = await expectStatus(await request.patch(`/api/v1/changes/${created.id}`, { headers: author.headers, data: { version: 1, title: `${created.title} (lost edit)` } }), 409);
    expect(stale.error.code).toBe('STALE_VERSION');
    expect(await db.changeRequest.findUniqueOrThrow({ where: { id: created.id }, select: { title: true, version: true } })).toEqual({ title: `${created.title} (first edit)`, version: 2 });
    expect((await auditActions(created.id)).map((event) => event.action)).toEqual(['change.created', 'change.edited']);
  });

  test('malformed input is 400 with field errors, and nothing is saved', async ({ request }) => {
    const author = await personalToken('engineer1@changeboard.test');
    const title = `Malformed ${randomUUID().slice(0, 8)}`;

    const notJson = await expectStatus(await request.post('/api/v1/changes', { headers: { ...author.headers, 'Content-Type': 'application/json' }, data: `{"title": "${title}",` }), 400);
    expect(notJson.error.code).toBe('BAD_REQUEST');

    const misfit = await expectStatus(await request.post('/api/v1/changes', { headers: author.headers, data: { title, changeClass: 'tiny', serviceIds: [], authorId: randomUUID(), plannedStart: '2026-02-30T10:00:00Z' } }), 400);
    expect(misfit.error.code).toBe('BAD_REQUEST');
    expect(Object.keys(misfit.error.fieldErrors).sort()).toEqual(['_', 'changeClass', 'plannedStart', 'serviceIds', 'teamId']);
    expect(misfit.error.fieldErrors.serviceIds).toEqual(['Choose at least one service.']);

    const created = await fileDraft(request, author.headers);
    const badEdit = await expectStatus(await request.patch(`/api/v1/changes/${created.id}`, { headers: author.headers, data: { version: '1', status: 'approved' } }), 400);
    expect(Object.keys(badEdit.error.fieldErrors).sort()).toEqual(['_', 'version']);

    expect(await db.changeRequest.count({ where: { title } })).toBe(0);
    expect(await db.changeRequest.findUniqueOrThrow({ where: { id: created.id }, select: { status: true, version: true } })).toEqual({ status: 'draft', version: 1 });
  });

  test("another team's draft is 404 to people and to service tokens; a service token cannot author", async ({ request }) => {
    const author = await personalToken('engineer1@changeboard.test');
    const outsider = await personalToken('engineer2@changeboard.test');
    const pipeline = await serviceToken(['changes:read', 'changes:write']);
    const created = await fileDraft(request, author.headers);

    for (const headers of [outsider.headers, pipeline.headers]) {
      const hidden = await expectStatus(await request.get(`/api/v1/changes/${created.id}`, { headers }), 404);
      expect(hidden).toEqual({ error: { code: 'NOT_FOUND', message: 'No such change request.' } });
    }
    await expectStatus(await request.patch(`/api/v1/changes/${created.id}`, { headers: outsider.headers, data: { version: 1, title: 'Taken over by another team' } }), 404);
    await expectStatus(await request.get(`/api/v1/changes/${created.id}`, { headers: author.headers }), 200);

    const body = await newChangeBody();
    const refused = await expectStatus(await request.post('/api/v1/changes', { headers: pipeline.headers, data: body }), 403);
    expect(refused.error).toEqual({ code: 'FORBIDDEN', message: 'A service token acts for no person, so it cannot author a change request. Use a personal token.' });
    expect(await db.changeRequest.count({ where: { title: body.title } })).toBe(0);
    expect(await db.changeRequest.findUniqueOrThrow({ where: { id: created.id }, select: { title: true } })).toEqual({ title: created.title });
  });

  test('the list filters, pages with a cursor, and shows service tokens no drafts', async ({ request }) => {
    const author = await personalToken('engineer1@changeboard.test');
    const pipeline = await serviceToken(['changes:read']);
    const word = `zeta${randomUUID().slice(0, 8)}`;
    const filed = [];
    for (let index = 0; index < 3; index++) filed.push(await fileDraft(request, author.headers, { title: `List ${word} ${index}` }));
    await expectStatus(await request.post(`/api/v1/changes/${filed[0].id}/submit`, { headers: author.headers, data: { version: 1 } }), 200);

    const firstPage = await expectStatus(await request.get('/api/v1/changes', { headers: author.headers, params: { q: word, limit: 2 } }), 200);
    expect(firstPage.items.map((item: { id: string }) => item.id)).toEqual([filed[2].id, filed[1].id]);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const lastPage = await expectStatus(await request.get('/api/v1/changes', { headers: author.headers, params: { q: word, limit: 2, cursor: firstPage.nextCursor } }), 200);
    expect(lastPage).toMatchObject({ items: [{ id: filed[0].id, status: 'submitted', team: { name: 'Payments' } }], nextCursor: null });

    const drafts = await expectStatus(await request.get('/api/v1/changes', { headers: author.headers, params: { q: word, status: 'draft', author: author.user.id } }), 200);
    expect(drafts.items).toHaveLength(2);
    const seenByPipeline = await expectStatus(await request.get('/api/v1/changes', { headers: pipeline.headers, params: { q: word } }), 200);
    expect(seenByPipeline.items.map((item: { id: string }) => item.id)).toEqual([filed[0].id]);

    const bad = await expectStatus(await request.get('/api/v1/changes', { headers: author.headers, params: { status: 'shipped', limit: 101, colour: 'red' } }), 400);
    expect(Object.keys(bad.error.fieldErrors).sort()).toEqual(['colour', 'limit', 'status']);
  });

  test('classify rejects an under-labelled PR, accepts emergency, and records nothing', async ({ request }) => {
    const pipeline = await serviceToken(['classify']);
    const readOnly = await serviceToken(['changes:read']);
    const eventsBefore = await db.auditEvent.count();

    const underLabelled = await expectStatus(await request.post('/api/v1/changes/classify', { headers: pipeline.headers, data: { paths: ['infra/main.tf'], label: 'standard', title: 'Resize the cluster' } }), 200);
    expect(underLabelled).toMatchObject({ minimumClass: 'major', labelMatches: false, policyVersion: expect.any(Number) });
    expect(underLabelled.reasons[0]).toEqual({ control: 'CTRL-012.1', code: 'LABEL_BELOW_SCOPE', message: 'The standard label is below the major class this scope needs.' });
    expect(underLabelled.reasons.some((reason: { control: string; message: string }) => reason.control === 'CTRL-012.1' && reason.message.includes('infra/main.tf'))).toBe(true);

    const emergency = await expectStatus(await request.post('/api/v1/changes/classify', { headers: pipeline.headers, data: { paths: ['infra/main.tf'], label: 'emergency' } }), 200);
    expect(emergency).toMatchObject({ minimumClass: 'major', labelMatches: true });

    await expectStatus(await request.post('/api/v1/changes/classify', { headers: readOnly.headers, data: { paths: [], label: 'standard' } }), 403);
    const tooMany = await expectStatus(await request.post('/api/v1/changes/classify', { headers: pipeline.headers, data: { paths: Array.from({ length: 5001 }, (_, index) => `app/${index}.ts`), label: 'major' } }), 400);
    expect(tooMany.error.fieldErrors.paths).toEqual(['At most 5,000 paths.']);
    expect(await db.auditEvent.count()).toBe(eventsBefore);
  });

  test('a retried POST with the same Idempotency-Key returns the first answer and files one change', async ({ request }) => {
    const author = await personalToken('engineer1@changeboard.test');
    const body = await newChangeBody();
    const headers = { ...author.headers, 'Idempotency-Key': `ci-run-${randomUUID()}` };

    const first = await request.post('/api/v1/changes', { headers, data: body });
    const firstBody = await expectStatus(first, 201);
    const retry = await request.post('/api/v1/changes', { headers, data: body });
    expect(await expectStatus(retry, 201)).toEqual(firstBody);
    expect(retry.headers()['idempotent-replayed']).toBe('true');
    expect(first.headers()['idempotent-replayed']).toBeUndefined();

    expect(await db.changeRequest.count({ where: { title: body.title } })).toBe(1);
    expect((await auditActions(firstBody.id)).map((event) => event.action)).toEqual(['change.created']);
    const stored = await db.idempotencyKey.findUniqueOrThrow({ where: { tokenId_key: { tokenId: author.tokenId, key: headers['Idempotency-Key'] } }, select: { statusCode: true } });
    expect(stored.statusCode).toBe(201);

    const reused = await expectStatus(await request.post('/api/v1/changes', { headers, data: { ...body, title: `${body.title} (other)` } }), 422);
    expect(reused.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await db.changeRequest.count({ where: { title: { startsWith: body.title } } })).toBe(1);

    const badKey = await expectStatus(await request.post('/api/v1/changes', { headers: { ...author.headers, 'Idempotency-Key': 'x'.repeat(201) }, data: body }), 400);
    expect(badKey.error.fieldErrors).toEqual({ 'Idempotency-Key': ['Use 1–200 printable ASCII characters.'] });
  });
});
