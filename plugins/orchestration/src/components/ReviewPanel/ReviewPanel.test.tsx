import { screen } from '@testing-library/react';
import { contentApi, fakeApi } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { ReviewPanel } from './ReviewPanel';

describe('ReviewPanel', () => {
  it('shows the history but no form to those not allowed to record', async () => {
    await renderWithApi(
      <ReviewPanel entity={contentApi} recommended="ecs-fargate" />,
      {
        api: fakeApi(),
        allowReview: false,
      },
    );
    expect(
      await screen.findByText(
        'Only members of the platform team can record a decision.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Accepted the recommendation: Fargate it is/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Record decision' }),
    ).not.toBeInTheDocument();
  });

  it('says when no decision was recorded', async () => {
    await renderWithApi(
      <ReviewPanel entity={contentApi} recommended="ecs-fargate" />,
      {
        api: fakeApi({
          listReviews: jest.fn(async () => ({
            items: [],
            nextCursor: null,
            inForce: null,
          })),
        }),
        allowReview: false,
      },
    );
    expect(
      await screen.findByText('No decision has been recorded yet.'),
    ).toBeInTheDocument();
  });
});
