import { mockServices } from '@backstage/backend-test-utils';
import type {
  AssessmentListResponse,
  ClusterListResponse,
  EntityAssessmentResponse,
} from '@orchestration/plugin-orchestration-common';
import express, { NextFunction, Request, Response } from 'express';
import request from 'supertest';
import { fullAssessment } from '../__fixtures__/assessment';
import { createRouter } from '../router';
import { loadOpenApiSpec } from './spec';

/** A router whose service answers with what the test gives it, every response checked against the document. */
async function serve(answers: {
  assessment?: () => unknown;
  list?: () => AssessmentListResponse;
  clusters?: () => ClusterListResponse;
}) {
  const service = {
    getAssessment: async () => answers.assessment?.(),
    listAssessments: async () => answers.list?.(),
    listClusters: async () => answers.clusters?.(),
  };
  const router = await createRouter({
    logger: mockServices.logger.mock(),
    httpAuth: mockServices.httpAuth(),
    refresh: async () => undefined,
    service: service as any,
    access: {} as any,
    validateResponses: true,
  });
  const app = express();
  app.use(router);
  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({
      error: { name: error.name, message: error.message },
      response: { statusCode: 500 },
    });
  });
  return app;
}

const snapshot = {
  refreshedAt: '2026-11-28T00:00:01.000Z',
  stale: false,
  entityCount: 1,
};

function withoutPath(value: any, path: string[]): any {
  const copy = structuredClone(value);
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key];
  delete target[path[path.length - 1]];
  return copy;
}

describe('the OpenAPI document', () => {
  const path = '/v1/entities/component/default/legacy-web/assessment';

  it('describes the assessment with its new fields', () => {
    const schemas = loadOpenApiSpec().components.schemas;
    expect(schemas.Recommendation.required).toEqual(
      expect.arrayContaining(['lead', 'decidingInputs']),
    );
    expect(schemas.PlatformAssessment.required).toContain('cost');
    expect(Object.keys(schemas.Reason.properties)).toEqual(
      expect.arrayContaining(['countedBy', 'alternatives']),
    );
    expect(Object.keys(schemas.AssessmentWarning.properties)).toContain(
      'alternatives',
    );
    expect(schemas.Migration.required).toEqual(
      expect.arrayContaining([
        'lead',
        'why',
        'effort',
        'effortReasons',
        'steps',
      ]),
    );
  });

  it('accepts a complete assessment', async () => {
    const body: EntityAssessmentResponse = {
      assessment: fullAssessment,
      cluster: null,
    };
    const app = await serve({ assessment: () => body });
    const res = await request(app).get(path);
    expect(res.body.error?.message).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body).toEqual(body);
  });

  it('accepts an assessment without costs, migration, lead or deciding inputs', async () => {
    const assessment = structuredClone(fullAssessment);
    assessment.recommendation.lead = null;
    assessment.recommendation.decidingInputs = [];
    assessment.platforms = assessment.platforms.map(p => ({
      ...p,
      cost: null,
    }));
    assessment.migration = null;
    const app = await serve({
      assessment: () => ({ assessment, cluster: null }),
    });
    const res = await request(app).get(path);
    expect(res.body.error?.message).toBeUndefined();
    expect(res.status).toBe(200);
  });

  it.each([
    [['recommendation', 'decidingInputs']],
    [['recommendation', 'lead']],
    [['platforms', '0', 'cost']],
    [['platforms', '0', 'cost', 'lines']],
    [['migration', 'effort']],
    [['migration', 'steps']],
    [['recommendation', 'decidingInputs', '0', 'wouldRecommend']],
    [['warnings', '0', 'alternatives', '0', 'since']],
  ])('refuses an assessment without %j', async missing => {
    const app = await serve({
      assessment: () => ({
        assessment: withoutPath(fullAssessment, missing),
        cluster: null,
      }),
    });
    const res = await request(app).get(path);
    expect(res.status).toBe(500);
  });

  it('refuses an unknown migration effort', async () => {
    const assessment: any = structuredClone(fullAssessment);
    assessment.migration.effort = 'huge';
    const app = await serve({
      assessment: () => ({ assessment, cluster: null }),
    });
    expect((await request(app).get(path)).status).toBe(500);
  });

  it('keeps list rows and cluster services to the platforms of a migration', async () => {
    const migration = { from: 'self-managed-kubernetes', to: 'ecs-fargate' };
    const app = await serve({
      list: () => ({
        items: [
          {
            entityRef: 'component:default/legacy-web',
            kind: 'component',
            namespace: 'default',
            name: 'legacy-web',
            title: null,
            owner: null,
            system: null,
            currentPlatform: 'self-managed-kubernetes',
            recommendedPlatform: 'ecs-fargate',
            recommendationStatus: 'recommended',
            confidence: 'medium',
            currentVerdict: 'poor',
            fit: 80,
            migration: migration as any,
            obligationStatus: 'critical',
            nextDue: '2026-12-15',
            warningCount: 1,
            validationErrorCount: 0,
            assessedAt: '2026-11-28T00:00:00.000Z',
          },
        ],
        nextCursor: null,
        totalItems: 1,
        facets: {
          currentPlatform: { 'self-managed-kubernetes': 1 },
          recommendedPlatform: { 'ecs-fargate': 1 },
          currentVerdict: { poor: 1 },
          obligationStatus: { critical: 1 },
          migration: { candidates: 1, none: 0 },
        },
        snapshot,
      }),
      clusters: () => ({
        items: [
          {
            entityRef: 'resource:default/prod-kops',
            name: 'prod-kops',
            title: null,
            owner: 'group:default/platform',
            assessment: {
              apiVersion: 'orchestration.io/v1alpha1',
              entityRef: 'resource:default/prod-kops',
              assessedAt: '2026-11-28T00:00:00.000Z',
              controlPlane: 'self-managed',
              obligations: fullAssessment.obligations,
              warnings: fullAssessment.warnings,
              validation: [],
              knowledgeAsOf: '2026-10-01',
            },
            obligationStatus: 'critical',
            services: [
              {
                entityRef: 'component:default/legacy-web',
                name: 'legacy-web',
                title: null,
                owner: null,
                currentPlatform: 'self-managed-kubernetes',
                recommendedPlatform: 'ecs-fargate',
                migration: migration as any,
              },
            ],
          },
        ],
        snapshot,
      }),
    });
    const list = await request(app).get('/v1/assessments');
    expect(list.body.error?.message).toBeUndefined();
    expect(list.status).toBe(200);
    const clusters = await request(app).get('/v1/clusters');
    expect(clusters.body.error?.message).toBeUndefined();
    expect(clusters.status).toBe(200);
  });
});
