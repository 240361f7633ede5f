import { authenticate, handleApi, parseJsonBody } from '@/lib/api/route';
import { configChangeIdOf, configChangeResponse, type ConfigChangeRouteContext } from '@/lib/api/config-change-response';
import { idempotently } from '@/lib/api/idempotency';
import { ZConfigChangeVersionBody } from '@/lib/schemas/config-change';
import { applyConfigChange } from '@/lib/server/config-changes/apply-config-change';

/**
 * Marks a planned record applied now, once its checklist is complete (422 with what is missing
 * otherwise). The requester, their team or a manager; or a pipeline's service token with the scope.
 */
export function POST(request: Request, route: ConfigChangeRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'config-changes:write');
    const configChangeId = await configChangeIdOf(route);
    // A pipeline retrying after a lost answer gets the first answer, not a 409 for "already applied".
    return idempotently(request, caller, context, async () => {
      const { version } = await parseJsonBody(request, ZConfigChangeVersionBody);
      await applyConfigChange({ actor: caller.actor, tokenId: caller.tokenId, at: context.at, configChangeId, expectedVersion: version, requestId: context.requestId });
      return configChangeResponse(caller.actor, configChangeId, context);
    });
  });
}
