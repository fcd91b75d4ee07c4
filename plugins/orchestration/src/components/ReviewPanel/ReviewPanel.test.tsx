import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReviewRecord } from '@orchestration/plugin-orchestration-common';
import {
  contentApi,
  fakeApi,
  renderJobs,
  review,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { createFormatters } from '../shared';
import { ReviewPanel } from './ReviewPanel';

jest.setTimeout(30_000);

/** `YYYY-MM-DD` of the UTC day `days` from today. */
/** A day as the form says it, in the test's locale. */
function dayText(day: string): string {
  return createFormatters('en-US').date(day);
}

function utcDay(days = 0): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The entity of the tests without the right to record: permission answers
 * are cached per entity, so it is not the entity of the form tests.
 */
const readOnly = renderJobs;

function record(id: string, overrides: Partial<ReviewRecord> = {}) {
  return { ...review, id, ...overrides };
}

async function renderForm(api = fakeApi(), onRecorded?: jest.Mock) {
  await renderWithApi(
    <ReviewPanel
      entity={contentApi}
      recommended="ecs-fargate"
      onRecorded={onRecorded}
    />,
    { api },
  );
  await screen.findByRole(
    'button',
    { name: 'Record decision' },
    { timeout: 10_000 },
  );
  return api;
}

describe('ReviewPanel', () => {
  it('shows the history but no form to those not allowed to record', async () => {
    await renderWithApi(
      <ReviewPanel entity={readOnly} recommended="ecs-fargate" />,
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
      within(screen.getByRole('list', { name: 'Review history' })).getByText(
        /Accepted the recommendation: Fargate it is/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Record decision' }),
    ).not.toBeInTheDocument();
  });

  it('says when no decision was recorded', async () => {
    await renderWithApi(
      <ReviewPanel entity={readOnly} recommended="ecs-fargate" />,
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

  it('names the reviewer instead of showing an entity reference', async () => {
    await renderWithApi(
      <ReviewPanel entity={readOnly} recommended="ecs-fargate" />,
      { api: fakeApi(), allowReview: false },
    );
    const history = await screen.findByRole('list', {
      name: 'Review history',
    });
    expect(within(history).getByText('guest')).toBeInTheDocument();
    expect(screen.queryByText(/user:default\/guest/)).not.toBeInTheDocument();
  });

  it('shows the decision in force, from the answer rather than the newest review', async () => {
    const expired = record('r3', {
      decision: {
        kind: 'exempt',
        justification: 'Freeze',
        expiresOn: '2020-01-01',
      },
      createdAt: '2026-11-28T10:00:00Z',
    });
    await renderWithApi(
      <ReviewPanel entity={readOnly} recommended="ecs-fargate" />,
      {
        api: fakeApi({
          listReviews: jest.fn(async () => ({
            items: [expired, review],
            nextCursor: null,
            inForce: review,
          })),
        }),
        allowReview: false,
      },
    );
    const inForce = await screen.findByTestId('review-in-force');
    expect(inForce).toHaveTextContent(
      'In force: Accepted the recommendation: Fargate it is',
    );
    expect(inForce).toHaveTextContent('guest');
  });

  it('gives the Decision select the whole width of the form, so its options are not cut', async () => {
    await renderForm();
    const select = screen.getByLabelText('Decision');
    const item = select.closest('.MuiGrid-item')!;
    expect(item).toHaveClass('MuiGrid-grid-xs-12');
    expect(item.className).not.toMatch(/MuiGrid-grid-(sm|md)-/);
  });

  it('refuses a due date in the past before sending, with a clear message', async () => {
    const api = await renderForm();
    await userEvent.selectOptions(screen.getByLabelText('Decision'), 'migrate');
    const date = screen.getByLabelText(/Due date/);
    expect(date).toHaveAttribute('min', utcDay());
    fireEvent.change(date, { target: { value: '2020-01-01' } });
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    expect(
      await screen.findByText(
        `The due date must be today (${dayText(utcDay())}, UTC) or later.`,
      ),
    ).toBeInTheDocument();
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(date).toHaveFocus();
    expect(api.createReview).not.toHaveBeenCalled();
  });

  it('refuses an exemption that expires today or before', async () => {
    const api = await renderForm();
    await userEvent.selectOptions(screen.getByLabelText('Decision'), 'exempt');
    const date = screen.getByLabelText(/Exemption expires on/);
    expect(date).toHaveAttribute('min', utcDay(1));
    fireEvent.change(date, { target: { value: utcDay() } });
    await userEvent.type(
      screen.getByLabelText(/Justification/),
      'Waiting for the freeze',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    expect(
      await screen.findByText(
        `The exemption must expire after today (${dayText(utcDay())}, UTC).`,
      ),
    ).toBeInTheDocument();
    expect(api.createReview).not.toHaveBeenCalled();
  });

  it('asks for the reason of keeping the current platform, not only spaces', async () => {
    const api = await renderForm();
    await userEvent.selectOptions(
      screen.getByLabelText('Decision'),
      'keep-current',
    );
    await userEvent.type(screen.getByLabelText(/Why the current/), '   ');
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    expect(
      await screen.findByText('Say why the current platform stays.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Why the current/)).toHaveFocus();
    expect(api.createReview).not.toHaveBeenCalled();
  });

  it('records a migration due in the future', async () => {
    const api = await renderForm();
    await userEvent.selectOptions(screen.getByLabelText('Decision'), 'migrate');
    await userEvent.selectOptions(
      screen.getByLabelText('Target platform'),
      'eks',
    );
    fireEvent.change(screen.getByLabelText(/Due date/), {
      target: { value: utcDay(30) },
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    await waitFor(() => expect(api.createReview).toHaveBeenCalledTimes(1));
    expect(api.createReview.mock.calls[0][1]).toEqual({
      kind: 'migrate',
      targetPlatform: 'eks',
      dueDate: utcDay(30),
    });
  });

  it('keeps the focus on a confirmation that says what is now in force', async () => {
    const onRecorded = jest.fn();
    await renderForm(fakeApi(), onRecorded);
    await userEvent.type(screen.getByLabelText(/Comment/), 'Agreed');
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    const status = await screen.findByText(/^Decision recorded/);
    expect(status).toHaveFocus();
    expect(status).toHaveTextContent(
      'Decision recorded: Accepted the recommendation: Agreed. It is now the decision in force.',
    );
    expect(onRecorded).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'r2' }),
    );
  });

  it('sends one idempotency key per decision and disables the button while sending', async () => {
    let resolve: (r: ReviewRecord) => void = () => {};
    const api = fakeApi({
      createReview: jest.fn(
        () =>
          new Promise<ReviewRecord>(r => {
            resolve = r;
          }),
      ),
    });
    await renderForm(api);
    const button = screen.getByRole('button', { name: 'Record decision' });
    await userEvent.click(button);
    expect(screen.getByRole('button', { name: 'Recording…' })).toBeDisabled();
    fireEvent.submit(button.closest('form')!);
    expect(api.createReview).toHaveBeenCalledTimes(1);
    const [, , options] = api.createReview.mock.calls[0];
    expect(options?.idempotencyKey).toMatch(/^[\x20-\x7e]{8,200}$/);
    await act(async () => resolve(record('r2')));
    await screen.findByText(/^Decision recorded/);

    // A new decision gets a new key.
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    await waitFor(() => expect(api.createReview).toHaveBeenCalledTimes(2));
    expect(api.createReview.mock.calls[1][2]?.idempotencyKey).not.toBe(
      options?.idempotencyKey,
    );
  });

  it('sends the same key again when the same decision is retried after a failure', async () => {
    const api = fakeApi({
      createReview: jest
        .fn()
        .mockRejectedValueOnce(new Error('Network down'))
        .mockResolvedValueOnce(record('r2')),
    });
    await renderForm(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    expect(await screen.findByText('Network down')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Record decision' }),
    );
    await screen.findByText(/^Decision recorded/);
    expect(api.createReview.mock.calls[1][2]?.idempotencyKey).toBe(
      api.createReview.mock.calls[0][2]?.idempotencyKey,
    );
  });

  it('asks for 50 reviews at a time and shows older ones on request', async () => {
    const newest = Array.from({ length: 50 }, (_, i) =>
      record(`n${i}`, { decision: { kind: 'accept', comment: `new ${i}` } }),
    );
    const oldest = record('o1', {
      decision: { kind: 'accept', comment: 'the oldest' },
    });
    const listReviews = jest.fn(
      async (_ref: unknown, page?: { cursor?: string }) =>
        page?.cursor === 'c2'
          ? { items: [oldest], nextCursor: null, inForce: newest[0] }
          : { items: newest, nextCursor: 'c2', inForce: newest[0] },
    );
    await renderWithApi(
      <ReviewPanel entity={readOnly} recommended="ecs-fargate" />,
      { api: fakeApi({ listReviews }), allowReview: false },
    );
    const more = await screen.findByRole('button', {
      name: 'Show older decisions',
    });
    expect(listReviews).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'render-jobs' }),
      { limit: 50 },
    );
    expect(screen.queryByText(/the oldest/)).not.toBeInTheDocument();
    await userEvent.click(more);
    const oldestItem = (await screen.findByText(/the oldest/)).closest('li');
    expect(listReviews).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'render-jobs' }),
      { limit: 50, cursor: 'c2' },
    );
    expect(
      within(screen.getByRole('list', { name: 'Review history' })).getAllByRole(
        'listitem',
      ),
    ).toHaveLength(51);
    expect(oldestItem).toHaveFocus();
    expect(
      screen.queryByRole('button', { name: 'Show older decisions' }),
    ).not.toBeInTheDocument();
  });
});
