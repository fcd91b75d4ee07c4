import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  catalogEntities,
  PLATFORM_USER,
  prodKops,
} from '../__fixtures__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  permissionsMock,
  serviceHeader,
  startOrchestration,
  userHeader,
} from '../__testUtils__/testBackend';
import { NotificationTable } from '../services/Store/tables/NotificationTable';

jest.setTimeout(180_000);

const api = '/api/orchestration/v1';
const DAY_MS = 86_400_000;
const START = new Date('2026-11-28T09:00:00Z');

/** Only `Date` is faked: the clock a refresh assesses at, moved by the tests. */
function fakeClock(at: Date) {
  jest.useFakeTimers({
    now: at,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

/** The notifications service as the plugin sees it, keeping what it is asked to send. */
function capturedNotifications() {
  const state = {
    sent: [] as NotificationSendOptions[],
    failing: false,
    /** Refuses only these, as a backend refusing one notification would. */
    refuses: (_options: NotificationSendOptions) => false,
  };
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      send: async (options: NotificationSendOptions) => {
        if (state.failing || state.refuses(options)) {
          throw new Error(
            'Failed to send notifications: Error: Request failed with status 404',
          );
        }
        state.sent.push(options);
      },
    }),
  });
  return { state, factory };
}

/** A catalog whose entities the test can change between refreshes. */
function switchableCatalog(initial: Entity[]) {
  const state = { entities: initial };
  const catalog: Partial<CatalogService> = {
    queryEntities: (...args) =>
      catalogServiceMock({ entities: state.entities }).queryEntities(...args),
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

/** prod-kops with an annotation changed. */
function prodKopsWith(annotations: Record<string, string>): Entity {
  return {
    ...prodKops,
    metadata: {
      ...prodKops.metadata,
      annotations: { ...prodKops.metadata.annotations, ...annotations },
    },
  };
}

const withCluster = (cluster: Entity) =>
  catalogEntities.map(e => (e.metadata.name === 'prod-kops' ? cluster : e));

/** The occurrence a notification is about, from its scope. */
const told = (sent: NotificationSendOptions[]) =>
  sent.map(s => s.payload.scope!.replace(/^orchestration:/, '')).sort();

async function start(
  knex: Knex,
  options: {
    catalog?: ReturnType<typeof switchableCatalog>;
    notifications?: ReturnType<typeof capturedNotifications>;
    config?: Record<string, unknown>;
  } = {},
) {
  const catalog = options.catalog ?? switchableCatalog(catalogEntities);
  const notifications = options.notifications ?? capturedNotifications();
  const logger = mockServices.logger.mock();
  const backend = await startOrchestration({
    knex,
    catalog: catalog.factory,
    config: {
      // Refreshes only when a test asks for one.
      snapshot: {
        schedule: {
          frequency: { days: 3650 },
          initialDelay: { days: 3650 },
          timeout: { minutes: 10 },
        },
      },
      ...options.config,
    },
    features: [
      permissionsMock().factory,
      notifications.factory,
      logger.factory,
    ],
  });
  const refresh = async (server: Server = backend.server) => {
    const res = await request(server)
      .post(`${api}/snapshot/refresh?wait=true`)
      .set('Authorization', serviceHeader());
    expect(res.status).toBe(202);
    return res.body;
  };
  const review = async (name: string, decision: object) => {
    const res = await request(backend.server)
      .post(`${api}/entities/component/default/${name}/reviews`)
      .set('Authorization', userHeader(PLATFORM_USER))
      .send({ decision });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  return { backend, catalog, notifications, logger, refresh, review };
}

/**
 * What prod-kops and the two services on it hold on 2026-11-28: Kubernetes
 * 1.29 past its end of support, and etcd backups 28 hours old.
 */
const AT_START = [
  'end-of-support:component:default/gpu-render:1.29',
  'end-of-support:component:default/legacy-web:1.29',
  'end-of-support:resource:default/prod-kops:1.29',
  'obligation-critical:component:default/gpu-render:etcd-backups',
  'obligation-critical:component:default/gpu-render:kubernetes-upgrades',
  'obligation-critical:component:default/legacy-web:etcd-backups',
  'obligation-critical:component:default/legacy-web:kubernetes-upgrades',
  'obligation-critical:resource:default/prod-kops:etcd-backups',
  'obligation-critical:resource:default/prod-kops:kubernetes-upgrades',
];

describe('owner notifications', () => {
  const databases = createTestDatabases();

  afterEach(() => {
    jest.useRealTimers();
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('tells each occurrence once across refreshes, also the time-based ones, and again once it came back', async () => {
      fakeClock(START);
      const knex = await databases.init(databaseId);
      const ctx = await start(knex);
      try {
        await ctx.refresh();
        const first = ctx.notifications.state.sent;
        expect(told(first)).toEqual(AT_START);

        const cluster = first.find(
          s =>
            s.payload.scope ===
            'orchestration:obligation-critical:resource:default/prod-kops:kubernetes-upgrades',
        )!;
        expect(cluster).toEqual({
          recipients: { type: 'entity', entityRef: 'group:default/platform' },
          payload: {
            title: 'prod-kops: Kubernetes upgrades are critical',
            description: expect.stringMatching(
              /^Kubernetes upgrades of prod-kops turned critical\. Kubernetes 1\.29 reached end of life on 2025-02-28/,
            ),
            link: '/catalog/default/resource/prod-kops/orchestration',
            severity: 'critical',
            topic: 'orchestration',
            scope:
              'orchestration:obligation-critical:resource:default/prod-kops:kubernetes-upgrades',
          },
        });
        const service = first.find(
          s =>
            s.payload.scope ===
            'orchestration:end-of-support:component:default/gpu-render:1.29',
        )!;
        expect(service.recipients).toEqual({
          type: 'entity',
          entityRef: 'group:default/media-rendering',
        });
        expect(service.payload).toMatchObject({
          title: 'gpu-render: support for Kubernetes 1.29 ended on 2025-02-28',
          link: '/catalog/default/component/gpu-render/orchestration',
          severity: 'critical',
        });

        // The same refresh again: nothing new to tell.
        await ctx.refresh();
        expect(ctx.notifications.state.sent).toHaveLength(AT_START.length);

        // An exemption ending in 20 days, then a week later (nothing else
        // changed in the catalog) in 13: told once, then once more when it
        // has ended, and the row of the first forgotten.
        const exemption = await ctx.review('content-api', {
          kind: 'exempt',
          justification: 'Contract freeze until the end of the year',
          expiresOn: '2026-12-18',
        });
        await ctx.refresh();
        expect(ctx.notifications.state.sent).toHaveLength(AT_START.length);
        jest.setSystemTime(new Date(START.getTime() + 7 * DAY_MS));
        await ctx.refresh();
        await ctx.refresh();
        const expiring = ctx.notifications.state.sent.slice(AT_START.length);
        expect(told(expiring)).toEqual([
          `exemption-expiring:component:default/content-api:${exemption}`,
        ]);
        expect(expiring[0]).toMatchObject({
          recipients: {
            type: 'entity',
            entityRef: 'group:default/web-content',
          },
          payload: {
            title: 'Content API: the exemption ends in 13 days',
            link: '/catalog/default/component/content-api/orchestration',
            severity: 'normal',
          },
        });
        // On 2026-12-18 the exemption has ended, and so has prod-kops's
        // certificate (2026-12-15): both told, once.
        jest.setSystemTime(new Date('2026-12-18T08:00:00Z'));
        await ctx.refresh();
        await ctx.refresh();
        const later = [
          `exemption-expired:component:default/content-api:${exemption}`,
          'obligation-critical:component:default/gpu-render:certificate-rotation',
          'obligation-critical:component:default/legacy-web:certificate-rotation',
          'obligation-critical:resource:default/prod-kops:certificate-rotation',
        ];
        expect(
          told(ctx.notifications.state.sent.slice(AT_START.length + 1)),
        ).toEqual(later);
        const rows = await new NotificationTable(knex).list();
        expect(
          rows.map(r => `${r.kind}:${r.entityRef}:${r.key}`).sort(),
        ).toEqual([...AT_START, ...later].sort());

        // prod-kops upgraded to a supported minor: its upgrade occurrences
        // resolve; back on 1.29, they are told again.
        const sentBefore = ctx.notifications.state.sent.length;
        ctx.catalog.state.entities = withCluster(
          prodKopsWith({
            'orchestration.io/kubernetes-version': '1.36.1',
            'orchestration.io/oldest-node-version': '1.36',
          }),
        );
        await ctx.refresh();
        expect(
          (await new NotificationTable(knex).list())
            .filter(r => r.entityRef.includes('prod-kops'))
            .map(r => `${r.kind}:${r.key}`),
        ).toEqual([
          'obligation-critical:certificate-rotation',
          'obligation-critical:etcd-backups',
        ]);
        ctx.catalog.state.entities = catalogEntities;
        await ctx.refresh();
        await ctx.refresh();
        expect(
          told(ctx.notifications.state.sent.slice(sentBefore)).filter(t =>
            t.includes('resource:default/prod-kops'),
          ),
        ).toEqual([
          'end-of-support:resource:default/prod-kops:1.29',
          'obligation-critical:resource:default/prod-kops:kubernetes-upgrades',
        ]);
      } finally {
        await ctx.backend.stop();
      }
    });

    it('tells each occurrence once when two replicas of one database refresh', async () => {
      const knex = await databases.init(databaseId);
      const catalog = switchableCatalog(catalogEntities);
      const replicas = [
        await start(knex, { catalog }),
        await start(knex, { catalog }),
      ];
      try {
        for (let round = 0; round < 3; round++) {
          await Promise.all(replicas.map(r => r.refresh()));
        }
        for (const replica of replicas) await replica.refresh();
        const all = replicas.flatMap(r => r.notifications.state.sent);
        expect(told(all)).toEqual(
          told(all).filter((t, i, list) => list.indexOf(t) === i),
        );
        expect(told(all)).toEqual(
          expect.arrayContaining([
            'obligation-critical:resource:default/prod-kops:kubernetes-upgrades',
          ]),
        );
      } finally {
        await Promise.all(replicas.map(r => r.backend.stop()));
      }
    });

    it('keeps refreshing when notifications cannot be sent, and tells them later', async () => {
      const knex = await databases.init(databaseId);
      const notifications = capturedNotifications();
      notifications.state.failing = true;
      const ctx = await start(knex, { notifications });
      try {
        const result = await ctx.refresh();
        expect(result.lastRun.status).toBe('complete');
        expect(ctx.logger.warn).toHaveBeenCalledWith(
          expect.stringMatching(
            /^Orchestration notifications: could not tell group:default\/\S+ about \S+ \(\S+\); the next refresh tries again/,
          ),
        );
        expect(await new NotificationTable(knex).list()).toEqual([]);

        notifications.state.failing = false;
        await ctx.refresh();
        expect(notifications.state.sent.length).toBeGreaterThan(0);
        const count = notifications.state.sent.length;
        await ctx.refresh();
        expect(notifications.state.sent).toHaveLength(count);
      } finally {
        await ctx.backend.stop();
      }
    });

    it('tells the others when one notification is refused, and that one at the next refresh', async () => {
      const knex = await databases.init(databaseId);
      const notifications = capturedNotifications();
      const refused =
        'orchestration:obligation-critical:resource:default/prod-kops:kubernetes-upgrades';
      notifications.state.refuses = o => o.payload.scope === refused;
      const ctx = await start(knex, { notifications });
      try {
        await ctx.refresh();
        expect(told(notifications.state.sent)).toEqual(
          AT_START.filter(t => `orchestration:${t}` !== refused),
        );
        notifications.state.refuses = () => false;
        await ctx.refresh();
        await ctx.refresh();
        expect(told(notifications.state.sent)).toEqual(AT_START);
      } finally {
        await ctx.backend.stop();
      }
    });

    it.each([
      [{ enabled: false }, 0],
      [{ kinds: { 'obligation-critical': false, 'end-of-support': false } }, 0],
      [{ kinds: { 'end-of-support': false } }, 6],
      [{ maxPerRefresh: 2 }, 2],
    ])('follows the configuration %j', async (notificationsConfig, count) => {
      const knex = await databases.init(databaseId);
      const ctx = await start(knex, {
        config: { notifications: notificationsConfig },
      });
      try {
        await ctx.refresh();
        expect(ctx.notifications.state.sent).toHaveLength(count);
      } finally {
        await ctx.backend.stop();
      }
    });
  });
});
