import {
  decisionInForce,
  ReviewDecision,
  ReviewRecord,
} from '@orchestration/plugin-orchestration-common';
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
import { OrchestrationStore, parseListQuery } from '../services/Store';

jest.setTimeout(120_000);

const base = '/api/orchestration';
// Far from today in either direction, so the tests hold on any day.
const PAST = '2000-01-01';
const FUTURE = '2999-01-01';

const accept: ReviewDecision = { kind: 'accept' };
const keep: ReviewDecision = { kind: 'keep-current', comment: 'later' };
const exempt = (expiresOn: string): ReviewDecision => ({
  kind: 'exempt',
  justification: 'vendor appliance',
  expiresOn,
});

/** Reviews of each Component, oldest first, and which is in force (index; null: none). */
const CASES: Array<[string, ReviewDecision[], number | null]> = [
  ['no-reviews', [], null],
  ['accepted', [accept], 0],
  ['newest-wins', [accept, keep], 1],
  ['running-exemption', [keep, exempt(FUTURE)], 1],
  ['expired-exemption', [keep, exempt(PAST)], 0],
  ['only-expired', [exempt(PAST)], null],
  [
    'expired-over-running',
    [accept, exempt(FUTURE), exempt(PAST), exempt('2001-01-01')],
    1,
  ],
];

const entities = [
  ...catalogEntities,
  ...CASES.map(([name]) =>
    component(
      name,
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/current-platform': 'ecs-fargate',
      },
      { owner: 'web-content' },
    ),
  ),
];

describe('the decision in force on each list and export row', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'follows decisionInForce, one reviews query per page, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startOrchestration({ knex, entities });
      try {
        const store = new OrchestrationStore(knex);
        const expected = new Map<string, ReviewRecord | null>();
        let n = 0;
        for (const [name, decisions, inForce] of CASES) {
          const records: ReviewRecord[] = [];
          for (const decision of decisions) {
            const record: ReviewRecord = {
              id: `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`,
              entityRef: `component:default/${name}`,
              decision,
              reviewer: PLATFORM_USER,
              createdAt: '2026-11-01T00:00:00.000Z',
            };
            // Stored directly: the API refuses exemptions that have expired.
            await store.addReview(record);
            records.unshift(record);
          }
          const want =
            inForce === null ? null : records[records.length - 1 - inForce];
          expect(decisionInForce(records, new Date())).toEqual(want);
          expected.set(`component:default/${name}`, want);
        }
        for (const name of ['content-api', 'gpu-render', 'legacy-web']) {
          expected.set(`component:default/${name}`, null);
        }
        const refresh = await request(backend.server)
          .post(`${base}/v1/snapshot/refresh?wait=true`)
          .set('Authorization', serviceHeader());
        expect(refresh.body.lastRun.status).toBe('complete');

        // Through the API, page by page.
        const seen = new Map<string, ReviewRecord | null>();
        let cursor: string | null = null;
        do {
          const res: request.Response = await request(backend.server)
            .get(
              `${base}/v1/assessments?limit=4${
                cursor ? `&cursor=${cursor}` : ''
              }`,
            )
            .set('Authorization', userHeader(PLATFORM_USER));
          expect(res.status).toBe(200);
          for (const item of res.body.items) {
            seen.set(item.entityRef, item.inForce);
          }
          cursor = res.body.nextCursor;
        } while (cursor);
        expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(expected));

        // One query of the reviews per page, whatever its size.
        const reviewQueries: string[] = [];
        const onQuery = (query: { sql: string }) => {
          if (query.sql.includes('orchestration_reviews')) {
            reviewQueries.push(query.sql);
          }
        };
        knex.on('query', onQuery);
        try {
          const page = await store.listAssessments(
            parseListQuery({ limit: '200' }),
          );
          expect(page.items).toHaveLength(expected.size);
          expect(reviewQueries).toHaveLength(1);
          expect(
            Object.fromEntries(page.items.map(i => [i.entityRef, i.inForce])),
          ).toEqual(Object.fromEntries(expected));

          // The export: one query per chunk.
          reviewQueries.length = 0;
          const exported = new Map<string, ReviewRecord | null>();
          let chunks = 0;
          for await (const rows of store.exportAssessments({}, undefined, {
            chunk: 4,
          })) {
            chunks += 1;
            for (const row of rows) exported.set(row.entity_ref, row.inForce);
          }
          expect(Object.fromEntries(exported)).toEqual(
            Object.fromEntries(expected),
          );
          expect(reviewQueries).toHaveLength(chunks);
        } finally {
          knex.removeListener('query', onQuery);
        }
      } finally {
        await backend.stop();
      }
    },
  );
});
