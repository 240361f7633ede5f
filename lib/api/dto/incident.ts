// What /api/v1 says about incidents: plain JSON with UTC ISO times, never Prisma rows.
// lib/api/openapi-incidents.ts describes these shapes.
import type { IncidentListItem, IncidentView } from '@/lib/server/incidents/queries';
import { changeReference } from '@/lib/policy/change-class';

const iso = (instant: Date | null): string | null => instant?.toISOString() ?? null;

type Person = { id: string; name: string | null; email: string };
const personDto = ({ id, name, email }: Person) => ({ id, name, email });

/** A row of the incident list. */
export function incidentListItemDto(item: IncidentListItem) {
  return {
    id: item.id,
    reference: item.reference,
    title: item.title,
    severity: item.severity,
    startedAt: iso(item.startedAt),
    resolvedAt: iso(item.resolvedAt),
    /** Not resolved at the time of the answer. */
    isActive: item.isActive,
    /** An active SEV1/SEV2: only changes linked to it as its fix deploy (CTRL-012.2). */
    isBlockingDeploys: item.isBlocking,
    commander: personDto(item.commander),
    services: item.services.map(({ service }) => ({ id: service.id, name: service.name })),
    /** The row version: send it back to edit, resolve or reopen. */
    version: item.version,
  };
}

/** One incident with its linked changes and the overrides granted under it. */
export function incidentDto({ incident, changes, overrides }: IncidentView) {
  return {
    ...incidentListItemDto(incident),
    summary: incident.summary,
    createdAt: iso(incident.createdAt),
    changes: changes.map(({ link, change }) => ({ link, id: change.id, reference: changeReference(change.number), title: change.title, status: change.status, changeClass: change.changeClass })),
    overrides: overrides.map((override) => ({
      id: override.id,
      change: { id: override.changeRequest.id, reference: changeReference(override.changeRequest.number), title: override.changeRequest.title },
      grantedBy: { name: override.grantedBy.name, email: override.grantedBy.email },
      justification: override.justification,
      grantedAt: iso(override.grantedAt),
      expiresAt: iso(override.expiresAt),
      revokedAt: iso(override.revokedAt),
      isInForce: override.isInForce,
    })),
  };
}

export type IncidentDto = ReturnType<typeof incidentDto>;
