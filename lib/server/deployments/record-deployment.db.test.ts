import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { recordDeployment } from '@/lib/server/deployments/record-deployment';
import { closeChangeRequest } from '@/lib/server/change-requests/close-change-request';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { recordApprovalDecision } from '@/lib/server/change-requests/record-approval-decision';
import { createEnvironment, createTeamWithEngineer, createUser, draftFor, reviewers, submittedChange } from '@/prisma/factories';
import type { ChangeClass } from '@/lib/policy/change-class';

const AT = new Date('2026-11-24T10:00:00.000Z');
const minutesBefore = (minutes: number) => new Date(AT.getTime() - minutes * 60_000);
const HOUR = 3_600_000;

afterAll(() => db.$disconnect());

/** A change approved by its class rule through the use-cases. */
async function approvedChange(changeClass: ChangeClass = 'standard') {
  const change = await submittedChange(changeClass);
  const [reviewer] = await reviewers(1);
  expect((await recordApprovalDecision({ actor: reviewer!, at: AT, changeId: change.id, contentVersion: 1, decision: 'approve', comment: '' })).state).toBe('approved');
  return change;
}

async function serviceToken() {
  const admin = await createUser({ role: 'admin' });
  return db.apiToken.create({ data: { name: 'ci', kind: 'service', tokenHash: randomBytes(32), prefix: 'cb_test', scopes: ['deployments:write'], createdById: admin.id }, select: { id: true } });
}

function gateDecision(changeId: string, environmentId: string, evaluatedAt: Date, result: 'allow' | 'deny' = 'allow') {
  return db.gateDecision.create({ data: { changeRequestId: changeId, environmentId, result, reasons: [], policyVersion: 1, at: evaluatedAt, evaluatedAt }, select: { id: true } });
}

const changeRow = (id: string) => db.changeRequest.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, firstProductionDeployAt: true, outcome: true, closedAt: true } });
const reasonCodes = (reasons: readonly { code: string }[]) => reasons.map((reason) => reason.code);

describe('recordDeployment', () => {
  test('a deploy without a gate allow is recorded, flagged NO_GATE_ALLOW, and audited for the service token', async () => {
    const change = await approvedChange();
    const environment = await createEnvironment({ isProduction: true });
    const token = await serviceToken();
    const before = await changeRow(change.id);

    const recorded = await recordDeployment({ actor: null, tokenId: token.id, at: AT, deployment: { changeId: change.id, environmentSlug: environment.slug, status: 'succeeded', startedAt: minutesBefore(5), finishedAt: AT, commitSha: 'abc1234' } });

    expect(recorded).toMatchObject({ isUnauthorized: true, changeStatus: 'deployed', gateDecisionId: null });
    const row = await db.deployment.findUniqueOrThrow({ where: { id: recorded.id }, select: { isUnauthorized: true, unauthorizedReasons: true, recordedById: true, environmentId: true, status: true } });
    expect(row).toMatchObject({ isUnauthorized: true, recordedById: null, environmentId: environment.id, status: 'succeeded' });
    expect(row.unauthorizedReasons).toEqual([{ control: 'CTRL-012.2', code: 'NO_GATE_ALLOW', message: expect.any(String) }]);
    expect(await changeRow(change.id)).toMatchObject({ status: 'deployed', version: before.version + 1 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'deployment.recorded', entityId: recorded.id }, select: { actorId: true, tokenId: true, changeSet: true } });
    expect(audit).toMatchObject({ actorId: null, tokenId: token.id, changeSet: { changeId: change.id, isUnauthorized: true, unauthorizedReasons: [{ code: 'NO_GATE_ALLOW' }], status: { old: 'approved', new: 'deployed' } } });
  });

  test('only an allow of the gate within its validity before the start authorizes the deploy', async () => {
    const change = await approvedChange();
    const environment = await createEnvironment();
    const other = await createEnvironment();
    const author = change.author;
    await gateDecision(change.id, environment.id, minutesBefore(61)); // stale: validity is 60 minutes
    await gateDecision(change.id, other.id, minutesBefore(1)); // another environment
    await gateDecision(change.id, environment.id, minutesBefore(1), 'deny');
    const deploy = () => recordDeployment({ actor: author, at: AT, deployment: { changeId: change.id, environmentId: environment.id, status: 'started', startedAt: AT } });

    expect(reasonCodes((await deploy()).unauthorizedReasons)).toEqual(['NO_GATE_ALLOW']);
    const allow = await gateDecision(change.id, environment.id, minutesBefore(60));
    const authorized = await deploy();
    expect(authorized).toMatchObject({ isUnauthorized: false, unauthorizedReasons: [], gateDecisionId: allow.id, changeStatus: 'deployed' });
    expect(await db.deployment.findUniqueOrThrow({ where: { id: authorized.id }, select: { recordedById: true, isUnauthorized: true } })).toEqual({ recordedById: author.id, isUnauthorized: false });
  });

  test('a deploy of a submitted but unapproved change is recorded and flagged APPROVALS_MISSING; the change stays submitted', async () => {
    const change = await submittedChange('normal');
    const environment = await createEnvironment();
    await gateDecision(change.id, environment.id, minutesBefore(2));

    const recorded = await recordDeployment({ actor: change.author, at: AT, deployment: { changeId: change.id, environmentSlug: environment.slug, status: 'succeeded', startedAt: AT } });

    expect(recorded.unauthorizedReasons).toEqual([{ control: 'CTRL-012.1', code: 'APPROVALS_MISSING', message: 'Needs 2 more approvals.' }]);
    expect(await db.deployment.count({ where: { changeRequestId: change.id, isUnauthorized: true } })).toBe(1);
    expect((await changeRow(change.id)).status).toBe('submitted');
  });

  test("the first production deploy of an emergency change starts its review window: deadline +24 h; a later deploy moves nothing", async () => {
    const change = await approvedChange('emergency');
    const staging = await createEnvironment();
    const production = await createEnvironment({ isProduction: true });
    const exception = () => db.policyException.findFirstOrThrow({ where: { changeRequestId: change.id, kind: 'emergency_change' }, select: { deadlineAt: true, status: true } });

    await recordDeployment({ actor: change.author, at: AT, deployment: { changeId: change.id, environmentSlug: staging.slug, status: 'succeeded', startedAt: minutesBefore(30) } });
    expect((await changeRow(change.id)).firstProductionDeployAt).toBeNull();
    expect((await exception()).deadlineAt).toBeNull();

    const firstAt = minutesBefore(10);
    await recordDeployment({ actor: change.author, at: AT, deployment: { changeId: change.id, environmentSlug: production.slug, status: 'succeeded', startedAt: firstAt } });
    expect((await changeRow(change.id)).firstProductionDeployAt).toEqual(firstAt);
    expect(await exception()).toEqual({ status: 'open', deadlineAt: new Date(firstAt.getTime() + 24 * HOUR) });

    await recordDeployment({ actor: change.author, at: new Date(AT.getTime() + HOUR), deployment: { changeId: change.id, environmentSlug: production.slug, status: 'succeeded', startedAt: AT } });
    expect((await changeRow(change.id)).firstProductionDeployAt).toEqual(firstAt);
    expect((await exception()).deadlineAt).toEqual(new Date(firstAt.getTime() + 24 * HOUR));
    const audit = await db.auditEvent.findMany({ where: { action: 'deployment.recorded', changeSet: { path: ['changeId'], equals: change.id } }, orderBy: { seq: 'asc' }, select: { changeSet: true } });
    expect(audit.map((event) => (event.changeSet as { emergencyDeadlineAt?: string }).emergencyDeadlineAt ?? null)).toEqual([null, new Date(firstAt.getTime() + 24 * HOUR).toISOString(), null]);
  });

  test('a draft is refused and nothing is written', async () => {
    const { team, service, engineer } = await createTeamWithEngineer();
    const { id } = await createChangeRequest({ actor: engineer, at: AT, content: draftFor(team.id, [service.id]) });
    const environment = await createEnvironment({ isProduction: true });
    const auditBefore = await db.auditEvent.count();

    await expect(recordDeployment({ actor: engineer, at: AT, deployment: { changeId: id, environmentSlug: environment.slug, status: 'succeeded', startedAt: AT } }))
      .rejects.toMatchObject({ code: 'INVALID', message: expect.stringContaining('not approved') });

    expect(await db.deployment.count({ where: { changeRequestId: id } })).toBe(0);
    expect(await changeRow(id)).toMatchObject({ status: 'draft', version: 1, firstProductionDeployAt: null });
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  test('auditors are refused, and the refusal is logged', async () => {
    const change = await approvedChange();
    const environment = await createEnvironment();
    const auditor = await createUser({ role: 'auditor' });
    await expect(recordDeployment({ actor: auditor, at: AT, deployment: { changeId: change.id, environmentSlug: environment.slug, status: 'succeeded', startedAt: AT } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.deployment.count({ where: { changeRequestId: change.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: 'deployment.record-denied', entityId: change.id, actorId: auditor.id } })).toBe(1);
  });
});

describe('closeChangeRequest', () => {
  test('closes only a deployed change, with its outcome, audited', async () => {
    const change = await approvedChange();
    const environment = await createEnvironment();
    const approved = await changeRow(change.id);
    await expect(closeChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: approved.version, outcome: 'succeeded' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await changeRow(change.id)).toMatchObject({ status: 'approved', outcome: null, closedAt: null });

    await recordDeployment({ actor: change.author, at: AT, deployment: { changeId: change.id, environmentSlug: environment.slug, status: 'rolled_back', startedAt: AT } });
    const deployed = await changeRow(change.id);
    const [stranger] = await reviewers(1);
    await expect(closeChangeRequest({ actor: stranger!, at: AT, changeId: change.id, expectedVersion: deployed.version, outcome: 'rolled_back' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await closeChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: deployed.version, outcome: 'rolled_back' });
    expect(await changeRow(change.id)).toMatchObject({ status: 'closed', outcome: 'rolled_back', closedAt: AT, version: deployed.version + 1 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'change.closed', entityId: change.id }, select: { actorId: true, changeSet: true } });
    expect(audit).toEqual({ actorId: change.author.id, changeSet: { status: { old: 'deployed', new: 'closed' }, outcome: 'rolled_back' } });

    await expect(closeChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: deployed.version + 1, outcome: 'succeeded' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(recordDeployment({ actor: change.author, at: AT, deployment: { changeId: change.id, environmentSlug: environment.slug, status: 'succeeded', startedAt: AT } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
