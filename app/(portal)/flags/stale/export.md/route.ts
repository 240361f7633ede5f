// The staleness report as Markdown (CTRL-012.4 evidence artifact): user text escaped cell by cell, so a
// pipe in a purpose cannot break the table. A page-side route, so it authenticates by the session cookie.
import { currentUser } from '@/lib/auth/session-user';
import { ApiError, handleApi } from '@/lib/api/route';
import { markdownTable } from '@/lib/format/markdown';
import { FLAG_TYPE_LABEL } from '@/lib/policy/flag-naming';
import { parseStaleFlagFilter } from '@/lib/schemas/flag-discipline';
import { describeStaleCount, staleFlagReport } from '@/lib/server/flags/stale-flags';
import { staleReportFileName } from '../stale-report-file';

export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    if (!(await currentUser())) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to export the staleness report.');
    const { filter } = parseStaleFlagFilter(Object.fromEntries(new URL(request.url).searchParams));
    const report = await staleFlagReport(at, filter);
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
    return new Response(body, {
      headers: {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `attachment; filename="${staleReportFileName(at, 'md')}"`,
        'cache-control': 'no-store',
        'x-request-id': requestId,
      },
    });
  });
}
