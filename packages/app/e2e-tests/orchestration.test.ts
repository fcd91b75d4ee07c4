import { expect, test } from '@playwright/test';
import { ensureSnapshot, signIn } from './helpers';

// The README's screenshots are taken by the tests tagged @screenshot
// (accessibility.test.ts); scripts/screenshots.sh refreshes them.
test.describe('Orchestration', () => {
  test.beforeAll(async ({ request, baseURL }) => {
    await ensureSnapshot(request, baseURL!);
  });

  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('content-api: ECS on Fargate, the next action, reasons, hypothetical obligations', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/content-api/orchestration');
    await expect(page.getByTestId('recommendation')).toHaveText(
      'ECS on Fargate (ecs-fargate)',
    );
    // The reasons per platform open from one line each.
    await page.getByTestId('reasons-toggle-ecs-fargate').click();
    await expect(
      page
        .getByTestId('reasons-ecs-fargate')
        .getByTestId('rule-ECS-AWS-INTEGRATION'),
    ).toContainText('orchestration.io/aws-integrations=');
    await page.getByTestId('reasons-toggle-ecs-fargate').click();
    await expect(
      page.getByText(/^Avoid Kubernetes: .*\(AVOID-K8S-/).first(),
    ).toBeVisible();
    // The monthly cost stands beside the fit, with its sources a click away.
    await expect(page.getByText('Monthly cost details')).toBeVisible();
    // Where it runs, the advice and the next action, at the top.
    await expect(page.getByTestId('strip-today')).toContainText(
      'Runs on ECS on Fargate today',
    );
    await expect(page.getByTestId('strip-next')).toContainText('Keep as is');
    // The hypothetical obligations are one line that opens.
    await expect(
      page.getByRole('button', {
        name: 'If it ran on self-managed Kubernetes: 5 obligations (show)',
      }),
    ).toBeVisible();
  });

  test('render-jobs: Kubernetes, Fargate blocked with ECS Managed Instances named', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/render-jobs/orchestration');
    await expect(page.getByTestId('recommendation')).toContainText('eks');
    await expect(page.getByText(/FARGATE-NO-GPU/).first()).toBeVisible();
    await page.getByTestId('reasons-toggle-ecs-fargate').click();
    await expect(
      page
        .getByTestId('reasons-ecs-fargate')
        .getByText(/ECS Managed Instances/)
        .first(),
    ).toBeVisible();
    await expect(
      page.getByTestId('reasons-eks').getByTestId('rule-K8S-SCHEDULING'),
    ).toContainText('orchestration.io/scheduling=');
  });

  test('storefront-web: a migration off self-managed Kubernetes with its effort and steps', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/storefront-web/orchestration');
    await expect(
      page.getByText(/Migration candidate: move from/),
    ).toContainText('self-managed-kubernetes');
    const migration = page.getByTestId('migration');
    await expect(migration).toContainText('Medium effort');
    await expect(
      migration
        .getByRole('list', { name: 'Migration steps' })
        .getByRole('listitem'),
    ).toHaveCount(3);
    const next = page.getByTestId('strip-next');
    await expect(next).toContainText(
      'Migrate to ECS on Fargate: medium effort',
    );
    await expect(next).toContainText('First step:');
    await expect(next).toContainText('Owner:');
  });

  test('promo-banner-service: the misspelt key summed up with a corrected block, scores collapsed', async ({
    page,
  }) => {
    await page.goto(
      '/catalog/default/component/promo-banner-service/orchestration',
    );
    const summary = page.getByTestId('misspelt-keys');
    await expect(summary).toContainText(
      'orchestration.io/workload-typ → orchestration.io/workload-type',
    );
    await expect(
      summary.getByRole('group', { name: 'Corrected annotations' }),
    ).toContainText("orchestration.io/workload-type: 'web-servce'");
    await expect(page.getByTestId('strip-next')).toContainText(
      'Fix 1 misspelt key',
    );
    await expect(page.getByText(/Add the annotation/)).toHaveCount(0);
    await expect(page.getByRole('meter')).toHaveCount(0);
    await page
      .getByRole('button', { name: 'Scores without a workload type (show)' })
      .click();
    await expect(page.getByRole('meter').first()).toBeVisible();
  });

  test('the dashboard filters, links into a tab and exports CSV', async ({
    page,
  }) => {
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Orchestration' })
      .click();
    await expect(page.getByRole('tab', { name: 'Services' })).toBeVisible();
    await expect(page.getByTestId('snapshot')).toContainText(
      'services assessed',
    );

    await page.getByLabel('Migration').selectOption('true');
    await expect(page).toHaveURL(/migration=true/);
    const table = page.getByRole('table', { name: 'Assessed services' });
    await expect(
      table.getByRole('link', { name: 'storefront-web' }),
    ).toBeVisible();
    await expect(table.getByRole('link', { name: 'content-api' })).toHaveCount(
      0,
    );

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const stream = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8').trim().split(/\r?\n/);
    expect(csv.length).toBeGreaterThan(1);
    expect(csv.slice(1).join('\n')).toContain('storefront-web');
    expect(csv.slice(1).join('\n')).not.toContain('content-api');

    await table.getByRole('link', { name: 'storefront-web' }).click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/storefront-web\/orchestration/,
    );
    await expect(page.getByTestId('recommendation')).toBeVisible();
  });

  test('a platform-team member records a review and sees it in the history', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/content-api/orchestration');
    await expect(page.getByTestId('recommendation')).toBeVisible();
    const comment = `Agreed in review ${Date.now()}`;
    await page.getByLabel('Comment (optional)').fill(comment);
    await page.getByRole('button', { name: 'Record decision' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Decision recorded' }),
    ).toBeVisible();
    await expect(
      page.getByRole('list', { name: 'Review history' }),
    ).toContainText(comment);
  });

  test('the prod-kops cluster tab shows its upgrade obligation as critical', async ({
    page,
  }) => {
    await page.goto('/catalog/default/resource/prod-kops/orchestration');
    const upgrades = page.getByTestId('obligation-kubernetes-upgrades');
    await expect(upgrades).toContainText('Critical');
    await expect(
      page.getByRole('table', { name: 'Services on prod-kops' }),
    ).toContainText('events-kafka');
  });
});
