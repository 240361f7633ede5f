// The exceptions log as `exceptions-log.md` (POL-012 exception path), with the page's filters.
import { handleApi } from '@/lib/api/route';
import { fileDownload } from '@/lib/api/file-download';
import { describeExceptionFilter } from '@/lib/schemas/exception-list-query';
import { exceptionLogMarkdown } from '@/lib/server/exceptions/exception-log-export';
import { exportedExceptions } from '../exported-exceptions';

export function GET(request: Request) {
  return handleApi(request, async ({ at, requestId }) => {
    const { filter, items, isTruncated } = await exportedExceptions(request, at);
    return fileDownload(exceptionLogMarkdown(items, { at, filters: describeExceptionFilter(filter), isTruncated }), { type: 'text/markdown', name: 'exceptions-log.md', requestId });
  });
}
