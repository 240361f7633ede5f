// The calendar's reads: everything in a range of local days in the policy zone, drafts of other teams
// hidden; and the feed's reads, bounded around the request.
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { loadCalendarView, loadFreezeFeed } from '@/lib/server/calendar/calendar-view';
import { freshDates } from '@/lib/server/calendar/test-dates';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { weeklyWindowOccurrences } from '@/lib/policy/freeze-calendar';
import type { WeeklyWindow } from '@/lib/policy/policy-settings';
import { addCalendarDays, startOfLocalDay } from '@/lib/time/local-day';
import { firstInstantAtWallTime } from '@/lib/time/zoned';
import {
  createChangeRow, createDeclaredFreezeRow, createDeploymentRow, createEnvironment, createHolidayRow, createIncident,
  createTeamWithEngineer, createUser,
} from '@/prisma/factories';

const BERLIN = 'Europe/Berlin';
const WEEKEND: WeeklyWindow = { startDay: 5, startTime: '15:00', endDay: 1, endTime: '09:00', classes: ['standard', 'normal', 'major'] };
const POLICY = { timeZone: BERLIN, weeklyWindows: [WEEKEND] };

afterAll(() => db.$disconnect());

/** An instant at a local wall time in Berlin. */
const berlin = (date: string, time: string) => firstInstantAtWallTime(date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), BERLIN);

async function scene() {
  // Three days far in the future (no other test's data there), plus two days after them.
  const [day, next, , , later] = freshDates(5) as [string, string, string, string, string];
  const { team, service, engineer } = await createTeamWithEngineer();
  const manager = await createUser({ role: 'manager' });
  const production = await createEnvironment({ isProduction: true, isGated: true });
  const staging = await createEnvironment();
  const holiday = await createHolidayRow(day, 'Founders Day');
  const outside = await createHolidayRow(later, 'Outside the range');
  // 22:30 to 02:00 Berlin: in UTC it starts and ends a day apart from where Berlin reads it in winter and summer alike.
  const freeze = await createDeclaredFreezeRow({ createdById: manager.id, startsAt: berlin(day, '22:30'), endsAt: berlin(next, '02:00'), serviceIds: [service.id], environmentIds: [production.id] });
  const incident = await createIncident({ commanderId: engineer.id, severity: 'sev1', startedAt: berlin(day, '10:00'), resolvedAt: berlin(day, '11:30') });
  const planned = await createChangeRow({ teamId: team.id, authorId: engineer.id, status: 'approved', serviceIds: [service.id] });
  await db.changeRequest.update({ where: { id: planned.id }, data: { plannedStart: berlin(next, '09:00'), plannedEnd: berlin(next, '10:00') } });
  const otherTeam = await createTeamWithEngineer();
  const hiddenDraft = await createChangeRow({ teamId: otherTeam.team.id, authorId: otherTeam.engineer.id, status: 'draft' });
  await db.changeRequest.update({ where: { id: hiddenDraft.id }, data: { plannedStart: berlin(next, '09:00'), plannedEnd: berlin(next, '10:00') } });
  const cancelled = await createChangeRow({ teamId: team.id, authorId: engineer.id, status: 'cancelled' });
  await db.changeRequest.update({ where: { id: cancelled.id }, data: { plannedStart: berlin(next, '09:00') } });
  const deployment = await createDeploymentRow({ changeRequestId: planned.id, environmentId: staging.id, startedAt: berlin(next, '09:05'), finishedAt: berlin(next, '09:20') });
  return { day, next, later, team, service, engineer, production, staging, holiday, outside, freeze, incident, planned, hiddenDraft, cancelled, deployment };
}

describe('calendar view', () => {
  test('reads every kind within the local days asked for, placed in the policy zone', async () => {
    const s = await scene();
    const view = await loadCalendarView({ firstDate: s.day, endDate: addCalendarDays(s.next, 1), policy: POLICY, actor: s.engineer, at: new Date() });
    const byKey = new Map(view.entries.map((entry) => [entry.key, entry]));

    expect(view.timeZone).toBe(BERLIN);
    expect(byKey.get(`holiday:${s.holiday.id}`)).toMatchObject({ kind: 'holiday', date: s.day, name: 'Founders Day', start: startOfLocalDay(s.day, BERLIN), end: startOfLocalDay(s.next, BERLIN) });
    expect(byKey.has(`holiday:${s.outside.id}`)).toBe(false);
    expect(byKey.get(`declared-freeze:${s.freeze.id}`)).toMatchObject({ reason: s.freeze.reason, start: s.freeze.startsAt, end: s.freeze.endsAt, serviceNames: [s.service.name], environmentNames: [expect.stringMatching(/^Environment /)] });
    expect(byKey.get(`incident:${s.incident.id}`)).toMatchObject({ kind: 'incident', severity: 'sev1', reference: `INC-${s.incident.number}`, isOngoing: false, isBlocking: true, end: berlin(s.day, '11:30') });
    expect(byKey.get(`planned-change:${s.planned.id}`)).toMatchObject({ reference: `CHG-${s.planned.number}`, status: 'approved', start: berlin(s.next, '09:00'), end: berlin(s.next, '10:00') });
    expect(byKey.get(`deployment:${s.deployment.id}`)).toMatchObject({ changeId: s.planned.id, isProduction: false, status: 'succeeded' });
    // Another team's draft is never shown; a cancelled change will not happen.
    expect(byKey.has(`planned-change:${s.hiddenDraft.id}`)).toBe(false);
    expect(byKey.has(`planned-change:${s.cancelled.id}`)).toBe(false);
    // Weekly windows: the same occurrences the pure expansion gives for the range.
    const range = { from: startOfLocalDay(s.day, BERLIN), to: startOfLocalDay(addCalendarDays(s.next, 1), BERLIN) };
    expect(view.entries.filter((entry) => entry.kind === 'weekly-window').map((entry) => entry.start)).toEqual(weeklyWindowOccurrences([WEEKEND], range.from, range.to, BERLIN).map((occurrence) => occurrence.start));
    expect(view.truncatedKinds).toEqual([]);
  });

  test('a draft’s planned window shows to its team only; other changes to everyone', async () => {
    const s = await scene();
    const view = await loadCalendarView({ firstDate: s.next, endDate: addCalendarDays(s.next, 1), policy: POLICY, actor: (await createTeamWithEngineer()).engineer, at: new Date() });
    expect(view.entries.some((entry) => entry.key === `planned-change:${s.planned.id}`)).toBe(true);
    const teammate = await createUser({ teamId: (await db.changeRequest.findUniqueOrThrow({ where: { id: s.hiddenDraft.id }, select: { teamId: true } })).teamId });
    const teamView = await loadCalendarView({ firstDate: s.next, endDate: addCalendarDays(s.next, 1), policy: POLICY, actor: teammate, at: new Date() });
    expect(teamView.entries.some((entry) => entry.key === `planned-change:${s.hiddenDraft.id}`)).toBe(true);
  });

  test('a day outside the range shows nothing of the scene (half-open ranges)', async () => {
    const s = await scene();
    const view = await loadCalendarView({ firstDate: addCalendarDays(s.day, -1), endDate: s.day, policy: POLICY, actor: s.engineer, at: new Date() });
    const keys = view.entries.map((entry) => entry.key);
    for (const key of [`holiday:${s.holiday.id}`, `declared-freeze:${s.freeze.id}`, `incident:${s.incident.id}`, `planned-change:${s.planned.id}`, `deployment:${s.deployment.id}`]) expect(keys).not.toContain(key);
  });

  test('an ongoing incident spans up to the moment read', async () => {
    const { engineer } = await createTeamWithEngineer();
    const [day] = freshDates(1) as [string];
    const incident = await createIncident({ commanderId: engineer.id, severity: 'sev3', startedAt: berlin(day, '08:00') });
    const at = berlin(day, '12:00');
    const view = await loadCalendarView({ firstDate: day, endDate: addCalendarDays(day, 1), policy: POLICY, actor: engineer, at });
    expect(view.entries.find((entry) => entry.key === `incident:${incident.id}`)).toMatchObject({ isOngoing: true, isBlocking: false, start: berlin(day, '08:00'), end: at });
    await db.incident.update({ where: { id: incident.id }, data: { resolvedAt: berlin(day, '09:00') } });
  });
});

describe('freeze feed', () => {
  test('reads freezes, holidays and blocking incidents around the moment, never changes or deploys', async () => {
    const s = await scene();
    const sev3 = await createIncident({ commanderId: s.engineer.id, severity: 'sev3', startedAt: berlin(s.day, '10:00'), resolvedAt: berlin(s.day, '11:00') });
    const at = berlin(s.day, '12:00');
    const feed = await loadFreezeFeed(at);
    expect(feed.range).toEqual({ from: new Date(at.getTime() - 30 * 86_400_000), to: new Date(at.getTime() + 365 * 86_400_000) });
    expect(feed.holidays.map((holiday) => holiday.id)).toEqual(expect.arrayContaining([s.holiday.id, s.outside.id]));
    expect(feed.holidays.find((holiday) => holiday.id === s.holiday.id)).toMatchObject({ date: s.day, version: 1, start: startOfLocalDay(s.day, feed.timeZone) });
    expect(feed.declaredFreezes.find((freeze) => freeze.id === s.freeze.id)).toMatchObject({ serviceNames: [s.service.name], version: 1 });
    const incidentIds = feed.incidents.map((incident) => incident.id);
    expect(incidentIds).toContain(s.incident.id);
    expect(incidentIds).not.toContain(sev3.id);
    const policy = await policySettingsInForce();
    expect(feed.timeZone).toBe(policy.timeZone);
    expect(feed.weeklyWindows.map((entry) => entry.start)).toEqual(weeklyWindowOccurrences(policy.weeklyWindows, feed.range.from, feed.range.to, policy.timeZone).map((occurrence) => occurrence.start));
    expect(Object.keys(feed)).not.toContain('entries');
  });
});
