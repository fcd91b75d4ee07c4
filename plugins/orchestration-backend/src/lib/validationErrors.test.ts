import { ConflictError, InputError } from '@backstage/errors';
import { Request } from 'express';
import { clarifyValidationErrors } from './validationErrors';

const spec = {
  paths: {
    '/v1/things': {
      get: {
        parameters: [
          { $ref: '#/components/parameters/owner' },
          { name: 'sort', in: 'query' },
        ],
      },
    },
    '/v1/things/{name}': {
      parameters: [{ name: 'name', in: 'path' }],
      get: {},
      post: { parameters: [{ name: 'Idempotency-Key', in: 'header' }] },
    },
  },
  components: { parameters: { owner: { name: 'owner', in: 'query' } } },
};

function clarify(
  error: unknown,
  req: { method?: string; path?: string; query?: Record<string, unknown> },
): unknown {
  let passed: unknown;
  clarifyValidationErrors(spec)(
    error,
    { method: 'GET', path: '/v1/things', query: {}, ...req } as Request,
    {} as any,
    (value?: unknown) => {
      passed = value;
    },
  );
  return passed;
}

describe('clarifyValidationErrors', () => {
  it.each([
    [
      'an enum value, with the value sent',
      'request/query/sort must be equal to one of the allowed values: name, fit',
      { query: { sort: 'colour' } },
      'sort must be one of name, fit; got colour',
    ],
    [
      'a parameter given twice',
      'request/query/sort must be string',
      { query: { sort: ['name', 'fit'] } },
      'sort must be given once',
    ],
    [
      'an unknown query parameter, with those the route takes',
      "Unknown query parameter 'colour'",
      { query: { colour: 'red' } },
      "Unknown query parameter 'colour'; GET /v1/things takes owner, sort",
    ],
    [
      'an unknown query parameter of a route that takes none',
      "Unknown query parameter 'x'",
      { path: '/v1/things/a', query: { x: '1' } },
      "Unknown query parameter 'x'; GET /v1/things/{name} takes no query parameters",
    ],
    [
      'a body that is not an object',
      'request/body must be object',
      { method: 'POST' },
      'The body must be a JSON object',
    ],
    [
      'a missing field',
      "request/body must have required property 'entity'",
      { method: 'POST' },
      'entity is required in the body',
    ],
    [
      'a missing nested field',
      "request/body/decision must have required property 'kind'",
      { method: 'POST' },
      'decision.kind is required in the body',
    ],
    [
      'a field of the wrong type, by its path',
      'request/body/related/0 must be object',
      { method: 'POST' },
      'related[0] in the body must be object',
    ],
    [
      'a path parameter',
      'request/params/name must NOT have more than 3 characters',
      { path: '/v1/things/abcd' },
      'Path parameter name must NOT have more than 3 characters',
    ],
    [
      'a header',
      'request/headers/idempotency-key must be string',
      { method: 'POST', path: '/v1/things/a' },
      'Header idempotency-key must be string',
    ],
    [
      'several problems, one after the other',
      'request/query/sort must be equal to one of the allowed values: name, fit, request/query/owner must be string',
      { query: { sort: 'x', owner: ['a', 'b'] } },
      'sort must be one of name, fit; got x; owner must be given once',
    ],
  ])('words %s', (_, message, req, expected) => {
    const clarified = clarify(new InputError(message), req);
    expect(clarified).toBeInstanceOf(InputError);
    expect((clarified as Error).message).toBe(expected);
  });

  it.each([
    ['a message of the API itself', new InputError('limit must be 1 to 200')],
    ['another error', new ConflictError('request/query/x taken')],
    ['a thrown string', 'request/query/sort'],
  ])('leaves %s as it is', (_, error) => {
    expect(clarify(error, {})).toBe(error);
  });
});
