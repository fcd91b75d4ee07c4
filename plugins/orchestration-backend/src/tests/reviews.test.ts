import {
  decisionInForce,
  ReviewDecision,
  ReviewRecord,
} from '@orchestration/plugin-orchestration-common';
import request from 'supertest';
import { PLATFORM_USER } from '../__fixtures__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import { startOrchestration, userHeader } from '../__testUtils__/testBackend';
import { OrchestrationStore } from '../services/Store';
import { encodePageCursor } from '../services/Store/pageQuery';

jest.setTimeout(120_000);

const base = '/api/orchestration/v1/entities/component/default';
const reviewsOf = (name: string) => `${base}/${name}/reviews`;
const historyOf = (name: string) => `${base}/${name}/history`;

// Far from today in either direction, so the tests hold on any day.
const PAST = '2000-01-01';
const FUTURE = '2999-01-01';

describe('reviews', () => {
  const databases = createTestDatabases();

  async function start(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const backend = await startOrchestration({ knex });
    const post = (
      body: unknown,
      options: { key?: string; name?: string; raw?: boolean } = {},
    ) => {
      const req = request(backend.server)
        .post(reviewsOf(options.name ?? 'content-api'))
        .set('Authorization', userHeader(PLATFORM_USER));
      if (options.key !== undefined) req.set('Idempotency-Key', options.key);
      if (options.raw) req.set('Content-Type', 'application/json');
      return req.send(body as object);
    };
    const get = (path: string) =>
      request(backend.server)
        .get(path)
        .set('Authorization', userHeader(PLATFORM_USER));
    const count = async (entityRef = 'component:default/content-api') =>
      Number(
        (
          await knex('orchestration_reviews')
            .where({ entity_ref: entityRef })
            .count({ n: '*' })
        )[0].n,
      );
    return { knex, backend, post, get, count };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let ctx: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      ctx = await start(databaseId);
    });
    afterAll(async () => {
      await ctx.backend.stop();
    });
    beforeEach(async () => {
      await ctx.knex('orchestration_reviews').delete();
      await ctx.knex('orchestration_history').delete();
    });

    describe('validation', () => {
      it.each([
        [
          { kind: 'migrate', targetPlatform: 'eks', dueDate: '1999-01-01' },
          /decision\.dueDate: dueDate must be today \(\d{4}-\d{2}-\d{2}, UTC\) or later; got 1999-01-01/,
        ],
        [
          { kind: 'migrate', targetPlatform: 'eks', dueDate: '0000-01-01' },
          /dueDate must be today .* or later; got 0000-01-01/,
        ],
        [
          { kind: 'exempt', justification: 'Vendor', expiresOn: PAST },
          /decision\.expiresOn: expiresOn must be after today \(\d{4}-\d{2}-\d{2}, UTC\)/,
        ],
      ])('refuses %j with a 400', async (decision, message) => {
        const res = await ctx.post({ decision });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
        expect(await ctx.count()).toBe(0);
      });

      it('stores an assessedAt padded with spaces trimmed', async () => {
        const padding = ' '.repeat(60);
        const res = await ctx.post({
          decision: { kind: 'accept' },
          // Leading spaces: PostgreSQL cuts only trailing ones to fit.
          assessedAt: `${padding}2026-11-28T00:00:00.000Z${padding}`,
        });
        expect(res.status).toBe(201);
        expect(res.body.assessedAt).toBe('2026-11-28T00:00:00.000Z');
        expect(
          await ctx.knex('orchestration_reviews').pluck('assessed_at'),
        ).toEqual(['2026-11-28T00:00:00.000Z']);
      });

      it('stores the trimmed values it validated', async () => {
        const padding = ' '.repeat(60);
        const res = await ctx.post({
          entityRef: ` component:default/content-api${padding}`,
          decision: {
            kind: ' exempt',
            justification: `${padding}Vendor appliance\n`,
            expiresOn: `${FUTURE}${padding}`,
          },
          assessedAt: `${padding}2026-11-28T00:00:00Z${padding}`,
        });
        expect(res.status).toBe(201);
        const expected = {
          kind: 'exempt',
          justification: 'Vendor appliance',
          expiresOn: FUTURE,
        };
        expect(res.body).toMatchObject({
          decision: expected,
          assessedAt: '2026-11-28T00:00:00Z',
        });
        const [row] = await ctx.knex('orchestration_reviews').select();
        expect(JSON.parse(row.decision)).toEqual(expected);
        expect(row.assessed_at).toBe('2026-11-28T00:00:00Z');
        expect(row.decision_kind).toBe('exempt');
        expect(row.expires_on).toBe(FUTURE);
      });

      it.each([
        [
          '{"decision":{"kind":"accept"},"decision":{"kind":"exempt"}}',
          'decision',
        ],
        [
          '{"decision":{"kind":"accept","comment":"a","comment":"b"}}',
          'decision.comment',
        ],
        [
          '{"decision":{"kind":"accept","\\u006bind":"accept"}}',
          'decision.kind',
        ],
      ])('refuses the body %s, which repeats a key', async (body, key) => {
        const res = await ctx.post(body, { raw: true });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(
          `The request body has the key "${key}" more than once; send each key once`,
        );
        expect(await ctx.count()).toBe(0);
      });
    });

    describe('Idempotency-Key', () => {
      const decision = { kind: 'accept', comment: 'agreed' };

      it.each([
        ['empty', ''],
        ['too long', 'k'.repeat(201)],
        ['not ASCII', 'clé-1'],
      ])('refuses a key that is %s', async (_name, key) => {
        const res = await ctx.post({ decision }, { key });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(
          /Idempotency-Key must be 1 to 200 printable ASCII characters/,
        );
        expect(await ctx.count()).toBe(0);
      });

      it('stores a retry once and answers it with the stored review', async () => {
        const key = 'k'.repeat(200);
        const first = await ctx.post({ decision }, { key });
        expect(first.status).toBe(201);
        expect(first.headers['idempotent-replayed']).toBeUndefined();
        // The same body, written differently, is the same request.
        const retry = await ctx.post(
          '{ "decision": { "comment": " agreed ", "kind": "accept" } }',
          { key, raw: true },
        );
        expect(retry.status).toBe(200);
        expect(retry.headers['idempotent-replayed']).toBe('true');
        expect(retry.body).toEqual(first.body);
        expect(await ctx.count()).toBe(1);
        const [row] = await ctx.knex('orchestration_reviews').select();
        expect(row.idempotency_key).toBe(key);
      });

      it('refuses the same key with another body (409) and stores nothing', async () => {
        const first = await ctx.post({ decision }, { key: 'decision-1' });
        expect(first.status).toBe(201);
        const other = await ctx.post(
          { decision: { kind: 'keep-current', comment: 'no' } },
          { key: 'decision-1' },
        );
        expect(other.status).toBe(409);
        expect(other.body.error.message).toBe(
          `Idempotency-Key decision-1 was already used for another review of component:default/content-api (${first.body.id}); send the same body to get that review again, or a new key for a new decision`,
        );
        const assessed = await ctx.post(
          { decision, assessedAt: '2026-11-28T00:00:00Z' },
          { key: 'decision-1' },
        );
        expect(assessed.status).toBe(409);
        expect(await ctx.count()).toBe(1);
      });

      it('keeps keys apart per entity, and reviews without a key apart', async () => {
        const a = await ctx.post({ decision }, { key: 'same' });
        const b = await ctx.post(
          { decision },
          { key: 'same', name: 'legacy-web' },
        );
        expect([a.status, b.status]).toEqual([201, 201]);
        expect(a.body.id).not.toBe(b.body.id);
        const c = await ctx.post({ decision });
        const d = await ctx.post({ decision });
        expect([c.status, d.status]).toEqual([201, 201]);
        expect(await ctx.count()).toBe(3);
        expect(await ctx.count('component:default/legacy-web')).toBe(1);
      });

      it('stores one review for concurrent retries', async () => {
        const results = await Promise.all(
          Array.from({ length: 25 }, () =>
            ctx.post({ decision }, { key: 'concurrent-1' }),
          ),
        );
        expect(results.map(r => r.status).sort()).toEqual([
          ...Array(24).fill(200),
          201,
        ]);
        expect(new Set(results.map(r => r.body.id)).size).toBe(1);
        expect(await ctx.count()).toBe(1);
      });
    });

    describe('paging', () => {
      it('pages reviews newest first with limit and cursor', async () => {
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const res = await ctx.post({
            decision: { kind: 'accept', comment: `review ${i}` },
          });
          ids.unshift(res.body.id);
        }
        const seen: string[] = [];
        let cursor: string | null = null;
        const pages: number[] = [];
        do {
          const res = await ctx.get(
            `${reviewsOf('content-api')}?limit=2${
              cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
            }`,
          );
          expect(res.status).toBe(200);
          seen.push(...res.body.items.map((r: ReviewRecord) => r.id));
          pages.push(res.body.items.length);
          cursor = res.body.nextCursor;
        } while (cursor);
        expect(pages).toEqual([2, 2, 1]);
        expect(seen).toEqual(ids);

        const all = await ctx.get(reviewsOf('content-api'));
        expect(all.body.items.map((r: ReviewRecord) => r.id)).toEqual(ids);
        expect(all.body.nextCursor).toBeNull();
        const exact = await ctx.get(`${reviewsOf('content-api')}?limit=5`);
        expect(exact.body.nextCursor).toBeNull();
      });

      it('answers 50 reviews by default', async () => {
        const store = new OrchestrationStore(ctx.knex);
        for (let i = 0; i < 51; i++) {
          await store.addReview({
            id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            entityRef: 'component:default/content-api',
            decision: { kind: 'accept' },
            reviewer: PLATFORM_USER,
            createdAt: new Date().toISOString(),
          });
        }
        const res = await ctx.get(reviewsOf('content-api'));
        expect(res.body.items).toHaveLength(50);
        expect(res.body.items[0].id).toBe(
          '00000000-0000-4000-8000-000000000050',
        );
        const rest = await ctx.get(
          `${reviewsOf('content-api')}?cursor=${res.body.nextCursor}`,
        );
        expect(rest.body.items.map((r: ReviewRecord) => r.id)).toEqual([
          '00000000-0000-4000-8000-000000000000',
        ]);
        expect(rest.body.nextCursor).toBeNull();
      });

      it('pages history newest first', async () => {
        const store = new OrchestrationStore(ctx.knex);
        await store.appendHistory(
          Array.from({ length: 3 }, (_, i) => ({
            entityRef: 'component:default/content-api',
            recordedAt: `2026-11-0${i + 1}T00:00:00.000Z`,
            state: {
              recommendedPlatform: 'ecs-fargate',
              confidence: 'high',
              fit: 80 + i,
              migration: null,
              obligationStatuses: {},
            },
            changes: i === 0 ? [] : [`change ${i}`],
            fingerprint: `f${i}`,
          })),
        );
        const first = await ctx.get(`${historyOf('content-api')}?limit=2`);
        expect(first.status).toBe(200);
        expect(first.body.items.map((e: any) => e.fit)).toEqual([82, 81]);
        const second = await ctx.get(
          `${historyOf('content-api')}?limit=2&cursor=${first.body.nextCursor}`,
        );
        expect(second.body.items.map((e: any) => e.fit)).toEqual([80]);
        expect(second.body.nextCursor).toBeNull();
        const all = await ctx.get(historyOf('content-api'));
        expect(all.body.items).toHaveLength(3);
        expect(all.body.nextCursor).toBeNull();
      });

      it.each([
        ['limit=0', /limit must be a whole number from 1 to 200; got 0/],
        ['limit=201', /limit must be a whole number from 1 to 200; got 201/],
        ['limit=ten', /limit must be a whole number from 1 to 200; got ten/],
        [
          'limit=1&limit=2',
          /(limit must be given once|query\/limit must be string)/,
        ],
        ['cursor=%%%', /cursor is not valid/],
        ['cursor=bm90IGpzb24', /cursor is not valid/],
        [`cursor=${'A'.repeat(120)}`, /cursor is not valid/],
        [`cursor=${encodePageCursor('history', 5)}`, /cursor is not valid/],
        [
          `cursor=${Buffer.from('["reviews",-1]').toString('base64url')}`,
          /cursor is not valid/,
        ],
        [
          `cursor=${Buffer.from('["reviews",1e400]').toString('base64url')}`,
          /cursor is not valid/,
        ],
        [`cursor=${encodePageCursor('reviews', 5)}=`, /cursor is not valid/],
        // Beyond PostgreSQL's integer, which numbers the rows.
        [
          `cursor=${encodePageCursor('reviews', 2 ** 31)}`,
          /cursor is not valid/,
        ],
      ])('refuses reviews?%s with a 400', async (query, message) => {
        const res = await ctx.get(`${reviewsOf('content-api')}?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      });

      it('refuses a history cursor beyond the row numbers with a 400', async () => {
        const res = await ctx.get(
          `${historyOf('content-api')}?cursor=${encodePageCursor(
            'history',
            2 ** 31,
          )}`,
        );
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/cursor is not valid/);
      });

      it('refuses a cursor of the reviews on the history', async () => {
        const res = await ctx.get(
          `${historyOf('content-api')}?cursor=${encodePageCursor(
            'reviews',
            3,
          )}`,
        );
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/cursor is not valid/);
      });
    });

    describe('inForce', () => {
      const accept: ReviewDecision = { kind: 'accept' };
      const keep: ReviewDecision = { kind: 'keep-current', comment: 'later' };
      const overdue: ReviewDecision = {
        kind: 'migrate',
        targetPlatform: 'eks',
        dueDate: PAST,
      };
      const exempt = (expiresOn: string): ReviewDecision => ({
        kind: 'exempt',
        justification: 'vendor',
        expiresOn,
      });

      // Oldest first, as stored; null: none in force.
      it.each<[string, ReviewDecision[], number | null]>([
        ['no reviews', [], null],
        ['one acceptance', [accept], 0],
        ['the newest', [accept, keep], 1],
        ['a running exemption', [accept, exempt(FUTURE)], 1],
        ['an expired exemption', [keep, exempt(PAST)], 0],
        ['only an expired exemption', [exempt(PAST)], null],
        [
          'expired exemptions over a running one',
          [accept, exempt(FUTURE), exempt(PAST), exempt('2001-01-01')],
          1,
        ],
        ['an overdue migration', [accept, overdue], 1],
        ['a decision over an expired exemption', [exempt(PAST), accept], 1],
      ])('%s', async (_name, decisions, expected) => {
        // Stored directly: the API refuses exemptions that have expired.
        const store = new OrchestrationStore(ctx.knex);
        const records: ReviewRecord[] = [];
        for (const [i, decision] of decisions.entries()) {
          const record: ReviewRecord = {
            id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            entityRef: 'component:default/content-api',
            decision,
            reviewer: PLATFORM_USER,
            createdAt: '2026-11-01T00:00:00.000Z',
          };
          await store.addReview(record);
          records.unshift(record);
        }
        // Whichever page is asked for.
        const res = await ctx.get(`${reviewsOf('content-api')}?limit=1`);
        expect(res.body.error).toBeUndefined();
        expect(res.status).toBe(200);
        const want =
          expected === null ? null : records[records.length - 1 - expected];
        expect(res.body.inForce).toEqual(want);
        expect(res.body.inForce).toEqual(decisionInForce(records, new Date()));
      });
    });
  });
});
