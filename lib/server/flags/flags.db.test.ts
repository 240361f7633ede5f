import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { upsertFlagInTx } from '@/lib/server/flags/flag-steps';
import { createFlag } from '@/lib/server/flags/create-flag';
import { updateFlag } from '@/lib/server/flags/update-flag';
import { archiveFlag } from '@/lib/server/flags/archive-flag';
import { getFlag, lintFlagKeys, listFlags } from '@/lib/server/flags/queries';
import { ZNewFlag, type FlagInput } from '@/lib/schemas/flag';
import { createEnvironment, createTeamWithEngineer, createUser, uniqueSuffix } from '@/prisma/factories';
import type { Actor } from '@/lib/policy/permissions';

const AT = new Date('2026-11-24T10:00:00.000Z');
const LATER = new Date('2026-11-25T10:00:00.000Z');
const DAY_MS = 86_400_000;

afterAll(() => db.$disconnect());

// Flag changes are recorded as configuration changes against an environment.
beforeAll(async () => {
  await createEnvironment({ isProduction: true, isGated: true });
});

async function cast() {
  const { team, engineer } = await createTeamWithEngineer();
  return { team, engineer, key: (type = 'release') => `${team.slug}-feature-${uniqueSuffix()}-${type}` };
}

function newFlag(team: { id: string }, owner: Actor, key: string, overrides: Partial<FlagInput> = {}) {
  return ZNewFlag.parse({ key, teamId: team.id, type: key.split('-').at(-1), ownerId: owner.id, purpose: 'Guards the new checkout', ...overrides });
}

function flagEvents(flagId: string) {
  return db.auditEvent.findMany({ where: { entityType: 'flag', entityId: flagId }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true, changeSet: true } });
}

function flagConfigChanges(flagKey: string) {
  return db.configChange.findMany({ where: { type: 'feature_flag', details: { path: ['flagKey'], equals: flagKey } }, orderBy: { createdAt: 'asc' }, select: { id: true, status: true, appliedAt: true, requestedById: true, details: true, title: true } });
}

describe('createFlag', () => {
  test('stores the flag, its first rollout, an applied config change and the audit event together', async () => {
    const { team, engineer, key } = await cast();
    const flagKey = key();
    const { id } = await createFlag({ actor: engineer, at: AT, input: newFlag(team, engineer, flagKey, { rolloutPercent: 10 }), source: 'portal' });

    const flag = await db.featureFlag.findUniqueOrThrow({ where: { id }, select: { key: true, rolloutPercent: true, fullRolloutAt: true, expiresAt: true, status: true, version: true, createdAt: true } });
    expect(flag).toEqual({ key: flagKey, rolloutPercent: 10, fullRolloutAt: null, expiresAt: null, status: 'active', version: 1, createdAt: AT });
    expect(await db.flagRolloutChange.findMany({ where: { flagId: id }, select: { percent: true, changedAt: true, changedById: true } })).toEqual([{ percent: 10, changedAt: AT, changedById: engineer.id }]);

    const records = await flagConfigChanges(flagKey);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: 'applied', appliedAt: AT, requestedById: engineer.id, title: `Flag ${flagKey} created` });
    expect(records[0]!.details).toMatchObject({ flagKey });
    expect(String((records[0]!.details as { description: string }).description)).toContain('rollout 10 %');

    const events = await flagEvents(id);
    expect(events.map((event) => event.action)).toEqual(['flag.created']);
    expect(events[0]!.changeSet).toMatchObject({ before: null, after: { key: flagKey, rolloutPercent: 10 }, source: 'portal', configChangeId: records[0]!.id });
    const recordEvent = await db.auditEvent.findFirst({ where: { entityType: 'config-change', entityId: records[0]!.id }, select: { action: true } });
    expect(recordEvent).toEqual({ action: 'config-change.applied' });
  });

  test('a badly named key is refused with the lint reasons and nothing is written', async () => {
    const { team, engineer } = await cast();
    const badKey = `DarkMode_${uniqueSuffix()}`;
    const flagsBefore = await db.featureFlag.count();
    const recordsBefore = await db.configChange.count();
    const error = await createFlag({ actor: engineer, at: AT, input: newFlag(team, engineer, badKey, { type: 'release' }), source: 'portal' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID');
    expect((error as DomainError).fieldErrors?.key?.join(' ')).toContain('CTRL-012.4');
    expect(await db.featureFlag.count()).toBe(flagsBefore);
    expect(await db.configChange.count()).toBe(recordsBefore);
    expect(await db.auditEvent.count({ where: { action: 'flag.created', changeSet: { path: ['after', 'key'], equals: badKey } } })).toBe(0);
  });

  test('the key must start with the flag’s own team', async () => {
    const { team, engineer } = await cast();
    const other = await cast();
    const error = await createFlag({ actor: engineer, at: AT, input: newFlag(team, engineer, other.key()), source: 'portal' }).catch((caught: unknown) => caught);
    expect((error as DomainError).code).toBe('INVALID');
  });

  test('an engineer of another team and an auditor are refused, and the refusal is recorded', async () => {
    const { team, engineer, key } = await cast();
    const outsider = (await cast()).engineer;
    const auditor = await createUser({ role: 'auditor', teamId: team.id });
    for (const actor of [outsider, auditor]) {
      const error = await createFlag({ actor, at: AT, input: newFlag(team, engineer, key()), source: 'portal' }).catch((caught: unknown) => caught);
      expect((error as DomainError).code).toBe('FORBIDDEN');
      expect(await db.auditEvent.count({ where: { action: 'flag.create-denied', actorId: actor.id } })).toBe(1);
    }
  });

  test('a key already in the inventory is a conflict', async () => {
    const { team, engineer, key } = await cast();
    const flagKey = key();
    await createFlag({ actor: engineer, at: AT, input: newFlag(team, engineer, flagKey), source: 'portal' });
    const error = await createFlag({ actor: engineer, at: AT, input: newFlag(team, engineer, flagKey), source: 'portal' }).catch((caught: unknown) => caught);
    expect((error as DomainError).code).toBe('CONFLICT');
    expect(await db.featureFlag.count({ where: { key: flagKey } })).toBe(1);
  });
});

describe('upsertFlagInTx', () => {
  test('an unchanged upsert writes nothing: no version, history, record or event', async () => {
    const { team, engineer, key } = await cast();
    const input = newFlag(team, engineer, key(), { rolloutPercent: 25 });
    const first = await db.$transaction((tx) => upsertFlagInTx(tx, { actor: engineer, at: AT, input, source: 'import' }));
    expect(first.outcome).toBe('created');
    const second = await db.$transaction((tx) => upsertFlagInTx(tx, { actor: engineer, at: LATER, input, source: 'import' }));
    expect(second).toEqual({ id: first.id, outcome: 'unchanged' });
    expect(await db.featureFlag.findUniqueOrThrow({ where: { id: first.id }, select: { version: true } })).toEqual({ version: 1 });
    expect(await db.flagRolloutChange.count({ where: { flagId: first.id } })).toBe(1);
    expect(await flagConfigChanges(input.key)).toHaveLength(1);
    expect((await flagEvents(first.id)).map((event) => event.action)).toEqual(['flag.created']);
  });

  test('a service token names the flag’s owner on the config change; the audit event names the token', async () => {
    const { team, engineer, key } = await cast();
    const input = newFlag(team, engineer, key());
    const { id } = await db.$transaction((tx) => upsertFlagInTx(tx, { actor: null, tokenId: null, at: AT, input, source: 'api' }));
    expect((await flagConfigChanges(input.key))[0]!.requestedById).toBe(engineer.id);
    expect((await flagEvents(id))[0]!.actorId).toBeNull();
  });

  test('a write refused inside the caller’s transaction rolls back with it', async () => {
    const { team, engineer, key } = await cast();
    const input = newFlag(team, engineer, key());
    await expect(db.$transaction(async (tx) => {
      await upsertFlagInTx(tx, { actor: engineer, at: AT, input, source: 'import' });
      throw new DomainError('CONFLICT', 'the caller gives up');
    })).rejects.toThrow('the caller gives up');
    expect(await db.featureFlag.count({ where: { key: input.key } })).toBe(0);
    expect(await flagConfigChanges(input.key)).toHaveLength(0);
  });

  test('race: three concurrent upserts of one new key make one flag, one create and no error', async () => {
    const { team, engineer, key } = await cast();
    const input = newFlag(team, engineer, key(), { rolloutPercent: 40 });
    const results = await Promise.all([1, 2, 3].map(() => db.$transaction((tx) => upsertFlagInTx(tx, { actor: engineer, at: AT, input, source: 'import' }))));
    expect(results.map((result) => result.outcome).sort()).toEqual(['created', 'unchanged', 'unchanged']);
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(await db.featureFlag.count({ where: { key: input.key } })).toBe(1);
    expect(await flagConfigChanges(input.key)).toHaveLength(1);
  });
});

describe('updateFlag', () => {
  test('a rollout change adds history, sets fullRolloutAt once at 100 % and never sets the expiry', async () => {
    const { team, engineer, key } = await cast();
    const flagKey = key();
    const { id } = await createFlag({ actor: engineer, at: AT, input: newFlag(team, engineer, flagKey), source: 'portal' });

    expect(await updateFlag({ actor: engineer, at: LATER, flagId: id, expectedVersion: 1, edit: { rolloutPercent: 100 }, source: 'portal' })).toEqual({ outcome: 'updated', version: 2 });
    const thirdDay = new Date(LATER.getTime() + DAY_MS);
    await updateFlag({ actor: engineer, at: thirdDay, flagId: id, expectedVersion: 2, edit: { rolloutPercent: 50 }, source: 'portal' });
    await updateFlag({ actor: engineer, at: new Date(thirdDay.getTime() + DAY_MS), flagId: id, expectedVersion: 3, edit: { rolloutPercent: 100 }, source: 'api' });

    const flag = await db.featureFlag.findUniqueOrThrow({ where: { id }, select: { rolloutPercent: true, fullRolloutAt: true, expiresAt: true, version: true } });
    expect(flag).toEqual({ rolloutPercent: 100, fullRolloutAt: LATER, expiresAt: null, version: 4 });
    const history = await db.flagRolloutChange.findMany({ where: { flagId: id }, orderBy: { changedAt: 'asc' }, select: { percent: true } });
    expect(history.map((row) => row.percent)).toEqual([0, 100, 50, 100]);

    const events = await flagEvents(id);
    expect(events.map((event) => event.action)).toEqual(['flag.created', 'flag.updated', 'flag.updated', 'flag.updated']);
    expect(events[1]!.changeSet).toMatchObject({ before: { rolloutPercent: 0, fullRolloutAt: null }, after: { rolloutPercent: 100, fullRolloutAt: LATER.toISOString() }, version: { old: 1, new: 2 } });
    const records = await flagConfigChanges(flagKey);
    expect(records.map((record) => (record.details as { description: string }).description)).toEqual([
      expect.stringContaining('rollout 0 %'), 'Rollout 0 % → 100 %.', 'Rollout 100 % → 50 %.', 'Rollout 50 % → 100 %.',
    ]);

    const view = await getFlag(engineer, id, thirdDay);
    expect(view.rollout.map((row) => row.percent)).toEqual([0, 100, 50, 100]);
    expect(view.flag.expiry).toEqual(new Date(LATER.getTime() + 30 * DAY_MS));
  });

  test('a stale version is refused and nothing changes', async () => {
    const { team, engineer, key } = await cast();
    const { id } = await createFlag({ actor: engineer, at: AT, input: newFlag(team, engineer, key()), source: 'portal' });
    await updateFlag({ actor: engineer, at: LATER, flagId: id, expectedVersion: 1, edit: { purpose: 'A clearer purpose' }, source: 'portal' });
    const error = await updateFlag({ actor: engineer, at: LATER, flagId: id, expectedVersion: 1, edit: { rolloutPercent: 30 }, source: 'portal' }).catch((caught: unknown) => caught);
    expect((error as DomainError).code).toBe('STALE_VERSION');
    expect(await db.featureFlag.findUniqueOrThrow({ where: { id }, select: { rolloutPercent: true, version: true } })).toEqual({ rolloutPercent: 0, version: 2 });
  });

  test('the owner edits from another team; an outsider is refused', async () => {
    const { team, engineer, key } = await cast();
    const owner = (await cast()).engineer;
    const { id } = await createFlag({ actor: engineer, at: AT, input: newFlag(team, owner, key()), source: 'portal' });
    expect((await updateFlag({ actor: owner, at: LATER, flagId: id, expectedVersion: 1, edit: { rolloutPercent: 5 }, source: 'portal' })).outcome).toBe('updated');
    const outsider = (await cast()).engineer;
    const error = await updateFlag({ actor: outsider, at: LATER, flagId: id, expectedVersion: 2, edit: { rolloutPercent: 6 }, source: 'portal' }).catch((caught: unknown) => caught);
    expect((error as DomainError).code).toBe('FORBIDDEN');
  });
});

describe('archiveFlag', () => {
  test('archives with an audit event and a config change; a second archive is a conflict', async () => {
    const { team, engineer, key } = await cast();
    const flagKey = key();
    const { id } = await createFlag({ actor: engineer, at: AT, input: newFlag(team, engineer, flagKey), source: 'portal' });
    expect(await archiveFlag({ actor: engineer, at: LATER, flagId: id, expectedVersion: 1, reason: 'Removed from the code', source: 'portal' })).toEqual({ version: 2 });
    expect(await db.featureFlag.findUniqueOrThrow({ where: { id }, select: { status: true, archivedAt: true } })).toEqual({ status: 'archived', archivedAt: LATER });
    expect((await flagEvents(id)).at(-1)).toMatchObject({ action: 'flag.archived', changeSet: { reason: 'Removed from the code', status: { old: 'active', new: 'archived' } } });
    expect((await flagConfigChanges(flagKey)).at(-1)).toMatchObject({ title: `Flag ${flagKey} archived`, status: 'applied' });

    const error = await archiveFlag({ actor: engineer, at: LATER, flagId: id, expectedVersion: 2, reason: '', source: 'portal' }).catch((caught: unknown) => caught);
    expect((error as DomainError).code).toBe('CONFLICT');
    const editError = await updateFlag({ actor: engineer, at: LATER, flagId: id, expectedVersion: 2, edit: { rolloutPercent: 1 }, source: 'portal' }).catch((caught: unknown) => caught);
    expect((editError as DomainError).code).toBe('CONFLICT');
  });
});

describe('listFlags and lint', () => {
  test('filters by team and state in SQL, with each row’s lint, expiry and days stale', async () => {
    const { team, engineer, key } = await cast();
    const old = new Date(AT.getTime() - 120 * DAY_MS);
    const staleKey = key('experiment');
    await db.$transaction((tx) => upsertFlagInTx(tx, { actor: engineer, at: old, input: { ...newFlag(team, engineer, staleKey), createdAt: old }, source: 'import' }));
    const freshKey = key('ops');
    await createFlag({ actor: engineer, at: AT, input: newFlag(team, engineer, freshKey), source: 'portal' });

    const stale = await listFlags({ teamId: team.id, state: 'stale' }, AT);
    expect(stale.items.map((item) => item.key)).toEqual([staleKey]);
    expect(stale.items[0]).toMatchObject({ state: 'stale', daysStale: 30, lint: { passes: true } });
    const active = await listFlags({ teamId: team.id, state: 'active' }, AT);
    expect(active.items.map((item) => item.key)).toEqual([freshKey]);
    expect(active.items[0]!.expiry).toBeNull();

    const firstPage = await listFlags({ teamId: team.id }, AT, undefined, 1);
    const secondPage = await listFlags({ teamId: team.id }, AT, firstPage.nextKey, 1);
    expect([...firstPage.items, ...secondPage.items].map((item) => item.key)).toEqual([freshKey, staleKey].sort());
    expect(secondPage.nextKey).toBeUndefined();
  });

  test('lintFlagKeys answers per key against the known teams', async () => {
    const { key } = await cast();
    const good = key();
    const report = await lintFlagKeys([good, 'Bad_Key', `${good.replace(/-release$/, '-ops')}`], { [good]: 'ops' });
    expect(report.passed).toBe(1);
    expect(report.failed).toBe(2);
    expect(report.results[0]!.reasons.map((reason) => reason.code)).toEqual(['TYPE_MISMATCH']);
    expect(report.results[1]!.reasons[0]).toMatchObject({ control: 'CTRL-012.4', code: 'NOT_KEBAB_CASE' });
    expect(report.results[2]!.passes).toBe(true);
  });
});
