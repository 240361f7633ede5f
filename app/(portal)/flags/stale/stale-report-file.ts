// What both staleness-report downloads share. Export routes are page-side, so they authenticate by the
// session cookie themselves: no layout protects a route handler.
import { currentUser } from '@/lib/auth/session-user';
import { ApiError } from '@/lib/api/route';
import { parseStaleFlagFilter } from '@/lib/schemas/flag-discipline';
import { staleFlagReport } from '@/lib/server/flags/stale-flags';

/** `stale-flags-2026-11-24.csv`: the report's UTC date, so exports of different days never collide. */
export function staleReportFileName(at: Date, extension: 'csv' | 'md'): string {
  return `stale-flags-${at.toISOString().slice(0, 10)}.${extension}`;
}

/** The signed-in user's staleness report, with the page's filters. */
export async function requestedStaleReport(request: Request, at: Date) {
  if (!(await currentUser())) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to export the staleness report.');
  const { filter } = parseStaleFlagFilter(Object.fromEntries(new URL(request.url).searchParams));
  return staleFlagReport(at, filter);
}
