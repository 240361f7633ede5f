import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { checkGate, isGateVerdict, type CheckGateInput, type GateVerdict } from '@/lib/server/gate/check-gate';
import { recordApprovalDecision } from '@/lib/server/change-requests/record-approval-decision';
import { recordDeployment } from '@/lib/server/deployments/record-deployment';
import { createChangeRow, createEnvironment, createFreezeOverride, createIncident, createTeamWithEngineer, createUser, reviewers, submittedChange } from '@/prisma/factories';
import { createMigrationPlan } from '@/lib/server/migrations/create-migration-plan';
import { recordDryRun } from '@/lib/server/migrations/record-dry-run';
import { recordMigrationStep } from '@/lib/server/migrations/record-migration-step';
import { ZNewMigrationPlan } from '@/lib/schemas/migration-plan';
import type { ChangeClass } from '@/lib/policy/change-class';

// Fixed instants well before "now": other test files leave unresolved incidents that start at their
// own (later) times, and an incident is only active from its start. Policy zone: UTC (the default).
const APPROVED_AT = new Date('2026-11-02T08:00:00Z');
const TUESDAY_10 = new Date('2026-11-03T10:00:00Z');
const FRIDAY_16 = new Date('2026-11-06T16:00:00Z');
const MONDAY_09 = new Date('2026-11-09T09:00:00Z');
const INCIDENT_TUESDAY = new Date('2026-11-10T10:00:00Z');
const OVERRIDE_FRIDAY = new Date('2026-11-13T16:00:00Z');
const HOUR = 3_600_000;

afterAll(() => db.$disconnect());

async function approvedChange(changeClass: ChangeClass = 'normal') {
  const change = await submittedChange(changeClass);
  const approvers = await reviewers(changeClass === 'normal' ? 2 : 1);
  for (const approver of approvers) await recordApprovalDecision({ actor: approver, at: APPROVED_AT, changeId: change.id, contentVersion: 1, decision: 'approve', comment: '' });
  expect((await db.changeRequest.findUniqueOrThrow({ where: { id: change.id }, select: { status: true } })).status).toBe('approved');
  return change;
}

async function serviceToken() {
  const admin = await createUser({ role: 'admin' });
  return db.apiToken.create({ data: { name: 'ci', kind: 'service', tokenHash: randomBytes(32), prefix: 'cb_test', scopes: ['gate:check', 'deployments:write'], createdById: admin.id }, select: { id: true } });
}

const production = () => createEnvironment({ isProduction: true, isGated: true });

/** A real check by a pipeline's service token (no preview), which must come back decided. */
async function check(changeId: string, environment: string, at: Date, extra: Partial<CheckGateInput['check']> = {}, actor: CheckGateInput['actor'] = null): Promise<GateVerdict> {
  const token = await serviceToken();
  const result = await checkGate({ actor, tokenId: token.id, at, check: { changeId, environment, ...extra }, requestId: randomUUID() });
  if (!isGateVerdict(result)) throw new Error(`Expected a decision, got ${result.reason.code}`);
  return result;
}

const codes = (verdict: GateVerdict) => verdict.reasons.map((reason) => reason.code);

describe('checkGate', () => {
  test('an approved normal change deploys to production on Tuesday 10:00, and the deploy right after is authorized by it', async () => {
    const change = await approvedChange();
    const environment = await production();

    const verdict = await check(change.id, environment.slug, TUESDAY_10);

    expect(verdict).toMatchObject({ decision: 'allow', reasons: [], nextAllowedAt: null, isPreview: false, at: TUESDAY_10, evaluatedAt: TUESDAY_10 });
    const deployedAt = new Date(TUESDAY_10.getTime() + 5 * 60_000);
    const deployment = await recordDeployment({ actor: null, tokenId: (await serviceToken()).id, at: deployedAt, deployment: { changeId: change.id, environmentSlug: environment.slug, status: 'started', startedAt: deployedAt, gateDecisionId: verdict.id } });
    expect(deployment).toMatchObject({ isUnauthorized: false, unauthorizedReasons: [], gateDecisionId: verdict.id });
  });

  test('on Friday 16:00 the weekly window denies, with the next opening on Monday 09:00', async () => {
    const change = await approvedChange();
    const environment = await production();

    const verdict = await check(change.id, environment.slug, FRIDAY_16);

    expect(verdict.decision).toBe('deny');
    expect(verdict.reasons).toEqual([{ control: 'CTRL-012.2', code: 'WEEKLY_WINDOW', message: expect.stringContaining('UTC') }]);
    expect(verdict.nextAllowedAt).toEqual(MONDAY_09);
    expect((await check(change.id, environment.slug, MONDAY_09)).decision).toBe('allow');
  });

  test('every real check writes one gate decision row and one audit row', async () => {
    const change = await approvedChange();
    const environment = await production();

    const verdict = await check(change.id, environment.slug, FRIDAY_16);

    const rows = await db.gateDecision.findMany({ where: { changeRequestId: change.id }, select: { id: true, result: true, reasons: true, at: true, evaluatedAt: true, isPreview: true, nextAllowedAt: true, environmentId: true, tokenId: true } });
    expect(rows).toEqual([{ id: verdict.id, result: 'deny', reasons: verdict.reasons, at: FRIDAY_16, evaluatedAt: FRIDAY_16, isPreview: false, nextAllowedAt: MONDAY_09, environmentId: environment.id, tokenId: expect.any(String) }]);
    const audits = await db.auditEvent.findMany({ where: { action: 'gate.checked', entityId: verdict.id }, select: { actorId: true, tokenId: true, changeSet: true } });
    expect(audits).toEqual([{ actorId: null, tokenId: rows[0]!.tokenId, changeSet: expect.objectContaining({ changeId: change.id, decision: 'deny', reasons: verdict.reasons }) }]);
  });

  test('a preview (explicit at) is recorded as a preview decision, not audited, and authorizes no deploy', async () => {
    const change = await approvedChange();
    const environment = await production();
    const token = await serviceToken();

    const result = await checkGate({ actor: null, tokenId: token.id, at: TUESDAY_10, check: { changeId: change.id, environment: environment.slug, at: MONDAY_09 } });

    expect(result).toMatchObject({ decision: 'allow', isPreview: true, at: MONDAY_09, evaluatedAt: TUESDAY_10 });
    const id = (result as GateVerdict).id;
    expect(await db.gateDecision.findUniqueOrThrow({ where: { id }, select: { isPreview: true, at: true } })).toEqual({ isPreview: true, at: MONDAY_09 });
    expect(await db.auditEvent.count({ where: { action: 'gate.checked', entityId: id } })).toBe(0);
  });

  test('a submitted change is denied on Friday with every reason: the approvals and the freeze', async () => {
    const change = await submittedChange('normal');
    const environment = await production();

    const verdict = await check(change.id, environment.slug, FRIDAY_16);

    expect(verdict.decision).toBe('deny');
    expect(codes(verdict)).toEqual(['NOT_APPROVED', 'APPROVALS_MISSING', 'WEEKLY_WINDOW']);
    expect(verdict.reasons[0]).toEqual({ control: 'CTRL-012.1', code: 'NOT_APPROVED', message: 'The change is submitted, not approved.' });
  });

  test('an ungated staging takes an unapproved change, even in the weekly window', async () => {
    const change = await submittedChange('normal');
    const staging = await createEnvironment({ isGated: false });

    expect(await check(change.id, staging.slug, FRIDAY_16)).toMatchObject({ decision: 'allow', reasons: [] });
  });

  test('an active SEV1 blocks an unrelated change and lets the change linked as its fix through', async () => {
    const { engineer: commander } = await createTeamWithEngineer();
    const incident = await createIncident({ commanderId: commander.id, severity: 'sev1', startedAt: new Date(INCIDENT_TUESDAY.getTime() - HOUR), resolvedAt: new Date(INCIDENT_TUESDAY.getTime() + HOUR) });
    const unrelated = await approvedChange();
    const fix = await approvedChange('emergency');
    await db.changeIncident.create({ data: { changeRequestId: fix.id, incidentId: incident.id, link: 'fixes' } });
    const environment = await production();

    const blocked = await check(unrelated.id, environment.slug, INCIDENT_TUESDAY);
    expect(blocked).toMatchObject({ decision: 'deny', nextAllowedAt: null });
    expect(blocked.reasons).toEqual([{ control: 'CTRL-012.2', code: 'INCIDENT_ACTIVE', message: expect.stringContaining(`INC-${incident.number}`) }]);
    expect(await check(fix.id, environment.slug, INCIDENT_TUESDAY)).toMatchObject({ decision: 'allow', reasons: [] });
    // Once resolved, the incident blocks nothing.
    expect((await check(unrelated.id, environment.slug, new Date(INCIDENT_TUESDAY.getTime() + HOUR))).decision).toBe('allow');
  });

  test('an override lifts the weekly window only when the pipeline asks for it', async () => {
    const change = await approvedChange();
    const manager = await createUser({ role: 'manager' });
    const override = await createFreezeOverride({ changeRequestId: change.id, grantedById: manager.id, grantedAt: new Date(OVERRIDE_FRIDAY.getTime() - HOUR), expiresAt: new Date(OVERRIDE_FRIDAY.getTime() + 12 * HOUR) });
    const environment = await production();

    expect(codes(await check(change.id, environment.slug, OVERRIDE_FRIDAY))).toEqual(['WEEKLY_WINDOW']);
    const allowed = await check(change.id, environment.slug, OVERRIDE_FRIDAY, { useOverride: true });
    expect(allowed).toMatchObject({ decision: 'allow', reasons: [] });
    expect(await db.gateDecision.findUniqueOrThrow({ where: { id: allowed.id }, select: { overrideId: true } })).toEqual({ overrideId: override.id });
    // Expired: asking for it no longer helps, and says so.
    expect(codes(await check(change.id, environment.slug, new Date(OVERRIDE_FRIDAY.getTime() + 13 * HOUR), { useOverride: true }))).toEqual(['WEEKLY_WINDOW', 'OVERRIDE_NOT_IN_FORCE']);
  });

  test('a backfill without its dry run holds the change in production with CTRL-012.3 reasons, until the dry run is recorded', async () => {
    const change = await approvedChange();
    const environment = await production();
    const staging = await createEnvironment({ isProduction: false, isGated: false });
    const plan = ZNewMigrationPlan.parse({
      type: 'data_backfill', title: 'Backfill invoice currency', rollbackPlan: 'Null the column again.', successCriteria: 'All rows filled.', monitoring: 'Backfill dashboard',
      communicationPlan: 'Billing team.', details: { batchSize: 1000, rateLimit: '5 batches/s', resumeStrategy: 'From the last id done' },
    });
    const { id: planId } = await createMigrationPlan({ actor: change.author, at: APPROVED_AT, changeId: change.id, plan });

    const held = await check(change.id, environment.slug, TUESDAY_10);
    expect(held).toMatchObject({ decision: 'deny', nextAllowedAt: null });
    expect(held.reasons).toEqual([{ control: 'CTRL-012.3', code: 'MIGRATION_PLAN_INCOMPLETE', message: 'Migration "Backfill invoice currency" (Data backfill): No dry run recorded before the real run.' }]);
    // The plan's staging test needs staging first: an ungated environment takes the change.
    expect(await check(change.id, staging.slug, TUESDAY_10)).toMatchObject({ decision: 'allow' });

    await recordDryRun({ actor: change.author, at: APPROVED_AT, planId, dryRun: { outcome: 'succeeded', notes: '' } });
    expect(await check(change.id, environment.slug, TUESDAY_10)).toMatchObject({ decision: 'allow', reasons: [] });
    // A running migration is still checked, and a finished one no longer is.
    await recordMigrationStep({ actor: change.author, at: APPROVED_AT, planId, step: 'start' });
    expect(await check(change.id, environment.slug, TUESDAY_10)).toMatchObject({ decision: 'allow' });
  });

  test('an unknown change, an unknown environment and another team\'s draft are unknown, never revealed', async () => {
    const change = await approvedChange();
    const environment = await production();
    const { team, engineer } = await createTeamWithEngineer();
    const draft = await createChangeRow({ teamId: team.id, authorId: engineer.id, status: 'draft' });
    const outsider = await createUser();
    const ask = (changeId: string, slug: string, actor: CheckGateInput['actor'] = null) => checkGate({ actor, at: TUESDAY_10, check: { changeId, environment: slug } });

    expect(await ask(randomUUID(), environment.slug)).toEqual({ reason: { control: 'CTRL-012.2', code: 'UNKNOWN_CHANGE', message: expect.any(String) } });
    expect(await ask(change.id, `missing-${randomUUID()}`)).toEqual({ reason: { control: 'CTRL-012.2', code: 'UNKNOWN_ENVIRONMENT', message: expect.any(String) } });
    expect(await ask(draft.id, environment.slug, { ...outsider, tokenId: null })).toMatchObject({ reason: { code: 'UNKNOWN_CHANGE' } });
    expect(await ask(draft.id, environment.slug)).toMatchObject({ reason: { code: 'UNKNOWN_CHANGE' } });
    expect(await db.gateDecision.count({ where: { changeRequestId: draft.id } })).toBe(0);
  });
});
