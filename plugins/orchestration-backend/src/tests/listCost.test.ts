import {
  ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS,
  Assessment,
  AssessmentSummary,
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

jest.setTimeout(120_000);

const base = '/api/orchestration';

const sized = (name: string, resources?: string, extra = {}) =>
  component(
    name,
    {
      'orchestration.io/workload-type': 'api',
      'orchestration.io/portability': 'aws-only',
      'orchestration.io/current-platform': 'ecs-fargate',
      ...(resources ? { 'orchestration.io/resources': resources } : {}),
      ...extra,
    },
    { owner: 'web-content' },
  );

const entities = [
  ...catalogEntities,
  sized('cost-small-b', 'cpu=1,memory=2Gi'),
  sized('cost-small-a', 'cpu=1,memory=2Gi'),
  sized('cost-large', 'cpu=4,memory=16Gi', {
    'orchestration.io/replicas': '6',
  }),
  sized('cost-unknown'),
  // An invalid ecosystem and no stated size or portability: more deciding
  // inputs than a list row carries.
  component(
    'many-inputs',
    {
      'orchestration.io/workload-type': 'worker',
      'orchestration.io/ecosystem': 'bogus',
      'orchestration.io/aws-integrations': 'bogus',
    },
    { owner: 'web-content' },
  ),
];

/** Cells of a CSV text, quoted cells unquoted. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

/** The expected order of `sort=cost`: by cost, ties by entity ref, rows without a cost last. */
function costOrder(items: AssessmentSummary[], order: 'asc' | 'desc') {
  const sign = order === 'asc' ? 1 : -1;
  const priced = items.filter(i => i.recommendedMonthlyUsd !== null);
  const unpriced = items.filter(i => i.recommendedMonthlyUsd === null);
  const byRef = (a: AssessmentSummary, b: AssessmentSummary) =>
    sign * (a.entityRef < b.entityRef ? -1 : 1);
  return [
    ...priced.sort(
      (a, b) =>
        sign * (a.recommendedMonthlyUsd! - b.recommendedMonthlyUsd!) ||
        byRef(a, b),
    ),
    ...unpriced.sort(byRef),
  ].map(i => i.name);
}

describe('costs, effort and deciding inputs in the list', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'serves them from the snapshot, sorts and pages by cost, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startOrchestration({ knex, entities });
      const get = (path: string) =>
        request(backend.server)
          .get(`${base}${path}`)
          .set('Authorization', userHeader(PLATFORM_USER));
      const refresh = async () => {
        const res = await request(backend.server)
          .post(`${base}/v1/snapshot/refresh?wait=true`)
          .set('Authorization', serviceHeader());
        expect(res.status).toBe(202);
      };
      const list = async (query = ''): Promise<AssessmentSummary[]> => {
        const res = await get(`/v1/assessments?limit=200${query}`);
        expect(res.body.error?.message).toBeUndefined();
        expect(res.status).toBe(200);
        return res.body.items;
      };
      const pages = async (query: string, limit: number) => {
        const names: string[] = [];
        let cursor: string | null = null;
        do {
          const res: request.Response = await get(
            `/v1/assessments?limit=${limit}${query}${
              cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
            }`,
          );
          expect(res.body.error?.message).toBeUndefined();
          names.push(...res.body.items.map((i: AssessmentSummary) => i.name));
          cursor = res.body.nextCursor;
        } while (cursor);
        return names;
      };

      try {
        await refresh();
        const items = await list();
        expect(items).toHaveLength(8);

        // Each row carries what the entity's own assessment says.
        for (const item of items) {
          const live: Assessment = (
            await get(`/v1/entities/component/default/${item.name}/assessment`)
          ).body.assessment;
          const costOf = (id: string | null) =>
            live.platforms.find(p => p.id === id)?.cost?.monthlyUsd ?? null;
          expect(item).toMatchObject({
            name: item.name,
            recommendedMonthlyUsd: costOf(live.recommendation.platform),
            currentMonthlyUsd: costOf(item.currentPlatform),
            migrationEffort: live.migration?.effort ?? null,
            decidingInputs: live.recommendation.decidingInputs.slice(
              0,
              ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS,
            ),
          });
        }
        const byName = new Map(items.map(i => [i.name, i]));
        expect(
          items.filter(i => i.recommendedMonthlyUsd === null).length,
        ).toBeGreaterThanOrEqual(2);
        const small = byName.get('cost-small-a')!;
        expect(small.recommendedMonthlyUsd).toEqual(expect.any(Number));
        expect(byName.get('cost-small-b')!.recommendedMonthlyUsd).toBe(
          small.recommendedMonthlyUsd,
        );
        expect(byName.get('cost-large')!.recommendedMonthlyUsd).toBeGreaterThan(
          small.recommendedMonthlyUsd!,
        );
        expect(byName.get('cost-unknown')!.recommendedMonthlyUsd).toBeNull();
        expect(byName.get('many-inputs')!.decidingInputs).toHaveLength(
          ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS,
        );

        // sort=cost: rows without a cost last in either order, and the
        // cursor pages through ties and the rows without a cost.
        for (const order of ['asc', 'desc'] as const) {
          const query = `&sort=cost&order=${order}`;
          const expected = costOrder(items, order);
          expect(expected.slice(-1)[0]).not.toBe(expected[0]);
          expect((await list(query)).map(i => i.name)).toEqual(expected);
          expect(await pages(query, 1)).toEqual(expected);
          expect(await pages(query, 3)).toEqual(expected);
          expect(await pages(`${query}&owner=web-content`, 2)).toEqual(
            expected.filter(name =>
              byName.get(name)!.owner?.endsWith('/web-content'),
            ),
          );
        }

        // Rows stored before the columns existed: nothing in the list until
        // the next refresh, while the export still reads the stored
        // assessment.
        const exported = async () => {
          const res = await get('/v1/assessments/export');
          expect(res.status).toBe(200);
          const [header, ...rows] = parseCsv(res.text);
          return new Map(
            rows.map(r => [
              r[header.indexOf('name')],
              Object.fromEntries(header.map((h, i) => [h, r[i]])),
            ]),
          );
        };
        const fresh = await exported();
        expect(fresh.get('cost-large')!.recommendedMonthlyUsd).toBe(
          byName.get('cost-large')!.recommendedMonthlyUsd!.toFixed(2),
        );
        expect(
          fresh.get('many-inputs')!.decidingInputs.split('; ').length,
        ).toBeGreaterThan(ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS);

        await knex('orchestration_assessments').update({
          recommended_monthly_usd: null,
          current_monthly_usd: null,
          migration_effort: null,
          deciding_inputs: null,
        });
        const old = await list('&sort=cost&order=desc');
        for (const item of old) {
          expect(item).toMatchObject({
            recommendedMonthlyUsd: null,
            currentMonthlyUsd: null,
            migrationEffort: null,
            decidingInputs: [],
          });
        }
        // All alike by cost: entity ref order.
        expect(old.map(i => i.entityRef)).toEqual(
          old
            .map(i => i.entityRef)
            .sort()
            .reverse(),
        );
        expect(await exported()).toEqual(fresh);

        await refresh();
        const withoutTime = (rows: AssessmentSummary[]) =>
          rows.map(({ assessedAt: _, ...rest }) => rest);
        expect(withoutTime(await list())).toEqual(withoutTime(items));
      } finally {
        await backend.stop();
      }
    },
  );
});
