import { test, expect } from '@playwright/test';

test('signs in as guest and lists the example catalog', async ({ page }) => {
  // The development server compiles the app on the first request: allow for it.
  test.setTimeout(300_000);
  await page.goto('/');

  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible({ timeout: 240_000 });
  await enterButton.click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  // The catalog page is the landing page; the example Components load from examples/.
  await expect(page.getByRole('link', { name: 'content-api' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'render-jobs' })).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'storefront-web' }),
  ).toBeVisible();
});
