import { test, expect } from '@playwright/test';

test('signs in as guest and lists the example catalog', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  // The catalog page is the landing page. Guest belongs to the platform team, so the default
  // "Owned" view lists only that team's services: switch to all of them.
  await page.getByRole('menuitem', { name: /^All/ }).click();
  await expect(page.getByText('All Components (13)')).toBeVisible();
  await expect(page.getByRole('link', { name: 'content-api' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'render-jobs' })).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'storefront-web' }),
  ).toBeVisible();
});
