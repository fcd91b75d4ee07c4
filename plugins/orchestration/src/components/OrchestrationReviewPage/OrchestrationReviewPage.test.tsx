import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OrchestrationApiError } from '../../api';
import {
  checkoutApi,
  fakeApi,
  globalSearch,
  listResponse,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { OrchestrationReviewPage } from './OrchestrationReviewPage';
import { queryFromSearchParams } from './query';

jest.setTimeout(30_000);

describe('queryFromSearchParams', () => {
  it('reads lists, booleans, sort and cursor from the URL', () => {
    expect(
      queryFromSearchParams(
        new URLSearchParams(
          'currentPlatform=ecs-ec2,eks&migration=true&q=kafka&sort=fit&order=desc&cursor=c1&sort2=x',
        ),
      ),
    ).toEqual({
      limit: 20,
      currentPlatform: ['ecs-ec2', 'eks'],
      migration: true,
      q: 'kafka',
      sort: 'fit',
      order: 'desc',
      cursor: 'c1',
    });
  });
});

describe('OrchestrationReviewPage', () => {
  it('passes the filters of the URL to the backend and links into each tab', async () => {
    const api = fakeApi();
    await renderWithApi(<OrchestrationReviewPage />, {
      api,
      routeEntries: ['/orchestration?migration=true&sort=name'],
    });
    expect(
      await screen.findByRole('table', { name: 'Assessed services' }),
    ).toBeInTheDocument();
    expect(api.listAssessments).toHaveBeenCalledWith(
      expect.objectContaining({ migration: true, sort: 'name', limit: 20 }),
    );
    expect(
      screen.getAllByRole('link', { name: 'render-jobs' })[0],
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/render-jobs/orchestration',
    );
    expect(screen.getByTestId('snapshot')).toHaveTextContent(
      '3 services assessed',
    );
    // Owners and systems read as names, with the full ref on hover.
    const renderJobsRow = within(
      screen.getByRole('table', { name: 'Assessed services' }),
    )
      .getByRole('link', { name: 'render-jobs' })
      .closest('tr')!;
    expect(
      within(renderJobsRow).getByTitle('group:default/media-rendering'),
    ).toHaveTextContent(/^media-rendering$/);
  });

  it('shows the effort of each migration and flags a low confidence', async () => {
    const api = fakeApi({
      listAssessments: jest.fn(async () =>
        listResponse([checkoutApi, globalSearch]),
      ),
    });
    await renderWithApi(<OrchestrationReviewPage />, { api });
    const table = await screen.findByRole('table', {
      name: 'Assessed services',
    });
    const searchRow = within(table)
      .getByRole('link', { name: 'global-search' })
      .closest('tr')!;
    expect(within(searchRow).getByTestId('migration-effort')).toHaveTextContent(
      'Large effort',
    );
    const checkoutRow = within(table)
      .getByRole('link', { name: 'checkout-api' })
      .closest('tr')!;
    expect(checkoutRow).toHaveTextContent('low confidence');
    expect(within(checkoutRow).queryByTestId('migration-effort')).toBeNull();
    // The migration candidates list carries the effort too.
    expect(
      screen.getAllByText(/ecs-fargate → eks \(large effort\)/).length,
    ).toBeGreaterThan(0);
  });

  it('exports CSV with the same filters', async () => {
    const api = fakeApi();
    const createObjectURL = jest.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await renderWithApi(<OrchestrationReviewPage />, {
      api,
      routeEntries: ['/orchestration?owner=group:default/media-rendering'],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );
    await waitFor(() =>
      expect(api.exportAssessments).toHaveBeenCalledWith(
        expect.objectContaining({ owner: ['group:default/media-rendering'] }),
      ),
    );
    expect(createObjectURL).toHaveBeenCalled();
  });

  it('shows the clusters view with each cluster and its services', async () => {
    await renderWithApi(<OrchestrationReviewPage />, {
      api: fakeApi(),
      routeEntries: ['/orchestration?view=clusters'],
    });
    expect(await screen.findByTestId('cluster-prod-kops')).toHaveTextContent(
      'events-kafka',
    );
  });

  it('shows the backend error message', async () => {
    await renderWithApi(<OrchestrationReviewPage />, {
      api: fakeApi({
        listAssessments: jest.fn(async () => {
          throw new OrchestrationApiError(
            'The snapshot store is unavailable',
            503,
          );
        }),
      }),
    });
    expect(
      (await screen.findAllByText('The snapshot store is unavailable')).length,
    ).toBeGreaterThan(0);
  });

  it('marks stale data', async () => {
    const api = fakeApi();
    const base = await api.listAssessments();
    api.listAssessments.mockResolvedValue({
      ...base,
      snapshot: {
        ...base.snapshot,
        stale: true,
        staleReason: 'The catalog did not answer',
      },
    });
    await renderWithApi(<OrchestrationReviewPage />, { api });
    expect(await screen.findByText('Stale data')).toBeInTheDocument();
    expect(screen.getByText('The catalog did not answer')).toBeInTheDocument();
  });
});
