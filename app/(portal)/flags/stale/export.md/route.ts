// The staleness report as Markdown (CTRL-012.4 evidence artifact): user text escaped cell by cell, so a
// pipe in a purpose cannot break the table.
import { handleApi } from '@/lib/api/route';
import { fileDownload } from '@/lib/api/file-download';
import { markdownTable } from '@/lib/format/markdown';
import { FLAG_TYPE_LABEL } from '@/lib/policy/flag-naming';
import { describeStaleCount } from '@/lib/server/flags/stale-flags';
import { requestedStaleReport, staleReportFileName } from '../stale-report-file';

export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    const report = await requestedStaleReport(request, at);
    const table = markdownTable(
      ['Flag', 'Type', 'Team', 'Owner', 'Purpose', 'Expired (UTC)', 'Days stale', 'Extension reason'],
      report.flags.map((flag) => [
        flag.key, FLAG_TYPE_LABEL[flag.type], flag.team.name, flag.owner.name ?? flag.owner.email, flag.purpose, flag.expiry.toISOString(), String(flag.daysStale), flag.extensionReason ?? '',
      ]),
    );
    const body = [
      '# Stale flag report (POL-012 CTRL-012.4)',
      '',
      `As of ${report.at.toISOString()}, policy settings version ${report.policyVersion}.`,
      '',
      `${describeStaleCount(report.count)}.`,
      '',
      report.flags.length === 0 ? 'No stale flags.' : table,
      '',
    ].join('\n');
    return fileDownload(body, { type: 'text/markdown', name: staleReportFileName(at, 'md'), requestId });
  });
}
