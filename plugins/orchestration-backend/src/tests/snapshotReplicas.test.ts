import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Server } from 'node:http';
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

jest.setTimeout(300_000);

const base = '/api/orchestration';
const ROUNDS = 30;
const READERS = 4;
const PAGE = 4;

/** The fixture catalog plus enough annotated Components for several pages. */
const entities: Entity[] = [
  ...catalogEntities,
  ...Array.from({ length: 10 }, (_, i) =>
    component(
      `extra-${String(i).padStart(2, '0')}`,
      {
        'orchestration.io/workload-type': i % 2 ? 'api' : 'worker',
        'orchestration.io/portability': i % 3 ? 'aws-only' : 'multi-cloud',
        'orchestration.io/current-platform': i % 2 ? 'ecs-fargate' : 'eks',
      },
      { owner: 'web-content' },
    ),
  ),
];
/** content-api, gpu-render, legacy-web and the extras; `plain` is not annotated. */
const ANNOTATED = 13;

/**
 * The catalog, answering each query after a few milliseconds as a real one
 * over the network does, so refreshes of two replicas overlap in time.
 */
function slowCatalog() {
  const real = catalogServiceMock({ entities });
  const later = <T>(work: () => Promise<T>) =>
    new Promise<T>((resolve, reject) =>
      setTimeout(() => work().then(resolve, reject), 3),
    );
  const catalog: Partial<CatalogService> = {
    queryEntities: (...args) => later(() => real.queryEntities(...args)),
    getEntityByRef: (...args) => later(() => real.getEntityByRef(...args)),
    getEntitiesByRefs: (...args) =>
      later(() => real.getEntitiesByRefs(...args)),
  };
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => catalog as CatalogService,
  });
}

const sum = (counts: Record<string, number>) =>
  Object.values(counts).reduce((a, b) => a + b, 0);

interface ReadOutcome {
  pages: number;
  empty: boolean;
  problems: string[];
}

/**
 * Pages through the whole list once and says what did not add up. A cursor
 * whose generation two refreshes deleted meanwhile is a 409: like the UI,
 * the read then starts again from the first page (a few times at most).
 */
async function readAll(server: Server): Promise<ReadOutcome> {
  const problems: string[] = [];
  let seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let total: number | undefined;
  let empty = false;
  let restarts = 0;
  let again = false;
  /** When the snapshot of the first page was refreshed: every page reads it. */
  let refreshedAt: string | undefined;
  do {
    again = false;
    const res: request.Response = await request(server)
      .get(
        `${base}/v1/assessments?limit=${PAGE}${
          cursor ? `&cursor=${cursor}` : ''
        }`,
      )
      .set('Authorization', userHeader(PLATFORM_USER));
    if (res.status === 409 && cursor && restarts < 5) {
      restarts += 1;
      seen = [];
      cursor = null;
      pages = 0;
      total = undefined;
      refreshedAt = undefined;
      again = true;
      continue;
    }
    if (res.status !== 200) {
      problems.push(`status ${res.status}: ${res.text.slice(0, 200)}`);
      break;
    }
    pages += 1;
    const { items, totalItems, facets, snapshot } = res.body;
    if (totalItems === 0 || items.length === 0) empty = true;
    if (total !== undefined && total !== totalItems) {
      problems.push(`totalItems changed from ${total} to ${totalItems}`);
    }
    total = totalItems;
    for (const [facet, counts] of Object.entries(facets)) {
      const n =
        facet === 'migration'
          ? (counts as any).candidates + (counts as any).none
          : sum(counts as Record<string, number>);
      if (n !== totalItems) {
        problems.push(`facet ${facet} adds up to ${n}, not ${totalItems}`);
      }
    }
    if (snapshot.stale) problems.push(`stale: ${snapshot.staleReason}`);
    if (refreshedAt !== undefined && snapshot.refreshedAt !== refreshedAt) {
      problems.push(
        `a page of the snapshot of ${snapshot.refreshedAt} after one of ${refreshedAt}`,
      );
    }
    refreshedAt = snapshot.refreshedAt;
    if (snapshot.entityCount !== totalItems) {
      problems.push(
        `snapshot.entityCount ${snapshot.entityCount} but totalItems ${totalItems}`,
      );
    }
    seen.push(...items.map((i: { entityRef: string }) => i.entityRef));
    cursor = res.body.nextCursor;
  } while (cursor || again);
  if (total !== undefined && seen.length !== total) {
    problems.push(`${seen.length} items over all pages, totalItems ${total}`);
  }
  if (new Set(seen).size !== seen.length) problems.push('an item repeated');
  if (total !== undefined && total !== ANNOTATED && !empty) {
    problems.push(`totalItems ${total}, expected ${ANNOTATED}`);
  }
  return { pages, empty, problems };
}

describe('snapshot refreshes on two replicas of one database', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'never serve an empty or inconsistent list, nor record empty history, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // Small catalog pages: each refresh writes in several batches.
      const replica = () =>
        startOrchestration({
          knex,
          catalog: slowCatalog(),
          config: { snapshot: { pageSize: 4 } },
        });
      const replicas = [await replica(), await replica()];
      const refresh = (server: Server) =>
        request(server)
          .post(`${base}/v1/snapshot/refresh?wait=true`)
          .set('Authorization', serviceHeader());
      try {
        // A first complete snapshot, so every later read has data to show.
        expect((await refresh(replicas[0].server)).status).toBe(202);

        let done = false;
        const outcomes: ReadOutcome[] = [];
        const readers = Array.from({ length: READERS }, async (_, i) => {
          const server = replicas[i % 2].server;
          while (!done) outcomes.push(await readAll(server));
        });
        for (let round = 0; round < ROUNDS; round++) {
          const answers = await Promise.all(
            replicas.map(r => refresh(r.server)),
          );
          expect(answers.map(a => a.status)).toEqual([202, 202]);
        }
        done = true;
        await Promise.all(readers);

        const empty = outcomes.filter(o => o.empty).length;
        const inconsistent = outcomes.filter(o => o.problems.length > 0);
        expect(outcomes.length).toBeGreaterThan(ROUNDS);
        expect({
          empty,
          inconsistent: inconsistent.length,
          examples: inconsistent.slice(0, 3).map(o => o.problems),
        }).toEqual({ empty: 0, inconsistent: 0, examples: [] });

        // No run was left running, and no two ran at once.
        const runs = await knex('orchestration_snapshots')
          .select('id', 'started_at', 'completed_at', 'status')
          .orderBy('id');
        expect(runs.filter(r => r.status !== 'complete')).toEqual([]);
        const byStart = [...runs].sort((a, b) =>
          a.started_at < b.started_at ? -1 : 1,
        );
        for (let i = 1; i < byStart.length; i++) {
          expect(byStart[i].started_at >= byStart[i - 1].completed_at).toBe(
            true,
          );
        }

        // History: one first entry per Component, nothing with no change.
        const history = await knex('orchestration_history').select(
          'entity_ref',
          'changes',
        );
        expect(history).toHaveLength(ANNOTATED);
        expect(new Set(history.map(h => h.entity_ref)).size).toBe(ANNOTATED);

        const final = await readAll(replicas[1].server);
        expect(final).toEqual({ pages: 4, empty: false, problems: [] });
      } finally {
        await Promise.all(replicas.map(r => r.stop()));
      }
    },
  );
});
