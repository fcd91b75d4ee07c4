import {
  assessCluster,
  ClusterSummary,
} from '@orchestration/plugin-orchestration-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  clusterSummary,
  fakeApi,
  prodKops,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { OrchestrationReviewPage } from '../OrchestrationReviewPage';
import { ClusterDetails } from './ClusterDetails';

jest.setTimeout(30_000);

const HOUR = 3_600_000;

/** prod-kops assessed now with a fresh backup report and a stale pod IP report. */
function reportedCluster(): ClusterSummary {
  const now = Date.now();
  const fresh = new Date(now - 10_000).toISOString();
  const old = new Date(now - 50 * HOUR).toISOString();
  const assessment = assessCluster(prodKops, {
    now: new Date(now).toISOString(),
    reports: [
      {
        source: 'etcd-backup',
        observedAt: fresh,
        facts: { 'orchestration.io/etcd-last-backup': fresh },
      },
      {
        source: 'prod-kops-collector',
        observedAt: old,
        facts: { 'orchestration.io/pod-ip-capacity': '100/4096' },
      },
    ],
  });
  return { ...clusterSummary(), assessment };
}

describe('the facts of a cluster', () => {
  it('say per fact whether it is declared or reported, by whom and how long ago, stale ones highlighted', async () => {
    const cluster = reportedCluster();
    await renderWithApi(<ClusterDetails cluster={cluster} />, {
      api: fakeApi(),
    });
    const table = await screen.findByRole('table', {
      name: 'Facts of prod-kops and where each comes from',
    });

    const backup = within(table).getByTestId('cluster-fact-etcd-last-backup');
    expect(backup).toHaveTextContent('reported by etcd-backup just now');
    expect(backup).toHaveTextContent('catalog-info.yaml: 2026-11-27T23:50:00Z');
    const provenance = cluster.assessment.facts!.find(
      f => f.key === 'orchestration.io/etcd-last-backup',
    )!.provenance;
    expect(backup.querySelector('time')).toHaveAttribute(
      'dateTime',
      provenance.kind === 'reported' ? provenance.observedAt : '',
    );

    const podIps = within(table).getByTestId('cluster-fact-pod-ip-capacity');
    expect(podIps).toHaveTextContent(
      'reported by prod-kops-collector 2 days ago · stale: older than 1 day, not used',
    );
    expect(podIps.querySelector('[data-provenance="stale"]')).not.toBeNull();

    expect(
      within(table).getByTestId('cluster-fact-kubernetes-version'),
    ).toHaveTextContent(/1\.29\.4\s*declared/);

    // The evidence of an obligation says it too.
    const etcd = screen.getByTestId('obligation-etcd-backups');
    expect(etcd).toHaveTextContent('OK');
    expect(etcd).toHaveTextContent('reported by etcd-backup just now');
  });

  it('are in the clusters view, with the stale reports counted in the row', async () => {
    const cluster = reportedCluster();
    await renderWithApi(<OrchestrationReviewPage />, {
      api: fakeApi({
        listClusters: jest.fn(async () => ({
          items: [cluster],
          snapshot: {
            refreshedAt: '2026-11-28T00:00:00Z',
            stale: false,
            entityCount: 1,
          },
        })),
      }),
      routeEntries: ['/orchestration?view=clusters'],
    });
    const row = await screen.findByTestId('cluster-row-prod-kops');
    const services = within(row).getByRole('button', { name: /1 service/ });
    expect(services).toHaveTextContent('1 stale report');
    await userEvent.click(services);
    const facts = await screen.findByRole('table', {
      name: 'Facts of prod-kops and where each comes from',
    });
    expect(
      within(facts).getByTestId('cluster-fact-etcd-last-backup'),
    ).toHaveTextContent('reported by etcd-backup just now');
  });

  it('say so when a cluster has none', async () => {
    const cluster = clusterSummary();
    await renderWithApi(
      <ClusterDetails
        cluster={{
          ...cluster,
          assessment: { ...cluster.assessment, facts: [] },
        }}
      />,
      { api: fakeApi() },
    );
    expect(
      await screen.findByText(
        'No fact of this cluster is declared or reported.',
      ),
    ).toBeInTheDocument();
  });
});
