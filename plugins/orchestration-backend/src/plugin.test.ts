import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { contentApi, OTHER_USER, PLATFORM_USER } from './__fixtures__/catalog';
import {
  serviceHeader,
  startOrchestration,
  userHeader,
} from './__testUtils__/testBackend';

const base = '/api/orchestration';

describe('orchestration backend routes', () => {
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startOrchestration();
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

  const get = (path: string, user = PLATFORM_USER) =>
    request(server)
      .get(`${base}${path}`)
      .set('Authorization', userHeader(user));

  it('answers /health without credentials', async () => {
    const res = await request(server).get(`${base}/health`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('reports the snapshot it made', async () => {
    const res = await get('/v1/snapshot');
    expect(res.status).toBe(200);
    expect(res.body.snapshot).toMatchObject({ stale: false, entityCount: 3 });
    expect(res.body.lastRun).toMatchObject({
      status: 'complete',
      entityCount: 3,
    });
  });

  it('lists annotated Components with facets and snapshot time', async () => {
    const res = await get('/v1/assessments');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.name)).toEqual([
      'content-api',
      'gpu-render',
      'legacy-web',
    ]);
    expect(res.body.totalItems).toBe(3);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.snapshot.refreshedAt).toEqual(expect.any(String));
    expect(res.body.facets.currentPlatform).toEqual({
      'ecs-fargate': 1,
      'self-managed-kubernetes': 2,
    });
    const content = res.body.items[0];
    expect(content).toMatchObject({
      entityRef: 'component:default/content-api',
      title: 'Content API',
      owner: 'group:default/web-content',
      system: 'system:default/content',
      currentPlatform: 'ecs-fargate',
      recommendedPlatform: 'ecs-fargate',
    });
  });

  it('filters with repeated and comma-separated values and text', async () => {
    const repeated = await get(
      '/v1/assessments?currentPlatform=ecs-fargate&currentPlatform=self-managed-kubernetes&owner=web-content',
    );
    expect(repeated.body.items.map((i: any) => i.name)).toEqual([
      'content-api',
      'legacy-web',
    ]);
    const comma = await get(
      '/v1/assessments?currentPlatform=ecs-fargate,self-managed-kubernetes&owner=group:default/web-content',
    );
    expect(comma.body.items).toEqual(repeated.body.items);
    const text = await get('/v1/assessments?q=RENDER');
    expect(text.body.items.map((i: any) => i.name)).toEqual(['gpu-render']);
    const none = await get('/v1/assessments?system=nothing');
    expect(none.body).toMatchObject({ items: [], totalItems: 0 });
  });

  it('filters by migration and obligation status', async () => {
    const all = await get('/v1/assessments');
    const candidates = all.body.items.filter((i: any) => i.migration);
    const res = await get('/v1/assessments?migration=true');
    expect(res.body.totalItems).toBe(candidates.length);
    expect(res.body.facets.migration.candidates).toBe(candidates.length);
    const withStatus = all.body.items.filter((i: any) => i.obligationStatus);
    const statuses = [
      ...new Set(withStatus.map((i: any) => i.obligationStatus)),
    ];
    const byStatus = await get(
      `/v1/assessments?obligationStatus=${statuses.join(',')}`,
    );
    expect(byStatus.body.totalItems).toBe(withStatus.length);
  });

  it('pages with an opaque cursor in every sort order', async () => {
    for (const sort of [
      'name',
      'owner',
      'fit',
      'cost',
      'nextDue',
      'obligationStatus',
    ]) {
      for (const order of ['asc', 'desc']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res: request.Response = await get(
            `/v1/assessments?sort=${sort}&order=${order}&limit=1${
              cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
            }`,
          );
          expect(res.status).toBe(200);
          seen.push(...res.body.items.map((i: any) => i.name));
          cursor = res.body.nextCursor;
        } while (cursor);
        expect(seen.sort()).toEqual([
          'content-api',
          'gpu-render',
          'legacy-web',
        ]);
      }
    }
  });

  it('exports CSV with quoting and formula protection', async () => {
    const res = await get('/v1/assessments/export?owner=web-content');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^entityRef,name,title,owner/);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('assesses one Component live, with its cluster', async () => {
    const res = await get(
      '/v1/entities/component/default/gpu-render/assessment',
    );
    expect(res.status).toBe(200);
    expect(res.body.assessment.entityRef).toBe('component:default/gpu-render');
    expect(res.body.cluster.entityRef).toBe('resource:default/prod-kops');
    const noCluster = await get(
      '/v1/entities/component/default/content-api/assessment',
    );
    expect(noCluster.body.cluster).toBeNull();
  });

  it('evaluates JSON and YAML bodies without storing them', async () => {
    const json = await request(server)
      .post(`${base}/v1/evaluate`)
      .set('Authorization', userHeader(OTHER_USER))
      .send({ entity: contentApi, now: '2026-11-28T00:00:00Z' });
    expect(json.status).toBe(200);
    expect(json.body.assessment.assessedAt).toBe('2026-11-28T00:00:00.000Z');
    expect(json.body.assessment.recommendation.platform).toBe('ecs-fargate');

    const yaml = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Group',
      'metadata: { name: tiny, annotations: {} }',
      'spec: { type: team }',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: new-service',
      '  annotations:',
      '    orchestration.io/workload-type: api',
      'spec: { type: service, owner: group:default/tiny, lifecycle: experimental }',
    ].join('\n');
    const res = await request(server)
      .post(`${base}/v1/evaluate?now=2026-11-28T00:00:00Z`)
      .set('Authorization', userHeader(OTHER_USER))
      .set('Content-Type', 'application/yaml')
      .send(yaml);
    expect(res.body.error?.message).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.assessment.entityRef).toBe('component:default/new-service');
    const list = await get('/v1/assessments?q=new-service');
    expect(list.body.totalItems).toBe(0);
  });

  it('lists clusters with their services, and one cluster', async () => {
    const res = await get('/v1/clusters');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].services.map((s: any) => s.name)).toEqual([
      'gpu-render',
      'legacy-web',
    ]);
    const one = await get('/v1/clusters/default/prod-kops');
    expect(one.status).toBe(200);
    expect(one.body.entityRef).toBe('resource:default/prod-kops');
  });

  it('records reviews for platform-team members and lists them newest first', async () => {
    const path = `${base}/v1/entities/component/default/content-api/reviews`;
    const first = await request(server)
      .post(path)
      .set('Authorization', userHeader(PLATFORM_USER))
      .send({ decision: { kind: 'accept', comment: 'agreed' } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      entityRef: 'component:default/content-api',
      reviewer: PLATFORM_USER,
      decision: { kind: 'accept', comment: 'agreed' },
    });
    const second = await request(server)
      .post(path)
      .set('Authorization', userHeader(PLATFORM_USER))
      .send({
        entityRef: 'component:default/content-api',
        decision: {
          kind: 'migrate',
          targetPlatform: 'ecs-ec2',
          dueDate: '2099-03-31',
        },
      });
    expect(second.status).toBe(201);
    const list = await get(
      '/v1/entities/component/default/content-api/reviews',
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: any) => r.decision.kind)).toEqual([
      'migrate',
      'accept',
    ]);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.inForce).toEqual(second.body);
  });

  it('refuses a review by a user outside the platform teams (403)', async () => {
    const res = await request(server)
      .post(`${base}/v1/entities/component/default/content-api/reviews`)
      .set('Authorization', userHeader(OTHER_USER))
      .send({ decision: { kind: 'accept' } });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/platform-team members/);
  });

  it('refuses a review from a service principal (403)', async () => {
    const res = await request(server)
      .post(`${base}/v1/entities/component/default/content-api/reviews`)
      .set('Authorization', serviceHeader())
      .send({ decision: { kind: 'accept' } });
    expect(res.status).toBe(403);
  });

  it('refuses a snapshot refresh by a user outside the platform teams', async () => {
    const res = await request(server)
      .post(`${base}/v1/snapshot/refresh?wait=true`)
      .set('Authorization', userHeader(OTHER_USER));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/not allowed to refresh/);
  });

  it.each([
    ['GET', '/v1/assessments'],
    ['GET', '/v1/assessments/export'],
    ['GET', '/v1/clusters'],
    ['GET', '/v1/snapshot'],
    ['GET', '/v1/entities/component/default/content-api/assessment'],
    ['GET', '/v1/entities/component/default/content-api/reviews'],
    ['GET', '/v1/entities/component/default/content-api/history'],
    ['POST', '/v1/entities/component/default/content-api/reviews'],
    ['POST', '/v1/evaluate'],
    ['POST', '/v1/snapshot/refresh'],
  ])('answers 401 to %s %s without credentials', async (method, path) => {
    const res = await (method === 'GET'
      ? request(server).get(`${base}${path}`)
      : request(server).post(`${base}${path}`).send({})
    ).set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('shows history of the assessment', async () => {
    const res = await get('/v1/entities/component/default/content-api/history');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      recommendedPlatform: 'ecs-fargate',
      changes: [],
    });
  });

  it('serves the OpenAPI document', async () => {
    const res = await get('/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toContain(
      '/api/orchestration/v1/assessments',
    );
  });
});
