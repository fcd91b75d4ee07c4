import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
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
import { Knex } from 'knex';
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
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const base = '/api/orchestration';
const path = (name: string) =>
  `/v1/entities/component/default/${name}/assessment`;

interface Call {
  method: string;
  refs?: string[];
  /** The user the call was made for. */
  user?: string;
  /** The service that made the call, when made as a service. */
  service?: string;
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
    /**
     * What the catalog shows a user, as its own permission filtering would
     * (every entity when not given).
     */
    visible: undefined as
      | undefined
      | ((user: string, entity: Entity) => boolean),
  };
  const gate =
    <K extends keyof CatalogService>(
      method: K,
      refsOf?: (a: any) => string[],
    ) =>
    (...args: any[]) => {
      state.calls.push({ method, refs: refsOf?.(args[0]) });
      const principal = args[1]?.credentials?.principal;
      const user = principal?.userEntityRef;
      if (user) state.calls[state.calls.length - 1].user = user;
      if (principal?.type === 'service') {
        state.calls[state.calls.length - 1].service = principal.subject;
      }
      if (state.hanging) return new Promise(() => {});
      const answer = (state.real[method] as any)(...args);
      const visible = state.visible;
      if (!user || !visible || method !== 'getEntitiesByRefs') return answer;
      return answer.then((r: { items: Array<Entity | undefined> }) => ({
        items: r.items.map(e => (e && visible(user, e) ? e : undefined)),
      }));
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

async function start(options: { permissions?: any; knex?: Knex } = {}) {
  const catalog = countingCatalog();
  const permissions = options.permissions ?? permissionsMock();
  const backend = await startOrchestration({
    knex: options.knex,
    catalog: catalog.factory,
    config: { catalog: { timeout: '300ms' } },
    features: [permissions.factory],
  });
  const get = (name: string, user = PLATFORM_USER, header = userHeader(user)) =>
    request(backend.server)
      .get(`${base}${path(name)}`)
      .set('Authorization', header)
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
      // Made per request (it carries its time): no ETag to hash it for.
      expect(res!.headers.etag).toBeUndefined();
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

  it('uses again, for a second, an owner and a cluster read for another request', async () => {
    const { backend, catalog, get, refresh } = await start();
    try {
      await refresh();
      // content-api reads its owner, gpu-render the cluster; legacy-web has
      // both, so only the Component itself is read.
      await get('content-api').expect(200);
      await get('gpu-render').expect(200);
      const reused = await catalog.callsOf(() => get('legacy-web').expect(200));
      expect(reused).toEqual([byRefs(['component:default/legacy-web'])]);

      await new Promise(resolve => setTimeout(resolve, 1_100));
      const again = await catalog.callsOf(() => get('legacy-web').expect(200));
      expect(again).toEqual([
        byRefs([
          'component:default/legacy-web',
          'group:default/web-content',
          'resource:default/prod-kops',
        ]),
      ]);
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
      // One decision for the token per permission (the assessment's and the
      // catalog's read), none per entity.
      expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);
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

const CATALOG_READ = 'catalog.entity.read';

/** What the catalog's read decision of a token is. */
type CatalogDecision = (credentials: any) => any;

/**
 * A gate for the permission decisions of the given callers: each is held
 * until every one of them has asked, then all go on together; other
 * callers pass at once.
 */
function holdUntilAllAsked(
  callers: string[],
  callerOf: (credentials: any) => string | undefined,
) {
  const held: Array<() => void> = [];
  return (credentials: any) =>
    new Promise<void>(resolve => {
      const caller = callerOf(credentials);
      if (!caller || !callers.includes(caller)) {
        resolve();
        return;
      }
      held.push(resolve);
      if (held.length === callers.length) {
        setTimeout(() => held.forEach(release => release()), 50);
      }
    });
}

const ALLOW = { result: AuthorizeResult.ALLOW };
const DENY = { result: AuthorizeResult.DENY };
const ownerOnly = (claims: string[]) => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims },
  },
});

/**
 * A policy that lets everyone read assessments and decides the catalog's
 * read per token; `gate` may hold the catalog's decisions back.
 */
function catalogPolicy(
  decide: CatalogDecision,
  gate?: (credentials: any) => Promise<void>,
) {
  return mockServices.permissions.mock({
    authorize: async (requests: any[]) => requests.map(() => ALLOW) as any,
    authorizeConditional: async (requests: any[], options: any) => {
      const asksCatalog = requests.some(
        r => r.permission.name === CATALOG_READ,
      );
      if (asksCatalog && gate) await gate(options.credentials);
      return requests.map(r =>
        r.permission.name === CATALOG_READ
          ? decide(options.credentials)
          : ALLOW,
      ) as any;
    },
  });
}

const catalogReadsOf = (permissions: any) =>
  permissions.authorizeConditional.mock.calls.filter(([requests]: any[]) =>
    requests.some((r: any) => r.permission.name === CATALOG_READ),
  );

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  "the live assessment read as the plugin, with the catalog's read decision of the caller (%s)",
  databaseId => {
    const startOn = async (options: { permissions?: any } = {}) =>
      start({ ...options, knex: await databases.init(databaseId) });

    it.each([2, 8, 24])(
      'reads the Components of %i users in one catalog call when the policy lets each read every entity',
      async users => {
        const names = ['gpu-render', 'content-api', 'legacy-web'];
        const refs = Array.from(
          { length: users },
          (_, i) => `user:default/reader-${i}`,
        );
        // Each user's decision is held until every user has asked, so their
        // reads are asked for in the same turn.
        const gate = holdUntilAllAsked(
          refs,
          credentials => credentials?.principal?.userEntityRef,
        );
        const permissions = catalogPolicy(() => ALLOW, gate);
        const { backend, catalog, get, refresh } = await startOn({
          permissions,
        });
        try {
          await refresh();
          let responses: request.Response[] = [];
          const calls = await catalog.callsOf(async () => {
            responses = await Promise.all(
              refs.map((user, i) => get(names[i % names.length], user)),
            );
          });
          expect(responses.map(r => r.status)).toEqual(refs.map(() => 200));
          responses.forEach((res, i) =>
            expect(res.body.assessment.entityRef).toBe(
              `component:default/${names[i % names.length]}`,
            ),
          );
          expect(calls).toHaveLength(1);
          expect(calls[0]).toMatchObject({
            method: 'getEntitiesByRefs',
            service: 'plugin:orchestration',
          });
          expect(calls[0].user).toBeUndefined();
          // Each token asked about once.
          expect(catalogReadsOf(permissions)).toHaveLength(users);
        } finally {
          await backend.stop();
        }
      },
    );

    it("reads the Components of several services in one catalog call, and answers 404 to a service refused the catalog's read", async () => {
      const services = ['plugin:ci-a', 'plugin:ci-b', 'plugin:ci-c'];
      // Each service's decision is held until every service has asked, so
      // their reads are asked for in the same turn.
      const gate = holdUntilAllAsked(
        services,
        credentials => credentials?.principal?.subject,
      );
      // The permission framework allows services unless their token's
      // access restrictions leave the catalog's read out, as for ci-c.
      const permissions = catalogPolicy(
        credentials =>
          credentials?.principal?.subject === 'plugin:ci-c' ? DENY : ALLOW,
        gate,
      );
      const { backend, catalog, get, refresh } = await startOn({
        permissions,
      });
      try {
        await refresh();
        let responses: request.Response[] = [];
        const calls = await catalog.callsOf(async () => {
          responses = await Promise.all(
            services.map(subject =>
              get(
                'gpu-render',
                undefined,
                mockCredentials.service.header({
                  onBehalfOf: mockCredentials.service(subject),
                  targetPluginId: 'orchestration',
                }),
              ),
            ),
          );
        });
        expect(responses.map(r => r.status)).toEqual([200, 200, 404]);
        expect(calls).toHaveLength(1);
        expect(calls[0]).toMatchObject({
          method: 'getEntitiesByRefs',
          service: 'plugin:orchestration',
        });
      } finally {
        await backend.stop();
      }
    });

    it("answers 404, as the catalog would, to a user the policy denies the catalog's read, in the same turn as another's 200", async () => {
      const permissions = catalogPolicy(credentials =>
        credentials?.principal?.userEntityRef === OTHER_USER ? DENY : ALLOW,
      );
      const { backend, catalog, get, refresh } = await startOn({ permissions });
      try {
        await refresh();
        let answers: request.Response[] = [];
        const calls = await catalog.callsOf(async () => {
          answers = await Promise.all([
            get('gpu-render', PLATFORM_USER),
            get('gpu-render', OTHER_USER),
            get('content-api', OTHER_USER),
          ]);
        });
        const [allowed, ...denied] = answers;
        expect(allowed.status).toBe(200);
        expect(allowed.body).toEqual(
          expected(
            gpuRender,
            { entityRef: 'group:default/media-rendering', memberCount: 10 },
            prodKops,
            allowed.body.assessment.assessedAt,
          ),
        );
        expect(denied.map(r => [r.status, r.body.error?.message])).toEqual([
          [404, 'No entity component:default/gpu-render in the catalog'],
          [404, 'No entity component:default/content-api in the catalog'],
        ]);
        // Nothing was read for the denied user.
        expect(calls.length).toBeGreaterThan(0);
        for (const call of calls) {
          expect(call.service).toBe('plugin:orchestration');
          expect(call.refs).not.toContain('component:default/content-api');
        }
      } finally {
        await backend.stop();
      }
    });

    it("reads on the user's behalf when the catalog's read decision is conditional, and the catalog's filtering decides", async () => {
      const permissions = catalogPolicy(credentials =>
        credentials?.principal?.userEntityRef === OTHER_USER
          ? ownerOnly(['group:default/web-content'])
          : ALLOW,
      );
      const { backend, catalog, get, refresh } = await startOn({ permissions });
      // The catalog shows the user only what the group owns.
      catalog.state.visible = (user, entity) =>
        user !== OTHER_USER || (entity.spec as any)?.owner === 'web-content';
      try {
        await refresh();
        let answers: request.Response[] = [];
        const calls = await catalog.callsOf(async () => {
          answers = await Promise.all(
            Array.from({ length: 16 }, (_, i) =>
              i % 2
                ? get('legacy-web', PLATFORM_USER)
                : get(i % 4 ? 'content-api' : 'gpu-render', OTHER_USER),
            ),
          );
        });
        answers.forEach((res, i) =>
          expect([i, res.status]).toEqual([i, i % 2 || i % 4 ? 200 : 404]),
        );
        const asUser = calls.filter(c => c.user === OTHER_USER);
        const asPlugin = calls.filter(
          c => c.service === 'plugin:orchestration',
        );
        expect(asUser.length + asPlugin.length).toBe(calls.length);
        expect(asUser.length).toBeGreaterThan(0);
        // The user's reads never carry another's refs, nor the plugin's the user's.
        for (const call of asUser) {
          expect(call.refs).not.toContain('component:default/legacy-web');
        }
        for (const call of asPlugin) {
          expect(call.refs).not.toContain('component:default/content-api');
        }
      } finally {
        await backend.stop();
      }
    });

    it('never serves a token the policy refuses because another token of the same user was allowed', async () => {
      const plain = `Bearer ${mockCredentials.user.token(OTHER_USER)}`;
      const other = `Bearer ${mockCredentials.user.token(OTHER_USER, {
        actor: { subject: 'service:impersonator' },
      })}`;
      const permissions = catalogPolicy(credentials =>
        credentials?.principal?.actor ? DENY : ALLOW,
      );
      const { backend, get, refresh } = await startOn({ permissions });
      try {
        await refresh();
        const statuses = [];
        for (const header of [plain, other, plain, other]) {
          statuses.push((await get('gpu-render', OTHER_USER, header)).status);
        }
        expect(statuses).toEqual([200, 404, 200, 404]);
        // One decision per token, each reused for that token only.
        expect(catalogReadsOf(permissions)).toHaveLength(2);
      } finally {
        await backend.stop();
      }
    });
  },
);
