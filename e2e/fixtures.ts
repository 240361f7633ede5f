// Shared e2e helpers: per-account sign-in state, direct database access for assertions, axe.
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export { db } from '@/lib/server/db';

// Runs on other ports (parallel runs) keep their sign-in state apart.
const authDir = process.env.PORT && process.env.PORT !== '3100' ? `.auth-${process.env.PORT}` : '.auth';

export function storageStateFor(email: string): string {
  return path.join(import.meta.dirname, authDir, `${email}.json`);
}

/** `test.use(asUser('engineer1@changeboard.test'))`: the test starts signed in as that demo account. */
export function asUser(email: string) {
  return { storageState: storageStateFor(email) };
}

/** WCAG 2 A/AA checks on the page as it is now. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

/** The form's result message (role=status), scoped away from Next's route announcer. */
export function formStatus(page: Page) {
  return page.locator('main').getByRole('status');
}
