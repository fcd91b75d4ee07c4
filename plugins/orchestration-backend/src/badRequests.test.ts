import request from 'supertest';
import { PLATFORM_USER } from './__fixtures__/catalog';
import { startOrchestration, userHeader } from './__testUtils__/testBackend';

const base = '/api/orchestration';
const reviews = '/v1/entities/component/default/content-api/reviews';
const big = JSON.stringify({
  entity: {
    kind: 'Component',
    metadata: { name: 'x', description: 'x'.repeat(1_100_000) },
  },
});

type Case = {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  type?: string;
  status: number;
  message: RegExp;
};

const cases: Array<[string, Case]> = [
  [
    'limit zero',
    {
      method: 'GET',
      path: '/v1/assessments?limit=0',
      status: 400,
      message: /limit must be a whole number from 1 to 200; got 0/,
    },
  ],
  [
    'limit too big',
    {
      method: 'GET',
      path: '/v1/assessments?limit=201',
      status: 400,
      message: /limit must be a whole number from 1 to 200; got 201/,
    },
  ],
  [
    'limit not a number',
    {
      method: 'GET',
      path: '/v1/assessments?limit=ten',
      status: 400,
      message: /limit must be a whole number/,
    },
  ],
  [
    'limit negative',
    {
      method: 'GET',
      path: '/v1/assessments?limit=-5',
      status: 400,
      message: /limit must be a whole number/,
    },
  ],
  [
    'limit twice',
    {
      method: 'GET',
      path: '/v1/assessments?limit=5&limit=6',
      status: 400,
      message: /^limit must be given once$/,
    },
  ],
  [
    'unknown sort',
    {
      method: 'GET',
      path: '/v1/assessments?sort=colour',
      status: 400,
      message: /^sort must be one of name, owner, .*, nextDue; got colour$/,
    },
  ],
  [
    'unknown order',
    {
      method: 'GET',
      path: '/v1/assessments?order=up',
      status: 400,
      message: /^order must be one of asc, desc; got up$/,
    },
  ],
  [
    'unknown parameter',
    {
      method: 'GET',
      path: '/v1/assessments?colour=red',
      status: 400,
      message:
        /^Unknown query parameter 'colour'; GET \/v1\/assessments takes owner, system, .*, limit, cursor$/,
    },
  ],
  [
    'bad currentPlatform',
    {
      method: 'GET',
      path: '/v1/assessments?currentPlatform=nomad',
      status: 400,
      message:
        /currentPlatform must be one of ecs-fargate, ecs-ec2, eks, self-managed-kubernetes, none; got nomad/,
    },
  ],
  [
    'bad recommendedPlatform',
    {
      method: 'GET',
      path: '/v1/assessments?recommendedPlatform=none',
      status: 400,
      message: /recommendedPlatform must be one of .*; got none/,
    },
  ],
  [
    'bad verdict',
    {
      method: 'GET',
      path: '/v1/assessments?currentVerdict=great',
      status: 400,
      message:
        /currentVerdict must be one of recommended, good, possible, poor, blocked; got great/,
    },
  ],
  [
    'bad obligation status',
    {
      method: 'GET',
      path: '/v1/assessments?obligationStatus=fine',
      status: 400,
      message: /obligationStatus must be one of .*; got fine/,
    },
  ],
  [
    'bad migration flag',
    {
      method: 'GET',
      path: '/v1/assessments?migration=yes',
      status: 400,
      message: /migration must be true or false; got yes/,
    },
  ],
  [
    'empty owner',
    {
      method: 'GET',
      path: '/v1/assessments?owner=,',
      status: 400,
      message: /owner must not be empty/,
    },
  ],
  [
    'malformed owner ref',
    {
      method: 'GET',
      path: '/v1/assessments?owner=group:',
      status: 400,
      message: /owner must be an entity ref/,
    },
  ],
  [
    'query too long',
    {
      method: 'GET',
      path: `/v1/assessments?q=${'a'.repeat(201)}`,
      status: 400,
      message: /q must be at most 200 characters/,
    },
  ],
  [
    'garbage cursor',
    {
      method: 'GET',
      path: '/v1/assessments?cursor=not-a-cursor',
      status: 400,
      message: /cursor is not valid/,
    },
  ],
  [
    'cursor of another sort',
    {
      method: 'GET',
      path: `/v1/assessments?sort=fit&cursor=${Buffer.from(
        JSON.stringify(['name', 'asc', 'a', 'component:default/a']),
      ).toString('base64url')}`,
      status: 400,
      message: /cursor was made for sort=name&order=asc/,
    },
  ],
  [
    'export with limit',
    {
      method: 'GET',
      path: '/v1/assessments/export?limit=5',
      status: 400,
      message:
        /^Unknown query parameter 'limit'; GET \/v1\/assessments\/export takes owner, .*, sort, order$/,
    },
  ],
  [
    'export bad filter',
    {
      method: 'GET',
      path: '/v1/assessments/export?currentVerdict=meh',
      status: 400,
      message: /currentVerdict must be one of/,
    },
  ],
  [
    'assessment of an API',
    {
      method: 'GET',
      path: '/v1/entities/api/default/content-api/assessment',
      status: 400,
      message: /Assessments are made for Components; got kind 'api'/,
    },
  ],
  [
    'malformed name',
    {
      method: 'GET',
      path: '/v1/entities/component/default/bad%20name/assessment',
      status: 400,
      message: /Malformed entity ref: name 'bad name'/,
    },
  ],
  [
    'malformed namespace',
    {
      method: 'GET',
      path: '/v1/entities/component/no$pe/x/assessment',
      status: 400,
      message: /Malformed entity ref: namespace 'no\$pe'/,
    },
  ],
  [
    'malformed kind',
    {
      method: 'GET',
      path: '/v1/entities/9kind/default/x/history',
      status: 400,
      message: /Malformed entity ref: kind '9kind'/,
    },
  ],
  [
    'unknown entity',
    {
      method: 'GET',
      path: '/v1/entities/component/default/ghost/assessment',
      status: 404,
      message: /No entity component:default\/ghost in the catalog/,
    },
  ],
  [
    'unknown cluster',
    {
      method: 'GET',
      path: '/v1/clusters/default/ghost',
      status: 404,
      message:
        /No kubernetes-cluster Resource resource:default\/ghost in the snapshot/,
    },
  ],
  [
    'review of an unknown entity',
    {
      method: 'POST',
      path: '/v1/entities/component/default/ghost/reviews',
      body: { decision: { kind: 'accept' } },
      status: 404,
      message: /No entity component:default\/ghost in the catalog/,
    },
  ],
  [
    'review without decision',
    {
      method: 'POST',
      path: reviews,
      body: {},
      status: 400,
      message: /Invalid review: decision/,
    },
  ],
  [
    'review with unknown kind',
    {
      method: 'POST',
      path: reviews,
      body: { decision: { kind: 'maybe' } },
      status: 400,
      message:
        /decision.kind: must be one of accept, keep-current, migrate, exempt/,
    },
  ],
  [
    'exempt without justification',
    {
      method: 'POST',
      path: reviews,
      body: { decision: { kind: 'exempt', expiresOn: '2027-01-01' } },
      status: 400,
      message: /justification is required/,
    },
  ],
  [
    'migrate with a bad date',
    {
      method: 'POST',
      path: reviews,
      body: {
        decision: {
          kind: 'migrate',
          targetPlatform: 'eks',
          dueDate: '2027-02-30',
        },
      },
      status: 400,
      message: /dueDate must be a real date written as YYYY-MM-DD/,
    },
  ],
  [
    'migrate to an unknown platform',
    {
      method: 'POST',
      path: reviews,
      body: {
        decision: {
          kind: 'migrate',
          targetPlatform: 'nomad',
          dueDate: '2027-01-01',
        },
      },
      status: 400,
      message: /targetPlatform must be one of/,
    },
  ],
  [
    'review for another entity',
    {
      method: 'POST',
      path: reviews,
      body: {
        entityRef: 'component:default/other',
        decision: { kind: 'accept' },
      },
      status: 400,
      message:
        /entityRef in the body \(component:default\/other\) does not match the path \(component:default\/content-api\)/,
    },
  ],
  [
    'review as an array',
    {
      method: 'POST',
      path: reviews,
      body: [1, 2],
      status: 400,
      message: /^The body must be a JSON object$/,
    },
  ],
  [
    'review as text',
    {
      method: 'POST',
      path: reviews,
      body: 'accept',
      type: 'text/plain',
      status: 415,
      message:
        /Content-Type text\/plain is not supported here; send application\/json/,
    },
  ],
  [
    'review with invalid JSON',
    {
      method: 'POST',
      path: reviews,
      body: '{"decision":',
      type: 'application/json',
      status: 400,
      message: /The request body is not valid JSON/,
    },
  ],
  [
    'evaluate as form data',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: 'a=b',
      type: 'application/x-www-form-urlencoded',
      status: 415,
      message:
        /Content-Type application\/x-www-form-urlencoded is not supported here/,
    },
  ],
  [
    'evaluate over 1 MB',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: big,
      type: 'application/json',
      status: 413,
      message: /larger than the 1 MB allowed/,
    },
  ],
  [
    'evaluate without entity',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: {},
      status: 400,
      message: /^entity is required in the body$/,
    },
  ],
  [
    'evaluate with a non-entity',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: { entity: { kind: 'Component' } },
      status: 400,
      message: /entity must be a catalog entity with kind and metadata.name/,
    },
  ],
  [
    'evaluate an API',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: { entity: { kind: 'API', metadata: { name: 'x' } } },
      status: 400,
      message: /entity must be a Component; got kind API/,
    },
  ],
  [
    'evaluate with bad now',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: {
        entity: { kind: 'Component', metadata: { name: 'x' } },
        now: 'yesterday',
      },
      status: 400,
      message: /now must be an ISO-8601 timestamp/,
    },
  ],
  [
    'evaluate with bad related',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: {
        entity: { kind: 'Component', metadata: { name: 'x' } },
        related: [{ kind: 'Group' }],
      },
      status: 400,
      message: /related\[0\] must be a catalog entity/,
    },
  ],
  [
    'evaluate with unknown field',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: {
        entity: { kind: 'Component', metadata: { name: 'x' } },
        extra: 1,
      },
      status: 400,
      message: /Unknown field extra in the body/,
    },
  ],
  [
    'evaluate broken YAML',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: 'kind: Component\nmetadata: [unclosed',
      type: 'application/yaml',
      status: 400,
      message: /The YAML body could not be parsed/,
    },
  ],
  [
    'evaluate YAML without Component',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: 'kind: Group\nmetadata:\n  name: g\n',
      type: 'text/yaml',
      status: 400,
      message: /The YAML body has no Component to assess/,
    },
  ],
  [
    'evaluate empty YAML',
    {
      method: 'POST',
      path: '/v1/evaluate',
      body: ' ',
      type: 'application/yaml',
      status: 400,
      message: /(The YAML body is empty|must be string)/,
    },
  ],
  [
    'refresh with an unknown wait',
    {
      method: 'POST',
      path: '/v1/snapshot/refresh?wait=maybe',
      status: 400,
      message: /^wait must be one of true, false; got maybe$/,
    },
  ],
  [
    'clusters with a query parameter',
    {
      method: 'GET',
      path: '/v1/clusters?owner=x',
      status: 400,
      message:
        /^Unknown query parameter 'owner'; GET \/v1\/clusters takes no query parameters$/,
    },
  ],
  [
    'reviews with limit twice',
    {
      method: 'GET',
      path: `${reviews}?limit=5&limit=6`,
      status: 400,
      message: /^limit must be given once$/,
    },
  ],
  [
    'refresh with a text body',
    {
      method: 'POST',
      path: '/v1/snapshot/refresh',
      body: 'now',
      type: 'text/plain',
      status: 415,
      message: /This route takes no body/,
    },
  ],
];

describe('bad requests', () => {
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startOrchestration();
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop();
  });

  it('has a case for every kind of mistake', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s', async (_name, c) => {
    let req =
      c.method === 'GET'
        ? request(server).get(`${base}${c.path}`)
        : request(server).post(`${base}${c.path}`);
    req = req.set('Authorization', userHeader(PLATFORM_USER));
    if (c.type) req = req.set('Content-Type', c.type);
    const res =
      c.body === undefined ? await req : await req.send(c.body as any);
    expect({ status: res.status, message: res.body?.error?.message }).toEqual({
      status: c.status,
      message: expect.stringMatching(c.message),
    });
  });
});
