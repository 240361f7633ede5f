import { apiJson, authenticate, parseJsonBody } from '@/lib/api/route';
import { gateDecisionDto, gateErrorResponse, gateUnknownResponse } from '@/lib/api/gate-response';
import { ZGateCheckBody } from '@/lib/schemas/gate-api';
import { checkGate, isGateVerdict } from '@/lib/server/gate/check-gate';

/** The deploy gate (CTRL-012.2): 200 with allow or deny and every reason; fails closed with a 503 deny. */
export async function POST(request: Request) {
  const requestId = crypto.randomUUID();
  // Not handleApi: its bare 500 would not fail closed. The clock is read once per request, here.
  const at = new Date();
  try {
    // Service tokens (pipelines) and personal tokens alike.
    const caller = await authenticate(request, at, 'gate:check');
    const check = await parseJsonBody(request, ZGateCheckBody);
    const result = await checkGate({ actor: caller.actor, tokenId: caller.tokenId, at, check, requestId });
    if (!isGateVerdict(result)) return gateUnknownResponse(result.reason, requestId);
    return apiJson(gateDecisionDto(result), { requestId });
  } catch (error) {
    const { response, isUnexpected } = gateErrorResponse(error, requestId);
    if (isUnexpected) console.error(`[api] POST /api/v1/gate/check failed closed (request ${requestId})`, error);
    return response;
  }
}
