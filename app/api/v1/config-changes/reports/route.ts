import { authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { configChangeResponse } from '@/lib/api/config-change-response';
import { idempotently } from '@/lib/api/idempotency';
import { ZReportedConfigChange } from '@/lib/schemas/config-change';
import { reportConfigChange } from '@/lib/server/config-changes/report-config-change';

/** Reports a change already made in production outside its process: stored applied and unauthorized. */
export function POST(request: Request) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'config-changes:write');
    const actor = personOf(caller, 'report a configuration change');
    return idempotently(request, caller, context, async () => {
      const input = await parseJsonBody(request, ZReportedConfigChange);
      const { id } = await reportConfigChange({ actor, at: context.at, input, requestId: context.requestId });
      return configChangeResponse(actor, id, context, 201);
    });
  });
}
