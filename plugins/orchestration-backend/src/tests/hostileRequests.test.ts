import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import {
  ASSESSMENT_SORT_KEYS,
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
  permissionsMock,
  serviceHeader,
  startOrchestration,
  userHeader,
} from '../__testUtils__/testBackend';

jest.setTimeout(180_000);

const base = '/api/orchestration';

/** More services, so every sort key has ties, gaps and several pages. */
const entities = [
  ...catalogEntities,
  ...['a', 'b', 'c', 'd', 'e', 'f'].map((letter, i) =>
    component(
      `extra-${letter}`,
      {
        'orchestration.io/workload-type': i % 2 ? 'api' : 'worker',
        'orchestration.io/portability': i % 3 ? 'aws-only' : 'portable',
        ...(i % 2
          ? { 'orchestration.io/current-platform': 'ecs-fargate' }
          : {}),
        ...(i < 3 ? { 'orchestration.io/resources': 'cpu=1,memory=2Gi' } : {}),
        ...(i === 4
          ? { 'orchestration.io/cluster': 'resource:default/prod-kops' }
          : {}),
      },
      i % 3 ? { owner: 'web-content', system: 'content' } : {},
    ),
  ),
];

/** A cursor with the given JSON text inside, as the API encodes it. */
const rawCursor = (json: string) => Buffer.from(json).toString('base64url');
const cursor = (sort: string, value: unknown, entityRef: unknown = 'x') =>
  rawCursor(JSON.stringify([sort, 'asc', value, entityRef]));
const listWith = (sort: string, cursorText: string) =>
  `/v1/assessments?sort=${sort}&cursor=${encodeURIComponent(cursorText)}`;

const INVALID_CURSOR =
  /^cursor is not valid \(.*\); pass the nextCursor of the previous page unchanged, or start again from the first page without a cursor$/;

/** Cursors that once reached the database: each must be a 400 on every database. */
const badCursors: Array<[string, string, string, RegExp?]> = [
  ['fit: text', 'fit', cursor('fit', 'abc'), /value for sort=fit must be/],
  ['fit: a fraction', 'fit', cursor('fit', 1.5), /whole number/],
  ['fit: 1e400', 'fit', rawCursor('["fit","asc",1e400,"x"]'), /whole number/],
  ['fit: past the integer column', 'fit', cursor('fit', 1e10), /whole number/],
  ['fit: null', 'fit', cursor('fit', null), /whole number/],
  ['cost: text', 'cost', cursor('cost', 'abc'), /finite number/],
  [
    'cost: 1e400',
    'cost',
    rawCursor('["cost","asc",1e400,"x"]'),
    /finite number/,
  ],
  [
    'obligationStatus: a status name',
    'obligationStatus',
    cursor('obligationStatus', 'critical'),
    /value for sort=obligationStatus must be one of 0, /,
  ],
  [
    'obligationStatus: an unknown rank',
    'obligationStatus',
    cursor('obligationStatus', 9),
  ],
  [
    'obligationStatus: a fraction',
    'obligationStatus',
    cursor('obligationStatus', 2.5),
  ],
  ['name: a number', 'name', cursor('name', 5), /must be text/],
  ['owner: an object', 'owner', cursor('owner', { a: 1 }), /must be text/],
  ['nextDue: a boolean', 'nextDue', cursor('nextDue', true), /must be text/],
  [
    'currentPlatform: unknown',
    'currentPlatform',
    cursor('currentPlatform', 'nomad'),
    /must be one of '', ecs-fargate/,
  ],
  [
    'recommendedPlatform: none',
    'recommendedPlatform',
    cursor('recommendedPlatform', 'none'),
  ],
  [
    'name: NUL in the value',
    'name',
    cursor('name', 'a\u0000b'),
    /control characters/,
  ],
  [
    'system: NUL in the entity ref',
    'system',
    cursor('system', 'a', 'component:default/a\u0000'),
    /its entity ref must not contain control characters/,
  ],
  ['name: entity ref a number', 'name', cursor('name', 'a', 5)],
  ['name: empty entity ref', 'name', cursor('name', 'a', '')],
  ['name: text too long', 'name', cursor('name', 'a'.repeat(2000))],
  ['too long', 'name', 'A'.repeat(5000), /not a cursor of this list/],
  ['not base64', 'name', '%%%', /not a cursor of this list/],
  ['not JSON', 'name', rawCursor('[1,'), /not a cursor of this list/],
  ['not a list', 'name', rawCursor('{"sort":"name"}')],
  ['six parts', 'name', rawCursor('["name","asc","a","x",1,2]')],
  [
    'generation 0',
    'name',
    rawCursor('["name","asc","a","x",0]'),
    /its snapshot generation must be a positive whole number/,
  ],
  [
    'generation as text',
    'name',
    rawCursor('["name","asc","a","x","7"]'),
    /its snapshot generation must be a positive whole number/,
  ],
  ['unknown order', 'name', rawCursor('["name","up","a","x"]')],
];

type Case = {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  type?: string;
  status: number;
  message?: RegExp;
};

const reviews = '/v1/entities/component/default/content-api/reviews';
const evaluateEntity = (metadata: Record<string, unknown>) => ({
  entity: { kind: 'Component', metadata: { name: 'x', ...metadata } },
});

/** Control characters in every kind of parameter and body field. */
const controlCases: Array<[string, Case]> = [
  [
    'NUL in q',
    {
      method: 'GET',
      path: '/v1/assessments?q=a%00b',
      status: 400,
      message:
        /^q must not contain control characters; found U\+0000 at position 2$/,
    },
  ],
  [
    'U+0001 in q',
    {
      method: 'GET',
      path: '/v1/assessments?q=%01',
      status: 400,
      message: /^q must not contain control characters; found U\+0001/,
    },
  ],
  [
    'DEL in q',
    {
      method: 'GET',
      path: '/v1/assessments?q=a%7F',
      status: 400,
      message: /^q must not contain control characters; found U\+007F/,
    },
  ],
  [
    'a tab inside owner',
    {
      method: 'GET',
      path: '/v1/assessments?owner=web%09content',
      status: 400,
      message: /^owner must not contain control characters; found U\+0009/,
    },
  ],
  [
    'NUL in owner',
    {
      method: 'GET',
      path: '/v1/assessments?owner=group:default/web-content%00',
      status: 400,
      message: /^owner must not contain control characters/,
    },
  ],
  [
    'NUL in one of several systems',
    {
      method: 'GET',
      path: '/v1/assessments?system=content&system=media%00',
      status: 400,
      message: /^system must not contain control characters/,
    },
  ],
  [
    'NUL in obligationStatus',
    {
      method: 'GET',
      path: '/v1/assessments?obligationStatus=ok%00',
      status: 400,
      message: /^obligationStatus must not contain control characters/,
    },
  ],
  [
    'NUL in sort',
    {
      method: 'GET',
      path: '/v1/assessments?sort=name%00',
      status: 400,
      message: /^sort must not contain control characters/,
    },
  ],
  [
    'NUL in a cursor',
    {
      method: 'GET',
      path: '/v1/assessments?cursor=abc%00',
      status: 400,
      message: /^cursor must not contain control characters/,
    },
  ],
  [
    'NUL in a parameter name',
    {
      method: 'GET',
      path: '/v1/assessments?a%00=1',
      status: 400,
      message: /^Query parameter names must not contain control characters/,
    },
  ],
  [
    'NUL in q of the export',
    {
      method: 'GET',
      path: '/v1/assessments/export?q=%00',
      status: 400,
      message: /^q must not contain control characters/,
    },
  ],
  [
    'NUL in system of the export',
    {
      method: 'GET',
      path: '/v1/assessments/export?system=a%00',
      status: 400,
      message: /^system must not contain control characters/,
    },
  ],
  [
    'NUL in the name of a path',
    {
      method: 'GET',
      path: '/v1/entities/component/default/content-api%00/assessment',
      status: 400,
      message:
        /^path parameter name must not contain control characters; found U\+0000 at position 12$/,
    },
  ],
  [
    'U+001F in the namespace of a reviews path',
    {
      method: 'GET',
      path: '/v1/entities/component/de%1Ffault/content-api/reviews',
      status: 400,
      message: /^path parameter namespace must not contain control characters/,
    },
  ],
  [
    'NUL in the kind of a history path',
    {
      method: 'GET',
      path: '/v1/entities/comp%00onent/default/content-api/history',
      status: 400,
      message: /^path parameter kind must not contain control characters/,
    },
  ],
  [
    'DEL in a cluster name',
    {
      method: 'GET',
      path: '/v1/clusters/default/prod-kops%7F',
      status: 400,
      message: /^path parameter name must not contain control characters/,
    },
  ],
  [
    'NUL in the path of a review',
    {
      method: 'POST',
      path: '/v1/entities/component/default/content-api%00/reviews',
      body: { decision: { kind: 'accept' } },
      status: 400,
      message: /^path parameter name must not contain control characters/,
    },
  ],
  [
    'NUL in a review comment',
    {
      method: 'POST',
      path: reviews,
      body: { decision: { kind: 'accept', comment: 'fine\u0000' } },
      status: 400,
      message:
        /^decision.comment must not contain control characters \(other than tab, line feed and carriage return\); found U\+0000 at position 5$/,
    },
  ],
  [
    'NUL in a review key',
    {
      method: 'POST',
      path: reviews,
      body: { decision: { kind: 'accept', 'a\u0000': 1 } },
      status: 400,
      message:
        /^the key of decision\["a\\u0000"\] must not contain control characters/,
    },
  ],
  [
    'U+0007 in a review date',
    {
      method: 'POST',
      path: reviews,
      body: {
        decision: {
          kind: 'migrate',
          targetPlatform: 'eks',
          dueDate: '2030-01-01\u0007',
        },
      },
      status: 400,
      message: /^decision.dueDate must not contain control characters/,
    },
  ],
  [
    'NUL in an evaluated entity',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: evaluateEntity({ description: 'a\u0000' }),
      status: 400,
      message: /^entity.metadata.description must not contain control/,
    },
  ],
  [
    'U+0001 in an annotation key of an evaluated entity',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: evaluateEntity({ annotations: { 'orchestration.io/\u0001': 'x' } }),
      status: 400,
      message:
        /^the key of entity.metadata.annotations\["orchestration.io\/\\u0001"\] must not contain control characters/,
    },
  ],
  [
    'NUL in a related entity',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: {
        ...evaluateEntity({}),
        related: [{ kind: 'Group', metadata: { name: 'g\u0000' } }],
      },
      status: 400,
      message: /^related\[0\].metadata.name must not contain control/,
    },
  ],
  [
    'a deeply nested evaluate body',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: `{"entity":{"kind":"Component","metadata":{"name":"x"},"spec":${'['.repeat(
        100_000,
      )}${']'.repeat(100_000)}}}`,
      type: 'application/json',
      status: 400,
      message: /^entity.spec(\[0\])+ is nested too deeply/,
    },
  ],
  [
    'NUL in now of a YAML evaluation',
    {
      method: 'POST',
      path: '/v1/evaluate?now=2026-01-01%00',
      body: 'kind: Component\nmetadata:\n  name: x\n',
      type: 'application/yaml',
      status: 400,
      message: /^now must not contain control characters/,
    },
  ],
  [
    'NUL in a YAML evaluation',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: 'kind: Component\nmetadata:\n  name: "x\\0"\n',
      type: 'application/yaml',
      status: 400,
      message:
        /^metadata.name in YAML document 1 must not contain control characters/,
    },
  ],
  // Normalised, then accepted.
  [
    'q with spaces, a tab and a line feed around it',
    {
      method: 'GET',
      path: '/v1/assessments?q=%20%09content%0A',
      status: 200,
    },
  ],
  [
    'a padded sort, order and limit',
    {
      method: 'GET',
      path: '/v1/assessments?sort=%20fit%20&order=desc%20&limit=%205',
      status: 200,
    },
  ],
  [
    'a review comment of several lines',
    {
      method: 'POST',
      path: reviews,
      body: { decision: { kind: 'accept', comment: 'line 1\r\n\tline 2' } },
      status: 201,
    },
  ],
];

/** The same mistakes through the list-assessments action. */
const actionCases: Array<[string, Record<string, unknown>, RegExp]> = [
  ['NUL in q', { q: 'content\u0000' }, /^q must not contain control/],
  [
    'NUL in owner',
    { owner: ['group:default/web-content\u0000'] },
    /^owner must not contain control/,
  ],
  ['NUL in system', { system: ['\u0000'] }, /^system must not contain/],
  [
    'a string for obligationStatus',
    { obligationStatus: ['critical\u0001'] },
    /^obligationStatus must not contain control/,
  ],
  ['NUL in a cursor', { cursor: '\u0000' }, /^cursor must not contain/],
  [
    'a text cursor for sort=fit',
    { sort: 'fit', cursor: cursor('fit', 'abc') },
    INVALID_CURSOR,
  ],
  [
    'a 1e400 cursor for sort=fit',
    { sort: 'fit', cursor: rawCursor('["fit","asc",1e400,"x"]') },
    INVALID_CURSOR,
  ],
  [
    'a status name cursor for sort=obligationStatus',
    { sort: 'obligationStatus', cursor: cursor('obligationStatus', 'ok') },
    INVALID_CURSOR,
  ],
];

describe('hostile requests', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let backend: Awaited<ReturnType<typeof startOrchestration>>;
    const actions = actionsRegistryServiceMock();
    const get = (path: string) =>
      request(backend.server)
        .get(`${base}${path}`)
        .set('Authorization', userHeader(PLATFORM_USER));

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      backend = await startOrchestration({
        knex,
        entities,
        features: [
          permissionsMock().factory,
          createServiceFactory({
            service: actionsRegistryServiceRef,
            deps: {},
            factory: () => actions,
          }),
        ],
      });
      const res = await request(backend.server)
        .post(`${base}/v1/snapshot/refresh?wait=true`)
        .set('Authorization', serviceHeader());
      if (res.status !== 202) {
        throw new Error(`The snapshot refresh answered ${res.status}`);
      }
    });

    afterAll(async () => {
      await backend?.stop();
    });

    // Every row as long as the test's parameters: Jest takes a missing last
    // argument for a done callback.
    it.each(
      badCursors.map(([name, sort, text, reason]) => [
        name,
        sort,
        text,
        reason ?? /./,
      ]),
    )('refuses a cursor (%s) with a 400', async (_name, sort, text, reason) => {
      const res = await get(listWith(sort, text));
      expect({
        status: res.status,
        message: res.body.error?.message,
      }).toEqual({
        status: 400,
        message: expect.stringMatching(INVALID_CURSOR),
      });
      expect(res.body.error.message).toMatch(reason);
      expect(res.body.error.stack).toBeUndefined();
    });

    it.each(controlCases)('%s', async (_name, c) => {
      let req =
        c.method === 'GET'
          ? request(backend.server).get(`${base}${c.path}`)
          : request(backend.server).post(`${base}${c.path}`);
      req = req.set('Authorization', userHeader(PLATFORM_USER));
      if (c.type) req = req.set('Content-Type', c.type);
      const res =
        c.body === undefined ? await req : await req.send(c.body as any);
      const message: string | undefined = res.body?.error?.message;
      // The message as expected: matching the case's, or none for a success.
      const expected = c.message
        ? c.message.test(message ?? '')
        : message === undefined;
      expect({ status: res.status, message, expected }).toMatchObject({
        status: c.status,
        expected: true,
      });
    });

    it.each(actionCases)(
      'refuses %s in the list-assessments action with an InputError',
      async (_name, input, message) => {
        const result = actions.invoke({
          id: 'test:list-assessments',
          input: input as any,
          credentials: mockCredentials.user(PLATFORM_USER),
        });
        await expect(result).rejects.toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(message),
        });
      },
    );

    it('refuses a NUL in the entityRef of the get-assessment action', async () => {
      await expect(
        actions.invoke({
          id: 'test:get-assessment',
          input: { entityRef: 'component:default/content-api\u0000' },
          credentials: mockCredentials.user(PLATFORM_USER),
        }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(
          /^entityRef must not contain control characters/,
        ),
      });
    });

    it('trims the text of the list-assessments action', async () => {
      const { output } = await actions.invoke({
        id: 'test:list-assessments',
        input: { q: '  content-api\n', owner: [' web-content '] },
        credentials: mockCredentials.user(PLATFORM_USER),
      });
      expect(
        (output as any).items.map((i: AssessmentSummary) => i.name),
      ).toEqual(['content-api']);
    });

    it('pages through every sort key and order with the cursors it hands out', async () => {
      const all = await get('/v1/assessments?limit=200');
      expect(all.status).toBe(200);
      expect(all.body.items.length).toBeGreaterThanOrEqual(8);
      for (const sort of ASSESSMENT_SORT_KEYS) {
        for (const order of ['asc', 'desc']) {
          const query = `sort=${sort}&order=${order}`;
          const whole = await get(`/v1/assessments?limit=200&${query}`);
          const names: string[] = [];
          let next: string | null = null;
          do {
            const res: request.Response = await get(
              `/v1/assessments?limit=2&${query}${
                next ? `&cursor=${encodeURIComponent(next)}` : ''
              }`,
            );
            expect({ query, error: res.body.error?.message }).toEqual({
              query,
              error: undefined,
            });
            names.push(...res.body.items.map((i: AssessmentSummary) => i.name));
            next = res.body.nextCursor;
          } while (next);
          expect({ query, names }).toEqual({
            query,
            names: whole.body.items.map((i: AssessmentSummary) => i.name),
          });
        }
      }
    });
  });
});
