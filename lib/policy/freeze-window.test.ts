import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ChangeClass } from '@/lib/policy/change-class';
import { evaluateFreeze, FREEZE_LOOKAHEAD_DAYS, type DeclaredFreezePeriod, type FreezeContext, type FreezeInput, type IncidentState, type OverrideGrant } from '@/lib/policy/freeze-window';
import type { WeeklyWindow } from '@/lib/policy/policy-settings';
import { wallTime } from '@/lib/time/zoned';

/** The policy's default: Friday 15:00 → Monday 09:00, holding standard, normal and major changes. */
const WEEKEND: WeeklyWindow = { startDay: 5, startTime: '15:00', endDay: 1, endTime: '09:00', classes: ['standard', 'normal', 'major'] };
const PROD = { id: 'env-prod', isGated: true };
const STAGING = { id: 'env-staging', isGated: true };
const DEV = { id: 'env-dev', isGated: false };
const CALENDAR_CODES = ['WEEKLY_WINDOW', 'HOLIDAY', 'DECLARED_FREEZE'];

function context(overrides: Partial<FreezeContext> = {}): FreezeContext {
  return { timeZone: 'UTC', weeklyWindows: [WEEKEND], holidays: [], declaredFreezes: [], incidents: [], override: null, ...overrides };
}

function change(changeClass: ChangeClass = 'normal', overrides: Partial<FreezeInput['change']> = {}, environment = PROD): FreezeInput {
  return { change: { changeClass, serviceIds: ['svc-pay'], incidentLinks: [], ...overrides }, environment };
}

function window(startDay: number, startTime: string, endDay: number, endTime: string, classes: WeeklyWindow['classes'] = ['standard', 'normal', 'major']): WeeklyWindow {
  return { startDay, startTime, endDay, endTime, classes };
}

function freeze(startsAt: string, endsAt: string, overrides: Partial<DeclaredFreezePeriod> = {}): DeclaredFreezePeriod {
  return { id: 'frz-1', reason: 'Black Friday', startsAt: new Date(startsAt), endsAt: new Date(endsAt), serviceIds: [], environmentIds: [], ...overrides };
}

function incident(id: string, overrides: Partial<IncidentState> = {}): IncidentState {
  return { id, reference: `INC-${id}`, severity: 'sev1', startedAt: new Date('2026-03-04T10:00:00Z'), resolvedAt: null, ...overrides };
}

function override(overrides: Partial<OverrideGrant> = {}): OverrideGrant {
  return { grantedAt: new Date('2026-03-06T12:00:00Z'), expiresAt: new Date('2026-03-07T12:00:00Z'), revokedAt: null, commanderOfIncidentId: null, ...overrides };
}

const codes = (input: FreezeInput, at: string, ctx: FreezeContext) => evaluateFreeze(input, new Date(at), ctx).reasons.map((reason) => reason.code);
const iso = (date: Date | null) => date?.toISOString() ?? null;

type Row = { label: string; at: string; blocked: boolean; next?: string | null; input?: FreezeInput; ctx?: FreezeContext; codes?: string[] };

/** What a row observes: the decision, the next opening, the reason codes and the controls they name. */
function observed({ at, input = change(), ctx = context() }: Row) {
  const verdict = evaluateFreeze(input, new Date(at), ctx);
  return { blocked: verdict.blocked, next: iso(verdict.nextAllowedAt), codes: verdict.reasons.map((reason) => reason.code), controls: [...new Set(verdict.reasons.map((reason) => reason.control))] };
}

/** What a row expects: an open answer has no reasons; a blocked one has reasons naming CTRL-012.2 only. */
function expected({ blocked, next = null, codes: wanted }: Row) {
  return { blocked, next, codes: wanted ?? (blocked ? expect.arrayContaining([expect.any(String)]) : []), controls: blocked ? ['CTRL-012.2'] : [] };
}

describe('weekly window: half-open boundaries and the weekend wrap (UTC)', () => {
  // 6 March 2026 is a Friday; 9 March the Monday after.
  test.each<Row>([
    { label: 'Fri 14:59:59.999 is open', at: '2026-03-06T14:59:59.999Z', blocked: false },
    { label: 'Fri 15:00:00.000 is frozen', at: '2026-03-06T15:00:00.000Z', blocked: true, next: '2026-03-09T09:00:00.000Z', codes: ['WEEKLY_WINDOW'] },
    { label: 'Sat noon is frozen', at: '2026-03-07T12:00:00.000Z', blocked: true, next: '2026-03-09T09:00:00.000Z' },
    { label: 'Sun 23:59 is frozen', at: '2026-03-08T23:59:00.000Z', blocked: true, next: '2026-03-09T09:00:00.000Z' },
    { label: 'Mon 08:59:59.999 is frozen', at: '2026-03-09T08:59:59.999Z', blocked: true, next: '2026-03-09T09:00:00.000Z' },
    { label: 'Mon 09:00 is open', at: '2026-03-09T09:00:00.000Z', blocked: false },
    { label: 'Wednesday is open', at: '2026-03-11T12:00:00.000Z', blocked: false },
    { label: 'standard is held', at: '2026-03-07T12:00:00.000Z', blocked: true, next: '2026-03-09T09:00:00.000Z', input: change('standard') },
    // Assumption under test: the default settings hold major changes too.
    { label: 'major is held by the default window', at: '2026-03-07T12:00:00.000Z', blocked: true, next: '2026-03-09T09:00:00.000Z', input: change('major') },
    { label: 'major is not held by a window that lists only standard and normal', at: '2026-03-07T12:00:00.000Z', blocked: false, input: change('major'), ctx: context({ weeklyWindows: [window(5, '15:00', 1, '09:00', ['standard', 'normal'])] }) },
    { label: 'emergency is never held by the weekly window', at: '2026-03-07T12:00:00.000Z', blocked: false, input: change('emergency') },
    { label: 'emergency is not held even by a window listing it', at: '2026-03-07T12:00:00.000Z', blocked: false, input: change('emergency'), ctx: context({ weeklyWindows: [window(5, '15:00', 1, '09:00', ['emergency'])] }) },
    { label: 'a window that ends when it starts is empty', at: '2026-03-07T12:00:00.000Z', blocked: false, ctx: context({ weeklyWindows: [window(6, '12:00', 6, '12:00')] }) },
    { label: 'a window ending earlier the same weekday runs almost a week', at: '2026-03-08T12:00:00.000Z', blocked: true, next: '2026-03-09T08:00:00.000Z', ctx: context({ weeklyWindows: [window(1, '09:00', 1, '08:00')] }) },
    { label: 'a mid-week window', at: '2026-03-11T23:00:00.000Z', blocked: true, next: '2026-03-12T06:00:00.000Z', ctx: context({ weeklyWindows: [window(3, '22:00', 4, '06:00')] }) },
  ])('$label', (row) => {
    expect(observed(row)).toEqual(expected(row));
  });

  test('several windows: each one that holds the change is a reason, and the class decides which hold', () => {
    const ctx = context({ weeklyWindows: [WEEKEND, window(6, '00:00', 0, '12:00', ['major'])] });
    expect(codes(change('major'), '2026-03-07T10:00:00Z', ctx)).toEqual(['WEEKLY_WINDOW', 'WEEKLY_WINDOW']);
    expect(codes(change('normal'), '2026-03-07T10:00:00Z', ctx)).toEqual(['WEEKLY_WINDOW']);
  });

  test('abutting windows chain: the next opening is the end of the last', () => {
    const ctx = context({ weeklyWindows: [window(5, '15:00', 6, '00:00'), window(6, '00:00', 1, '09:00')] });
    expect(iso(evaluateFreeze(change(), new Date('2026-03-06T16:00:00Z'), ctx).nextAllowedAt)).toBe('2026-03-09T09:00:00.000Z');
  });

  test('the reason names the window, its zone and the class', () => {
    const [reason] = evaluateFreeze(change('normal'), new Date('2026-03-07T12:00:00Z'), context()).reasons;
    expect(reason).toEqual({ control: 'CTRL-012.2', code: 'WEEKLY_WINDOW', message: 'Weekly freeze Friday 15:00 → Monday 09:00 (UTC) holds normal changes.' });
  });
});

describe('weekly window across daylight-saving changes', () => {
  const NY = context({ timeZone: 'America/New_York' });
  const BERLIN = context({ timeZone: 'Europe/Berlin' });
  test.each<Row>([
    // New York: EST (UTC−5) until Sun 8 Mar 2026 02:00, EDT (UTC−4) until Sun 1 Nov 2026 02:00.
    { label: 'NY Fri 14:59:59.999 EST is open', at: '2026-03-06T19:59:59.999Z', blocked: false, ctx: NY },
    { label: 'NY Fri 15:00 EST is frozen until Mon 09:00 EDT (13:00Z, not 14:00Z)', at: '2026-03-06T20:00:00.000Z', blocked: true, next: '2026-03-09T13:00:00.000Z', ctx: NY },
    { label: 'NY Mon 08:59:59.999 EDT is frozen', at: '2026-03-09T12:59:59.999Z', blocked: true, next: '2026-03-09T13:00:00.000Z', ctx: NY },
    { label: 'NY Mon 09:00 EDT is open', at: '2026-03-09T13:00:00.000Z', blocked: false, ctx: NY },
    { label: 'NY the Monday before: 09:00 EST is 14:00Z', at: '2026-03-02T13:30:00.000Z', blocked: true, next: '2026-03-02T14:00:00.000Z', ctx: NY },
    { label: 'NY Fri 14:59:59.999 EDT is open', at: '2026-10-30T18:59:59.999Z', blocked: false, ctx: NY },
    { label: 'NY Fri 15:00 EDT is frozen until Mon 09:00 EST (14:00Z)', at: '2026-10-30T19:00:00.000Z', blocked: true, next: '2026-11-02T14:00:00.000Z', ctx: NY },
    { label: 'NY during the repeated hour it stays frozen', at: '2026-11-01T06:30:00.000Z', blocked: true, next: '2026-11-02T14:00:00.000Z', ctx: NY },
    { label: 'NY Mon 08:30 EST (13:30Z) is frozen', at: '2026-11-02T13:30:00.000Z', blocked: true, next: '2026-11-02T14:00:00.000Z', ctx: NY },
    { label: 'NY Mon 09:00 EST is open', at: '2026-11-02T14:00:00.000Z', blocked: false, ctx: NY },
    // Berlin: CET (UTC+1) until Sun 29 Mar 2026 02:00, CEST (UTC+2) until Sun 25 Oct 2026 03:00.
    { label: 'Berlin Fri 15:00 CET is frozen until Mon 09:00 CEST (07:00Z)', at: '2026-03-27T14:00:00.000Z', blocked: true, next: '2026-03-30T07:00:00.000Z', ctx: BERLIN },
    { label: 'Berlin Mon 08:59:59.999 CEST is frozen', at: '2026-03-30T06:59:59.999Z', blocked: true, next: '2026-03-30T07:00:00.000Z', ctx: BERLIN },
    { label: 'Berlin Mon 09:00 CEST is open', at: '2026-03-30T07:00:00.000Z', blocked: false, ctx: BERLIN },
    { label: 'Berlin Fri 14:59:59.999 CEST is open', at: '2026-10-23T12:59:59.999Z', blocked: false, ctx: BERLIN },
    { label: 'Berlin Fri 15:00 CEST is frozen until Mon 09:00 CET (08:00Z)', at: '2026-10-23T13:00:00.000Z', blocked: true, next: '2026-10-26T08:00:00.000Z', ctx: BERLIN },
    { label: 'Berlin Mon 08:30 CET (07:30Z) is frozen', at: '2026-10-26T07:30:00.000Z', blocked: true, next: '2026-10-26T08:00:00.000Z', ctx: BERLIN },
  ])('$label', (row) => {
    expect(observed(row)).toEqual(expected(row));
  });
});

describe('window boundaries inside a DST gap or overlap', () => {
  const ny = (...windows: WeeklyWindow[]) => context({ timeZone: 'America/New_York', weeklyWindows: windows });
  const berlin = (...windows: WeeklyWindow[]) => context({ timeZone: 'Europe/Berlin', weeklyWindows: windows });
  test.each<Row>([
    // 8 Mar 2026, New York: 01:59:59.999 EST (06:59:59.999Z) is followed by 03:00 EDT (07:00Z).
    { label: 'an end at 02:30 (in the gap) takes effect at the jump: just before it, frozen', at: '2026-03-08T06:59:59.999Z', blocked: true, next: '2026-03-08T07:00:00.000Z', ctx: ny(window(6, '12:00', 0, '02:30')) },
    { label: 'an end at 02:30 (in the gap) takes effect at the jump: at it, open', at: '2026-03-08T07:00:00.000Z', blocked: false, ctx: ny(window(6, '12:00', 0, '02:30')) },
    { label: 'a start at 02:30 (in the gap) takes effect at the jump: just before it, open', at: '2026-03-08T06:59:59.999Z', blocked: false, ctx: ny(window(0, '02:30', 0, '12:00')) },
    { label: 'a start at 02:30 (in the gap) takes effect at the jump: at it, frozen', at: '2026-03-08T07:00:00.000Z', blocked: true, next: '2026-03-08T16:00:00.000Z', ctx: ny(window(0, '02:30', 0, '12:00')) },
    { label: 'a window wholly inside the gap never freezes on that day', at: '2026-03-08T07:00:00.000Z', blocked: false, ctx: ny(window(0, '02:10', 0, '02:50')) },
    { label: 'the same window freezes on an ordinary Sunday', at: '2026-03-01T07:30:00.000Z', blocked: true, next: '2026-03-01T07:50:00.000Z', ctx: ny(window(0, '02:10', 0, '02:50')) },
    // 1 Nov 2026, New York: 01:00–01:59 shows twice, EDT (05:00–05:59Z) then EST (06:00–06:59Z).
    { label: 'an end at 01:30 (in the overlap) takes its first showing: 05:29:59.999Z frozen', at: '2026-11-01T05:29:59.999Z', blocked: true, next: '2026-11-01T05:30:00.000Z', ctx: ny(window(6, '12:00', 0, '01:30')) },
    { label: 'an end at 01:30 (in the overlap): open at 01:30 EDT', at: '2026-11-01T05:30:00.000Z', blocked: false, ctx: ny(window(6, '12:00', 0, '01:30')) },
    { label: 'an end at 01:30 (in the overlap): not frozen again at 01:15 EST', at: '2026-11-01T06:15:00.000Z', blocked: false, ctx: ny(window(6, '12:00', 0, '01:30')) },
    { label: 'a start at 01:30 (in the overlap) takes its first showing: 05:29:59.999Z open', at: '2026-11-01T05:29:59.999Z', blocked: false, ctx: ny(window(0, '01:30', 0, '12:00')) },
    { label: 'a start at 01:30 (in the overlap): frozen at 01:30 EDT', at: '2026-11-01T05:30:00.000Z', blocked: true, next: '2026-11-01T17:00:00.000Z', ctx: ny(window(0, '01:30', 0, '12:00')) },
    { label: 'a start at 01:30 (in the overlap): still frozen at 01:15 EST', at: '2026-11-01T06:15:00.000Z', blocked: true, next: '2026-11-01T17:00:00.000Z', ctx: ny(window(0, '01:30', 0, '12:00')) },
    // Berlin: 29 Mar 2026 jumps 02:00 CET → 03:00 CEST at 01:00Z; 25 Oct repeats 02:00–02:59 (00:00–00:59Z CEST, 01:00–01:59Z CET).
    { label: 'Berlin: a start at 02:30 (in the gap) freezes from the jump', at: '2026-03-29T01:00:00.000Z', blocked: true, next: '2026-03-29T10:00:00.000Z', ctx: berlin(window(0, '02:30', 0, '12:00')) },
    { label: 'Berlin: just before the jump it is open', at: '2026-03-29T00:59:59.999Z', blocked: false, ctx: berlin(window(0, '02:30', 0, '12:00')) },
    { label: 'Berlin: an end at 02:30 (in the overlap) ends at 02:30 CEST', at: '2026-10-25T00:29:59.999Z', blocked: true, next: '2026-10-25T00:30:00.000Z', ctx: berlin(window(6, '12:00', 0, '02:30')) },
    { label: 'Berlin: not frozen again at 02:15 CET', at: '2026-10-25T01:15:00.000Z', blocked: false, ctx: berlin(window(6, '12:00', 0, '02:30')) },
  ])('$label', (row) => {
    expect(observed(row)).toEqual(expected(row));
  });
});

describe('holidays: whole local days in the policy zone', () => {
  const NY = context({ timeZone: 'America/New_York', holidays: ['2026-12-25', '2026-05-25'] });
  test.each<Row>([
    { label: 'Christmas Eve 22:00 in New York is 25 Dec in UTC, but open', at: '2026-12-25T03:00:00.000Z', blocked: false, ctx: NY },
    { label: '23:59:59.999 on Christmas Eve is open', at: '2026-12-25T04:59:59.999Z', blocked: false, ctx: NY },
    { label: '00:00 on Christmas Day (05:00Z) is frozen until the weekend window ends', at: '2026-12-25T05:00:00.000Z', blocked: true, next: '2026-12-28T14:00:00.000Z', ctx: NY, codes: ['HOLIDAY'] },
    { label: '23:59 on Christmas Day (a Friday) is a holiday and in the weekend window', at: '2026-12-26T04:59:00.000Z', blocked: true, next: '2026-12-28T14:00:00.000Z', ctx: NY, codes: ['WEEKLY_WINDOW', 'HOLIDAY'] },
    { label: 'a holiday holds major changes', at: '2026-12-25T10:00:00.000Z', blocked: true, next: '2026-12-28T14:00:00.000Z', ctx: NY, input: change('major') },
    { label: 'a holiday does not hold emergency changes', at: '2026-12-25T10:00:00.000Z', blocked: false, ctx: NY, input: change('emergency') },
    { label: 'a holiday Monday extends the weekend to Tuesday 00:00 local', at: '2026-05-22T20:00:00.000Z', blocked: true, next: '2026-05-26T04:00:00.000Z', ctx: NY, codes: ['WEEKLY_WINDOW'] },
    { label: 'on the holiday Monday after 09:00 only the holiday holds', at: '2026-05-25T14:00:00.000Z', blocked: true, next: '2026-05-26T04:00:00.000Z', ctx: NY, codes: ['HOLIDAY'] },
    { label: 'Tokyo: New Year starts at 15:00Z on 31 Dec', at: '2025-12-31T15:00:00.000Z', blocked: true, next: '2026-01-01T15:00:00.000Z', ctx: context({ timeZone: 'Asia/Tokyo', weeklyWindows: [], holidays: ['2026-01-01'] }) },
    { label: 'Tokyo: 14:59:59.999Z on 31 Dec is still the 31st', at: '2025-12-31T14:59:59.999Z', blocked: false, ctx: context({ timeZone: 'Asia/Tokyo', weeklyWindows: [], holidays: ['2026-01-01'] }) },
    // A holiday on the 23-hour DST day: New York's 8 March runs 05:00Z → 04:00Z.
    { label: 'a 23-hour holiday ends at local midnight (04:00Z)', at: '2026-03-09T03:59:59.999Z', blocked: true, next: '2026-03-09T04:00:00.000Z', ctx: context({ timeZone: 'America/New_York', weeklyWindows: [], holidays: ['2026-03-08'] }) },
    { label: 'a 25-hour holiday (1 Nov) ends at local midnight (05:00Z)', at: '2026-11-02T04:30:00.000Z', blocked: true, next: '2026-11-02T05:00:00.000Z', ctx: context({ timeZone: 'America/New_York', weeklyWindows: [], holidays: ['2026-11-01'] }) },
    { label: 'consecutive holidays chain', at: '2026-12-24T12:00:00.000Z', blocked: true, next: '2026-12-27T00:00:00.000Z', ctx: context({ weeklyWindows: [], holidays: ['2026-12-24', '2026-12-25', '2026-12-26'] }) },
  ])('$label', (row) => {
    expect(observed(row)).toEqual(expected(row));
  });

  test('the reason names the local date and the zone', () => {
    expect(evaluateFreeze(change(), new Date('2026-12-25T10:00:00Z'), NY).reasons[0]?.message).toBe('2026-12-25 is a company holiday (America/New_York): only emergency changes deploy.');
  });
});

describe('declared freezes', () => {
  const BLACK_FRIDAY = freeze('2026-11-26T00:00:00Z', '2026-11-27T12:00:00Z');
  const at = (ctx: Partial<FreezeContext>) => context({ weeklyWindows: [], declaredFreezes: [BLACK_FRIDAY], ...ctx });
  test.each<Row>([
    { label: 'just before the start is open', at: '2026-11-25T23:59:59.999Z', blocked: false, ctx: at({}) },
    { label: 'the start is frozen (half-open)', at: '2026-11-26T00:00:00.000Z', blocked: true, next: '2026-11-27T12:00:00.000Z', ctx: at({}), codes: ['DECLARED_FREEZE'] },
    { label: 'just before the end is frozen', at: '2026-11-27T11:59:59.999Z', blocked: true, next: '2026-11-27T12:00:00.000Z', ctx: at({}) },
    { label: 'the end is open (half-open)', at: '2026-11-27T12:00:00.000Z', blocked: false, ctx: at({}) },
    { label: 'major is held', at: '2026-11-26T10:00:00.000Z', blocked: true, next: '2026-11-27T12:00:00.000Z', ctx: at({}), input: change('major') },
    { label: 'emergency is not held', at: '2026-11-26T10:00:00.000Z', blocked: false, ctx: at({}), input: change('emergency') },
    { label: 'limited to a service the change touches: held', at: '2026-11-26T10:00:00.000Z', blocked: true, next: '2026-11-27T12:00:00.000Z', ctx: at({ declaredFreezes: [freeze(BLACK_FRIDAY.startsAt.toISOString(), BLACK_FRIDAY.endsAt.toISOString(), { serviceIds: ['svc-pay', 'svc-cart'] })] }) },
    { label: 'limited to other services: not held', at: '2026-11-26T10:00:00.000Z', blocked: false, ctx: at({ declaredFreezes: [freeze(BLACK_FRIDAY.startsAt.toISOString(), BLACK_FRIDAY.endsAt.toISOString(), { serviceIds: ['svc-cart'] })] }) },
    // Assumption under test: a change that names no service could touch any, so a service-limited freeze holds it.
    { label: 'limited to services, and the change names none: held', at: '2026-11-26T10:00:00.000Z', blocked: true, next: '2026-11-27T12:00:00.000Z', input: change('normal', { serviceIds: [] }), ctx: at({ declaredFreezes: [freeze(BLACK_FRIDAY.startsAt.toISOString(), BLACK_FRIDAY.endsAt.toISOString(), { serviceIds: ['svc-cart'] })] }) },
    { label: 'limited to production: staging is not held', at: '2026-11-26T10:00:00.000Z', blocked: false, input: change('normal', {}, STAGING), ctx: at({ declaredFreezes: [freeze(BLACK_FRIDAY.startsAt.toISOString(), BLACK_FRIDAY.endsAt.toISOString(), { environmentIds: [PROD.id] })] }) },
    { label: 'limited to production: production is held', at: '2026-11-26T10:00:00.000Z', blocked: true, next: '2026-11-27T12:00:00.000Z', ctx: at({ declaredFreezes: [freeze(BLACK_FRIDAY.startsAt.toISOString(), BLACK_FRIDAY.endsAt.toISOString(), { environmentIds: [PROD.id] })] }) },
    { label: 'limited to a service and production: both must match', at: '2026-11-26T10:00:00.000Z', blocked: false, input: change('normal', {}, STAGING), ctx: at({ declaredFreezes: [freeze(BLACK_FRIDAY.startsAt.toISOString(), BLACK_FRIDAY.endsAt.toISOString(), { serviceIds: ['svc-pay'], environmentIds: [PROD.id] })] }) },
    { label: 'an ungated environment is never held, even when named', at: '2026-11-26T10:00:00.000Z', blocked: false, input: change('normal', {}, DEV), ctx: at({ declaredFreezes: [freeze(BLACK_FRIDAY.startsAt.toISOString(), BLACK_FRIDAY.endsAt.toISOString(), { environmentIds: [DEV.id] })] }) },
    { label: 'a freeze ending inside the weekend window chains to Monday 09:00', at: '2026-11-27T10:00:00.000Z', blocked: true, next: '2026-11-30T09:00:00.000Z', ctx: at({ weeklyWindows: [WEEKEND], declaredFreezes: [freeze('2026-11-26T00:00:00Z', '2026-11-27T16:00:00Z')] }), codes: ['DECLARED_FREEZE'] },
    { label: 'a freeze ending before the weekend window opens: open in between', at: '2026-11-27T10:00:00.000Z', blocked: true, next: '2026-11-27T12:00:00.000Z', ctx: at({ weeklyWindows: [WEEKEND] }), codes: ['DECLARED_FREEZE'] },
    { label: 'overlapping freezes: the later end wins', at: '2026-11-26T10:00:00.000Z', blocked: true, next: '2026-12-01T00:00:00.000Z', ctx: at({ weeklyWindows: [], declaredFreezes: [BLACK_FRIDAY, freeze('2026-11-27T00:00:00Z', '2026-12-01T00:00:00Z', { id: 'frz-2', reason: 'Cyber Monday' })] }) },
  ])('$label', (row) => {
    expect(observed(row)).toEqual(expected(row));
  });

  test('the reason quotes the declared reason', () => {
    expect(evaluateFreeze(change(), new Date('2026-11-26T10:00:00Z'), at({})).reasons[0]?.message).toBe('Declared freeze: Black Friday. Only emergency changes deploy.');
  });
});

describe('active SEV1/SEV2 incidents', () => {
  const WEDNESDAY = '2026-03-04T12:00:00.000Z'; // no calendar freeze
  test.each<Row>([
    { label: 'an active SEV1 blocks an unrelated change; its end cannot be predicted', at: WEDNESDAY, blocked: true, next: null, ctx: context({ incidents: [incident('1')] }), codes: ['INCIDENT_ACTIVE'] },
    { label: 'an active SEV2 blocks too', at: WEDNESDAY, blocked: true, ctx: context({ incidents: [incident('1', { severity: 'sev2' })] }) },
    { label: 'a SEV3 does not block', at: WEDNESDAY, blocked: false, ctx: context({ incidents: [incident('1', { severity: 'sev3' })] }) },
    { label: 'a SEV4 does not block', at: WEDNESDAY, blocked: false, ctx: context({ incidents: [incident('1', { severity: 'sev4' })] }) },
    { label: 'it blocks emergency changes too', at: WEDNESDAY, blocked: true, input: change('emergency'), ctx: context({ incidents: [incident('1')] }) },
    { label: 'the change that fixes it deploys', at: WEDNESDAY, blocked: false, input: change('emergency', { incidentLinks: [{ incidentId: '1', link: 'fixes' }] }), ctx: context({ incidents: [incident('1')] }) },
    { label: 'a change that caused it is not its fix', at: WEDNESDAY, blocked: true, input: change('emergency', { incidentLinks: [{ incidentId: '1', link: 'caused' }] }), ctx: context({ incidents: [incident('1')] }) },
    { label: 'the fix for one incident is blocked by another', at: WEDNESDAY, blocked: true, input: change('emergency', { incidentLinks: [{ incidentId: '1', link: 'fixes' }] }), ctx: context({ incidents: [incident('1'), incident('2')] }), codes: ['INCIDENT_ACTIVE'] },
    { label: 'every blocking incident is a reason', at: WEDNESDAY, blocked: true, ctx: context({ incidents: [incident('1'), incident('2', { severity: 'sev2' })] }), codes: ['INCIDENT_ACTIVE', 'INCIDENT_ACTIVE'] },
    { label: 'active from its start (half-open)', at: '2026-03-04T10:00:00.000Z', blocked: true, ctx: context({ incidents: [incident('1')] }) },
    { label: 'not active before it started', at: '2026-03-04T09:59:59.999Z', blocked: false, ctx: context({ incidents: [incident('1')] }) },
    { label: 'not active from its resolution (half-open)', at: WEDNESDAY, blocked: false, ctx: context({ incidents: [incident('1', { resolvedAt: new Date(WEDNESDAY) })] }) },
    { label: 'active just before its resolution', at: '2026-03-04T11:59:59.999Z', blocked: true, ctx: context({ incidents: [incident('1', { resolvedAt: new Date(WEDNESDAY) })] }) },
    { label: 'an incident and the weekend window: both reasons, no predictable opening', at: '2026-03-07T12:00:00.000Z', blocked: true, next: null, ctx: context({ incidents: [incident('1')] }), codes: ['WEEKLY_WINDOW', 'INCIDENT_ACTIVE'] },
    { label: 'an ungated environment is not blocked by an incident', at: WEDNESDAY, blocked: false, input: change('normal', {}, DEV), ctx: context({ incidents: [incident('1')] }) },
    { label: 'the fix is still held by the calendar (only an override lifts that)', at: '2026-03-07T12:00:00.000Z', blocked: true, next: '2026-03-09T09:00:00.000Z', input: change('normal', { incidentLinks: [{ incidentId: '1', link: 'fixes' }] }), ctx: context({ incidents: [incident('1')] }), codes: ['WEEKLY_WINDOW'] },
  ])('$label', (row) => {
    expect(observed(row)).toEqual(expected(row));
  });

  test('the reason names the incident and its severity', () => {
    expect(evaluateFreeze(change(), new Date(WEDNESDAY), context({ incidents: [incident('7')] })).reasons[0]?.message).toBe('SEV1 incident INC-7 is active: only changes linked to it as its fix deploy.');
  });
});

describe('overrides', () => {
  const SATURDAY = '2026-03-07T10:00:00.000Z'; // inside the weekend window and the override
  const withOverride = (grant: OverrideGrant | null, ctx: Partial<FreezeContext> = {}) => context({ override: grant, ...ctx });
  const using = (input: FreezeInput = change()): FreezeInput => ({ ...input, useOverride: true });
  test.each<Row>([
    { label: 'an override in force lifts the weekly window when the pipeline asks', at: SATURDAY, blocked: false, input: using(), ctx: withOverride(override()) },
    { label: 'without the explicit flag the freeze still denies', at: SATURDAY, blocked: true, next: '2026-03-09T09:00:00.000Z', ctx: withOverride(override()), codes: ['WEEKLY_WINDOW'] },
    { label: 'it lifts a holiday', at: SATURDAY, blocked: false, input: using(), ctx: withOverride(override(), { holidays: ['2026-03-07'] }) },
    { label: 'it lifts a declared freeze', at: SATURDAY, blocked: false, input: using(), ctx: withOverride(override(), { declaredFreezes: [freeze('2026-03-07T00:00:00Z', '2026-03-08T00:00:00Z')] }) },
    { label: 'asked for but expired (half-open): denied, saying so', at: '2026-03-07T12:00:00.000Z', blocked: true, next: '2026-03-09T09:00:00.000Z', input: using(), ctx: withOverride(override()), codes: ['WEEKLY_WINDOW', 'OVERRIDE_NOT_IN_FORCE'] },
    { label: 'asked for but not yet granted: denied', at: '2026-03-06T11:59:59.999Z', blocked: true, input: using(change('normal')), ctx: withOverride(override(), { weeklyWindows: [window(5, '00:00', 1, '09:00')] }), next: '2026-03-09T09:00:00.000Z', codes: ['WEEKLY_WINDOW', 'OVERRIDE_NOT_IN_FORCE'] },
    { label: 'in force from its grant', at: '2026-03-06T12:00:00.000Z', blocked: false, input: using(), ctx: withOverride(override(), { weeklyWindows: [window(5, '00:00', 1, '09:00')] }) },
    { label: 'asked for but revoked: denied', at: SATURDAY, blocked: true, next: '2026-03-09T09:00:00.000Z', input: using(), ctx: withOverride(override({ revokedAt: new Date('2026-03-07T09:00:00Z') })), codes: ['WEEKLY_WINDOW', 'OVERRIDE_NOT_IN_FORCE'] },
    { label: 'asked for but none exists: denied', at: SATURDAY, blocked: true, next: '2026-03-09T09:00:00.000Z', input: using(), ctx: withOverride(null), codes: ['WEEKLY_WINDOW', 'OVERRIDE_NOT_IN_FORCE'] },
    { label: 'asked for when nothing blocks: allowed, no reason', at: '2026-03-04T12:00:00.000Z', blocked: false, input: using(), ctx: withOverride(null), codes: [] },
    { label: "a manager's override does not lift an incident block", at: SATURDAY, blocked: true, next: null, input: using(), ctx: withOverride(override(), { incidents: [incident('1')] }), codes: ['INCIDENT_ACTIVE'] },
    { label: "the commander's override lifts that incident's block and the calendar", at: SATURDAY, blocked: false, input: using(), ctx: withOverride(override({ commanderOfIncidentId: '1' }), { incidents: [incident('1')] }) },
    { label: "the commander's override never lifts another incident's block", at: SATURDAY, blocked: true, next: null, input: using(), ctx: withOverride(override({ commanderOfIncidentId: '1' }), { incidents: [incident('1'), incident('2')] }), codes: ['INCIDENT_ACTIVE'] },
    { label: "without the flag the commander's override lifts nothing", at: SATURDAY, blocked: true, next: null, ctx: withOverride(override({ commanderOfIncidentId: '1' }), { incidents: [incident('1')] }), codes: ['WEEKLY_WINDOW', 'INCIDENT_ACTIVE'] },
  ])('$label', (row) => {
    expect(observed(row)).toEqual(expected(row));
  });

  test('what the override lifted is kept as evidence', () => {
    const verdict = evaluateFreeze(using(), new Date(SATURDAY), withOverride(override({ commanderOfIncidentId: '1' }), { incidents: [incident('1')], holidays: ['2026-03-07'] }));
    expect(verdict.liftedByOverride.map((reason) => reason.code)).toEqual(['WEEKLY_WINDOW', 'HOLIDAY', 'INCIDENT_ACTIVE']);
    expect(verdict.reasons).toEqual([]);
  });
});

describe('the policy zone decides, and can change between settings versions', () => {
  // 2026-03-06T21:00Z is Friday 16:00 in New York, Friday 13:00 in Los Angeles, Saturday 06:00 in Tokyo.
  test.each([
    { zone: 'America/New_York', blocked: true, next: '2026-03-09T13:00:00.000Z' },
    { zone: 'America/Los_Angeles', blocked: false, next: null },
    { zone: 'Asia/Tokyo', blocked: true, next: '2026-03-09T00:00:00.000Z' },
    { zone: 'Europe/London', blocked: true, next: '2026-03-09T09:00:00.000Z' },
    { zone: 'Pacific/Kiritimati', blocked: true, next: '2026-03-08T19:00:00.000Z' },
  ])('$zone', ({ zone, blocked, next }) => {
    const verdict = evaluateFreeze(change(), new Date('2026-03-06T21:00:00Z'), context({ timeZone: zone }));
    expect(verdict.blocked).toBe(blocked);
    expect(iso(verdict.nextAllowedAt)).toBe(next);
  });

  test('an unknown zone is a clear error, not a silent decision', () => {
    expect(() => evaluateFreeze(change(), new Date('2026-03-06T21:00:00Z'), context({ timeZone: 'Mars/Olympus_Mons' }))).toThrow(/Unknown time zone/);
  });

  test('an invalid instant is an error', () => {
    expect(() => evaluateFreeze(change(), new Date(Number.NaN), context())).toThrow(RangeError);
  });

  test('a calendar that never opens within the look-ahead gives no next time', () => {
    const verdict = evaluateFreeze(change(), new Date('2026-03-04T12:00:00Z'), context({ weeklyWindows: [], declaredFreezes: [freeze('2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z')] }));
    expect(verdict).toMatchObject({ blocked: true, nextAllowedAt: null });
  });
});

// ── Properties ────────────────────────────────────────────────────────────────────────────────

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'America/Los_Angeles', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'Pacific/Chatham', 'Pacific/Kiritimati'];
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');
const YEAR_MS = 365 * 86_400_000;

const instant = fc.integer({ min: YEAR_START, max: YEAR_START + YEAR_MS }).map((ms) => new Date(ms));
const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45, 59)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const classes = fc.subarray(['standard', 'normal', 'emergency', 'major'] as const, { minLength: 1 });
const weeklyWindow = fc.record({ startDay: fc.integer({ min: 0, max: 6 }), startTime: hhmm, endDay: fc.integer({ min: 0, max: 6 }), endTime: hhmm, classes });
const localDate = instant.map((at) => at.toISOString().slice(0, 10));
const declaredFreeze = fc.record({
  start: instant,
  hours: fc.integer({ min: 1, max: 240 }),
  serviceIds: fc.subarray(['svc-pay', 'svc-cart']),
  environmentIds: fc.subarray([PROD.id, STAGING.id]),
}).map(({ start, hours, serviceIds, environmentIds }): DeclaredFreezePeriod => ({ id: 'frz', reason: 'Declared', startsAt: start, endsAt: new Date(start.getTime() + hours * 3_600_000), serviceIds, environmentIds }));
const incidentState = fc.record({ id: fc.constantFrom('1', '2'), severity: fc.constantFrom('sev1', 'sev2', 'sev3', 'sev4' as const), startedAt: instant, hours: fc.option(fc.integer({ min: 1, max: 72 })) })
  .map(({ hours, ...rest }): IncidentState => ({ ...rest, resolvedAt: hours === null ? null : new Date(rest.startedAt.getTime() + hours * 3_600_000) }));

const freezeContext = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  weeklyWindows: fc.array(weeklyWindow, { maxLength: 3 }),
  holidays: fc.array(localDate, { maxLength: 12 }),
  declaredFreezes: fc.array(declaredFreeze, { maxLength: 3 }),
  incidents: fc.array(incidentState, { maxLength: 2 }),
  override: fc.option(fc.record({ grantedAt: instant, hours: fc.integer({ min: 1, max: 24 }), commanderOfIncidentId: fc.option(fc.constantFrom('1', '2')) })
    .map(({ grantedAt, hours, commanderOfIncidentId }): OverrideGrant => ({ grantedAt, expiresAt: new Date(grantedAt.getTime() + hours * 3_600_000), commanderOfIncidentId }))),
});
const freezeInput = fc.record({
  changeClass: fc.constantFrom('standard', 'normal', 'emergency', 'major' as const),
  serviceIds: fc.subarray(['svc-pay', 'svc-cart']),
  incidentLinks: fc.array(fc.record({ incidentId: fc.constantFrom('1', '2'), link: fc.constantFrom('fixes', 'caused' as const) }), { maxLength: 2 }),
  environment: fc.constantFrom(PROD, STAGING, DEV),
  useOverride: fc.boolean(),
}).map(({ environment, useOverride, ...changeFields }): FreezeInput => ({ change: changeFields, environment, useOverride }));

const hasCalendarReason = (input: FreezeInput, at: Date, ctx: FreezeContext) => {
  const verdict = evaluateFreeze({ ...input, useOverride: false }, at, ctx);
  return verdict.reasons.some((reason) => CALENDAR_CODES.includes(reason.code));
};

describe('properties', () => {
  test('emergency changes are never held by the calendar', () => {
    fc.assert(
      fc.property(freezeInput, instant, freezeContext, (input, at, ctx) => {
        const emergency = { ...input, change: { ...input.change, changeClass: 'emergency' as const } };
        expect(hasCalendarReason(emergency, at, ctx)).toBe(false);
      }),
    );
  });

  test('an ungated environment is never blocked', () => {
    fc.assert(
      fc.property(freezeInput, instant, freezeContext, (input, at, ctx) => {
        expect(evaluateFreeze({ ...input, environment: DEV }, at, ctx)).toEqual({ blocked: false, reasons: [], liftedByOverride: [], nextAllowedAt: null });
      }),
    );
  });

  test('blocked only by the calendar: nextAllowedAt is the earliest instant the calendar is clear', () => {
    const noIncidents = freezeContext.map((ctx) => ({ ...ctx, incidents: [], override: null }));
    fc.assert(
      fc.property(freezeInput, instant, noIncidents, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), (input, at, ctx, fractions) => {
        const verdict = evaluateFreeze(input, at, ctx);
        if (!verdict.blocked) {
          expect(verdict.nextAllowedAt).toBeNull();
          return;
        }
        expect(verdict.reasons.every((reason) => [...CALENDAR_CODES, 'OVERRIDE_NOT_IN_FORCE'].includes(reason.code))).toBe(true);
        const next = verdict.nextAllowedAt;
        if (next === null) {
          // Only when the calendar stays closed across the look-ahead.
          expect(hasCalendarReason(input, new Date(at.getTime() + FREEZE_LOOKAHEAD_DAYS * 86_400_000), ctx)).toBe(true);
          return;
        }
        expect(next.getTime()).toBeGreaterThan(at.getTime());
        expect(hasCalendarReason(input, next, ctx)).toBe(false);
        // Earliest: every instant before it, down to the last millisecond, is still held.
        expect(hasCalendarReason(input, new Date(next.getTime() - 1), ctx)).toBe(true);
        for (const fraction of fractions) {
          const between = new Date(at.getTime() + Math.floor(fraction * (next.getTime() - at.getTime() - 1)));
          expect(hasCalendarReason(input, between, ctx)).toBe(true);
        }
      }),
    );
  });

  test('in a zone without daylight saving, the weekly window is plain minute-of-week arithmetic', () => {
    const fixedZones = fc.constantFrom('UTC', 'Asia/Tokyo', 'Asia/Kolkata', 'Pacific/Kiritimati');
    fc.assert(
      fc.property(weeklyWindow, instant, fixedZones, (win, at, timeZone) => {
        const minutes = (day: number, time: string) => day * 1440 + Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
        const wall = wallTime(at, timeZone);
        const now = wall.weekday * 1440 + wall.msOfDay / 60_000;
        const start = minutes(win.startDay, win.startTime);
        const end = minutes(win.endDay, win.endTime);
        const isInside = start < end ? start <= now && now < end : start > end && (now >= start || now < end);
        const ctx = context({ timeZone, weeklyWindows: [{ ...win, classes: ['normal'] }] });
        expect(evaluateFreeze(change('normal'), at, ctx).blocked).toBe(isInside);
      }),
    );
  });

  test('the default window always reopens at Monday 09:00 local, whatever the DST season', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom('America/New_York', 'Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe'), (at, timeZone) => {
        const next = evaluateFreeze(change(), at, context({ timeZone })).nextAllowedAt;
        if (next === null) return;
        expect(wallTime(next, timeZone)).toEqual({ date: expect.any(String), weekday: 1, msOfDay: 9 * 3_600_000 });
      }),
    );
  });

  test('results are identical whatever the process time zone', () => {
    const processZones = ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Kathmandu', 'UTC'];
    const original = process.env.TZ;
    try {
      fc.assert(
        fc.property(freezeInput, instant, freezeContext, (input, at, ctx) => {
          const results = processZones.map((zone) => {
            process.env.TZ = zone;
            return JSON.stringify(evaluateFreeze(input, at, ctx));
          });
          expect(new Set(results).size).toBe(1);
        }),
        { numRuns: 50 },
      );
      // The switch really happened: the runtime's own zone moved with TZ.
      process.env.TZ = 'Pacific/Kiritimati';
      const kiritimati = new Date('2026-03-06T00:00:00Z').getTimezoneOffset();
      process.env.TZ = 'America/Los_Angeles';
      expect(new Date('2026-03-06T00:00:00Z').getTimezoneOffset()).not.toBe(kiritimati);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});
