// Importing holidays: a dry-run preview, then an all-or-nothing, idempotent apply audited once.
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { createHoliday } from '@/lib/server/calendar/create-holiday';
import { importHolidays } from '@/lib/server/calendar/import-holidays';
import { freshDates } from '@/lib/server/calendar/test-dates';
import { createUser, uniqueSuffix } from '@/prisma/factories';
import { addCalendarDays } from '@/lib/time/local-day';

const AT = new Date('2026-11-24T10:00:00.000Z');

afterAll(() => db.$disconnect());

const dbDate = (date: string) => new Date(`${date}T00:00:00Z`);

function namesOn(dates: string[]) {
  return db.holiday.findMany({ where: { date: { in: dates.map(dbDate) } }, orderBy: { date: 'asc' }, select: { date: true, name: true, version: true } })
    .then((rows) => rows.map((row) => ({ date: row.date.toISOString().slice(0, 10), name: row.name, version: row.version })));
}

function importEvents(fileName: string) {
  return db.auditEvent.findMany({ where: { action: 'holiday.imported', changeSet: { path: ['fileName'], equals: fileName } }, select: { actorId: true, at: true, entityId: true, changeSet: true } });
}

/** A CSV with three new dates, one already held under the same name, one under another name, and one bad row. */
async function scenario() {
  const manager = await createUser({ role: 'manager' });
  const [d1, d2, d3, same, renamed] = freshDates(5) as [string, string, string, string, string];
  await createHoliday({ actor: manager, at: AT, date: same, name: 'Same name' });
  await createHoliday({ actor: manager, at: AT, date: renamed, name: 'Old name' });
  const fileName = `holidays-${uniqueSuffix()}.csv`;
  const content = `date,name\n${d1},One\n${d2},Two\n${d3},Three\n${same},Same name\n${renamed},New name\n2026-02-30,Impossible\n`;
  return { manager, fileName, content, dates: [d1, d2, d3, same, renamed], added: [d1, d2, d3], same, renamed };
}

describe('importHolidays', () => {
  test('the preview says what would change and writes nothing', async () => {
    const { manager, fileName, content, dates, added, same, renamed } = await scenario();
    const eventsBefore = await db.auditEvent.count();

    const preview = await importHolidays({ actor: manager, at: AT, fileName, content, mode: 'preview' });

    expect(preview).toEqual({
      format: 'csv', applied: false, text: content,
      added: added.map((date, index) => ({ date, name: ['One', 'Two', 'Three'][index], where: `line ${index + 2}` })),
      unchanged: [{ date: same, name: 'Same name', where: 'line 5' }],
      renamed: [{ date: renamed, name: 'New name', previousName: 'Old name', where: 'line 6' }],
      rejected: [{ where: 'line 7', reason: '2026-02-30 is not a day of the calendar; check the day and the month.' }],
    });
    expect(await namesOn(dates)).toHaveLength(2);
    expect(await db.auditEvent.count()).toBe(eventsBefore);
  });

  test('apply writes the good rows, skips the bad one and audits once; the same file again changes nothing', async () => {
    const { manager, fileName, content, dates, added, same, renamed } = await scenario();

    const applied = await importHolidays({ actor: manager, at: AT, fileName, content, mode: 'apply' });

    expect(applied).toMatchObject({ applied: true, rejected: [{ where: 'line 7' }] });
    expect(await namesOn(dates)).toEqual([
      { date: added[0], name: 'One', version: 1 }, { date: added[1], name: 'Two', version: 1 }, { date: added[2], name: 'Three', version: 1 },
      { date: same, name: 'Same name', version: 1 }, { date: renamed, name: 'New name', version: 2 },
    ].sort((a, b) => a.date!.localeCompare(b.date!)));
    expect(await importEvents(fileName)).toEqual([{
      actorId: manager.id, at: AT, entityId: null,
      changeSet: {
        fileName, format: 'csv', added: 3, renamed: 1, unchanged: 1, skipped: 1,
        dates: { added: [{ date: added[0], name: 'One' }, { date: added[1], name: 'Two' }, { date: added[2], name: 'Three' }], renamed: [{ date: renamed, name: { old: 'Old name', new: 'New name' } }] },
        skippedRows: [{ where: 'line 7', reason: '2026-02-30 is not a day of the calendar; check the day and the month.' }],
      },
    }]);

    const again = await importHolidays({ actor: manager, at: AT, fileName, content, mode: 'apply' });

    expect(again).toMatchObject({ applied: false, added: [], renamed: [] });
    expect(again.unchanged).toHaveLength(5);
    expect(await namesOn(dates)).toHaveLength(5);
    expect(await importEvents(fileName)).toHaveLength(1);
  });

  test('an iCalendar file: all-day events expand to their days; a timed event is reported', async () => {
    const manager = await createUser({ role: 'manager' });
    const dates = freshDates(4);
    const [start, , , fourth] = dates as [string, string, string, string];
    const compact = (date: string) => date.replaceAll('-', '');
    const end = compact(addCalendarDays(start, 3)); // exclusive: the break covers three days
    const content = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN',
      'BEGIN:VEVENT', 'UID:1@test', `DTSTART;VALUE=DATE:${compact(start)}`, `DTEND;VALUE=DATE:${end}`, 'SUMMARY:Winter break', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:2@test', `DTSTART:${compact(fourth)}T090000Z`, 'SUMMARY:Town hall', 'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');

    const result = await importHolidays({ actor: manager, at: AT, fileName: `calendar-${uniqueSuffix()}.ics`, content, mode: 'apply' });

    expect(result.added.map((row) => row.name)).toEqual(['Winter break', 'Winter break', 'Winter break']);
    expect(result.rejected).toEqual([{ where: 'event 2 (“Town hall”)', reason: 'It has a time of day: holidays are whole local days, so make it an all-day event (DTSTART;VALUE=DATE).' }]);
    expect((await namesOn(dates)).map((row) => row.name)).toEqual(['Winter break', 'Winter break', 'Winter break']);
  });

  test.each([
    { label: 'not CSV or iCalendar', fileName: 'holidays.pdf', content: '%PDF-1.7', message: 'Upload a .csv file (columns date,name) or an .ics calendar.' },
    { label: 'empty', fileName: 'holidays.csv', content: '', message: 'The file is empty.' },
    { label: 'without a header', fileName: 'holidays.csv', content: '2999-12-25,Christmas\n', message: 'The first line must name the columns: a date column ("date") and a name column ("name", "holiday" or "summary"), e.g. date,name.' },
  ])('a file that is $label is INVALID on the file field and writes nothing', async ({ fileName, content, message }) => {
    const manager = await createUser({ role: 'manager' });
    const eventsBefore = await db.auditEvent.count();
    const holidaysBefore = await db.holiday.count();

    await expect(importHolidays({ actor: manager, at: AT, fileName, content, mode: 'apply' })).rejects.toMatchObject({ code: 'INVALID', message, fieldErrors: { file: [message] } });

    expect(await db.holiday.count()).toBe(holidaysBefore);
    expect(await db.auditEvent.count()).toBe(eventsBefore);
  });

  test('an engineer can neither preview nor apply; nothing is written and both attempts are audited', async () => {
    const engineer = await createUser();
    const [date] = freshDates(1) as [string];
    const content = `date,name\n${date},Sneaky\n`;

    await expect(importHolidays({ actor: engineer, at: AT, fileName: 'x.csv', content, mode: 'preview' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(importHolidays({ actor: engineer, at: AT, fileName: 'x.csv', content, mode: 'apply' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await namesOn([date])).toEqual([]);
    expect(await db.auditEvent.findMany({ where: { actorId: engineer.id }, select: { action: true } })).toEqual([{ action: 'holiday.import-denied' }, { action: 'holiday.import-denied' }]);
  });

  test('three concurrent imports of one file write each date once and audit once', async () => {
    const managers = await Promise.all([createUser({ role: 'manager' }), createUser({ role: 'manager' }), createUser({ role: 'admin' })]);
    const dates = freshDates(40);
    const fileName = `race-${uniqueSuffix()}.csv`;
    const content = `date,name\n${dates.map((date, index) => `${date},Race day ${index}`).join('\n')}\n`;

    const results = await Promise.all(managers.map((actor) => importHolidays({ actor, at: AT, fileName, content, mode: 'apply' })));

    expect(results.map((result) => result.applied).sort()).toEqual([false, false, true]);
    expect(results.map((result) => result.added.length).sort()).toEqual([0, 0, 40]);
    expect(await db.holiday.count({ where: { date: { in: dates.map(dbDate) } } })).toBe(40);
    expect(await importEvents(fileName)).toHaveLength(1);
  });
});

