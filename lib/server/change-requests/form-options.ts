import { db } from '@/lib/server/db';
import { listEnvironments, listServices, listTeams } from '@/lib/server/catalog/queries';
import { incidentReference } from '@/lib/server/change-requests/get-change';

/** How far back the form offers resolved incidents to link. */
export const INCIDENT_LINK_LOOKBACK_DAYS = 90;

/**
 * What the change-request form offers to choose from at `at`. Incidents: those started in the last
 * 90 days or still active, plus `linkedIncidentIds` (the edited change's own links, however old, so
 * saving the form never drops them).
 */
export async function changeFormOptions(at: Date, linkedIncidentIds: readonly string[] = []) {
  const since = new Date(at.getTime() - INCIDENT_LINK_LOOKBACK_DAYS * 86_400_000);
  const [teams, services, environments, people, incidents] = await Promise.all([
    listTeams(),
    listServices(),
    listEnvironments(),
    db.user.findMany({ where: { isActive: true, role: { in: ['engineer', 'manager'] } }, orderBy: { name: 'asc' }, select: { id: true, name: true, email: true } }),
    db.incident.findMany({
      where: { OR: [{ startedAt: { gte: since } }, { resolvedAt: null }, { resolvedAt: { gt: at } }, { id: { in: [...linkedIncidentIds] } }] },
      orderBy: { number: 'desc' },
      select: { id: true, number: true, title: true, severity: true, startedAt: true, resolvedAt: true },
    }),
  ]);
  return {
    teams: teams.map(({ id, name }) => ({ id, name })),
    services: services.map((service) => ({ id: service.id, name: service.name, teamName: service.team.name })),
    environments: environments.map(({ id, name }) => ({ id, name })),
    people: people.map((person) => ({ id: person.id, name: person.name ?? person.email })),
    incidents: incidents.map((incident) => ({
      id: incident.id, reference: incidentReference(incident.number), title: incident.title, severity: incident.severity,
      isActive: incident.startedAt <= at && (incident.resolvedAt === null || at < incident.resolvedAt),
    })),
  };
}
