import { authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { configChangeIdOf, configChangeResponse, type ConfigChangeRouteContext } from '@/lib/api/config-change-response';
import { ZEditConfigChangeBody } from '@/lib/schemas/config-change';
import { updateConfigChange } from '@/lib/server/config-changes/update-config-change';

/** One record with its checklist, confirmations and, when reported afterwards, why it is unauthorized. */
export function GET(request: Request, route: ConfigChangeRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'config-changes:read');
    return configChangeResponse(caller.actor, await configChangeIdOf(route), context);
  });
}

/** Edits a planned record; `version` is the row version read. Editing what changes withdraws confirmations. */
export function PATCH(request: Request, route: ConfigChangeRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'config-changes:write');
    const actor = personOf(caller, 'edit a configuration change');
    const configChangeId = await configChangeIdOf(route);
    const { version, ...patch } = await parseJsonBody(request, ZEditConfigChangeBody);
    await updateConfigChange({ actor, at: context.at, configChangeId, expectedVersion: version, patch, requestId: context.requestId });
    return configChangeResponse(actor, configChangeId, context);
  });
}
