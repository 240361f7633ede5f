import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { publishPolicySettings } from '@/lib/server/policy-settings/publish-policy-settings';
import { listPolicyVersions, policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { submitChangeRequest } from '@/lib/server/change-requests/submit-change-request';
import { createTeamWithEngineer, createUser, draftFor, policySettingsEdit, restorePolicySettings } from '@/prisma/factories';

// A Tuesday morning, outside the weekend freeze.
const AT = new Date('2026-11-24T10:00:00.000Z');

// Rules here only touch paths and words no other test uses, and every test puts the defaults back:
// database test files share one database, and the e2e run expects the seeded rules.
let defaults: Awaited<ReturnType<typeof policySettingsEdit>>;
beforeAll(async () => { defaults = await policySettingsEdit(); });
afterEach(() => restorePolicySettings(defaults));
afterAll(() => db.$disconnect());

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

function publishedEvents(version: number) {
  return db.auditEvent.findMany({ where: { action: 'policy.published', entityType: 'policy', entityId: String(version) }, select: { actorId: true, at: true, changeSet: true } });
}

describe('publishPolicySettings', () => {
  test('an admin publishes: a new version in force with the edits, the rest copied, and one audit event', async () => {
    const admin = await createUser({ role: 'admin' });
    const base = await policySettingsEdit();
    const before = await policySettingsInForce();
    const rule = { kind: 'path' as const, pattern: 'vendor/policy-test-only/**', minimumClass: 'major' as const };

    const { version } = await publishPolicySettings({
      ...base, note: 'Vendored code is major', timeZone: 'Europe/Berlin', overrideMaxHours: 12,
      classScopeRules: [...base.classScopeRules, rule], actor: admin, at: AT,
    });

    expect(version).toBeGreaterThan(base.expectedVersion);
    const after = await policySettingsInForce();
    expect(after).toMatchObject({
      version, timeZone: 'Europe/Berlin', overrideMaxHours: 12, note: 'Vendored code is major', createdAt: AT,
      weeklyWindows: before.weeklyWindows, emergencyReviewHours: before.emergencyReviewHours,
      gateAllowValidMinutes: before.gateAllowValidMinutes, releaseFlagTtlDays: before.releaseFlagTtlDays,
      classScopeRules: [...before.classScopeRules, rule],
    });
    expect((await listPolicyVersions())[0]).toMatchObject({ version, note: 'Vendored code is major', createdAt: AT, createdBy: { email: admin.email } });
    // The earlier version is untouched: versions are append-only.
    expect(await db.policySettings.findUniqueOrThrow({ where: { version: before.version }, select: { timeZone: true } })).toEqual({ timeZone: before.timeZone });
    expect(await publishedEvents(version)).toEqual([{
      actorId: admin.id, at: AT,
      changeSet: {
        version: { old: before.version, new: version }, note: 'Vendored code is major',
        timeZone: { old: before.timeZone, new: 'Europe/Berlin' },
        overrideMaxHours: { old: before.overrideMaxHours, new: 12 },
        classScopeRules: { old: before.classScopeRules, new: [...before.classScopeRules, rule] },
      },
    }]);
  });

  test('a non-admin is refused, nothing is published, and the attempt is audited', async () => {
    const manager = await createUser({ role: 'manager' });
    const base = await policySettingsEdit();

    const error = await refusal(publishPolicySettings({ ...base, timeZone: 'Asia/Tokyo', actor: manager, at: AT }));

    expect(error.code).toBe('FORBIDDEN');
    expect((await policySettingsInForce()).version).toBe(base.expectedVersion);
    expect(await db.auditEvent.findMany({ where: { action: 'policy.publish-denied', actorId: manager.id }, select: { entityType: true, at: true } })).toEqual([{ entityType: 'policy', at: AT }]);
  });

  test('an edit based on an older version is refused as stale and names the newer one', async () => {
    const [first, second] = await Promise.all([createUser({ role: 'admin' }), createUser({ role: 'admin' })]);
    const base = await policySettingsEdit();
    const { version } = await publishPolicySettings({ ...base, releaseFlagTtlDays: 45, actor: first, at: AT });

    const error = await refusal(publishPolicySettings({ ...base, releaseFlagTtlDays: 60, actor: second, at: AT }));

    expect(error).toMatchObject({ code: 'STALE_VERSION', message: `Someone published version ${version} meanwhile; reload.` });
    expect(await policySettingsInForce()).toMatchObject({ version, releaseFlagTtlDays: 45 });
    expect(await db.auditEvent.count({ where: { action: 'policy.published', actorId: second.id } })).toBe(0);
  });

  test('two admins publishing from the same base at once: exactly one version is published', async () => {
    const [first, second] = await Promise.all([createUser({ role: 'admin' }), createUser({ role: 'admin' })]);
    const base = await policySettingsEdit();
    let racing: Promise<PromiseSettledResult<{ version: number }>[]> | undefined;

    // A third connection holds the row in force until both publishers wait on it, so they really overlap.
    await db.$transaction(async (holder) => {
      await holder.$queryRaw`SELECT version FROM policy_settings ORDER BY version DESC LIMIT 1 FOR UPDATE`;
      racing = Promise.allSettled([
        publishPolicySettings({ ...base, gateAllowValidMinutes: 30, actor: first, at: AT }),
        publishPolicySettings({ ...base, gateAllowValidMinutes: 90, actor: second, at: AT }),
      ]);
      for (let waited = 0; ; waited += 20) {
        const [row] = await db.$queryRaw<{ waiting: number }[]>`
          SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`;
        if (row!.waiting >= 2) break;
        if (waited > 5_000) throw new Error('The publishers never blocked.');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }, { timeout: 15_000 });
    const results = await racing!;

    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toMatchObject({ code: 'STALE_VERSION' });
    expect(await db.policySettings.count({ where: { version: { gt: base.expectedVersion } } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'policy.published', actorId: { in: [first.id, second.id] } } })).toBe(1);
  });

  test.each([
    { label: 'a glob with an unclosed bracket', edit: { classScopeRules: [{ kind: 'path' as const, pattern: 'docs/[security/**', minimumClass: 'major' as const }] }, field: 'classScopeRules', message: 'Rule 1: Not a valid glob' },
    { label: 'a pattern over 200 characters', edit: { classScopeRules: [{ kind: 'keyword' as const, pattern: 'x'.repeat(201), minimumClass: 'major' as const }] }, field: 'classScopeRules', message: 'Rule 1: At most 200 characters.' },
    { label: 'an unknown time zone', edit: { timeZone: 'Mars/Olympus_Mons' }, field: 'timeZone', message: 'Unknown time zone' },
    { label: 'a limit out of range', edit: { emergencyReviewHours: 169 }, field: 'emergencyReviewHours', message: 'At most 168.' },
  ])('$label is refused and nothing is written', async ({ edit, field, message }) => {
    const admin = await createUser({ role: 'admin' });
    const base = await policySettingsEdit();

    const error = await refusal(publishPolicySettings({ ...base, ...edit, actor: admin, at: AT }));

    expect(error.code).toBe('INVALID');
    expect(error.fieldErrors?.[field]?.join(' ')).toContain(message);
    expect((await policySettingsInForce()).version).toBe(base.expectedVersion);
    expect(await db.auditEvent.count({ where: { action: 'policy.published', actorId: admin.id } })).toBe(0);
  });

  test('publishing the settings in force again is refused: nothing changed', async () => {
    const admin = await createUser({ role: 'admin' });
    const base = await policySettingsEdit();

    await expect(publishPolicySettings({ ...base, note: 'Just because', actor: admin, at: AT })).rejects.toMatchObject({ code: 'INVALID', message: 'Nothing changed.' });
    expect((await policySettingsInForce()).version).toBe(base.expectedVersion);
  });

  test('submitting a change uses the rules just published', async () => {
    const admin = await createUser({ role: 'admin' });
    const { team, service, engineer } = await createTeamWithEngineer();
    const content = draftFor(team.id, [service.id], 'standard', { changedPaths: ['docs/security/x.md'] });
    const refused = await createChangeRequest({ actor: engineer, at: AT, content });
    const allowed = await createChangeRequest({ actor: engineer, at: AT, content });
    // Under the defaults the same change goes through, so the refusal below comes from the new rule.
    await expect(submitChangeRequest({ actor: engineer, at: AT, changeId: allowed.id, expectedVersion: 1 })).resolves.toEqual({ status: 'submitted' });

    const base = await policySettingsEdit();
    await publishPolicySettings({ ...base, classScopeRules: [...base.classScopeRules, { kind: 'path', pattern: 'docs/security/**', minimumClass: 'major' }], actor: admin, at: AT });

    const error = await refusal(submitChangeRequest({ actor: engineer, at: AT, changeId: refused.id, expectedVersion: 1 }));
    expect(error.code).toBe('INVALID');
    expect(error.message).toContain('docs/security/x.md matches path rule "docs/security/**": at least major.');
    expect(await db.changeRequest.findUniqueOrThrow({ where: { id: refused.id }, select: { status: true } })).toEqual({ status: 'draft' });
  });
});
