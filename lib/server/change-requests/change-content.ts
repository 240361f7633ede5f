// Writing a change's content: the referenced records must exist, and each content version is
// kept as a snapshot (what its approvals approved).
import type { Tx } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import type { ChangeRequestContent } from '@/lib/schemas/change-request';

const unique = (ids: readonly string[]) => [...new Set(ids)];

/** Each (incident, link) pair once, in a stable order (snapshots compare as JSON). */
const uniqueIncidentLinks = (links: ChangeRequestContent['incidentLinks']) =>
  [...new Map(links.map((row) => [`${row.incidentId}:${row.link}`, { incidentId: row.incidentId, link: row.link }])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);

/** Refuses content that names a team, service, environment, person or incident that does not exist. */
export async function checkContentReferences(tx: Tx, content: ChangeRequestContent, authorId: string): Promise<void> {
  const serviceIds = unique(content.serviceIds);
  const environmentIds = unique(content.environmentIds);
  const coAuthorIds = unique(content.coAuthorIds);
  const incidentIds = unique(content.incidentLinks.map((row) => row.incidentId));
  // One connection per transaction: its queries run one after another.
  const team = await tx.team.count({ where: { id: content.teamId } });
  const services = await tx.service.count({ where: { id: { in: serviceIds } } });
  const environments = await tx.environment.count({ where: { id: { in: environmentIds } } });
  const coAuthors = await tx.user.count({ where: { id: { in: coAuthorIds }, isActive: true } });
  const incidents = incidentIds.length > 0 ? await tx.incident.count({ where: { id: { in: incidentIds } } }) : 0;
  const fieldErrors: Record<string, string[]> = {};
  if (team !== 1) fieldErrors.teamId = ['Unknown team.'];
  if (services !== serviceIds.length) fieldErrors.serviceIds = ['Unknown service.'];
  if (environments !== environmentIds.length) fieldErrors.environmentIds = ['Unknown environment.'];
  if (coAuthors !== coAuthorIds.length) fieldErrors.coAuthorIds = ['Unknown or disabled person.'];
  if (coAuthorIds.includes(authorId)) fieldErrors.coAuthorIds = ['The author is not a co-author.'];
  if (incidents !== incidentIds.length) fieldErrors.incidentLinks = ['Unknown incident.'];
  if (Object.keys(fieldErrors).length > 0) throw new DomainError('INVALID', 'Some referenced records do not exist.', fieldErrors);
}

/** The scalar columns of a change's content. */
export function contentColumns(content: ChangeRequestContent) {
  return {
    title: content.title, description: content.description, changeClass: content.changeClass, risk: content.risk, teamId: content.teamId,
    pullRequestUrls: unique(content.pullRequestUrls), prLabel: content.prLabel, changedPaths: unique(content.changedPaths), adrUrl: content.adrUrl,
    rollbackPlan: content.rollbackPlan, notes: content.notes, plannedStart: content.plannedStart, plannedEnd: content.plannedEnd, prOpenedAt: content.prOpenedAt,
  };
}

/** Replaces the change's services, environments, co-authors and incident links with the content's. */
export async function writeContentLinks(tx: Tx, changeRequestId: string, content: ChangeRequestContent): Promise<void> {
  await tx.changeService.deleteMany({ where: { changeRequestId } });
  await tx.changeEnvironment.deleteMany({ where: { changeRequestId } });
  await tx.changeCoAuthor.deleteMany({ where: { changeRequestId } });
  await tx.changeIncident.deleteMany({ where: { changeRequestId } });
  await tx.changeService.createMany({ data: unique(content.serviceIds).map((serviceId) => ({ changeRequestId, serviceId })) });
  await tx.changeEnvironment.createMany({ data: unique(content.environmentIds).map((environmentId) => ({ changeRequestId, environmentId })) });
  await tx.changeCoAuthor.createMany({ data: unique(content.coAuthorIds).map((userId) => ({ changeRequestId, userId })) });
  await tx.changeIncident.createMany({ data: uniqueIncidentLinks(content.incidentLinks).map((row) => ({ changeRequestId, ...row })) });
}

/** JSON snapshot of one content version, with times as ISO 8601 UTC. */
export function contentSnapshot(content: ChangeRequestContent) {
  return JSON.parse(JSON.stringify({ ...content, serviceIds: unique(content.serviceIds).sort(), environmentIds: unique(content.environmentIds).sort(), coAuthorIds: unique(content.coAuthorIds).sort(), incidentLinks: uniqueIncidentLinks(content.incidentLinks) })) as Record<string, unknown>;
}

export async function saveContentVersion(tx: Tx, changeRequestId: string, contentVersion: number, content: ChangeRequestContent, actorId: string, at: Date) {
  await tx.changeRequestVersion.create({ data: { changeRequestId, contentVersion, snapshot: contentSnapshot(content) as object, createdById: actorId, createdAt: at }, select: { id: true } });
}
