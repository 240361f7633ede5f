import { apiJson, ApiError, authenticate, handleApi } from '@/lib/api/route';
import { evidenceQueryProblem, parseEvidenceQuery } from '@/lib/schemas/evidence-query';
import { exportEvidence } from '@/lib/server/evidence/export-evidence';

/** The evidence bundle of one control for a period (`?control=&from=&to=`), for auditors' tooling. */
export function GET(request: Request) {
  return handleApi(request, async ({ at, requestId }) => {
    const caller = await authenticate(request, at, 'audit:read');
    const parsed = parseEvidenceQuery(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', evidenceQueryProblem(parsed.fieldErrors), parsed.fieldErrors);
    return apiJson(await exportEvidence({ actor: caller.actor, query: parsed.data, at }), { requestId });
  });
}
