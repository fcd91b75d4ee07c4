import type * as Api from '@orchestration/plugin-orchestration-common';
import type * as Spec from './openapi';
import { loadOpenApiSpec } from './spec';

/*
 * The TypeScript types of the API (plugin-orchestration-common) against the
 * schemas of src/schema/openapi.yaml, checked by the compiler: every property
 * of the TypeScript type is in the schema, and every value of the TypeScript
 * type is valid for the schema (so each property the schema requires is in
 * the type too). A field added to the TypeScript type and not to the
 * document, or required by the document and not sent, fails `yarn tsc`.
 */

/** True when every property of T is documented in the schema S. */
type Documented<T, S> = [keyof T] extends [keyof S] ? true : false;

/** True when every property of T is in the (non-null) schema S and T fits S. */
type Agrees<T, S> = Documented<T, NonNullable<S>> extends true
  ? [T] extends [NonNullable<S>]
    ? true
    : false
  : false;

/** True when every value of T is valid for the schema S. */
type Fits<T, S> = [T] extends [S] ? true : false;

const agreements: Record<string, true> = {
  SnapshotInfo: true satisfies Agrees<Api.SnapshotInfo, Spec.SnapshotInfo>,
  SnapshotCoverage: true satisfies Agrees<
    Api.SnapshotCoverage,
    Spec.SnapshotCoverage
  >,
  SnapshotStatusResponse: true satisfies Agrees<
    Api.SnapshotStatusResponse,
    Spec.SnapshotStatusResponse
  >,
  AssessmentSummary: true satisfies Agrees<
    Api.AssessmentSummary,
    Spec.AssessmentSummary
  >,
  AssessmentFacets: true satisfies Agrees<
    Api.AssessmentFacets,
    Spec.AssessmentFacets
  >,
  AssessmentListResponse: true satisfies Agrees<
    Api.AssessmentListResponse,
    Spec.AssessmentListResponse
  >,
  Assessment: true satisfies Agrees<Api.Assessment, Spec.Assessment>,
  Recommendation: true satisfies Agrees<
    Api.Recommendation,
    Spec.Recommendation
  >,
  DecidingInput: true satisfies Agrees<Api.DecidingInput, Spec.DecidingInput>,
  PlatformAssessment: true satisfies Agrees<
    Api.PlatformAssessment,
    Spec.PlatformAssessment
  >,
  PlatformCost: true satisfies Agrees<Api.PlatformCost, Spec.PlatformCost>,
  CostLine: true satisfies Agrees<Api.CostLine, Spec.CostLine>,
  Reason: true satisfies Agrees<Api.Reason, Spec.Reason>,
  NamedOption: true satisfies Agrees<Api.NamedOption, Spec.NamedOption>,
  AssessmentWarning: true satisfies Agrees<
    Api.AssessmentWarning,
    Spec.AssessmentWarning
  >,
  Migration: true satisfies Agrees<Api.Migration, Spec.Migration>,
  Obligation: true satisfies Agrees<Api.Obligation, Spec.Obligation>,
  Evidence: true satisfies Agrees<Api.Evidence, Spec.Evidence>,
  MissingInput: true satisfies Agrees<Api.MissingInput, Spec.MissingInput>,
  ValidationProblem: true satisfies Agrees<
    Api.ValidationProblem,
    Spec.ValidationProblem
  >,
  ClusterAssessment: true satisfies Agrees<
    Api.ClusterAssessment,
    Spec.ClusterAssessment
  >,
  EntityAssessmentResponse: true satisfies Agrees<
    Api.EntityAssessmentResponse,
    Spec.EntityAssessmentResponse
  >,
  EvaluateResponse: true satisfies Agrees<
    Api.EvaluateResponse,
    Spec.EvaluateResponse
  >,
  ClusterService: true satisfies Agrees<
    Api.ClusterService,
    Spec.ClusterService
  >,
  ClusterSummary: true satisfies Agrees<
    Api.ClusterSummary,
    Spec.ClusterSummary
  >,
  ClusterListResponse: true satisfies Agrees<
    Api.ClusterListResponse,
    Spec.ClusterListResponse
  >,
  StoredClusterFactsReport: true satisfies Agrees<
    Api.StoredClusterFactsReport,
    Spec.StoredClusterFactsReport
  >,
  ClusterFactsReportResponse: true satisfies Agrees<
    Api.ClusterFactsReportResponse,
    Spec.ClusterFactsReportResponse
  >,
  ReviewRecord: true satisfies Agrees<Api.ReviewRecord, Spec.ReviewRecord>,
  ReviewInForce: true satisfies Agrees<Api.ReviewRecord, Spec.ReviewInForce>,
  ReviewListResponse: true satisfies Agrees<
    Api.ReviewListResponse,
    Spec.ReviewListResponse
  >,
  AssessmentHistoryEntry: true satisfies Agrees<
    Api.AssessmentHistoryEntry,
    Spec.AssessmentHistoryEntry
  >,
  AssessmentHistoryResponse: true satisfies Agrees<
    Api.AssessmentHistoryResponse,
    Spec.AssessmentHistoryResponse
  >,
  Error: true satisfies Agrees<Api.OrchestrationErrorBody, Spec.Error>,
  // A union in TypeScript, one object with optional fields in the document.
  ReviewDecision: true satisfies Fits<Api.ReviewDecision, Spec.ReviewDecision>,
};

describe('the TypeScript types of the API', () => {
  it('are checked against schemas the document has', () => {
    const schemas = Object.keys(loadOpenApiSpec().components.schemas);
    const missing = Object.keys(agreements).filter(
      name => !schemas.includes(name),
    );
    expect(missing).toEqual([]);
  });
});
