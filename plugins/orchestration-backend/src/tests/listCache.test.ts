import { Entity } from '@backstage/catalog-model';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { catalogEntities } from '../__fixtures__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  serviceHeader,
  startOrchestration,
} from '../__testUtils__/testBackend';
import { AccessControl } from '../services/Access';
import {
  filterKey,
  ListSummaryCache,
  OrchestrationStore,
  parseListQuery,
} from '../services/Store';

jest.setTimeout(120_000);

const base = '/api/orchestration';

function setCurrentPlatform(entities: Entity[], name: string, value: string) {
  const entity = entities.find(e => e.metadata.name === name)!;
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    'orchestration.io/current-platform': value,
  };
}

describe('cached counts and facets of the list', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'are replaced when a snapshot run changes, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const entities = structuredClone(catalogEntities);
      const backend = await startOrchestration({ knex, entities });
      const list = (query = '') =>
        request(backend.server)
          .get(`${base}/v1/assessments${query}`)
          .set('Authorization', serviceHeader());
      const refresh = () =>
        request(backend.server)
          .post(`${base}/v1/snapshot/refresh?wait=true`)
          .set('Authorization', serviceHeader());
      try {
        expect((await refresh()).status).toBe(202);
        const first = await list();
        expect(first.body.totalItems).toBe(3);
        expect(first.body.facets.currentPlatform).toEqual({
          'ecs-fargate': 1,
          'self-managed-kubernetes': 2,
        });

        // Rows changed behind the plugin's back, with no new snapshot run:
        // the count and facets still come from the cache.
        await knex('orchestration_assessments')
          .where({ name: 'content-api' })
          .update({ current_platform: 'ecs-ec2' });
        const cached = await list();
        expect(cached.body.facets).toEqual(first.body.facets);
        expect(cached.body.totalItems).toBe(3);

        // A refresh in this process: the list shows the new data.
        setCurrentPlatform(entities, 'content-api', 'ecs-ec2');
        expect((await refresh()).status).toBe(202);
        const afterRefresh = await list();
        expect(afterRefresh.body.facets.currentPlatform).toEqual({
          'ecs-ec2': 1,
          'self-managed-kubernetes': 2,
        });
        expect(
          afterRefresh.body.items.find((i: any) => i.name === 'content-api')
            .currentPlatform,
        ).toBe('ecs-ec2');

        // A refresh by another replica is seen through the generation served.
        const replica = await startOrchestration({
          knex,
          entities: entities.filter(e => e.metadata.name !== 'legacy-web'),
        });
        try {
          const res = await request(replica.server)
            .post(`${base}/v1/snapshot/refresh?wait=true`)
            .set('Authorization', serviceHeader());
          expect(res.body.lastRun.status).toBe('complete');
        } finally {
          await replica.stop();
        }
        const otherReplica = await list();
        expect(otherReplica.body.totalItems).toBe(2);
        expect(otherReplica.body.facets.currentPlatform).toEqual({
          'ecs-ec2': 1,
          'self-managed-kubernetes': 1,
        });

        // Rows a run is writing, in a generation not served yet, change
        // nothing that is read.
        const [run] = await knex('orchestration_snapshots')
          .insert({
            started_at: new Date().toISOString(),
            status: 'running',
            entity_count: 0,
          })
          .returning('id');
        const runId = Number(typeof run === 'object' ? run.id : run);
        const served = await knex('orchestration_assessments')
          .where({ name: 'gpu-render' })
          .orderBy('snapshot_id', 'desc')
          .first();
        await knex('orchestration_assessments').insert({
          ...served,
          entity_ref: 'component:default/unpublished',
          name: 'unpublished',
          snapshot_id: runId,
        });
        const running = await list();
        expect(running.body.totalItems).toBe(2);
        expect(running.body.items.map((i: any) => i.name)).not.toContain(
          'unpublished',
        );
      } finally {
        await backend.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'are kept apart per filter set and read scope, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startOrchestration({ knex });
      try {
        await request(backend.server)
          .post(`${base}/v1/snapshot/refresh?wait=true`)
          .set('Authorization', serviceHeader());
        const store = new OrchestrationStore(knex);
        const key = (scope: string) => ({ scope });
        const all = await store.listAssessments(
          parseListQuery({}),
          undefined,
          key('*'),
        );
        expect(all.totalItems).toBe(3);

        const fargate = await store.listAssessments(
          parseListQuery({ currentPlatform: 'ecs-fargate' }),
          undefined,
          key('*'),
        );
        expect(fargate.totalItems).toBe(1);
        expect(fargate.facets.currentPlatform).toEqual({ 'ecs-fargate': 1 });
        expect(store.listCache.size).toBe(2);

        // The same filters spelled differently share one entry.
        await store.listAssessments(
          parseListQuery({
            currentPlatform: 'self-managed-kubernetes,ecs-fargate',
          }),
          undefined,
          key('*'),
        );
        await store.listAssessments(
          parseListQuery({
            currentPlatform: [
              'ecs-fargate',
              'self-managed-kubernetes',
              'ecs-fargate',
            ],
          }),
          undefined,
          key('*'),
        );
        expect(store.listCache.size).toBe(3);

        // A narrower read scope with the same filters gets its own entry.
        const own = await store.listAssessments(
          parseListQuery({}),
          b => {
            b.whereIn('owner', ['group:default/web-content']);
          },
          key('sql:web-content'),
        );
        expect(own.totalItems).toBe(2);
        expect(own.items).toHaveLength(2);
        const other = await store.listAssessments(
          parseListQuery({}),
          b => {
            b.whereIn('owner', ['group:default/nobody']);
          },
          key('sql:nobody'),
        );
        expect(other.totalItems).toBe(0);
        expect(other.facets.currentPlatform).toEqual({});
        const allAgain = await store.listAssessments(
          parseListQuery({}),
          undefined,
          key('*'),
        );
        expect(allAgain.totalItems).toBe(3);
        expect(store.listCache.size).toBe(5);

        // Without a scope nothing is cached.
        await store.listAssessments(parseListQuery({ q: 'render' }));
        expect(store.listCache.size).toBe(5);
      } finally {
        await backend.stop();
      }
    },
  );
});

describe('ListSummaryCache', () => {
  const summary = (totalItems: number) => ({
    totalItems,
    facets: {
      currentPlatform: {},
      recommendedPlatform: {},
      currentVerdict: {},
      obligationStatus: {},
      migration: { candidates: 0, none: totalItems },
    },
  });

  it('evicts the least recently used entry and shares concurrent misses', async () => {
    const cache = new ListSummaryCache(2);
    const compute = jest.fn(async () => summary(1));
    await Promise.all([cache.get('a', compute), cache.get('a', compute)]);
    expect(compute).toHaveBeenCalledTimes(1);
    await cache.get('b', async () => summary(2));
    await cache.get('a', compute); // a is now the most recently used
    await cache.get('c', async () => summary(3)); // evicts b
    expect(cache.size).toBe(2);
    expect((await cache.get('b', async () => summary(20))).totalItems).toBe(20);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('does not keep failures', async () => {
    const cache = new ListSummaryCache();
    await expect(
      cache.get('a', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await cache.get('a', async () => summary(4))).totalItems).toBe(4);
  });

  it('normalises filter sets', () => {
    expect(filterKey({ owner: ['b', 'a', 'a'], q: 'Render' })).toBe(
      filterKey({ owner: ['a', 'b'], q: 'render' }),
    );
    expect(filterKey({ migration: true })).not.toBe(
      filterKey({ migration: false }),
    );
    expect(filterKey({})).not.toBe(filterKey({ owner: ['a'] }));
  });
});

describe('AccessControl read scope', () => {
  function permissions() {
    const authorizeConditional = jest.fn(
      async (_requests: any[], options: any) => {
        const user = options.credentials.principal.userEntityRef;
        return [
          user === 'user:default/all'
            ? { result: AuthorizeResult.ALLOW }
            : {
                result: AuthorizeResult.CONDITIONAL,
                pluginId: 'catalog',
                resourceType: 'catalog-entity',
                conditions: {
                  rule: 'IS_ENTITY_OWNER',
                  resourceType: 'catalog-entity',
                  params: { claims: [`group:default/${user.split('/')[1]}`] },
                },
              },
        ] as any;
      },
    );
    return {
      authorizeConditional,
      service: mockServices.permissions.mock({ authorizeConditional }),
    };
  }

  it('reuses a decision per caller for a short time', async () => {
    const p = permissions();
    const access = new AccessControl(p.service as any, {
      readScopeTtlMs: 60_000,
    });
    const a = mockCredentials.user('user:default/a');
    const b = mockCredentials.user('user:default/b');
    const scopeA = await access.readScope(a);
    await access.readScope(a);
    const scopeB = await access.readScope(b);
    expect(p.authorizeConditional).toHaveBeenCalledTimes(2);
    expect(scopeA.type).toBe('sql');
    expect(scopeB.type).toBe('sql');
    expect((scopeA as any).key).not.toBe((scopeB as any).key);
    expect(
      (await access.readScope(mockCredentials.user('user:default/all'))).type,
    ).toBe('all');
  });

  it('asks every time when the reuse is off', async () => {
    const p = permissions();
    const access = new AccessControl(p.service as any, { readScopeTtlMs: 0 });
    const a = mockCredentials.user('user:default/a');
    await access.readScope(a);
    await access.readScope(a);
    expect(p.authorizeConditional).toHaveBeenCalledTimes(2);
  });
});
