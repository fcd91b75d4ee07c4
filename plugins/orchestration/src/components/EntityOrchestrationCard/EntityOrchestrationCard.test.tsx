import { Entity } from '@backstage/catalog-model';
import { screen } from '@testing-library/react';
import {
  checkoutApi,
  contentApi,
  entityResponse,
  eventsKafka,
  fakeApi,
  globalSearch,
  notAnnotated,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { EntityOrchestrationCard } from './EntityOrchestrationCard';

jest.setTimeout(30_000);

describe('EntityOrchestrationCard', () => {
  it('shows the recommendation, the most urgent obligation and a link to the tab', async () => {
    await renderWithApi(<EntityOrchestrationCard />, {
      api: fakeApi(),
      entity: eventsKafka,
    });
    expect(
      await screen.findByText('Most urgent obligation'),
    ).toBeInTheDocument();
    expect(screen.getByText('Critical')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /See the full assessment/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/events-kafka/orchestration',
    );
  });

  it('shows the monthly cost of the recommendation and the deciding input in one line', async () => {
    await renderWithApi(<EntityOrchestrationCard />, {
      api: fakeApi(),
      entity: checkoutApi,
    });
    expect(
      await screen.findByText('Fit 86/100, Recommended, $108/month.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('card-confidence')).toHaveTextContent(
      'Confidence low: setting orchestration.io/portability to multi-cloud would recommend Amazon EKS.',
    );
  });

  it('shows the effort of a migration', async () => {
    await renderWithApi(<EntityOrchestrationCard />, {
      api: fakeApi(),
      entity: globalSearch,
    });
    expect(
      await screen.findByText(
        /Migration candidate: ECS on Fargate → Amazon EKS/,
      ),
    ).toHaveTextContent('(large effort)');
    expect(
      screen.getByText('Fit 100/100, Recommended, $213/month.'),
    ).toBeInTheDocument();
  });

  it('says which annotation to add when there is none', async () => {
    const api = fakeApi();
    await renderWithApi(<EntityOrchestrationCard />, {
      api,
      entity: notAnnotated,
    });
    expect(
      screen.getAllByText(/orchestration.io\/workload-type/).length,
    ).toBeGreaterThan(0);
    expect(api.getEntityAssessment).not.toHaveBeenCalled();
  });

  it('says where it runs today and the next action', async () => {
    await renderWithApi(<EntityOrchestrationCard />, {
      api: fakeApi(),
      entity: globalSearch,
    });
    expect(await screen.findByTestId('card-next')).toHaveTextContent(
      'Today: ECS on Fargate. Next: Migrate to Amazon EKS: large effort.',
    );
  });

  it('asks to rename a misspelt workload type key, not to add it', async () => {
    const misspelt: Entity = {
      ...contentApi,
      metadata: {
        ...contentApi.metadata,
        name: 'misspelt',
        annotations: {
          'orchestration.io/workload-typ': 'api',
          'orchestration.io/current-platform': 'ecs-fargate',
        },
      },
    };
    await renderWithApi(<EntityOrchestrationCard />, {
      api: fakeApi({
        getEntityAssessment: jest.fn(async () => entityResponse(misspelt)),
      }),
      entity: misspelt,
    });
    expect(await screen.findByText(/Not enough information/)).toHaveTextContent(
      'Not enough information: orchestration.io/workload-type is misspelt as orchestration.io/workload-typ; rename the key.',
    );
    expect(screen.queryByText(/add orchestration/)).not.toBeInTheDocument();
    expect(screen.getByTestId('card-next')).toHaveTextContent(
      'Today: ECS on Fargate. Next: Fix 1 misspelt key.',
    );
  });
});
