import { PlatformId } from '../annotations';
import {
  Assessment,
  ClusterAssessment,
  Confidence,
  DecidingInput,
  Migration,
  MigrationEffort,
  ObligationId,
  ObligationStatus,
  PlatformVerdict,
} from '../engine/types';
import type { ReportableClusterFactKey } from '../clusterFacts/keys';
import { ReviewRecord } from '../review';

/**
 * Types of the Orchestration REST API (`/api/orchestration/v1`), shared by the
 * backend that serves it and the frontend client that calls it.
 */

/**
 * How fresh the stored snapshot of all assessments is.
 *
 * @public
 */
export interface SnapshotInfo {
  /** When the snapshot was last refreshed; null before the first refresh. */
  refreshedAt: string | null;
  /** True when the snapshot could not be refreshed from the catalog and older data is served. */
  stale: boolean;
  /** Why the data is stale, in words, when it is. */
  staleReason?: string;
  /** Components in the snapshot. */
  entityCount: number;
  /**
   * How many Components of the catalog carry orchestration annotations, out of
   * all Components, as counted by the last complete refresh; null before it.
   */
  coverage?: SnapshotCoverage | null;
}

/**
 * Annotated Components out of all Components of the catalog.
 *
 * @public
 */
export interface SnapshotCoverage {
  annotated: number;
  components: number;
}

/**
 * One run of the snapshot refresh.
 *
 * @public
 */
export interface SnapshotRun {
  id: number;
  startedAt: string;
  completedAt: string | null;
  status: 'running' | 'complete' | 'failed';
  /** Components assessed by the run. */
  entityCount: number;
  error: string | null;
}

/**
 * `GET /v1/snapshot` and `POST /v1/snapshot/refresh` (202).
 *
 * @public
 */
export interface SnapshotStatusResponse {
  snapshot: SnapshotInfo;
  /** The most recent refresh, finished or not; null before the first. */
  lastRun: SnapshotRun | null;
}

/**
 * One row of the assessment list: what the dashboard table shows for a service.
 *
 * @public
 */
export interface AssessmentSummary {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  /** Owner entity ref, e.g. `group:default/web-content`; null when the entity has none. */
  owner: string | null;
  /** System entity ref; null when the entity belongs to none. */
  system: string | null;
  /** Where it runs today, from `orchestration.io/current-platform`; null when not said. */
  currentPlatform: PlatformId | 'none' | null;
  recommendedPlatform: PlatformId | null;
  recommendationStatus: 'recommended' | 'insufficient-data';
  confidence: Confidence;
  /** Verdict of the platform it runs on today (null when it runs on none or it is unknown). */
  currentVerdict: PlatformVerdict | null;
  /** Fit of the recommended platform, 0-100; null without a recommendation. */
  fit: number | null;
  /**
   * The suggested migration's route; its reasons and steps are in the
   * entity's assessment, its effort in `migrationEffort`.
   */
  migration: MigrationRoute | null;
  /** The most urgent status among the obligations that are not hypothetical; null when none apply. */
  obligationStatus: ObligationStatus | null;
  /** The earliest due date among those obligations. */
  nextDue: string | null;
  warningCount: number;
  validationErrorCount: number;
  assessedAt: string;
  /**
   * Estimated monthly cost (USD) of the recommended platform; null without a
   * recommendation, when the platform has no estimate, or for rows stored
   * before the backend kept it (until the next snapshot refresh).
   */
  recommendedMonthlyUsd: number | null;
  /** Estimated monthly cost (USD) of the platform it runs on today; null as above, or when it runs on none. */
  currentMonthlyUsd: number | null;
  /** Effort class of the suggested migration; null without one. */
  migrationEffort: MigrationEffort | null;
  /**
   * Missing or invalid inputs that would change the recommendation, the first
   * {@link ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS} in the engine's order;
   * the full list is in the entity's assessment. Empty when there are none.
   */
  decidingInputs: DecidingInput[];
  /**
   * The decision in force for the service (newest review, unless it is an
   * exemption that has expired; see `decisionInForce`); null when none.
   */
  inForce?: ReviewRecord | null;
}

/**
 * At most this many deciding inputs come with each row of the assessment list.
 *
 * @public
 */
export const ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS = 5;

/**
 * Counts by value, for the dashboard tiles and filters.
 *
 * @public
 */
export interface AssessmentFacets {
  currentPlatform: Record<string, number>;
  recommendedPlatform: Record<string, number>;
  currentVerdict: Record<string, number>;
  obligationStatus: Record<string, number>;
  migration: { candidates: number; none: number };
}

/**
 * `GET /v1/assessments`
 *
 * @public
 */
export interface AssessmentListResponse {
  items: AssessmentSummary[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
  /** Rows matching the filters, across all pages. */
  totalItems: number;
  /** Facets over the rows matching the filters. */
  facets: AssessmentFacets;
  snapshot: SnapshotInfo;
}

/**
 * Columns `GET /v1/assessments` can sort by. `cost` is the recommended
 * platform's monthly cost, rows without one last in either order.
 *
 * @public
 */
export const ASSESSMENT_SORT_KEYS = [
  'name',
  'owner',
  'system',
  'currentPlatform',
  'recommendedPlatform',
  'fit',
  'cost',
  'obligationStatus',
  'nextDue',
] as const;
/**
 * A column `GET /v1/assessments` can sort by.
 *
 * @public
 */
export type AssessmentSortKey = (typeof ASSESSMENT_SORT_KEYS)[number];

/**
 * Filters of `GET /v1/assessments` and `GET /v1/assessments/export` (query parameters).
 *
 * @public
 */
export interface AssessmentListQuery {
  owner?: string[];
  system?: string[];
  currentPlatform?: string[];
  recommendedPlatform?: string[];
  currentVerdict?: PlatformVerdict[];
  /** `true`: migration candidates only; `false`: services with no migration. */
  migration?: boolean;
  obligationStatus?: ObligationStatus[];
  /** Free text matched against name, title, owner and system. */
  q?: string;
  sort?: AssessmentSortKey;
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
}

/**
 * `GET /v1/entities/{kind}/{namespace}/{name}/assessment`
 *
 * @public
 */
export interface EntityAssessmentResponse {
  assessment: Assessment;
  /** The assessment of the cluster the service names, when it names one that resolves. */
  cluster: ClusterAssessment | null;
}

/**
 * `POST /v1/evaluate` response.
 *
 * @public
 */
export interface EvaluateResponse {
  assessment: Assessment;
}

/**
 * Where a suggested migration goes. Lists and history carry only this; the
 * reasons, effort and steps are in the entity's assessment.
 *
 * @public
 */
export type MigrationRoute = Pick<Migration, 'from' | 'to'>;

/**
 * One service on a cluster.
 *
 * @public
 */
export interface ClusterService {
  entityRef: string;
  name: string;
  title: string | null;
  owner: string | null;
  currentPlatform: PlatformId | 'none' | null;
  recommendedPlatform: PlatformId | null;
  migration: MigrationRoute | null;
}

/**
 * `GET /v1/clusters` item, and `GET /v1/clusters/{namespace}/{name}`.
 *
 * @public
 */
export interface ClusterSummary {
  entityRef: string;
  name: string;
  title: string | null;
  owner: string | null;
  assessment: ClusterAssessment;
  /** Most urgent obligation status of the cluster. */
  obligationStatus: ObligationStatus | null;
  services: ClusterService[];
}

/**
 * `GET /v1/clusters`
 *
 * @public
 */
export interface ClusterListResponse {
  items: ClusterSummary[];
  snapshot: SnapshotInfo;
}

/**
 * A report of cluster facts as the backend stored it: the validated body of
 * `POST /v1/clusters/{namespace}/{name}/facts`, with who sent it and when it
 * arrived.
 *
 * @public
 */
export interface StoredClusterFactsReport {
  /** Identifies the report (a UUID). */
  id: string;
  /** Entity ref of the kubernetes-cluster Resource. */
  clusterRef: string;
  source: string;
  /** When the facts were observed, ISO-8601 UTC. */
  observedAt: string;
  /** When the report arrived, ISO-8601 UTC. */
  receivedAt: string;
  /** Who sent it: a user entity ref, or the subject of a service token. */
  reportedBy: string;
  /** Values by full annotation key, trimmed. */
  facts: Partial<Record<ReportableClusterFactKey, string>>;
}

/**
 * `POST /v1/clusters/{namespace}/{name}/facts` response (202).
 *
 * @public
 */
export interface ClusterFactsReportResponse {
  report: StoredClusterFactsReport;
  /**
   * Older reports of the same cluster removed by retention
   * (`orchestration.clusterFacts.retention`) when this one was stored.
   */
  pruned: number;
  /**
   * The cluster assessed now with the report, when the caller may read it
   * (null for a token that may only report); the services on the cluster
   * follow at the next snapshot refresh.
   */
  assessment: ClusterAssessment | null;
  /** Most urgent obligation status of that assessment; null without one. */
  obligationStatus: ObligationStatus | null;
  /**
   * Facts of the report that do not speak for the cluster now, and why: past
   * their freshness limit already, or older than another report of the
   * same fact. They are stored all the same.
   */
  warnings: string[];
}

/**
 * A page of `GET /v1/entities/{kind}/{namespace}/{name}/reviews`, newest first.
 *
 * @public
 */
export interface ReviewListResponse {
  items: ReviewRecord[];
  /** The `cursor` of the next (older) page; null on the last page. */
  nextCursor: string | null;
  /**
   * The decision in force at the time of the request, from all reviews of the
   * service, whichever page was asked for; see `decisionInForce`.
   */
  inForce: ReviewRecord | null;
}

/**
 * One change of an entity's assessment over time, newest first in `GET .../history`.
 *
 * @public
 */
export interface AssessmentHistoryEntry {
  recordedAt: string;
  recommendedPlatform: PlatformId | null;
  confidence: Confidence;
  fit: number | null;
  migration: MigrationRoute | null;
  obligationStatuses: Partial<Record<ObligationId, ObligationStatus>>;
  /** What changed against the previous entry, in words; empty for the first entry. */
  changes: string[];
}

/**
 * A page of `GET /v1/entities/{kind}/{namespace}/{name}/history`, newest first.
 *
 * @public
 */
export interface AssessmentHistoryResponse {
  items: AssessmentHistoryEntry[];
  /** The `cursor` of the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * The kinds of entity a roll-up is made for.
 *
 * @public
 */
export const ROLLUP_KINDS = ['group', 'system'] as const;

/**
 * `group` or `system`.
 *
 * @public
 */
export type RollupKind = (typeof ROLLUP_KINDS)[number];

/**
 * At most this many migrations and urgent obligations are listed in a roll-up; the rest are counted.
 *
 * @public
 */
export const ROLLUP_MAX_ITEMS = 10;

/**
 * A service of a roll-up: which Component, and who owns it.
 *
 * @public
 */
export interface RollupService {
  entityRef: string;
  name: string;
  title: string | null;
  owner: string | null;
}

/**
 * An open migration of a roll-up, with the decision in force on it.
 *
 * @public
 */
export interface RollupMigration extends RollupService {
  from: string;
  to: string;
  effort: MigrationEffort | null;
  /** Fit of the recommended platform, 0 to 100. */
  fit: number | null;
  /** The decision in force at the time of the request; null when none was recorded. */
  inForce: ReviewRecord | null;
}

/**
 * A service of a roll-up with an urgent (critical or warning) obligation.
 *
 * @public
 */
export interface RollupObligation extends RollupService {
  status: ObligationStatus;
  /** The most urgent obligation of the service that applies. */
  obligation: {
    id: string;
    title: string;
    status: ObligationStatus;
    due: string | null;
  } | null;
  /** The soonest due date among its obligations. */
  nextDue: string | null;
}

/**
 * `GET /v1/rollups/{kind}/{namespace}/{name}`: the services of a Group (its
 * own and its sub-groups') or of a System, from the snapshot served.
 *
 * @public
 */
export interface RollupResponse {
  entityRef: string;
  kind: RollupKind;
  /**
   * For a Group, the Groups whose services are counted: the Group itself and
   * every Group below it (by `spec.parent`), as the snapshot served knew
   * them; the first 50 are listed. For a System, the System itself.
   */
  scope: { entityRefs: string[]; total: number };
  /** Assessed services in scope the caller may read. */
  totalServices: number;
  /** Services by the platform they run on today (`none`, `unknown` when not stated). */
  byCurrentPlatform: Record<string, number>;
  /** Services by the recommended platform (`unknown` without a recommendation). */
  byRecommendedPlatform: Record<string, number>;
  /** Open migrations, best fit first: the first few, and how many there are. */
  migrations: { total: number; items: RollupMigration[] };
  /**
   * Services with a critical or warning obligation, most urgent and soonest
   * due first; the first few, and the services by obligation status.
   */
  obligations: {
    byStatus: Record<string, number>;
    items: RollupObligation[];
  };
  /**
   * Components in scope that carry orchestration annotations, out of all of
   * them (annotated or not), as counted by the refresh of the snapshot
   * served; null before a refresh counted them.
   */
  coverage: SnapshotCoverage | null;
  snapshot: SnapshotInfo;
}

/**
 * Paging of `GET .../reviews` and `GET .../history`.
 *
 * @public
 */
export interface PageQuery {
  /** Items per page, 1 to 200; default 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * The JSON body of every error answer (Backstage's standard error shape).
 *
 * @public
 */
export interface OrchestrationErrorBody {
  error: { name: string; message: string };
  request?: { method: string; url: string };
  response: { statusCode: number };
}
