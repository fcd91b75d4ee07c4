import { expect, test } from '@playwright/test';
import {
  ensureSnapshot,
  expectNoSeriousViolations,
  guestToken,
  screenshot,
  signIn,
} from './helpers';

// The Orchestration card and tab of Group and System pages of the example
// catalog (examples/): the roll-up of their services, with the numbers the
// backend's roll-up route gives, and an axe-core scan of each tab's page
// content (`main`; the sidebar around it is scanned by accessibility.test.ts).

interface Rollup {
  totalServices: number;
  scope: { entityRefs: string[]; total: number };
  migrations: { total: number; items: { name: string }[] };
  obligations: {
    byStatus: Record<string, number>;
    items: { name: string; obligation: { title: string } | null }[];
  };
  coverage: { annotated: number; components: number } | null;
}

async function rollupOf(
  request: Parameters<typeof guestToken>[0],
  baseURL: string,
  path: string,
): Promise<Rollup> {
  const token = await guestToken(request, baseURL);
  const response = await request.get(
    `${baseURL}/api/orchestration/v1/rollups/${path}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(response.status(), `GET /v1/rollups/${path}`).toBe(200);
  return response.json();
}

test.describe('Roll-ups of Group and System pages', () => {
  test.beforeAll(async ({ request, baseURL }) => {
    await ensureSnapshot(request, baseURL!);
  });

  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test(
    'the engineering Group counts the services of the groups below it',
    {
      tag: '@screenshot',
    },
    async ({ page, request, baseURL }, testInfo) => {
      const rollup = await rollupOf(
        request,
        baseURL!,
        'group/default/engineering',
      );
      // Every team of the example catalog is a sub-group of engineering.
      expect(rollup.scope.total).toBe(7);
      expect(rollup.totalServices).toBeGreaterThan(10);

      await page.goto('/catalog/default/group/engineering/orchestration');
      const scope = page.getByTestId('rollup-scope');
      // Groups by their display names, linked to their pages.
      await expect(scope).toContainText(
        'Services owned by Engineering and the 6 groups below it: Commerce, Data Engineering, Media Rendering, Payments, Platform, Web Content.',
      );
      await expect(
        scope.getByRole('link', { name: 'Data Engineering' }),
      ).toHaveAttribute('href', '/catalog/default/group/data-engineering');
      const totals = page.getByTestId('rollup-totals');
      await expect(totals).toContainText(
        `${rollup.totalServices} services assessed`,
      );
      await expect(totals).toContainText(
        `${rollup.coverage!.annotated} of ${
          rollup.coverage!.components
        } Components annotated`,
      );
      await expect(
        page.getByRole('table', {
          name: 'Services by current and recommended platform',
        }),
      ).toBeVisible();
      const obligations = page
        .getByRole('table', { name: 'Most urgent obligations' })
        .getByTestId('rollup-obligation');
      await expect(obligations).toHaveCount(rollup.obligations.items.length);
      await expect(obligations.first()).toContainText(
        rollup.obligations.items[0].obligation!.title,
      );
      await expect(
        page
          .getByRole('table', { name: 'Open migrations' })
          .getByTestId('rollup-migration'),
      ).toHaveCount(rollup.migrations.items.length);
      await screenshot(page, testInfo, 'orchestration-group.png');
      await expectNoSeriousViolations(page, 'the engineering Group tab', {
        include: 'main',
      });
    },
  );

  test('the data-engineering Group page has the card, linking to the tab', async ({
    page,
    request,
    baseURL,
  }, testInfo) => {
    const rollup = await rollupOf(
      request,
      baseURL!,
      'group/default/data-engineering',
    );
    await page.goto('/catalog/default/group/data-engineering');
    const card = page.getByTestId('rollup-card');
    await expect(card.getByTestId('rollup-scope')).toContainText(
      'Services owned by Data Engineering.',
    );
    await expect(card.getByTestId('rollup-totals')).toContainText(
      `${rollup.totalServices} services assessed`,
    );
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, 'orchestration-group-card.png');
    await page
      .getByRole('link', { name: 'All migrations and obligations' })
      .click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/group\/data-engineering\/orchestration$/,
    );
    await expect(page.getByTestId('rollup-content')).toBeVisible();
  });

  test('the commerce System counts its Components, whoever owns them', async ({
    page,
    request,
    baseURL,
  }, testInfo) => {
    const rollup = await rollupOf(request, baseURL!, 'system/default/commerce');
    expect(rollup.totalServices).toBe(5);

    await page.goto('/catalog/default/system/commerce/orchestration');
    await expect(page.getByTestId('rollup-scope')).toContainText(
      'Components of commerce (spec.system).',
    );
    await expect(page.getByTestId('rollup-totals')).toContainText(
      '5 services assessed',
    );
    // payments-worker belongs to the System, owned by another team.
    const rows = page
      .getByTestId('rollup-migration')
      .or(page.getByTestId('rollup-obligation'));
    await expect(rows.first()).toBeVisible();
    await screenshot(page, testInfo, 'orchestration-system.png');
    await expectNoSeriousViolations(page, 'the commerce System tab', {
      include: 'main',
    });

    await page.goto('/catalog/default/system/commerce');
    await expect(page.getByTestId('rollup-card')).toContainText(
      '5 services assessed',
    );
  });
});
