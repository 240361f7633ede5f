// The answers of POST /api/v1/gate/check (CTRL-012.2). The gate fails closed: whatever is not a
// decision or a refusal of the request (401/403/400) becomes a 503 deny, never an allow or a bare 500.
import type { NextResponse } from 'next/server';
import { apiJson, ApiError, refusalResponse } from '@/lib/api/route';
import type { PolicyReason } from '@/lib/policy/decision';
import type { GateVerdict } from '@/lib/server/gate/check-gate';

export function gateDecisionDto(verdict: GateVerdict) {
  return {
    id: verdict.id,
    decision: verdict.decision,
    reasons: verdict.reasons.map(({ control, code, message }) => ({ control, code, message })),
    policyVersion: verdict.policyVersion,
    at: verdict.at.toISOString(),
    evaluatedAt: verdict.evaluatedAt.toISOString(),
    nextAllowedAt: verdict.nextAllowedAt?.toISOString() ?? null,
    preview: verdict.isPreview,
  };
}

/** 404 with a deny body: an unknown change or environment (or one the caller may not see) never deploys. */
export function gateUnknownResponse(reason: PolicyReason, requestId: string): NextResponse {
  return apiJson({ decision: 'deny', reasons: [reason] }, { status: 404, requestId });
}

/** 503 deny: the gate could not decide (database down, timeout, a bug), so nothing deploys. */
export function gateUnavailableResponse(requestId: string): NextResponse {
  const message = `The gate could not decide, so it denies. Retry later; quote request id ${requestId}.`;
  return apiJson({ decision: 'deny', reasons: [{ control: 'CTRL-012.2', code: 'GATE_UNAVAILABLE', message }] }, { status: 503, requestId });
}

/**
 * The answer to an error thrown while checking: refusals of the request itself (bad token, missing
 * scope, malformed body) keep their status; anything else fails closed with 503.
 */
export function gateErrorResponse(error: unknown, requestId: string): { response: NextResponse; isUnexpected: boolean } {
  const refusal = error instanceof ApiError ? refusalResponse(error, requestId) : null;
  return refusal ? { response: refusal, isUnexpected: false } : { response: gateUnavailableResponse(requestId), isUnexpected: true };
}
