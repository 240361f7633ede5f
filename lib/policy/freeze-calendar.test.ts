import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { heldClassGroups, productionFreezeStatus, sortCalendarEntries, weeklyWindowOccurrences, type NamedDeclaredFreeze, type ProductionCalendar } from '@/lib/policy/freeze-calendar';
import { weeklyOccurrenceContaining } from '@/lib/policy/freeze-window';
import type { WeeklyWindow } from '@/lib/policy/policy-settings';
import type { IncidentState } from '@/lib/policy/freeze-window';

const WEEKEND: WeeklyWindow = { startDay: 5, startTime: '15:00', endDay: 1, endTime: '09:00', classes: ['standard', 'normal', 'major'] };
const STANDARD_NORMAL: WeeklyWindow = { ...WEEKEND, classes: ['standard', 'normal'] };
const PROD = { id: 'env-prod', isGated: true };

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
const spans = (found: { start: Date; end: Date }[]) => found.map(({ start, end }) => [start.toISOString(), end.toISOString()]);

function calendar(overrides: Partial<ProductionCalendar> = {}): ProductionCalendar {
  return { timeZone: 'Europe/Berlin', weeklyWindows: [WEEKEND], holidays: [], declaredFreezes: [], incidents: [], productionEnvironments: [PROD], ...overrides };
}

function freeze(startsAt: string, endsAt: string, overrides: Partial<NamedDeclaredFreeze> = {}): NamedDeclaredFreeze {
  return { id: 'frz-1', reason: 'Black Friday', startsAt: new Date(startsAt), endsAt: new Date(endsAt), serviceIds: [], environmentIds: [], serviceNames: [], ...overrides };
}

function incident(overrides: Partial<IncidentState> = {}): IncidentState {
  return { id: 'inc-1', reference: 'INC-7', severity: 'sev1', startedAt: new Date('2026-11-25T10:00:00Z'), resolvedAt: null, ...overrides };
}

describe('weekly window occurrences in a range', () => {
  test.each([
    {
      label: 'Berlin, a plain week in November (CET, UTC+1)',
      zone: 'Europe/Berlin', from: '2026-11-23T00:00:00Z', to: '2026-11-30T00:00:00Z',
      expected: [['2026-11-20T14:00:00.000Z', '2026-11-23T08:00:00.000Z'], ['2026-11-27T14:00:00.000Z', '2026-11-30T08:00:00.000Z']],
    },
    {
      // Clocks go forward Sun 29 Mar 2026 02:00 → 03:00: Friday 15:00 is CET, Monday 09:00 CEST.
      label: 'Berlin, the window across the spring DST change ends at 07:00Z, not 08:00Z',
      zone: 'Europe/Berlin', from: '2026-03-28T00:00:00Z', to: '2026-03-29T00:00:00Z',
      expected: [['2026-03-27T14:00:00.000Z', '2026-03-30T07:00:00.000Z']],
    },
    {
      // Clocks go back Sun 25 Oct 2026 03:00 → 02:00: Friday 15:00 is CEST, Monday 09:00 CET.
      label: 'Berlin, the window across the autumn DST change starts at 13:00Z and ends at 08:00Z',
      zone: 'Europe/Berlin', from: '2026-10-24T00:00:00Z', to: '2026-10-25T00:00:00Z',
      expected: [['2026-10-23T13:00:00.000Z', '2026-10-26T08:00:00.000Z']],
    },
    {
      // Clocks go forward Sun 8 Mar 2026 in New York: Friday 15:00 EST (20:00Z), Monday 09:00 EDT (13:00Z).
      label: 'New York, spring DST change',
      zone: 'America/New_York', from: '2026-03-07T00:00:00Z', to: '2026-03-08T00:00:00Z',
      expected: [['2026-03-06T20:00:00.000Z', '2026-03-09T13:00:00.000Z']],
    },
    {
      // Clocks go back Sun 1 Nov 2026 in New York: Friday 15:00 EDT (19:00Z), Monday 09:00 EST (14:00Z).
      label: 'New York, autumn DST change',
      zone: 'America/New_York', from: '2026-10-31T00:00:00Z', to: '2026-11-01T00:00:00Z',
      expected: [['2026-10-30T19:00:00.000Z', '2026-11-02T14:00:00.000Z']],
    },
    {
      // Far from any server's zone: Friday 15:00 in Auckland (NZDT, UTC+13) is Friday 02:00Z.
      label: 'Pacific/Auckland, a zone unlike the server’s',
      zone: 'Pacific/Auckland', from: '2026-11-27T00:00:00Z', to: '2026-11-27T03:00:00Z',
      expected: [['2026-11-27T02:00:00.000Z', '2026-11-29T20:00:00.000Z']],
    },
    {
      label: 'a range ending exactly when a window starts touches nothing (half-open)',
      zone: 'Europe/Berlin', from: '2026-11-25T00:00:00Z', to: '2026-11-27T14:00:00Z', expected: [],
    },
    {
      label: 'a range starting exactly when a window ends touches nothing (half-open)',
      zone: 'Europe/Berlin', from: '2026-11-30T08:00:00Z', to: '2026-12-04T00:00:00Z', expected: [],
    },
    { label: 'an empty range has no occurrences', zone: 'UTC', from: '2026-11-28T00:00:00Z', to: '2026-11-28T00:00:00Z', expected: [] },
  ])('$label', ({ zone, from, to, expected }) => {
    expect(spans(weeklyWindowOccurrences([WEEKEND], new Date(from), new Date(to), zone))).toEqual(expected);
  });

  test('several windows come back in start order, each with its window', () => {
    const midweek: WeeklyWindow = { startDay: 3, startTime: '22:00', endDay: 4, endTime: '06:00', classes: ['major'] };
    const found = weeklyWindowOccurrences([WEEKEND, midweek], new Date('2026-11-23T00:00:00Z'), new Date('2026-11-30T00:00:00Z'), 'UTC');
    expect(found.map((occurrence) => [occurrence.window.startDay, occurrence.start.toISOString()])).toEqual([
      [5, '2026-11-20T15:00:00.000Z'], [3, '2026-11-25T22:00:00.000Z'], [5, '2026-11-27T15:00:00.000Z'],
    ]);
  });

  const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Auckland', 'Australia/Lord_Howe', 'America/Santiago'];
  const windowArbitrary = fc.record({
    startDay: fc.integer({ min: 0, max: 6 }), startHour: fc.integer({ min: 0, max: 23 }), startMinute: fc.constantFrom(0, 15, 30, 45),
    endDay: fc.integer({ min: 0, max: 6 }), endHour: fc.integer({ min: 0, max: 23 }), endMinute: fc.constantFrom(0, 30),
  }).filter((raw) => raw.startDay * 1440 + raw.startHour * 60 + raw.startMinute !== raw.endDay * 1440 + raw.endHour * 60 + raw.endMinute)
    .map((raw): WeeklyWindow => ({
      startDay: raw.startDay, startTime: `${String(raw.startHour).padStart(2, '0')}:${String(raw.startMinute).padStart(2, '0')}`,
      endDay: raw.endDay, endTime: `${String(raw.endHour).padStart(2, '0')}:${String(raw.endMinute).padStart(2, '0')}`, classes: ['standard'],
    }));
  const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') });

  test('property: an instant in the range lies in a listed occurrence exactly when the gate finds the window holding it', () => {
    fc.assert(fc.property(windowArbitrary, fc.constantFrom(...ZONES), instant, fc.integer({ min: 1, max: 40 * 86_400_000 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      (window, zone, fromMs, lengthMs, fraction) => {
        const from = new Date(fromMs);
        const to = new Date(fromMs + lengthMs);
        const at = new Date(fromMs + Math.floor(lengthMs * fraction));
        const found = weeklyWindowOccurrences([window], from, to, zone);
        const isListed = found.some((occurrence) => occurrence.start <= at && at < occurrence.end);
        expect(isListed).toBe(weeklyOccurrenceContaining(window, at, zone) !== null);
      }), { numRuns: 300 });
  });

  test('property: occurrences overlap the range, are sorted, and one window’s never overlap each other', () => {
    fc.assert(fc.property(windowArbitrary, fc.constantFrom(...ZONES), instant, fc.integer({ min: 1, max: 60 * 86_400_000 }), (window, zone, fromMs, lengthMs) => {
      const from = new Date(fromMs);
      const to = new Date(fromMs + lengthMs);
      const found = weeklyWindowOccurrences([window], from, to, zone);
      for (const [index, occurrence] of found.entries()) {
        expect(occurrence.start < to && from < occurrence.end && occurrence.start < occurrence.end).toBe(true);
        if (index > 0) expect(found[index - 1]!.end <= occurrence.start).toBe(true);
      }
    }), { numRuns: 300 });
  });
});

describe('production freeze status: why, for which classes, until when', () => {
  test.each([
    {
      // Sat 28 Nov 2026 12:00 in Berlin (11:00Z): the weekend window; Monday 09:00 CET is 08:00Z.
      label: 'the weekend window holds standard, normal and major until Monday 09:00 Berlin; emergency deploys',
      at: '2026-11-28T11:00:00Z', cal: calendar(),
      held: { standard: '2026-11-30T08:00:00.000Z', normal: '2026-11-30T08:00:00.000Z', major: '2026-11-30T08:00:00.000Z' }, kinds: ['weekly-window'],
    },
    {
      label: 'a window listing standard and normal only leaves major open',
      at: '2026-11-28T11:00:00Z', cal: calendar({ weeklyWindows: [STANDARD_NORMAL] }),
      held: { standard: '2026-11-30T08:00:00.000Z', normal: '2026-11-30T08:00:00.000Z' }, kinds: ['weekly-window'],
    },
    { label: 'Wednesday noon is open', at: '2026-11-25T11:00:00Z', cal: calendar(), held: {}, kinds: [] },
    {
      label: 'Friday 14:59 Berlin is open, 15:00 is frozen',
      at: '2026-11-27T13:59:59.999Z', cal: calendar(), held: {}, kinds: [],
    },
    {
      // 25 Dec 2026 starts at 23:00Z on the 24th in Berlin: a holiday is the local day, not the UTC day.
      label: 'a holiday holds from local midnight (23:00Z the evening before)',
      at: '2026-12-24T23:30:00Z', cal: calendar({ weeklyWindows: [], holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] }),
      held: { standard: '2026-12-25T23:00:00.000Z', normal: '2026-12-25T23:00:00.000Z', major: '2026-12-25T23:00:00.000Z' }, kinds: ['holiday'],
    },
    {
      label: 'the UTC holiday date does not count when the local date differs',
      at: '2026-12-25T23:30:00Z', cal: calendar({ weeklyWindows: [], holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] }),
      held: {}, kinds: [],
    },
    {
      // Thursday 24 Dec is a holiday, Friday 25 too, then the weekend window: one opening on Monday 28 Dec.
      label: 'holidays chain into the weekend window: the opening is Monday 09:00',
      at: '2026-12-24T10:00:00Z', cal: calendar({ holidays: [{ date: '2026-12-24', name: 'Christmas Eve' }, { date: '2026-12-25', name: 'Christmas Day' }] }),
      held: { standard: '2026-12-28T08:00:00.000Z', normal: '2026-12-28T08:00:00.000Z', major: '2026-12-28T08:00:00.000Z' }, kinds: ['holiday'],
    },
    {
      label: 'a declared freeze holds every class but emergency until it ends',
      at: '2026-11-25T11:00:00Z', cal: calendar({ declaredFreezes: [freeze('2026-11-25T08:00:00Z', '2026-11-26T18:00:00Z')] }),
      held: { standard: '2026-11-26T18:00:00.000Z', normal: '2026-11-26T18:00:00.000Z', major: '2026-11-26T18:00:00.000Z' }, kinds: ['declared-freeze'],
    },
    {
      label: 'a declared freeze running into the weekend: the opening is after both',
      at: '2026-11-27T10:00:00Z', cal: calendar({ declaredFreezes: [freeze('2026-11-27T08:00:00Z', '2026-11-27T16:00:00Z')] }),
      held: { standard: '2026-11-30T08:00:00.000Z', normal: '2026-11-30T08:00:00.000Z', major: '2026-11-30T08:00:00.000Z' }, kinds: ['declared-freeze'],
    },
    {
      label: 'a freeze limited to a staging environment does not freeze production',
      at: '2026-11-25T11:00:00Z', cal: calendar({ declaredFreezes: [freeze('2026-11-25T08:00:00Z', '2026-11-26T18:00:00Z', { environmentIds: ['env-staging'] })] }),
      held: {}, kinds: [],
    },
    {
      label: 'a freeze limited to the production environment does',
      at: '2026-11-25T11:00:00Z', cal: calendar({ declaredFreezes: [freeze('2026-11-25T08:00:00Z', '2026-11-26T18:00:00Z', { environmentIds: ['env-prod'] })] }),
      held: { standard: '2026-11-26T18:00:00.000Z', normal: '2026-11-26T18:00:00.000Z', major: '2026-11-26T18:00:00.000Z' }, kinds: ['declared-freeze'],
    },
    {
      label: 'a freeze limited to services freezes production for them',
      at: '2026-11-25T11:00:00Z', cal: calendar({ declaredFreezes: [freeze('2026-11-25T08:00:00Z', '2026-11-26T18:00:00Z', { serviceIds: ['svc-pay'], serviceNames: ['Payments'] })] }),
      held: { standard: '2026-11-26T18:00:00.000Z', normal: '2026-11-26T18:00:00.000Z', major: '2026-11-26T18:00:00.000Z' }, kinds: ['declared-freeze'],
    },
    {
      label: 'an active SEV1 holds every class, emergency too, with no predictable end',
      at: '2026-11-25T11:00:00Z', cal: calendar({ incidents: [incident()] }),
      held: { standard: null, normal: null, major: null, emergency: null }, kinds: ['incident'],
    },
    {
      label: 'a SEV3 holds nothing',
      at: '2026-11-25T11:00:00Z', cal: calendar({ incidents: [incident({ severity: 'sev3' })] }), held: {}, kinds: [],
    },
    {
      label: 'a resolved SEV2 holds nothing (half-open: resolved at this instant)',
      at: '2026-11-25T11:00:00Z', cal: calendar({ incidents: [incident({ severity: 'sev2', resolvedAt: new Date('2026-11-25T11:00:00Z') })] }), held: {}, kinds: [],
    },
    {
      label: 'every reason at once: window, holiday, freeze and incident',
      at: '2026-11-28T11:00:00Z',
      cal: calendar({ holidays: [{ date: '2026-11-28', name: 'Founders Day' }], declaredFreezes: [freeze('2026-11-28T00:00:00Z', '2026-11-29T00:00:00Z')], incidents: [incident({ severity: 'sev2' })] }),
      held: { standard: null, normal: null, major: null, emergency: null }, kinds: ['weekly-window', 'holiday', 'declared-freeze', 'incident'],
    },
  ])('$label', ({ at, cal, held, kinds }) => {
    const status = productionFreezeStatus(new Date(at), cal);
    const heldNow = Object.fromEntries(status.classes.filter((entry) => entry.isHeld).map((entry) => [entry.changeClass, iso(entry.nextAllowedAt)]));
    expect(heldNow).toEqual(held);
    expect(status.isFrozen).toBe(Object.keys(held).length > 0);
    expect(status.reasons.map((reason) => reason.kind)).toEqual(kinds);
    expect(status.timeZone).toBe(cal.timeZone);
  });

  test('reasons carry what the banner names: the window’s span, the holiday’s name, the freeze’s services', () => {
    const status = productionFreezeStatus(new Date('2026-11-28T11:00:00Z'), calendar({
      holidays: [{ date: '2026-11-28', name: 'Founders Day' }],
      declaredFreezes: [freeze('2026-11-28T00:00:00Z', '2026-11-29T00:00:00Z', { serviceIds: ['svc-pay'], serviceNames: ['Payments'] })],
    }));
    expect(status.reasons).toEqual([
      { kind: 'weekly-window', window: WEEKEND, startsAt: new Date('2026-11-27T14:00:00Z'), endsAt: new Date('2026-11-30T08:00:00Z'), holds: ['standard', 'normal', 'major'] },
      { kind: 'holiday', date: '2026-11-28', name: 'Founders Day', startsAt: new Date('2026-11-27T23:00:00Z'), endsAt: new Date('2026-11-28T23:00:00Z'), holds: ['standard', 'normal', 'major'] },
      { kind: 'declared-freeze', id: 'frz-1', reason: 'Black Friday', startsAt: new Date('2026-11-28T00:00:00Z'), endsAt: new Date('2026-11-29T00:00:00Z'), serviceNames: ['Payments'], holds: ['standard', 'normal', 'major'] },
    ]);
  });

  test('with the gate off in every production environment nothing freezes there', () => {
    const status = productionFreezeStatus(new Date('2026-11-28T11:00:00Z'), calendar({ productionEnvironments: [{ id: 'env-prod', isGated: false }], incidents: [incident()] }));
    expect(status).toMatchObject({ isFrozen: false, isGateOff: true, reasons: [] });
  });

  test('an invalid instant is refused', () => {
    expect(() => productionFreezeStatus(new Date(Number.NaN), calendar())).toThrow(RangeError);
  });

  test('held classes group by their next opening', () => {
    const major: WeeklyWindow = { startDay: 5, startTime: '12:00', endDay: 1, endTime: '12:00', classes: ['major'] };
    const status = productionFreezeStatus(new Date('2026-11-28T11:00:00Z'), calendar({ weeklyWindows: [STANDARD_NORMAL, major] }));
    expect(heldClassGroups(status).map((group) => ({ classes: group.classes, next: iso(group.nextAllowedAt) }))).toEqual([
      { classes: ['standard', 'normal'], next: '2026-11-30T08:00:00.000Z' },
      { classes: ['major'], next: '2026-11-30T11:00:00.000Z' },
    ]);
  });

  // Invariant 7: the answer depends on the instant and the calendar only, and the reasons explain it.
  test('property: a class is held exactly when some reason holds it, and its opening is never before now', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];
    fc.assert(fc.property(
      fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }), fc.constantFrom(...zones),
      fc.boolean(), fc.boolean(), fc.constantFrom<IncidentState['severity']>('sev1', 'sev2', 'sev3', 'sev4'), fc.integer({ min: -3, max: 3 }),
      (ms, zone, hasHoliday, hasFreeze, severity, dayOffset) => {
        const at = new Date(ms);
        const near = new Date(ms + dayOffset * 86_400_000);
        const cal = calendar({
          timeZone: zone,
          holidays: hasHoliday ? [{ date: near.toISOString().slice(0, 10), name: 'Holiday' }] : [],
          declaredFreezes: hasFreeze ? [freeze(new Date(ms - 86_400_000).toISOString(), near.toISOString())] : [],
          incidents: [incident({ severity, startedAt: near })],
        });
        const status = productionFreezeStatus(at, cal);
        for (const entry of status.classes) {
          expect(entry.isHeld).toBe(status.reasons.some((reason) => reason.holds.includes(entry.changeClass)));
          if (entry.nextAllowedAt) expect(entry.nextAllowedAt.getTime()).toBeGreaterThan(at.getTime());
        }
      },
    ), { numRuns: 300 });
  });
});

describe('calendar entries within a day', () => {
  test('freezes come before what happens, then by start', () => {
    const entry = (kind: 'holiday' | 'deployment' | 'weekly-window', start: string) => ({ kind, start: new Date(start) });
    const sorted = sortCalendarEntries([entry('deployment', '2026-11-27T09:00:00Z'), entry('weekly-window', '2026-11-27T14:00:00Z'), entry('deployment', '2026-11-27T08:00:00Z'), entry('holiday', '2026-11-27T00:00:00Z')]);
    expect(sorted.map((item) => `${item.kind} ${item.start.toISOString().slice(11, 16)}`)).toEqual(['holiday 00:00', 'weekly-window 14:00', 'deployment 08:00', 'deployment 09:00']);
  });
});
