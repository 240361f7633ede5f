import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isoToLocalInput, localInputToIso } from '@/lib/time/local-input';

describe('localInputToIso', () => {
  test.each([
    { label: 'blank is no time', value: '  ', zone: 'UTC', result: null },
    { label: 'a Berlin winter afternoon', value: '2026-03-06T15:00', zone: 'Europe/Berlin', result: '2026-03-06T14:00:00.000Z' },
    { label: 'a Berlin summer afternoon', value: '2026-07-06T15:00', zone: 'Europe/Berlin', result: '2026-07-06T13:00:00.000Z' },
    { label: 'an impossible date is left for the schema to refuse', value: '2026-02-30T10:00', zone: 'UTC', result: '2026-02-30T10:00' },
    { label: 'a time in the spring-forward gap is refused', value: '2026-03-29T02:30', zone: 'Europe/Berlin', result: '2026-03-29T02:30' },
    { label: 'a time in the autumn overlap is refused', value: '2026-10-25T02:30', zone: 'Europe/Berlin', result: '2026-10-25T02:30' },
    { label: 'malformed text is left as it is', value: 'tomorrow', zone: 'UTC', result: 'tomorrow' },
  ])('$label', ({ value, zone, result }) => {
    expect(localInputToIso(value, zone)).toBe(result);
  });

  test('property: an instant shown as a local input reads back as the same minute', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom('UTC', 'Asia/Kolkata', 'America/New_York', 'Australia/Lord_Howe'), (date, zone) => {
        const minute = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
        const readBack = localInputToIso(isoToLocalInput(minute, zone), zone);
        // Inside a DST overlap the local input is ambiguous and refused; everywhere else it round-trips.
        if (readBack !== isoToLocalInput(minute, zone)) expect(readBack).toBe(minute.toISOString());
      }),
    );
  });
});
