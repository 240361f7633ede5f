// The exceptions log as CSV (formula-safe), with the page's filters.
import { handleApi } from '@/lib/api/route';
import { fileDownload } from '@/lib/api/file-download';
import { exceptionLogCsv } from '@/lib/server/exceptions/exception-log-export';
import { exportedExceptions } from '../exported-exceptions';

export function GET(request: Request) {
  return handleApi(request, async ({ at, requestId }) => {
    const { items, isTruncated } = await exportedExceptions(request, at);
    // Nothing in a CSV says it is incomplete, so a header does.
    return fileDownload(exceptionLogCsv(items), { type: 'text/csv', name: 'exceptions-log.csv', requestId, headers: isTruncated ? { 'x-truncated': 'true' } : {} });
  });
}
