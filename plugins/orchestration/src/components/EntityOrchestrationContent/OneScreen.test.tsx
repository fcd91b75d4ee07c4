import { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  checkoutApi,
  contentApi,
  entityResponse,
  eventsKafka,
  fakeApi,
  globalSearch,
  noWorkloadType,
} from '../../__testUtils__/fixtures';
import { globalSearchAssessment } from '../../__testUtils__/fixedAssessments';
import { renderWithApi } from '../../__testUtils__/render';
import { EntityOrchestrationContent } from './EntityOrchestrationContent';

jest.setTimeout(30_000);

/** Annotations with two misspelt keys and one misspelt list item. */
const promoBanner: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'promo-banner-service',
    namespace: 'default',
    annotations: {
      'orchestration.io/workload-typ': 'web-servce',
      'orchestration.io/portabilty': 'aws-only',
      'orchestration.io/aws-integrations': 'alb, cloudwatch, secret-manager',
      'orchestration.io/current-platform': 'ecs-fargate',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/commerce',
  },
};

const noReviews = () =>
  jest.fn(async () => ({ items: [], nextCursor: null, inForce: null }));

describe('the top strip of the Orchestration tab', () => {
  it('says where it runs today, what is recommended and why, and to keep it as it is, with the owner and the decision in force', async () => {
    const api = fakeApi();
    await renderWithApi(<EntityOrchestrationContent />, {
      api,
      entity: contentApi,
    });
    const strip = await screen.findByRole('region', { name: 'What to do' });
    expect(within(strip).getByTestId('strip-today')).toHaveTextContent(
      'Runs on ECS on Fargate today',
    );
    const recommended = within(strip).getByTestId('strip-recommended');
    expect(recommended).toHaveTextContent('ECS on Fargate (where it runs)');
    expect(recommended).toHaveTextContent(/Confidence (high|medium)/);
    expect(recommended).toHaveTextContent(
      /Mainly: .*Native AWS integrations \(\+\d+\)/,
    );
    const next = within(strip).getByTestId('strip-next');
    expect(next).toHaveTextContent('Keep as is');
    expect(next).toHaveTextContent(
      'It already runs on the recommended platform.',
    );
    const decision = await within(strip).findByText(/Fargate it is/);
    expect(decision.closest('p')).toHaveTextContent(
      /Owner: web-content\. Decision: Accepted the recommendation: Fargate it is \(guest, Nov 27, 2026\)/,
    );
    // One date format, with the instant kept for machines.
    expect(within(strip).getByText('Nov 27, 2026')).toHaveAttribute(
      'datetime',
      '2026-11-27T10:00:00Z',
    );
    expect(api.listReviews).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'content-api' }),
      { limit: 1 },
    );
  });

  it('names the migration with its effort and first step, and that no decision is recorded yet', async () => {
    await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi({ listReviews: noReviews() }),
      entity: globalSearch,
    });
    const next = await screen.findByTestId('strip-next');
    expect(screen.getByTestId('strip-today')).toHaveTextContent(
      'Runs on ECS on Fargate today',
    );
    expect(screen.getByTestId('strip-recommended')).toHaveTextContent(
      'Amazon EKS',
    );
    expect(next).toHaveTextContent('Migrate to Amazon EKS: large effort');
    expect(next).toHaveTextContent(
      'ECS on Fargate is blocked (REQ-PORTABILITY)',
    );
    expect(within(next).getByTestId('first-step')).toHaveTextContent(
      'First step: Translate the task definition into Kubernetes manifests',
    );
    expect(
      await within(next).findByText(/none recorded yet/),
    ).toHaveTextContent(
      'Owner: search. Decision: none recorded yet (record it under Review decisions)',
    );
  });

  it('names the cluster and the most urgent obligation of a service on a self-managed cluster', async () => {
    await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi(),
      entity: eventsKafka,
    });
    expect(await screen.findByTestId('strip-today')).toHaveTextContent(
      'Runs on Self-managed Kubernetes todayCluster resource:default/prod-kops',
    );
    const next = screen.getByTestId('strip-next');
    expect(next).toHaveTextContent(/^NextMigrate to Amazon EKS/);
    expect(next).toHaveTextContent(/Meanwhile: .* is critical/);
  });

  it('asks to settle a deciding input before acting on a low-confidence recommendation', async () => {
    await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi(),
      entity: checkoutApi,
    });
    const next = await screen.findByTestId('strip-next');
    expect(next).toHaveTextContent(
      'Check first: setting orchestration.io/portability to multi-cloud would recommend Amazon EKS.',
    );
  });

  it('asks for the annotations to add, not for one that is written with a bad value', async () => {
    await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi(),
      entity: noWorkloadType,
    });
    expect(await screen.findByTestId('strip-recommended')).toHaveTextContent(
      'No recommendation yet: the workload type is missing',
    );
    const next = screen.getByTestId('strip-next');
    expect(next).toHaveTextContent('Add these annotations');
    expect(next).toHaveTextContent('orchestration.io/workload-type');
    expect(next).not.toHaveTextContent('orchestration.io/portability');
    expect(screen.getByTestId('strip-today')).toHaveTextContent(
      'Where it runs today is not stated',
    );
    // The portability is written (misspelt value): fixed, not added.
    expect(screen.getByTestId('inputs-to-fix')).toHaveTextContent(
      'orchestration.io/portability',
    );
  });
});

describe('what is not urgent is collapsed', () => {
  it('shows the hypothetical obligations as one line that opens', async () => {
    await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi(),
      entity: contentApi,
    });
    const line = await screen.findByTestId('hypothetical-obligations');
    expect(
      within(line).queryByRole('table', {
        name: 'Obligations if it ran on self-managed Kubernetes',
      }),
    ).not.toBeInTheDocument();
    const toggle = within(line).getByRole('button', {
      name: 'If it ran on self-managed Kubernetes: 5 obligations (show)',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    const table = within(line).getByRole('table', {
      name: 'Obligations if it ran on self-managed Kubernetes',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(6);
    expect(toggle).toHaveTextContent(
      'If it ran on self-managed Kubernetes: 5 obligations (hide)',
    );
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
  });

  it('hides the annotation problems and the inputs to add when there are none', async () => {
    await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi(),
      entity: globalSearch,
    });
    await screen.findByTestId('recommendation');
    expect(screen.queryByText('Annotation problems')).not.toBeInTheDocument();
    expect(screen.queryByText('Raise the confidence')).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('hypothetical-obligations'),
    ).not.toBeInTheDocument();
    // No history yet: no card for it.
    await waitFor(() =>
      expect(screen.queryByText('Changes over time')).not.toBeInTheDocument(),
    );
  });

  it('keeps the inputs that would raise the confidence to one line while there is a recommendation', async () => {
    await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi({
        getHistory: jest.fn(async () => ({
          items: [
            {
              recordedAt: '2026-11-20T08:00:00Z',
              recommendedPlatform: 'ecs-fargate' as const,
              confidence: 'high' as const,
              fit: 85,
              migration: null,
              obligationStatuses: {},
              changes: [],
            },
          ],
          nextCursor: null,
        })),
      }),
      entity: contentApi,
    });
    const line = await screen.findByTestId('raise-confidence');
    const toggle = within(line).getByRole('button', {
      name: /^Raise the confidence: \d inputs? to add or fix \(show\)$/,
    });
    expect(within(line).queryByText(/Add to/)).not.toBeInTheDocument();
    await userEvent.click(toggle);
    expect(within(line).getByText(/Add to/)).toBeInTheDocument();
    // With a history, its card is there, each date in one format.
    const history = await screen.findByRole('list', {
      name: 'Assessment history',
    });
    expect(history).toHaveTextContent(
      'Nov 20, 2026, 08:00 AM UTC: ECS on Fargate',
    );
  });

  it('cuts long values at about 120 characters with "show more", as text', async () => {
    const long = `${'a'.repeat(4990)}<b>END</b>`;
    const assessment = {
      ...globalSearchAssessment,
      platforms: globalSearchAssessment.platforms.map(p => ({
        ...p,
        reasons: p.reasons.map(r =>
          r.rule === 'K8S-TOOLING'
            ? {
                ...r,
                evidence: [{ key: 'orchestration.io/ecosystem', value: long }],
              }
            : r,
        ),
      })),
    };
    const { container } = await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi({
        getEntityAssessment: jest.fn(async () => ({
          assessment,
          cluster: null,
        })),
      }),
      entity: globalSearch,
    });
    // The reasons of a platform are one line that opens.
    await userEvent.click(await screen.findByTestId('reasons-toggle-eks'));
    const rule = within(screen.getByTestId('reasons-eks')).getByTestId(
      'rule-K8S-TOOLING',
    );
    expect(rule).not.toHaveTextContent('END');
    expect(rule).toHaveTextContent(
      `orchestration.io/ecosystem=${'a'.repeat(93)}…`,
    );
    await userEvent.click(
      within(rule).getByRole('button', {
        name: `show more (${(long.length + 27).toLocaleString(
          'en-US',
        )} characters)`,
      }),
    );
    expect(rule).toHaveTextContent(`${'a'.repeat(4990)}<b>END</b>`);
    expect(
      within(rule).getByRole('button', { name: 'show less' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(container.querySelector('b')).toBeNull();
  });
});

describe('misspelt keys', () => {
  async function renderPromo() {
    const api = fakeApi({
      getEntityAssessment: jest.fn(async () => entityResponse(promoBanner)),
    });
    await renderWithApi(<EntityOrchestrationContent />, {
      api,
      entity: promoBanner,
    });
    return screen.findByTestId('misspelt-keys');
  }

  it('sums them up at the top with a corrected block of the owner’s own values', async () => {
    const summary = await renderPromo();
    expect(screen.getByText('2 keys misspelt')).toBeInTheDocument();
    expect(summary).toHaveTextContent(
      'orchestration.io/workload-typ → orchestration.io/workload-type (value web-servce)',
    );
    expect(summary).toHaveTextContent(
      'orchestration.io/portabilty → orchestration.io/portability (value aws-only)',
    );
    const block = within(summary).getByRole('group', {
      name: 'Corrected annotations',
    });
    // The highlighter renders the block asynchronously.
    await waitFor(() =>
      expect(block).toHaveTextContent(
        "orchestration.io/workload-type: 'web-servce'",
      ),
    );
    expect(block).toHaveTextContent("orchestration.io/portability: 'aws-only'");
    expect(block).toHaveTextContent(
      "orchestration.io/aws-integrations: 'alb, cloudwatch, secret-manager'",
    );
    expect(block).toHaveTextContent(
      "orchestration.io/current-platform: 'ecs-fargate'",
    );
    expect(block).not.toHaveTextContent('workload-typ:');
    // What the parser still finds once the keys are right.
    expect(within(summary).getByTestId('misspelt-remaining')).toHaveTextContent(
      'did you mean "web-service"?',
    );
    // The allowed keys, once on the page.
    expect(screen.getAllByTestId('allowed-keys')).toHaveLength(1);
    expect(screen.getByTestId('strip-next')).toHaveTextContent(
      'Fix 2 misspelt keys',
    );
  });

  it('does not advise adding a key that is written, only misspelt', async () => {
    await renderPromo();
    expect(screen.queryByText(/Add the annotation/)).not.toBeInTheDocument();
    expect(screen.getByTestId('workload-advice')).toHaveTextContent(
      'orchestration.io/workload-type is written, but misspelt as orchestration.io/workload-typ',
    );
    const problems = screen
      .getByText('Annotation problems')
      .closest('.MuiCard-root') as HTMLElement;
    expect(problems).toHaveTextContent('secret-manager');
    expect(problems).not.toHaveTextContent('workload-typ');
    expect(problems).not.toHaveTextContent('is missing');
    const raise = screen
      .getByText('Raise the confidence')
      .closest('.MuiCard-root') as HTMLElement;
    expect(within(raise).getByTestId('inputs-to-fix')).toHaveTextContent(
      'orchestration.io/workload-type, orchestration.io/portability',
    );
    expect(raise).not.toHaveTextContent(
      "orchestration.io/workload-type: 'api'",
    );
  });

  it('collapses the scores behind "scores without a workload type"', async () => {
    await renderPromo();
    expect(screen.queryAllByRole('meter')).toHaveLength(0);
    expect(screen.queryByTestId('rule-ECS-AWS-INTEGRATION')).toBeNull();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Scores without a workload type (show)',
      }),
    );
    const scores = screen.getByTestId('scores-without-workload-type');
    expect(scores).toHaveTextContent('these scores are not a recommendation');
    expect(within(scores).getAllByRole('meter')).toHaveLength(4);
    expect(within(scores).getByTestId('today-marker')).toBeInTheDocument();
  });
});
