import { expect, test } from '@playwright/test';
import {
  ensureSnapshot,
  expectNoSeriousViolations,
  screenshot,
  signIn,
} from './helpers';

// axe-core scans of the Orchestration pages as they first show, in a
// 1280 × 800 window: no serious or critical violation of WCAG 2.1 A and AA.
// The tests tagged @screenshot also take the README's pictures of the pages
// they scan: into Playwright's output folder, or docs/screenshots when
// scripts/screenshots.sh runs them.
const SCREENSHOT = { tag: '@screenshot' };
test.describe('Accessibility of the Orchestration pages', () => {
  test.beforeAll(async ({ request, baseURL }) => {
    await ensureSnapshot(request, baseURL!);
  });

  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test(
    'the Orchestration tab of content-api',
    SCREENSHOT,
    async ({ page }, testInfo) => {
      await page.goto('/catalog/default/component/content-api/orchestration');
      await expect(page.getByTestId('recommendation')).toBeVisible();
      await expect(page.getByTestId('strip-decision')).not.toContainText(
        'loading',
      );
      await expect(
        page
          .getByRole('list', { name: 'Review history' })
          .or(page.getByText('No decision has been recorded yet.')),
      ).toBeVisible();
      await screenshot(page, testInfo, 'orchestration-tab.png');
      await expectNoSeriousViolations(page, 'the content-api tab');
    },
  );

  test('the tab with its forms in error: a what-if value it cannot read, a past due date', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/content-api/orchestration');
    await page
      .getByRole('button', { name: /^What if the annotations changed/ })
      .click();
    const resources = page.getByRole('textbox', { name: 'Resources' });
    await resources.fill('cpu=lots');
    await expect(resources).toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    await expect(
      page.getByRole('group', { name: 'The annotations to copy' }),
    ).toBeVisible();
    const form = page.getByRole('form', { name: 'Record a decision' });
    await form.getByLabel('Decision').selectOption('migrate');
    await form.getByLabel('Due date').fill('2020-01-01');
    await form.getByRole('button', { name: 'Record decision' }).click();
    await expect(form.getByLabel('Due date')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expectNoSeriousViolations(page, 'the tab with its forms in error');
  });

  test('the get-started tab of an unannotated Component', async ({ page }) => {
    await page.goto('/catalog/default/component/docs-website/orchestration');
    await expect(
      page.getByRole('table', { name: 'Orchestration annotation keys' }),
    ).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expectNoSeriousViolations(page, 'the docs-website tab');
  });

  test('the dashboard: services', SCREENSHOT, async ({ page }, testInfo) => {
    await page.goto('/orchestration');
    const table = page.getByRole('table', { name: 'Assessed services' });
    await expect(
      table.getByRole('link', { name: 'content-api' }),
    ).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Migration candidates' }),
    ).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await screenshot(page, testInfo, 'orchestration-dashboard.png');
    await expectNoSeriousViolations(page, 'the services view');
  });

  test('the dashboard: clusters', async ({ page }) => {
    await page.goto('/orchestration?view=clusters');
    await expect(
      page
        .getByRole('table', { name: 'Obligations by cluster' })
        .getByRole('link', { name: 'prod-kops' }),
    ).toBeVisible();
    await expectNoSeriousViolations(page, 'the clusters view');
  });

  test(
    'the Orchestration tab of the prod-kops cluster',
    SCREENSHOT,
    async ({ page }, testInfo) => {
      await page.goto('/catalog/default/resource/prod-kops/orchestration');
      await expect(
        page.getByTestId('obligation-kubernetes-upgrades'),
      ).toBeVisible();
      await expect(
        page.getByRole('table', { name: 'Services on prod-kops' }),
      ).toBeVisible();
      await screenshot(page, testInfo, 'orchestration-cluster.png');
      await expectNoSeriousViolations(page, 'the prod-kops tab');
    },
  );
});
