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
} from '@orchestration/plugin-orchestration-common';
import { EvaluateRequest, OrchestrationApi } from './OrchestrationApi';

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

function pageParams(page: PageQuery = {}): string {
  const params = new URLSearchParams();
  if (page.limit !== undefined) params.set('limit', String(page.limit));
  if (page.cursor) params.set('cursor', page.cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function entityPath(ref: CompoundEntityRef): string {
  return [ref.kind, ref.namespace, ref.name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
}

/**
 * The default {@link OrchestrationApi}: calls the backend through the
 * discovery and fetch APIs, so requests carry the user's credentials.
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
    return this.json(`/v1/entities/${entityPath(entity)}/assessment`);
  }

  listAssessments(
    query?: AssessmentListQuery,
  ): Promise<AssessmentListResponse> {
    const params = assessmentQueryToParams(query).toString();
    return this.json(`/v1/assessments${params ? `?${params}` : ''}`);
  }

  /** The CSV of every matching row: the filters, sort and order of the query, without its paging. */
  async exportAssessments(query?: AssessmentListQuery): Promise<Blob> {
    const params = assessmentQueryToParams({
      ...query,
      limit: undefined,
      cursor: undefined,
    }).toString();
    const response = await this.request(
      `/v1/assessments/export${params ? `?${params}` : ''}`,
      { headers: { accept: 'text/csv' } },
    );
    return response.blob();
  }

  evaluate(request: EvaluateRequest): Promise<EvaluateResponse> {
    return this.json('/v1/evaluate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  listClusters(): Promise<ClusterListResponse> {
    return this.json('/v1/clusters');
  }

  getCluster(cluster: CompoundEntityRef): Promise<ClusterSummary> {
    return this.json(
      `/v1/clusters/${encodeURIComponent(
        cluster.namespace,
      )}/${encodeURIComponent(cluster.name)}`,
    );
  }

  listReviews(
    entity: CompoundEntityRef,
    page?: PageQuery,
  ): Promise<ReviewListResponse> {
    return this.json(
      `/v1/entities/${entityPath(entity)}/reviews${pageParams(page)}`,
    );
  }

  createReview(
    entity: CompoundEntityRef,
    decision: ReviewDecision,
    options?: { idempotencyKey?: string },
  ): Promise<ReviewRecord> {
    return this.json(`/v1/entities/${entityPath(entity)}/reviews`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options?.idempotencyKey
          ? { 'idempotency-key': options.idempotencyKey }
          : {}),
      },
      body: JSON.stringify({ decision }),
    });
  }

  getHistory(
    entity: CompoundEntityRef,
    page?: PageQuery,
  ): Promise<AssessmentHistoryResponse> {
    return this.json(
      `/v1/entities/${entityPath(entity)}/history${pageParams(page)}`,
    );
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.request(path, init);
    return (await response.json()) as T;
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('orchestration');
    const url = `${baseUrl}${path}`;
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
