import { screen } from '@testing-library/react';
import {
  checkoutApi,
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
      await screen.findByText(/Migration candidate: ecs-fargate → eks/),
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
});
