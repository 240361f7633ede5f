import { authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { changeIdOf, changeResponse, type ChangeRouteContext } from '@/lib/api/change-response';
import { idempotently } from '@/lib/api/idempotency';
import { ZCancelChangeBody } from '@/lib/schemas/change-api';
import { cancelChangeRequest } from '@/lib/server/change-requests/cancel-change-request';

/** Withdraws a change that has not been deployed, with the reason. */
export function POST(request: Request, route: ChangeRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'changes:write');
    const actor = personOf(caller, 'cancel a change request');
    const changeId = await changeIdOf(route);
    return idempotently(request, caller, context, async () => {
      const { version, reason } = await parseJsonBody(request, ZCancelChangeBody);
      await cancelChangeRequest({ actor, at: context.at, changeId, expectedVersion: version, reason, requestId: context.requestId });
      return changeResponse(actor, changeId, context);
    });
  });
}
