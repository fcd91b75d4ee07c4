import { expect, test } from '@playwright/test';
import { ensureSnapshot, screenshot, signIn } from './helpers';

// prod-kops (examples/clusters.yaml) runs Kubernetes 1.29, past its end of
// life, so its upgrade obligation is critical. It is owned by the platform
// team, of which the guest user of this backend is a member: the first
// snapshot refresh that finds the cluster tells the team, through
// Backstage's notifications, with a link to the cluster's Orchestration tab.
const TITLE = 'prod-kops: Kubernetes upgrades are critical';

test.describe('Orchestration notifications', () => {
  test.beforeAll(async ({ request, baseURL }) => {
    await ensureSnapshot(request, baseURL!);
  });

  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('the platform team is told that prod-kops needs upgrades, and the link opens its Orchestration tab', async ({
    page,
  }, testInfo) => {
    await page.goto('/notifications');
    const notification = page.getByRole('link', { name: TITLE });
    // Told right after the refresh that published the snapshot.
    await expect(async () => {
      await page.reload();
      await expect(notification).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    await expect(
      page.getByText(
        /^Kubernetes upgrades of prod-kops turned critical\. Kubernetes 1\.29 reached end of life/,
      ),
    ).toBeVisible();
    await screenshot(page, testInfo, 'notifications.png');

    await notification.click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/resource\/prod-kops\/orchestration$/,
    );
    await expect(
      page.getByTestId('obligation-kubernetes-upgrades'),
    ).toContainText('Critical');
  });
});
