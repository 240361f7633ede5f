// An evidence bundle as a readable Markdown summary.
import { handleApi } from '@/lib/api/route';
import { fileDownload } from '@/lib/api/file-download';
import { evidenceBundleMarkdown } from '@/lib/server/evidence/evidence-bundle-markdown';
import { requestedEvidence } from '../requested-evidence';

export function GET(request: Request) {
  return handleApi(request, async ({ at, requestId }) => {
    const { bundle, fileStem } = await requestedEvidence(request, at);
    return fileDownload(evidenceBundleMarkdown(bundle), { type: 'text/markdown', name: `${fileStem}.md`, requestId });
  });
}
