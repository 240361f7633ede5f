// An evidence bundle as JSON for auditors.
import { handleApi } from '@/lib/api/route';
import { fileDownload } from '@/lib/api/file-download';
import { requestedEvidence } from '../requested-evidence';

export function GET(request: Request) {
  return handleApi(request, async ({ at, requestId }) => {
    const { bundle, fileStem } = await requestedEvidence(request, at);
    return fileDownload(`${JSON.stringify(bundle, null, 2)}\n`, { type: 'application/json', name: `${fileStem}.json`, requestId });
  });
}
