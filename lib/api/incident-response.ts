// Shared by the /api/v1/incidents handlers: the path's incident id, and the incident as the answer.
import { z } from 'zod';
import { apiJson, type ApiContext } from '@/lib/api/route';
import { incidentDto } from '@/lib/api/dto/incident';
import { DomainError } from '@/lib/server/errors';
import { getIncident } from '@/lib/server/incidents/queries';
import type { Actor } from '@/lib/policy/permissions';

/** The route's `[id]` segment. */
export type IncidentRouteContext = { params: Promise<{ id: string }> };

/** A malformed id names no incident, so it is answered like a missing one. */
export async function incidentIdOf({ params }: IncidentRouteContext): Promise<string> {
  const parsed = z.uuid().safeParse((await params).id);
  if (!parsed.success) throw new DomainError('NOT_FOUND', 'No such incident.');
  return parsed.data.toLowerCase();
}

/** The incident as `viewer` now sees it; every incident endpoint answers with it, so a tool learns the next version. */
export async function incidentResponse(viewer: Actor | null, incidentId: string, { requestId, at }: ApiContext, status = 200): Promise<Response> {
  return apiJson(incidentDto(await getIncident(viewer, incidentId, at)), { status, requestId });
}
