import { authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { changeIdOf, changeResponse, type ChangeRouteContext } from '@/lib/api/change-response';
import { ZEditChangeBody } from '@/lib/schemas/change-api';
import { updateChangeRequest } from '@/lib/server/change-requests/update-change-request';

/** One change with its approvals and approval verdict; another team's draft is 404. */
export function GET(request: Request, route: ChangeRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'changes:read');
    return changeResponse(caller.actor, await changeIdOf(route), context);
  });
}

/** Edits the fields sent; `version` is the row version read. A material edit resets approvals. */
export function PATCH(request: Request, route: ChangeRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'changes:write');
    const actor = personOf(caller, 'edit a change request');
    const changeId = await changeIdOf(route);
    const { version, ...patch } = await parseJsonBody(request, ZEditChangeBody);
    await updateChangeRequest({ actor, at: context.at, changeId, expectedVersion: version, patch, requestId: context.requestId });
    return changeResponse(actor, changeId, context);
  });
}
