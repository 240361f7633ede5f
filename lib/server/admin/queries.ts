// Reads of the administration pages. Lists of teams, services and environments are in catalog/queries.ts.
import { db } from '@/lib/server/db';

export async function listUsers() {
  return db.user.findMany({
    orderBy: [{ isActive: 'desc' }, { name: 'asc' }, { email: 'asc' }],
    select: { id: true, name: true, email: true, role: true, isStaffPlus: true, isActive: true, team: { select: { name: true } } },
  });
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
