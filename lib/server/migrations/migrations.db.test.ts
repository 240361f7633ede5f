import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { cancelChangeRequest } from '@/lib/server/change-requests/cancel-change-request';
import { createMigrationPlan } from '@/lib/server/migrations/create-migration-plan';
import { updateMigrationPlan } from '@/lib/server/migrations/update-migration-plan';
import { recordDryRun } from '@/lib/server/migrations/record-dry-run';
import { recordMigrationStep } from '@/lib/server/migrations/record-migration-step';
import { recordPhaseStep } from '@/lib/server/migrations/record-phase-step';
import { deleteMigrationPlan } from '@/lib/server/migrations/delete-migration-plan';
import { getMigrationPlan, listMigrationPlans, migrationRollbackRate } from '@/lib/server/migrations/queries';
import { emptyDetails, emptyPhases } from '@/lib/policy/migration-plan';
import { ZNewMigrationPlan, type NewMigrationPlan } from '@/lib/schemas/migration-plan';
import { createTeamWithEngineer, createUser, draftFor, submittedChange } from '@/prisma/factories';

const AT = new Date('2026-11-24T10:00:00.000Z');

afterAll(() => db.$disconnect());

const COMMON = { rollbackPlan: 'Drop the new column.', successCriteria: 'Error rate flat for 1 h.', monitoring: 'db-latency dashboard', communicationPlan: 'Billing team in #payments.' };

function plan(input: Record<string, unknown>): NewMigrationPlan {
  return ZNewMigrationPlan.parse({ title: `Plan ${randomUUID().slice(0, 8)}`, ...input });
}

const COMPLETE_BACKFILL = () => plan({ type: 'data_backfill', ...COMMON, details: { batchSize: 1000, rateLimit: '50 batches/min', resumeStrategy: 'From the last id done' } });
const COMPLETE_BREAKING = () => plan({ type: 'schema_breaking', ...COMMON, details: { consumers: 'billing, ledger', isConsumersCoordinated: true } });
const COMPLETE_INFRA = () => plan({ type: 'infrastructure', ...COMMON, details: { rolloutStrategy: 'canary', stagingTest: 'Cut over on staging.' } });

/** A draft change of a fresh team, its author, and a plan on it. */
async function planOnDraft(input: NewMigrationPlan) {
  const { team, service, engineer } = await createTeamWithEngineer();
  const change = await createChangeRequest({ actor: engineer, at: AT, content: draftFor(team.id, [service.id], 'normal') });
  const { id } = await createMigrationPlan({ actor: engineer, at: AT, changeId: change.id, plan: input });
  return { planId: id, changeId: change.id, author: engineer, teamId: team.id };
}

function planRow(planId: string) {
  return db.migrationPlan.findUnique({ where: { id: planId }, select: { type: true, status: true, details: true, version: true, executedAt: true, outcomeReason: true, title: true } });
}

function planEvents(planId: string) {
  return db.auditEvent.findMany({ where: { entityType: 'migration-plan', entityId: planId }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true, tokenId: true, changeSet: true } });
}

describe('createMigrationPlan', () => {
  test('attaches a planned plan with empty details filled in, audited with the plan after', async () => {
    const { planId, changeId, author } = await planOnDraft(plan({ type: 'data_backfill', details: { batchSize: 500 } }));
    const row = await planRow(planId);
    expect(row).toMatchObject({ type: 'data_backfill', status: 'planned', version: 1, executedAt: null, details: { ...emptyDetails('data_backfill'), batchSize: 500 } });
    const events = await planEvents(planId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'migration.created', actorId: author.id, changeSet: { changeId, before: null, after: { type: 'data_backfill', status: 'planned', details: { batchSize: 500, dryRun: null } } } });
  });

  test("a team mate adds one; another team's engineer is refused, recorded as a denied attempt, and nothing is stored", async () => {
    const change = await submittedChange('normal');
    const mate = await createUser({ teamId: change.team.id });
    await expect(createMigrationPlan({ actor: mate, at: AT, changeId: change.id, plan: COMPLETE_INFRA() })).resolves.toHaveProperty('id');
    const { team: otherTeam } = await createTeamWithEngineer();
    const stranger = await createUser({ teamId: otherTeam.id });
    await expect(createMigrationPlan({ actor: stranger, at: AT, changeId: change.id, plan: COMPLETE_INFRA() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.migrationPlan.count({ where: { changeRequestId: change.id } })).toBe(1);
    const denied = await db.auditEvent.findMany({ where: { action: 'migration.create-denied', entityId: change.id }, select: { actorId: true, entityType: true } });
    expect(denied).toEqual([{ actorId: stranger.id, entityType: 'change' }]);
  });

  test('a cancelled change takes no new plan', async () => {
    const change = await submittedChange('normal');
    await cancelChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: 2, reason: 'Not needed' });
    await expect(createMigrationPlan({ actor: change.author, at: AT, changeId: change.id, plan: COMPLETE_INFRA() })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('cancelled') });
    expect(await db.migrationPlan.count({ where: { changeRequestId: change.id } })).toBe(0);
  });
});

describe('updateMigrationPlan', () => {
  test('a type change resets the details to the new type, audited before and after', async () => {
    const { planId, author } = await planOnDraft(plan({ type: 'data_backfill', details: { batchSize: 500, rateLimit: '5/s' } }));
    const result = await updateMigrationPlan({ actor: author, at: AT, planId, expectedVersion: 1, patch: { type: 'framework', details: { adrUrl: 'https://adr.example.com/9' } } });
    expect(result).toEqual({ version: 2, changed: ['type', 'details'] });
    expect(await planRow(planId)).toMatchObject({ type: 'framework', version: 2, details: { ...emptyDetails('framework'), adrUrl: 'https://adr.example.com/9' } });
    const events = await planEvents(planId);
    expect(events.map(({ action }) => action)).toEqual(['migration.created', 'migration.updated']);
    expect(events[1]!.changeSet).toMatchObject({ before: { type: 'data_backfill', details: { batchSize: 500 } }, after: { type: 'framework', details: { adrUrl: 'https://adr.example.com/9' } } });
  });

  test('details that do not fit the stored type, or a stale version, change nothing', async () => {
    const { planId, author } = await planOnDraft(plan({ type: 'schema_additive' }));
    await expect(updateMigrationPlan({ actor: author, at: AT, planId, expectedVersion: 1, patch: { details: { batchSize: 5 } } }))
      .rejects.toMatchObject({ code: 'INVALID', fieldErrors: { details: ['Unrecognized key: "batchSize"'] } });
    await expect(updateMigrationPlan({ actor: author, at: AT, planId, expectedVersion: 7, patch: { title: 'Another title' } })).rejects.toMatchObject({ code: 'STALE_VERSION' });
    expect(await planRow(planId)).toMatchObject({ version: 1, details: emptyDetails('schema_additive') });
    expect((await planEvents(planId)).map(({ action }) => action)).toEqual(['migration.created']);
  });
});

describe('recordDryRun and recordMigrationStep', () => {
  test('a backfill starts only after a successful dry run; a roll back needs its reason', async () => {
    const { planId, author } = await planOnDraft(COMPLETE_BACKFILL());
    await expect(recordMigrationStep({ actor: author, at: AT, planId, step: 'start' }))
      .rejects.toMatchObject({ code: 'INVALID', message: 'Complete the plan before it runs: No dry run recorded before the real run.' });

    await recordDryRun({ actor: author, at: AT, planId, dryRun: { outcome: 'failed', notes: 'Timeouts at batch 40' } });
    await expect(recordMigrationStep({ actor: author, at: AT, planId, step: 'start' })).rejects.toMatchObject({ message: expect.stringContaining('The last dry run failed') });
    await recordDryRun({ actor: author, at: AT, planId, dryRun: { outcome: 'succeeded', notes: 'Fine at 1000/batch', version: 2 } });

    const started = await recordMigrationStep({ actor: author, at: AT, planId, step: 'start', expectedVersion: 3 });
    expect(started).toEqual({ status: 'running', version: 4 });
    await expect(recordMigrationStep({ actor: author, at: AT, planId, step: 'roll_back', reason: ' ' })).rejects.toMatchObject({ code: 'INVALID', fieldErrors: { reason: expect.any(Array) } });
    await recordMigrationStep({ actor: author, at: AT, planId, step: 'roll_back', reason: 'Lock waits on invoices' });

    expect(await planRow(planId)).toMatchObject({ status: 'rolled_back', executedAt: AT, outcomeReason: 'Lock waits on invoices', version: 5, details: { dryRun: { outcome: 'succeeded', notes: 'Fine at 1000/batch', recordedById: author.id } } });
    const events = await planEvents(planId);
    expect(events.map(({ action }) => action)).toEqual(['migration.created', 'migration.dry-run-recorded', 'migration.dry-run-recorded', 'migration.started', 'migration.rolled-back']);
    expect(events[4]!.changeSet).toEqual({ before: { status: 'running' }, after: { status: 'rolled_back', outcomeReason: 'Lock waits on invoices' } });
  });

  test('only backfills record dry runs, and a running plan cannot start again', async () => {
    const { planId, author } = await planOnDraft(COMPLETE_INFRA());
    await expect(recordDryRun({ actor: author, at: AT, planId, dryRun: { outcome: 'succeeded', notes: '' } })).rejects.toMatchObject({ code: 'INVALID', message: 'Only data backfills record dry runs.' });
    await recordMigrationStep({ actor: author, at: AT, planId, step: 'start' });
    await expect(recordMigrationStep({ actor: author, at: AT, planId, step: 'start' })).rejects.toMatchObject({ code: 'CONFLICT', message: 'A running migration cannot start.' });
  });

  test('race: two concurrent starts, exactly one applies and is audited', async () => {
    const { planId, author } = await planOnDraft(COMPLETE_INFRA());
    const results = await Promise.allSettled([
      recordMigrationStep({ actor: author, at: AT, planId, step: 'start' }),
      recordMigrationStep({ actor: author, at: AT, planId, step: 'start' }),
      recordMigrationStep({ actor: author, at: AT, planId, step: 'start' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((entry) => entry.status === 'rejected')) expect((result as PromiseRejectedResult).reason.code).toBe('CONFLICT');
    expect(await planRow(planId)).toMatchObject({ status: 'running', version: 2 });
    expect(await db.auditEvent.count({ where: { entityId: planId, action: 'migration.started' } })).toBe(1);
  });

  test("another team's engineer cannot record a step: refused, recorded, and the plan is unchanged", async () => {
    const change = await submittedChange('normal');
    const { id: planId } = await createMigrationPlan({ actor: change.author, at: AT, changeId: change.id, plan: COMPLETE_INFRA() });
    const { engineer: stranger } = await createTeamWithEngineer();
    await expect(recordMigrationStep({ actor: stranger, at: AT, planId, step: 'start' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(recordDryRun({ actor: stranger, at: AT, planId, dryRun: { outcome: 'succeeded', notes: '' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await planRow(planId)).toMatchObject({ status: 'planned', version: 1 });
    const events = await planEvents(planId);
    expect(events.map(({ action, actorId }) => [action, actorId])).toEqual([
      ['migration.created', change.author.id], ['migration.step-denied', stranger.id], ['migration.dry-run-denied', stranger.id],
    ]);
  });

  test('a pipeline (service token, no person) records steps under its token', async () => {
    const change = await submittedChange('normal');
    const { id: planId } = await createMigrationPlan({ actor: change.author, at: AT, changeId: change.id, plan: COMPLETE_INFRA() });
    const admin = await createUser({ role: 'admin' });
    const { createApiToken } = await import('@/lib/server/api-tokens/create-api-token');
    const token = await createApiToken({ actor: admin, at: AT, name: `pipeline ${randomUUID().slice(0, 8)}`, kind: 'service', scopes: ['migrations:write'] });
    await recordMigrationStep({ actor: null, tokenId: token.id, at: AT, planId, step: 'start' });
    await recordMigrationStep({ actor: null, tokenId: token.id, at: AT, planId, step: 'succeed' });
    expect(await planRow(planId)).toMatchObject({ status: 'succeeded' });
    expect((await planEvents(planId)).slice(1).map(({ action, actorId, tokenId }) => ({ action, actorId, tokenId }))).toEqual([
      { action: 'migration.started', actorId: null, tokenId: token.id }, { action: 'migration.succeeded', actorId: null, tokenId: token.id },
    ]);
  });
});

describe('recordPhaseStep (breaking schema migrations)', () => {
  test('contract before migrate is refused and changes nothing; then expand, migrate, contract run to success', async () => {
    const { planId, author } = await planOnDraft(COMPLETE_BREAKING());
    await expect(recordMigrationStep({ actor: author, at: AT, planId, step: 'start' })).rejects.toMatchObject({ code: 'INVALID', message: expect.stringContaining('phase by phase') });
    await recordPhaseStep({ actor: author, at: AT, planId, phase: 'expand', step: 'start' });
    await recordPhaseStep({ actor: author, at: AT, planId, phase: 'expand', step: 'succeed' });

    const before = await planRow(planId);
    await expect(recordPhaseStep({ actor: author, at: AT, planId, phase: 'contract', step: 'start' }))
      .rejects.toMatchObject({ code: 'INVALID', message: 'The contract phase cannot start before the migrate phase has succeeded.' });
    expect(await planRow(planId)).toEqual(before);
    expect(await db.auditEvent.count({ where: { entityId: planId, action: 'migration.phase-started', changeSet: { path: ['phase'], equals: 'contract' } } })).toBe(0);

    await recordPhaseStep({ actor: author, at: AT, planId, phase: 'migrate', step: 'start' });
    await expect(recordPhaseStep({ actor: author, at: AT, planId, phase: 'migrate', step: 'start' })).rejects.toMatchObject({ code: 'CONFLICT', message: 'The migrate phase has already started.' });
    await recordPhaseStep({ actor: author, at: AT, planId, phase: 'migrate', step: 'succeed' });
    await recordPhaseStep({ actor: author, at: AT, planId, phase: 'contract', step: 'start' });
    const done = await recordPhaseStep({ actor: author, at: AT, planId, phase: 'contract', step: 'succeed' });
    expect(done.status).toBe('succeeded');

    const row = await planRow(planId);
    const finished = { status: 'succeeded', startedAt: AT.toISOString(), finishedAt: AT.toISOString(), reason: null };
    expect(row).toMatchObject({ status: 'succeeded', executedAt: AT, details: { phases: { expand: finished, migrate: finished, contract: finished } } });
    expect((await planEvents(planId)).map(({ action }) => action)).toEqual([
      'migration.created', 'migration.phase-started', 'migration.phase-succeeded', 'migration.phase-started', 'migration.phase-succeeded', 'migration.phase-started', 'migration.phase-succeeded',
    ]);
  });

  test('an incomplete breaking plan cannot expand; rolling back a phase rolls the plan back with the reason', async () => {
    const { planId, author } = await planOnDraft(plan({ type: 'schema_breaking', details: { consumers: 'ledger' } }));
    await expect(recordPhaseStep({ actor: author, at: AT, planId, phase: 'expand', step: 'start' })).rejects.toMatchObject({ code: 'INVALID', message: expect.stringContaining('The consumers are not confirmed as coordinated.') });
    await updateMigrationPlan({ actor: author, at: AT, planId, expectedVersion: 1, patch: { ...COMMON, details: { isConsumersCoordinated: true } } });
    await recordPhaseStep({ actor: author, at: AT, planId, phase: 'expand', step: 'start' });
    await recordPhaseStep({ actor: author, at: AT, planId, phase: 'expand', step: 'roll_back', reason: 'Replica lag' });
    const row = await planRow(planId);
    expect(row).toMatchObject({ status: 'rolled_back', outcomeReason: 'Replica lag', details: { consumers: 'ledger', phases: { ...emptyPhases(), expand: { status: 'rolled_back', startedAt: AT.toISOString(), finishedAt: AT.toISOString(), reason: 'Replica lag' } } } });
    await expect(recordPhaseStep({ actor: author, at: AT, planId, phase: 'migrate', step: 'start' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('deleteMigrationPlan', () => {
  test('a plan that never ran is deleted and audited; one that ran is kept', async () => {
    const { planId, author, changeId } = await planOnDraft(COMPLETE_INFRA());
    await expect(deleteMigrationPlan({ actor: author, at: AT, planId, expectedVersion: 1 })).resolves.toEqual({ changeId });
    expect(await planRow(planId)).toBeNull();
    expect((await planEvents(planId)).map(({ action }) => action)).toEqual(['migration.created', 'migration.deleted']);

    const ran = await planOnDraft(COMPLETE_INFRA());
    await recordMigrationStep({ actor: ran.author, at: AT, planId: ran.planId, step: 'start' });
    await expect(deleteMigrationPlan({ actor: ran.author, at: AT, planId: ran.planId, expectedVersion: 2 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await planRow(ran.planId)).not.toBeNull();
  });
});

describe('queries', () => {
  test('the rollback rate counts the migrations with an outcome that started in the period', async () => {
    // A year of its own, so other tests' migrations never fall in the period.
    const started = new Date('2391-06-01T10:00:00Z');
    const period = { from: new Date('2391-01-01T00:00:00Z'), to: new Date('2392-01-01T00:00:00Z') };
    const outcomes = ['succeed', 'succeed', 'roll_back', null] as const;
    for (const outcome of outcomes) {
      const { planId, author } = await planOnDraft(COMPLETE_INFRA());
      await recordMigrationStep({ actor: author, at: started, planId, step: 'start' });
      if (outcome) await recordMigrationStep({ actor: author, at: started, planId, step: outcome, reason: outcome === 'roll_back' ? 'Canary error rate doubled.' : undefined });
    }
    expect(await migrationRollbackRate(period)).toEqual({ executed: 3, rolledBack: 1, rate: 1 / 3, isMet: false });
    expect(await migrationRollbackRate({ from: period.to, to: new Date('2393-01-01T00:00:00Z') })).toEqual({ executed: 0, rolledBack: 0, rate: null, isMet: true });
  });

  test("lists a team's plans newest first with checklist progress; another team's draft plans stay hidden", async () => {
    const first = await planOnDraft(COMPLETE_INFRA());
    const { id: second } = await createMigrationPlan({ actor: first.author, at: new Date(AT.getTime() + 1000), changeId: first.changeId, plan: plan({ type: 'framework' }) });
    const { items } = await listMigrationPlans(first.author, { teamId: first.teamId });
    expect(items.map(({ id, progress }) => [id, progress.done, progress.total])).toEqual([[second, 0, 7], [first.planId, 6, 6]]);
    const { engineer: stranger } = await createTeamWithEngineer();
    expect((await listMigrationPlans(stranger, { teamId: first.teamId })).items).toEqual([]);
    await expect(getMigrationPlan(stranger, first.planId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const view = await getMigrationPlan(first.author, first.planId);
    expect(view).toMatchObject({ canManage: true, readiness: [], changeRefusal: null });
    expect(view.markdown).toContain('- [x] Blue-green or canary rollout');
  });
});
