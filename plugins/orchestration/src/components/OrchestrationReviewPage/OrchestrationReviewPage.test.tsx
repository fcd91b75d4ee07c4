import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OrchestrationApiError } from '../../api';
import {
  AssessmentListResponse,
  AssessmentSummary,
} from '@orchestration/plugin-orchestration-common';
import {
  checkoutApi,
  contentApi,
  fakeApi,
  globalSearch,
  listResponse,
  summaryOf,
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

/** A list response of the given rows, facets from the fixtures. */
function listOf(items: AssessmentSummary[]): AssessmentListResponse {
  return { ...listResponse([]), items, totalItems: items.length };
}

function rowOf(table: HTMLElement, name: string): HTMLElement {
  return within(table).getByRole('link', { name }).closest('tr')!;
}

const portability = (value: string) => ({
  key: 'orchestration.io/portability',
  value,
  wouldRecommend: 'eks' as const,
});

describe('queryFromSearchParams and the cost sort', () => {
  it('reads sort=cost from the URL', () => {
    expect(
      queryFromSearchParams(new URLSearchParams('sort=cost&order=desc')),
    ).toMatchObject({ sort: 'cost', order: 'desc' });
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
    // The migration candidates list carries the effort too, and names the
    // platforms in words.
    expect(
      screen.getAllByText(/ECS on Fargate → Amazon EKS \(large effort\)/)
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/ecs-fargate → eks/)).toBeNull();
  });

  it('reads the effort from the row, not from its migration', async () => {
    const search = summaryOf(globalSearch);
    expect(Object.keys(search.migration!)).toEqual(['from', 'to']);
    const api = fakeApi({
      listAssessments: jest.fn(async () =>
        listOf([{ ...search, migrationEffort: 'small' }]),
      ),
    });
    await renderWithApi(<OrchestrationReviewPage />, { api });
    const table = await screen.findByRole('table', {
      name: 'Assessed services',
    });
    expect(
      within(rowOf(table, 'global-search')).getByTestId('migration-effort'),
    ).toHaveTextContent('Small effort');
  });

  it('shows the monthly cost of the recommended platform, and the current one when it differs', async () => {
    const api = fakeApi({
      listAssessments: jest.fn(async () =>
        listOf([
          {
            ...summaryOf(checkoutApi),
            recommendedMonthlyUsd: 144.2,
            currentMonthlyUsd: 144.2,
          },
          {
            ...summaryOf(globalSearch),
            recommendedMonthlyUsd: 213.16,
            currentMonthlyUsd: 1210.25,
          },
          {
            ...summaryOf(contentApi),
            recommendedMonthlyUsd: null,
            currentMonthlyUsd: null,
          },
        ]),
      ),
    });
    await renderWithApi(<OrchestrationReviewPage />, { api });
    const table = await screen.findByRole('table', {
      name: 'Assessed services',
    });
    const cost = (name: string) =>
      within(rowOf(table, name)).getByTestId('monthly-cost');
    expect(cost('checkout-api')).toHaveTextContent(/^\$144\/mo$/);
    expect(cost('global-search')).toHaveTextContent(
      /^\$213\/monow \$1,210\/mo$/,
    );
    expect(
      within(cost('global-search')).getByText('now $1,210/mo'),
    ).toHaveAttribute(
      'title',
      'Estimated monthly cost on ECS on Fargate, where it runs today',
    );
    expect(cost('content-api')).toHaveTextContent(/^—$/);
    // Narrow: the figures never wrap.
    expect(cost('global-search')).toHaveStyle({ whiteSpace: 'nowrap' });
  });

  it('shows the costs of the fixtures as the backend serves them', async () => {
    const api = fakeApi({
      listAssessments: jest.fn(async () => listResponse([checkoutApi])),
    });
    await renderWithApi(<OrchestrationReviewPage />, { api });
    const table = await screen.findByRole('table', {
      name: 'Assessed services',
    });
    // Fargate today and recommended: one figure, $108.12 in the fixture.
    expect(
      within(rowOf(table, 'checkout-api')).getByTestId('monthly-cost'),
    ).toHaveTextContent(/^\$108\/mo$/);
  });

  it('sorts by monthly cost from the column header, through the URL', async () => {
    const api = fakeApi();
    await renderWithApi(<OrchestrationReviewPage />, { api });
    const table = await screen.findByRole('table', {
      name: 'Assessed services',
    });
    const header = within(table).getByRole('columnheader', {
      name: 'Monthly cost',
    });
    expect(header).not.toHaveAttribute('aria-sort');
    await userEvent.click(within(header).getByRole('button'));
    await waitFor(() =>
      expect(api.listAssessments).toHaveBeenCalledWith(
        expect.objectContaining({ sort: 'cost', order: 'asc' }),
      ),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('columnheader', { name: 'Monthly cost' }),
      ).toHaveAttribute('aria-sort', 'ascending'),
    );
    await userEvent.click(
      within(
        screen.getByRole('columnheader', { name: 'Monthly cost' }),
      ).getByRole('button'),
    );
    await waitFor(() =>
      expect(api.listAssessments).toHaveBeenCalledWith(
        expect.objectContaining({ sort: 'cost', order: 'desc' }),
      ),
    );
  });

  it('marks the cost column as sorted when the URL says so', async () => {
    const api = fakeApi();
    await renderWithApi(<OrchestrationReviewPage />, {
      api,
      routeEntries: ['/orchestration?sort=cost&order=desc'],
    });
    const table = await screen.findByRole('table', {
      name: 'Assessed services',
    });
    expect(api.listAssessments).toHaveBeenCalledWith(
      expect.objectContaining({ sort: 'cost', order: 'desc' }),
    );
    expect(
      within(table).getByRole('columnheader', { name: 'Monthly cost' }),
    ).toHaveAttribute('aria-sort', 'descending');
  });

  it('names the first input that would change a low-confidence recommendation', async () => {
    const checkout = summaryOf(checkoutApi);
    const row = (name: string, over: Partial<AssessmentSummary>) => ({
      ...checkout,
      entityRef: `component:default/${name}`,
      name,
      ...over,
    });
    const api = fakeApi({
      listAssessments: jest.fn(async () =>
        listOf([
          checkout,
          row('three-inputs', {
            decidingInputs: [
              portability('multi-cloud'),
              portability('hybrid'),
              {
                key: 'catalog:platform-team',
                value: 'none',
                wouldRecommend: null,
              },
            ],
          }),
          row('five-inputs', {
            decidingInputs: [
              {
                key: 'catalog:platform-team',
                value: 'none',
                wouldRecommend: null,
              },
              ...['a', 'b', 'c', 'd'].map(portability),
            ],
          }),
          // Stored before the list carried deciding inputs.
          row('not-refreshed', { decidingInputs: [] }),
          summaryOf(globalSearch),
        ]),
      ),
    });
    await renderWithApi(<OrchestrationReviewPage />, { api });
    const table = await screen.findByRole('table', {
      name: 'Assessed services',
    });
    const caption = (name: string) =>
      within(rowOf(table, name)).queryByTestId('deciding-input');

    expect(rowOf(table, 'checkout-api')).toHaveTextContent('low confidence');
    expect(caption('checkout-api')).toHaveTextContent(
      /^portability=multi-cloud → EKS$/,
    );
    expect(caption('checkout-api')).toHaveAttribute(
      'title',
      'Would change the recommendation: setting orchestration.io/portability to multi-cloud would recommend Amazon EKS',
    );
    expect(caption('three-inputs')).toHaveTextContent(
      /^portability=multi-cloud → EKS, \+2 more$/,
    );
    // A row carries five at most: there may be more.
    expect(caption('five-inputs')).toHaveTextContent(
      /^platform-team=none → no recommendation, \+4 or more$/,
    );
    expect(rowOf(table, 'not-refreshed')).toHaveTextContent('low confidence');
    expect(caption('not-refreshed')).toBeNull();
    // Confident recommendations have no caption.
    expect(caption('global-search')).toBeNull();
    expect(rowOf(table, 'global-search')).not.toHaveTextContent(
      'low confidence',
    );
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
    await userEvent.click(
      await screen.findByRole('button', { name: '1 service' }),
    );
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
