import { mockServices } from '@backstage/backend-test-utils';
import {
  ASSESSMENT_SORT_KEYS,
  ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS,
  type AssessmentListResponse,
  type AssessmentSummary,
  type ClusterListResponse,
  type EntityAssessmentResponse,
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

const listItem: AssessmentSummary = {
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
  confidence: 'low',
  currentVerdict: 'poor',
  fit: 80,
  migration: { from: 'self-managed-kubernetes', to: 'ecs-fargate' } as any,
  obligationStatus: 'critical',
  nextDue: '2026-12-15',
  warningCount: 1,
  validationErrorCount: 0,
  assessedAt: '2026-11-28T00:00:00.000Z',
  recommendedMonthlyUsd: 72.08,
  currentMonthlyUsd: 1210.25,
  migrationEffort: 'medium',
  decidingInputs: fullAssessment.recommendation.decidingInputs,
};

function listOf(items: unknown[]): AssessmentListResponse {
  return {
    items: items as AssessmentSummary[],
    nextCursor: null,
    totalItems: items.length,
    facets: {
      currentPlatform: {},
      recommendedPlatform: {},
      currentVerdict: {},
      obligationStatus: {},
      migration: { candidates: 0, none: 0 },
    },
    snapshot,
  };
}

describe('the OpenAPI document', () => {
  const path = '/v1/entities/component/default/legacy-web/assessment';

  it('declares a 400 for every operation with parameters or a body, and a 413 for bodies', () => {
    const spec = loadOpenApiSpec();
    const missing: string[] = [];
    for (const [route, item] of Object.entries<any>(spec.paths)) {
      for (const method of ['get', 'post']) {
        const operation = item[method];
        if (!operation) continue;
        const takesInput =
          route.includes('{') ||
          (operation.parameters ?? []).length > 0 ||
          operation.requestBody !== undefined;
        if (takesInput && !operation.responses['400']) {
          missing.push(`${method} ${route}: 400`);
        }
        if (operation.requestBody && !operation.responses['413']) {
          missing.push(`${method} ${route}: 413`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(spec.components.responses.BadRequest.description).toMatch(
      /control character.*cursor.*50 documents.*maxAliasCount/s,
    );
  });

  it('lists the sort keys of the common package and caps deciding inputs as the list rows do', () => {
    const spec = loadOpenApiSpec();
    const sort = spec.paths['/v1/assessments'].get.parameters.find(
      (p: any) => p.name === 'sort',
    );
    expect(sort.schema.enum).toEqual([...ASSESSMENT_SORT_KEYS]);
    expect(
      spec.components.schemas.AssessmentSummary.properties.decidingInputs
        .maxItems,
    ).toBe(ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS);
  });

  it('accepts list rows with costs, effort and deciding inputs, and without', async () => {
    const app = await serve({
      list: () =>
        listOf([
          listItem,
          {
            ...listItem,
            entityRef: 'component:default/old',
            recommendedMonthlyUsd: null,
            currentMonthlyUsd: null,
            migrationEffort: null,
            decidingInputs: [],
          },
        ]),
    });
    const res = await request(app).get('/v1/assessments?sort=cost');
    expect(res.body.error?.message).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      recommendedMonthlyUsd: 72.08,
      currentMonthlyUsd: 1210.25,
      migrationEffort: 'medium',
      decidingInputs: fullAssessment.recommendation.decidingInputs,
    });
  });

  it.each([
    ['without deciding inputs', withoutPath(listItem, ['decidingInputs'])],
    ['without a cost', withoutPath(listItem, ['recommendedMonthlyUsd'])],
    ['without an effort', withoutPath(listItem, ['migrationEffort'])],
    [
      'with more than five deciding inputs',
      {
        ...listItem,
        decidingInputs: Array.from({ length: 6 }, (_, i) => ({
          key: 'orchestration.io/portability',
          value: String(i),
          wouldRecommend: 'eks',
        })),
      },
    ],
    ['with an unknown effort', { ...listItem, migrationEffort: 'huge' }],
    ['with a negative cost', { ...listItem, currentMonthlyUsd: -1 }],
  ])('refuses a list row %s', async (_, item) => {
    const app = await serve({ list: () => listOf([item]) });
    expect((await request(app).get('/v1/assessments')).status).toBe(500);
  });

  const review = {
    id: 'r1',
    entityRef: 'component:default/legacy-web',
    decision: { kind: 'migrate', targetPlatform: 'eks', dueDate: '2027-03-01' },
    reviewer: 'user:default/ada',
    createdAt: '2026-11-20T10:00:00.000Z',
  };

  it.each([
    ['a row without a decision in force', { ...listItem, inForce: null }, {}],
    ['a row with the decision in force', { ...listItem, inForce: review }, {}],
    ['a row before the store gave decisions', listItem, {}],
    [
      'a snapshot with its coverage',
      listItem,
      { coverage: { annotated: 3, components: 10 } },
    ],
    [
      'a snapshot before the coverage was counted',
      listItem,
      { coverage: null },
    ],
  ])('accepts %s', async (_, item, info) => {
    const app = await serve({
      list: () => ({ ...listOf([item]), snapshot: { ...snapshot, ...info } }),
    });
    const res = await request(app).get('/v1/assessments');
    expect(res.body.error?.message).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.items[0].inForce).toEqual((item as any).inForce);
  });

  it.each([
    [
      'a decision in force of an unknown kind',
      { ...listItem, inForce: { ...review, decision: { kind: 'maybe' } } },
      {},
    ],
    [
      'a decision in force without its reviewer',
      { ...listItem, inForce: withoutPath(review, ['reviewer']) },
      {},
    ],
    [
      'a negative coverage',
      listItem,
      { coverage: { annotated: -1, components: 10 } },
    ],
    ['a coverage without its total', listItem, { coverage: { annotated: 1 } }],
  ])('refuses %s', async (_, item, info) => {
    const app = await serve({
      list: () => ({
        ...listOf([item]),
        snapshot: { ...snapshot, ...(info as object) },
      }),
    });
    expect((await request(app).get('/v1/assessments')).status).toBe(500);
  });

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
        items: [{ ...listItem, migration: migration as any }],
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
