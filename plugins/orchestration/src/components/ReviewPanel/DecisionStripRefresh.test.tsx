import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReviewRecord } from '@orchestration/plugin-orchestration-common';
import { contentApi, fakeApi, review } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { EntityOrchestrationContent } from '../EntityOrchestrationContent';

jest.setTimeout(60_000);

describe('Recording a decision on the Orchestration tab', () => {
  it('refreshes the decision in force at the top of the tab', async () => {
    const stored: ReviewRecord[] = [review];
    const api = fakeApi({
      listReviews: jest.fn(async () => ({
        items: [...stored],
        nextCursor: null,
        inForce: stored[0],
      })),
      createReview: jest.fn(async (_ref, decision) => {
        const record: ReviewRecord = {
          ...review,
          id: `r${stored.length + 1}`,
          decision,
          createdAt: new Date().toISOString(),
        };
        stored.unshift(record);
        return record;
      }),
    });
    await renderWithApi(<EntityOrchestrationContent />, {
      api,
      entity: contentApi,
    });
    const strip = await screen.findByTestId(
      'strip-decision',
      {},
      { timeout: 20_000 },
    );
    await waitFor(() => expect(strip).toHaveTextContent('Fargate it is'));

    await userEvent.type(
      await screen.findByLabelText(/Comment/),
      'Confirmed after the load test',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    await screen.findByTestId('review-recorded');
    await waitFor(() =>
      expect(screen.getByTestId('strip-decision')).toHaveTextContent(
        'Confirmed after the load test',
      ),
    );
  });
});
