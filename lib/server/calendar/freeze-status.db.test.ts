// Production's freeze status for the banner: read in one statement from the policy in force, holidays,
// declared freezes that touch production, and blocking incidents; unreadable reads as unavailable.
import { afterAll, describe, expect, test, vi } from 'vitest';
import { db } from '@/lib/server/db';
import { freezeStatusForBanner, readProductionFreezeStatus } from '@/lib/server/calendar/freeze-status';
import { freshDates } from '@/lib/server/calendar/test-dates';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { addCalendarDays, startOfLocalDay } from '@/lib/time/local-day';
import { firstInstantAtWallTime } from '@/lib/time/zoned';
import { createDeclaredFreezeRow, createEnvironment, createHolidayRow, createIncident, createService, createTeam, createUser } from '@/prisma/factories';

afterAll(() => db.$disconnect());

const HOUR_MS = 3_600_000;

/** Noon, local to the policy zone, of a far-future date no other test uses. */
async function noonOfFreshDay() {
  const { timeZone } = await policySettingsInForce();
  const [day] = freshDates(1) as [string];
  return { day, timeZone, at: firstInstantAtWallTime(day, 12 * 60, timeZone) };
}

describe('production freeze status', () => {
  test('a holiday holds every class but emergency from its local day, with its name', async () => {
    const { day, timeZone, at } = await noonOfFreshDay();
    await createHolidayRow(day, 'Founders Day');
    const status = await readProductionFreezeStatus(at);

    expect(status.timeZone).toBe(timeZone);
    expect(status.isFrozen).toBe(true);
    expect(status.reasons).toContainEqual({
      kind: 'holiday', date: day, name: 'Founders Day', holds: ['standard', 'normal', 'major'],
      startsAt: startOfLocalDay(day, timeZone), endsAt: startOfLocalDay(addCalendarDays(day, 1), timeZone),
    });
    const standard = status.classes.find((entry) => entry.changeClass === 'standard')!;
    expect(standard.isHeld).toBe(true);
    // Not before the holiday ends (a weekend or an incident may hold it longer).
    if (standard.nextAllowedAt) expect(standard.nextAllowedAt.getTime()).toBeGreaterThanOrEqual(startOfLocalDay(addCalendarDays(day, 1), timeZone).getTime());
  });

  test('declared freezes count when they touch a gated production environment, named with their services', async () => {
    const { at } = await noonOfFreshDay();
    const manager = await createUser({ role: 'manager' });
    const team = await createTeam();
    const [zeta, alpha] = [await createService(team.id), await createService(team.id)];
    const production = await createEnvironment({ isProduction: true, isGated: true });
    const staging = await createEnvironment({ isProduction: false, isGated: true });
    const span = { startsAt: new Date(at.getTime() - HOUR_MS), endsAt: new Date(at.getTime() + HOUR_MS) };
    const onProduction = await createDeclaredFreezeRow({ createdById: manager.id, ...span, environmentIds: [production.id], serviceIds: [zeta.id, alpha.id] });
    const onStaging = await createDeclaredFreezeRow({ createdById: manager.id, ...span, environmentIds: [staging.id] });
    const ended = await createDeclaredFreezeRow({ createdById: manager.id, startsAt: new Date(at.getTime() - 2 * HOUR_MS), endsAt: at });

    const status = await readProductionFreezeStatus(at);
    const freezeIds = status.reasons.flatMap((reason) => (reason.kind === 'declared-freeze' ? [reason.id] : []));
    expect(freezeIds).toContain(onProduction.id);
    expect(freezeIds).not.toContain(onStaging.id);
    // Half-open: a freeze ending at this instant no longer holds.
    expect(freezeIds).not.toContain(ended.id);
    expect(status.reasons.find((reason) => reason.kind === 'declared-freeze' && reason.id === onProduction.id)).toMatchObject({
      reason: onProduction.reason, startsAt: span.startsAt, endsAt: span.endsAt, serviceNames: [alpha.name, zeta.name].sort(), holds: ['standard', 'normal', 'major'],
    });
    expect(status.classes.find((entry) => entry.changeClass === 'emergency')?.isHeld ?? false).toBe(status.reasons.some((reason) => reason.kind === 'incident'));
  });

  test('an active SEV1/SEV2 holds emergency changes too; SEV3 and resolved ones do not', async () => {
    const { at } = await noonOfFreshDay();
    const commander = await createUser();
    const sev2 = await createIncident({ commanderId: commander.id, severity: 'sev2', startedAt: new Date(at.getTime() - HOUR_MS), resolvedAt: new Date(at.getTime() + HOUR_MS) });
    const sev3 = await createIncident({ commanderId: commander.id, severity: 'sev3', startedAt: new Date(at.getTime() - HOUR_MS), resolvedAt: new Date(at.getTime() + HOUR_MS) });
    const resolved = await createIncident({ commanderId: commander.id, severity: 'sev1', startedAt: new Date(at.getTime() - 2 * HOUR_MS), resolvedAt: at });

    const status = await readProductionFreezeStatus(at);
    const incidents = status.reasons.flatMap((reason) => (reason.kind === 'incident' ? [reason] : []));
    expect(incidents).toContainEqual({ kind: 'incident', id: sev2.id, reference: `INC-${sev2.number}`, severity: 'sev2', startedAt: sev2.startedAt, holds: ['standard', 'normal', 'emergency', 'major'] });
    expect(incidents.map((incident) => incident.id)).not.toContain(sev3.id);
    expect(incidents.map((incident) => incident.id)).not.toContain(resolved.id);
    expect(status.classes.every((entry) => entry.isHeld && entry.nextAllowedAt === null)).toBe(true);
  });

  test('when the status cannot be read, the banner gets null (unavailable), never "open", and the failure is logged', async () => {
    const logged = vi.mocked(console.error).mockImplementationOnce(() => undefined);
    // An instant the database cannot take stands in for any failure of the read.
    const status = await freezeStatusForBanner(new Date(Number.NaN));
    expect(status).toBeNull();
    expect(logged).toHaveBeenCalledWith('[freeze-banner] could not read the freeze status', expect.anything());
    logged.mockClear();
  });
});
