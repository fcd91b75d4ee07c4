import { ASSESSMENT_SORT_KEYS } from '@orchestration/plugin-orchestration-common';
import request from 'supertest';
import {
  catalogEntities,
  component,
  PLATFORM_USER,
} from './__fixtures__/catalog';
import {
  serviceHeader,
  startOrchestration,
  userHeader,
} from './__testUtils__/testBackend';

const base = '/api/orchestration';

// Services with ties on owner and platform and without a cost or fit, so
// that the order of ties and of missing values is checked too.
const extra = [
  component(
    'alpha-worker',
    {
      'orchestration.io/workload-type': 'worker',
      'orchestration.io/current-platform': 'ecs-ec2',
    },
    { owner: 'web-content', system: 'content' },
  ),
  component(
    'zeta-api',
    {
      'orchestration.io/workload-type': 'api',
      'orchestration.io/current-platform': 'ecs-fargate',
      'orchestration.io/resources': 'cpu=1,memory=2Gi',
    },
    { owner: 'media-rendering' },
  ),
  component('beta-cron', { 'orchestration.io/workload-type': 'batch' }, {}),
];

describe('GET /v1/assessments/export with sort and order', () => {
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startOrchestration({
      entities: [...catalogEntities, ...extra],
    });
    server = backend.server;
    stop = () => backend.stop();
    const refresh = await request(server)
      .post(`${base}/v1/snapshot/refresh?wait=true`)
      .set('Authorization', serviceHeader());
    if (refresh.status !== 202) {
      throw new Error(`Snapshot refresh failed: ${refresh.text}`);
    }
  });

  afterAll(async () => {
    await stop();
  });

  const get = (path: string) =>
    request(server)
      .get(`${base}${path}`)
      .set('Authorization', userHeader(PLATFORM_USER));

  /** The entity refs of the export, in the order of its lines. */
  async function exportedRefs(query: string): Promise<string[]> {
    const res = await get(`/v1/assessments/export${query}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^entityRef,/);
    return lines.slice(1).map(line => line.split(',')[0]);
  }

  async function listedRefs(query: string): Promise<string[]> {
    const res = await get(`/v1/assessments${query}&limit=200`);
    expect(res.status).toBe(200);
    return res.body.items.map((item: any) => item.entityRef);
  }

  it('has the rows in the order of the list for every sort and order', async () => {
    for (const sort of ASSESSMENT_SORT_KEYS) {
      for (const order of ['asc', 'desc']) {
        const query = `?sort=${sort}&order=${order}`;
        const listed = await listedRefs(query);
        expect(listed).toHaveLength(6);
        expect({ sort, order, refs: await exportedRefs(query) }).toEqual({
          sort,
          order,
          refs: listed,
        });
      }
    }
  });

  it('sorts the filtered rows, and by name when only the order is given', async () => {
    const filtered = '?owner=web-content&sort=name&order=desc';
    expect(await exportedRefs(filtered)).toEqual([
      'component:default/legacy-web',
      'component:default/content-api',
      'component:default/alpha-worker',
    ]);
    expect(await exportedRefs('?order=desc')).toEqual(
      await listedRefs('?order=desc'),
    );
    expect(await exportedRefs('?sort=fit')).toEqual(
      await listedRefs('?sort=fit&order=asc'),
    );
  });

  it('keeps entity ref order without sort or order', async () => {
    const refs = await exportedRefs('');
    expect(refs).toEqual([...refs].sort());
    expect(refs).toHaveLength(6);
  });

  it.each([
    ['?sort=colour', /^sort must be one of name, owner, .*; got colour$/],
    ['?order=up', /^order must be one of asc, desc; got up$/],
    ['?sort=name&sort=fit', /^sort must be given once$/],
    [
      '?sort=name&cursor=abc',
      /^Unknown query parameter 'cursor'; GET \/v1\/assessments\/export takes owner, .*, sort, order$/,
    ],
    [
      '?sort=name&limit=5',
      /^Unknown query parameter 'limit'; GET \/v1\/assessments\/export takes owner, .*, sort, order$/,
    ],
  ])('rejects %s', async (query, message) => {
    const res = await get(`/v1/assessments/export${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});
