import { expect, test } from '@playwright/test';
import { ensureSnapshot, guestToken, signIn } from './helpers';

// prod-kops (examples/clusters.yaml) declares an etcd-last-backup that is
// long past, so its etcd obligation is critical until automation reports a
// fresh backup through the facts endpoint, as an etcd backup job would with
// `orchestration-advisor report etcd-last-backup=now`. The guest user of this
// backend is a platform-team member, who may report.
const FACTS = '/api/orchestration/v1/clusters/default/prod-kops/facts';
const productTeamUrl = process.env.ORCHESTRATION_E2E_PRODUCT_TEAM_URL;

test.describe('Facts reported about a cluster', () => {
  test.beforeAll(async ({ request, baseURL }) => {
    await ensureSnapshot(request, baseURL!);
  });

  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('a fresh etcd backup reported for prod-kops turns its etcd obligation OK on the cluster tab', async ({
    page,
    request,
    baseURL,
  }) => {
    await page.goto('/catalog/default/resource/prod-kops/orchestration');
    const version = page.getByTestId('cluster-fact-kubernetes-version');
    await expect(version).toContainText('1.29.4');
    await expect(version).toContainText('declared');

    const observedAt = new Date().toISOString();
    const token = await guestToken(request, baseURL!);
    const response = await request.post(`${baseURL}${FACTS}`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        source: 'e2e-etcd-backup',
        observedAt,
        facts: { 'etcd-last-backup': observedAt },
      },
    });
    expect(response.status(), await response.text()).toBe(202);
    const body = await response.json();
    expect(body.report).toMatchObject({
      clusterRef: 'resource:default/prod-kops',
      source: 'e2e-etcd-backup',
      reportedBy: 'user:default/guest',
      facts: { 'orchestration.io/etcd-last-backup': observedAt },
    });
    expect(
      body.assessment.obligations.find((o: any) => o.id === 'etcd-backups')
        .status,
    ).toBe('ok');

    // The cluster tab assesses the cluster when it is read: no refresh needed.
    await page.reload();
    const etcd = page.getByTestId('obligation-etcd-backups');
    await expect(etcd).toContainText('OK');
    await expect(etcd).toContainText('reported by e2e-etcd-backup just now');
    const backup = page.getByTestId('cluster-fact-etcd-last-backup');
    await expect(backup).toContainText('reported by e2e-etcd-backup just now');
    // The annotation it stands in for is kept beside it.
    await expect(backup).toContainText(
      'catalog-info.yaml: 2026-11-27T23:50:00Z',
    );
    await expect(backup.locator('time')).toHaveAttribute(
      'datetime',
      observedAt,
    );
    await expect(version).toContainText('declared');
  });

  test('a report a product-team member sends is refused', async ({
    request,
  }) => {
    expect(
      productTeamUrl,
      'set ORCHESTRATION_E2E_PRODUCT_TEAM_URL, as scripts/test.sh does',
    ).toBeTruthy();
    const token = await guestToken(request, productTeamUrl!);
    const observedAt = new Date().toISOString();
    const response = await request.post(`${productTeamUrl}${FACTS}`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        source: 'e2e-etcd-backup',
        observedAt,
        facts: { 'etcd-last-backup': observedAt },
      },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.message).toContain(
      'orchestration.cluster.facts.report',
    );
  });
});
