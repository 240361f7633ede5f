import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { grantOverride, type GrantOverrideInput } from '@/lib/server/overrides/grant-override';
import { revokeOverride } from '@/lib/server/overrides/revoke-override';
import { getOverridePanel, listChangeOverrides } from '@/lib/server/overrides/queries';
import { listExceptions } from '@/lib/server/exceptions/queries';
import { checkGate, isGateVerdict, type GateVerdict } from '@/lib/server/gate/check-gate';
import { recordApprovalDecision } from '@/lib/server/change-requests/record-approval-decision';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { createEnvironment, createIncident, createTeamWithEngineer, createUser, draftFor, reviewers, submittedChange } from '@/prisma/factories';
import type { Actor } from '@/lib/policy/permissions';

// Fixed instants in October 2026, before any other test file's open-ended incidents start (the gate
// reads every active SEV1/SEV2). Incidents made here are resolved, so they never hold other tests' checks.
// Policy zone: UTC (the default), weekly window Fri 15:00 → Mon 09:00.
const TUESDAY_10 = new Date('2026-10-13T10:00:00Z');
const FRIDAY_16 = new Date('2026-10-16T16:00:00Z');
const INCIDENT_DAY = new Date('2026-10-20T10:00:00Z');
const HOUR = 3_600_000;
const after = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR);
const JUSTIFICATION = 'Checkout outage fix must ship during the declared freeze.';

afterAll(() => db.$disconnect());

async function approvedChange() {
  const change = await submittedChange('normal');
  for (const approver of await reviewers(2)) {
    await recordApprovalDecision({ actor: approver, at: TUESDAY_10, changeId: change.id, contentVersion: 1, decision: 'approve', comment: '' });
  }
  return change;
}

const manager = () => createUser({ role: 'manager' });

function grant(actor: Actor | null, changeId: string, at: Date, extra: Partial<GrantOverrideInput> = {}) {
  return grantOverride({ actor, at, changeId, justification: JUSTIFICATION, expiresAt: after(at, 4), requestId: randomUUID(), ...extra });
}

/** The DomainError a call is refused with. */
async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof DomainError)) throw new Error(`Expected a DomainError, got ${String(error)}`);
  return error;
}

/** A change fixing an active SEV1 (resolved two hours after `at`) whose commander is an engineer. */
async function incidentFix(at: Date, severity: 'sev1' | 'sev3' = 'sev1', resolvedAt: Date | null = after(at, 2)) {
  const commander = await createUser();
  const incident = await createIncident({ commanderId: commander.id, severity, startedAt: after(at, -1), resolvedAt });
  const change = await submittedChange('emergency', { incidentLinks: [{ incidentId: incident.id, link: 'fixes' }] });
  return { commander, incident, change };
}

const rowsOf = (changeRequestId: string) => Promise.all([
  db.freezeOverride.findMany({ where: { changeRequestId }, select: { id: true, revokedAt: true } }),
  db.policyException.count({ where: { changeRequestId, kind: 'freeze_override' } }),
]);

describe('grantOverride', () => {
  test('a manager grants a calendar-only override, logged as an exception in the same transaction', async () => {
    const change = await approvedChange();
    const grantor = await manager();

    const granted = await grant(grantor, change.id, TUESDAY_10);

    expect(granted).toMatchObject({ incidentId: null, supersededId: null });
    const override = await db.freezeOverride.findUniqueOrThrow({ where: { id: granted.id }, select: { changeRequestId: true, grantedById: true, incidentId: true, justification: true, grantedAt: true, expiresAt: true, revokedAt: true } });
    expect(override).toEqual({ changeRequestId: change.id, grantedById: grantor.id, incidentId: null, justification: JUSTIFICATION, grantedAt: TUESDAY_10, expiresAt: after(TUESDAY_10, 4), revokedAt: null });
    const exception = await db.policyException.findFirstOrThrow({ where: { overrideId: granted.id }, select: { id: true, kind: true, status: true, changeRequestId: true, requestedById: true, approvedById: true, justification: true, openedAt: true, deadlineAt: true, documentedAt: true } });
    expect(exception).toEqual({
      id: granted.exceptionId, kind: 'freeze_override', status: 'documented', changeRequestId: change.id, requestedById: change.author.id, approvedById: grantor.id,
      justification: JUSTIFICATION, openedAt: TUESDAY_10, deadlineAt: after(TUESDAY_10, 4), documentedAt: TUESDAY_10,
    });
    const events = await db.auditEvent.findMany({ where: { entityId: { in: [granted.id, granted.exceptionId] } }, orderBy: { seq: 'asc' }, select: { seq: true, action: true, entityType: true, actorId: true, at: true, changeSet: true } });
    expect(events.map((event) => [event.action, event.entityType, event.actorId])).toEqual([['override.granted', 'freeze-override', grantor.id], ['exception.opened', 'exception', grantor.id]]);
    // Consecutive links of the chain: appended by one transaction, nothing between them.
    expect(events[1]!.seq - events[0]!.seq).toBe(1n);
    expect(events[0]!.changeSet).toMatchObject({ changeId: change.id, exceptionId: granted.exceptionId, before: null, after: { grantedById: grantor.id, incidentId: null, justification: JUSTIFICATION, expiresAt: after(TUESDAY_10, 4).toISOString(), revokedAt: null } });
  });

  test('the commander of an active SEV1 the change fixes grants one that carries the incident', async () => {
    const { commander, incident, change } = await incidentFix(INCIDENT_DAY);

    const granted = await grant(commander, change.id, INCIDENT_DAY, { requestedById: change.author.id });

    expect(granted.incidentId).toBe(incident.id);
    expect(await db.freezeOverride.findUniqueOrThrow({ where: { id: granted.id }, select: { incidentId: true, grantedById: true } })).toEqual({ incidentId: incident.id, grantedById: commander.id });
    const panel = await getOverridePanel(commander, change.id, after(INCIDENT_DAY, 1));
    expect(panel.current).toMatchObject({ id: granted.id, state: 'in-force', canRevoke: true, incident: { id: incident.id } });
  });

  test.each([
    { label: 'the author, even as a manager', role: 'manager' as const, isAuthor: true, code: 'OWN_CHANGE' },
    { label: 'an engineer who commands nothing', role: 'engineer' as const, isAuthor: false, code: 'NOT_MANAGER_OR_COMMANDER' },
  ])('refuses $label: FORBIDDEN, a denied attempt on the trail, nothing stored', async ({ role, isAuthor, code }) => {
    const { team, service, engineer } = await createTeamWithEngineer();
    const author = isAuthor ? await createUser({ role, teamId: team.id }) : engineer;
    const { submitChangeRequest } = await import('@/lib/server/change-requests/submit-change-request');
    const { id } = await createChangeRequest({ actor: author, at: TUESDAY_10, content: draftFor(team.id, [service.id]) });
    await submitChangeRequest({ actor: author, at: TUESDAY_10, changeId: id, expectedVersion: 1 });
    const actor = isAuthor ? author : await createUser({ role });

    const error = await refusal(grant(actor, id, TUESDAY_10));

    expect(error.code).toBe('FORBIDDEN');
    expect(await rowsOf(id)).toEqual([[], 0]);
    const denied = await db.auditEvent.findFirstOrThrow({ where: { action: 'override.grant-denied', entityId: id }, select: { actorId: true, changeSet: true } });
    expect(denied).toEqual({ actorId: actor.id, changeSet: { reason: code, control: 'CTRL-012.2' } });
  });

  test('refuses the commander of a resolved incident', async () => {
    const { commander, change } = await incidentFix(INCIDENT_DAY, 'sev1', after(INCIDENT_DAY, -0.5));

    const error = await refusal(grant(commander, change.id, INCIDENT_DAY));

    expect(error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('only while their incident is active') });
    expect(await rowsOf(change.id)).toEqual([[], 0]);
  });

  test.each([
    { label: 'an expiry beyond the policy maximum (24 h)', expiresAt: after(TUESDAY_10, 24.01), message: 'at most 24 hours' },
    { label: 'an expiry in the past', expiresAt: after(TUESDAY_10, -1), message: 'in the future' },
  ])('refuses $label as INVALID on the expiry field and stores nothing', async ({ expiresAt, message }) => {
    const change = await approvedChange();

    const error = await refusal(grant(await manager(), change.id, TUESDAY_10, { expiresAt }));

    expect(error.code).toBe('INVALID');
    expect(error.fieldErrors?.expiresAt?.join(' ')).toContain(message);
    expect(await rowsOf(change.id)).toEqual([[], 0]);
  });

  test('exactly the maximum is accepted', async () => {
    const change = await approvedChange();
    await expect(grant(await manager(), change.id, TUESDAY_10, { expiresAt: after(TUESDAY_10, 24) })).resolves.toMatchObject({ incidentId: null });
  });

  test('a draft gets no override (CONFLICT), and the grantor cannot name themself as the requester', async () => {
    const { team, service, engineer } = await createTeamWithEngineer();
    const { id: draftId } = await createChangeRequest({ actor: engineer, at: TUESDAY_10, content: draftFor(team.id, [service.id]) });
    const grantor = await createUser({ role: 'manager', teamId: team.id });
    expect((await refusal(grant(grantor, draftId, TUESDAY_10))).code).toBe('CONFLICT');

    const change = await approvedChange();
    const selfRequested = await refusal(grant(grantor, change.id, TUESDAY_10, { requestedById: grantor.id }));
    expect(selfRequested).toMatchObject({ code: 'INVALID', fieldErrors: { requestedById: [expect.stringContaining('cannot also be the requester')] } });
    expect(await rowsOf(change.id)).toEqual([[], 0]);
  });

  test('two simultaneous grants on one change: one wins, the other is a conflict; a grant that names it supersedes it', async () => {
    const change = await approvedChange();
    const [first, second, third] = await Promise.all([manager(), manager(), manager()]);

    const results = await Promise.allSettled([grant(first, change.id, TUESDAY_10), grant(second, change.id, TUESDAY_10)]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((result) => result.status === 'rejected');
    expect(lost?.reason).toMatchObject({ code: 'CONFLICT' });
    const [overrides, exceptions] = await rowsOf(change.id);
    expect(overrides).toHaveLength(1);
    expect(exceptions).toBe(1);

    const later = after(TUESDAY_10, 1);
    const replacement = await grant(third, change.id, later, { supersedes: overrides[0]!.id });
    expect(replacement.supersededId).toBe(overrides[0]!.id);
    const list = await listChangeOverrides(third, change.id, later);
    expect(list.map((override) => [override.id, override.state])).toEqual([[replacement.id, 'in-force'], [overrides[0]!.id, 'revoked']]);
    expect(list[1]).toMatchObject({ revokedAt: later, revocationReason: 'Superseded by a new override.', revokedBy: { id: third.id } });
    const revoked = await db.auditEvent.findFirstOrThrow({ where: { action: 'override.revoked', entityId: overrides[0]!.id }, select: { changeSet: true } });
    expect(revoked.changeSet).toMatchObject({ supersededBy: replacement.id, before: { revokedAt: null }, after: { revokedAt: later.toISOString() } });
  });
});

describe('revokeOverride', () => {
  test('a manager revokes an IC override at once; an engineer is refused; a second revocation conflicts', async () => {
    const { commander, change } = await incidentFix(after(INCIDENT_DAY, 24));
    const grantedAt = after(INCIDENT_DAY, 24);
    const { id } = await grant(commander, change.id, grantedAt);
    const revokedAt = after(grantedAt, 1);

    const engineer = await createUser();
    expect((await refusal(revokeOverride({ actor: engineer, at: revokedAt, changeId: change.id, overrideId: id, reason: 'Not needed any more.' }))).code).toBe('FORBIDDEN');
    expect(await db.auditEvent.count({ where: { action: 'override.revoke-denied', entityId: id, actorId: engineer.id } })).toBe(1);

    const revoker = await manager();
    await revokeOverride({ actor: revoker, at: revokedAt, changeId: change.id, overrideId: id, reason: 'The fix shipped; freeze rules apply again.' });

    expect(await db.freezeOverride.findUniqueOrThrow({ where: { id }, select: { revokedAt: true, revokedById: true, revocationReason: true } }))
      .toEqual({ revokedAt, revokedById: revoker.id, revocationReason: 'The fix shipped; freeze rules apply again.' });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'override.revoked', entityId: id }, select: { actorId: true, changeSet: true } });
    expect(event).toMatchObject({ actorId: revoker.id, changeSet: { before: { revokedAt: null }, after: { revokedAt: revokedAt.toISOString(), revokedById: revoker.id } } });
    expect((await refusal(revokeOverride({ actor: revoker, at: after(revokedAt, 0.1), changeId: change.id, overrideId: id, reason: 'Again, by mistake.' }))).code).toBe('CONFLICT');
  });
});

describe('the gate with an override', () => {
  async function serviceTokenId() {
    const admin = await createUser({ role: 'admin' });
    const token = await db.apiToken.create({ data: { name: 'ci', kind: 'service', tokenHash: randomBytes(32), prefix: 'cb_test', scopes: ['gate:check'], createdById: admin.id }, select: { id: true } });
    return token.id;
  }

  async function check(changeId: string, environment: string, at: Date, useOverride?: boolean): Promise<GateVerdict> {
    const result = await checkGate({ actor: null, tokenId: await serviceTokenId(), at, check: { changeId, environment, useOverride } });
    if (!isGateVerdict(result)) throw new Error(`Expected a decision, got ${result.reason.code}`);
    return result;
  }

  /** A gated environment of its own, frozen by a declared freeze around `at` (other tests never see it). */
  async function frozenEnvironment(at: Date) {
    const environment = await createEnvironment({ isProduction: true, isGated: true });
    const creator = await createUser({ role: 'admin' });
    await db.declaredFreeze.create({ data: { reason: 'Quarter-end close', startsAt: after(at, -2), endsAt: after(at, 6), createdById: creator.id, environments: { create: [{ environmentId: environment.id }] } }, select: { id: true } });
    return environment;
  }

  const codes = (verdict: GateVerdict) => verdict.reasons.map((reason) => reason.code);

  test('during a declared freeze: allowed with useOverride, denied without it, and the allow names the override', async () => {
    const change = await approvedChange();
    const environment = await frozenEnvironment(TUESDAY_10);
    const { id } = await grant(await manager(), change.id, TUESDAY_10);
    const at = after(TUESDAY_10, 1);

    const withFlag = await check(change.id, environment.slug, at, true);
    const withoutFlag = await check(change.id, environment.slug, at);

    expect(withFlag).toMatchObject({ decision: 'allow', reasons: [] });
    expect(await db.gateDecision.findUniqueOrThrow({ where: { id: withFlag.id }, select: { overrideId: true } })).toEqual({ overrideId: id });
    expect(withoutFlag.decision).toBe('deny');
    expect(codes(withoutFlag)).toEqual(['DECLARED_FREEZE']);
  });

  test('in the weekly window: allowed with useOverride, denied without it; once revoked, denied again', async () => {
    const change = await approvedChange();
    const environment = await createEnvironment({ isProduction: true, isGated: true });
    const grantor = await manager();
    const { id } = await grant(grantor, change.id, FRIDAY_16);
    const at = after(FRIDAY_16, 0.5);

    expect(await check(change.id, environment.slug, at, true)).toMatchObject({ decision: 'allow' });
    expect(codes(await check(change.id, environment.slug, at))).toEqual(['WEEKLY_WINDOW']);

    await revokeOverride({ actor: grantor, at: after(FRIDAY_16, 1), changeId: change.id, overrideId: id, reason: 'Deploy postponed to Monday.' });
    expect(codes(await check(change.id, environment.slug, after(FRIDAY_16, 1), true))).toEqual(['WEEKLY_WINDOW', 'OVERRIDE_NOT_IN_FORCE']);
  });

  test('an override never lifts missing approvals', async () => {
    const change = await submittedChange('normal');
    const environment = await frozenEnvironment(TUESDAY_10);
    await grant(await manager(), change.id, TUESDAY_10);

    const verdict = await check(change.id, environment.slug, after(TUESDAY_10, 1), true);

    expect(verdict.decision).toBe('deny');
    expect(codes(verdict)).toEqual(['NOT_APPROVED', 'APPROVALS_MISSING']);
  });
});

describe('the exceptions log', () => {
  test('lists the override entry with its people and filters by kind and status', async () => {
    const change = await approvedChange();
    const grantor = await manager();
    const { exceptionId } = await grant(grantor, change.id, TUESDAY_10);
    const at = after(TUESDAY_10, 1);

    const { items } = await listExceptions({ filter: { kind: 'freeze_override', status: 'documented' }, at, limit: 500 });
    const entry = items.find((item) => item.id === exceptionId);
    expect(entry).toMatchObject({ kind: 'freeze_override', status: 'documented', isOverdue: false, overrideState: 'in-force', changeRequest: { id: change.id }, requestedBy: { id: change.author.id }, approvedBy: { id: grantor.id }, justification: JUSTIFICATION });
    const emergencyOnly = await listExceptions({ filter: { kind: 'emergency_change' }, at, limit: 500 });
    expect(emergencyOnly.items.some((item) => item.id === exceptionId)).toBe(false);
    const openOnly = await listExceptions({ filter: { status: 'open' }, at, limit: 500 });
    expect(openOnly.items.every((item) => item.status === 'open')).toBe(true);
  });

  test('an open entry past its deadline is overdue and found by the overdue filter', async () => {
    const change = await submittedChange('emergency');
    const exception = await db.policyException.findFirstOrThrow({ where: { changeRequestId: change.id, kind: 'emergency_change' }, select: { id: true } });
    await db.policyException.update({ where: { id: exception.id }, data: { deadlineAt: TUESDAY_10 }, select: { id: true } });
    const at = after(TUESDAY_10, 1);

    const overdue = await listExceptions({ filter: { status: 'overdue' }, at, limit: 500 });

    expect(overdue.items.find((item) => item.id === exception.id)).toMatchObject({ isOverdue: true, status: 'open' });
    expect(overdue.items.every((item) => item.isOverdue)).toBe(true);
  });

  test('pages newest first without gaps or repeats', async () => {
    const at = new Date();
    const first = await listExceptions({ filter: {}, at, limit: 2 });
    const second = await listExceptions({ filter: {}, at, limit: 2, cursor: first.next });
    const both = await listExceptions({ filter: {}, at, limit: 4 });
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(both.items.map((item) => item.id));
  });
});
