// The iCalendar feed route: a token in the header or, for this route only, in the URL; the answer is
// a calendar that ical.js parses back.
import ICAL from 'ical.js';
import { afterAll, describe, expect, test } from 'vitest';
import { GET as feed } from '@/app/api/v1/freeze-calendar.ics/route';
import { GET as me } from '@/app/api/v1/me/route';
import { db } from '@/lib/server/db';
import { createApiToken } from '@/lib/server/api-tokens/create-api-token';
import { revokeApiToken } from '@/lib/server/api-tokens/revoke-api-token';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { FREEZE_CALENDAR_NAME } from '@/lib/api/freeze-calendar-ics';
import { createUser } from '@/prisma/factories';

afterAll(() => db.$disconnect());

const URL_BASE = 'http://localhost/api/v1/freeze-calendar.ics';

async function tokens() {
  const [admin, engineer] = [await createUser({ role: 'admin' }), await createUser()];
  const at = new Date();
  const [calendar, gateOnly, personal, revoked] = await Promise.all([
    createApiToken({ actor: admin, at, name: 'calendar app', kind: 'service', scopes: ['calendar:read'] }),
    createApiToken({ actor: admin, at, name: 'pipeline', kind: 'service', scopes: ['gate:check'] }),
    createApiToken({ actor: engineer, at, name: 'laptop', kind: 'personal' }),
    createApiToken({ actor: engineer, at, name: 'old', kind: 'personal' }),
  ]);
  await revokeApiToken({ actor: engineer, at, tokenId: revoked.id });
  return { calendar: calendar.secret, gateOnly: gateOnly.secret, personal: personal.secret, revoked: revoked.secret };
}

const get = (query = '', headers: Record<string, string> = {}) => feed(new Request(`${URL_BASE}${query}`, { headers }));

describe('GET /api/v1/freeze-calendar.ics', () => {
  test('a service token with calendar:read in the URL gets a calendar that parses back', async () => {
    const { calendar } = await tokens();
    const response = await get(`?token=${encodeURIComponent(calendar)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const parsed = new ICAL.Component(ICAL.parse(await response.text()));
    expect(parsed.getFirstPropertyValue('x-wr-calname')).toBe(FREEZE_CALENDAR_NAME);
    expect(parsed.getFirstPropertyValue('x-wr-timezone')).toBe((await policySettingsInForce()).timeZone);
    for (const component of parsed.getAllSubcomponents('vevent')) {
      const event = new ICAL.Event(component);
      expect(event.uid).toMatch(/@freeze-calendar\.changeboard$/);
      expect(event.endDate.compare(event.startDate)).toBe(1);
    }
  });

  test('a personal token in the header works too', async () => {
    const { personal } = await tokens();
    expect((await get('', { authorization: `Bearer ${personal}` })).status).toBe(200);
  });

  test.each([
    { label: 'no token at all', query: '', headers: {}, status: 401 },
    { label: 'an unknown token', query: '?token=cb_unknown', headers: {}, status: 401 },
    { label: 'an empty token parameter', query: '?token=', headers: {}, status: 401 },
  ])('$label is refused with $status', async ({ query, headers, status }) => {
    const response = await get(query, headers);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  test('a revoked token is refused (401), a token without calendar:read is forbidden (403)', async () => {
    const { revoked, gateOnly } = await tokens();
    expect((await get(`?token=${encodeURIComponent(revoked)}`)).status).toBe(401);
    const forbidden = await get(`?token=${encodeURIComponent(gateOnly)}`);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  test('the header wins over the URL: a malformed header is refused even with a good token in the URL', async () => {
    const { calendar } = await tokens();
    expect((await get(`?token=${encodeURIComponent(calendar)}`, { authorization: 'Basic abc' })).status).toBe(401);
  });

  test('other routes never take a token from the URL', async () => {
    const { personal } = await tokens();
    const response = await me(new Request(`http://localhost/api/v1/me?token=${encodeURIComponent(personal)}`));
    expect(response.status).toBe(401);
    expect((await me(new Request('http://localhost/api/v1/me', { headers: { authorization: `Bearer ${personal}` } }))).status).toBe(200);
  });
});
