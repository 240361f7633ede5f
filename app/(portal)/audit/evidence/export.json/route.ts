// An evidence bundle as JSON for auditors (?control=&from=&to=). A page-side route, so it
// authenticates by the session cookie itself: no layout protects a route handler.
import { currentUser } from '@/lib/auth/session-user';
import { ApiError, handleApi } from '@/lib/api/route';
import { evidenceQueryProblem, parseEvidenceQuery } from '@/lib/schemas/evidence-query';
import { exportEvidence } from '@/lib/server/evidence/export-evidence';

export function GET(request: Request) {
  return handleApi(request, async ({ at, requestId }) => {
    const user = await currentUser();
    if (!user) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to export evidence.');
    const parsed = parseEvidenceQuery(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', evidenceQueryProblem(parsed.fieldErrors), parsed.fieldErrors);
    const bundle = await exportEvidence({ actor: user, query: parsed.data, at });
    return new Response(`${JSON.stringify(bundle, null, 2)}\n`, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="evidence-${bundle.control}-${bundle.period.from}-${bundle.period.to}.json"`,
        'cache-control': 'no-store',
        'x-request-id': requestId,
      },
    });
  });
}
