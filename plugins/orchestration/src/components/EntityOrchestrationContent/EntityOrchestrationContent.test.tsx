import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OrchestrationApiError } from '../../api';
import {
  contentApi,
  eventsKafka,
  fakeApi,
  noWorkloadType,
  notAnnotated,
  prodKops,
  renderJobs,
} from '../../__testUtils__/fixtures';
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
    expect(screen.getByTestId('rule-ECS-AWS-INTEGRATION')).toHaveTextContent(
      'orchestration.io/aws-integrations=',
    );
    expect(
      screen.getByRole('group', { name: 'Avoid Kubernetes warnings' }),
    ).toHaveTextContent('AVOID-K8S-');
    expect(
      screen.getByText(
        'Obligations if it ran on self-managed Kubernetes (hypothetical)',
      ),
    ).toBeInTheDocument();
    expect(api.getEntityAssessment).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'content-api',
    });
  });

  it('shows the migration direction and blocked platforms of render-jobs', async () => {
    await renderWithApi(<EntityOrchestrationContent />, {
      api: fakeApi(),
      entity: renderJobs,
    });
    expect(
      await screen.findByText(/Migration candidate: move from/),
    ).toHaveTextContent('ECS on EC2 (ecs-ec2)');
    expect(
      screen.getByText(/ECS on Fargate \(ecs-fargate\)/, {
        selector: 'strong',
      }),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/FARGATE-NO-GPU/).length).toBeGreaterThan(0);
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
      await screen.findByText(/Accepted the recommendation: Fargate it is/),
    ).toBeInTheDocument();
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
    );
  });

  it('records a migration decision and reloads the history', async () => {
    const api = fakeApi();
    await renderWithApi(<EntityOrchestrationContent />, {
      api,
      entity: renderJobs,
    });
    await screen.findByTestId('recommendation');
    await userEvent.selectOptions(screen.getByLabelText('Decision'), 'migrate');
    await userEvent.type(screen.getByLabelText(/Due date/), '2027-03-01');
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    expect(await screen.findByText('Decision recorded.')).toBeInTheDocument();
    expect(api.createReview).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'render-jobs' }),
      { kind: 'migrate', targetPlatform: 'eks', dueDate: '2027-03-01' },
    );
    await waitFor(() => expect(api.listReviews).toHaveBeenCalledTimes(2));
  });
});
