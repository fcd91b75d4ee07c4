import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { catalogEntities, PLATFORM_USER } from '../__fixtures__/catalog';
import {
  permissionsMock,
  serviceHeader,
  startOrchestration,
  userHeader,
} from '../__testUtils__/testBackend';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(60_000);

const base = '/api/orchestration';
const INTERNAL_URL = 'http://catalog.internal.example:7007/api/catalog';

type Mode = 'up' | 'hang' | 'refuse';

/** A catalog that answers, never answers, or refuses with an error naming its internal URL. */
function flakyCatalog() {
  const real = catalogServiceMock({ entities: catalogEntities });
  const state = { mode: 'up' as Mode, calls: 0 };
  const gate = <T>(work: () => Promise<T>): Promise<T> => {
    state.calls += 1;
    if (state.mode === 'hang') return new Promise<T>(() => {});
    if (state.mode === 'refuse') {
      return Promise.reject(
        new Error(
          `request to ${INTERNAL_URL}/entities/by-query failed, reason: connect ECONNREFUSED 10.20.30.40:7007`,
        ),
      );
    }
    return work();
  };
  const catalog: Partial<CatalogService> = {
    queryEntities: (...args) => gate(() => real.queryEntities(...args)),
    getEntityByRef: (...args) => gate(() => real.getEntityByRef(...args)),
    getEntitiesByRefs: (...args) => gate(() => real.getEntitiesByRefs(...args)),
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

async function start(timeout: unknown = 300) {
  const flaky = flakyCatalog();
  const logger = mockServices.logger.mock();
  const backend = await startOrchestration({
    catalog: flaky.factory,
    config: { catalog: { timeout } },
    features: [permissionsMock().factory, logger.factory],
  });
  const server = backend.server;
  const as = (user: string) => ({
    get: (path: string) =>
      request(server)
        .get(`${base}${path}`)
        .set('Authorization', userHeader(user))
        .timeout(5_000),
    post: (path: string, body?: object) =>
      request(server)
        .post(`${base}${path}`)
        .set('Authorization', userHeader(user))
        .timeout(5_000)
        .send(body),
  });
  const refresh = () =>
    request(server)
      .post(`${base}/v1/snapshot/refresh?wait=true`)
      .set('Authorization', serviceHeader())
      .timeout(5_000);
  return { backend, flaky, logger, user: as(PLATFORM_USER), refresh };
}

const assessment = '/v1/entities/component/default/content-api/assessment';
const reviews = '/v1/entities/component/default/content-api/reviews';

describe('a catalog that stops answering', () => {
  const databases = createTestDatabases();

  it('answers 503 within the timeout, and serves again once the catalog is back', async () => {
    const { backend, flaky, user, refresh } = await start();
    try {
      expect((await refresh()).body.snapshot.stale).toBe(false);

      flaky.state.mode = 'hang';
      const started = Date.now();
      const live = await user.get(assessment);
      expect(live.status).toBe(503);
      expect(live.body.error.name).toBe('ServiceUnavailableError');
      expect(live.body.error.message).toMatch(
        /The catalog did not answer within 0\.3 s/,
      );
      expect(Date.now() - started).toBeLessThan(2_000);

      const review = await user.post(reviews, {
        decision: { kind: 'accept' },
      });
      expect(review.status).toBe(503);

      // The refresh fails after the timeout; the list keeps the last good rows, marked stale.
      const failed = await refresh();
      expect(failed.status).toBe(202);
      expect(failed.body.snapshot.stale).toBe(true);
      expect(failed.body.lastRun).toMatchObject({ status: 'failed' });
      const list = await user.get('/v1/assessments');
      expect(list.status).toBe(200);
      expect(list.body.snapshot.stale).toBe(true);
      expect(list.body.items).toHaveLength(3);

      // The catalog recovers: nothing stays wedged on the calls that never answered.
      flaky.state.mode = 'up';
      expect((await user.get(assessment)).status).toBe(200);
      expect(
        (await user.post(reviews, { decision: { kind: 'accept' } })).status,
      ).toBe(201);
      const recovered = await refresh();
      expect(recovered.body.lastRun).toMatchObject({ status: 'complete' });
      expect(recovered.body.snapshot.stale).toBe(false);
      expect((await user.get('/v1/assessments')).body.snapshot.stale).toBe(
        false,
      );
    } finally {
      await backend.stop();
    }
  });

  it('marks the snapshot stale as soon as a refresh times out, before any request notices', async () => {
    const { backend, flaky, user, refresh } = await start();
    try {
      await refresh();
      flaky.state.mode = 'hang';
      // Started without waiting, as the schedule does; no per-entity request runs meanwhile.
      const res = await request(backend.server)
        .post(`${base}/v1/snapshot/refresh`)
        .set('Authorization', serviceHeader());
      expect(res.status).toBe(202);
      const started = Date.now();
      let list = await user.get('/v1/assessments');
      while (!list.body.snapshot.stale && Date.now() - started < 2_000) {
        await new Promise(resolve => setTimeout(resolve, 25));
        list = await user.get('/v1/assessments');
      }
      expect(list.body.snapshot.stale).toBe(true);
      expect(list.body.snapshot.staleReason).toMatch(
        /The last refresh failed at .*: The catalog did not answer within 0\.3 s/,
      );
      expect(list.body.items).toHaveLength(3);
    } finally {
      await backend.stop();
    }
  });

  it('stays stale in every replica while a retry runs, until a refresh completes', async () => {
    const knex = await databases.init('SQLITE_3');
    const flaky = flakyCatalog();
    const worker = await startOrchestration({
      knex,
      catalog: flaky.factory,
      config: { catalog: { timeout: '1s' } },
    });
    const reader = await startOrchestration({ knex });
    const list = () =>
      request(reader.server)
        .get(`${base}/v1/assessments`)
        .set('Authorization', userHeader(PLATFORM_USER));
    const refresh = (wait: boolean) =>
      request(worker.server)
        .post(`${base}/v1/snapshot/refresh?wait=${wait}`)
        .set('Authorization', serviceHeader());
    try {
      expect((await refresh(true)).body.lastRun.status).toBe('complete');
      flaky.state.mode = 'hang';
      expect((await refresh(true)).body.lastRun.status).toBe('failed');
      expect((await list()).body.snapshot.stale).toBe(true);

      // The next run starts and hangs on the catalog: the other replica still says stale.
      expect((await refresh(false)).body.lastRun.status).toBe('running');
      const during = await list();
      expect(during.body.snapshot.stale).toBe(true);
      expect(during.body.snapshot.staleReason).toMatch(
        /The catalog did not answer within 1 s/,
      );
      expect(during.body.items).toHaveLength(3);

      flaky.state.mode = 'up';
      // The retry fails on its timeout; the one after completes.
      await refresh(true);
      expect((await refresh(true)).body.lastRun.status).toBe('complete');
      expect((await list()).body.snapshot.stale).toBe(false);
    } finally {
      await worker.stop();
      await reader.stop();
    }
  });

  it('never shows the catalog’s internal address, and logs the full error', async () => {
    const { backend, flaky, user, refresh, logger } = await start();
    try {
      await refresh();
      flaky.state.mode = 'refuse';
      const live = await user.get(assessment);
      expect(live.status).toBe(503);
      const failed = await refresh();
      const list = await user.get('/v1/assessments');
      const snapshot = await user.get('/v1/snapshot');
      for (const text of [live.text, failed.text, list.text, snapshot.text]) {
        expect(text).not.toMatch(/https?:|catalog\.internal|10\.20\.30\.40/);
      }
      expect(live.body.error.message).toMatch(
        /The catalog could not be reached/,
      );
      expect(snapshot.body.snapshot.stale).toBe(true);
      expect(snapshot.body.lastRun.error).toMatch(/could not be reached/);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/catalog/i),
        expect.objectContaining({
          message: expect.stringContaining(INTERNAL_URL),
        }),
      );
    } finally {
      await backend.stop();
    }
  });

  it.each([
    ['2s', 'a Backstage duration string'],
    [{ seconds: 2 }, 'a duration object'],
    ['PT2S', 'an ISO duration'],
    [2000, 'milliseconds'],
  ])('accepts the timeout as %p (%s)', async (timeout, _form) => {
    const { backend, refresh } = await start(timeout);
    try {
      expect((await refresh()).body.lastRun.status).toBe('complete');
    } finally {
      await backend.stop();
    }
  });
});
