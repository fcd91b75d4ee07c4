import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
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

/**
 * The body of `POST /v1/evaluate`: an entity as it would be, assessed
 * without being stored.
 *
 * @public
 */
export interface EvaluateRequest {
  /** The Component to assess, usually with modified annotations. */
  entity: Entity;
  /** Related entities (its cluster, owner) to use instead of the catalog's. */
  related?: Entity[];
  /** The instant to assess at, ISO-8601. */
  now?: string;
}

/**
 * Client of the Orchestration backend (`/api/orchestration/v1`).
 *
 * @public
 */
export interface OrchestrationApi {
  getEntityAssessment(
    entity: CompoundEntityRef,
  ): Promise<EntityAssessmentResponse>;
  listAssessments(query?: AssessmentListQuery): Promise<AssessmentListResponse>;
  /** The CSV export of the assessments matching the filters. */
  exportAssessments(query?: AssessmentListQuery): Promise<Blob>;
  evaluate(request: EvaluateRequest): Promise<EvaluateResponse>;
  listClusters(): Promise<ClusterListResponse>;
  /** The CSV export of every fact of the clusters, with its provenance and age. */
  exportClusters(): Promise<Blob>;
  getCluster(cluster: CompoundEntityRef): Promise<ClusterSummary>;
  /**
   * The roll-up of a Group (with the Groups below it) or a System: its
   * services by platform, open migrations with their decisions, the most
   * urgent obligations and the coverage.
   */
  getRollup(entity: CompoundEntityRef): Promise<RollupResponse>;
  /** A page of the reviews (newest first) and the decision in force. */
  listReviews(
    entity: CompoundEntityRef,
    page?: PageQuery,
  ): Promise<ReviewListResponse>;
  /**
   * Records a decision. Send the same `idempotencyKey` when retrying the same
   * decision, so it is stored once.
   */
  createReview(
    entity: CompoundEntityRef,
    decision: ReviewDecision,
    options?: { idempotencyKey?: string },
  ): Promise<ReviewRecord>;
  /** A page of the history of the assessment, newest first. */
  getHistory(
    entity: CompoundEntityRef,
    page?: PageQuery,
  ): Promise<AssessmentHistoryResponse>;
}

/**
 * Reference to the {@link OrchestrationApi}.
 *
 * @public
 */
export const orchestrationApiRef = createApiRef<OrchestrationApi>().with({
  id: 'plugin.orchestration.service',
  pluginId: 'orchestration',
});
