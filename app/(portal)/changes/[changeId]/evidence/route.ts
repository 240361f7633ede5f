// Evidence of one change for auditors (CTRL-012.1), downloaded as a file: ?format=json (default,
// the complete record) or ?format=md (a readable summary). A page-side route, so it authenticates
// by the session cookie itself: no layout protects a route handler.
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session-user';
import { ApiError, handleApi } from '@/lib/api/route';
import { DomainError } from '@/lib/server/errors';
import { changeEvidence, type ChangeEvidence } from '@/lib/server/change-requests/change-evidence';
import { changeEvidenceMarkdown } from '@/lib/server/change-requests/change-evidence-markdown';

const ZFormat = z.enum(['json', 'md']).default('json');

const FORMATS = {
  json: { contentType: 'application/json; charset=utf-8', render: (evidence: ChangeEvidence) => `${JSON.stringify(evidence, null, 2)}\n` },
  md: { contentType: 'text/markdown; charset=utf-8', render: changeEvidenceMarkdown },
} as const;

type Context = { params: Promise<{ changeId: string }> };

export function GET(request: Request, { params }: Context) {
  return handleApi(request, async ({ at, requestId }) => {
    const user = await currentUser();
    if (!user) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to export evidence.');
    const format = ZFormat.safeParse(new URL(request.url).searchParams.get('format') ?? undefined);
    if (!format.success) throw new ApiError(400, 'BAD_REQUEST', 'Use ?format=json or ?format=md.');
    const changeId = z.uuid().safeParse((await params).changeId);
    // A malformed id names no change, so it is answered like a missing one.
    if (!changeId.success) throw new DomainError('NOT_FOUND', 'No such change request.');
    const evidence = await changeEvidence(user, changeId.data.toLowerCase(), at);
    const { contentType, render } = FORMATS[format.data];
    return new Response(render(evidence), {
      headers: {
        'content-type': contentType,
        'content-disposition': `attachment; filename="${evidence.change.reference}-evidence.${format.data}"`,
        'cache-control': 'no-store',
        'x-request-id': requestId,
      },
    });
  });
}
