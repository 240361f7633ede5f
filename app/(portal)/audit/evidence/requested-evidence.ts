// What both evidence downloads read: the bundle the signed-in auditor asked for (?control=&from=&to=).
// Export routes are page-side, so they authenticate by the session cookie themselves.
import { currentUser } from '@/lib/auth/session-user';
import { ApiError } from '@/lib/api/route';
import { evidenceQueryProblem, parseEvidenceQuery } from '@/lib/schemas/evidence-query';
import { exportEvidence } from '@/lib/server/evidence/export-evidence';

export async function requestedEvidence(request: Request, at: Date) {
  const user = await currentUser();
  if (!user) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to export evidence.');
  const parsed = parseEvidenceQuery(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new ApiError(400, 'BAD_REQUEST', evidenceQueryProblem(parsed.fieldErrors), parsed.fieldErrors);
  const bundle = await exportEvidence({ actor: user, query: parsed.data, at });
  return { bundle, fileStem: `evidence-${bundle.control}-${bundle.period.from}-${bundle.period.to}` };
}
