import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  assessCluster,
  assessEntity,
  DEFAULT_ORCHESTRATION_OPTIONS,
} from '@orchestration/plugin-orchestration-common';
import request from 'supertest';
import {
  catalogEntities,
  contentApi,
  gpuRender,
  OTHER_USER,
  PLATFORM_USER,
  prodKops,
} from '../__fixtures__/catalog';
import {
  permissionsMock,
  serviceHeader,
  startOrchestration,
  userHeader,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const base = '/api/orchestration';
const path = (name: string) =>
  `/v1/entities/component/default/${name}/assessment`;

interface Call {
  method: string;
  refs?: string[];
  /** The user the call was made for. */
  user?: string;
}

/**
 * The catalog of the fixtures, whose entities can be replaced, counting every
 * call made to it and able to stop answering.
 */
function countingCatalog() {
  const state = {
    entities: catalogEntities,
    real: catalogServiceMock({ entities: catalogEntities }),
    hanging: false,
    calls: [] as Call[],
  };
  const gate =
    <K extends keyof CatalogService>(
      method: K,
      refsOf?: (a: any) => string[],
    ) =>
    (...args: any[]) => {
      state.calls.push({ method, refs: refsOf?.(args[0]) });
      const user = args[1]?.credentials?.principal?.userEntityRef;
      if (user) state.calls[state.calls.length - 1].user = user;
      if (state.hanging) return new Promise(() => {});
      return (state.real[method] as any)(...args);
    };
  const catalog: Partial<CatalogService> = {
    queryEntities: gate('queryEntities') as any,
    getEntities: gate('getEntities') as any,
    getEntityByRef: gate('getEntityByRef', ref => [ref]) as any,
    getEntitiesByRefs: gate('getEntitiesByRefs', r => r.entityRefs) as any,
  };
  return {
    state,
    setEntities(entities: Entity[]) {
      state.entities = entities;
      state.real = catalogServiceMock({ entities });
    },
    /** The calls made while `work` ran. */
    async callsOf(work: () => Promise<unknown>): Promise<Call[]> {
      const from = state.calls.length;
      await work();
      return state.calls.slice(from);
    },
    factory: createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => catalog as CatalogService,
    }),
  };
}

async function start(options: { permissions?: any } = {}) {
  const catalog = countingCatalog();
  const permissions = options.permissions ?? permissionsMock();
  const backend = await startOrchestration({
    catalog: catalog.factory,
    config: { catalog: { timeout: '300ms' } },
    features: [permissions.factory],
  });
  const get = (name: string, user = PLATFORM_USER) =>
    request(backend.server)
      .get(`${base}${path(name)}`)
      .set('Authorization', userHeader(user))
      .timeout(5_000);
  const refresh = async () => {
    const res = await request(backend.server)
      .post(`${base}/v1/snapshot/refresh?wait=true`)
      .set('Authorization', serviceHeader());
    expect([res.body.lastRun?.status, res.body.lastRun?.error]).toEqual([
      'complete',
      null,
    ]);
  };
  return { backend, catalog, permissions, get, refresh };
}

/** The assessment the engine gives with the facts of the catalog, at the same instant. */
function expected(
  entity: Entity,
  owner: { entityRef: string; memberCount?: number },
  cluster: Entity | undefined,
  now: string,
) {
  const options = DEFAULT_ORCHESTRATION_OPTIONS;
  return {
    assessment: assessEntity({
      entity,
      owner,
      platformTeams: ['group:default/platform'],
      cluster: cluster ?? undefined,
      options,
      now,
    }),
    cluster: cluster ? assessCluster(cluster, { options, now }) : null,
  };
}

const byRefs = (refs: string[]) =>
  expect.objectContaining({ method: 'getEntitiesByRefs', refs });

describe('the live assessment of one Component', () => {
  it('reads the Component, its owner and its cluster in one catalog call once the snapshot knows them', async () => {
    const { backend, catalog, get, refresh } = await start();
    try {
      await refresh();

      let res: request.Response | undefined;
      const calls = await catalog.callsOf(async () => {
        res = await get('gpu-render');
      });
      expect(res!.status).toBe(200);
      expect(calls).toEqual([
        byRefs([
          'component:default/gpu-render',
          'group:default/media-rendering',
          'resource:default/prod-kops',
        ]),
      ]);
      expect(res!.body).toEqual(
        expected(
          gpuRender,
          { entityRef: 'group:default/media-rendering', memberCount: 10 },
          prodKops,
          res!.body.assessment.assessedAt,
        ),
      );

      // Without a cluster: the Component and its owner.
      const plain = await catalog.callsOf(() => get('content-api'));
      expect(plain).toEqual([
        byRefs(['component:default/content-api', 'group:default/web-content']),
      ]);

      // Concurrent requests: at most one call each (requests of one caller
      // waiting together share one), and the Groups are not read again.
      const many = await catalog.callsOf(() =>
        Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            get(i % 2 ? 'gpu-render' : 'legacy-web').expect(200),
          ),
        ),
      );
      expect(many.length).toBeGreaterThan(0);
      expect(many.length).toBeLessThanOrEqual(12);
      expect(many.every(c => c.method === 'getEntitiesByRefs')).toBe(true);
    } finally {
      await backend.stop();
    }
  });

  it('never reads the catalog for one user together with another', async () => {
    const { backend, catalog, get, refresh } = await start();
    try {
      await refresh();
      const calls = await catalog.callsOf(() =>
        Promise.all(
          Array.from({ length: 16 }, (_, i) =>
            i % 2
              ? get('gpu-render', PLATFORM_USER).expect(200)
              : get('content-api', OTHER_USER).expect(200),
          ),
        ),
      );
      expect(calls.length).toBeLessThanOrEqual(16);
      for (const call of calls) {
        expect(call.refs).toContain(
          call.user === PLATFORM_USER
            ? 'component:default/gpu-render'
            : 'component:default/content-api',
        );
        expect(call.refs).not.toContain(
          call.user === PLATFORM_USER
            ? 'component:default/content-api'
            : 'component:default/gpu-render',
        );
      }
    } finally {
      await backend.stop();
    }
  });

  it('uses the owner and cluster the Component has now, when they changed since the snapshot', async () => {
    const { backend, catalog, get, refresh } = await start();
    try {
      await refresh();
      const moved: Entity = {
        ...contentApi,
        metadata: {
          ...contentApi.metadata,
          annotations: {
            ...contentApi.metadata.annotations,
            'orchestration.io/current-platform': 'self-managed-kubernetes',
            'orchestration.io/cluster': 'prod-kops',
          },
        },
        spec: { ...contentApi.spec, owner: 'media-rendering' },
      };
      catalog.setEntities(
        catalogEntities.map(e => (e === contentApi ? moved : e)),
      );

      let res: request.Response | undefined;
      const calls = await catalog.callsOf(async () => {
        res = await get('content-api');
      });
      expect(res!.status).toBe(200);
      // The snapshot's owner first; the current owner and cluster after.
      expect(calls).toEqual([
        byRefs(['component:default/content-api', 'group:default/web-content']),
        byRefs(['group:default/media-rendering', 'resource:default/prod-kops']),
      ]);
      expect(res!.body).toEqual(
        expected(
          moved,
          { entityRef: 'group:default/media-rendering', memberCount: 10 },
          prodKops,
          res!.body.assessment.assessedAt,
        ),
      );
    } finally {
      await backend.stop();
    }
  });

  it('reads the owner and cluster after the Component when the snapshot does not have it', async () => {
    const { backend, catalog, get } = await start();
    try {
      // No snapshot yet: the first request also reads the Groups, once.
      const first = await catalog.callsOf(() => get('gpu-render').expect(200));
      expect(first.filter(c => c.method === 'queryEntities')).toHaveLength(1);

      let res: request.Response | undefined;
      const calls = await catalog.callsOf(async () => {
        res = await get('gpu-render');
      });
      expect(calls).toEqual([
        byRefs(['component:default/gpu-render']),
        byRefs(['group:default/media-rendering', 'resource:default/prod-kops']),
      ]);
      expect(res!.body).toEqual(
        expected(
          gpuRender,
          { entityRef: 'group:default/media-rendering', memberCount: 10 },
          prodKops,
          res!.body.assessment.assessedAt,
        ),
      );
    } finally {
      await backend.stop();
    }
  });

  it('answers 404 for a Component not in the catalog, after one call', async () => {
    const { backend, catalog, get, refresh } = await start();
    try {
      await refresh();
      let res: request.Response | undefined;
      const calls = await catalog.callsOf(async () => {
        res = await get('ghost');
      });
      expect(res!.status).toBe(404);
      expect(res!.body.error.message).toBe(
        'No entity component:default/ghost in the catalog',
      );
      expect(calls).toEqual([byRefs(['component:default/ghost'])]);

      // Removed from the catalog since the snapshot: 404 as well.
      catalog.setEntities(catalogEntities.filter(e => e !== gpuRender));
      expect((await get('gpu-render')).status).toBe(404);
    } finally {
      await backend.stop();
    }
  });

  it('answers 503 within the timeout when the catalog does not answer, and 200 once it does', async () => {
    const { backend, catalog, get, refresh } = await start();
    try {
      await refresh();
      catalog.state.hanging = true;
      const started = Date.now();
      const res = await get('gpu-render');
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: 'The catalog did not answer within 0.3 s',
      });
      expect(Date.now() - started).toBeLessThan(2_000);

      catalog.state.hanging = false;
      expect((await get('gpu-render')).status).toBe(200);
    } finally {
      await backend.stop();
    }
  });

  it('reuses the read decision of the token, and asks per entity only when it is conditional', async () => {
    const permissions = permissionsMock();
    const { backend, get } = await start({ permissions });
    try {
      await get('content-api').expect(200);
      await get('gpu-render').expect(200);
      await get('legacy-web').expect(200);
      // One decision for the token, none per entity.
      expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
      expect(permissions.authorize).not.toHaveBeenCalled();
    } finally {
      await backend.stop();
    }

    const conditional = mockServices.permissions.mock({
      authorizeConditional: async (requests: any[]) =>
        requests.map(() => ({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: ['group:default/web-content'] },
          },
        })) as any,
      authorize: async (requests: any[]) =>
        requests.map(r => ({
          result:
            r.resourceRef === 'component:default/content-api'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })) as any,
    });
    const owned = await start({ permissions: conditional });
    try {
      await owned.get('content-api', OTHER_USER).expect(200);
      const denied = await owned.get('gpu-render', OTHER_USER);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'You are not allowed to read the assessment of component:default/gpu-render',
      );
      expect(conditional.authorize).toHaveBeenCalledTimes(2);
    } finally {
      await owned.backend.stop();
    }

    const deny = mockServices.permissions.mock({
      authorizeConditional: async (requests: any[]) =>
        requests.map(() => ({ result: AuthorizeResult.DENY })) as any,
    });
    const nobody = await start({ permissions: deny });
    try {
      const res = await nobody.get('content-api', OTHER_USER);
      expect(res.status).toBe(403);
      expect(nobody.catalog.state.calls).toEqual([]);
    } finally {
      await nobody.backend.stop();
    }
  });
});
