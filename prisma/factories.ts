// Test data with unique names, so tests never depend on each other or on the demo data.
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/server/db';
import type { Actor, Role } from '@/lib/policy/permissions';
import type { ChangeClass } from '@/lib/policy/change-class';

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

type UserOverrides = { role?: Role; isStaffPlus?: boolean; isActive?: boolean; teamId?: string | null; passwordHash?: string; email?: string };

/** A user and the Actor the use-cases take for them. */
export async function createUser(overrides: UserOverrides = {}): Promise<Actor & { email: string }> {
  const suffix = uniqueSuffix();
  const user = await db.user.create({
    data: {
      email: overrides.email ?? `user-${suffix}@changeboard.test`,
      name: `User ${suffix}`,
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

export function draftFor(teamId: string, serviceIds: string[], changeClass: ChangeClass = 'standard') {
  return { title: `Change ${uniqueSuffix()}`, description: 'Made by a test.', changeClass, risk: 'low' as const, teamId, serviceIds };
}
