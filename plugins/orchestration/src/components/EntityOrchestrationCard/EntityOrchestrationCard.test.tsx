import { screen } from '@testing-library/react';
import {
  eventsKafka,
  fakeApi,
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
