import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { createConfigChange } from '@/lib/server/config-changes/create-config-change';
import { reportConfigChange } from '@/lib/server/config-changes/report-config-change';
import { updateConfigChange } from '@/lib/server/config-changes/update-config-change';
import { confirmConfigChange } from '@/lib/server/config-changes/confirm-config-change';
import { applyConfigChange } from '@/lib/server/config-changes/apply-config-change';
import { cancelConfigChange } from '@/lib/server/config-changes/cancel-config-change';
import { countUnauthorizedConfigChanges, getConfigChange, listConfigChanges } from '@/lib/server/config-changes/queries';
import { ZNewConfigChange, ZReportedConfigChange } from '@/lib/schemas/config-change';
import { createEnvironment, createTeamWithEngineer, createUser, reviewers } from '@/prisma/factories';
import type { Actor } from '@/lib/policy/permissions';

const AT = new Date('2026-11-24T10:00:00.000Z');

afterAll(() => db.$disconnect());

/** A requester in a team, an environment and a service to name. */
async function cast() {
  const { team, service, engineer } = await createTeamWithEngineer();
  const environment = await createEnvironment({ isProduction: true });
  return { team, service, requester: engineer, environment };
}

async function planned(requester: Actor, environmentId: string, input: Record<string, unknown>, at = AT) {
  const parsed = ZNewConfigChange.parse({ title: 'A configuration change', environmentId, ...input });
  return createConfigChange({ actor: requester, at, input: parsed });
}

function stored(id: string) {
  return db.configChange.findUniqueOrThrow({
    where: { id },
    select: { status: true, version: true, appliedAt: true, isReportedAfter: true, details: true, requestedById: true, _count: { select: { confirmations: true } } },
  });
}

function auditActions(id: string) {
  return db.auditEvent.findMany({ where: { entityType: 'config-change', entityId: id }, orderBy: { seq: 'asc' }, select: { seq: true, action: true, actorId: true, changeSet: true, at: true } });
}

const confirm = (actor: Actor, id: string, expectedVersion = 1) => confirmConfigChange({ actor, at: AT, configChangeId: id, expectedVersion });
const apply = (actor: Actor, id: string, expectedVersion: number) => applyConfigChange({ actor, at: AT, configChangeId: id, expectedVersion });

const missingOf = async (id: string) => (await getConfigChange(null, id)).readiness.map((reason) => reason.message);

describe('each type follows its process (CTRL-012.5)', () => {
  test('env var: PR, staging test and a reviewer; applied only when all three are there', async () => {
    const { requester, environment } = await cast();
    const [reviewer] = await reviewers(1);
    const { id } = await planned(requester, environment.id, { type: 'env_var', details: { variable: 'POOL_SIZE' } });
    expect(await missingOf(id)).toEqual(['No pull request to the config repository.', 'No staging test recorded.', 'Waiting for a second, different person to confirm.']);

    await expect(apply(requester, id, 1)).rejects.toMatchObject({ code: 'INVALID', fieldErrors: { _: ['No pull request to the config repository.', 'No staging test recorded.', 'Waiting for a second, different person to confirm.'] } });
    await updateConfigChange({ actor: requester, at: AT, configChangeId: id, expectedVersion: 1, patch: { details: { pullRequestUrl: 'https://git.example.com/config/pull/7', stagingTest: 'Ran an hour in staging.' } } });
    await confirm(reviewer!, id, 2);
    await apply(requester, id, 2);

    expect(await stored(id)).toMatchObject({ status: 'applied', version: 3, appliedAt: AT, details: { variable: 'POOL_SIZE', pullRequestUrl: 'https://git.example.com/config/pull/7', stagingTest: 'Ran an hour in staging.' }, _count: { confirmations: 1 } });
    const events = await auditActions(id);
    expect(events.map((event) => event.action)).toEqual(['config-change.created', 'config-change.edited', 'config-change.confirmed', 'config-change.applied']);
    expect(events[3]!.changeSet).toMatchObject({ status: { old: 'planned', new: 'applied' }, confirmerIds: [reviewer!.id] });
  });

  test('feature flag: changed through the flag UI with its audit log, so it takes no confirmation', async () => {
    const { requester, environment } = await cast();
    const [other] = await reviewers(1);
    const { id } = await planned(requester, environment.id, { type: 'feature_flag', details: { flagKey: 'payments-checkout-release', description: '10% to 50%' } });
    await expect(confirm(other!, id)).rejects.toMatchObject({ code: 'INVALID' });
    await apply(requester, id, 1);
    expect(await stored(id)).toMatchObject({ status: 'applied', _count: { confirmations: 0 } });
  });

  test('DNS: a TTL that is not low holds it; lowering the TTL withdraws the confirmation given, which must come again', async () => {
    const { requester, environment } = await cast();
    const [peer] = await reviewers(1);
    const { id } = await planned(requester, environment.id, { type: 'dns', details: { record: 'api.example.com', pullRequestUrl: 'https://git.example.com/dns/pull/2', rolloutTtlSeconds: 3600 } });
    await confirm(peer!, id);
    expect(await missingOf(id)).toEqual(['A TTL of 3600 s is not low; at most 300 s during the rollout.']);
    await expect(apply(requester, id, 1)).rejects.toMatchObject({ code: 'INVALID' });

    const edit = await updateConfigChange({ actor: requester, at: AT, configChangeId: id, expectedVersion: 1, patch: { details: { rolloutTtlSeconds: 60 } } });
    expect(edit).toMatchObject({ version: 2, changed: ['details'], confirmationsWithdrawn: [peer!.id] });
    expect(await missingOf(id)).toEqual(['Waiting for a second, different person to confirm.']);
    await confirm(peer!, id, 2);
    await apply(requester, id, 2);
    expect(await stored(id)).toMatchObject({ status: 'applied', details: { rolloutTtlSeconds: 60 } });
    const edited = (await auditActions(id)).find((event) => event.action === 'config-change.edited');
    expect(edited?.changeSet).toMatchObject({ changed: ['details'], before: { details: { rolloutTtlSeconds: 3600 } }, after: { details: { rolloutTtlSeconds: 60 } }, confirmationsWithdrawn: [peer!.id] });
  });

  test('a title-only edit keeps the confirmations', async () => {
    const { requester, environment } = await cast();
    const [peer] = await reviewers(1);
    const { id } = await planned(requester, environment.id, { type: 'load_balancer', details: { pullRequestUrl: 'https://git.example.com/iac/pull/3' } });
    await confirm(peer!, id);
    expect(await updateConfigChange({ actor: requester, at: AT, configChangeId: id, expectedVersion: 1, patch: { title: 'Drain the old pool' } })).toMatchObject({ changed: ['title'], confirmationsWithdrawn: [] });
    await apply(requester, id, 2);
    expect(await stored(id)).toMatchObject({ status: 'applied', _count: { confirmations: 1 } });
  });

  test('secret rotation: automated needs its run link and no second person; manual needs a second person', async () => {
    const { requester, environment } = await cast();
    const [second] = await reviewers(1);
    const automated = await planned(requester, environment.id, { type: 'secret_rotation', details: { secretName: 'db-password', mode: 'automated' } });
    expect(await missingOf(automated.id)).toEqual(['No link to the automated run.']);
    await updateConfigChange({ actor: requester, at: AT, configChangeId: automated.id, expectedVersion: 1, patch: { details: { automationRunUrl: 'https://ci.example.com/runs/9' } } });
    await apply(requester, automated.id, 2);
    expect((await stored(automated.id)).status).toBe('applied');

    const manual = await planned(requester, environment.id, { type: 'secret_rotation', details: { secretName: 'stripe-key', mode: 'manual' } });
    await expect(apply(requester, manual.id, 1)).rejects.toMatchObject({ code: 'INVALID', message: 'Its process is not complete (CTRL-012.5): Waiting for a second, different person to confirm.' });
    await confirm(second!, manual.id);
    await apply(requester, manual.id, 1);
    expect(await stored(manual.id)).toMatchObject({ status: 'applied', _count: { confirmations: 1 } });
  });
});

describe('the two-person rule', () => {
  async function manualRotation() {
    const { requester, environment, team } = await cast();
    const { id } = await planned(requester, environment.id, { type: 'secret_rotation', details: { secretName: `key-${team.slug}`, mode: 'manual' } });
    return { id, requester };
  }

  test('the requester confirming is FORBIDDEN, stores nothing, and the attempt is audited', async () => {
    const { id, requester } = await manualRotation();
    await expect(confirm(requester, id)).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'The two-person rule needs someone other than the requester.' });
    expect((await stored(id))._count.confirmations).toBe(0);
    const denied = await db.auditEvent.findFirstOrThrow({ where: { entityType: 'config-change', entityId: id, action: 'config-change.confirm-denied' }, select: { actorId: true, changeSet: true } });
    expect(denied).toEqual({ actorId: requester.id, changeSet: { reason: 'The two-person rule needs someone other than the requester.' } });
    expect((await auditActions(id)).map((event) => event.action)).toEqual(['config-change.created', 'config-change.confirm-denied']);
  });

  test('the same person twice is refused and audited; the record keeps one confirmation', async () => {
    const { id } = await manualRotation();
    const [second] = await reviewers(1);
    await confirm(second!, id);
    await expect(confirm(second!, id)).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'You have already confirmed this change; a second, different person must.' });
    expect((await stored(id))._count.confirmations).toBe(1);
    expect(await db.auditEvent.count({ where: { entityId: id, action: 'config-change.confirm-denied', actorId: second!.id } })).toBe(1);
  });

  test('auditors never write: confirming, filing and reporting are refused and audited', async () => {
    const { id, requester } = await manualRotation();
    const auditor = await createUser({ role: 'auditor' });
    await expect(confirm(auditor, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const environment = await createEnvironment();
    await expect(planned(auditor, environment.id, { type: 'load_balancer' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(reportConfigChange({ actor: auditor, at: AT, input: ZReportedConfigChange.parse({ type: 'load_balancer', title: 'Ad hoc', environmentId: environment.id, appliedAt: '2026-11-23T10:00:00Z' }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.auditEvent.count({ where: { actorId: auditor.id, action: { in: ['config-change.confirm-denied', 'config-change.create-denied', 'config-change.report-denied'] } } })).toBe(3);
    expect(await db.configChange.count({ where: { requestedById: auditor.id } })).toBe(0);
    expect((await stored(id))._count.confirmations).toBe(0);
    expect(requester.id).not.toBe(auditor.id);
  });

  test('race: two different people confirming at the same moment make exactly two confirmations', async () => {
    const { id } = await manualRotation();
    const [first, second] = await reviewers(2);
    await Promise.all([confirm(first!, id), confirm(second!, id)]);
    const rows = await db.configChangeConfirmation.findMany({ where: { configChangeId: id }, select: { confirmerId: true } });
    expect(rows.map((row) => row.confirmerId).sort()).toEqual([first!.id, second!.id].sort());
    expect(await db.auditEvent.count({ where: { entityId: id, action: 'config-change.confirmed' } })).toBe(2);
  });

  test('race: two people double-clicking record one confirmation each, never three', async () => {
    const { id } = await manualRotation();
    const [first, second] = await reviewers(2);
    const results = await Promise.allSettled([confirm(first!, id), confirm(second!, id), confirm(first!, id), confirm(second!, id)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
    expect(results.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect((await stored(id))._count.confirmations).toBe(2);
    expect(await db.auditEvent.count({ where: { entityId: id, action: 'config-change.confirm-denied' } })).toBe(2);
  });

  test('race: three confirmers and an apply on an incomplete record never apply it', async () => {
    const { requester, environment } = await cast();
    const confirmers = await reviewers(3);
    // Its TTL is not low: however many people confirm, the checklist stays incomplete.
    const { id } = await planned(requester, environment.id, { type: 'dns', details: { record: 'www', pullRequestUrl: 'https://git.example.com/dns/pull/4', rolloutTtlSeconds: 3600 } });
    const results = await Promise.allSettled([...confirmers.map((confirmer) => confirm(confirmer, id)), apply(requester, id, 1)]);
    expect(results.slice(0, 3).every((result) => result.status === 'fulfilled')).toBe(true);
    expect(results[3]).toMatchObject({ status: 'rejected', reason: { code: 'INVALID' } });
    expect(await stored(id)).toMatchObject({ status: 'planned', version: 1, appliedAt: null, _count: { confirmations: 3 } });
    expect(await db.auditEvent.count({ where: { entityId: id, action: 'config-change.applied' } })).toBe(0);
  });

  test('race: confirmations and an apply are ordered; no confirmation lands after the apply', async () => {
    const { requester, environment } = await cast();
    const confirmers = await reviewers(3);
    const { id } = await planned(requester, environment.id, { type: 'load_balancer', details: { pullRequestUrl: 'https://git.example.com/iac/pull/5' } });
    const results = await Promise.allSettled([confirm(confirmers[0]!, id), apply(requester, id, 1), confirm(confirmers[1]!, id), confirm(confirmers[2]!, id)]);
    const state = await stored(id);
    const events = await auditActions(id);
    const applied = events.find((event) => event.action === 'config-change.applied');
    const confirmed = events.filter((event) => event.action === 'config-change.confirmed');
    expect(confirmed).toHaveLength(state._count.confirmations);
    if (applied) {
      // Applied only with a second person, and every later confirmation was refused as too late.
      expect(state.status).toBe('applied');
      expect(confirmed.length).toBeGreaterThanOrEqual(1);
      expect(confirmed.every((event) => event.seq < applied.seq)).toBe(true);
      const refused = results.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason.code);
      expect(refused.every((code) => code === 'CONFLICT')).toBe(true);
    } else {
      expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: 'INVALID' } });
      expect(state.status).toBe('planned');
    }
  });

  test('a confirmation of content edited since it was read is stale', async () => {
    const { id, requester } = await manualRotation();
    const [second] = await reviewers(1);
    await updateConfigChange({ actor: requester, at: AT, configChangeId: id, expectedVersion: 1, patch: { title: 'Rotate the Stripe key' } });
    await expect(confirm(second!, id, 1)).rejects.toMatchObject({ code: 'STALE_VERSION' });
    expect((await stored(id))._count.confirmations).toBe(0);
  });
});

describe('applying, editing and cancelling', () => {
  test('an apply refused while incomplete changes nothing: row, confirmations, audit', async () => {
    const { requester, environment } = await cast();
    const { id } = await planned(requester, environment.id, { type: 'load_balancer' });
    const before = await stored(id);
    const eventsBefore = await db.auditEvent.count({ where: { entityId: id } });
    await expect(apply(requester, id, 1)).rejects.toMatchObject({ code: 'INVALID', fieldErrors: { _: ['No infrastructure-as-code pull request.', 'Waiting for a second, different person to confirm.'] } });
    expect(await stored(id)).toEqual(before);
    expect(await db.auditEvent.count({ where: { entityId: id } })).toBe(eventsBefore);
  });

  test('the requester, their team mate and a manager manage it; someone else is refused and audited', async () => {
    const { requester, environment, team } = await cast();
    const mate = await createUser({ teamId: team.id });
    const manager = await createUser({ role: 'manager' });
    const [outsider] = await reviewers(1);
    const { id } = await planned(requester, environment.id, { type: 'feature_flag', details: { flagKey: 'payments-a-release' } });

    await expect(updateConfigChange({ actor: outsider!, at: AT, configChangeId: id, expectedVersion: 1, patch: { title: 'Taken over' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(apply(outsider!, id, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.auditEvent.count({ where: { entityId: id, actorId: outsider!.id, action: { in: ['config-change.edit-denied', 'config-change.apply-denied'] } } })).toBe(2);

    await updateConfigChange({ actor: mate, at: AT, configChangeId: id, expectedVersion: 1, patch: { details: { description: 'Half of the traffic' } } });
    await expect(updateConfigChange({ actor: manager, at: AT, configChangeId: id, expectedVersion: 1, patch: { title: 'Stale edit' } })).rejects.toMatchObject({ code: 'STALE_VERSION' });
    await cancelConfigChange({ actor: manager, at: AT, configChangeId: id, expectedVersion: 2, reason: 'Not needed any more.' });
    expect(await stored(id)).toMatchObject({ status: 'cancelled', version: 3 });
    await expect(apply(requester, id, 3)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(updateConfigChange({ actor: requester, at: AT, configChangeId: id, expectedVersion: 3, patch: { title: 'Too late' } })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await auditActions(id)).at(-1)).toMatchObject({ action: 'config-change.cancelled', actorId: manager.id, changeSet: { status: { old: 'planned', new: 'cancelled' }, reason: 'Not needed any more.' } });
  });

  test('bad details in an edit change nothing', async () => {
    const { requester, environment } = await cast();
    const { id } = await planned(requester, environment.id, { type: 'dns', details: { record: 'api' } });
    const before = await stored(id);
    await expect(updateConfigChange({ actor: requester, at: AT, configChangeId: id, expectedVersion: 1, patch: { details: { rolloutTtlSeconds: 0 } } }))
      .rejects.toMatchObject({ code: 'INVALID', fieldErrors: { 'details.rolloutTtlSeconds': ['At least 1 second.'] } });
    await expect(updateConfigChange({ actor: requester, at: AT, configChangeId: id, expectedVersion: 1, patch: { details: { variable: 'X' } } })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(updateConfigChange({ actor: requester, at: AT, configChangeId: id, expectedVersion: 1, patch: { environmentId: '0195f0c2-0000-7000-8000-00000000dead' } }))
      .rejects.toMatchObject({ code: 'INVALID', fieldErrors: { environmentId: ['Unknown environment.'] } });
    expect(await stored(id)).toEqual(before);
    expect((await auditActions(id)).map((event) => event.action)).toEqual(['config-change.created']);
  });
});

describe('changes reported afterwards', () => {
  test('are stored applied and unauthorized, audited with the CTRL-012.5 reason, and counted in the period they were made', async () => {
    const { requester, environment, service } = await cast();
    const maker = await createUser();
    // A period of its own, so other tests' records never fall in it.
    const from = new Date(Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 1e9));
    const to = new Date(from.getTime() + 3_600_000);
    const appliedAt = new Date(from.getTime() + 60_000);
    const countBefore = await countUnauthorizedConfigChanges({ from, to });

    const input = ZReportedConfigChange.parse({ type: 'env_var', title: 'Pool size raised by hand', environmentId: environment.id, serviceId: service.id, appliedAt: appliedAt.toISOString(), madeById: maker.id, details: { variable: 'POOL_SIZE' } });
    const { id } = await reportConfigChange({ actor: requester, at: AT, input });

    expect(await stored(id)).toMatchObject({ status: 'applied', isReportedAfter: true, appliedAt, requestedById: maker.id, _count: { confirmations: 0 } });
    const [event, ...rest] = await auditActions(id);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      action: 'config-change.reported-unauthorized', actorId: requester.id,
      changeSet: { reportedById: requester.id, madeById: maker.id, unauthorized: { control: 'CTRL-012.5', code: 'CONFIG_OUTSIDE_PROCESS', message: 'Environment variable made in production outside its process and reported afterwards.' }, after: { status: 'applied', isReportedAfter: true } },
    });
    expect(await countUnauthorizedConfigChanges({ from, to })).toBe(countBefore + 1);
    expect(await countUnauthorizedConfigChanges({ from: to, to: new Date(to.getTime() + 1) })).toBe(0);

    const view = await getConfigChange(requester, id);
    expect(view.unauthorizedReason?.code).toBe('CONFIG_OUTSIDE_PROCESS');
    expect({ canConfirm: view.canConfirm, canApply: view.canApply, canEdit: view.canEdit }).toEqual({ canConfirm: false, canApply: false, canEdit: false });
    const list = await listConfigChanges({ isUnauthorizedOnly: true, environmentId: environment.id });
    expect(list.items.map((item) => item.id)).toEqual([id]);
    await expect(confirm(maker, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [other] = await reviewers(1);
    await expect(confirm(other!, id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  test('a report dated in the future, or naming an unknown person, stores nothing', async () => {
    const { requester, environment } = await cast();
    const base = { type: 'load_balancer', title: 'Ad hoc pool change', environmentId: environment.id };
    await expect(reportConfigChange({ actor: requester, at: AT, input: ZReportedConfigChange.parse({ ...base, appliedAt: '2026-11-24T10:00:01Z' }) }))
      .rejects.toMatchObject({ code: 'INVALID', fieldErrors: { appliedAt: ['Give a time that has passed.'] } });
    await expect(reportConfigChange({ actor: requester, at: AT, input: ZReportedConfigChange.parse({ ...base, appliedAt: '2026-11-24T09:00:00Z', madeById: '0195f0c2-0000-7000-8000-00000000beef' }) }))
      .rejects.toMatchObject({ code: 'INVALID', fieldErrors: { madeById: ['Unknown person.'] } });
    expect(await db.configChange.count({ where: { environmentId: environment.id } })).toBe(0);
  });

  test('the list filters and pages newest first', async () => {
    const { requester, environment } = await cast();
    const first = await planned(requester, environment.id, { type: 'load_balancer' }, new Date(AT.getTime() - 2000));
    const second = await planned(requester, environment.id, { type: 'dns', details: { record: 'a' } }, new Date(AT.getTime() - 1000));
    const third = await planned(requester, environment.id, { type: 'dns', details: { record: 'b' } });
    const page = await listConfigChanges({ environmentId: environment.id }, undefined, 2);
    expect(page.items.map((item) => item.id)).toEqual([third.id, second.id]);
    const next = await listConfigChanges({ environmentId: environment.id }, page.older, 2);
    expect(next).toMatchObject({ items: [{ id: first.id }], older: undefined });
    expect((await listConfigChanges({ environmentId: environment.id, type: 'dns', status: 'planned' })).items.map((item) => item.id)).toEqual([third.id, second.id]);
    expect((await listConfigChanges({ environmentId: environment.id, status: 'applied' })).items).toEqual([]);
  });
});
