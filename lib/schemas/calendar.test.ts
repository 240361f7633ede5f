import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ZHoliday, zDeclaredFreeze, zDeclaredFreezeEdit } from '@/lib/schemas/calendar';

const BERLIN = 'Europe/Berlin';
const SERVICE = '0190f5a0-0000-7000-8000-000000000001';

function fieldErrors(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
}

describe('ZHoliday', () => {
  test.each([
    { label: 'a real date', date: '2026-12-25', name: 'Christmas Day', errors: {} },
    { label: 'spaces around the values are trimmed', date: ' 2026-12-25 ', name: '  Christmas Day ', errors: {} },
    { label: '29 February of a leap year', date: '2028-02-29', name: 'Leap day', errors: {} },
    { label: '29 February of a common year', date: '2027-02-29', name: 'Leap day', errors: { date: ['2027-02-29 is not a day of the calendar; check the day and the month.'] } },
    { label: '30 February', date: '2026-02-30', name: 'Nothing', errors: { date: ['2026-02-30 is not a day of the calendar; check the day and the month.'] } },
    { label: 'month 13', date: '2026-13-01', name: 'Nothing', errors: { date: ['2026-13-01 is not a day of the calendar; check the day and the month.'] } },
    { label: 'a day-first date', date: '25/12/2026', name: 'Christmas', errors: { date: ['Write the date as YYYY-MM-DD, e.g. 2026-12-25.'] } },
    { label: 'a blank date', date: '', name: 'Christmas', errors: { date: ['Enter the date as YYYY-MM-DD, e.g. 2026-12-25.'] } },
    { label: 'a blank name', date: '2026-12-25', name: '   ', errors: { name: ['Give the holiday a name.'] } },
    { label: 'a name of 121 characters', date: '2026-12-25', name: 'x'.repeat(121), errors: { name: ['At most 120 characters.'] } },
    { label: 'a name with a control character', date: '2026-12-25', name: 'Christmas\u0007', errors: { name: ['Remove control characters.'] } },
  ])('$label', ({ date, name, errors }) => {
    expect(fieldErrors(ZHoliday, { date, name })).toEqual(errors);
  });

  test('a valid holiday parses to trimmed values', () => {
    expect(ZHoliday.parse({ date: ' 2028-02-29', name: ' Leap day ' })).toEqual({ date: '2028-02-29', name: 'Leap day' });
  });
});

describe('zDeclaredFreeze (times typed in Europe/Berlin)', () => {
  const valid = { reason: 'Year-end close', startsAt: '2026-12-23T18:00', endsAt: '2027-01-04T09:00', serviceIds: [], environmentIds: [] };

  test.each([
    { label: 'a valid freeze', input: {}, errors: {} },
    // Berlin springs forward on 29 March 2026 at 02:00 → 03:00, and falls back on 25 October 03:00 → 02:00.
    { label: 'a start inside the spring DST gap', input: { startsAt: '2026-03-29T02:30' },
      errors: { startsAt: ['2026-03-29 02:30 does not exist in Europe/Berlin (the clocks jump forward over it); choose a time after the jump.'] } },
    { label: 'an end inside the autumn DST overlap', input: { startsAt: '2026-10-24T09:00', endsAt: '2026-10-25T02:30' },
      errors: { endsAt: ['2026-10-25 02:30 happens twice in Europe/Berlin (the clocks go back that night); choose a time outside the repeated hour.'] } },
    { label: 'an impossible date', input: { startsAt: '2026-02-30T10:00' }, errors: { startsAt: ['2026-02-30 is not a day of the calendar; check the day and the month.'] } },
    { label: 'malformed text', input: { startsAt: 'tomorrow' }, errors: { startsAt: ['Enter a date and time, e.g. 2026-12-24T18:00.'] } },
    { label: 'an end before the start', input: { endsAt: '2026-12-22T18:00' }, errors: { endsAt: ['The freeze ends before it starts: its end must be after its start.'] } },
    { label: 'an end equal to the start (an empty period)', input: { endsAt: '2026-12-23T18:00' }, errors: { endsAt: ['The freeze ends before it starts: its end must be after its start.'] } },
    { label: 'no end at all', input: { endsAt: '' }, errors: { endsAt: ['A freeze must end: enter when it ends.'] } },
    { label: 'a missing end field', input: { endsAt: undefined }, errors: { endsAt: ['A freeze must end: enter when it ends.'] } },
    { label: 'no start', input: { startsAt: ' ' }, errors: { startsAt: ['Enter when the freeze starts.'] } },
    { label: 'exactly 366 days', input: { startsAt: '2027-01-01T00:00', endsAt: '2028-01-02T00:00' }, errors: {} },
    { label: 'a minute over 366 days', input: { startsAt: '2027-01-01T00:00', endsAt: '2028-01-02T00:01' }, errors: { endsAt: ['A freeze lasts at most 366 days; shorten it or declare several.'] } },
    { label: 'a blank reason', input: { reason: '  ' }, errors: { reason: ['Say why the freeze is declared.'] } },
    { label: 'a reason over 500 characters', input: { reason: 'x'.repeat(501) }, errors: { reason: ['At most 500 characters.'] } },
    { label: 'a reason on several lines', input: { reason: 'Year-end close.\r\nAsk Morgan for exceptions.' }, errors: {} },
    { label: 'a service id that is no id', input: { serviceIds: ['checkout'] }, errors: { serviceIds: ['Unknown service.'] } },
  ])('$label', ({ input, errors }) => {
    expect(fieldErrors(zDeclaredFreeze(BERLIN), { ...valid, ...input })).toEqual(errors);
  });

  test('times become the instants they name in the zone; ticked ids come once, sorted', () => {
    const other = '0190f5a0-0000-7000-8000-000000000000';
    const parsed = zDeclaredFreeze(BERLIN).parse({ ...valid, serviceIds: [SERVICE, other, SERVICE] });
    expect(parsed).toEqual({
      reason: 'Year-end close',
      startsAt: new Date('2026-12-23T17:00:00.000Z'),
      endsAt: new Date('2027-01-04T08:00:00.000Z'),
      serviceIds: [other, SERVICE],
      environmentIds: [],
    });
  });

  test('the same local time is another instant in another zone', () => {
    expect(zDeclaredFreeze('America/New_York').parse(valid).startsAt).toEqual(new Date('2026-12-23T23:00:00.000Z'));
  });

  test('the edit form checks the period too, and needs the id and version', () => {
    expect(fieldErrors(zDeclaredFreezeEdit(BERLIN), { ...valid, endsAt: '2026-12-01T00:00', freezeId: 'x', expectedVersion: '0' })).toEqual({
      endsAt: ['The freeze ends before it starts: its end must be after its start.'],
      freezeId: ['Invalid UUID'],
      expectedVersion: ['Too small: expected number to be >0'],
    });
  });
});
