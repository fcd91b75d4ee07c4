import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { catalogEntities, component } from '../__fixtures__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  serviceHeader,
  startOrchestration,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const base = '/api/orchestration';

/** The fixture catalog plus enough annotated Components for several pages of 4. */
function catalog(): Entity[] {
  return [
    ...structuredClone(catalogEntities),
    ...Array.from({ length: 10 }, (_, i) =>
      component(
        `extra-${String(i).padStart(2, '0')}`,
        {
          'orchestration.io/workload-type': 'api',
          'orchestration.io/current-platform': 'eks',
        },
        { owner: 'web-content' },
      ),
    ),
  ];
}

function setCurrentPlatform(entities: Entity[], name: string, value: string) {
  const entity = entities.find(e => e.metadata.name === name)!;
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    'orchestration.io/current-platform': value,
  };
}

/** A cursor as this API issued them before cursors named their generation. */
function cursorWithoutGeneration(entityRef: string): string {
  return Buffer.from(
    JSON.stringify(['name', 'asc', entityRef.split('/')[1], entityRef]),
  ).toString('base64url');
}

describe('list cursors across snapshot refreshes', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'page through the generation they were issued for, and are a 409 once it is gone, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const entities = catalog();
      const backend = await startOrchestration({ knex, entities });
      const list = (query: string) =>
        request(backend.server)
          .get(`${base}/v1/assessments?sort=name&order=asc&limit=4${query}`)
          .set('Authorization', serviceHeader());
      const refresh = async () =>
        expect(
          (
            await request(backend.server)
              .post(`${base}/v1/snapshot/refresh?wait=true`)
              .set('Authorization', serviceHeader())
          ).status,
        ).toBe(202);
      const platformOf = (res: request.Response, name: string) =>
        res.body.items.find((i: { name: string }) => i.name === name)
          ?.currentPlatform;
      try {
        await refresh();
        const first = await list('');
        expect(first.status).toBe(200);
        expect(first.body.items.map((i: { name: string }) => i.name)).toEqual([
          'content-api',
          'extra-00',
          'extra-01',
          'extra-02',
        ]);

        // A refresh in which a Component of the second page changed.
        setCurrentPlatform(entities, 'extra-04', 'ecs-fargate');
        await refresh();

        // The next page comes from the generation of the first page: the
        // old platform, the same count, facets and snapshot.
        const second = await list(`&cursor=${first.body.nextCursor}`);
        expect(second.status).toBe(200);
        expect(second.body.items.map((i: { name: string }) => i.name)).toEqual([
          'extra-03',
          'extra-04',
          'extra-05',
          'extra-06',
        ]);
        expect(platformOf(second, 'extra-04')).toBe('eks');
        expect(second.body.totalItems).toBe(first.body.totalItems);
        expect(second.body.facets).toEqual(first.body.facets);
        expect(second.body.snapshot.refreshedAt).toBe(
          first.body.snapshot.refreshedAt,
        );

        // A new read starts in the generation served now, and so do its pages.
        const fresh = await list('');
        expect(fresh.body.snapshot.refreshedAt).not.toBe(
          first.body.snapshot.refreshedAt,
        );
        expect(fresh.body.facets.currentPlatform['ecs-fargate']).toBe(
          first.body.facets.currentPlatform['ecs-fargate'] + 1,
        );
        const freshSecond = await list(`&cursor=${fresh.body.nextCursor}`);
        expect(platformOf(freshSecond, 'extra-04')).toBe('ecs-fargate');

        // One more refresh: the first read's generation is deleted, so its
        // cursor is a 409 that says to start again; the second read's
        // generation is still stored and its cursor still pages through it.
        await refresh();
        const gone = await list(`&cursor=${second.body.nextCursor}`);
        expect(gone.status).toBe(409);
        expect(gone.body.error.name).toBe('ConflictError');
        expect(gone.body.error.message).toMatch(
          /the snapshot this cursor pages through was replaced by refreshes since the first page.*start again from the first page/i,
        );
        const kept = await list(`&cursor=${freshSecond.body.nextCursor}`);
        expect(kept.status).toBe(200);
        expect(kept.body.snapshot.refreshedAt).toBe(
          fresh.body.snapshot.refreshedAt,
        );

        // Cursors issued before cursors named their generation page through
        // the generation served.
        const legacy = await list(
          `&cursor=${cursorWithoutGeneration('component:default/extra-02')}`,
        );
        expect(legacy.status).toBe(200);
        expect(legacy.body.items[0].name).toBe('extra-03');
        expect(legacy.body.snapshot.refreshedAt).not.toBe(
          fresh.body.snapshot.refreshedAt,
        );
      } finally {
        await backend.stop();
      }
    },
  );
});
