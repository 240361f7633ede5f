// The staleness report as CSV (CTRL-012.4 evidence artifact): formula-safe cells, instants in ISO 8601
// UTC.
import { handleApi } from '@/lib/api/route';
import { fileDownload } from '@/lib/api/file-download';
import { csvDocument } from '@/lib/format/csv';
import { requestedStaleReport, staleReportFileName } from '../stale-report-file';

export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    const report = await requestedStaleReport(request, at);
    const body = csvDocument(
      ['key', 'type', 'team', 'owner', 'owner_email', 'purpose', 'expired_at', 'days_stale', 'extension_reason', 'report_at', 'stale_count', 'target_met'],
      report.flags.map((flag) => [
        flag.key, flag.type, flag.team.name, flag.owner.name ?? '', flag.owner.email, flag.purpose, flag.expiry, flag.daysStale, flag.extensionReason ?? '',
        report.at, report.count, report.isMet,
      ]),
    );
    return fileDownload(body, { type: 'text/csv', name: staleReportFileName(at, 'csv'), requestId });
  });
}
