import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Theme, useTheme } from '@material-ui/core/styles';
import {
  AssessmentListQuery,
  AssessmentListResponse,
  ClusterSummary,
} from '@orchestration/plugin-orchestration-common';
import { OrchestrationClient } from '../../api';
import {
  clusterSummary,
  contentApi,
  eventsKafka,
  fakeApi,
  listResponse,
  renderJobs,
} from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { formatDate } from '../shared';
import {
  OrchestrationDashboard,
  OrchestrationReviewPage,
} from './OrchestrationReviewPage';

jest.setTimeout(30_000);

/** A list response with the given count and facets, and no rows. */
function counted(
  totalItems: number,
  facets: {
    candidates: number;
    obligationStatus: Record<string, number>;
  },
): AssessmentListResponse {
  const base = listResponse([]);
  return {
    ...base,
    totalItems,
    facets: {
      ...base.facets,
      obligationStatus: facets.obligationStatus,
      migration: {
        candidates: facets.candidates,
        none: totalItems - facets.candidates,
      },
    },
  };
}

/** The queries the dashboard asked the list for. */
function queries(api: ReturnType<typeof fakeApi>): AssessmentListQuery[] {
  return api.listAssessments.mock.calls.map(([query]) => query ?? {});
}

/** Heading levels in document order. */
function headingLevels(): number[] {
  return screen
    .getAllByRole('heading')
    .map(heading => Number(heading.tagName.slice(1)));
}

function expectNoSkippedLevels(levels: number[]) {
  expect(levels[0]).toBe(1);
  for (let i = 1; i < levels.length; i++) {
    expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
  }
}

/** The relative luminance of a CSS colour, over an opaque background. */
function luminance(rgb: number[]): number {
  const [r, g, b] = rgb.map(v => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function parseColor(color: string): number[] {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex) {
    const n = parseInt(hex[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1];
  }
  const rgb = /^rgba?\(([^)]+)\)$/.exec(color);
  if (!rgb) throw new Error(`Unreadable colour ${color}`);
  const parts = rgb[1].split(',').map(p => Number(p.trim()));
  return [parts[0], parts[1], parts[2], parts[3] ?? 1];
}

function contrast(foreground: string, background: string): number {
  const bg = parseColor(background);
  const [r, g, b, a] = parseColor(foreground);
  const blended = [r, g, b].map((v, i) => v * a + bg[i] * (1 - a));
  const l1 = luminance(blended);
  const l2 = luminance(bg.slice(0, 3));
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}

/** Whether a selector matches; false for selectors jsdom cannot read. */
function matches(element: Element, selector: string): boolean {
  try {
    return element.matches(selector.trim());
  } catch {
    return false;
  }
}

/** The outline an element gets from the page's styles under `:focus-visible`. */
function focusVisibleOutline(element: Element): string | undefined {
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules)) {
      if (!(rule instanceof CSSStyleRule)) continue;
      for (const selector of rule.selectorText.split(',')) {
        if (!selector.includes(':focus-visible')) continue;
        const base = selector.replace(':focus-visible', '').trim();
        if (base && matches(element, base) && rule.style.outline) {
          return rule.style.outline;
        }
      }
    }
  }
  return undefined;
}

/**
 * The colour the page's class rules give an element: the most specific
 * matching rule, the later one on a tie (jsdom's own computed style ignores
 * specificity).
 */
function cascadedColor(element: Element): string | undefined {
  let best: { specificity: number; color: string } | undefined;
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules)) {
      if (!(rule instanceof CSSStyleRule) || !rule.style.color) continue;
      for (const selector of rule.selectorText.split(',')) {
        if (!matches(element, selector)) continue;
        const specificity = (selector.match(/[.:[]/g) ?? []).length;
        if (!best || specificity >= best.specificity) {
          best = { specificity, color: rule.style.color };
        }
      }
    }
  }
  return best?.color;
}

let theme: Theme | undefined;
function ThemeProbe() {
  theme = useTheme();
  return null;
}

describe('the export', () => {
  it('has the sort and order of the table', async () => {
    const api = fakeApi();
    Object.assign(URL, {
      createObjectURL: jest.fn(() => 'blob:x'),
      revokeObjectURL: jest.fn(),
    });
    await renderWithApi(<OrchestrationReviewPage />, {
      api,
      routeEntries: [
        '/orchestration?owner=group:default/web-content&sort=cost&order=desc',
      ],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );
    await waitFor(() =>
      expect(api.exportAssessments).toHaveBeenCalledWith(
        expect.objectContaining({
          owner: ['group:default/web-content'],
          sort: 'cost',
          order: 'desc',
        }),
      ),
    );

    // A new order from a column header goes to the next export.
    const table = screen.getByRole('table', { name: 'Assessed services' });
    await userEvent.click(
      within(
        within(table).getByRole('columnheader', { name: 'Fit' }),
      ).getByRole('button'),
    );
    await waitFor(() =>
      expect(screen.getByRole('columnheader', { name: 'Fit' })).toHaveAttribute(
        'aria-sort',
        'ascending',
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(api.exportAssessments).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'fit', order: 'asc' }),
      ),
    );
  });

  it("asks for the table's default order when the URL has none", async () => {
    const api = fakeApi();
    Object.assign(URL, {
      createObjectURL: jest.fn(() => 'blob:x'),
      revokeObjectURL: jest.fn(),
    });
    await renderWithApi(<OrchestrationReviewPage />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );
    await waitFor(() =>
      expect(api.exportAssessments).toHaveBeenCalledWith(
        expect.objectContaining({ sort: 'name', order: 'asc' }),
      ),
    );
  });

  it('sends sort and order to the export route, without paging', async () => {
    const fetch = jest.fn(async () => new Response('entityRef\n'));
    const client = new OrchestrationClient({
      discoveryApi: {
        getBaseUrl: async () => 'http://localhost:7007/api/orchestration',
      },
      fetchApi: { fetch },
    });
    await client.exportAssessments({
      migration: true,
      sort: 'nextDue',
      order: 'desc',
      limit: 20,
      cursor: 'abc',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/orchestration/v1/assessments/export?migration=true&sort=nextDue&order=desc',
      { headers: { accept: 'text/csv' } },
    );
  });
});

describe('the side lists and tiles', () => {
  it('list migration candidates and critical obligations within the filters', async () => {
    const api = fakeApi();
    await renderWithApi(<OrchestrationReviewPage />, {
      api,
      routeEntries: [
        '/orchestration?owner=group:default/web-content&currentPlatform=ecs-fargate&sort=cost',
      ],
    });
    await screen.findByRole('table', { name: 'Assessed services' });
    await waitFor(() =>
      expect(queries(api)).toEqual(
        expect.arrayContaining([
          {
            owner: ['group:default/web-content'],
            currentPlatform: ['ecs-fargate'],
            migration: true,
            sort: 'fit',
            order: 'desc',
            limit: 5,
          },
          {
            owner: ['group:default/web-content'],
            currentPlatform: ['ecs-fargate'],
            obligationStatus: ['critical'],
            sort: 'nextDue',
            order: 'asc',
            limit: 5,
          },
        ]),
      ),
    );
    expect(
      screen.getByText('Within the filters, best fit first'),
    ).toBeInTheDocument();
  });

  it('name the platforms of each migration candidate in words', async () => {
    await renderWithApi(<OrchestrationReviewPage />, { api: fakeApi() });
    const list = (
      await screen.findByRole('heading', { name: 'Migration candidates' })
    ).parentElement!;
    await within(list).findAllByRole('link');
    const moves = within(list).getAllByText(/→/);
    expect(moves.length).toBeGreaterThan(0);
    for (const move of moves) {
      expect(move.textContent).not.toMatch(
        /\b(ecs-fargate|ecs-ec2|eks|self-managed-kubernetes)\b/,
      );
    }
    expect(list).toHaveTextContent(
      /events-kafka: Self-managed Kubernetes → Amazon EKS \(medium effort\)/,
    );
  });

  it('apply their filter to the table from "Show all"', async () => {
    const api = fakeApi({
      listAssessments: jest.fn(async (query?: AssessmentListQuery) => ({
        ...listResponse([contentApi, renderJobs, eventsKafka]),
        totalItems: query?.limit === 5 ? 12 : 3,
      })),
    });
    await renderWithApi(<OrchestrationReviewPage />, { api });
    const list = (
      await screen.findByRole('heading', { name: 'Migration candidates' })
    ).parentElement!;
    await userEvent.click(
      await within(list).findByRole('button', {
        name: 'Show all 12 in the table',
      }),
    );
    await waitFor(() =>
      expect(api.listAssessments).toHaveBeenCalledWith({
        migration: true,
        limit: 20,
      }),
    );
    // Applied, the button goes.
    await waitFor(() =>
      expect(
        within(list).queryByRole('button', { name: /^Show all/ }),
      ).toBeNull(),
    );
  });

  it('say when the filters leave a list out, without asking for it', async () => {
    const api = fakeApi();
    await renderWithApi(<OrchestrationReviewPage />, {
      api,
      routeEntries: ['/orchestration?migration=false&obligationStatus=warning'],
    });
    await screen.findByRole('table', { name: 'Assessed services' });
    expect(
      screen.getByText('The Migration filter leaves out migration candidates.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The Obligation status filter leaves out critical obligations.',
      ),
    ).toBeInTheDocument();
    expect(queries(api).every(q => q.limit === 20)).toBe(true);
  });

  it('say what they count, and apply their filter when selected', async () => {
    const api = fakeApi({
      listAssessments: jest.fn(async (query?: AssessmentListQuery) =>
        query?.obligationStatus?.includes('critical') && query.limit === 20
          ? counted(3, {
              candidates: 1,
              obligationStatus: { critical: 3 },
            })
          : counted(7, {
              candidates: 1,
              obligationStatus: { critical: 3, warning: 1, ok: 3 },
            }),
      ),
    });
    await renderWithApi(<OrchestrationReviewPage />, { api });
    const critical = await screen.findByRole('button', {
      name: '3 services with a critical obligation overdue or about to be',
    });
    expect(critical).toHaveAttribute('aria-pressed', 'false');
    expect(
      screen.getByRole('button', {
        name: '1 service to migrate not on the recommended platform',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', {
        name: '1 service with an obligation warning and none critical',
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('tile-services')).toHaveTextContent(
      '7 services assessed',
    );

    await userEvent.click(critical);
    await waitFor(() =>
      expect(api.listAssessments).toHaveBeenCalledWith(
        expect.objectContaining({ obligationStatus: ['critical'], limit: 20 }),
      ),
    );
    const pressed = await screen.findByRole('button', {
      name: '3 services with a critical obligation overdue or about to be Filter applied · select again to remove it',
      pressed: true,
    });
    expect(screen.getByTestId('tile-services')).toHaveTextContent(
      '3 services match the filters',
    );
    expect(screen.getByLabelText('Obligation status')).toHaveTextContent(
      'Critical',
    );

    // Selected again, the filter goes.
    await userEvent.click(pressed);
    await screen.findByRole('button', {
      name: '3 services with a critical obligation overdue or about to be',
      pressed: false,
    });
    expect(screen.getByTestId('tile-services')).toHaveTextContent(
      '7 services assessed',
    );

    await userEvent.click(
      screen.getByRole('button', { name: /^1 service to migrate/ }),
    );
    await waitFor(() =>
      expect(api.listAssessments).toHaveBeenLastCalledWith(
        expect.objectContaining({ migration: true, limit: 20 }),
      ),
    );
  });
});

/** A cluster like the fixture's, under another name. */
function clusterNamed(name: string): ClusterSummary {
  const cluster = clusterSummary();
  return {
    ...cluster,
    entityRef: `resource:default/${name}`,
    name,
    services: [],
  };
}

describe('the clusters view', () => {
  const urgent = `Kubernetes upgrades: Critical, due ${formatDate(
    '2025-02-28',
  )}`;

  it('is a matrix of clusters and obligations, details collapsed', async () => {
    const api = fakeApi({
      listClusters: jest.fn(async () => ({
        items: [
          clusterSummary(),
          clusterNamed('prod-eu'),
          clusterNamed('staging'),
          clusterNamed('tools'),
        ],
        snapshot: {
          refreshedAt: '2026-11-28T00:00:00Z',
          stale: false,
          entityCount: 3,
        },
      })),
    });
    await renderWithApi(<OrchestrationReviewPage />, {
      api,
      routeEntries: ['/orchestration?view=clusters'],
    });
    const matrix = await screen.findByRole('table', {
      name: 'Obligations by cluster',
    });
    expect(
      within(matrix)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Cluster',
      'Kubernetes upgrades',
      'etcd backups',
      'Certificate rotation',
      'Pod IP capacity',
      'Control-plane monitoring',
      'Most urgent',
      'Services',
    ]);
    expect(matrix.querySelectorAll('tbody th[scope="row"]')).toHaveLength(4);
    // Collapsed: one table, no obligation's evidence, no services.
    expect(screen.getAllByRole('table')).toHaveLength(1);
    expect(screen.queryByTestId('obligation-kubernetes-upgrades')).toBeNull();
    expect(screen.queryByText('events-kafka')).toBeNull();

    const row = screen.getByTestId('cluster-row-prod-kops');
    expect(within(row).getByTestId('most-urgent')).toHaveTextContent(urgent);
    expect(row.querySelector('th[scope="row"]')).toHaveTextContent(
      'Self-managed control plane',
    );
  });

  it('opens the detail of an obligation from its cell, and the services', async () => {
    await renderWithApi(<OrchestrationReviewPage />, {
      api: fakeApi(),
      routeEntries: ['/orchestration?view=clusters'],
    });
    const cell = await screen.findByRole('button', {
      name: `Kubernetes upgrades on prod-kops: Critical, due ${formatDate(
        '2025-02-28',
      )}`,
    });
    expect(cell).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(cell);
    expect(cell).toHaveAttribute('aria-expanded', 'true');
    const detail = document.getElementById(
      cell.getAttribute('aria-controls')!,
    )!;
    expect(
      within(detail).getByTestId('obligation-kubernetes-upgrades'),
    ).toBeInTheDocument();
    expect(within(detail).queryByTestId('obligation-etcd-backups')).toBeNull();

    await userEvent.click(cell);
    expect(cell).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByTestId('obligation-kubernetes-upgrades')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: '1 service' }));
    expect(await screen.findByTestId('cluster-prod-kops')).toHaveTextContent(
      'events-kafka',
    );
  });

  it('downloads the facts of the clusters as CSV', async () => {
    const api = fakeApi();
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:facts');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const clicked: Array<{ href: string; download: string }> = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function clickAnchor(this: HTMLAnchorElement) {
        clicked.push({ href: this.href, download: this.download });
      });
    try {
      await renderWithApi(<OrchestrationReviewPage />, {
        api,
        routeEntries: ['/orchestration?view=clusters'],
      });
      await userEvent.click(
        await screen.findByRole('button', { name: 'Export facts (CSV)' }),
      );
      await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
      expect(clicked).toEqual([
        { href: 'blob:facts', download: 'orchestration-cluster-facts.csv' },
      ]);
      expect(api.exportClusters).toHaveBeenCalledTimes(1);
      expect(await createObjectURL.mock.calls[0][0].text()).toContain(
        'resource:default/prod-kops,cni',
      );
    } finally {
      click.mockRestore();
    }
  });

  it('says so when the export of the cluster facts fails', async () => {
    const api = fakeApi({
      exportClusters: jest.fn(async () => {
        throw new Error('backend down');
      }),
    });
    await renderWithApi(<OrchestrationReviewPage />, {
      api,
      routeEntries: ['/orchestration?view=clusters'],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export facts (CSV)' }),
    );
    expect(
      await screen.findByText('The export of the cluster facts failed'),
    ).toBeInTheDocument();
    expect(screen.getByText(/backend down/)).toBeInTheDocument();
  });

  it('keeps headings in order', async () => {
    await renderWithApi(<OrchestrationReviewPage />, {
      api: fakeApi(),
      routeEntries: ['/orchestration?view=clusters'],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: '1 service' }),
    );
    await screen.findByTestId('cluster-prod-kops');
    expectNoSkippedLevels(headingLevels());
    expect(headingLevels()).toEqual(expect.arrayContaining([1, 2, 3]));
  });
});

describe('accessibility of the dashboard', () => {
  it('is one main landmark, in either frontend system', async () => {
    await renderWithApi(<OrchestrationDashboard />, { api: fakeApi() });
    const main = screen.getByRole('main');
    expect(
      within(main).getByRole('tablist', { name: 'Dashboard views' }),
    ).toBeInTheDocument();
    expect(
      await within(main).findByRole('table', { name: 'Assessed services' }),
    ).toBeInTheDocument();
  });

  it('has one main landmark under the legacy page too', async () => {
    await renderWithApi(<OrchestrationReviewPage />, { api: fakeApi() });
    await screen.findByRole('table', { name: 'Assessed services' });
    expect(screen.getAllByRole('main')).toHaveLength(1);
  });

  it('titles its cards with h2 headings under the page h1', async () => {
    await renderWithApi(<OrchestrationReviewPage />, { api: fakeApi() });
    await screen.findByRole('table', { name: 'Assessed services' });
    expect(
      screen.getByRole('heading', { level: 1, name: 'Orchestration' }),
    ).toBeInTheDocument();
    for (const name of [
      'Where services run and where they should',
      'Migration candidates',
      'Overdue obligations',
      'Assessed services',
    ]) {
      expect(
        screen.getByRole('heading', { level: 2, name }),
      ).toBeInTheDocument();
    }
    expectNoSkippedLevels(headingLevels());
  });

  it('underlines the links inside the lists', async () => {
    await renderWithApi(<OrchestrationReviewPage />, { api: fakeApi() });
    const list = (
      await screen.findByRole('heading', { name: 'Migration candidates' })
    ).parentElement!;
    const links = await within(list).findAllByRole('link');
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(getComputedStyle(link).textDecoration).toContain('underline');
    }
  });

  it('shows where the keyboard focus is on sortable headers and tiles', async () => {
    await renderWithApi(<OrchestrationReviewPage />, { api: fakeApi() });
    const table = await screen.findByRole('table', {
      name: 'Assessed services',
    });
    const sort = within(
      within(table).getByRole('columnheader', { name: 'Service' }),
    ).getByRole('button');
    const tile = screen.getByRole('button', { name: /to migrate not on/ });
    for (const target of [tile, sort]) {
      // Reachable with the keyboard, with a solid 2 px ring when it is.
      await userEvent.tab();
      while (document.activeElement !== target) await userEvent.tab();
      expect(focusVisibleOutline(target)).toMatch(/^2px solid /);
    }
  });

  // axe measured the secondary text colour at 4.47:1 in the app; the primary
  // one is far above 4.5:1 on any light background.
  it('writes filter labels in the primary text colour, well over 4.5:1', async () => {
    await renderWithApi(
      <>
        <ThemeProbe />
        <OrchestrationReviewPage />
      </>,
      { api: fakeApi() },
    );
    await screen.findByRole('table', { name: 'Assessed services' });
    const search = screen
      .getByRole('search', { name: 'Filter services' })
      .querySelectorAll('label');
    expect(search.length).toBeGreaterThanOrEqual(8);
    for (const label of Array.from(search)) {
      const color = cascadedColor(label)!;
      expect(color).toBe(theme!.palette.text.primary);
      expect(
        contrast(color, theme!.palette.background.default),
      ).toBeGreaterThanOrEqual(7);
    }
  });
});
