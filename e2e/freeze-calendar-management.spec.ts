import { expect, test, type Page } from '@playwright/test';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { createHoliday } from '@/lib/server/calendar/create-holiday';
import { freshDates } from '@/lib/server/calendar/test-dates';
import { localInputToIso } from '@/lib/time/local-input';
import { createService, createTeam, uniqueSuffix } from '@/prisma/factories';
import { asUser, db, expectNoAxeViolations, formStatus } from './fixtures';

const MANAGER_EMAIL = 'manager1@changeboard.test';
// Freezes are declared far ahead, so no other spec's gate check ever meets them.
const STARTS = '2099-12-23T18:00';
const ENDS = '2100-01-04T09:00';

function userId(email: string) {
  return db.user.findUniqueOrThrow({ where: { email }, select: { id: true } }).then((user) => user.id);
}

const dbDate = (date: string) => new Date(`${date}T00:00:00Z`);

async function fillFreeze(page: Page, timeZone: string, { reason, startsAt, endsAt }: { reason: string; startsAt: string; endsAt: string }) {
  await page.getByLabel('Reason').fill(reason);
  await page.getByLabel(`Starts (${timeZone})`).fill(startsAt);
  await page.getByLabel(`Ends (${timeZone})`).fill(endsAt);
}

test.describe('[CALENDAR] managers keep the freeze calendar', () => {
  test.use(asUser(MANAGER_EMAIL));

  test('a manager declares a freeze limited to one service: listed with its scope, stored and audited', async ({ page }) => {
    const service = await createService((await createTeam()).id);
    const reason = `Launch freeze ${uniqueSuffix()}`;
    const { timeZone } = await policySettingsInForce();

    await page.goto('/calendar/freezes');
    await expectNoAxeViolations(page);
    await page.getByRole('main').getByRole('link', { name: 'Declare a freeze' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Declare a freeze');
    await fillFreeze(page, timeZone, { reason, startsAt: STARTS, endsAt: ENDS });
    await page.getByRole('checkbox', { name: service.name }).check();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Declare freeze' }).click();

    await expect(page).toHaveURL(/\/calendar\/freezes$/);
    const row = page.getByRole('row').filter({ hasText: reason });
    await expect(row).toContainText(service.name);
    await expect(row).toContainText('All environments');
    await expect(row).toContainText('Upcoming');
    await expectNoAxeViolations(page);

    const stored = await db.declaredFreeze.findFirstOrThrow({
      where: { reason },
      select: { id: true, startsAt: true, endsAt: true, createdById: true, services: { select: { serviceId: true } }, environments: { select: { environmentId: true } } },
    });
    expect(stored).toMatchObject({
      startsAt: new Date(localInputToIso(STARTS, timeZone)!), endsAt: new Date(localInputToIso(ENDS, timeZone)!),
      createdById: await userId(MANAGER_EMAIL), services: [{ serviceId: service.id }], environments: [],
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityType: 'freeze', entityId: stored.id }, select: { action: true, actorId: true, changeSet: true } });
    expect(event).toMatchObject({ action: 'freeze.declared', actorId: await userId(MANAGER_EMAIL), changeSet: { reason, serviceIds: [service.id], environmentIds: [] } });
  });

  test('a freeze that ends before it starts is refused with the reason; the typed values stay and nothing is stored', async ({ page }) => {
    const reason = `Backwards freeze ${uniqueSuffix()}`;
    const { timeZone } = await policySettingsInForce();
    const eventsBefore = await db.auditEvent.count({ where: { entityType: 'freeze' } });

    await page.goto('/calendar/freezes/new');
    await fillFreeze(page, timeZone, { reason, startsAt: ENDS, endsAt: STARTS });
    await page.getByRole('button', { name: 'Declare freeze' }).click();

    await expect(formStatus(page)).toHaveText('Check the highlighted fields.');
    await expect(page.getByText('The freeze ends before it starts: its end must be after its start.')).toBeVisible();
    await expect(page.getByLabel(`Ends (${timeZone})`)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Reason')).toHaveValue(reason);
    await expectNoAxeViolations(page);

    expect(await db.declaredFreeze.count({ where: { reason } })).toBe(0);
    expect(await db.auditEvent.count({ where: { entityType: 'freeze' } })).toBe(eventsBefore);
  });

  test('a manager imports an .ics with two holidays: the preview first, then the list; stored and audited once', async ({ page }) => {
    const [first, second] = freshDates(2) as [string, string];
    const suffix = uniqueSuffix();
    const fileName = `holidays-${suffix}.ics`;
    const compact = (date: string) => date.replaceAll('-', '');
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Changeboard//E2E//EN',
      'BEGIN:VEVENT', `UID:first-${suffix}@test`, 'DTSTAMP:20260101T000000Z', `DTSTART;VALUE=DATE:${compact(first)}`, `SUMMARY:Founders Day ${suffix}`, 'END:VEVENT',
      'BEGIN:VEVENT', `UID:second-${suffix}@test`, 'DTSTAMP:20260101T000000Z', `DTSTART;VALUE=DATE:${compact(second)}`, `SUMMARY:Company Day ${suffix}`, 'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');

    await page.goto('/calendar/holidays');
    await page.getByRole('main').getByRole('link', { name: 'Import holidays' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import holidays');
    await expectNoAxeViolations(page);
    await page.getByLabel('Holiday file (.csv or .ics)').setInputFiles({ name: fileName, mimeType: 'text/calendar', buffer: Buffer.from(ics) });
    await page.getByRole('button', { name: 'Preview import' }).click();

    await expect(page.getByRole('heading', { name: `Preview of ${fileName}` })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: `Founders Day ${suffix}` })).toContainText('Will be added');
    await expect(page.getByRole('row').filter({ hasText: `Company Day ${suffix}` })).toContainText(second);
    await expectNoAxeViolations(page);
    // A preview saves nothing.
    expect(await db.holiday.count({ where: { date: { in: [dbDate(first), dbDate(second)] } } })).toBe(0);

    await page.getByRole('button', { name: 'Import 2 holidays' }).click();
    await expect(formStatus(page).filter({ hasText: 'Imported' })).toHaveText('Imported 2 holidays, renamed 0.');
    await page.getByRole('link', { name: 'Back to holidays' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Company holidays');
    await expect(page.getByRole('row').filter({ hasText: `Founders Day ${suffix}` })).toContainText(first);
    await expect(page.getByRole('row').filter({ hasText: `Company Day ${suffix}` })).toContainText(second);
    expect(await db.holiday.findMany({ where: { date: { in: [dbDate(first), dbDate(second)] } }, orderBy: { date: 'asc' }, select: { name: true } }))
      .toEqual([{ name: `Founders Day ${suffix}` }, { name: `Company Day ${suffix}` }]);
    const events = await db.auditEvent.findMany({ where: { action: 'holiday.imported', changeSet: { path: ['fileName'], equals: fileName } }, select: { actorId: true, changeSet: true } });
    expect(events).toEqual([{ actorId: await userId(MANAGER_EMAIL), changeSet: expect.objectContaining({ format: 'ics', added: 2, renamed: 0, skipped: 0 }) }]);
  });

  test('an impossible holiday date is refused inline and nothing is stored', async ({ page }) => {
    const name = `Nonexistent ${uniqueSuffix()}`;

    await page.goto('/calendar/holidays');
    await page.getByLabel('Date', { exact: true }).fill('2026-02-30');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Add holiday' }).click();

    await expect(formStatus(page)).toHaveText('Check the highlighted fields.');
    await expect(page.getByText('2026-02-30 is not a day of the calendar; check the day and the month.')).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
    expect(await db.holiday.count({ where: { name } })).toBe(0);
  });

  test('a manager renames a holiday, then deletes it after confirming; both audited', async ({ page }) => {
    const manager = await db.user.findUniqueOrThrow({ where: { email: MANAGER_EMAIL }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } });
    const [date] = freshDates(1) as [string];
    const name = `Founders Day ${uniqueSuffix()}`;
    const { id } = await createHoliday({ actor: manager, at: new Date(), date, name });

    await page.goto('/calendar/holidays');
    await page.getByRole('row').filter({ hasText: name }).getByRole('link', { name: date }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Edit ${name}`);
    await page.getByLabel('Name', { exact: true }).fill(`${name} (observed)`);
    await page.getByRole('button', { name: 'Save holiday' }).click();
    await expect(formStatus(page).first()).toHaveText('Holiday updated.');
    await expectNoAxeViolations(page);

    await page.getByText('Delete this holiday').click();
    await page.getByRole('button', { name: 'Delete holiday' }).click();
    await expect(page).toHaveURL(/\/calendar\/holidays$/);
    await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);

    expect(await db.holiday.findUnique({ where: { id } })).toBeNull();
    expect((await db.auditEvent.findMany({ where: { entityType: 'holiday', entityId: id }, orderBy: { seq: 'asc' }, select: { action: true } })).map((event) => event.action))
      .toEqual(['holiday.created', 'holiday.updated', 'holiday.deleted']);
  });
});

test.describe('[CALENDAR] everyone else reads it', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('an engineer sees the holidays and freezes but no forms, and the editing pages are not found', async ({ page }) => {
    const manager = await db.user.findUniqueOrThrow({ where: { email: MANAGER_EMAIL }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } });
    const [date] = freshDates(1) as [string];
    const name = `Read-only Day ${uniqueSuffix()}`;
    const { id } = await createHoliday({ actor: manager, at: new Date(), date, name });

    await page.goto('/calendar/holidays');
    await expect(page.getByRole('row').filter({ hasText: name })).toContainText(date);
    await expect(page.getByRole('row').filter({ hasText: name }).getByRole('link')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add holiday' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Import holidays' })).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.goto('/calendar/freezes');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Declared freezes');
    await expect(page.getByRole('link', { name: 'Declare a freeze' })).toHaveCount(0);

    for (const path of ['/calendar/freezes/new', '/calendar/holidays/import', `/calendar/holidays/${id}`]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    }
    expect(await db.holiday.findUniqueOrThrow({ where: { id }, select: { name: true, version: true } })).toEqual({ name, version: 1 });
  });
});
