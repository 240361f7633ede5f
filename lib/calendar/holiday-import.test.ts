import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeHolidayFile, HolidayFileError, parseHolidayFile, planHolidayImport, type HolidayFile } from '@/lib/calendar/holiday-import';

const TODAY = '2026-06-01';

function csv(content: string, fileName = 'holidays.csv') {
  return parseHolidayFile({ fileName, content, today: TODAY });
}

function ics(events: string[], fileName = 'holidays.ics') {
  const content = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Changeboard//Test//EN', ...events, 'END:VCALENDAR'].join('\r\n');
  return parseHolidayFile({ fileName, content, today: TODAY });
}

function vevent(...lines: string[]): string {
  return ['BEGIN:VEVENT', `UID:${lines.join('|').length}-${Math.random()}@test`, 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'].join('\r\n');
}

const dates = (file: HolidayFile) => file.rows.map((row) => `${row.date} ${row.name}`);

describe('CSV', () => {
  test.each([
    { label: 'date,name with a header', content: 'date,name\n2026-12-25,Christmas Day\n2026-12-26,Boxing Day\n', rows: ['2026-12-25 Christmas Day', '2026-12-26 Boxing Day'] },
    { label: 'capitalised "Date,Holiday" columns in another order', content: 'Holiday,Date\nNew Year,2027-01-01\n', rows: ['2027-01-01 New Year'] },
    { label: 'a "Summary" column and an extra column', content: 'Date,Summary,Country\n2027-01-01,New Year,DE\n', rows: ['2027-01-01 New Year'] },
    { label: 'a header naming neither a date nor a name is refused', content: 'Datum;x\n', rows: null },
    { label: 'semicolons, as spreadsheets in comma-decimal locales write', content: 'date;name\n2026-10-03;Tag der Deutschen Einheit\n', rows: ['2026-10-03 Tag der Deutschen Einheit'] },
    { label: 'a quoted name with a comma and a quote', content: 'date,name\n2026-12-25,"Christmas, the ""big"" one"\n', rows: ['2026-12-25 Christmas, the "big" one'] },
    { label: 'a byte-order mark, CRLF line ends and blank lines', content: '\uFEFFdate,name\r\n\r\n2026-12-25,Christmas\r\n', rows: ['2026-12-25 Christmas'] },
    { label: '29 February of a leap year', content: 'date,name\n2028-02-29,Leap day\n', rows: ['2028-02-29 Leap day'] },
  ])('$label', ({ content, rows }) => {
    if (rows === null) expect(() => csv(content)).toThrow(HolidayFileError);
    else expect(dates(csv(content))).toEqual(rows);
  });

  test('bad rows are reported with their line and reason; good rows are kept', () => {
    const file = csv('date,name\n2026-12-25,Christmas\n2026-02-30,Impossible\n2027-02-29,Not a leap year\n25.12.2026,Day first\n2026-12-31,\n2026-12-25,Christmas\n2026-12-25,Xmas\n');
    expect(dates(file)).toEqual(['2026-12-25 Christmas']);
    expect(file.rejected).toEqual([
      { where: 'line 3', reason: '2026-02-30 is not a day of the calendar; check the day and the month.' },
      { where: 'line 4', reason: '2027-02-29 is not a day of the calendar; check the day and the month.' },
      { where: 'line 5', reason: 'Write the date as YYYY-MM-DD, e.g. 2026-12-25.' },
      { where: 'line 6', reason: 'Give the holiday a name.' },
      { where: 'line 7', reason: '2026-12-25 repeats line 2.' },
      { where: 'line 8', reason: '2026-12-25 is already “Christmas” on line 2.' },
    ]);
  });

  test.each([
    { label: 'no header', content: '2026-12-25,Christmas\n', message: 'The first line must name the columns' },
    { label: 'a header only', content: 'date,name\n', message: 'The CSV file has a header but no holidays.' },
    { label: 'an unclosed quote', content: 'date,name\n2026-12-25,"Christmas\n', message: 'The CSV file cannot be read near line 2: a quoted field is never closed.' },
    { label: 'over 2000 rows', content: `date,name\n${'2026-12-25,Christmas\n'.repeat(2001)}`, message: 'The file has 2001 rows; import at most 2000 at a time.' },
  ])('refused as a whole: $label', ({ content, message }) => {
    expect(() => csv(content)).toThrow(message);
  });

  test('property: holidays written as CSV read back as the same holidays', () => {
    const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    // Printable names, as a person would type them: commas, quotes and semicolons included.
    const name = fc.string({ unit: fc.constantFrom(...'abcXYZ äé–"\',;:()&0123456789'), minLength: 1, maxLength: 120 }).map((text) => text.trim()).filter((text) => text.length > 0);
    const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ date: day, name }), { selector: (row) => row.date, minLength: 1, maxLength: 50 }), fc.constantFrom(',', ';'), (rows, separator) => {
        const content = [`date${separator}name`, ...rows.map((row) => `${row.date}${separator}${quote(row.name)}`)].join('\n');
        const file = csv(content);
        expect(file.rejected).toEqual([]);
        expect(file.rows.map(({ date, name: holiday }) => ({ date, name: holiday }))).toEqual([...rows].sort((a, b) => a.date.localeCompare(b.date)));
      }),
    );
  });
});

describe('iCalendar', () => {
  test('all-day events, one day or several (DTEND is exclusive)', () => {
    const file = ics([
      vevent('DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261227', 'SUMMARY:Christmas break'),
      vevent('DTSTART;VALUE=DATE:20261003', 'SUMMARY:Unity Day'),
      vevent('DTSTART;VALUE=DATE:20261231', 'DURATION:P1D', 'SUMMARY:New Year’s Eve'),
    ]);
    expect(file.format).toBe('ics');
    expect(dates(file)).toEqual(['2026-10-03 Unity Day', '2026-12-24 Christmas break', '2026-12-25 Christmas break', '2026-12-26 Christmas break', '2026-12-31 New Year’s Eve']);
    expect(file.rejected).toEqual([]);
  });

  test('timed, impossible, nameless and cancelled events are rejected one by one, with their number', () => {
    const file = ics([
      vevent('DTSTART:20260301T090000Z', 'DTEND:20260301T100000Z', 'SUMMARY:Offsite'),
      vevent('DTSTART;VALUE=DATE:20260230', 'SUMMARY:Impossible'),
      vevent('DTSTART;VALUE=DATE:20261225'),
      vevent('DTSTART;VALUE=DATE:20261226', 'STATUS:CANCELLED', 'SUMMARY:Boxing Day'),
      vevent('DTSTART;VALUE=DATE:20261228', 'DTEND;VALUE=DATE:20261227', 'SUMMARY:Backwards'),
      vevent('DTSTART;VALUE=DATE:20261001', 'SUMMARY:Kept'),
    ]);
    expect(dates(file)).toEqual(['2026-10-01 Kept']);
    expect(file.rejected).toEqual([
      { where: 'event 1 (“Offsite”)', reason: 'It has a time of day: holidays are whole local days, so make it an all-day event (DTSTART;VALUE=DATE).' },
      { where: 'event 2 (“Impossible”)', reason: 'Its start date 2026-02-30 is not a day of the calendar.' },
      { where: 'event 3, 2026-12-25', reason: 'The event has no usable name (SUMMARY): Give the holiday a name.' },
      { where: 'event 4 (“Boxing Day”)', reason: 'The event is cancelled (STATUS:CANCELLED).' },
      { where: 'event 5 (“Backwards”)', reason: 'It ends (2026-12-27) before it starts (2026-12-28).' },
    ]);
  });

  test('a yearly event is expanded 3 years ahead of today, skipping excluded dates', () => {
    const file = ics([vevent('DTSTART;VALUE=DATE:20201225', 'RRULE:FREQ=YEARLY', 'EXDATE;VALUE=DATE:20271225', 'SUMMARY:Christmas Day')]);
    expect(dates(file)).toEqual(['2026-12-25 Christmas Day', '2028-12-25 Christmas Day']);
  });

  test('a yearly 29 February happens in leap years only (RFC 5545 skips invalid dates)', () => {
    const file = parseHolidayFile({ fileName: 'leap.ics', content: ['BEGIN:VCALENDAR', vevent('DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY', 'SUMMARY:Leap day'), 'END:VCALENDAR'].join('\n'), today: '2026-01-01' });
    expect(dates(file)).toEqual(['2028-02-29 Leap day']);
  });

  test('a rule by weekday (fourth Thursday of November) and a changed occurrence', () => {
    const uid = 'thanksgiving@test';
    const file = ics([
      ['BEGIN:VEVENT', `UID:${uid}`, 'DTSTART;VALUE=DATE:20251127', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH', 'SUMMARY:Thanksgiving', 'END:VEVENT'].join('\r\n'),
      ['BEGIN:VEVENT', `UID:${uid}`, 'RECURRENCE-ID;VALUE=DATE:20271125', 'DTSTART;VALUE=DATE:20271125', 'DTEND;VALUE=DATE:20271127', 'SUMMARY:Thanksgiving (long)', 'END:VEVENT'].join('\r\n'),
    ]);
    expect(dates(file)).toEqual(['2026-11-26 Thanksgiving', '2027-11-25 Thanksgiving (long)', '2027-11-26 Thanksgiving (long)', '2028-11-23 Thanksgiving']);
    expect(file.rejected).toEqual([]);
  });

  test('a recurring event with no occurrence within the horizon is reported', () => {
    const file = ics([vevent('DTSTART;VALUE=DATE:20100101', 'RRULE:FREQ=YEARLY;UNTIL=20120101', 'SUMMARY:Old'), vevent('DTSTART;VALUE=DATE:20261001', 'SUMMARY:Kept')]);
    expect(file.rejected).toEqual([{ where: 'event 1 (“Old”)', reason: 'The recurring event has no occurrence from 2026-06-01 to 2029-05-31 (imports look 3 years ahead).' }]);
  });

  test.each([
    { label: 'a .ics file that is not a calendar', fileName: 'x.ics', content: 'date,name\n2026-12-25,Christmas\n', message: 'This .ics file is not an iCalendar file' },
    { label: 'a calendar without events', fileName: 'x.ics', content: 'BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n', message: 'The calendar has no events (VEVENT) to import.' },
    { label: 'a broken calendar', fileName: 'x.ics', content: 'BEGIN:VCALENDAR\nthis is not a property\nEND:VCALENDAR\n', message: 'The iCalendar file cannot be read' },
  ])('refused as a whole: $label', ({ fileName, content, message }) => {
    expect(() => parseHolidayFile({ fileName, content, today: TODAY })).toThrow(message);
  });

  test('a calendar is recognised by its content whatever its name', () => {
    expect(ics([vevent('DTSTART;VALUE=DATE:20261003', 'SUMMARY:Unity Day')], 'export.txt').format).toBe('ics');
  });
});

describe('the file itself', () => {
  test.each([
    { label: 'an empty file', fileName: 'x.csv', content: '  \n', message: 'The file is empty.' },
    { label: 'another kind of file', fileName: 'holidays.xlsx', content: 'PK…', message: 'Upload a .csv file (columns date,name) or an .ics calendar.' },
    { label: 'a binary file', fileName: 'holidays.csv', content: 'date\u0000name', message: 'The file is not text. Upload a .csv or .ics file.' },
    { label: 'over 1 MB', fileName: 'holidays.csv', content: `date,name\n${'x'.repeat(1_048_576)}`, message: 'The file is over 1 MB; split it into smaller files.' },
  ])('$label', ({ fileName, content, message }) => {
    expect(() => parseHolidayFile({ fileName, content, today: TODAY })).toThrow(message);
  });

  test.each([
    { label: 'no bytes', bytes: new Uint8Array(), message: 'The file is empty.' },
    { label: 'Latin-1 bytes', bytes: new Uint8Array([0x64, 0xe9, 0x0a]), message: 'The file is not UTF-8 text.' },
  ])('decoding refuses $label', ({ bytes, message }) => {
    expect(() => decodeHolidayFile(bytes)).toThrow(message);
  });

  test('decoding reads UTF-8', () => {
    expect(decodeHolidayFile(new TextEncoder().encode('date,name\n2026-05-01,Tag der Arbeit – 1. Mai\n'))).toBe('date,name\n2026-05-01,Tag der Arbeit – 1. Mai\n');
  });
});

describe('planHolidayImport', () => {
  test('sorts rows into added, renamed and unchanged, and keeps the rejected ones', () => {
    const file = csv('date,name\n2026-12-24,Christmas Eve\n2026-12-25,Christmas Day\n2026-12-26,Boxing Day\n2026-02-30,Bad\n');
    const plan = planHolidayImport(file, new Map([['2026-12-25', 'Christmas Day'], ['2026-12-26', 'St Stephen’s Day']]));
    expect(plan).toEqual({
      format: 'csv',
      added: [{ date: '2026-12-24', name: 'Christmas Eve', where: 'line 2' }],
      renamed: [{ date: '2026-12-26', name: 'Boxing Day', where: 'line 4', previousName: 'St Stephen’s Day' }],
      unchanged: [{ date: '2026-12-25', name: 'Christmas Day', where: 'line 3' }],
      rejected: [{ where: 'line 5', reason: '2026-02-30 is not a day of the calendar; check the day and the month.' }],
    });
  });
});
