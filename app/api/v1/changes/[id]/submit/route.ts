import { authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { changeIdOf, changeResponse, type ChangeRouteContext } from '@/lib/api/change-response';
import { idempotently } from '@/lib/api/idempotency';
import { ZSubmitChangeBody } from '@/lib/schemas/change-api';
import { submitChangeRequest } from '@/lib/server/change-requests/submit-change-request';

/** Sends a draft for approval; a class below its scope's minimum is 422 (CTRL-012.1). */
export function POST(request: Request, route: ChangeRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'changes:write');
    const actor = personOf(caller, 'submit a change request');
    const changeId = await changeIdOf(route);
    return idempotently(request, caller, context, async () => {
      const { version } = await parseJsonBody(request, ZSubmitChangeBody);
      await submitChangeRequest({ actor, at: context.at, changeId, expectedVersion: version, requestId: context.requestId });
      return changeResponse(actor, changeId, context);
    });
  });
}
