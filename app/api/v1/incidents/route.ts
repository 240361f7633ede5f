import { ApiError, apiJson, authenticate, handleApi, parseJsonBody } from '@/lib/api/route';
import { idempotently } from '@/lib/api/idempotency';
import { incidentListItemDto } from '@/lib/api/dto/incident';
import { incidentResponse } from '@/lib/api/incident-response';
import { changeListPaging } from '@/lib/schemas/change-api';
import { encodeIncidentCursor, INCIDENT_FILTER_PARAMS, parseIncidentListQuery, ZDeclareIncidentBody } from '@/lib/schemas/incident';
import { declareIncident } from '@/lib/server/incidents/declare-incident';
import { INCIDENT_PAGE_SIZE, listIncidents } from '@/lib/server/incidents/queries';

const ZLimit = changeListPaging(INCIDENT_PAGE_SIZE).pick({ limit: true });
const KNOWN_PARAMS = new Set<string>([...INCIDENT_FILTER_PARAMS, 'limit', 'cursor']);

/** Incidents, newest start first, filtered by state (active, resolved, all), severity or service; follow `nextCursor`. */
export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    await authenticate(request, at, 'incidents:read');
    const params = new URL(request.url).searchParams;
    const fieldErrors: Record<string, string[]> = {};
    for (const name of new Set(params.keys())) if (!KNOWN_PARAMS.has(name)) fieldErrors[name] = ['Unknown query parameter.'];
    const query = parseIncidentListQuery({ ...Object.fromEntries(INCIDENT_FILTER_PARAMS.map((name) => [name, params.get(name) ?? undefined])), before: params.get('cursor') ?? undefined });
    for (const [name, problem] of Object.entries(query.problems)) fieldErrors[name === 'before' ? 'cursor' : name] = [name === 'before' ? 'Use the nextCursor of an earlier page.' : problem];
    const limit = ZLimit.safeParse({ limit: params.get('limit') ?? undefined });
    if (!limit.success) fieldErrors.limit = limit.error.issues.map((issue) => issue.message);
    if (!limit.success || Object.keys(fieldErrors).length > 0) throw new ApiError(400, 'BAD_REQUEST', 'The query was not understood.', fieldErrors);
    const list = await listIncidents(query.filter, at, query.before, limit.data.limit);
    return apiJson({ items: list.items.map(incidentListItemDto), nextCursor: list.older ? encodeIncidentCursor(list.older) : null }, { requestId });
  });
}

/**
 * Declares an incident. A person commands it unless they name someone else; a service token (an
 * incident tool) acts for no one, so it must name the commander.
 */
export function POST(request: Request) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'incidents:write');
    return idempotently(request, caller, context, async () => {
      const { commanderId, ...body } = await parseJsonBody(request, ZDeclareIncidentBody);
      const commander = commanderId ?? caller.actor?.id;
      if (!commander) throw new ApiError(400, 'BAD_REQUEST', 'The request body does not fit the schema.', { commanderId: ['Name the incident commander: a service token acts for no one.'] });
      const { id } = await declareIncident({ actor: caller.actor, tokenId: caller.tokenId, at: context.at, incident: { ...body, commanderId: commander }, requestId: context.requestId });
      return incidentResponse(caller.actor, id, context, 201);
    });
  });
}
