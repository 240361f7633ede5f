import { db } from '@/lib/server/db';
import { listEnvironments, listServices, listTeams } from '@/lib/server/catalog/queries';

/** What the change-request form offers to choose from. */
export async function changeFormOptions() {
  const [teams, services, environments, people] = await Promise.all([
    listTeams(),
    listServices(),
    listEnvironments(),
    db.user.findMany({ where: { isActive: true, role: { in: ['engineer', 'manager'] } }, orderBy: { name: 'asc' }, select: { id: true, name: true, email: true } }),
  ]);
  return {
    teams: teams.map(({ id, name }) => ({ id, name })),
    services: services.map((service) => ({ id: service.id, name: service.name, teamName: service.team.name })),
    environments: environments.map(({ id, name }) => ({ id, name })),
    people: people.map((person) => ({ id: person.id, name: person.name ?? person.email })),
  };
}
