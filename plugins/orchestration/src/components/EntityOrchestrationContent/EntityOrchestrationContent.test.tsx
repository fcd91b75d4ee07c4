import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OrchestrationApiError } from '../../api';
import {
  checkoutApi,
  contentApi,
  eventsKafka,
  globalSearch,
  fakeApi,
  noWorkloadType,
  notAnnotated,
  prodKops,
  renderJobs,
} from '../../__testUtils__/fixtures';
import { checkoutAssessment } from '../../__testUtils__/fixedAssessments';
import { renderWithApi } from '../../__testUtils__/render';
import {
  EntityOrchestrationContent,
  isOrchestrationAvailable,
} from './EntityOrchestrationContent';

jest.setTimeout(30_000);

describe('isOrchestrationAvailable', () => {
  it.each([
    ['an annotated Component', contentApi, true],
    ['a Component without annotations', notAnnotated, false],
    ['a kubernetes-cluster Resource', prodKops, true],
    ['another Resource', { ...prodKops, spec: { type: 'database' } }, false],
  ])('is %s: %s', (_name, entity, expected) => {
    expect(isOrchestrationAvailable(entity)).toBe(expected);
  });
});

describe('EntityOrchestrationContent', () => {
  it('shows the recommendation, the fit chart, the reasons and the avoid-Kubernetes warnings', async () => {
    const api = fakeApi();
    await renderWithApi(<EntityOrchestrationContent />, {
      api,
      entity: contentApi,
    });

    expect(await screen.findByTestId('recommendation')).toHaveTextContent(
      'ECS on Fargate (ecs-fargate)',
    );
    expect(screen.getAllByRole('meter')).toHaveLength(4);
    expect(
      screen.getByRole('meter', { name: 'Fit of ecs-fargate' }),
    ).toHaveAttribute('aria-valuetext', expect.stringContaining('Recommended'));
    // The reasons are grouped per platform, each one line that opens.
    const fargate = screen.getByTestId('reasons-ecs-fargate');
    const toggle = screen.getByTestId('reasons-toggle-ecs-fargate');
    expect(fargate).not.toBeVisible();
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveTextContent(
      /^Why: \d rules for \(\+\d+\), none against \(show\)$/,
    );
    await userEvent.click(toggle);
    expect(fargate).toBeVisible();
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(
      within(fargate).getByTestId('rule-ECS-AWS-INTEGRATION'),
    ).toHaveTextContent('orchestration.io/aws-integrations=');
    expect(screen.getByTestId('reasons-toggle-eks')).toHaveTextContent(
      /\d against \(-\d+\)/,
    );
    expect(
      screen.getByRole('group', { name: 'Avoid Kubernetes warnings' }),
    ).toHaveTextContent('AVOID-K8S-');
    expect(
      screen.getByRole('button', {
        name: 'If it ran on self-managed Kubernetes: 5 obligations (show)',
      }),
    ).toBeInTheDocument();
    expect(api.getEntityAssessment).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'content-api',
    });
  });

  it('shows the blocked platforms of render-jobs and the option that lifts the block on ECS', async () => {
    await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi(),
      entity: renderJobs,
    });
    // A blocked platform says so beside its name, with the rule.
    expect(await screen.findByTestId('fit-ecs-fargate')).toHaveTextContent(
      /Blocked.*Fargate has no GPUs/,
    );
    expect(screen.getByTestId('block-FARGATE-NO-GPU')).toHaveTextContent(
      'Fargate has no GPUs (FARGATE-NO-GPU)',
    );
    // The date of an option is a date in the user's format, not ISO.
    expect(screen.getByTestId('block-FARGATE-NO-GPU')).toHaveTextContent(
      /Option since [A-Z][a-z]{2}( \d{1,2},)? \d{4}: ECS Managed Instances/,
    );
    expect(screen.getByTestId('reasons-toggle-ecs-fargate')).toHaveTextContent(
      /^Why: blocked by \d rules?; /,
    );
  });

  it('says in words which missing input could change the recommendation, and the cost per platform with its sources', async () => {
    await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi(),
      entity: checkoutApi,
    });
    expect(await screen.findByTestId('confidence')).toHaveTextContent(
      'Confidence low: setting orchestration.io/portability to multi-cloud would recommend Amazon EKS.',
    );
    expect(screen.getByTestId('cost-ecs-fargate')).toHaveTextContent(
      '$108/month',
    );
    expect(screen.getByTestId('cost-ecs-ec2')).toHaveTextContent('$145/month');
    const details = screen.getByTestId('cost-details');
    expect(details).not.toHaveAttribute('open');
    await userEvent.click(within(details).getByText('Monthly cost details'));
    const fargate = within(details).getByRole('table', {
      name: 'Cost of ecs-fargate',
    });
    const vcpu = within(fargate)
      .getByText('Fargate vCPU: 3 tasks × 1 vCPU × 730 h')
      .closest('tr')!;
    expect(vcpu).toHaveTextContent('$88.65');
    expect(vcpu).toHaveTextContent('S48 (secondary)');
    expect(
      within(details).getByText(
        'Ephemeral storage within the 20 GB included in the task price.',
      ),
    ).toBeInTheDocument();
    // A reason names the option launched since 2017 that bears on it, with its date.
    const awsIntegration = within(
      screen.getByTestId('reasons-ecs-fargate'),
    ).getByTestId('rule-ECS-AWS-INTEGRATION');
    expect(
      within(awsIntegration).getByTestId('named-options'),
    ).toHaveTextContent(
      'Option since Nov 26, 2023: EKS Pod Identity — Gives each Kubernetes service account',
    );
    expect(awsIntegration.querySelector('time')).toHaveAttribute(
      'datetime',
      '2023-11-26',
    );
    // So does a warning.
    expect(
      screen.getByRole('group', { name: 'Avoid Kubernetes warnings' }),
    ).toHaveTextContent('Option since Dec 1, 2024: EKS Auto Mode');
    expect(screen.queryByTestId('migration')).not.toBeInTheDocument();
  });

  it('shows the multi-cloud block of ECS, the counted-by reasons and the migration with its effort and steps', async () => {
    await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi(),
      entity: globalSearch,
    });
    expect(await screen.findByTestId('recommendation')).toHaveTextContent(
      'Amazon EKS (eks)',
    );
    expect(screen.getByTestId('confidence')).toHaveTextContent(
      'Confidence high: 34 points ahead of the runner-up',
    );
    expect(screen.getAllByTestId('block-REQ-PORTABILITY')).toHaveLength(2);
    expect(screen.getAllByTestId('block-REQ-PORTABILITY')[0]).toHaveTextContent(
      'Multi-cloud required: ECS is AWS-only (REQ-PORTABILITY): It must run on more than one cloud',
    );
    // A blocked platform is a short label and the rule, not a bar or a score.
    const fargate = screen.getByTestId('fit-ecs-fargate');
    expect(fargate).toHaveTextContent('Blocked');
    expect(fargate).toHaveTextContent('Multi-cloud required: ECS is AWS-only');
    expect(fargate).not.toHaveTextContent('/100');
    expect(within(fargate).queryByRole('meter')).not.toBeInTheDocument();
    expect(screen.getAllByRole('meter')).toHaveLength(2);
    expect(screen.queryByTestId('cost-ecs-fargate')).not.toBeInTheDocument();
    expect(within(fargate).getByTestId('today-marker')).toHaveTextContent(
      'today',
    );
    expect(screen.getByTestId('cost-eks')).toHaveTextContent('$213/month');

    const portability = within(
      screen.getByTestId('reasons-ecs-fargate'),
    ).getByTestId('block-REQ-PORTABILITY');
    expect(portability).toHaveTextContent(
      'Option since May 25, 2021: ECS Anywhere — Runs ECS tasks on your own servers',
    );
    expect(portability).toHaveTextContent('Limits: External instances get');
    expect(portability).toHaveTextContent('[S38, S47] (secondary source)');
    expect(
      within(screen.getByTestId('reasons-self-managed-kubernetes')).getByTestId(
        'rule-SELF-MANAGED-ONLY-WHEN',
      ),
    ).toHaveTextContent(
      '(0 points, counted by Must run on several clouds or sites (K8S-PORTABILITY))',
    );
    expect(
      within(screen.getByTestId('reasons-eks')).getByTestId('rule-K8S-TOOLING'),
    ).toHaveTextContent('Tooling, not a need for Kubernetes (K8S-TOOLING)');
    expect(
      within(screen.getByTestId('reasons-ecs-ec2')).getByTestId(
        'rule-ECS-SCHEDULING-GAP',
      ),
    ).toHaveTextContent('Scheduling ECS cannot express (ECS-SCHEDULING-GAP)');

    const migration = screen.getByTestId('migration');
    expect(migration).toHaveTextContent(
      'ECS on Fargate is blocked (REQ-PORTABILITY)',
    );
    expect(migration).toHaveTextContent(
      'Large effort: ECS on Fargate and EKS describe workloads differently',
    );
    const steps = within(
      within(migration).getByRole('list', { name: 'Migration steps' }),
    ).getAllByRole('listitem');
    expect(steps).toHaveLength(3);
    expect(steps[0]).toHaveTextContent(
      'Translate the task definition into Kubernetes manifests',
    );
    expect(steps[2]).toHaveTextContent('Deploy beside the ECS service');
  });

  it('renders annotation values as text, never as markup', async () => {
    const assessment = checkoutAssessment;
    const api = fakeApi({
      getEntityAssessment: jest.fn(async () => ({
        assessment: {
          ...assessment,
          recommendation: {
            ...assessment.recommendation,
            decidingInputs: [
              {
                key: 'orchestration.io/portability',
                value: '<img src=x onerror=alert(1)>',
                wouldRecommend: 'eks' as const,
              },
            ],
          },
        },
        cluster: null,
      })),
    });
    const { container } = await renderWithApi(<EntityOrchestrationContent />, {
      api,
      entity: checkoutApi,
    });
    expect(await screen.findByTestId('confidence')).toHaveTextContent(
      'setting orchestration.io/portability to <img src=x onerror=alert(1)> would recommend Amazon EKS',
    );
    expect(container.querySelector('img')).toBeNull();
  });

  it('shows real obligations with their status in words for a service on a self-managed cluster', async () => {
    await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi(),
      entity: eventsKafka,
    });
    const upgrades = await screen.findByTestId(
      'obligation-kubernetes-upgrades',
    );
    expect(within(upgrades).getByText('Critical')).toBeInTheDocument();
    expect(upgrades).not.toHaveTextContent('hypothetical');
    expect(
      screen.getByText('Obligations of running on Kubernetes'),
    ).toBeInTheDocument();
  });

  it('asks for the workload type and lists the annotation problems', async () => {
    await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi(),
      entity: noWorkloadType,
    });
    expect(
      await screen.findByText('Not enough information for a recommendation'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('orchestration.io/workload-type').length,
    ).toBeGreaterThan(0);
    expect(screen.getAllByText('aws-olny').length).toBeGreaterThan(0);
    expect(screen.getByText(/Add to/)).toBeInTheDocument();
  });

  it('says which annotation to add when there is none', async () => {
    const api = fakeApi();
    await renderWithApi(<EntityOrchestrationContent />, {
      api,
      entity: notAnnotated,
    });
    expect(
      screen.getAllByText(/orchestration.io\/workload-type/).length,
    ).toBeGreaterThan(0);
    expect(api.getEntityAssessment).not.toHaveBeenCalled();
  });

  it('shows the error message of the backend', async () => {
    const api = fakeApi({
      getEntityAssessment: jest.fn(async () => {
        throw new OrchestrationApiError(
          'The Orchestration backend was not found at http://x (404). Is the backend plugin @orchestration/plugin-orchestration-backend installed?',
          404,
        );
      }),
    });
    await renderWithApi(<EntityOrchestrationContent />, {
      api,
      entity: contentApi,
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Is the backend plugin @orchestration/plugin-orchestration-backend installed?',
    );
  });

  it('renders the cluster view on a kubernetes-cluster Resource', async () => {
    const api = fakeApi();
    await renderWithApi(<EntityOrchestrationContent />, {
      api,
      entity: prodKops,
    });
    const upgrades = await screen.findByTestId(
      'obligation-kubernetes-upgrades',
    );
    expect(within(upgrades).getByText('Critical')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'events-kafka' })).toHaveAttribute(
      'href',
      '/catalog/default/component/events-kafka/orchestration',
    );
    expect(api.getCluster).toHaveBeenCalledWith(
      expect.objectContaining({ namespace: 'default', name: 'prod-kops' }),
    );
  });

  it('evaluates a what-if through the backend and shows the annotations to copy', async () => {
    const api = fakeApi();
    await renderWithApi(<EntityOrchestrationContent />, {
      api,
      entity: contentApi,
    });
    await screen.findByTestId('recommendation');
    await userEvent.click(
      screen.getByRole('button', {
        name: 'What if the annotations changed? Try other values (show)',
      }),
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Portability'),
      'multi-cloud',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Evaluate' }));
    const result = await screen.findByTestId('what-if-result');
    expect(api.evaluate).toHaveBeenCalledWith({
      entity: expect.objectContaining({
        metadata: expect.objectContaining({
          annotations: expect.objectContaining({
            'orchestration.io/portability': 'multi-cloud',
          }),
        }),
      }),
    });
    expect(result).toHaveTextContent(
      "orchestration.io/portability: 'multi-cloud'",
    );
  });

  it('records a review and shows the server message when it is refused', async () => {
    const api = fakeApi({
      createReview: jest.fn(async () => {
        throw new OrchestrationApiError(
          'Only members of a platform team may record reviews',
          403,
        );
      }),
    });
    await renderWithApi(<EntityOrchestrationContent />, {
      api,
      entity: contentApi,
    });
    expect(
      await screen.findByRole('list', { name: 'Review history' }),
    ).toHaveTextContent('Accepted the recommendation: Fargate it is');
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    expect(
      await screen.findByText(
        'Only members of a platform team may record reviews',
      ),
    ).toBeInTheDocument();
    expect(api.createReview).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'content-api' }),
      { kind: 'accept' },
      expect.objectContaining({ idempotencyKey: expect.any(String) }),
    );
  });

  it('records a migration decision and reloads the history', async () => {
    const api = fakeApi();
    await renderWithApi(<EntityOrchestrationContent />, {
      api,
      entity: renderJobs,
    });
    await screen.findByTestId('recommendation');
    await screen.findByRole('list', { name: 'Review history' });
    const loads = api.listReviews.mock.calls.length;
    await userEvent.selectOptions(screen.getByLabelText('Decision'), 'migrate');
    await userEvent.type(screen.getByLabelText(/Due date/), '2027-03-01');
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    expect(await screen.findByText(/^Decision recorded/)).toBeInTheDocument();
    expect(api.createReview).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'render-jobs' }),
      { kind: 'migrate', targetPlatform: 'eks', dueDate: '2027-03-01' },
      expect.objectContaining({ idempotencyKey: expect.any(String) }),
    );
    // The history reloads (and so does the strip, with the decision in force).
    await waitFor(() =>
      expect(api.listReviews.mock.calls.length).toBeGreaterThan(loads),
    );
  });
});
