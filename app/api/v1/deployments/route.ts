import { apiJson, authenticate, handleApi, parseJsonBody } from '@/lib/api/route';
import { idempotently } from '@/lib/api/idempotency';
import { deploymentDto } from '@/lib/api/dto/deployment';
import { ZRecordDeploymentBody } from '@/lib/schemas/deployment-api';
import { recordDeployment } from '@/lib/server/deployments/record-deployment';

/** Records a deploy (CTRL-012.2); one without a fresh gate allow is recorded and flagged unauthorized. */
export function POST(request: Request) {
  return handleApi(request, async (context) => {
    // Service tokens are welcome here: pipelines record what they deployed.
    const caller = await authenticate(request, context.at, 'deployments:write');
    return idempotently(request, caller, context, async () => {
      const deployment = await parseJsonBody(request, ZRecordDeploymentBody);
      const recorded = await recordDeployment({ actor: caller.actor, tokenId: caller.tokenId, at: context.at, deployment, requestId: context.requestId });
      return apiJson(deploymentDto(recorded), { status: 201, requestId: context.requestId });
    });
  });
}
