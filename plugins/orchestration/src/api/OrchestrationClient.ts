import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  AssessmentHistoryResponse,
  AssessmentListQuery,
  AssessmentListResponse,
  ClusterListResponse,
  ClusterSummary,
  EntityAssessmentResponse,
  EvaluateResponse,
  PageQuery,
  ReviewDecision,
  ReviewListResponse,
  ReviewRecord,
  RollupResponse,
} from '@orchestration/plugin-orchestration-common';
import { EvaluateRequest, OrchestrationApi } from './OrchestrationApi';
import {
  ApiMethod,
  QueryInput,
  QueryValue,
  RequestParts,
  ResponseType,
  RoutesOf,
  SuccessJson,
  requestInit,
  responseAs,
  routeUrl,
  toSearchParams,
} from './routes';

/**
 * An error answered by the Orchestration backend. `message` is the server's
 * own explanation, ready to show to the user.
 *
 * @public
 */
export class OrchestrationApiError extends Error {
  readonly status: number;
  /** The `error.name` of the server's error body, e.g. `NotAllowedError`. */
  readonly errorName?: string;

  constructor(message: string, status: number, errorName?: string) {
    super(message);
    this.name = 'OrchestrationApiError';
    this.status = status;
    this.errorName = errorName;
  }
}

/**
 * Turns the filters of the assessment list into query parameters: lists are
 * comma-separated, empty values are left out.
 *
 * @public
 */
export function assessmentQueryToParams(
  query: AssessmentListQuery = {},
): URLSearchParams {
  return toSearchParams({ ...query });
}

/** The path parameters of an entity's routes: kind, namespace and name in lower case. */
function entityParams(ref: CompoundEntityRef) {
  const lower = (part: string) => part.toLocaleLowerCase('en-US');
  return {
    kind: lower(ref.kind),
    namespace: lower(ref.namespace),
    name: lower(ref.name),
  };
}

/**
 * The default {@link OrchestrationApi}: calls the backend through the
 * discovery and fetch APIs, so requests carry the user's credentials. Routes,
 * parameters, bodies and answers are typed by the API's OpenAPI document.
 *
 * @public
 */
export class OrchestrationClient implements OrchestrationApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getEntityAssessment(
    entity: CompoundEntityRef,
  ): Promise<EntityAssessmentResponse> {
    return this.call(
      'get',
      '/v1/entities/{kind}/{namespace}/{name}/assessment',
      { path: entityParams(entity) },
      responseAs<EntityAssessmentResponse>(),
    );
  }

  listAssessments(
    query: AssessmentListQuery = {},
  ): Promise<AssessmentListResponse> {
    return this.call(
      'get',
      '/v1/assessments',
      { query },
      responseAs<AssessmentListResponse>(),
    );
  }

  /** The CSV of every matching row: the filters, sort and order of the query, without its paging. */
  async exportAssessments(query: AssessmentListQuery = {}): Promise<Blob> {
    const { limit: _limit, cursor: _cursor, ...filters } = query;
    const response = await this.send('get', '/v1/assessments/export', {
      query: filters,
      accept: 'text/csv',
    });
    return response.blob();
  }

  evaluate(request: EvaluateRequest): Promise<EvaluateResponse> {
    return this.call(
      'post',
      '/v1/evaluate',
      { body: request },
      responseAs<EvaluateResponse>(),
    );
  }

  listClusters(): Promise<ClusterListResponse> {
    return this.call(
      'get',
      '/v1/clusters',
      {},
      responseAs<ClusterListResponse>(),
    );
  }

  /** The CSV of every fact of the clusters: provenance, source, age and freshness. */
  async exportClusters(): Promise<Blob> {
    const response = await this.send('get', '/v1/clusters/export', {
      accept: 'text/csv',
    });
    return response.blob();
  }

  getCluster(cluster: CompoundEntityRef): Promise<ClusterSummary> {
    return this.call(
      'get',
      '/v1/clusters/{namespace}/{name}',
      { path: { namespace: cluster.namespace, name: cluster.name } },
      responseAs<ClusterSummary>(),
    );
  }

  getRollup(entity: CompoundEntityRef): Promise<RollupResponse> {
    return this.call(
      'get',
      '/v1/rollups/{kind}/{namespace}/{name}',
      { path: entityParams(entity) },
      responseAs<RollupResponse>(),
    );
  }

  listReviews(
    entity: CompoundEntityRef,
    page: PageQuery = {},
  ): Promise<ReviewListResponse> {
    return this.call(
      'get',
      '/v1/entities/{kind}/{namespace}/{name}/reviews',
      { path: entityParams(entity), query: { ...page } },
      responseAs<ReviewListResponse>(),
    );
  }

  createReview(
    entity: CompoundEntityRef,
    decision: ReviewDecision,
    options?: { idempotencyKey?: string },
  ): Promise<ReviewRecord> {
    return this.call(
      'post',
      '/v1/entities/{kind}/{namespace}/{name}/reviews',
      {
        path: entityParams(entity),
        headers: { 'Idempotency-Key': options?.idempotencyKey },
        body: { decision },
      },
      responseAs<ReviewRecord>(),
    );
  }

  getHistory(
    entity: CompoundEntityRef,
    page: PageQuery = {},
  ): Promise<AssessmentHistoryResponse> {
    return this.call(
      'get',
      '/v1/entities/{kind}/{namespace}/{name}/history',
      { path: entityParams(entity), query: { ...page } },
      responseAs<AssessmentHistoryResponse>(),
    );
  }

  /** Calls an operation of the document and reads its JSON answer as T. */
  private async call<
    M extends ApiMethod,
    R extends RoutesOf<M>,
    Q extends QueryInput<R, M>,
    T extends SuccessJson<R, M>,
  >(
    method: M,
    route: R,
    parts: RequestParts<R, M, Q>,
    _response: ResponseType<T>,
  ): Promise<T> {
    const response = await this.send(method, route, parts);
    return (await response.json()) as T;
  }

  private async send<
    M extends ApiMethod,
    R extends RoutesOf<M>,
    Q extends QueryInput<R, M>,
  >(method: M, route: R, parts: RequestParts<R, M, Q>): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('orchestration');
    const url = `${baseUrl}${routeUrl(
      route,
      parts.path,
      parts.query as Record<string, QueryValue> | undefined,
    )}`;
    const init = requestInit(method, {
      headers: parts.headers as Record<string, string | undefined>,
      body: parts.body,
      accept: parts.accept,
    });
    let response: Response;
    try {
      response = await this.fetchApi.fetch(url, init);
    } catch (error) {
      throw new OrchestrationApiError(
        `Could not reach the Orchestration backend at ${baseUrl}: ${
          error instanceof Error ? error.message : String(error)
        }`,
        0,
      );
    }
    if (response.ok) return response;
    throw await toError(response, baseUrl);
  }
}

async function toError(
  response: Response,
  baseUrl: string,
): Promise<OrchestrationApiError> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { name?: unknown; message?: unknown } })
    ?.error;
  const message = typeof error?.message === 'string' ? error.message : '';
  const name = typeof error?.name === 'string' ? error.name : undefined;
  if (response.status === 404 && !message) {
    return new OrchestrationApiError(
      `The Orchestration backend was not found at ${baseUrl} (404). Is the backend plugin @orchestration/plugin-orchestration-backend installed?`,
      404,
      name,
    );
  }
  return new OrchestrationApiError(
    message ||
      `The Orchestration backend answered ${response.status} ${response.statusText}`.trim(),
    response.status,
    name,
  );
}
