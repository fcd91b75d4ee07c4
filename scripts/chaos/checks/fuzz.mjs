// Check 4: a property-based HTTP fuzz. fast-check generates requests under /api/orchestration
// (known routes with mutated parameters, and random paths), with mutated query strings, headers
// (content type, Idempotency-Key, credentials present, absent or garbage) and bodies (JSON, YAML,
// garbage, large). The property: every request gets an answer, below 500, within 5 seconds; and
// the plugin is healthy afterwards. The same seed generates the same requests.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO_ROOT } from '../lib/backend.mjs';
import { describe, request } from '../lib/http.mjs';
import { log, pool, seconds } from '../lib/util.mjs';

// fast-check as the workspace that tests with it declares it.
const fc = createRequire(
  path.join(REPO_ROOT, 'plugins/orchestration-common/package.json'),
)('fast-check');

const SLOW_MS = 5_000;
const BASE = '/api/orchestration';
const COMPONENTS = [
  'content-api',
  'docs-website',
  'render-jobs',
  'thumbnail-service',
  'order-service',
  'storefront-web',
  'payments-gateway',
];
const CLUSTERS = ['prod-kops', 'prod-eks', 'dc-cluster'];
const ANNOTATIONS = [
  'workload-type',
  'portability',
  'aws-integrations',
  'resources',
  'current-platform',
  'cluster',
  'scheduling',
  'replicas',
  'ecosystem',
  'control-plane',
  'kubernetes-version',
  'etcd-members',
  'cert-expiry',
  'pod-ip-capacity',
  'platform-team',
];

const day = offset =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const safeEncode = text => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};

export function arbitraries() {
  const weird = fc.constantFrom(
    '..',
    '.',
    '%2e%2e',
    '%00',
    '%0A',
    '%7F',
    '%ff',
    '%',
    '%E0%A4%A',
    '%C3%A9t%C3%A9',
    '%25',
    '%2F',
    'a%2Fb',
    '%20',
    '~',
    'null',
    '__proto__',
    'constructor',
    '*',
    '%E2%80%AE',
    'x'.repeat(300),
    'y'.repeat(3000),
    '-1',
  );
  const segment = fc.oneof(
    fc.webSegment(),
    fc.string({ unit: 'binary', maxLength: 40 }).map(safeEncode),
    weird,
  );
  const kind = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom('component', 'Component', 'COMPONENT'),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'resource',
        'api',
        'user',
        'group',
        'location',
      ),
    },
    { weight: 2, arbitrary: segment },
  );
  const namespace = fc.oneof(
    { weight: 7, arbitrary: fc.constantFrom('default', 'Default') },
    { weight: 3, arbitrary: segment },
  );
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...COMPONENTS, ...CLUSTERS) },
    { weight: 4, arbitrary: segment },
  );

  const queryValue = fc.oneof(
    fc.constantFrom(
      '',
      '%20',
      'true',
      'false',
      'yes',
      '0',
      '1',
      '3',
      '50',
      '200',
      '201',
      '-1',
      '1.5',
      '1e3',
      '99999999999999999999999',
      'abc',
      'null',
      '[]',
      'asc',
      'desc',
      'DESC',
      'name',
      'fit',
      'cost',
      'nextDue',
      'owner',
      'eks',
      'ecs-fargate',
      'none',
      'group:default/platform',
      'platform,web-content',
      '%00',
      '%0A',
      '%7F',
      '%C3%A9',
      '%FF',
      '%',
      '%E2%80%AE',
      '2026-01-01T00:00:00Z',
      'q'.repeat(5000),
    ),
    fc.string({ maxLength: 30 }).map(safeEncode),
    fc.base64String({ maxLength: 120 }).map(safeEncode),
  );
  const queryKey = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.constantFrom(
        'owner',
        'system',
        'currentPlatform',
        'recommendedPlatform',
        'currentVerdict',
        'migration',
        'obligationStatus',
        'q',
        'sort',
        'order',
        'limit',
        'cursor',
        'wait',
        'now',
      ),
    },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.webSegment(),
        fc.constantFrom(
          '__proto__',
          'constructor',
          'owner[]',
          'limit[x]',
          'a.b',
          '%00',
          '',
        ),
      ),
    },
  );
  const FILTERS = {
    owner: [
      'group:default/platform',
      'web-content',
      'group:default/web-content,platform',
    ],
    system: ['content', 'system:default/commerce'],
    currentPlatform: [
      'ecs-fargate',
      'eks',
      'ecs-ec2',
      'self-managed-kubernetes',
      'none',
    ],
    recommendedPlatform: [
      'ecs-fargate',
      'eks',
      'ecs-ec2',
      'self-managed-kubernetes',
    ],
    currentVerdict: ['recommended', 'good', 'possible', 'poor', 'blocked'],
    migration: ['true', 'false'],
    obligationStatus: [
      'ok',
      'warning',
      'critical',
      'unknown',
      'not-applicable',
    ],
    q: ['api', 'content', 'pay', '%20web%20'],
    sort: [
      'name',
      'owner',
      'system',
      'currentPlatform',
      'recommendedPlatform',
      'fit',
      'cost',
      'obligationStatus',
      'nextDue',
    ],
    order: ['asc', 'desc'],
  };
  // Cursors shaped as the backend makes them (base64url JSON), with values of the wrong type or
  // out of range, so they get past the first checks.
  const base64Json = value =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const oddNumber = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1e308, -0, 0.5, -1),
  );
  const cursorValue = fc.oneof(
    oddNumber,
    fc.string({ maxLength: 30 }),
    fc.constantFrom(
      null,
      true,
      '2026-13-45',
      'not a date',
      '',
      'x'.repeat(1100),
    ),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const listCursor = fc
    .tuple(
      fc.constantFrom(...FILTERS.sort, 'bogus'),
      fc.constantFrom('asc', 'desc', 'up'),
      cursorValue,
      fc.oneof(
        fc.constantFrom('component:default/content-api', ''),
        fc.string({ maxLength: 20 }),
        oddNumber,
      ),
    )
    .map(base64Json);
  const pageCursor = fc
    .tuple(fc.constantFrom('reviews', 'history', 'x'), cursorValue)
    .map(base64Json);
  const KEYS_OF_USE = {
    list: { ...FILTERS, limit: ['1', '3', '50', '200'], cursor: listCursor },
    export: FILTERS,
    page: { limit: ['1', '5', '200'], cursor: pageCursor },
    refresh: { wait: ['true', 'false'] },
    evaluate: { now: ['2026-01-01T00:00:00Z', new Date().toISOString()] },
  };
  const validQuery = use => {
    const keys = KEYS_OF_USE[use];
    if (!keys) return fc.constant('');
    return fc
      .array(
        fc
          .constantFrom(...Object.keys(keys))
          .chain(k =>
            (Array.isArray(keys[k])
              ? fc.constantFrom(...keys[k])
              : keys[k]
            ).map(v => `${k}=${v}`),
          ),
        { maxLength: 4 },
      )
      .map(pairs => (pairs.length ? `?${pairs.join('&')}` : ''));
  };
  const mutatedQuery = fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .array(fc.tuple(queryKey, queryValue), { maxLength: 6 })
        .map(pairs =>
          pairs.length
            ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`
            : '',
        ),
    },
    {
      weight: 1,
      arbitrary: fc.webQueryParameters().map(q => (q ? `?${q}` : '')),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '?',
        '?&&',
        '?=',
        '?limit',
        '?cursor=%',
        '?limit=1&limit=2',
      ),
    },
  );

  const route = fc.oneof(
    {
      weight: 2,
      arbitrary: fc.constant({ method: 'GET', path: '/health', use: 'none' }),
    },
    {
      weight: 2,
      arbitrary: fc.constant({
        method: 'GET',
        path: '/v1/snapshot',
        use: 'none',
      }),
    },
    {
      weight: 2,
      arbitrary: fc.constant({
        method: 'POST',
        path: '/v1/snapshot/refresh',
        use: 'refresh',
      }),
    },
    {
      weight: 8,
      arbitrary: fc.constant({
        method: 'GET',
        path: '/v1/assessments',
        use: 'list',
      }),
    },
    {
      weight: 3,
      arbitrary: fc.constant({
        method: 'GET',
        path: '/v1/assessments/export',
        use: 'export',
      }),
    },
    ...['assessment', 'reviews', 'history'].map(leaf => ({
      weight: 5,
      arbitrary: fc.tuple(kind, namespace, name).map(([k, n, m]) => ({
        method: 'GET',
        path: `/v1/entities/${k}/${n}/${m}/${leaf}`,
        use: leaf === 'assessment' ? 'none' : 'page',
      })),
    })),
    {
      weight: 8,
      arbitrary: fc.tuple(kind, namespace, name).map(([k, n, m]) => ({
        method: 'POST',
        path: `/v1/entities/${k}/${n}/${m}/reviews`,
        use: 'review',
      })),
    },
    {
      weight: 8,
      arbitrary: fc.constant({
        method: 'POST',
        path: '/v1/evaluate',
        use: 'evaluate',
      }),
    },
    {
      weight: 2,
      arbitrary: fc.constant({
        method: 'GET',
        path: '/v1/clusters',
        use: 'none',
      }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(namespace, name).map(([n, m]) => ({
        method: 'GET',
        path: `/v1/clusters/${n}/${m}`,
        use: 'none',
      })),
    },
    {
      weight: 6,
      arbitrary: fc
        .oneof(
          fc.webPath(),
          fc
            .array(segment, { minLength: 1, maxLength: 7 })
            .map(s => `/${s.join('/')}`),
          fc.constantFrom(
            '//v1//assessments',
            '/v1/assessments/',
            '/V1/ASSESSMENTS',
            '/v1/entities/component/default',
            '/v1/entities/component/default/content-api',
            '/v1/entities/a/b/c/d/e/f',
            '/v1/evaluate/',
            '/v2/assessments',
            '/v1/snapshot/refresh/now',
          ),
        )
        .map(p => ({
          method: 'GET',
          path: p.startsWith('/') ? p : `/${p}`,
          use: 'random',
        })),
    },
  );
  const method = fc.oneof(
    { weight: 8, arbitrary: fc.constant(undefined) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'GET',
        'POST',
        'PUT',
        'PATCH',
        'DELETE',
        'HEAD',
        'OPTIONS',
      ),
    },
  );

  const auth = fc.oneof(
    { weight: 12, arbitrary: fc.constant('valid') },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        'absent',
        'Bearer garbage',
        'Bearer ',
        'bearer valid',
        'Basic dXNlcjpwYXNz',
        'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyOmRlZmF1bHQvZ3Vlc3QifQ.',
        'mutated',
        'Bearer ' + 'e'.repeat(9000),
      ),
    },
  );
  const contentType = fc.oneof(
    { weight: 10, arbitrary: fc.constant('auto') },
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        undefined,
        'application/json',
        'application/json; charset=utf-8',
        'application/yaml',
        'text/yaml',
        'application/x-yaml',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/json; charset=bogus',
        'APPLICATION/JSON',
        '*/*',
        'garbage',
        ';;;',
        'application/json, text/yaml',
      ),
    },
  );
  const idempotencyKey = fc.oneof(
    { weight: 8, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        'k'.repeat(201),
        'caf\u00e9\u00ff',
        'same-key-every-time',
        '\t',
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .string({ minLength: 1, maxLength: 40 })
        .filter(s => /^[\x20-\x7e]+$/.test(s)),
    },
  );
  const extraHeaders = fc.oneof(
    { weight: 8, arbitrary: fc.constant({}) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        { 'content-encoding': 'gzip' },
        { 'content-encoding': 'deflate' },
        { 'content-encoding': 'br' },
        { 'content-encoding': 'bogus' },
        { accept: 'text/html' },
        { accept: 'application/xml' },
        { 'x-forwarded-for': 'garbage, ::1, 999.1.1.1' },
        { 'transfer-encoding': 'chunked' },
        { expect: '100-continue' },
        { origin: 'http://evil.example' },
      ),
    },
  );

  const date = fc.oneof(
    fc.constantFrom(
      day(0),
      day(1),
      day(30),
      day(-1),
      '2099-12-31',
      '2000-01-01',
      '2024-02-30',
      '2025-13-01',
      'tomorrow',
      '',
    ),
    fc.string({ maxLength: 12 }),
  );
  const decision = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ kind: 'accept' }) },
    {
      weight: 5,
      arbitrary: fc.record(
        {
          kind: fc.constantFrom(
            'accept',
            'keep-current',
            'migrate',
            'exempt',
            'ACCEPT',
            '',
            null,
            7,
          ),
          comment: fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.constant('c'.repeat(2001)),
            fc.constant('\u0000\u0007'),
          ),
          targetPlatform: fc.constantFrom(
            'eks',
            'ecs-fargate',
            'ecs-ec2',
            'self-managed-kubernetes',
            'nomad',
            '',
          ),
          dueDate: date,
          justification: fc.string({ maxLength: 40 }),
          expiresOn: date,
        },
        { requiredKeys: ['kind'] },
      ),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
  const reviewBody = fc.record(
    {
      decision,
      assessedAt: fc.oneof(
        fc.constant(new Date().toISOString()),
        fc.string({ maxLength: 50 }),
      ),
      entityRef: fc.constantFrom(
        'component:default/content-api',
        'component:default/other',
        'x',
        7,
      ),
      extra: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  );
  const annotations = fc.dictionary(
    fc.oneof(
      fc.constantFrom(...ANNOTATIONS).map(a => `orchestration.io/${a}`),
      fc.string({ maxLength: 20 }),
    ),
    fc.oneof(
      fc.constantFrom(
        'api',
        'aws-only',
        'portable',
        'cpu=1,memory=2Gi',
        'cpu=9999,memory=1Ti',
        'eks',
        'ecs-fargate',
        'self-managed',
        '3',
        'true',
        '',
        'gpu, affinity',
      ),
      fc.string({ maxLength: 30 }),
    ),
    { maxKeys: 8 },
  );
  const entity = fc.record(
    {
      apiVersion: fc.constantFrom('backstage.io/v1alpha1', 'v2', ''),
      kind: fc.constantFrom('Component', 'Resource', 'component', 'Group', ''),
      metadata: fc.record(
        {
          name: fc.oneof(
            fc.constantFrom('fuzzed-service', 'content-api'),
            fc.string({ maxLength: 70 }),
          ),
          namespace: fc.constantFrom('default', 'other'),
          annotations,
        },
        { requiredKeys: ['name'] },
      ),
      spec: fc.record(
        {
          type: fc.constantFrom('service', 'kubernetes-cluster', 'website'),
          owner: fc.constantFrom(
            'group:platform',
            'group:web-content',
            'user:guest',
            '',
          ),
          lifecycle: fc.constantFrom('production', 'experimental'),
          system: fc.string({ maxLength: 10 }),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['kind', 'metadata'] },
  );
  const evaluateBody = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record(
        {
          entity,
          related: fc.array(entity, { maxLength: 4 }),
          now: fc.oneof(
            fc.constant(new Date().toISOString()),
            fc.string({ maxLength: 30 }),
          ),
        },
        { requiredKeys: ['entity'] },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        entity: fc.jsonValue({ maxDepth: 4 }),
        related: fc.jsonValue({ maxDepth: 3 }),
      }),
    },
  );
  const yamlOf = value => {
    const lines = [];
    const walk = (v, indent) => {
      for (const [k, x] of Object.entries(v)) {
        if (x && typeof x === 'object' && !Array.isArray(x)) {
          lines.push(`${indent}${JSON.stringify(k)}:`);
          walk(x, `${indent}  `);
        } else {
          lines.push(
            `${indent}${JSON.stringify(k)}: ${JSON.stringify(x ?? null)}`,
          );
        }
      }
    };
    walk(value, '');
    return lines.join('\n');
  };
  const yamlBody = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .array(entity, { minLength: 1, maxLength: 4 })
        .map(es => es.map(yamlOf).join('\n---\n')),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
        Array.from(
          { length: 60 },
          (_, i) => `kind: Group\nmetadata: {name: g${i}}`,
        ).join('\n---\n'),
        'kind: Component\nmetadata:\n  name: a\n  name: b\n',
        'kind: Component\n\tmetadata: bad indentation\n',
        '{{{{',
        '- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -',
        '!!binary aGVsbG8=',
        '!!js/function "function(){}"',
        '? [a, b]\n: c\n',
        '',
        '---\n---\n---\n',
        'kind: Component\nmetadata: {name: yaml-svc, annotations: {orchestration.io/workload-type: api}}\nspec: {owner: group:platform, type: service, lifecycle: production}\n',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );
  const anyBody = (weights = {}) =>
    fc.oneof(
      { weight: weights.none ?? 5, arbitrary: fc.constant({ type: 'none' }) },
      {
        weight: weights.review ?? 2,
        arbitrary: reviewBody.map(value => ({ type: 'json', value })),
      },
      {
        weight: weights.evaluate ?? 2,
        arbitrary: evaluateBody.map(value => ({ type: 'json', value })),
      },
      {
        weight: weights.yaml ?? 2,
        arbitrary: yamlBody.map(text => ({ type: 'yaml', text })),
      },
      {
        weight: 2,
        arbitrary: fc
          .jsonValue({ maxDepth: 4 })
          .map(value => ({ type: 'json', value })),
      },
      {
        weight: 1,
        arbitrary: fc
          .uint8Array({ maxLength: 4096 })
          .map(bytes => ({ type: 'bytes', bytes: Array.from(bytes) })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(
            'json-over-limit',
            'json-under-limit-evaluate',
            'json-deep',
            'json-wide',
            'yaml-over-limit',
            'yaml-under-limit',
            'json-long-comment',
          )
          .map(large => ({ type: 'large', large })),
      },
    );
  const BODY_OF_USE = {
    review: anyBody({ none: 1, review: 14, evaluate: 1, yaml: 1 }),
    evaluate: anyBody({ none: 1, review: 1, evaluate: 10, yaml: 6 }),
    refresh: anyBody({ none: 12 }),
  };

  return route.chain(r =>
    fc.record({
      route: fc.constant(r),
      method,
      query: fc.oneof(
        { weight: 6, arbitrary: validQuery(r.use) },
        { weight: 4, arbitrary: mutatedQuery },
      ),
      auth,
      contentType,
      idempotencyKey,
      extraHeaders,
      body: BODY_OF_USE[r.use] ?? anyBody({ none: 20 }),
    }),
  );
}

function largeBody(kind) {
  switch (kind) {
    case 'json-over-limit':
      return {
        type: 'application/json',
        data: JSON.stringify({
          entity: {
            kind: 'Component',
            metadata: { name: 'x', description: 'd'.repeat(1_100_000) },
          },
        }),
      };
    case 'json-under-limit-evaluate': {
      // Valid JSON just under the 1 MB limit.
      const related = Array.from({ length: 2200 }, (_, i) => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name: `team-${i}`,
          annotations: {
            'orchestration.io/platform-team': i % 7 === 0 ? 'true' : 'false',
          },
        },
        spec: {
          type: 'team',
          children: [],
          members: Array.from({ length: 20 }, (_, j) => `user-${i}-${j}`),
        },
      }));
      return {
        type: 'application/json',
        data: JSON.stringify({
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'big',
              annotations: {
                'orchestration.io/workload-type': 'api',
                'orchestration.io/current-platform': 'eks',
              },
            },
            spec: {
              type: 'service',
              owner: 'group:team-0',
              lifecycle: 'production',
            },
          },
          related,
        }),
      };
    }
    case 'json-deep':
      return {
        type: 'application/json',
        data: `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
      };
    case 'json-wide':
      return {
        type: 'application/json',
        data: JSON.stringify(
          Object.fromEntries(
            Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]),
          ),
        ),
      };
    case 'yaml-over-limit':
      return {
        type: 'application/yaml',
        data: `kind: Component\nmetadata:\n  name: big\n  description: ${'y'.repeat(
          300_000,
        )}\n`,
      };
    case 'yaml-under-limit':
      return {
        type: 'application/yaml',
        data: Array.from(
          { length: 45 },
          (_, i) =>
            `kind: Group\nmetadata: {name: g${i}, description: "${'z'.repeat(
              5000,
            )}"}\nspec: {type: team, children: [], members: [${Array.from(
              { length: 50 },
              (_, j) => `u${j}`,
            ).join(', ')}]}`,
        ).join('\n---\n'),
      };
    case 'json-long-comment':
    default:
      return {
        type: 'application/json',
        data: JSON.stringify({
          decision: { kind: 'accept', comment: 'c'.repeat(900_000) },
        }),
      };
  }
}

/** Turns a generated description into a concrete request. */
export function materialise(sample, token) {
  const method = sample.method ?? sample.route.method;
  const headers = {};
  switch (sample.auth) {
    case 'valid':
      headers.authorization = `Bearer ${token}`;
      break;
    case 'absent':
      break;
    case 'bearer valid':
      headers.authorization = `bearer ${token}`;
      break;
    case 'mutated':
      headers.authorization = `Bearer ${token.slice(0, -6)}AAAAAA`;
      break;
    default:
      headers.authorization = sample.auth;
  }
  let body;
  let autoType;
  const b = sample.body;
  if (b.type === 'json') {
    body = JSON.stringify(b.value ?? null);
    autoType = 'application/json';
  } else if (b.type === 'yaml') {
    body = b.text;
    autoType = 'application/yaml';
  } else if (b.type === 'bytes') {
    body = Buffer.from(b.bytes);
    autoType = 'application/octet-stream';
  } else if (b.type === 'large') {
    const large = largeBody(b.large);
    body = large.data;
    autoType = large.type;
  }
  const type = sample.contentType === 'auto' ? autoType : sample.contentType;
  if (type !== undefined) headers['content-type'] = type;
  if (sample.idempotencyKey !== undefined)
    headers['idempotency-key'] = sample.idempotencyKey;
  Object.assign(headers, sample.extraHeaders);
  if (headers['transfer-encoding']) {
    // Sent chunked by Node itself when there is no content-length; keep the two consistent.
    delete headers['transfer-encoding'];
  }
  return {
    method,
    path: `${BASE}${sample.route.path}${sample.query}`,
    headers,
    body,
  };
}

export async function fuzz({
  backend,
  label,
  runs,
  seed,
  concurrency = 4,
  resultsDir,
  report,
  budgetMs = 240_000,
}) {
  const arbitrary = arbitraries();
  const counts = {
    '2xx': 0,
    '3xx': 0,
    '4xx': 0,
    '5xx': 0,
    'no answer': 0,
    'not sent': 0,
  };
  const failures = [];
  let slowest = { millis: 0 };
  let slow = 0;
  const started = Date.now();
  let skipped = 0;
  const send = async sample => {
    if (Date.now() - started > budgetMs) {
      skipped += 1;
      return;
    }
    const req = materialise(sample, backend.token);
    const res = await request(backend.baseUrl, { ...req, timeoutMs: 20_000 });
    if (res.notSent) {
      counts['not sent'] += 1;
      return;
    }
    const cls = res.status ? `${Math.floor(res.status / 100)}xx` : 'no answer';
    counts[cls] = (counts[cls] ?? 0) + 1;
    if (res.millis > slowest.millis)
      slowest = { millis: res.millis, req, status: res.status ?? res.error };
    const tooSlow = res.millis > SLOW_MS;
    if (tooSlow) slow += 1;
    if (!res.status || res.status >= 500 || tooSlow) {
      const why = !res.status
        ? `no answer (${res.error})`
        : res.status >= 500
        ? `${res.status}`
        : `slow`;
      const headers = { ...req.headers };
      if (headers.authorization?.includes(backend.token)) {
        headers.authorization = headers.authorization.replace(
          backend.token,
          '<guest token>',
        );
      }
      failures.push({
        why,
        kind: `${why} ${req.method} ${sample.route.use}`,
        millis: Math.round(res.millis),
        request: describe(req),
        response: (res.text ?? '').slice(0, 400),
        full: {
          ...req,
          headers,
          body:
            typeof req.body === 'string' && req.body.length > 20_000
              ? `(${req.body.length} characters)`
              : Buffer.isBuffer(req.body)
              ? req.body.toString('base64')
              : req.body,
        },
      });
    }
  };
  // Requests Node refuses to send do not count: further samples (next seeds) make up for them.
  for (
    let batch = 0, wanted = runs;
    wanted > 0 && batch < 5 && !skipped;
    batch++
  ) {
    await pool(
      fc.sample(arbitrary, { numRuns: wanted, seed: seed + batch }),
      concurrency,
      send,
    );
    wanted =
      runs -
      (Object.values(counts).reduce((a, n) => a + n, 0) - counts['not sent']);
  }
  const elapsed = Date.now() - started;
  const health = await request(backend.baseUrl, {
    path: `${BASE}/health`,
    timeoutMs: 10_000,
  });
  const healthy = health.status === 200 && health.json?.status === 'ok';
  const file = path.join(
    resultsDir,
    `fuzz-failures-${label.toLowerCase()}.json`,
  );
  if (failures.length)
    fs.writeFileSync(file, `${JSON.stringify(failures, null, 2)}\n`);
  const sent =
    Object.values(counts).reduce((a, n) => a + n, 0) - counts['not sent'];
  const lines = [
    `${sent} requests (seed ${seed}, ${
      counts['not sent']
    } refused by the client) in ${seconds(elapsed)}: ${Object.entries(counts)
      .filter(([k]) => k !== 'not sent')
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; over 5 s ${slow}${
      skipped
        ? `; ${skipped} not sent: over the budget of ${budgetMs / 1000} s`
        : ''
    }`,
    `slowest ${seconds(slowest.millis)}: ${slowest.status} for ${
      slowest.req ? describe(slowest.req).slice(0, 300) : '-'
    }`,
    `health afterwards: ${health.status ?? health.error} ${
      healthy ? 'ok' : (health.text ?? '').slice(0, 100)
    }`,
    // The first failure of each kind (answer, method, route).
    ...failures
      .filter((f, i) => failures.findIndex(g => g.kind === f.kind) === i)
      .slice(0, 8)
      .map(
        f =>
          `  failure (${f.why}, ${f.millis} ms): ${f.request.slice(
            0,
            600,
          )} -> ${f.response.slice(0, 200)}`,
      ),
    ...(failures.length
      ? [`  all ${failures.length} failures, with the exact requests: ${file}`]
      : []),
  ];
  report.check(
    `HTTP fuzz (${label})`,
    sent >= runs && failures.length === 0 && healthy,
    lines,
  );
  log(`fuzz ${label} done: ${lines[0]}`);
}
