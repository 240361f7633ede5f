// Signs each demo account in once through the real form and keeps its cookies for the tests.
import { expect, test as setup } from '@playwright/test';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/lib/demo/demo-accounts';
import { storageStateFor } from './fixtures';

for (const account of DEMO_ACCOUNTS) {
  setup(`sign in as ${account.email}`, async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(account.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Change requests' })).toBeVisible();
    await page.context().storageState({ path: storageStateFor(account.email) });
  });
}
