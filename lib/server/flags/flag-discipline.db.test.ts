import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { findStaleFlags, staleFlagCount, staleFlagReport } from '@/lib/server/flags/stale-flags';
import { ensureMonthlyFlagAudit } from '@/lib/server/flags/open-monthly-audit';
import { decideFlagAuditItem } from '@/lib/server/flags/decide-flag-audit-item';
import { getFlagAudit, listFlagAudits } from '@/lib/server/flags/flag-audits';
import { createFeature } from '@/lib/server/flags/create-feature';
import { updateFeature } from '@/lib/server/flags/update-feature';
import { killSwitchCoverage, listFeatures } from '@/lib/server/flags/features';
import { publishPolicySettings } from '@/lib/server/policy-settings/publish-policy-settings';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { flagState } from '@/lib/policy/flag-staleness';
import type { Actor } from '@/lib/policy/permissions';
import { ZFlagAuditDecision, type FlagAuditDecisionInput } from '@/lib/schemas/flag-discipline';
import { createEnvironment, createTeam, createUser, policySettingsEdit } from '@/prisma/factories';
import { createFeatureRow, createFlagRow, releasedFlagRow } from '@/prisma/flag-factories';

const DAY_MS = 86_400_000;
const days = (count: number) => count * DAY_MS;

afterAll(() => db.$disconnect());

/** A team with its flag owner, a team mate, and an engineer and a manager of another team. */
async function cast() {
  const team = await createTeam();
  const other = await createTeam();
  const [owner, mate, outsider, otherManager] = await Promise.all([
    createUser({ teamId: team.id }), createUser({ teamId: team.id }), createUser({ teamId: other.id }), createUser({ teamId: other.id, role: 'manager' }),
  ]);
  return { team, other, owner, mate, outsider, otherManager };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof DomainError)) throw new Error(`Expected a DomainError, got ${String(error)}`);
  return error;
}

/** The audit item of `flagId` in the month's audit. */
function itemOf(auditId: string, flagId: string) {
  return db.flagAuditItem.findUniqueOrThrow({ where: { auditId_flagId: { auditId, flagId } }, select: { id: true, decision: true, reason: true, extendedTo: true, decidedById: true, version: true } });
}

function flagRow(id: string) {
  return db.featureFlag.findUniqueOrThrow({ where: { id }, select: { status: true, archivedAt: true, expiresAt: true, extensionReason: true, version: true } });
}

const decide = (actor: Actor, at: Date, input: Record<string, unknown>) => decideFlagAuditItem({ actor, at, input: ZFlagAuditDecision.parse(input) as FlagAuditDecisionInput });

/** Every active flag's state by the pure rule, counted without the report's SQL. */
async function recomputeStaleCount(at: Date): Promise<number> {
  const rules = await policySettingsInForce();
  const flags = await db.featureFlag.findMany({ where: { status: 'active' }, select: { type: true, status: true, createdAt: true, fullRolloutAt: true, expiresAt: true } });
  return flags.filter((flag) => flagState(flag, rules, at) === 'stale').length;
}

describe('staleness report (CTRL-012.4)', () => {
  const AT = new Date('2026-11-24T10:00:00.000Z');

  test('a release flag 31 days at 100 % is stale for 1 day; 29 days is not; ops flags and archived flags never are', async () => {
    const { team, owner } = await cast();
    const before = await staleFlagCount(AT);
    const stale = await releasedFlagRow({ teamId: team.id, ownerId: owner.id }, 31, AT);
    await releasedFlagRow({ teamId: team.id, ownerId: owner.id }, 29, AT);
    await createFlagRow({ teamId: team.id, ownerId: owner.id, type: 'ops', createdAt: new Date(AT.getTime() - days(900)) });
    await releasedFlagRow({ teamId: team.id, ownerId: owner.id, status: 'archived' }, 60, AT);
    const experiment = await createFlagRow({ teamId: team.id, ownerId: owner.id, type: 'experiment', createdAt: new Date(AT.getTime() - days(91)) });

    const report = await staleFlagReport(AT, { teamId: team.id });
    expect(report.flags.map((flag) => [flag.key, flag.daysStale])).toEqual([[experiment.key, 1], [stale.key, 1]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    expect(report.flags.find((flag) => flag.id === stale.id)).toMatchObject({ owner: { id: owner.id }, team: { id: team.id }, type: 'release', expiry: new Date(AT.getTime() - days(1)) });
    expect(await staleFlagCount(AT)).toBe(before + 2);
    expect(report.count).toBe(await recomputeStaleCount(AT));
    expect(report.isMet).toBe(report.count < 5);
  });

  test('the expiry instant itself is stale; filters narrow by team and owner but the count stays whole', async () => {
    const { team, owner, mate } = await cast();
    const exact = await releasedFlagRow({ teamId: team.id, ownerId: owner.id }, 30, AT);
    const mates = await releasedFlagRow({ teamId: team.id, ownerId: mate.id }, 40, AT);
    expect((await findStaleFlags(db, AT, { teamId: team.id })).map((flag) => flag.id).sort()).toEqual([exact.id, mates.id].sort());
    const byOwner = await staleFlagReport(AT, { teamId: team.id, ownerId: mate.id });
    expect(byOwner.flags.map((flag) => flag.id)).toEqual([mates.id]);
    expect(byOwner.count).toBe(await staleFlagCount(AT));
    expect((await findStaleFlags(db, new Date(AT.getTime() - 1), { teamId: team.id })).map((flag) => flag.id)).toEqual([mates.id]);
  });
});

describe('monthly audit (CTRL-012.4)', () => {
  test('concurrent openers open the month once: one audit, one "opened" event, every stale flag listed once', async () => {
    const at = new Date('2031-03-01T06:00:00.000Z');
    const { team, owner } = await cast();
    const stale = await releasedFlagRow({ teamId: team.id, ownerId: owner.id }, 45, at);
    const fresh = await releasedFlagRow({ teamId: team.id, ownerId: owner.id }, 5, at);

    const results = await Promise.all([ensureMonthlyFlagAudit(at), ensureMonthlyFlagAudit(at), ensureMonthlyFlagAudit(at)]);
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect(results.filter((result) => result.isNew)).toHaveLength(1);
    const audit = await db.flagAudit.findMany({ where: { month: '2031-03' }, select: { id: true, openedAt: true, closedAt: true, items: { select: { flagId: true, decision: true } } } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.openedAt).toEqual(at);
    expect(audit[0]!.items).toContainEqual({ flagId: stale.id, decision: 'pending' });
    expect(audit[0]!.items.map((item) => item.flagId)).not.toContain(fresh.id);
    expect(await db.auditEvent.count({ where: { entityType: 'flag-audit', entityId: audit[0]!.id, action: 'flag-audit.opened' } })).toBe(1);

    // Later the same month: nothing new, nothing changes; a flag gone stale since is added once.
    expect(await ensureMonthlyFlagAudit(new Date('2031-03-02T00:00:00Z'))).toMatchObject({ id: audit[0]!.id, isNew: false, addedCount: 0 });
    const later = new Date('2031-03-28T00:00:00Z');
    const [first, second] = await Promise.all([ensureMonthlyFlagAudit(later), ensureMonthlyFlagAudit(later)]);
    expect(first!.addedCount + second!.addedCount).toBeGreaterThanOrEqual(1);
    expect(await db.flagAuditItem.count({ where: { auditId: audit[0]!.id, flagId: fresh.id } })).toBe(1);
    expect((await listFlagAudits()).find((entry) => entry.month === '2031-03')?.progress).toEqual({ decided: 0, total: first!.itemCount });
  });

  test('the owner extends a flag with a reason: it leaves the stale count until that date, and only until then', async () => {
    const at = new Date('2031-05-02T09:00:00.000Z');
    const { team, owner } = await cast();
    const flag = await releasedFlagRow({ teamId: team.id, ownerId: owner.id }, 31, at);
    const { id: auditId } = await ensureMonthlyFlagAudit(at);
    const item = await itemOf(auditId, flag.id);
    const staleBefore = await staleFlagCount(at);

    const reason = 'Checkout v2 still ramps in the EU region.';
    const result = await decide(owner, at, { itemId: item.id, expectedVersion: item.version, decision: 'extended', reason, extendedUntil: '2031-06-15' });
    const until = new Date('2031-06-15T00:00:00.000Z'); // start of the local day in the policy zone (UTC by default)
    expect(result).toMatchObject({ decision: 'extended', expiresAt: until });
    expect(await flagRow(flag.id)).toMatchObject({ status: 'active', expiresAt: until, extensionReason: reason, version: flag.version + 1 });
    expect(await itemOf(auditId, flag.id)).toMatchObject({ decision: 'extended', reason, extendedTo: until, decidedById: owner.id, version: item.version + 1 });

    expect(await staleFlagCount(at)).toBe(staleBefore - 1);
    expect((await findStaleFlags(db, new Date(until.getTime() - 1), { teamId: team.id })).map((entry) => entry.id)).toEqual([]);
    expect((await findStaleFlags(db, until, { teamId: team.id })).map((entry) => entry.id)).toEqual([flag.id]);
    expect((await findStaleFlags(db, new Date(until.getTime() + days(3)), { teamId: team.id }))[0]).toMatchObject({ id: flag.id, daysStale: 3, isExtended: true });

    const events = await db.auditEvent.findMany({ where: { OR: [{ entityId: auditId, action: 'flag-audit.item-decided' }, { entityId: flag.id }] }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true, changeSet: true } });
    expect(events.filter((event) => (event.changeSet as { flagId?: string }).flagId === flag.id || event.action === 'flag.extended').map((event) => [event.action, event.actorId])).toEqual([['flag.extended', owner.id], ['flag-audit.item-decided', owner.id]]);
    expect(events.at(-1)!.changeSet).toMatchObject({ decision: 'extended', flag: { expiresAt: { old: null, new: until.toISOString() }, extensionReason: { old: null, new: reason } } });
  });

  test('extensions are refused in the past, beyond 90 days, without a reason, and on a stale version; nothing changes', async () => {
    const at = new Date('2031-07-03T09:00:00.000Z');
    const { team, owner } = await cast();
    const flag = await releasedFlagRow({ teamId: team.id, ownerId: owner.id }, 31, at);
    const { id: auditId } = await ensureMonthlyFlagAudit(at);
    const item = await itemOf(auditId, flag.id);
    const base = { itemId: item.id, expectedVersion: item.version, decision: 'extended', reason: 'Waiting for the mobile release train.' };

    expect((await refusal(decide(owner, at, { ...base, extendedUntil: '2031-07-03' }))).fieldErrors).toEqual({ extendedUntil: ['Choose a date in the future.'] });
    expect((await refusal(decide(owner, at, { ...base, extendedUntil: '2031-10-02' }))).fieldErrors).toEqual({ extendedUntil: ['Extend by at most 90 days.'] });
    expect(ZFlagAuditDecision.safeParse({ ...base, reason: 'too short', extendedUntil: '2031-08-01' }).success).toBe(false);
    expect(ZFlagAuditDecision.safeParse({ ...base, extendedUntil: '2031-02-30' }).success).toBe(false);
    expect((await refusal(decide(owner, at, { ...base, expectedVersion: item.version + 1, extendedUntil: '2031-08-01' }))).code).toBe('STALE_VERSION');

    expect(await flagRow(flag.id)).toMatchObject({ status: 'active', expiresAt: null, extensionReason: null, version: flag.version });
    expect(await itemOf(auditId, flag.id)).toMatchObject({ decision: 'pending', version: item.version });
    // The last allowed day is accepted.
    await decide(owner, at, { ...base, extendedUntil: '2031-10-01' });
    expect((await refusal(decide(owner, at, { ...base, expectedVersion: item.version + 1, decision: 'removed' }))).code).toBe('CONFLICT');
  });

  test('a team mate removes a flag: it is archived in the same transaction; the last decision closes the audit', async () => {
    // A month long ago, so that no other test's flag is stale in it.
    const at = new Date('2001-02-05T09:00:00.000Z');
    const { team, owner, mate } = await cast();
    // The inventory records an archive as a configuration change against a production environment.
    await createEnvironment({ isProduction: true });
    const removed = await releasedFlagRow({ teamId: team.id, ownerId: owner.id }, 40, at);
    const kept = await releasedFlagRow({ teamId: team.id, ownerId: owner.id }, 35, at);
    const { id: auditId } = await ensureMonthlyFlagAudit(at);
    const first = await itemOf(auditId, removed.id);
    const second = await itemOf(auditId, kept.id);
    expect(await db.flagAuditItem.count({ where: { auditId } })).toBe(2);

    expect(await decide(mate, at, { itemId: first.id, expectedVersion: first.version, decision: 'removed' })).toMatchObject({ isAuditClosed: false });
    expect(await flagRow(removed.id)).toMatchObject({ status: 'archived', archivedAt: at, version: removed.version + 1 });
    expect(await itemOf(auditId, removed.id)).toMatchObject({ decision: 'removed', decidedById: mate.id, reason: null, extendedTo: null });
    expect((await findStaleFlags(db, at, { teamId: team.id })).map((flag) => flag.id)).toEqual([kept.id]);
    expect(await db.auditEvent.count({ where: { entityType: 'flag', entityId: removed.id, action: 'flag.archived', actorId: mate.id } })).toBe(1);
    expect(await db.configChange.count({ where: { type: 'feature_flag', status: 'applied', title: `Flag ${removed.key} archived`, requestedById: mate.id } })).toBe(1);

    const closedAt = new Date(at.getTime() + 60_000);
    expect(await decide(owner, closedAt, { itemId: second.id, expectedVersion: second.version, decision: 'extended', reason: 'Needed for the spring campaign.', extendedUntil: '2001-03-01' })).toMatchObject({ isAuditClosed: true });
    expect(await db.flagAudit.findUniqueOrThrow({ where: { id: auditId }, select: { closedAt: true } })).toEqual({ closedAt });
    expect(await db.auditEvent.count({ where: { entityId: auditId, action: 'flag-audit.closed' } })).toBe(1);
    expect((await listFlagAudits()).find((entry) => entry.id === auditId)?.progress).toEqual({ decided: 2, total: 2 });
    expect((await refusal(decide(owner, closedAt, { itemId: second.id, expectedVersion: second.version + 1, decision: 'removed' }))).code).toBe('CONFLICT');
  });

  test('race: the owner and a team mate deciding the same item at once make one decision and one flag change', async () => {
    const at = new Date('2031-11-05T09:00:00.000Z');
    const { team, owner, mate } = await cast();
    await createEnvironment({ isProduction: true });
    const flag = await releasedFlagRow({ teamId: team.id, ownerId: owner.id }, 45, at);
    const { id: auditId } = await ensureMonthlyFlagAudit(at);
    const item = await itemOf(auditId, flag.id);
    const results = await Promise.allSettled([
      decide(owner, at, { itemId: item.id, expectedVersion: item.version, decision: 'removed' }),
      decide(mate, at, { itemId: item.id, expectedVersion: item.version, decision: 'extended', reason: 'The mate wants to keep it a while.', extendedUntil: '2031-12-01' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(DomainError);
    const decided = await itemOf(auditId, flag.id);
    expect(decided.version).toBe(item.version + 1);
    expect(await flagRow(flag.id)).toMatchObject({ version: flag.version + 1, status: decided.decision === 'removed' ? 'archived' : 'active' });
    expect(await db.auditEvent.count({ where: { entityId: auditId, action: 'flag-audit.item-decided', changeSet: { path: ['itemId'], equals: item.id } } })).toBe(1);
  });

  test('refusals are recorded: another team’s engineer and manager, an auditor; the owner’s view offers the form, theirs does not', async () => {
    const at = new Date('2031-09-04T09:00:00.000Z');
    const { team, owner, outsider, otherManager } = await cast();
    const auditor = await createUser({ role: 'auditor', teamId: team.id });
    const flag = await releasedFlagRow({ teamId: team.id, ownerId: owner.id }, 50, at);
    const { id: auditId } = await ensureMonthlyFlagAudit(at);
    const item = await itemOf(auditId, flag.id);

    for (const actor of [outsider, otherManager, auditor]) {
      const error = await refusal(decide(actor, at, { itemId: item.id, expectedVersion: item.version, decision: 'removed' }));
      expect(error.code).toBe('FORBIDDEN');
      expect(await db.auditEvent.count({ where: { entityId: auditId, action: 'flag-audit.item-decide-denied', actorId: actor.id } })).toBe(1);
    }
    expect(await flagRow(flag.id)).toMatchObject({ status: 'active', version: flag.version });
    expect(await itemOf(auditId, flag.id)).toMatchObject({ decision: 'pending', version: item.version });

    const mine = (await getFlagAudit(owner, '2031-09', at)).items.find((entry) => entry.flag.id === flag.id);
    const theirs = (await getFlagAudit(outsider, '2031-09', at)).items.find((entry) => entry.flag.id === flag.id);
    expect(mine).toMatchObject({ canDecide: true, daysStale: 20 });
    expect(theirs).toMatchObject({ canDecide: false });
    expect((await refusal(getFlagAudit(owner, '2031-13', at))).code).toBe('NOT_FOUND');
  });
});

describe('kill switches (CTRL-012.4)', () => {
  test('coverage counts features with an active ops flag, equal to a recount from the rows', async () => {
    const { team, owner } = await cast();
    const before = await killSwitchCoverage();
    const covered = await createFeatureRow(team.id);
    const archivedSwitch = await createFeatureRow(team.id);
    const releaseOnly = await createFeatureRow(team.id);
    await createFlagRow({ teamId: team.id, ownerId: owner.id, type: 'ops', featureId: covered.id });
    await createFlagRow({ teamId: team.id, ownerId: owner.id, type: 'ops', featureId: archivedSwitch.id, status: 'archived' });
    await createFlagRow({ teamId: team.id, ownerId: owner.id, type: 'release', featureId: releaseOnly.id });

    const after = await killSwitchCoverage();
    expect(after).toMatchObject({ covered: before.covered + 1, total: before.total + 3 });
    const [recount] = await db.$queryRaw<{ total: bigint; covered: bigint }[]>`
      SELECT count(*) AS total, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM feature_flag f WHERE f.feature_id = feature.id AND f.type = 'ops' AND f.status = 'active')) AS covered FROM feature`;
    expect({ covered: after.covered, total: after.total }).toEqual({ covered: Number(recount!.covered), total: Number(recount!.total) });
    expect(after.percent).toBe(Math.round((after.covered / after.total) * 100));

    const list = await listFeatures(owner);
    const firstCovered = list.findIndex((feature) => feature.killSwitches.length > 0);
    expect(list.slice(firstCovered).every((feature) => feature.killSwitches.length > 0)).toBe(true);
    expect(list.find((feature) => feature.id === archivedSwitch.id)).toMatchObject({ killSwitches: [], canEdit: true });
  });

  test('features are created and edited by their team with audit; others are refused and recorded; keys are unique', async () => {
    const at = new Date('2026-11-24T10:00:00.000Z');
    const { team, other, owner, outsider, otherManager } = await cast();
    const key = `checkout-${team.id.slice(-8)}`;
    const { id } = await createFeature({ actor: owner, at, input: { key, name: 'Checkout', description: 'Pay for the basket.', teamId: team.id } });
    expect(await db.auditEvent.findFirstOrThrow({ where: { entityType: 'feature', entityId: id, action: 'feature.created' }, select: { actorId: true } })).toEqual({ actorId: owner.id });
    expect(await refusal(createFeature({ actor: owner, at, input: { key, name: 'Again', description: '', teamId: team.id } }))).toMatchObject({ code: 'CONFLICT', fieldErrors: { key: ['Another feature has that key.'] } });

    expect((await refusal(createFeature({ actor: outsider, at, input: { key: `${key}-x`, name: 'Not theirs', description: '', teamId: team.id } }))).code).toBe('FORBIDDEN');
    expect((await refusal(updateFeature({ actor: outsider, at, input: { featureId: id, expectedVersion: 1, key, name: 'Renamed', description: '', teamId: team.id } }))).code).toBe('FORBIDDEN');
    expect(await db.auditEvent.count({ where: { actorId: outsider.id, action: { in: ['feature.create-denied', 'feature.update-denied'] } } })).toBe(2);

    // A manager moves it to their own team; the stale version is refused.
    expect(await updateFeature({ actor: otherManager, at, input: { featureId: id, expectedVersion: 1, key, name: 'Checkout', description: 'Pay for the basket.', teamId: other.id } })).toEqual({ version: 2, changed: ['teamId'] });
    expect((await refusal(updateFeature({ actor: otherManager, at, input: { featureId: id, expectedVersion: 1, key, name: 'Old', description: '', teamId: other.id } }))).code).toBe('STALE_VERSION');
    expect(await db.feature.findUniqueOrThrow({ where: { id }, select: { teamId: true, name: true, version: true } })).toEqual({ teamId: other.id, name: 'Checkout', version: 2 });
    const updated = await db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: 'feature.updated' }, select: { changeSet: true } });
    expect(updated.changeSet).toEqual({ teamId: { old: team.id, new: other.id }, version: { old: 1, new: 2 } });
  });
});

describe('experiment flag TTL in the policy settings', () => {
  test('a publish carries the experiment TTL into the new version, and a publish without it keeps it', async () => {
    const admin = await createUser({ role: 'admin' });
    const saved = await policySettingsInForce();
    const edit = await policySettingsEdit();
    const { version } = await publishPolicySettings({ ...edit, experimentFlagTtlDays: 45, actor: admin, at: new Date() });
    expect(await policySettingsInForce()).toMatchObject({ version, experimentFlagTtlDays: 45 });
    const published = await db.auditEvent.findFirstOrThrow({ where: { entityType: 'policy', entityId: String(version), action: 'policy.published' }, select: { changeSet: true } });
    expect(published.changeSet).toMatchObject({ experimentFlagTtlDays: { old: saved.experimentFlagTtlDays, new: 45 } });

    const next = await publishPolicySettings({ ...edit, expectedVersion: version, releaseFlagTtlDays: edit.releaseFlagTtlDays + 1, note: 'Carry over', actor: admin, at: new Date() });
    expect(await policySettingsInForce()).toMatchObject({ version: next.version, experimentFlagTtlDays: 45 });
    await publishPolicySettings({ ...edit, expectedVersion: next.version, experimentFlagTtlDays: saved.experimentFlagTtlDays, note: 'Restore', actor: admin, at: new Date() });
    expect(await policySettingsInForce()).toMatchObject({ experimentFlagTtlDays: saved.experimentFlagTtlDays, releaseFlagTtlDays: saved.releaseFlagTtlDays });
  });
});
