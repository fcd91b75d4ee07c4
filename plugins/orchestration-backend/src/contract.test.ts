import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { Entity } from '@backstage/catalog-model';
import {
  AssessEntityInput,
  Assessment,
  entityRefOf,
} from '@orchestration/plugin-orchestration-common';
import request from 'supertest';
import { fullAssessment } from './__fixtures__/assessment';
import { catalogEntities, PLATFORM_USER } from './__fixtures__/catalog';
import { createTestDatabases } from './__testUtils__/databases';
import {
  permissionsMock,
  serviceHeader,
  startOrchestration,
  userHeader,
} from './__testUtils__/testBackend';

// The engine is replaced by one that answers with a fixed, complete
// assessment: these tests are about what the backend gives the engine and
// what it serves and exports, not about the engine's numbers.
jest.mock('@orchestration/plugin-orchestration-common', () => {
  const actual = jest.requireActual(
    '@orchestration/plugin-orchestration-common',
  );
  return { ...actual, assessEntity: jest.fn() };
});

const { assessEntity } = jest.requireMock(
  '@orchestration/plugin-orchestration-common',
) as { assessEntity: jest.Mock<Assessment, [AssessEntityInput]> };

const base = '/api/orchestration';

function group(
  name: string,
  members: string[],
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'team', children: [], members },
  };
}

const PLATFORM_TEAM = { 'orchestration.io/platform-team': 'true' };

// An annotated platform team that nobody belongs to operates nothing.
const emptyPlatformTeam = group('ghost-platform', [], PLATFORM_TEAM);

function answer(input: AssessEntityInput): Assessment {
  const current =
    input.entity.metadata.annotations?.['orchestration.io/current-platform'];
  return {
    ...structuredClone(fullAssessment),
    entityRef: entityRefOf(input.entity),
    migration:
      current === 'ecs-fargate'
        ? null
        : structuredClone(fullAssessment.migration),
  };
}

describe('the REST contract with complete assessments', () => {
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    assessEntity.mockImplementation(answer);
    const backend = await startOrchestration({
      entities: [...catalogEntities, emptyPlatformTeam],
      config: { platformTeams: ['group:default/Elsewhere'] },
    });
    server = backend.server;
    stop = () => backend.stop();
    const refresh = await request(server)
      .post(`${base}/v1/snapshot/refresh?wait=true`)
      .set('Authorization', serviceHeader());
    if (refresh.status !== 202 || refresh.body.snapshot.stale) {
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

  it('gives the engine only platform teams that have members', () => {
    const teams = assessEntity.mock.calls.map(([input]) => input.platformTeams);
    expect(teams).toHaveLength(3);
    for (const list of teams) {
      expect(list).toEqual([
        'group:default/elsewhere',
        'group:default/platform',
      ]);
    }
  });

  it('gives the engine the owner with its member count', () => {
    const inputs = assessEntity.mock.calls.map(([input]) => input);
    const content = inputs.find(i => i.entity.metadata.name === 'content-api');
    expect(content?.owner).toEqual({
      entityRef: 'group:default/web-content',
      memberCount: 2,
    });
  });

  it('serves the live assessment with every new field, valid against the OpenAPI document', async () => {
    const res = await get(
      '/v1/entities/component/default/legacy-web/assessment',
    );
    expect(res.body.error?.message).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.assessment).toEqual({
      ...fullAssessment,
      entityRef: 'component:default/legacy-web',
    });
    expect(res.body.cluster.entityRef).toBe('resource:default/prod-kops');
  });

  it('leaves an annotated Group without members out of the platform teams of an evaluation', async () => {
    const evaluate = (related: Entity[]) =>
      request(server)
        .post(`${base}/v1/evaluate`)
        .set('Authorization', userHeader(PLATFORM_USER))
        .send({
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'new-service',
              annotations: { 'orchestration.io/workload-type': 'api' },
            },
            spec: { type: 'service', owner: 'tiny', lifecycle: 'production' },
          },
          related,
          now: '2026-11-28T00:00:00Z',
        });
    const lastTeams = () =>
      assessEntity.mock.calls[assessEntity.mock.calls.length - 1][0]
        .platformTeams;

    const empty = await evaluate([group('tiny', [], PLATFORM_TEAM)]);
    expect(empty.status).toBe(200);
    expect(lastTeams()).toEqual([
      'group:default/elsewhere',
      'group:default/platform',
    ]);

    const staffed = await evaluate([group('tiny', ['ada'], PLATFORM_TEAM)]);
    expect(staffed.status).toBe(200);
    expect(staffed.body.assessment.recommendation.decidingInputs).toHaveLength(
      2,
    );
    expect(lastTeams()).toEqual([
      'group:default/elsewhere',
      'group:default/platform',
      'group:default/tiny',
    ]);
    expect(
      assessEntity.mock.calls[assessEntity.mock.calls.length - 1][0].owner,
    ).toEqual({ entityRef: 'group:default/tiny', memberCount: 1 });
  });

  it('keeps the stored obligation rank of the most urgent status', async () => {
    const res = await get('/v1/assessments?sort=obligationStatus&order=desc');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.obligationStatus)).toEqual([
      'critical',
      'critical',
      'critical',
    ]);
    expect(res.body.facets.obligationStatus).toEqual({ critical: 3 });
  });

  it('exports confidence, deciding inputs, costs and migration effort', async () => {
    const res = await get('/v1/assessments/export');
    expect(res.status).toBe(200);
    const [header, ...rows] = res.text.trim().split('\r\n');
    const columns = header.split(',');
    expect(columns).toEqual(
      expect.arrayContaining([
        'confidence',
        'recommendationLead',
        'decidingInputs',
        'recommendedMonthlyUsd',
        'currentMonthlyUsd',
        'migrationEffort',
      ]),
    );
    const cell = (row: string, column: string) => {
      // No cell of these rows holds a comma inside quotes except the title.
      const cells = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!;
      return cells[columns.indexOf(column)].replace(/,$/, '');
    };
    const byName = new Map(rows.map(row => [cell(row, 'name'), row]));
    const content = byName.get('content-api')!;
    expect(cell(content, 'confidence')).toBe('medium');
    expect(cell(content, 'recommendationLead')).toBe('4');
    expect(cell(content, 'decidingInputs')).toBe(
      'orchestration.io/portability=multi-cloud->eks; catalog:platform-team=group:default/platform->none',
    );
    expect(cell(content, 'recommendedMonthlyUsd')).toBe('72.08');
    expect(cell(content, 'currentMonthlyUsd')).toBe('72.08');
    expect(cell(content, 'migrationEffort')).toBe('');

    const legacy = byName.get('legacy-web')!;
    expect(cell(legacy, 'title')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(cell(legacy, 'recommendedMonthlyUsd')).toBe('72.08');
    expect(cell(legacy, 'currentMonthlyUsd')).toBe('1210.25');
    expect(cell(legacy, 'migrationEffort')).toBe('medium');
  });
});

/** The cells of a CSV export by header, per entity ref (no quoted commas in these rows but the title's). */
function csvByRef(text: string): Map<string, Record<string, string>> {
  const [header, ...lines] = text.trim().split('\r\n');
  const columns = header.split(',');
  return new Map(
    lines.map(line => {
      const cells = line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .map(cell => cell.replace(/,$/, ''));
      const row = Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
      return [row.entityRef, row];
    }),
  );
}

describe('the decision in force, in the list, the export and the action', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let backend: Awaited<ReturnType<typeof startOrchestration>>;
    const actions = actionsRegistryServiceMock();
    const ref = 'component:default/legacy-web';
    const as = (r: request.Test) =>
      r.set('Authorization', userHeader(PLATFORM_USER));

    beforeAll(async () => {
      assessEntity.mockImplementation(answer);
      backend = await startOrchestration({
        knex: await databases.init(databaseId),
        features: [
          permissionsMock().factory,
          createServiceFactory({
            service: actionsRegistryServiceRef,
            deps: {},
            factory: () => actions,
          }),
        ],
      });
      const refresh = await request(backend.server)
        .post(`${base}/v1/snapshot/refresh?wait=true`)
        .set('Authorization', serviceHeader());
      if (refresh.status !== 202 || refresh.body.snapshot.stale) {
        throw new Error(`Snapshot refresh failed: ${refresh.text}`);
      }
      const review = await as(
        request(backend.server).post(
          `${base}/v1/entities/component/default/legacy-web/reviews`,
        ),
      ).send({
        decision: {
          kind: 'migrate',
          targetPlatform: 'ecs-fargate',
          dueDate: '2099-03-01',
        },
      });
      if (review.status !== 201) {
        throw new Error(`The review was not stored: ${review.text}`);
      }
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('agree with each other and with the reviews of the service', async () => {
      // Every response below is checked against the OpenAPI document too.
      const reviews = await as(
        request(backend.server).get(
          `${base}/v1/entities/component/default/legacy-web/reviews`,
        ),
      );
      expect(reviews.status).toBe(200);
      expect(reviews.body.inForce).toMatchObject({
        entityRef: ref,
        reviewer: PLATFORM_USER,
        decision: { kind: 'migrate', dueDate: '2099-03-01' },
      });

      const list = await as(
        request(backend.server).get(`${base}/v1/assessments`),
      );
      expect(list.body.error?.message).toBeUndefined();
      expect(list.status).toBe(200);
      const item = list.body.items.find((i: any) => i.entityRef === ref);
      // The list carries the review in force wherever the store gives one.
      expect([undefined, reviews.body.inForce]).toContainEqual(item.inForce);

      const { output } = await actions.invoke({
        id: 'test:list-assessments',
        input: {},
        credentials: mockCredentials.user(PLATFORM_USER),
      });
      const fromAction = (output as any).items.find(
        (i: any) => i.entityRef === ref,
      );
      expect(fromAction.inForce).toEqual(item.inForce);

      const exported = await as(
        request(backend.server).get(`${base}/v1/assessments/export`),
      );
      expect(exported.status).toBe(200);
      const cells = csvByRef(exported.text).get(ref)!;
      const inForce = item.inForce ?? null;
      expect(cells).toMatchObject({
        decision: inForce?.decision.kind ?? '',
        decisionTargetPlatform: inForce?.decision.targetPlatform ?? '',
        decisionDueDate: inForce?.decision.dueDate ?? '',
        decisionExpiresOn: '',
        decisionReviewer: inForce?.reviewer ?? '',
        decidedAt: inForce?.createdAt ?? '',
      });
    });
  });
});
