import { apiJson, authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { changeResponse } from '@/lib/api/change-response';
import { parseChangeListParams } from '@/lib/api/change-list-params';
import { changeListItemDto } from '@/lib/api/dto/change';
import { idempotently } from '@/lib/api/idempotency';
import { encodeCursor } from '@/lib/schemas/change-list-query';
import { ZChangeRequestContent } from '@/lib/schemas/change-request';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { listChanges } from '@/lib/server/change-requests/list-changes';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';

/** The changes the caller may see, newest first, filtered, one page at a time (follow `nextCursor`). */
export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    const caller = await authenticate(request, at, 'changes:read');
    // `from` and `to` name local days of the policy's time zone.
    const { timeZone } = await policySettingsInForce();
    const { filter, page, limit } = parseChangeListParams(new URL(request.url), timeZone);
    const list = await listChanges(caller.actor, filter, page, limit);
    return apiJson({ items: list.items.map(changeListItemDto), nextCursor: list.older ? encodeCursor(list.older) : null }, { requestId });
  });
}

/** Files a draft as the token's owner: a service token has no person to be its author. */
export function POST(request: Request) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'changes:write');
    const actor = personOf(caller, 'author a change request');
    return idempotently(request, caller, context, async () => {
      const content = await parseJsonBody(request, ZChangeRequestContent);
      const { id } = await createChangeRequest({ actor, at: context.at, content, requestId: context.requestId });
      return changeResponse(actor, id, context, 201);
    });
  });
}
