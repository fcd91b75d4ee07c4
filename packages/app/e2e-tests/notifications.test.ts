import { expect, test } from '@playwright/test';
import { ensureSnapshot, guestToken, screenshot, signIn } from './helpers';

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
    request,
    baseURL,
  }, testInfo) => {
    // Told right after the refresh that published the snapshot.
    const api = `${baseURL}/api/notifications`;
    const headers = {
      Authorization: `Bearer ${await guestToken(request, baseURL!)}`,
    };
    let ids: string[] = [];
    await expect
      .poll(
        async () => {
          const listed = await request.get(
            `${api}/notifications?topic=orchestration&search=${encodeURIComponent(
              TITLE,
            )}`,
            { headers },
          );
          const { notifications } = await listed.json();
          ids = notifications
            .filter((n: any) => n.payload.title === TITLE)
            .map((n: any) => n.id);
          return ids.length;
        },
        { message: `a notification "${TITLE}"`, timeout: 60_000 },
      )
      .toBe(1);
    // Unread, as when it came (a retry of this test has opened it before).
    const unread = await request.post(`${api}/notifications/update`, {
      headers,
      data: { ids, read: false },
    });
    expect(unread.ok(), await unread.text()).toBe(true);

    // The page lists five at a time, newest first: its filter finds it.
    await page.goto('/notifications');
    await page.getByPlaceholder('Filter').fill(TITLE);
    const notification = page.getByRole('link', { name: TITLE });
    await expect(notification).toBeVisible();
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
