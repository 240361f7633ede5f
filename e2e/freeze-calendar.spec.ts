import ICAL from 'ical.js';
import { expect, test, type Page } from '@playwright/test';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { freshDates } from '@/lib/server/calendar/test-dates';
import { formatCalendarDate, formatInstant } from '@/lib/format/date';
import { addCalendarDays } from '@/lib/time/local-day';
import { firstInstantAtWallTime } from '@/lib/time/zoned';
import { createDeclaredFreezeRow, createEnvironment, createHolidayRow, uniqueSuffix } from '@/prisma/factories';
import { asUser, db, expectNoAxeViolations } from './fixtures';
import { personalToken, serviceToken } from './api-fixtures';

const HOUR_MS = 3_600_000;

function userId(email: string) {
  return db.user.findUniqueOrThrow({ where: { email }, select: { id: true } }).then((user) => user.id);
}

/** The month table's cell of a local date. */
function dayCell(page: Page, date: string) {
  return page.getByRole('cell').filter({ has: page.locator(`time[datetime="${date}"]`) });
}

/**
 * A freeze limited to a production environment of its own: the banner and the feed count it, while
 * other specs' gate checks (on the demo "production") never meet it. Removed by `cleanUp`.
 */
async function productionOnlyFreeze(startsAt: Date, endsAt: Date) {
  const environment = await createEnvironment({ isProduction: true, isGated: true });
  const freeze = await createDeclaredFreezeRow({ createdById: await userId('manager1@changeboard.test'), startsAt, endsAt, reason: `Launch freeze ${uniqueSuffix()}`, environmentIds: [environment.id] });
  const cleanUp = async () => {
    await db.declaredFreeze.delete({ where: { id: freeze.id } });
    await db.environment.delete({ where: { id: environment.id } });
  };
  return { freeze, environment, cleanUp };
}

test.describe('[CALENDAR] the freeze calendar everyone reads', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('the month view shows a holiday and a declared freeze on their local day, in the named zone', async ({ page }) => {
    const { timeZone } = await policySettingsInForce();
    const [day] = freshDates(1) as [string];
    const holiday = await createHolidayRow(day, `Founders Day ${uniqueSuffix()}`);
    // 22:30 to 23:30 local: on `day` in the policy zone whatever its offset.
    const freeze = await createDeclaredFreezeRow({
      createdById: await userId('manager1@changeboard.test'), reason: `Year-end ${uniqueSuffix()}`,
      startsAt: firstInstantAtWallTime(day, 22 * 60 + 30, timeZone), endsAt: firstInstantAtWallTime(day, 23 * 60 + 30, timeZone),
    });
    try {
      await page.goto(`/calendar?date=${day}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Freeze calendar');
      await expect(page.getByText(`Times in ${timeZone}`, { exact: true })).toBeVisible();

      const cell = dayCell(page, day);
      await expect(cell).toContainText('Holiday');
      await expect(cell).toContainText(holiday.name);
      await expect(cell).toContainText('Declared freeze');
      await expect(cell).toContainText(freeze.reason);
      await expect(cell).toContainText('22:30–23:30');
      await expect(dayCell(page, addCalendarDays(day, 1))).not.toContainText(freeze.reason);
      // Engineers read the calendar; they are not offered its edits.
      await expect(page.getByRole('main').getByRole('link', { name: 'Declare a freeze' })).toHaveCount(0);
      await expect(cell.getByRole('link', { name: holiday.name })).toHaveCount(0);
      await expectNoAxeViolations(page);

      // What the page shows is what the database holds.
      expect(await db.holiday.findUniqueOrThrow({ where: { id: holiday.id }, select: { date: true } })).toEqual({ date: new Date(`${day}T00:00:00.000Z`) });
    } finally {
      await db.declaredFreeze.delete({ where: { id: freeze.id } });
      await db.holiday.delete({ where: { id: holiday.id } });
    }
  });

  test('the week view moves a week at a time with links, and switches back to the month', async ({ page }) => {
    await page.goto('/calendar?view=week&date=2026-11-27');
    await expect(page.getByRole('heading', { level: 2, name: /^Week of Mon 23 Nov 2026/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3 })).toHaveText(Array.from({ length: 7 }, (_, index) => formatCalendarDate(addCalendarDays('2026-11-23', index))));
    await expect(page.getByRole('link', { name: 'Week', exact: true })).toHaveAttribute('aria-current', 'page');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Next week' }).click();
    await expect(page).toHaveURL(/view=week&date=2026-12-04$/);
    await expect(page.getByRole('heading', { level: 2, name: /^Week of Mon 30 Nov 2026/ })).toBeVisible();

    // Each step waits for its week: a second click before the first navigation ends would follow the
    // same link again.
    await page.getByRole('link', { name: 'Previous week' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /^Week of Mon 23 Nov 2026/ })).toBeVisible();
    await page.getByRole('link', { name: 'Previous week' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /^Week of Mon 16 Nov 2026/ })).toBeVisible();

    await page.getByRole('link', { name: 'Month', exact: true }).click();
    await expect(page).toHaveURL(/view=month&date=2026-11-20$/);
    await expect(page.getByRole('heading', { level: 2, name: /^November 2026/ })).toBeVisible();
    await expect(page.getByRole('table', { name: /November 2026/ })).toBeVisible();

    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await expect(page).toHaveURL(/\/calendar\?view=month$/);
    await expect(page.getByRole('cell').filter({ hasText: 'Today' })).toHaveCount(1);
  });

  test('the banner on every portal page names a declared freeze in force and until when', async ({ page }) => {
    const { timeZone } = await policySettingsInForce();
    const now = Date.now();
    const { freeze, cleanUp } = await productionOnlyFreeze(new Date(now - HOUR_MS), new Date(now + 2 * HOUR_MS));
    try {
      await page.goto('/changes');
      const banner = page.getByRole('region', { name: 'Production freeze status' });
      // An incident another spec left active would add emergency changes; the calendar classes are held either way.
      await expect(banner).toContainText(/Production is frozen for standard, normal(,| and) major/);
      await expect(banner).toContainText(`declared freeze “${freeze.reason}” until ${formatInstant(freeze.endsAt, timeZone)}`);
      await expect(banner).toContainText(/Next opening for|No predictable opening for/);
      await expect(banner.getByRole('link', { name: 'Freeze calendar' })).toHaveAttribute('href', '/calendar');
      await expectNoAxeViolations(page);

      await page.goto('/policy');
      await expect(page.getByRole('region', { name: 'Production freeze status' })).toContainText(freeze.reason);
    } finally {
      await cleanUp();
    }
    await page.goto('/changes');
    await expect(page.getByRole('region', { name: 'Production freeze status' })).not.toContainText(freeze.reason);
  });

  test('the nav leads to the calendar', async ({ page }) => {
    await page.goto('/changes');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
    await expect(page).toHaveURL(/\/calendar$/);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' })).toHaveAttribute('aria-current', 'page');
    await expectNoAxeViolations(page);
  });
});

test.describe('[CALENDAR] managers are offered the calendar’s edits', () => {
  test.use(asUser('manager1@changeboard.test'));

  test('links to declare a freeze, add holidays, and edit each freeze and holiday', async ({ page }) => {
    const { timeZone } = await policySettingsInForce();
    const [day] = freshDates(1) as [string];
    const holiday = await createHolidayRow(day, `Founders Day ${uniqueSuffix()}`);
    const freeze = await createDeclaredFreezeRow({
      createdById: await userId('manager1@changeboard.test'), reason: `Year-end ${uniqueSuffix()}`,
      startsAt: firstInstantAtWallTime(day, 10 * 60, timeZone), endsAt: firstInstantAtWallTime(day, 11 * 60, timeZone),
    });
    try {
      await page.goto(`/calendar?view=week&date=${day}`);
      const main = page.getByRole('main');
      await expect(main.getByRole('link', { name: 'Declare a freeze' })).toHaveAttribute('href', '/calendar/freezes/new');
      await expect(main.getByRole('link', { name: 'Add holidays' })).toHaveAttribute('href', '/calendar/holidays');
      await expect(main.getByRole('link', { name: holiday.name })).toHaveAttribute('href', `/calendar/holidays/${holiday.id}`);
      await expect(main.getByRole('link', { name: freeze.reason })).toHaveAttribute('href', `/calendar/freezes/${freeze.id}`);
      await expectNoAxeViolations(page);
    } finally {
      await db.declaredFreeze.delete({ where: { id: freeze.id } });
      await db.holiday.delete({ where: { id: holiday.id } });
    }
  });
});

test.describe('[CALENDAR] the iCalendar feed', () => {
  test('a token in the URL gets a calendar that parses, with a declared freeze as a timed event; no token is 401', async ({ request }) => {
    const { timeZone } = await policySettingsInForce();
    const now = Date.now();
    const { freeze, cleanUp } = await productionOnlyFreeze(new Date(now + 10 * 24 * HOUR_MS), new Date(now + 11 * 24 * HOUR_MS));
    try {
      const feedToken = (await serviceToken(['calendar:read'])).headers.Authorization!.replace(/^Bearer /, '');
      const response = await request.get(`/api/v1/freeze-calendar.ics?token=${encodeURIComponent(feedToken)}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
      const calendar = new ICAL.Component(ICAL.parse(await response.text()));
      expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe(timeZone);
      const event = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component)).find((candidate) => candidate.uid === `declared-freeze-${freeze.id}@freeze-calendar.changeboard`);
      expect(event?.summary).toBe(`Declared freeze: ${freeze.reason}`);
      // iCalendar has whole seconds: the event covers the freeze, widened to them.
      const second = (at: Date, round: (value: number) => number) => new Date(round(at.getTime() / 1000) * 1000).toISOString();
      expect(event?.startDate.toJSDate().toISOString()).toBe(second(freeze.startsAt, Math.floor));
      expect(event?.endDate.toJSDate().toISOString()).toBe(second(freeze.endsAt, Math.ceil));
      expect(event?.description).toContain('Scope: all services;');

      const personal = await personalToken('engineer1@changeboard.test');
      expect((await request.get('/api/v1/freeze-calendar.ics', { headers: personal.headers })).status()).toBe(200);
      const refused = await request.get('/api/v1/freeze-calendar.ics');
      expect(refused.status()).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
      expect((await request.get('/api/v1/freeze-calendar.ics?token=cb_not_a_token')).status()).toBe(401);
    } finally {
      await cleanUp();
    }
  });
});
