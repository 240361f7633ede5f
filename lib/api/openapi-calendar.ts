// The freeze calendar feed of the OpenAPI document (CTRL-012.2).
import { FEED_DAYS_AHEAD, FEED_DAYS_BACK } from '@/lib/server/calendar/calendar-view';
import { errorResponse } from '@/lib/api/openapi-parts';

export const CALENDAR_PATHS = {
  '/freeze-calendar.ics': {
    get: {
      summary: 'The freeze calendar as an iCalendar feed (CTRL-012.2)',
      description: `An RFC 5545 calendar to subscribe to in Google Calendar, Outlook or Apple Calendar: weekly freeze windows (expanded occurrences, UTC instants), company holidays (all-day events on their local date), declared freezes (timed, with their scope) and SEV1/SEV2 incidents, from ${FEED_DAYS_BACK} days back to ${FEED_DAYS_AHEAD} days ahead. \`X-WR-TIMEZONE\` names the policy zone. Each event keeps its UID across refreshes. Calendar apps cannot send headers, so this endpoint alone also accepts the token as the \`token\` query parameter; such URLs end up in logs and histories, so subscribe with a service token that has only \`calendar:read\`, and revoke it if the URL leaks. Service tokens with \`calendar:read\`, or personal tokens.`,
      operationId: 'getFreezeCalendarFeed',
      'x-required-scope': 'calendar:read',
      security: [{ bearerToken: [] }, { calendarQueryToken: [] }],
      parameters: [{ name: 'token', in: 'query', required: false, description: 'The API token, when no `Authorization` header can be sent (calendar subscriptions). The header wins when both are sent.', schema: { type: 'string' } }],
      responses: {
        '200': { description: 'The calendar', content: { 'text/calendar': { schema: { type: 'string' } } } },
        '401': errorResponse('`UNAUTHENTICATED`: missing, unknown, revoked or expired token'),
        '403': errorResponse('`FORBIDDEN`: the token lacks the `calendar:read` scope'),
      },
    },
  },
};

export const CALENDAR_SECURITY_SCHEMES = {
  calendarQueryToken: { type: 'apiKey', in: 'query', name: 'token', description: 'The API token in the URL, accepted by `/freeze-calendar.ics` only.' },
};
