import { db } from '@/lib/server/db';

export async function listTeams() {
  return db.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, slug: true, name: true, version: true, _count: { select: { members: true, services: true } } } });
}

export async function listServices() {
  return db.service.findMany({ orderBy: { name: 'asc' }, select: { id: true, slug: true, name: true, version: true, teamId: true, team: { select: { name: true } } } });
}

export async function listEnvironments() {
  return db.environment.findMany({ orderBy: [{ isProduction: 'desc' }, { name: 'asc' }], select: { id: true, slug: true, name: true, isProduction: true, isGated: true, version: true } });
}
