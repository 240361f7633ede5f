// The staleness report as CSV (CTRL-012.4 evidence artifact): formula-safe cells, instants in ISO 8601
// UTC. A page-side route, so it authenticates by the session cookie itself.
import { currentUser } from '@/lib/auth/session-user';
import { ApiError, handleApi } from '@/lib/api/route';
import { csvDocument } from '@/lib/format/csv';
import { parseStaleFlagFilter } from '@/lib/schemas/flag-discipline';
import { staleFlagReport } from '@/lib/server/flags/stale-flags';
import { staleReportFileName } from '../stale-report-file';

export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    if (!(await currentUser())) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to export the staleness report.');
    const { filter } = parseStaleFlagFilter(Object.fromEntries(new URL(request.url).searchParams));
    const report = await staleFlagReport(at, filter);
    const body = csvDocument(
      ['key', 'type', 'team', 'owner', 'owner_email', 'purpose', 'expired_at', 'days_stale', 'extension_reason', 'report_at', 'stale_count', 'target_met'],
      report.flags.map((flag) => [
        flag.key, flag.type, flag.team.name, flag.owner.name ?? '', flag.owner.email, flag.purpose, flag.expiry, flag.daysStale, flag.extensionReason ?? '',
        report.at, report.count, report.isMet,
      ]),
    );
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${staleReportFileName(at, 'csv')}"`,
        'cache-control': 'no-store',
        'x-request-id': requestId,
      },
    });
  });
}
