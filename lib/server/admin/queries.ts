// Reads of the administration pages. Lists of teams, services and environments are in catalog/queries.ts.
import { db } from '@/lib/server/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { USERS_PER_PAGE, type UserListFilter } from '@/lib/schemas/user-list-query';
import { literalLikeText } from '@/lib/server/like-text';

/**
 * One page of people, active first, by name then email (unique, so pages never overlap or skip while
 * nobody is added). `hasMore` comes from reading one row past the page, so no count is needed.
 */
export async function listUsers(filter: UserListFilter, page: number) {
  const where: Prisma.UserWhereInput = {
    ...(filter.text ? { OR: [{ name: { contains: literalLikeText(filter.text), mode: 'insensitive' } }, { email: { contains: literalLikeText(filter.text), mode: 'insensitive' } }] } : {}),
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.teamId !== undefined ? { teamId: filter.teamId } : {}),
    ...(filter.isActive !== undefined ? { isActive: filter.isActive } : {}),
  };
  const rows = await db.user.findMany({
    where,
    orderBy: [{ isActive: 'desc' }, { name: 'asc' }, { email: 'asc' }],
    skip: (page - 1) * USERS_PER_PAGE,
    take: USERS_PER_PAGE + 1,
    select: { id: true, name: true, email: true, role: true, isStaffPlus: true, isActive: true, team: { select: { name: true } } },
  });
  return { users: rows.slice(0, USERS_PER_PAGE), hasMore: rows.length > USERS_PER_PAGE };
}

export async function findUser(id: string) {
  return db.user.findUnique({ where: { id }, select: { id: true, name: true, email: true, role: true, isStaffPlus: true, isActive: true, teamId: true, version: true } });
}

export async function findTeam(id: string) {
  return db.team.findUnique({ where: { id }, select: { id: true, slug: true, name: true, version: true } });
}

export async function findService(id: string) {
  return db.service.findUnique({ where: { id }, select: { id: true, slug: true, name: true, teamId: true, version: true } });
}

export async function findEnvironment(id: string) {
  return db.environment.findUnique({ where: { id }, select: { id: true, slug: true, name: true, isProduction: true, isGated: true, version: true } });
}
