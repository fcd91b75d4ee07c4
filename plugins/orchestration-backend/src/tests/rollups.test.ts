import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AssessmentListResponse,
  RollupResponse,
} from '@orchestration/plugin-orchestration-common';
import request from 'supertest';
import { component, PLATFORM_USER, prodKops } from '../__fixtures__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  permissionsMock,
  serviceHeader,
  startOrchestration,
  userHeader,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const base = '/api/orchestration';

function group(name: string, parent?: string, members: string[] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', annotations: {} },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
    relations: [
      ...(parent
        ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
        : []),
      ...members.map(m => ({
        type: 'hasMember',
        targetRef: `user:default/${m}`,
      })),
    ],
  };
}

function system(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default' },
    spec: { owner: 'group:default/engineering' },
  };
}

const platformTeam = {
  ...group('platform', 'engineering', ['guest', 'priya']),
  metadata: {
    name: 'platform',
    namespace: 'default',
    annotations: { 'orchestration.io/platform-team': 'true' },
  },
};

/**
 * engineering ─┬─ web-content ── web-frontend
 *              ├─ media
 *              └─ platform
 */
const entities: Entity[] = [
  group('engineering'),
  group('web-content', 'engineering', ['lena']),
  group('web-frontend', 'web-content', ['diego']),
  group('media', 'engineering', ['kenji']),
  platformTeam,
  system('content'),
  system('empty'),
  prodKops,
  component(
    'content-api',
    {
      'orchestration.io/workload-type': 'api',
      'orchestration.io/portability': 'aws-only',
      'orchestration.io/aws-integrations': 'iam-task-role, alb, cloudwatch',
      'orchestration.io/current-platform': 'ecs-fargate',
    },
    { owner: 'web-content', system: 'content' },
    'Content API',
  ),
  component(
    'legacy-web',
    {
      'orchestration.io/workload-type': 'web-service',
      'orchestration.io/current-platform': 'self-managed-kubernetes',
      'orchestration.io/cluster': 'resource:default/prod-kops',
    },
    { owner: 'web-content', system: 'content' },
  ),
  component(
    'frontend-web',
    {
      'orchestration.io/workload-type': 'web-service',
      'orchestration.io/portability': 'aws-only',
      'orchestration.io/current-platform': 'eks',
    },
    { owner: 'web-frontend', system: 'content' },
  ),
  component(
    'gpu-render',
    {
      'orchestration.io/workload-type': 'batch',
      'orchestration.io/scheduling': 'gpu, node-affinity, taints',
      'orchestration.io/resources': 'cpu=8,memory=32Gi,gpu=1',
      'orchestration.io/current-platform': 'self-managed-kubernetes',
      'orchestration.io/cluster': 'resource:default/prod-kops',
    },
    { owner: 'media', system: 'media' },
  ),
  component('plain', {}, { owner: 'web-content' }),
  component('plain-frontend', {}, { owner: 'web-frontend', system: 'content' }),
];

/** Read permission decided by a condition on the owner, as the catalog's IS_ENTITY_OWNER. */
function ownerCondition(claims: string[]) {
  return mockServices.permissions.mock({
    authorize: async (requests: any[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any,
    authorizeConditional: async () =>
      [
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims },
          },
        },
      ] as any,
  });
}

const denyAll = () =>
  mockServices.permissions.mock({
    authorize: async (requests: any[]) =>
      requests.map(() => ({ result: AuthorizeResult.DENY })) as any,
    authorizeConditional: async (requests: any[]) =>
      requests.map(() => ({ result: AuthorizeResult.DENY })) as any,
  });

async function start(knex: any, permissions = permissionsMock()) {
  const backend = await startOrchestration({
    knex,
    entities,
    features: [permissions.factory],
  });
  const refresh = await request(backend.server)
    .post(`${base}/v1/snapshot/refresh?wait=true`)
    .set('Authorization', serviceHeader());
  expect(refresh.status).toBe(202);
  const get = (path: string) =>
    request(backend.server)
      .get(`${base}${path}`)
      .set('Authorization', userHeader(PLATFORM_USER));
  return { backend, get };
}

/** What the list says about the same services, to compare the roll-up with. */
async function listed(
  get: (path: string) => request.Test,
  filter: string,
): Promise<AssessmentListResponse> {
  const res = await get(`/v1/assessments?limit=200&${filter}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('GET /v1/rollups/{kind}/{namespace}/{name}', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'rolls up Groups with the Groups below them, and Systems, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await start(knex);

      const cases: {
        path: string;
        filter: string;
        scope: string[];
        coverage: { components: number; annotated: number };
      }[] = [
        {
          path: 'group/default/engineering',
          filter: 'owner=engineering,web-content,web-frontend,media,platform',
          scope: [
            'group:default/engineering',
            'group:default/media',
            'group:default/platform',
            'group:default/web-content',
            'group:default/web-frontend',
          ],
          coverage: { components: 6, annotated: 4 },
        },
        {
          path: 'group/default/web-content',
          filter: 'owner=web-content,web-frontend',
          scope: ['group:default/web-content', 'group:default/web-frontend'],
          coverage: { components: 5, annotated: 3 },
        },
        {
          path: 'group/default/web-frontend',
          filter: 'owner=web-frontend',
          scope: ['group:default/web-frontend'],
          coverage: { components: 2, annotated: 1 },
        },
        {
          path: 'system/default/content',
          filter: 'system=content',
          scope: ['system:default/content'],
          coverage: { components: 4, annotated: 3 },
        },
        {
          path: 'system/default/empty',
          filter: 'system=empty',
          scope: ['system:default/empty'],
          coverage: { components: 0, annotated: 0 },
        },
      ];
      for (const c of cases) {
        const res = await get(`/v1/rollups/${c.path}`);
        expect(res.body.error?.message).toBeUndefined();
        expect(res.status).toBe(200);
        const rollup: RollupResponse = res.body;
        const list = await listed(get, c.filter);
        expect(rollup.scope).toEqual({
          entityRefs: c.scope,
          total: c.scope.length,
        });
        expect(rollup.totalServices).toBe(list.totalItems);
        expect(rollup.byCurrentPlatform).toEqual(list.facets.currentPlatform);
        expect(rollup.byRecommendedPlatform).toEqual(
          list.facets.recommendedPlatform,
        );
        expect(rollup.obligations.byStatus).toEqual(
          list.facets.obligationStatus,
        );
        expect(rollup.migrations.total).toBe(list.facets.migration.candidates);
        const candidates = list.items
          .filter(i => i.migration)
          .sort(
            (a, b) =>
              (b.fit ?? -1) - (a.fit ?? -1) ||
              (a.entityRef < b.entityRef ? -1 : 1),
          );
        expect(rollup.migrations.items.map(m => m.entityRef)).toEqual(
          candidates.map(i => i.entityRef),
        );
        for (const item of rollup.migrations.items) {
          const row = candidates.find(i => i.entityRef === item.entityRef)!;
          expect([item.from, item.to]).toEqual([
            row.migration!.from,
            row.migration!.to,
          ]);
          expect(item.effort).toBe(row.migrationEffort);
          expect(item.inForce).toBeNull();
        }
        const urgent = list.items.filter(
          i =>
            i.obligationStatus === 'critical' ||
            i.obligationStatus === 'warning',
        );
        expect(rollup.obligations.items.map(o => o.entityRef).sort()).toEqual(
          urgent.map(i => i.entityRef).sort(),
        );
        for (const item of rollup.obligations.items) {
          expect(item.obligation?.status).toBe(item.status);
          expect(item.obligation?.title).toEqual(expect.any(String));
        }
        expect(rollup.coverage).toEqual(c.coverage);
        expect(rollup.snapshot.refreshedAt).toEqual(expect.any(String));
      }

      // The engineering roll-up sees the services of its sub-teams: the
      // migration of legacy-web (web-content) and the cluster obligations
      // of gpu-render (media) and legacy-web, most urgent first.
      const engineering: RollupResponse = (
        await get('/v1/rollups/group/default/engineering')
      ).body;
      expect(engineering.totalServices).toBe(4);
      expect(engineering.migrations.items.map(m => m.name)).toContain(
        'legacy-web',
      );
      const ranks = engineering.obligations.items.map(o =>
        o.status === 'critical' ? 2 : 1,
      );
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));

      // A decision recorded on a migration is the decision in force there.
      const review = await request(backend.server)
        .post(`${base}/v1/entities/component/default/legacy-web/reviews`)
        .set('Authorization', userHeader(PLATFORM_USER))
        .send({
          decision: {
            kind: 'migrate',
            targetPlatform: 'ecs-fargate',
            dueDate: '2099-06-30',
            comment: 'after the cluster upgrade',
          },
        });
      expect(review.status).toBe(201);
      const after: RollupResponse = (
        await get('/v1/rollups/system/default/content')
      ).body;
      const legacy = after.migrations.items.find(m => m.name === 'legacy-web')!;
      expect(legacy.inForce).toMatchObject({
        id: review.body.id,
        reviewer: PLATFORM_USER,
        decision: { kind: 'migrate', targetPlatform: 'ecs-fargate' },
      });

      // A generation written before the roll-ups counted nothing: no
      // coverage rather than none of none, and a Group's own services.
      await knex('orchestration_coverage').delete();
      await knex('orchestration_group_tree').delete();
      const before: RollupResponse = (
        await get('/v1/rollups/group/default/engineering')
      ).body;
      expect(before.coverage).toBeNull();
      expect(before.totalServices).toBe(0);
      expect(before.scope).toEqual({
        entityRefs: ['group:default/engineering'],
        total: 1,
      });
      const webContent: RollupResponse = (
        await get('/v1/rollups/group/default/web-content')
      ).body;
      expect(webContent.totalServices).toBe(2);
      await backend.stop();
    },
  );

  it.each(databases.eachSupportedId())(
    'answers 400, 404 and 401 with what to change, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await start(knex);
      const cases: [string, number, RegExp][] = [
        [
          '/v1/rollups/component/default/content-api',
          400,
          /Groups and Systems.*use group or system/,
        ],
        ['/v1/rollups/user/default/guest', 400, /use group or system/],
        ['/v1/rollups/group/default/bad%20name', 400, /name 'bad name'/],
        [
          '/v1/rollups/group/default/nobody',
          404,
          /No group group:default\/nobody/,
        ],
        ['/v1/rollups/system/default/nothing', 404, /No system/],
      ];
      for (const [path, status, message] of cases) {
        const res = await get(path);
        expect({ path, status: res.status }).toEqual({ path, status });
        expect(res.body.error.message).toMatch(message);
      }
      for (const authorization of [
        mockCredentials.none.header(),
        'Bearer not-a-token',
      ]) {
        const anonymous = await request(backend.server)
          .get(`${base}/v1/rollups/group/default/engineering`)
          .set('Authorization', authorization);
        expect(anonymous.status).toBe(401);
      }
      await backend.stop();
    },
  );

  it.each(databases.eachSupportedId())(
    'is narrowed by the read permission as the list is, and refused without it, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const narrowed = await start(
        knex,
        ownerCondition(['group:default/web-frontend']),
      );
      const res = await narrowed.get('/v1/rollups/group/default/engineering');
      expect(res.status).toBe(200);
      const rollup: RollupResponse = res.body;
      expect(rollup.totalServices).toBe(1);
      expect(rollup.byCurrentPlatform).toEqual({ eks: 1 });
      expect(rollup.coverage).toEqual({ components: 2, annotated: 1 });
      expect(
        rollup.migrations.items.every(
          m => m.owner === 'group:default/web-frontend',
        ),
      ).toBe(true);
      // The scope still names every Group below: only services are narrowed.
      expect(rollup.scope.total).toBe(5);
      await narrowed.backend.stop();

      const denied = await start(knex, denyAll());
      const refused = await denied.get('/v1/rollups/group/default/engineering');
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/not allowed/);
      await denied.backend.stop();
    },
  );
});
