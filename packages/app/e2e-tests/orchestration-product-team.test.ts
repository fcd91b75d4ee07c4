import { expect, test } from '@playwright/test';

// scripts/test.sh starts a second backend whose guest sign-in is a product-team member
// (user:default/lena-fischer, web-content), to see what a user without review rights gets.
const productTeamUrl = process.env.ORCHESTRATION_E2E_PRODUCT_TEAM_URL;

test.describe('Orchestration for a product-team member', () => {
  test.use({ baseURL: productTeamUrl });

  test('cannot record a review: the form is withheld and the API answers 403', async ({
    page,
    request,
  }) => {
    expect(
      productTeamUrl,
      'set ORCHESTRATION_E2E_PRODUCT_TEAM_URL, as scripts/test.sh does',
    ).toBeTruthy();

    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await expect(
      page.getByRole('navigation', { name: 'sidebar nav' }),
    ).toBeAttached();
    await page.goto('/catalog/default/component/content-api/orchestration');
    await expect(page.getByTestId('recommendation')).toBeVisible();
    await expect(
      page.getByText(
        'Only members of the platform team can record a decision.',
      ),
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Record decision' }),
    ).toHaveCount(0);

    // The same user's own token, as the app gets it, is refused by the backend.
    const session = await request.get(
      `${productTeamUrl}/api/auth/guest/refresh`,
      {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      },
    );
    expect(session.ok()).toBe(true);
    const { backstageIdentity } = await session.json();
    expect(backstageIdentity.identity.userEntityRef).toBe(
      'user:default/lena-fischer',
    );
    expect(backstageIdentity.identity.ownershipEntityRefs).not.toContain(
      'group:default/platform',
    );

    const review = await request.post(
      `${productTeamUrl}/api/orchestration/v1/entities/component/default/content-api/reviews`,
      {
        headers: { Authorization: `Bearer ${backstageIdentity.token}` },
        data: { decision: { kind: 'accept' } },
      },
    );
    expect(review.status()).toBe(403);
    const body = await review.json();
    expect(body.error.name).toBe('NotAllowedError');
    expect(body.error.message).toMatch(/platform-team members/);
  });
});
