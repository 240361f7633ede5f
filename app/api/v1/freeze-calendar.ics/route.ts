import { authenticate, handleApi } from '@/lib/api/route';
import { freezeCalendarIcs } from '@/lib/api/freeze-calendar-ics';
import { loadFreezeFeed } from '@/lib/server/calendar/calendar-view';

/**
 * The freeze calendar as an iCalendar feed (CTRL-012.2). Calendar apps subscribe by URL alone and
 * cannot send headers, so this route, and only this one, also takes the token as `?token=`.
 */
export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    await authenticate(request, at, 'calendar:read', { allowQueryToken: true });
    const body = freezeCalendarIcs(await loadFreezeFeed(at), at);
    return new Response(body, {
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'inline; filename="changeboard-freeze-calendar.ics"',
        // The URL may carry a token: keep responses out of shared caches and the URL out of Referer headers.
        'cache-control': 'private, no-store',
        'referrer-policy': 'no-referrer',
        'x-request-id': requestId,
      },
    });
  });
}
