import { expect, test } from '@playwright/test';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { publishPolicySettings } from '@/lib/server/policy-settings/publish-policy-settings';
import { createUser, policySettingsEdit, restorePolicySettings, uniqueSuffix } from '@/prisma/factories';
import type { WeeklyWindow } from '@/lib/policy/policy-settings';
import { asUser, db, expectNoAxeViolations, formStatus } from './fixtures';

const ADMIN_EMAIL = 'admin@changeboard.test';

function publishedEvent(version: number) {
  return db.auditEvent.findFirst({ where: { action: 'policy.published', entityType: 'policy', entityId: String(version) }, select: { actorId: true, changeSet: true } });
}

test.describe('[POLICY] admins publish policy settings', () => {
  test.use(asUser(ADMIN_EMAIL));

  test('an admin adds a scope rule: version N+1 is in force, listed with its history and audited; then the defaults go back', async ({ page }) => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: ADMIN_EMAIL }, select: { id: true, name: true } });
    const defaults = await policySettingsEdit();
    const before = await policySettingsInForce();
    const pattern = `e2e-policy-${uniqueSuffix()}/**`;
    const note = `Vendored code needs a major change (${uniqueSuffix()})`;
    const newRow = before.classScopeRules.length + 1;
    try {
      await page.goto('/policy');
      await page.getByRole('main').getByRole('link', { name: 'Edit', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit policy settings');
      await expectNoAxeViolations(page);
      await expect(page.getByLabel(`Rule 1 pattern`)).toHaveValue(before.classScopeRules[0]!.pattern);

      await page.getByLabel(`Rule ${newRow} pattern`).fill(pattern);
      await page.getByLabel(`Rule ${newRow} minimum class`).selectOption('major');
      await page.getByRole('button', { name: 'Publish new version' }).click();
      await expect(formStatus(page)).toHaveText('Check the highlighted fields.');
      await expect(page.getByText('Say why you publish this version.')).toBeVisible();
      // The refused form keeps what was typed.
      await expect(page.getByLabel(`Rule ${newRow} pattern`)).toHaveValue(pattern);
      await expect(page.getByLabel(`Rule ${newRow} minimum class`)).toHaveValue('major');
      expect((await policySettingsInForce()).version).toBe(before.version);

      await page.getByLabel('Note', { exact: true }).fill(note);
      await page.getByRole('button', { name: 'Publish new version' }).click();
      const version = before.version + 1;
      await expect(formStatus(page)).toHaveText(`Version ${version} published.`);

      const rule = { kind: 'path', pattern, minimumClass: 'major' };
      expect(await policySettingsInForce()).toMatchObject({ version, note, timeZone: before.timeZone, classScopeRules: [...before.classScopeRules, rule] });
      expect(await publishedEvent(version)).toEqual({
        actorId: admin.id,
        changeSet: { version: { old: before.version, new: version }, note, classScopeRules: { old: before.classScopeRules, new: [...before.classScopeRules, rule] } },
      });

      await page.goto('/policy');
      await expect(page.getByRole('main')).toContainText(`Settings version ${version}`);
      await expect(page.getByRole('row').filter({ hasText: pattern })).toContainText('Major');
      const history = page.getByRole('region', { name: 'History' });
      await expect(history.getByRole('row').nth(1)).toContainText(`${version} (in force)`);
      await expect(history.getByRole('row').nth(1)).toContainText(admin.name!);
      await expect(history.getByRole('row').nth(1)).toContainText(note);
      await expectNoAxeViolations(page);

      // Restore through the form: remove the rule again.
      await page.getByRole('main').getByRole('link', { name: 'Edit', exact: true }).click();
      await expect(page.getByLabel(`Rule ${newRow} pattern`)).toHaveValue(pattern);
      await page.getByRole('checkbox', { name: `Remove rule ${newRow}` }).check();
      await page.getByLabel('Note', { exact: true }).fill('Back to the defaults');
      await page.getByRole('button', { name: 'Publish new version' }).click();
      await expect(formStatus(page)).toHaveText(`Version ${version + 1} published.`);
      expect(await policySettingsInForce()).toMatchObject({ version: version + 1, classScopeRules: before.classScopeRules });
      expect(await publishedEvent(version + 1)).toMatchObject({ actorId: admin.id, changeSet: { note: 'Back to the defaults', classScopeRules: { old: [...before.classScopeRules, rule], new: before.classScopeRules } } });
    } finally {
      // Later specs rely on the seeded rules, even when an assertion above failed midway.
      await restorePolicySettings(defaults);
    }
  });
});

/** Puts these weekly windows back in force if a test left others (restorePolicySettings leaves windows alone). */
async function restoreWeeklyWindows(windows: WeeklyWindow[]) {
  const current = await policySettingsInForce();
  if (JSON.stringify(current.weeklyWindows) === JSON.stringify(windows)) return;
  const admin = await createUser({ role: 'admin' });
  await publishPolicySettings({ ...(await policySettingsEdit()), weeklyWindows: windows, note: 'Weekly windows restored by a test', actor: admin, at: new Date() });
}

test.describe('[POLICY] weekly freeze windows', () => {
  test.use(asUser(ADMIN_EMAIL));

  test('an admin adds a second window and removes it again; a zero-length window is refused and publishes nothing', async ({ page }) => {
    const before = await policySettingsInForce();
    const newRow = before.weeklyWindows.length + 1;
    const night: WeeklyWindow = { startDay: 3, startTime: '22:00', endDay: 4, endTime: '06:00', classes: ['normal', 'major'] };
    const fillRow = async (window: Omit<WeeklyWindow, 'classes'>) => {
      await page.getByLabel(`Window ${newRow} start day`).selectOption(String(window.startDay));
      await page.getByLabel(`Window ${newRow} start time`).fill(window.startTime);
      await page.getByLabel(`Window ${newRow} end day`).selectOption(String(window.endDay));
      await page.getByLabel(`Window ${newRow} end time`).fill(window.endTime);
    };
    const holds = (row: number, label: string) => page.getByRole('group', { name: `Window ${row} holds` }).getByRole('checkbox', { name: label });
    try {
      await page.goto('/policy/edit');
      await expect(page.getByLabel('Window 1 start time')).toHaveValue(before.weeklyWindows[0]!.startTime);
      await expect(page.getByText('With no window at all there is no weekly freeze')).toBeVisible();

      // Zero length: Wednesday 22:00 to Wednesday 22:00.
      await fillRow({ startDay: 3, startTime: '22:00', endDay: 3, endTime: '22:00' });
      await holds(newRow, 'Normal').check();
      await page.getByLabel('Note', { exact: true }).fill(`Night window (${uniqueSuffix()})`);
      await page.getByRole('button', { name: 'Publish new version' }).click();
      await expect(formStatus(page)).toHaveText('Check the highlighted fields.');
      await expect(page.getByText(`Window ${newRow}: Ends when it starts: a window needs some length.`)).toBeVisible();
      await expect(page.getByLabel(`Window ${newRow} end time`)).toHaveAttribute('aria-invalid', 'true');
      // The refused form keeps what was typed, and nothing was published.
      await expect(page.getByLabel(`Window ${newRow} start time`)).toHaveValue('22:00');
      await expect(holds(newRow, 'Normal')).toBeChecked();
      expect(await policySettingsInForce()).toMatchObject({ version: before.version, weeklyWindows: before.weeklyWindows });

      await page.getByLabel(`Window ${newRow} end day`).selectOption('4');
      await page.getByLabel(`Window ${newRow} end time`).fill('06:00');
      await holds(newRow, 'Major').check();
      await page.getByRole('button', { name: 'Publish new version' }).click();
      const version = before.version + 1;
      await expect(formStatus(page)).toHaveText(`Version ${version} published.`);
      expect(await policySettingsInForce()).toMatchObject({ version, weeklyWindows: [...before.weeklyWindows, night] });
      const published = await db.auditEvent.findFirstOrThrow({ where: { action: 'policy.published', entityType: 'policy', entityId: String(version) }, select: { changeSet: true } });
      expect(published.changeSet).toMatchObject({ weeklyWindows: { old: before.weeklyWindows, new: [...before.weeklyWindows, night] } });

      await page.goto('/policy');
      await expect(page.getByRole('region', { name: 'Freeze windows (CTRL-012.2)' })).toContainText('Wednesday 22:00 → Thursday 06:00: holds normal, major changes');
      await expect(page.getByRole('region', { name: 'How Changeboard reads the policy' })).toContainText('Emergency changes and the calendar');
      await expectNoAxeViolations(page);

      await page.goto('/policy/edit');
      await expect(page.getByLabel(`Window ${newRow} start time`)).toHaveValue('22:00');
      await expectNoAxeViolations(page);
      await page.getByRole('checkbox', { name: `Remove window ${newRow}` }).check();
      await page.getByLabel('Note', { exact: true }).fill('No night window after all');
      await page.getByRole('button', { name: 'Publish new version' }).click();
      await expect(formStatus(page)).toHaveText(`Version ${version + 1} published.`);
      expect(await policySettingsInForce()).toMatchObject({ version: version + 1, weeklyWindows: before.weeklyWindows });
    } finally {
      await restoreWeeklyWindows(before.weeklyWindows);
    }
  });
});

test.describe('[POLICY] non-admins', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('an engineer reads the policy and its history but has no Edit link, and /policy/edit is 404', async ({ page }) => {
    await page.goto('/policy');
    await expect(page.getByRole('heading', { name: 'Policy settings', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'History' }).getByRole('row').nth(1)).toContainText('(in force)');
    await expect(page.getByRole('main').getByRole('link', { name: 'Edit', exact: true })).toHaveCount(0);

    const response = await page.goto('/policy/edit');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  });
});
