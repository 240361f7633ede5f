import { authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { changeIdOf, changeResponse, type ChangeRouteContext } from '@/lib/api/change-response';
import { idempotently } from '@/lib/api/idempotency';
import { ZCloseChangeBody } from '@/lib/schemas/change-api';
import { closeChangeRequest } from '@/lib/server/change-requests/close-change-request';

/** Closes a deployed change with its outcome. */
export function POST(request: Request, route: ChangeRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'changes:write');
    const actor = personOf(caller, 'close a change request');
    const changeId = await changeIdOf(route);
    return idempotently(request, caller, context, async () => {
      const { version, outcome } = await parseJsonBody(request, ZCloseChangeBody);
      await closeChangeRequest({ actor, at: context.at, changeId, expectedVersion: version, outcome, requestId: context.requestId });
      return changeResponse(actor, changeId, context);
    });
  });
}
