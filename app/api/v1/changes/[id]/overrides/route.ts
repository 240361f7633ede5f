import { apiJson, authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { changeIdOf, type ChangeRouteContext } from '@/lib/api/change-response';
import { idempotently } from '@/lib/api/idempotency';
import { overrideDto } from '@/lib/api/dto/override';
import { requestedExpiry, ZGrantOverrideBody } from '@/lib/schemas/override';
import { grantOverride } from '@/lib/server/overrides/grant-override';
import { getChangeOverride, listChangeOverrides } from '@/lib/server/overrides/queries';

/** Every override of the change, newest first, with where each stands now. */
export function GET(request: Request, route: ChangeRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'changes:read');
    const overrides = await listChangeOverrides(caller.actor, await changeIdOf(route), context.at);
    return apiJson({ items: overrides.map(overrideDto) }, { requestId: context.requestId });
  });
}

/** Grants a freeze override (CTRL-012.2): a manager, or the IC of an active SEV1/SEV2 the change fixes; personal tokens only. */
export function POST(request: Request, route: ChangeRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'changes:write');
    const actor = personOf(caller, 'grant a freeze override');
    const changeId = await changeIdOf(route);
    return idempotently(request, caller, context, async () => {
      const { justification, requestedById, supersedes, ...expiry } = await parseJsonBody(request, ZGrantOverrideBody);
      const { id } = await grantOverride({ actor, at: context.at, changeId, justification, requestedById, supersedes, expiresAt: requestedExpiry(expiry, context.at), requestId: context.requestId });
      return apiJson(overrideDto(await getChangeOverride(actor, changeId, id, context.at)), { status: 201, requestId: context.requestId });
    });
  });
}
