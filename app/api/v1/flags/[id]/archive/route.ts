import { authenticate, handleApi, parseJsonBody } from '@/lib/api/route';
import { flagIdOf, flagResponse, type FlagRouteContext } from '@/lib/api/flag-response';
import { ZArchiveFlagBody } from '@/lib/schemas/flag';
import { archiveFlag } from '@/lib/server/flags/archive-flag';

/** Archives a flag removed from the code; `version` is the row version read. */
export function POST(request: Request, route: FlagRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'flags:write');
    const flagId = await flagIdOf(route);
    const { version, reason } = await parseJsonBody(request, ZArchiveFlagBody);
    await archiveFlag({ actor: caller.actor, tokenId: caller.tokenId, at: context.at, flagId, expectedVersion: version, reason, source: 'api', requestId: context.requestId });
    return flagResponse(caller.actor, flagId, context);
  });
}
