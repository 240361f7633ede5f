import type { NextRequest } from 'next/server';
import { UNAVAILABLE_RETRY_SECONDS, unavailablePageHtml } from '@/lib/outage/unavailable-page';

// Public and free of data: it names no user and reads nothing, so it answers while the database is down.
export function GET(request: NextRequest) {
  return new Response(unavailablePageHtml(request.nextUrl.searchParams.get('from')), {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': String(UNAVAILABLE_RETRY_SECONDS), 'cache-control': 'no-store' },
  });
}
