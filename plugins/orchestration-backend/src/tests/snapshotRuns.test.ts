import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import {
  catalogEntities,
  component,
  PLATFORM_USER,
} from '../__fixtures__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  serviceHeader,
  startOrchestration,
  userHeader,
} from '../__testUtils__/testBackend';
import { mockServices } from '@backstage/backend-test-utils';
import { DEFAULT_ORCHESTRATION_OPTIONS } from '@orchestration/plugin-orchestration-common';
import { CatalogReader } from '../services/CatalogReader';
import {
  SnapshotLeaseOptions,
  SnapshotService,
} from '../services/SnapshotService';
import { OrchestrationStore } from '../services/Store';

jest.setTimeout(120_000);

const base = '/api/orchestration';
const MINUTE = 60_000;

function withAnnotation(
  entities: Entity[],
  name: string,
  key: string,
  value: string,
): Entity[] {
  return entities.map(entity =>
    entity.metadata.name === name
      ? {
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: { ...entity.metadata.annotations, [key]: value },
          },
        }
      : entity,
  );
}

/** A catalog whose entities can be swapped, and which can fail the second page of Components. */
function switchableCatalog(initial: Entity[]) {
  const state = {
    entities: initial,
    failSecondComponentPage: false,
    componentPages: 0,
  };
  const catalog: Partial<CatalogService> = {
    queryEntities: async (req, options) => {
      const real = catalogServiceMock({ entities: state.entities });
      const filter = (req as { filter?: { kind?: string } }).filter;
      if (filter?.kind === 'component') state.componentPages = 0;
      if (filter?.kind === 'component' || state.componentPages > 0) {
        state.componentPages += 1;
        if (state.failSecondComponentPage && state.componentPages === 2) {
          throw new Error('The catalog answered 502 Bad Gateway');
        }
      }
      return real.queryEntities(req as any, options);
    },
    getEntityByRef: (...args) =>
      catalogServiceMock({ entities: state.entities }).getEntityByRef(...args),
    getEntitiesByRefs: (...args) =>
      catalogServiceMock({ entities: state.entities }).getEntitiesByRefs(
        ...args,
      ),
  };
  return {
    state,
    factory: createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => catalog as CatalogService,
    }),
  };
}

async function start(
  knex: Knex,
  options: { entities?: Entity[]; config?: Record<string, unknown> } = {},
) {
  const catalog = switchableCatalog(options.entities ?? catalogEntities);
  const backend = await startOrchestration({
    knex,
    catalog: catalog.factory,
    config: options.config,
  });
  const refresh = (wait = true) =>
    request(backend.server)
      .post(`${base}/v1/snapshot/refresh?wait=${wait}`)
      .set('Authorization', serviceHeader());
  const get = (path: string) =>
    request(backend.server)
      .get(`${base}${path}`)
      .set('Authorization', userHeader(PLATFORM_USER));
  return { backend, catalog, refresh, get };
}

async function insertRun(
  knex: Knex,
  startedAt: string,
  status: 'running' | 'complete' = 'running',
): Promise<number> {
  const [row] = await knex('orchestration_snapshots')
    .insert({ started_at: startedAt, status, entity_count: 0 })
    .returning('id');
  return Number(typeof row === 'object' ? row.id : row);
}

describe('snapshot runs', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

    /** A run marked running, holding the lease or not, before the backend starts. */
    async function seedRun(
      knex: Knex,
      orphan: { startedAgo: number; lease?: { heartbeatAgo: number } },
    ): Promise<number> {
      await OrchestrationStore.migrate(knex);
      const id = await insertRun(knex, ago(orphan.startedAgo));
      if (orphan.lease) {
        await knex('orchestration_snapshot_state')
          .where({ id: 1 })
          .update({
            refresh_run_id: id,
            refresh_owner: 'another-instance',
            refresh_started_at: ago(orphan.startedAgo),
            refresh_heartbeat_at: ago(orphan.lease.heartbeatAgo),
          });
      }
      return id;
    }

    it.each<
      [string, { startedAgo: number; lease?: { heartbeatAgo: number } }, RegExp]
    >([
      [
        'a run left by an instance that held no lease',
        { startedAgo: 5 * MINUTE },
        /^Abandoned: the instance running this refresh stopped before it finished/,
      ],
      [
        'a lease holder silent for longer than a lease allows',
        { startedAgo: 10 * MINUTE, lease: { heartbeatAgo: 5 * MINUTE } },
        /^Abandoned: no sign of life from the instance running this refresh since .*; it was probably stopped or restarted/,
      ],
      [
        'a lease holder running for longer than the longest run allowed',
        { startedAgo: 48 * 60 * MINUTE, lease: { heartbeatAgo: 0 } },
        /^Abandoned: the refresh was still running .* after it started, longer than the 60 minutes a run may take/,
      ],
    ])('start-up fails %s', async (_name, orphan, error) => {
      const knex = await databases.init(databaseId);
      const id = await seedRun(knex, orphan);
      const { backend, get, refresh } = await start(knex);
      try {
        const status = await get('/v1/snapshot');
        expect(status.status).toBe(200);
        expect(status.body.lastRun).toMatchObject({
          id,
          status: 'failed',
          completedAt: expect.any(String),
        });
        expect(status.body.lastRun.error).toMatch(error);
        expect(
          await knex('orchestration_snapshot_state').pluck('refresh_run_id'),
        ).toEqual([null]);
        // The lease is free: a refresh runs at once.
        const next = await refresh();
        expect(next.body.lastRun).toMatchObject({ status: 'complete' });
        expect(next.body.lastRun.id).toBeGreaterThan(id);
      } finally {
        await backend.stop();
      }
    });

    it('start-up leaves the run of a live lease holder in another instance running', async () => {
      const knex = await databases.init(databaseId);
      const id = await seedRun(knex, {
        startedAgo: 2_000,
        lease: { heartbeatAgo: 1_000 },
      });
      const { backend, get } = await start(knex);
      try {
        const status = await get('/v1/snapshot');
        expect(status.body.lastRun).toMatchObject({ id, status: 'running' });
        expect(
          await knex('orchestration_snapshot_state').pluck('refresh_run_id'),
        ).toEqual([id]);
      } finally {
        await backend.stop();
      }
    });

    it('takes over a lease gone stale, failing the run that held it', async () => {
      const knex = await databases.init(databaseId);
      const { backend, refresh } = await start(knex);
      try {
        // An instance took the lease after this one started, then died.
        const id = await insertRun(knex, ago(3 * MINUTE));
        await knex('orchestration_snapshot_state')
          .where({ id: 1 })
          .update({
            refresh_run_id: id,
            refresh_owner: 'another-instance',
            refresh_started_at: ago(3 * MINUTE),
            refresh_heartbeat_at: ago(2 * MINUTE),
          });
        const res = await refresh();
        expect(res.body.lastRun).toMatchObject({ status: 'complete' });
        const orphan = await knex('orchestration_snapshots')
          .where({ id })
          .first();
        expect(orphan.status).toBe('failed');
        expect(orphan.error).toMatch(/^Abandoned: no sign of life/);
      } finally {
        await backend.stop();
      }
    });

    it('shares one run among concurrent refreshes of one instance, and across instances', async () => {
      const knex = await databases.init(databaseId);
      await OrchestrationStore.migrate(knex);
      const store = new OrchestrationStore(knex);
      // Each catalog call answers after 200 ms, so a run lasts long enough
      // for every call to start while it runs.
      const real = catalogServiceMock({ entities: catalogEntities });
      const slow: Partial<CatalogService> = {
        queryEntities: async (...args) => {
          await new Promise(resolve => setTimeout(resolve, 200));
          return real.queryEntities(...args);
        },
      };
      const instance = (name: string) =>
        new SnapshotService({
          store,
          reader: new CatalogReader(
            slow as CatalogService,
            mockServices.logger.mock(),
          ),
          auth: mockServices.auth(),
          logger: mockServices.logger.mock(),
          options: DEFAULT_ORCHESTRATION_OPTIONS,
          include: 'annotated',
          instanceId: name,
          lease: { pollMs: 20 },
        });
      const [a, b] = [instance('a'), instance('b')];

      const [first, second] = await Promise.all([a.refresh(), a.refresh()]);
      expect(second).toBe(first);
      expect(first).toMatchObject({ ranHere: true, entityCount: 3 });

      const both = await Promise.all([a.refresh(), b.refresh()]);
      expect(both.map(r => r.ranHere).sort()).toEqual([false, true]);
      expect(both[0].snapshotId).toBe(both[1].snapshotId);
      expect(both[0].coverage).toEqual({ annotated: 3, components: 4 });
      expect(
        await knex('orchestration_snapshots').orderBy('id').pluck('status'),
      ).toEqual(['complete', 'complete']);
    });

    it('stops a run that lost its lease to another instance, without serving its rows', async () => {
      const knex = await databases.init(databaseId);
      await OrchestrationStore.migrate(knex);
      const store = new OrchestrationStore(knex);
      const real = catalogServiceMock({ entities: catalogEntities });
      // The second page of Components waits until released.
      let reachedGate!: () => void;
      const reached = new Promise<void>(resolve => {
        reachedGate = resolve;
      });
      let release!: () => void;
      const gate = new Promise<void>(resolve => {
        release = resolve;
      });
      let componentPages = 0;
      const stalling: Partial<CatalogService> = {
        queryEntities: async (req, options) => {
          const filter = (req as { filter?: { kind?: string } }).filter;
          if (filter?.kind === 'component') componentPages = 1;
          else if (componentPages > 0 && ++componentPages === 2) {
            reachedGate();
            await gate;
          }
          return real.queryEntities(req as any, options);
        },
      };
      const instance = (
        name: string,
        catalog: Partial<CatalogService>,
        lease: SnapshotLeaseOptions,
      ) =>
        new SnapshotService({
          store,
          reader: new CatalogReader(
            catalog as CatalogService,
            mockServices.logger.mock(),
            { pageSize: 2 },
          ),
          auth: mockServices.auth(),
          logger: mockServices.logger.mock(),
          options: DEFAULT_ORCHESTRATION_OPTIONS,
          include: 'annotated',
          instanceId: name,
          lease,
        });
      // The first instance never renews its lease while it waits; the
      // second takes a lease over after 300 ms without a sign of life.
      const silent = instance('silent', stalling, {
        heartbeatMs: 3_600_000,
      });
      const other = instance('other', real, {
        staleAfterMs: 300,
        pollMs: 20,
      });

      const stalled = silent.refresh();
      stalled.catch(() => undefined);
      await reached;
      await new Promise(resolve => setTimeout(resolve, 400));
      const taken = await other.refresh();
      expect(taken).toMatchObject({ ranHere: true, entityCount: 3 });

      release();
      await expect(stalled).rejects.toThrow(/lost its lease/);
      const runs = await knex('orchestration_snapshots')
        .orderBy('id')
        .select('id', 'status', 'error');
      expect(runs).toEqual([
        {
          id: expect.anything(),
          status: 'failed',
          error: expect.stringMatching(/^Abandoned: no sign of life/),
        },
        { id: expect.anything(), status: 'complete', error: null },
      ]);
      expect(await store.currentGeneration()).toBe(taken.snapshotId);
      // Only the generation served has rows.
      expect(
        (await knex('orchestration_assessments').distinct('snapshot_id')).map(
          r => Number(r.snapshot_id),
        ),
      ).toEqual([taken.snapshotId]);
    });

    it('keeps serving the whole previous snapshot when a refresh fails half way', async () => {
      const knex = await databases.init(databaseId);
      // Two Components per catalog page: content-api and gpu-render come
      // first, legacy-web and plain second.
      const { backend, catalog, refresh, get } = await start(knex, {
        config: { snapshot: { pageSize: 2 } },
      });
      const platforms = async () =>
        Object.fromEntries(
          (await get('/v1/assessments')).body.items.map((i: any) => [
            i.name,
            i.currentPlatform,
          ]),
        );
      try {
        expect((await refresh()).body.lastRun.status).toBe('complete');
        const before = await platforms();
        expect(before).toEqual({
          'content-api': 'ecs-fargate',
          'gpu-render': 'self-managed-kubernetes',
          'legacy-web': 'self-managed-kubernetes',
        });

        let changed = withAnnotation(
          catalogEntities,
          'content-api',
          'orchestration.io/current-platform',
          'ecs-ec2',
        );
        changed = withAnnotation(
          changed,
          'legacy-web',
          'orchestration.io/current-platform',
          'eks',
        );
        catalog.state.entities = changed;
        catalog.state.failSecondComponentPage = true;
        const failed = await refresh();
        expect(failed.body.lastRun).toMatchObject({ status: 'failed' });
        expect(failed.body.snapshot.stale).toBe(true);
        expect(failed.body.lastRun.error).toMatch(/502 Bad Gateway/);
        expect(await platforms()).toEqual(before);
        // The rows the failed run wrote are gone; the snapshot is whole.
        expect(
          Number(
            (await knex('orchestration_assessments').count({ n: '*' }))[0].n,
          ),
        ).toBe(3);

        catalog.state.failSecondComponentPage = false;
        const next = await refresh();
        expect(next.body.snapshot.stale).toBe(false);
        expect(await platforms()).toEqual({
          'content-api': 'ecs-ec2',
          'gpu-render': 'self-managed-kubernetes',
          'legacy-web': 'eks',
        });
      } finally {
        await backend.stop();
      }
    });

    it.each<['annotated' | 'all', number]>([
      ['annotated', 3],
      ['all', 4],
    ])(
      'counts the coverage of the catalog (include %s)',
      async (include, entityCount) => {
        const knex = await databases.init(databaseId);
        const { backend, refresh, get } = await start(knex, {
          config: { snapshot: { include } },
        });
        try {
          const before = await get('/v1/snapshot');
          expect(before.body.snapshot.coverage).toBeNull();
          const list = await get('/v1/assessments');
          expect(list.body.snapshot.coverage).toBeNull();

          const after = await refresh();
          expect(after.body.snapshot).toMatchObject({
            entityCount,
            coverage: { annotated: 3, components: 4 },
          });
          for (const path of [
            '/v1/snapshot',
            '/v1/assessments',
            '/v1/clusters',
          ]) {
            const res = await get(path);
            expect(res.status).toBe(200);
            expect(res.body.snapshot.coverage).toEqual({
              annotated: 3,
              components: 4,
            });
          }
          expect(
            await knex('orchestration_snapshots').select(
              'components',
              'annotated',
            ),
          ).toEqual([{ components: 4, annotated: 3 }]);
        } finally {
          await backend.stop();
        }
      },
    );

    it('records history only on real changes, also for a Component that left and came back', async () => {
      const knex = await databases.init(databaseId);
      const moving = (portability: string) =>
        component(
          'moving',
          {
            'orchestration.io/workload-type': 'api',
            'orchestration.io/portability': portability,
            'orchestration.io/current-platform': 'ecs-fargate',
          },
          { owner: 'web-content' },
        );
      const { backend, catalog, refresh, get } = await start(knex, {
        entities: [...catalogEntities, moving('aws-only')],
      });
      const history = async () =>
        (await get('/v1/entities/component/default/moving/history')).body.items;
      try {
        for (let i = 0; i < 3; i++) await refresh();
        expect(await history()).toHaveLength(1);

        catalog.state.entities = catalogEntities;
        await refresh();
        catalog.state.entities = [...catalogEntities, moving('aws-only')];
        await refresh();
        await refresh();
        expect(await history()).toHaveLength(1);

        catalog.state.entities = [...catalogEntities, moving('multi-cloud')];
        await refresh();
        await refresh();
        const entries = await history();
        expect(entries).toHaveLength(2);
        expect(entries[0].changes.length).toBeGreaterThan(0);

        // Besides the first entry of each Component, none without changes.
        const rows = await knex('orchestration_history')
          .select('entity_ref', 'changes')
          .orderBy('id');
        const seen = new Set<string>();
        const empty = rows.filter(row => {
          const first = !seen.has(row.entity_ref);
          seen.add(row.entity_ref);
          return !first && JSON.parse(row.changes).length === 0;
        });
        expect(empty).toEqual([]);
        expect(rows).toHaveLength(5);
      } finally {
        await backend.stop();
      }
    });
  });
});
