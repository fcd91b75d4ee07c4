import request from 'supertest';
import {
  PLATFORM_USER,
  component,
  catalogEntities,
} from '../__fixtures__/catalog';
import {
  serviceHeader,
  startOrchestration,
  userHeader,
} from '../__testUtils__/testBackend';
import { createTestDatabases } from '../__testUtils__/databases';
import { OrchestrationStore } from '../services/Store';

jest.setTimeout(180_000);

const base = '/api/orchestration';
const path = `${base}/v1/entities/component/default/content-api/reviews`;

describe('durability', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'stores 1,000 concurrent reviews and keeps them across a restart, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const first = await startOrchestration({ knex });
      const results = await Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          request(first.server)
            .post(path)
            .set('Authorization', userHeader(PLATFORM_USER))
            .send({ decision: { kind: 'accept', comment: `review ${i}` } })
            .then(res => res.status),
        ),
      );
      expect(results.filter(status => status !== 201)).toEqual([]);
      const stored = await request(first.server)
        .get(path)
        .set('Authorization', userHeader(PLATFORM_USER));
      // The API answers a page of the newest 50, and the rest page by page.
      expect(stored.body.items).toHaveLength(50);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await request(first.server)
          .get(`${path}?limit=200${cursor ? `&cursor=${cursor}` : ''}`)
          .set('Authorization', userHeader(PLATFORM_USER));
        expect(page.status).toBe(200);
        paged.push(...page.body.items.map((r: { id: string }) => r.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(paged).toHaveLength(1000);
      expect(new Set(paged).size).toBe(1000);
      expect(paged.slice(0, 50)).toEqual(
        stored.body.items.map((r: { id: string }) => r.id),
      );
      const rows = await knex('orchestration_reviews').select('id', 'decision');
      expect(rows).toHaveLength(1000);
      expect(new Set(rows.map(r => r.id)).size).toBe(1000);
      expect(new Set(rows.map(r => JSON.parse(r.decision).comment)).size).toBe(
        1000,
      );
      await first.stop();

      const second = await startOrchestration({ knex });
      const again = await request(second.server)
        .get(path)
        .set('Authorization', userHeader(PLATFORM_USER));
      expect(again.status).toBe(200);
      expect(again.body.items).toEqual(stored.body.items);
      expect(await knex('orchestration_reviews').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
      expect(
        Number((await knex('orchestration_reviews').count({ n: '*' }))[0].n),
      ).toBe(1000);
      await second.stop();
    },
  );

  it.each(databases.eachSupportedId())(
    'appends history only when an assessment changes, and prunes it, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const refresh = async (entities: typeof catalogEntities) => {
        const backend = await startOrchestration({ knex, entities });
        const res = await request(backend.server)
          .post(`${base}/v1/snapshot/refresh?wait=true`)
          .set('Authorization', serviceHeader());
        expect(res.status).toBe(202);
        const list = await request(backend.server)
          .get(`${base}/v1/assessments`)
          .set('Authorization', userHeader(PLATFORM_USER));
        const history = await request(backend.server)
          .get(`${base}/v1/entities/component/default/moving/history`)
          .set('Authorization', userHeader(PLATFORM_USER));
        await backend.stop();
        return { list: list.body, history: history.body };
      };
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

      const one = await refresh([...catalogEntities, moving('aws-only')]);
      expect(one.history.items).toHaveLength(1);
      expect(one.list.totalItems).toBe(4);

      const two = await refresh([...catalogEntities, moving('aws-only')]);
      expect(two.history.items).toHaveLength(1);

      const three = await refresh([...catalogEntities, moving('multi-cloud')]);
      expect(three.history.items).toHaveLength(2);
      expect(three.history.items[0].changes.length).toBeGreaterThan(0);

      // A Component that left the catalog leaves the snapshot.
      const four = await refresh(catalogEntities);
      expect(four.list.totalItems).toBe(3);

      const store = new OrchestrationStore(knex);
      const pruned = await store.prune('2999-01-01T00:00:00.000Z');
      expect(pruned.history).toBeGreaterThan(0);
      // The newest entry of each entity is kept.
      expect(await store.getHistory('component:default/moving')).toHaveLength(
        1,
      );
      expect(await store.lastCompleteSnapshot()).toBeDefined();
    },
  );
});
