// Test data with unique names, so tests never depend on each other or on the demo data.
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/server/db';
import type { Actor, Role } from '@/lib/policy/permissions';
import type { ChangeClass, ChangeStatus } from '@/lib/policy/change-class';
import { ZChangeRequestContent, type ChangeRequestContent } from '@/lib/schemas/change-request';

export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export async function createTeam(overrides: { name?: string } = {}) {
  const suffix = uniqueSuffix();
  return db.team.create({ data: { slug: `team-${suffix}`, name: overrides.name ?? `Team ${suffix}` }, select: { id: true, slug: true, name: true } });
}

export async function createService(teamId: string) {
  const suffix = uniqueSuffix();
  return db.service.create({ data: { slug: `service-${suffix}`, name: `Service ${suffix}`, teamId }, select: { id: true, slug: true, name: true } });
}

export async function createEnvironment(overrides: { isProduction?: boolean; isGated?: boolean } = {}) {
  const suffix = uniqueSuffix();
  return db.environment.create({ data: { slug: `env-${suffix}`, name: `Environment ${suffix}`, ...overrides }, select: { id: true, slug: true, name: true } });
}

/** A signed-in browser of the user, open for an hour from `at` unless revoked. */
export async function openAuthSession(userId: string, at: Date, revokedAt: Date | null = null) {
  return db.authSession.create({ data: { userId, createdAt: at, expiresAt: new Date(at.getTime() + 3_600_000), revokedAt }, select: { id: true } });
}

type UserOverrides = { name?: string; role?: Role; isStaffPlus?: boolean; isActive?: boolean; teamId?: string | null; passwordHash?: string; email?: string };

/** A user and the Actor the use-cases take for them. */
export async function createUser(overrides: UserOverrides = {}): Promise<Actor & { email: string }> {
  const suffix = uniqueSuffix();
  const user = await db.user.create({
    data: {
      email: overrides.email ?? `user-${suffix}@changeboard.test`,
      name: overrides.name ?? `User ${suffix}`,
      role: overrides.role ?? 'engineer',
      isStaffPlus: overrides.isStaffPlus ?? false,
      isActive: overrides.isActive ?? true,
      teamId: overrides.teamId ?? null,
      passwordHash: overrides.passwordHash,
    },
    select: { id: true, email: true, role: true, isStaffPlus: true, isActive: true, teamId: true },
  });
  return user;
}

/** A team with one service and one engineer in it: the usual cast of a change request test. */
export async function createTeamWithEngineer() {
  const team = await createTeam();
  const service = await createService(team.id);
  const engineer = await createUser({ teamId: team.id });
  return { team, service, engineer };
}

/** Valid change content; override any field. */
export function draftFor(teamId: string, serviceIds: string[], changeClass: ChangeClass = 'standard', overrides: Partial<ChangeRequestContent> = {}): ChangeRequestContent {
  return ZChangeRequestContent.parse({ title: `Change ${uniqueSuffix()}`, description: 'Made by a test.', changeClass, risk: 'low', teamId, serviceIds, ...overrides });
}

/** A change filed and submitted through the use-cases, as its author would. */
export async function submittedChange(changeClass: ChangeClass = 'normal', overrides: Partial<ChangeRequestContent> = {}) {
  const { createChangeRequest } = await import('@/lib/server/change-requests/create-change-request');
  const { submitChangeRequest } = await import('@/lib/server/change-requests/submit-change-request');
  const { team, service, engineer } = await createTeamWithEngineer();
  const at = new Date();
  const { id } = await createChangeRequest({ actor: engineer, at, content: draftFor(team.id, [service.id], changeClass, overrides) });
  await submitChangeRequest({ actor: engineer, at, changeId: id, expectedVersion: 1 });
  return { id, team, service, author: engineer };
}

/** Reviewers other than the author: engineers, Staff+ where asked. */
export async function reviewers(count: number, overrides: UserOverrides = {}) {
  return Promise.all(Array.from({ length: count }, () => createUser(overrides)));
}

type ChangeRowInput = {
  teamId: string;
  authorId: string;
  serviceIds?: string[];
  status?: ChangeStatus;
  changeClass?: ChangeClass;
  title?: string;
  description?: string;
  createdAt?: Date;
};

/**
 * A change row written directly, for tests of reading (the list, exports) that need a given status
 * and creation time; changes that go through the rules come from the use-cases instead.
 */
export async function createChangeRow({ serviceIds = [], ...input }: ChangeRowInput) {
  return db.changeRequest.create({
    data: {
      title: `Change ${uniqueSuffix()}`,
      changeClass: 'standard',
      status: 'submitted',
      ...input,
      services: { create: serviceIds.map((serviceId) => ({ serviceId })) },
    },
    select: { id: true, number: true, title: true, status: true, createdAt: true },
  });
}

type IncidentInput = {
  commanderId: string;
  severity?: 'sev1' | 'sev2' | 'sev3' | 'sev4';
  title?: string;
  startedAt?: Date;
  resolvedAt?: Date | null;
  serviceIds?: string[];
};

/** An incident row written directly (active unless `resolvedAt` is given), with the services it hit. */
export async function createIncident({ serviceIds = [], ...input }: IncidentInput) {
  return db.incident.create({
    data: {
      title: `Incident ${uniqueSuffix()}`,
      severity: 'sev2',
      startedAt: new Date(),
      ...input,
      services: { create: serviceIds.map((serviceId) => ({ serviceId })) },
    },
    select: { id: true, number: true, title: true, severity: true, startedAt: true, resolvedAt: true },
  });
}

/** The policy settings in force as the publish form would send them unchanged; spread edits over it. */
export async function policySettingsEdit() {
  const { policySettingsInForce } = await import('@/lib/server/policy-settings/queries');
  const { version, timeZone, classScopeRules, emergencyReviewHours, overrideMaxHours, gateAllowValidMinutes, releaseFlagTtlDays } = await policySettingsInForce();
  return { expectedVersion: version, note: `Test ${uniqueSuffix()}`, timeZone, classScopeRules, emergencyReviewHours, overrideMaxHours, gateAllowValidMinutes, releaseFlagTtlDays };
}

/**
 * Publishes `saved` (from `policySettingsEdit`) again unless it is what is in force: tests that publish
 * call it at the end, because every other test, and the e2e run after them, expects the defaults.
 */
export async function restorePolicySettings(saved: Awaited<ReturnType<typeof policySettingsEdit>>) {
  const { publishPolicySettings } = await import('@/lib/server/policy-settings/publish-policy-settings');
  const current = await policySettingsEdit();
  const isInForce = (['timeZone', 'classScopeRules', 'emergencyReviewHours', 'overrideMaxHours', 'gateAllowValidMinutes', 'releaseFlagTtlDays'] as const)
    .every((field) => JSON.stringify(current[field]) === JSON.stringify(saved[field]));
  if (isInForce) return;
  const admin = await createUser({ role: 'admin' });
  await publishPolicySettings({ ...saved, expectedVersion: current.expectedVersion, note: `Restored by a test (${saved.note})`, actor: admin, at: new Date() });
}

type FreezeOverrideInput = { changeRequestId: string; grantedById: string; grantedAt: Date; expiresAt: Date; incidentId?: string | null; revokedAt?: Date | null };

/** A freeze override row written directly (the grant use-case and its exceptions-log entry are not involved). */
export async function createFreezeOverride(input: FreezeOverrideInput) {
  return db.freezeOverride.create({ data: { justification: `Override ${uniqueSuffix()}`, ...input }, select: { id: true } });
}

/** A holiday row written directly on a local date (`YYYY-MM-DD`); the use-cases' audit is not involved. */
export async function createHolidayRow(date: string, name = `Holiday ${uniqueSuffix()}`) {
  return db.holiday.create({ data: { date: new Date(`${date}T00:00:00.000Z`), name }, select: { id: true, date: true, name: true } });
}

type DeclaredFreezeRowInput = { createdById: string; startsAt: Date; endsAt: Date; reason?: string; serviceIds?: string[]; environmentIds?: string[] };

/** A declared freeze row written directly, limited to the services and environments given (none: all). */
export async function createDeclaredFreezeRow({ serviceIds = [], environmentIds = [], ...input }: DeclaredFreezeRowInput) {
  return db.declaredFreeze.create({
    data: {
      reason: `Freeze ${uniqueSuffix()}`,
      ...input,
      services: { create: serviceIds.map((serviceId) => ({ serviceId })) },
      environments: { create: environmentIds.map((environmentId) => ({ environmentId })) },
    },
    select: { id: true, reason: true, startsAt: true, endsAt: true },
  });
}

type DeploymentRowInput = { changeRequestId: string; environmentId: string; startedAt: Date; finishedAt?: Date | null; status?: 'started' | 'succeeded' | 'failed' | 'rolled_back' };

/** A deployment row written directly (no gate decision), for tests of reading. */
export async function createDeploymentRow(input: DeploymentRowInput) {
  return db.deployment.create({ data: { status: 'succeeded', ...input }, select: { id: true } });
}
