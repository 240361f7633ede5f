import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { checkGate, isGateVerdict } from '@/lib/server/gate/check-gate';
import { publishPolicySettings } from '@/lib/server/policy-settings/publish-policy-settings';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { createEnvironment, createUser, policySettingsEdit, submittedChange } from '@/prisma/factories';
import type { WeeklyWindow } from '@/lib/policy/policy-settings';

const AT = new Date('2026-11-24T10:00:00.000Z');
const NIGHT: WeeklyWindow = { startDay: 3, startTime: '22:00', endDay: 4, endTime: '06:00', classes: ['normal', 'major'] };

// Database test files share one database, and later tests (and the e2e run) expect the seeded
// windows: every test here puts them back.
let defaults: WeeklyWindow[];
beforeAll(async () => { defaults = (await policySettingsInForce()).weeklyWindows; });
afterEach(async () => {
  if (JSON.stringify((await policySettingsInForce()).weeklyWindows) === JSON.stringify(defaults)) return;
  await publishPolicySettings({ ...(await policySettingsEdit()), weeklyWindows: defaults, note: 'Weekly windows restored by a test', actor: await createUser({ role: 'admin' }), at: AT });
});
afterAll(() => db.$disconnect());

describe('publishing weekly windows', () => {
  test('a new window is a new version, audited with the old and new windows', async () => {
    const admin = await createUser({ role: 'admin' });
    const base = await policySettingsEdit();

    const { version } = await publishPolicySettings({ ...base, weeklyWindows: [...defaults, NIGHT], note: 'Night window', actor: admin, at: AT });

    expect(await policySettingsInForce()).toMatchObject({ version, weeklyWindows: [...defaults, NIGHT] });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'policy.published', entityId: String(version) }, select: { changeSet: true } });
    expect(event.changeSet).toEqual({ version: { old: base.expectedVersion, new: version }, note: 'Night window', weeklyWindows: { old: defaults, new: [...defaults, NIGHT] } });
  });

  test('no window at all is allowed, and the very next gate check reads it: no weekly freeze on Saturday', async () => {
    const [change, environment] = await Promise.all([submittedChange('normal'), createEnvironment({ isProduction: true, isGated: true })]);
    const saturdayNoon = async () => {
      const verdict = await checkGate({ actor: null, at: AT, check: { changeId: change.id, environment: environment.slug, at: new Date('2026-11-28T12:00:00Z') } });
      if (!isGateVerdict(verdict)) throw new Error(verdict.reason.code);
      return { version: verdict.policyVersion, codes: verdict.reasons.map((reason) => reason.code) };
    };
    expect((await saturdayNoon()).codes).toContain('WEEKLY_WINDOW');

    const { version } = await publishPolicySettings({ ...(await policySettingsEdit()), weeklyWindows: [], note: 'No weekly freeze', actor: await createUser({ role: 'admin' }), at: AT });

    expect((await policySettingsInForce()).weeklyWindows).toEqual([]);
    const after = await saturdayNoon();
    expect(after.version).toBe(version);
    expect(after.codes).not.toContain('WEEKLY_WINDOW');
  });

  test.each([
    { label: 'overlapping windows for a shared class', windows: () => [...defaults, { ...NIGHT, startDay: 6, startTime: '00:00', endDay: 0, endTime: '12:00' }], message: 'Window 2: Overlaps Friday 15:00 → Monday 09:00 for a class both hold.' },
    { label: 'a zero-length window', windows: () => [{ ...NIGHT, endDay: 3, endTime: '22:00' }], message: 'Window 1: Ends when it starts: a window needs some length.' },
    { label: 'a window holding emergency changes', windows: () => [{ ...NIGHT, classes: ['emergency'] }] as WeeklyWindow[], message: 'Window 1: Emergency changes are never held by a weekly window.' },
  ])('$label is refused, naming the window, and nothing is published', async ({ windows, message }) => {
    const admin = await createUser({ role: 'admin' });
    const base = await policySettingsEdit();

    const error = await publishPolicySettings({ ...base, weeklyWindows: windows(), note: 'Bad windows', actor: admin, at: AT }).then(() => null, (reason: unknown) => reason);

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'INVALID', fieldErrors: { weeklyWindows: [message] } });
    expect((await policySettingsInForce()).version).toBe(base.expectedVersion);
  });
});
