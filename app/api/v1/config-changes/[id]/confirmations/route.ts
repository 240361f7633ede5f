import { authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { configChangeIdOf, configChangeResponse, type ConfigChangeRouteContext } from '@/lib/api/config-change-response';
import { idempotently } from '@/lib/api/idempotency';
import { ZConfigChangeVersionBody } from '@/lib/schemas/config-change';
import { confirmConfigChange } from '@/lib/server/config-changes/confirm-config-change';

/**
 * The second person confirms the version they read. Personal tokens only: a service token acts for no
 * one, so it can never be the second person (403); neither can the requester or a repeat confirmer.
 */
export function POST(request: Request, route: ConfigChangeRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'config-changes:write');
    const actor = personOf(caller, 'be the second person confirming a configuration change');
    const configChangeId = await configChangeIdOf(route);
    return idempotently(request, caller, context, async () => {
      const { version } = await parseJsonBody(request, ZConfigChangeVersionBody);
      await confirmConfigChange({ actor, at: context.at, configChangeId, expectedVersion: version, requestId: context.requestId });
      return configChangeResponse(actor, configChangeId, context, 201);
    });
  });
}
