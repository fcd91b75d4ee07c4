import { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import { RollupResponse } from '@orchestration/plugin-orchestration-common';
import { fakeApi } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import {
  EntityOrchestrationRollupCard,
  EntityOrchestrationRollupContent,
  isOrchestrationRollupAvailable,
} from './EntityOrchestrationRollup';

jest.setTimeout(30_000);

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});

const engineering = entity('Group', 'engineering');
const content = entity('System', 'content');

const snapshot = {
  refreshedAt: '2026-11-28T06:00:00Z',
  stale: false,
  entityCount: 12,
  coverage: { annotated: 10, components: 14 },
};

/** The roll-up of the engineering Group: two sub-teams, one decided migration. */
function rollup(overrides: Partial<RollupResponse> = {}): RollupResponse {
  return {
    entityRef: 'group:default/engineering',
    kind: 'group',
    scope: {
      entityRefs: [
        'group:default/engineering',
        'group:default/media-rendering',
        'group:default/web-content',
      ],
      total: 3,
    },
    totalServices: 4,
    byCurrentPlatform: { 'ecs-fargate': 1, 'self-managed-kubernetes': 3 },
    byRecommendedPlatform: { 'ecs-fargate': 3, eks: 1 },
    migrations: {
      total: 2,
      items: [
        {
          entityRef: 'component:default/gpu-render',
          name: 'gpu-render',
          title: 'GPU render',
          owner: 'group:default/media-rendering',
          from: 'self-managed-kubernetes',
          to: 'eks',
          effort: 'medium',
          fit: 85,
          inForce: {
            id: 'r1',
            entityRef: 'component:default/gpu-render',
            decision: {
              kind: 'migrate',
              targetPlatform: 'eks',
              dueDate: '2027-03-31',
            },
            reviewer: 'user:default/guest',
            createdAt: '2026-11-20T10:00:00Z',
          },
        },
        {
          entityRef: 'component:default/legacy-web',
          name: 'legacy-web',
          title: null,
          owner: 'group:default/web-content',
          from: 'self-managed-kubernetes',
          to: 'ecs-fargate',
          effort: null,
          fit: 60,
          inForce: null,
        },
      ],
    },
    obligations: {
      byStatus: { critical: 2, warning: 1, unknown: 1 },
      items: [
        {
          entityRef: 'component:default/gpu-render',
          name: 'gpu-render',
          title: 'GPU render',
          owner: 'group:default/media-rendering',
          status: 'critical',
          obligation: {
            id: 'kubernetes-upgrades',
            title: 'Kubernetes upgrades',
            status: 'critical',
            due: '2025-02-28',
          },
          nextDue: '2025-02-28',
        },
      ],
    },
    coverage: { annotated: 4, components: 6 },
    snapshot,
    ...overrides,
  };
}

describe('isOrchestrationRollupAvailable', () => {
  it.each([
    ['Group', true],
    ['group', true],
    ['System', true],
    ['Component', false],
    ['Resource', false],
    ['User', false],
  ])('%s: %p', (kind, expected) => {
    expect(isOrchestrationRollupAvailable(entity(kind, 'x'))).toBe(expected);
  });
});

describe('EntityOrchestrationRollupContent', () => {
  it('shows the Groups counted, the totals, the platforms, the obligations and the migrations with their decisions', async () => {
    const api = fakeApi({ getRollup: jest.fn(async () => rollup()) });
    await renderWithApi(<EntityOrchestrationRollupContent />, {
      api,
      entity: engineering,
    });
    expect(await screen.findByTestId('rollup-scope')).toHaveTextContent(
      'Services owned by engineering and the 2 groups below it: media-rendering, web-content.',
    );
    expect(api.getRollup).toHaveBeenCalledWith({
      kind: 'Group',
      namespace: 'default',
      name: 'engineering',
    });
    const totals = screen.getByTestId('rollup-totals');
    for (const line of [
      '4 services assessed',
      '2 open migrations (1 decided)',
      '2 critical and 1 warning obligations',
      '4 of 6 Components annotated (67%)',
    ]) {
      expect(totals).toHaveTextContent(line);
    }
    expect(screen.getByTestId('rollup-not-annotated')).toHaveTextContent(
      '2 Components have no orchestration.io annotations',
    );
    expect(
      screen.getByRole('table', {
        name: 'Services by current and recommended platform',
      }),
    ).toHaveTextContent('runs on: 3');
    const [decided, undecided] = within(
      screen.getByRole('table', { name: 'Open migrations' }),
    ).getAllByTestId('rollup-migration');
    expect(decided).toHaveTextContent('GPU render');
    expect(decided).toHaveTextContent(
      'Self-managed Kubernetes → Amazon EKS (Medium effort)',
    );
    expect(decided).toHaveTextContent(
      /Migrate to Amazon EKS \(eks\) by Mar 31, 2027 \(guest, Nov 20, 2026\)/,
    );
    expect(undecided).toHaveTextContent('None yet');
    const obligations = within(
      screen.getByRole('table', { name: 'Most urgent obligations' }),
    ).getAllByTestId('rollup-obligation');
    expect(obligations).toHaveLength(1);
    expect(obligations[0]).toHaveTextContent('Critical: Kubernetes upgrades');
    expect(
      within(obligations[0]).getByRole('link', { name: 'GPU render' }),
    ).toHaveAttribute('href', '/catalog/default/component/gpu-render');
  });

  it.each<[string, Entity, Partial<RollupResponse>, RegExp]>([
    [
      'a Group without Components',
      engineering,
      {
        totalServices: 0,
        byCurrentPlatform: {},
        byRecommendedPlatform: {},
        migrations: { total: 0, items: [] },
        obligations: { byStatus: {}, items: [] },
        coverage: { annotated: 0, components: 0 },
      },
      /No Component is owned by engineering or a group below it/,
    ],
    [
      'a System without Components',
      content,
      {
        entityRef: 'system:default/content',
        kind: 'system',
        scope: { entityRefs: ['system:default/content'], total: 1 },
        totalServices: 0,
        byCurrentPlatform: {},
        byRecommendedPlatform: {},
        migrations: { total: 0, items: [] },
        obligations: { byStatus: {}, items: [] },
        coverage: { annotated: 0, components: 0 },
      },
      /No Component names content in spec.system/,
    ],
    [
      'Components none of which is annotated',
      content,
      {
        entityRef: 'system:default/content',
        kind: 'system',
        scope: { entityRefs: ['system:default/content'], total: 1 },
        totalServices: 0,
        byCurrentPlatform: {},
        byRecommendedPlatform: {},
        migrations: { total: 0, items: [] },
        obligations: { byStatus: {}, items: [] },
        coverage: { annotated: 0, components: 3 },
      },
      /None of its 3 Components has orchestration.io annotations yet.*starter annotations/,
    ],
    [
      'no snapshot yet',
      engineering,
      {
        totalServices: 0,
        byCurrentPlatform: {},
        byRecommendedPlatform: {},
        migrations: { total: 0, items: [] },
        obligations: { byStatus: {}, items: [] },
        coverage: null,
        snapshot: { refreshedAt: null, stale: false, entityCount: 0 },
      },
      /has not been made yet.*Orchestration dashboard/,
    ],
  ])('says what to do for %s', async (_name, page, overrides, message) => {
    await renderWithApi(<EntityOrchestrationRollupContent />, {
      api: fakeApi({ getRollup: jest.fn(async () => rollup(overrides)) }),
      entity: page,
    });
    expect(await screen.findByTestId('rollup-empty')).toHaveTextContent(
      message,
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it.each<[string, Partial<RollupResponse>, string, string]>([
    [
      'no migration',
      { migrations: { total: 0, items: [] } },
      'rollup-no-migrations',
      'No migration is open',
    ],
    [
      'no urgent obligation',
      { obligations: { byStatus: { ok: 4 }, items: [] } },
      'rollup-no-obligations',
      'No critical or warning obligation',
    ],
  ])('says so when there is %s', async (_name, overrides, id, text) => {
    await renderWithApi(<EntityOrchestrationRollupContent />, {
      api: fakeApi({ getRollup: jest.fn(async () => rollup(overrides)) }),
      entity: engineering,
    });
    expect(await screen.findByTestId(id)).toHaveTextContent(text);
  });

  it('shows the error of the backend', async () => {
    await renderWithApi(<EntityOrchestrationRollupContent />, {
      api: fakeApi({
        getRollup: jest.fn(async () => {
          throw new Error(
            'You are not allowed to read Orchestration assessments',
          );
        }),
      }),
      entity: engineering,
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You are not allowed to read Orchestration assessments',
    );
  });
});

describe('EntityOrchestrationRollupCard', () => {
  it('shows the totals, the first items and a link to the tab', async () => {
    await renderWithApi(<EntityOrchestrationRollupCard />, {
      api: fakeApi({ getRollup: jest.fn(async () => rollup()) }),
      entity: engineering,
    });
    expect(await screen.findByTestId('rollup-totals')).toHaveTextContent(
      '4 services assessed',
    );
    expect(screen.getAllByTestId('rollup-migration')).toHaveLength(2);
    expect(
      screen.getByRole('link', { name: /All migrations and obligations/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/group/engineering/orchestration',
    );
  });

  it('names the System it rolls up', async () => {
    await renderWithApi(<EntityOrchestrationRollupCard />, {
      api: fakeApi({
        getRollup: jest.fn(async () =>
          rollup({
            entityRef: 'system:default/content',
            kind: 'system',
            scope: { entityRefs: ['system:default/content'], total: 1 },
          }),
        ),
      }),
      entity: content,
    });
    expect(await screen.findByTestId('rollup-scope')).toHaveTextContent(
      'Components of content (spec.system).',
    );
  });
});
