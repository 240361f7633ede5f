import { authenticate, handleApi, parseJsonBody } from '@/lib/api/route';
import { incidentIdOf, incidentResponse, type IncidentRouteContext } from '@/lib/api/incident-response';
import { ZIncidentPatchBody } from '@/lib/schemas/incident';
import { updateIncident } from '@/lib/server/incidents/update-incident';
import { resolveIncident } from '@/lib/server/incidents/resolve-incident';
import { reopenIncident } from '@/lib/server/incidents/reopen-incident';

/** One incident with its services, linked changes and the overrides granted under it. */
export function GET(request: Request, route: IncidentRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'incidents:read');
    return incidentResponse(caller.actor, await incidentIdOf(route), context);
  });
}

/**
 * Edits the fields sent, or, with `resolvedAt` alone, resolves (an instant) or reopens (null) the
 * incident: one step per request, each its own audit event. `version` is the row version read.
 */
export function PATCH(request: Request, route: IncidentRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'incidents:write');
    const incidentId = await incidentIdOf(route);
    const { version: expectedVersion, resolvedAt, ...patch } = await parseJsonBody(request, ZIncidentPatchBody);
    const command = { actor: caller.actor, tokenId: caller.tokenId, at: context.at, incidentId, expectedVersion, requestId: context.requestId };
    if (resolvedAt) await resolveIncident({ ...command, resolvedAt });
    else if (resolvedAt === null) await reopenIncident(command);
    else await updateIncident({ ...command, patch });
    return incidentResponse(caller.actor, incidentId, context);
  });
}
