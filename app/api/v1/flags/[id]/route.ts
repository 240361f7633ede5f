import { authenticate, handleApi, parseJsonBody } from '@/lib/api/route';
import { flagIdOf, flagResponse, type FlagRouteContext } from '@/lib/api/flag-response';
import { ZFlagPatch } from '@/lib/schemas/flag';
import { updateFlag } from '@/lib/server/flags/update-flag';

/** One flag with its state, expiry, lint result and rollout history. */
export function GET(request: Request, route: FlagRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'flags:read');
    return flagResponse(caller.actor, await flagIdOf(route), context);
  });
}

/** Edits a flag; `version` is the row version read. The key and the expiry never change here. */
export function PATCH(request: Request, route: FlagRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'flags:write');
    const flagId = await flagIdOf(route);
    const { version, ...edit } = await parseJsonBody(request, ZFlagPatch);
    await updateFlag({ actor: caller.actor, tokenId: caller.tokenId, at: context.at, flagId, expectedVersion: version, edit, source: 'api', requestId: context.requestId });
    return flagResponse(caller.actor, flagId, context);
  });
}
