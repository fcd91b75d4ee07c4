import type { paths } from './generated/schema';

/*
 * The routes of the Orchestration REST API as the client calls them, typed
 * by its OpenAPI document (plugins/orchestration-backend/src/schema/
 * openapi.yaml, generated into ./generated/schema.ts): route templates, path,
 * query and header parameters, JSON bodies and 2xx responses.
 */

/** A route template of the document, e.g. `/v1/clusters/{namespace}/{name}`. */
export type ApiRoute = keyof paths;

/** The methods the client uses. */
export type ApiMethod = 'get' | 'post';

type OperationOf<R extends ApiRoute, M extends ApiMethod> = Exclude<
  paths[R][M],
  undefined
>;

/** The routes that have an operation for the method. */
export type RoutesOf<M extends ApiMethod> = {
  [R in ApiRoute]: [OperationOf<R, M>] extends [never] ? never : R;
}[ApiRoute];

/** The path parameters of a route; never when it has none. */
export type PathParams<R extends ApiRoute> = paths[R]['parameters'] extends {
  path: infer P;
}
  ? P
  : never;

type ParametersOf<R extends ApiRoute, M extends ApiMethod> = OperationOf<
  R,
  M
> extends { parameters: infer P }
  ? P
  : never;

/** The query parameters of an operation, by name. */
export type QueryParams<R extends ApiRoute, M extends ApiMethod> = NonNullable<
  ParametersOf<R, M> extends { query?: infer Q } ? Q : never
>;

/** The header parameters of an operation, by name. */
export type HeaderParams<R extends ApiRoute, M extends ApiMethod> = NonNullable<
  ParametersOf<R, M> extends { header?: infer H } ? H : never
>;

/** The JSON body of an operation; never when it takes none. */
export type JsonBody<R extends ApiRoute, M extends ApiMethod> = OperationOf<
  R,
  M
> extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : never;

/** The JSON bodies of the 2xx responses of an operation. */
export type SuccessJson<R extends ApiRoute, M extends ApiMethod> = OperationOf<
  R,
  M
> extends { responses: infer Responses }
  ? {
      [S in keyof Responses]: S extends 200 | 201 | 202
        ? Responses[S] extends { content: { 'application/json': infer B } }
          ? B
          : never
        : never;
    }[keyof Responses]
  : never;

/** A query value as the client writes it: lists are joined with commas. */
export type QueryValue =
  | string
  | number
  | boolean
  | readonly string[]
  | null
  | undefined;

/** Query parameters the document has for the operation. */
export type QueryInput<R extends ApiRoute, M extends ApiMethod> = {
  [K in keyof QueryParams<R, M>]?: QueryValue;
};

/** Makes every key of Q that the operation does not have a compile error. */
type OnlyKnown<Q, Known> = { [K in Exclude<keyof Q, keyof Known>]: never };

/** The parts of a request to one operation. */
export type RequestParts<
  R extends ApiRoute,
  M extends ApiMethod,
  Q extends QueryInput<R, M>,
> = ([PathParams<R>] extends [never]
  ? { path?: undefined }
  : { path: PathParams<R> }) & {
  query?: Q & OnlyKnown<Q, QueryParams<R, M>>;
  headers?: { [K in keyof HeaderParams<R, M>]?: string };
  body?: JsonBody<R, M>;
  /** The media type to accept, for answers other than JSON. */
  accept?: string;
};

/**
 * The type a JSON answer is read as: a type of the API (plugin-orchestration-
 * common) that must refine the document's type of the answer, else the call
 * does not compile.
 */
export interface ResponseType<T> {
  readonly type?: T;
}

/** Reads the answer as T; see {@link ResponseType}. */
export function responseAs<T>(): ResponseType<T> {
  return {};
}

/**
 * Query parameters: empty values left out, lists joined with commas (the API
 * takes lists repeated or comma-separated), in the order given.
 */
export function toSearchParams(
  query: Record<string, QueryValue> = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  return params;
}

/** The route with its path parameters filled in (each URI-encoded) and the query. */
export function routeUrl<R extends ApiRoute>(
  route: R,
  path: PathParams<R> | undefined,
  query?: Record<string, QueryValue>,
): string {
  const filled = route.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = (path as Record<string, string> | undefined)?.[name];
    if (value === undefined) {
      throw new Error(`The path parameter ${name} of ${route} is missing`);
    }
    return encodeURIComponent(value);
  });
  const search = toSearchParams(query).toString();
  return search ? `${filled}?${search}` : filled;
}

/** The fetch options of a request: none for a plain GET. */
export function requestInit(
  method: ApiMethod,
  parts: {
    headers?: Record<string, string | undefined>;
    body?: unknown;
    accept?: string;
  },
): RequestInit | undefined {
  const headers: Record<string, string> = {};
  if (parts.accept) headers.accept = parts.accept;
  if (parts.body !== undefined) headers['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(parts.headers ?? {})) {
    if (value) headers[name.toLocaleLowerCase('en-US')] = value;
  }
  const init: RequestInit = {};
  if (method !== 'get') init.method = method.toLocaleUpperCase('en-US');
  if (Object.keys(headers).length > 0) init.headers = headers;
  if (parts.body !== undefined) init.body = JSON.stringify(parts.body);
  return Object.keys(init).length > 0 ? init : undefined;
}
