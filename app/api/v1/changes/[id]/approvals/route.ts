import { authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { changeIdOf, changeResponse, type ChangeRouteContext } from '@/lib/api/change-response';
import { idempotently } from '@/lib/api/idempotency';
import { ZApprovalDecisionBody } from '@/lib/schemas/change-api';
import { recordApprovalDecision } from '@/lib/server/change-requests/record-approval-decision';

/** One reviewer's decision on the content version they saw (`version`); authors get 403. */
export function POST(request: Request, route: ChangeRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'changes:write');
    const actor = personOf(caller, 'review a change request');
    const changeId = await changeIdOf(route);
    return idempotently(request, caller, context, async () => {
      const { version, decision, comment } = await parseJsonBody(request, ZApprovalDecisionBody);
      await recordApprovalDecision({ actor, at: context.at, changeId, contentVersion: version, decision, comment, requestId: context.requestId });
      return changeResponse(actor, changeId, context, 201);
    });
  });
}
