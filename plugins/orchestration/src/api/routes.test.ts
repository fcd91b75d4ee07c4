import { requestInit, routeUrl, toSearchParams } from './routes';

describe('routeUrl', () => {
  it.each([
    [
      'a route without parameters',
      routeUrl('/v1/clusters', undefined),
      '/v1/clusters',
    ],
    [
      'path parameters, URI-encoded',
      routeUrl('/v1/clusters/{namespace}/{name}', {
        namespace: 'team a',
        name: 'prod/kops',
      }),
      '/v1/clusters/team%20a/prod%2Fkops',
    ],
    [
      'a query after the path',
      routeUrl(
        '/v1/entities/{kind}/{namespace}/{name}/history',
        { kind: 'component', namespace: 'default', name: 'x' },
        { limit: 20, cursor: 'a+b' },
      ),
      '/v1/entities/component/default/x/history?limit=20&cursor=a%2Bb',
    ],
    [
      'no question mark for an empty query',
      routeUrl('/v1/assessments', undefined, { q: '', owner: [] }),
      '/v1/assessments',
    ],
  ])('writes %s', (_, url, expected) => {
    expect(url).toBe(expected);
  });

  it('refuses a missing path parameter rather than calling another route', () => {
    expect(() =>
      routeUrl('/v1/clusters/{namespace}/{name}', {
        namespace: 'default',
      } as any),
    ).toThrow(
      'The path parameter name of /v1/clusters/{namespace}/{name} is missing',
    );
  });
});

describe('toSearchParams', () => {
  it('joins lists with commas, writes scalars as text and leaves empty values out', () => {
    expect(
      toSearchParams({
        owner: ['group:default/a', 'b'],
        system: [],
        migration: false,
        limit: 5,
        q: '',
        sort: undefined,
        order: null,
      }).toString(),
    ).toBe('owner=group%3Adefault%2Fa%2Cb&migration=false&limit=5');
  });
});

describe('requestInit', () => {
  it.each([
    ['nothing for a plain GET', 'get' as const, {}, undefined],
    [
      'the accepted type',
      'get' as const,
      { accept: 'text/csv' },
      { headers: { accept: 'text/csv' } },
    ],
    [
      'a JSON body',
      'post' as const,
      { body: { decision: { kind: 'accept' } } },
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"decision":{"kind":"accept"}}',
      },
    ],
    [
      'header parameters in lower case, and none when empty',
      'post' as const,
      {
        body: {},
        headers: { 'Idempotency-Key': 'k-1', 'X-Empty': undefined },
      },
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': 'k-1',
        },
        body: '{}',
      },
    ],
  ])('sends %s', (_, method, parts, expected) => {
    expect(requestInit(method, parts)).toEqual(expected);
  });
});
