import { expect, Page, test } from '@playwright/test';
import { guestToken, signIn } from './helpers';

/** A `YYYY-MM-DD` UTC day `days` after today, as the backend counts days. */
function utcDay(days = 0): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function openTab(page: Page, name: string) {
  await page.goto(`/catalog/default/component/${name}/orchestration`);
  await expect(page.getByRole('region', { name: 'What to do' })).toBeVisible();
}

test.describe('The Orchestration tab of a Component', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('the strip at the top says where it runs, what is recommended, the decision in force and the next action', async ({
    page,
  }) => {
    await openTab(page, 'content-api');
    const strip = page.getByRole('region', { name: 'What to do' });
    await expect(strip.getByTestId('strip-today')).toContainText(
      'Runs on ECS on Fargate today',
    );
    await expect(strip.getByTestId('strip-recommended')).toContainText(
      'ECS on Fargate',
    );
    await expect(strip.getByTestId('strip-next')).toContainText('Keep as is');
    const decision = strip.getByTestId('strip-decision');
    await expect(decision).toContainText('Decision:');
    await expect(decision).not.toContainText('loading');
    // The owner by name, linked.
    await expect(
      decision.getByRole('link', { name: /web-content|Web Content/ }),
    ).toBeVisible();
    // It comes first on the page: before the recommendation's card.
    const stripBox = (await strip.boundingBox())!;
    const recommendationBox = (await page
      .getByTestId('recommendation')
      .boundingBox())!;
    expect(stripBox.y).toBeLessThan(recommendationBox.y);
  });

  test('content-api fits under 1,600 px at 1280 px wide before anything is opened', async ({
    page,
  }) => {
    await openTab(page, 'content-api');
    await expect(page.getByTestId('recommendation')).toBeVisible();
    await expect(page.getByTestId('strip-decision')).not.toContainText(
      'loading',
    );
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    const height = await page.evaluate(
      () => document.documentElement.scrollHeight,
    );
    expect(height, 'height of the content-api tab, in px').toBeLessThan(1600);
  });

  test('promo-banner-service: the misspelt key summed up once, with a corrected YAML block', async ({
    page,
  }) => {
    await openTab(page, 'promo-banner-service');
    await expect(page.getByTestId('strip-next')).toContainText(
      'Fix 1 misspelt key',
    );
    const summaries = page.getByTestId('misspelt-keys');
    await expect(summaries).toHaveCount(1);
    await expect(
      page.getByRole('heading', { name: '1 key misspelt' }),
    ).toHaveCount(1);
    await expect(summaries).toContainText(
      'orchestration.io/workload-typ → orchestration.io/workload-type',
    );
    const block = summaries.getByRole('group', {
      name: 'Corrected annotations',
    });
    await expect(block).toContainText('orchestration.io/workload-type:');
    await expect(block).not.toContainText('orchestration.io/workload-typ:');
    // The owner's own values, under the corrected keys.
    await expect(block).toContainText(
      "orchestration.io/workload-type: 'web-servce'",
    );
    await expect(block).toContainText(
      "orchestration.io/portability: 'aws-only'",
    );
    // Not listed again as an unknown key, nor as an annotation to add.
    const problems = page
      .getByRole('heading', { name: 'Annotation problems' })
      .locator('xpath=ancestor::*[contains(@class, "MuiCard-root")][1]');
    if ((await problems.count()) > 0) {
      await expect(problems).not.toContainText('workload-typ');
    }
    await expect(page.getByText(/Add the annotation/)).toHaveCount(0);
  });

  test('the what-if marks cpu=lots,memory=banana invalid and keeps it out of the YAML', async ({
    page,
  }) => {
    await openTab(page, 'content-api');
    await page
      .getByRole('button', { name: /^What if the annotations changed/ })
      .click();
    const resources = page.getByRole('textbox', { name: 'Resources' });
    await resources.fill('cpu=lots,memory=banana');
    await expect(resources).toHaveAttribute('aria-invalid', 'true');
    const replicas = page.getByRole('textbox', { name: 'Replicas' });
    await replicas.fill('4');
    await expect(replicas).toHaveAttribute('aria-invalid', 'false');
    await expect(page.getByTestId('what-if-summary')).toContainText(
      '1 value cannot be read and is left out.',
    );
    await expect(page.getByTestId('what-if-left-out')).toContainText(
      'orchestration.io/resources',
    );

    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    const yaml = page.getByRole('group', { name: 'The annotations to copy' });
    await expect(yaml).toContainText("orchestration.io/replicas: '4'");
    await expect(yaml).not.toContainText('lots');
    await expect(yaml).not.toContainText('banana');
    await expect(yaml).not.toContainText('orchestration.io/resources');
  });

  test('a migration decision is due today or later; the confirmation keeps the focus and names the reviewer', async ({
    page,
    request,
    baseURL,
  }) => {
    const today = utcDay();
    // The backend refuses a past due date too.
    const token = await guestToken(request, baseURL!);
    const refused = await request.post(
      `${baseURL}/api/orchestration/v1/entities/component/default/payments-worker/reviews`,
      {
        headers: { Authorization: `Bearer ${token}` },
        data: {
          decision: {
            kind: 'migrate',
            targetPlatform: 'ecs-fargate',
            dueDate: utcDay(-1),
          },
        },
      },
    );
    expect(refused.status()).toBe(400);

    await openTab(page, 'payments-worker');
    const form = page.getByRole('form', { name: 'Record a decision' });
    await form.getByLabel('Decision').selectOption('migrate');
    const due = form.getByLabel('Due date');
    await expect(due).toHaveAttribute('min', today);

    await due.fill(utcDay(-1));
    await form.getByRole('button', { name: 'Record decision' }).click();
    await expect(form.getByText(/The due date must be today/)).toBeVisible();
    await expect(due).toBeFocused();
    await expect(due).toHaveAttribute('aria-invalid', 'true');

    const comment = `Due today ${Date.now()}`;
    await due.fill(today);
    await form.getByLabel(/^Comment/).fill(comment);
    await form.getByRole('button', { name: 'Record decision' }).click();
    const confirmation = page
      .getByRole('status')
      .filter({ hasText: 'Decision recorded' });
    await expect(confirmation).toBeFocused();
    await expect(confirmation).toContainText('Migrate to');
    await expect(confirmation).toContainText(comment);

    // Reviewers by name, not by entity ref, in the history and the strip.
    const history = page.getByRole('list', { name: 'Review history' });
    const entry = history.getByRole('listitem').filter({ hasText: comment });
    await expect(entry).toContainText('Guest User');
    await expect(history).not.toContainText('user:default/');
    const decision = page.getByTestId('strip-decision');
    await expect(decision).toContainText(comment);
    await expect(decision).toContainText('Guest User');
    await expect(decision).not.toContainText('user:default/');
  });

  test('an unannotated Component gets a tab and an overview card to get started, with prefilled YAML', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/docs-website');
    const card = page
      .getByText(/Not assessed yet/)
      .locator('xpath=ancestor::*[contains(@class, "MuiCard-root")][1]');
    await expect(card).toBeVisible();
    await card.getByRole('link', { name: /Get started/ }).click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/docs-website\/orchestration/,
    );
    await expect(
      page.getByRole('heading', { name: 'Get started with Orchestration' }),
    ).toBeVisible();
    const yaml = page.getByRole('group', {
      name: 'Starter annotations for catalog-info.yaml',
    });
    await expect(yaml).toContainText('orchestration.io/workload-type:');
    await expect(yaml.getByRole('button', { name: /copy/i })).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Orchestration annotation keys' }),
    ).toBeVisible();
  });
});
