import { expect, test } from '@playwright/test';

// The host app of the adoption test installed the packed packages as the README says and
// registered the README's annotated example, content-api. Guest sign-in is a member of the Group
// the README's last step marked as the platform team.
const PLATFORM = /^.+ \((ecs-fargate|ecs-ec2|eks|self-managed-kubernetes)\)$/;

test.describe('Orchestration installed in a Backstage app from its packages', () => {
  test.beforeAll(async ({ request, baseURL }) => {
    const session = await request.get(`${baseURL}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(session.ok(), 'guest sign-in on the host backend').toBe(true);
    const { backstageIdentity } = await session.json();
    const headers = { Authorization: `Bearer ${backstageIdentity.token}` };
    const api = `${baseURL}/api/orchestration/v1`;
    // The scheduled refresh may have run before the catalog read the example: a platform-team
    // member refreshes the snapshot until it holds content-api.
    await expect
      .poll(
        async () => {
          const entity = await request.get(
            `${baseURL}/api/catalog/entities/by-name/component/default/content-api`,
            { headers },
          );
          if (!entity.ok())
            return `the catalog has no content-api yet (${entity.status()})`;
          const status = await request.get(`${api}/snapshot`, { headers });
          if (status.ok() && (await status.json()).snapshot?.entityCount >= 1) {
            return 'ready';
          }
          const refresh = await request.post(
            `${api}/snapshot/refresh?wait=true`,
            {
              headers,
            },
          );
          return `refreshing the snapshot (${refresh.status()})`;
        },
        {
          message: 'the snapshot holds content-api',
          timeout: 120_000,
          intervals: [1_000, 2_000, 5_000],
        },
      )
      .toBe('ready');
  });

  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() =>
      window.localStorage.setItem(
        '@backstage/core:SignInPage:provider',
        'guest',
      ),
    );
  });

  test('the Orchestration tab of the annotated Component shows its recommendation', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/content-api');
    // The entity page's tab (the sidebar's item of the same name goes to the dashboard).
    await page
      .getByRole('link', { name: 'Orchestration', exact: true })
      .and(page.locator('[href$="/component/content-api/orchestration"]'))
      .click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/content-api\/orchestration$/,
    );
    await expect(page.getByTestId('recommendation')).toHaveText(PLATFORM);
    await expect(page.getByTestId('strip-today')).toContainText('today');
  });

  test('the dashboard, in the sidebar, lists it with the same recommendation', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/content-api/orchestration');
    const recommendation = (await page
      .getByTestId('recommendation')
      .textContent())!;
    // `ECS on Fargate (ecs-fargate)` on the tab, `ECS on Fargate` in the table.
    const name = recommendation.trim().replace(/ \([a-z-]+\)$/, '');

    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Orchestration' })
      .click();
    await expect(page).toHaveURL(/\/orchestration$/);
    const table = page.getByRole('table', { name: 'Assessed services' });
    await expect(
      table.getByRole('link', { name: 'content-api' }),
    ).toBeVisible();
    const recommended = await table.evaluate(element => {
      const headers = [...element.querySelectorAll('thead th')].map(
        th => th.textContent?.trim() ?? '',
      );
      const column = headers.findIndex(text => /^recommended/i.test(text));
      const row = [...element.querySelectorAll('tbody tr')].find(
        tr => tr.querySelector('td a')?.textContent?.trim() === 'content-api',
      );
      return (
        row?.children[column]?.textContent?.trim() ??
        `no column in ${headers.join()}`
      );
    });
    expect(recommended.startsWith(name), `${recommended} in the table`).toBe(
      true,
    );
  });
});
