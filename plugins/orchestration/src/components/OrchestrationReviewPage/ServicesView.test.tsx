import { screen, within } from '@testing-library/react';
import {
  AssessmentListResponse,
  ReviewRecord,
} from '@orchestration/plugin-orchestration-common';
import {
  contentApi,
  eventsKafka,
  fakeApi,
  listResponse,
  renderJobs,
  review,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { OrchestrationApiError } from '../../api';
import { OrchestrationReviewPage } from './OrchestrationReviewPage';

jest.setTimeout(30_000);

const migrate: ReviewRecord = {
  ...review,
  id: 'r5',
  entityRef: 'component:default/events-kafka',
  decision: {
    kind: 'migrate',
    targetPlatform: 'eks',
    dueDate: '2027-03-01',
    comment: 'After the peak season',
  },
};

/** The list of the three fixtures, changed by `change`. */
function listWith(
  change: (list: AssessmentListResponse) => void,
): AssessmentListResponse {
  const list = listResponse([contentApi, renderJobs, eventsKafka]);
  change(list);
  return list;
}

async function renderDashboard(list: AssessmentListResponse) {
  await renderWithApi(<OrchestrationReviewPage />, {
    api: fakeApi({ listAssessments: jest.fn(async () => list) }),
    routeEntries: ['/orchestration'],
  });
  return screen.findByRole(
    'table',
    { name: 'Assessed services' },
    { timeout: 10_000 },
  );
}

/** The cells of a service's row, by column header. */
function rowOf(table: HTMLElement, service: string) {
  const headers = within(table)
    .getAllByRole('columnheader')
    .map(h => h.textContent ?? '');
  const row = within(table)
    .getAllByRole('row')
    .find(r => within(r).queryByRole('link', { name: service }))!;
  const cells = within(row).getAllByRole('cell');
  return (header: string) => cells[headers.indexOf(header)];
}

describe('the services view', () => {
  it('shows the coverage of the catalog: annotated out of all Components', async () => {
    await renderDashboard(
      listWith(list => {
        list.snapshot.coverage = { annotated: 12, components: 40 };
      }),
    );
    const tile = await screen.findByTestId('tile-coverage');
    expect(tile).toHaveTextContent('12 of 40');
    expect(tile).toHaveTextContent('Components annotated');
    expect(tile).toHaveTextContent('30%');
  });

  it('shows no coverage tile until the backend has counted', async () => {
    await renderDashboard(
      listWith(list => {
        list.snapshot.coverage = null;
      }),
    );
    expect(await screen.findByTestId('tile-services')).toHaveTextContent('3');
    expect(screen.queryByTestId('tile-coverage')).not.toBeInTheDocument();
  });

  it('names owners by their short names, linked to their pages', async () => {
    const table = await renderDashboard(listWith(() => {}));
    const owner = rowOf(table, 'content-api')('Owner');
    expect(
      within(owner).getByRole('link', { name: 'web-content' }),
    ).toHaveAttribute('href', '/catalog/default/group/web-content');
    expect(table).not.toHaveTextContent('group:default/web-content');
  });

  it('shows the decision in force in one short column', async () => {
    const table = await renderDashboard(
      listWith(list => {
        list.items[0].inForce = review;
        list.items[2].inForce = migrate;
        list.items[1].inForce = null;
      }),
    );
    expect(
      within(table).getByRole('columnheader', { name: 'Decision' }),
    ).toBeInTheDocument();
    const accepted = rowOf(table, 'content-api')('Decision');
    expect(within(accepted).getByText('Accepted')).toBeInTheDocument();
    expect(accepted).toHaveTextContent('Accepted the recommendation');
    expect(accepted).not.toHaveTextContent('user:default/guest');

    const migrating = rowOf(table, 'events-kafka')('Decision');
    expect(within(migrating).getByText('Migrate')).toBeInTheDocument();
    expect(migrating.firstElementChild).toHaveAttribute(
      'title',
      expect.stringMatching(
        /^Migrate to Amazon EKS.*After the peak season \(guest, /,
      ),
    );

    expect(rowOf(table, 'render-jobs')('Decision')).toHaveTextContent('—None');
  });

  it('starts again from the first page when the snapshot paged through was replaced', async () => {
    const list = listWith(() => {});
    const listAssessments = jest.fn(async (query?: { cursor?: string }) => {
      if (query?.cursor) {
        throw new OrchestrationApiError(
          'The snapshot this cursor pages through was replaced by refreshes since the first page was read, so the pages would not add up; start again from the first page (without a cursor)',
          409,
          'ConflictError',
        );
      }
      return list;
    });
    await renderWithApi(<OrchestrationReviewPage />, {
      api: fakeApi({ listAssessments }),
      routeEntries: ['/orchestration?cursor=WyJuYW1lIiwiYXNjIl0'],
    });
    const table = await screen.findByRole(
      'table',
      { name: 'Assessed services' },
      { timeout: 10_000 },
    );
    expect(
      within(table).getByRole('link', { name: 'content-api' }),
    ).toBeVisible();
    expect(
      screen.getByText(
        'The snapshot was refreshed while you paged through it: this is the first page of the new one.',
      ),
    ).toBeInTheDocument();
    expect(listAssessments).toHaveBeenLastCalledWith(
      expect.not.objectContaining({ cursor: expect.anything() }),
    );
  });
});
