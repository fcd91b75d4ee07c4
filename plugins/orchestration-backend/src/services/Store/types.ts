import type {
  Assessment,
  AssessmentFacets,
  AssessmentSummary,
  ClusterAssessment,
  ObligationStatus,
  ReviewRecord,
  SnapshotCoverage,
} from '@orchestration/plugin-orchestration-common';
import type { Knex } from 'knex';
import type { HistoryState } from '../Assessor/summarise';
import type { AssessmentRow } from './rows';

/** One run of the snapshot refresh. Its id also names the generation of rows it writes. */
export interface SnapshotRecord {
  id: number;
  startedAt: string;
  completedAt: string | null;
  status: 'running' | 'complete' | 'failed';
  /** Components assessed. */
  entityCount: number;
  error: string | null;
  /** What the run counted in the catalog; null for runs that counted nothing (failed, running, or older). */
  coverage: SnapshotCoverage | null;
}

/** The lease a running refresh holds, so only one runs at a time across instances. */
export interface RefreshLease {
  runId: number;
  /** The instance running it, for messages. */
  owner: string | null;
  startedAt: string;
  /** Renewed while the run is alive. */
  heartbeatAt: string;
}

/** When a refresh lease counts as abandoned. */
export interface LeaseLimits {
  /** A lease not renewed for this long belongs to a stopped instance. */
  staleAfterMs: number;
  /** A run that started longer ago than this is treated as dead, renewed or not. */
  maxRunMs: number;
}

/** The generation served, the one before it, and the refresh lease. */
export interface GenerationState {
  current: number | null;
  previous: number | null;
  lease: RefreshLease | null;
}

/** An assessment as a refresh stores it. */
export interface AssessmentRecord {
  summary: AssessmentSummary;
  assessment: Assessment;
  /** The cluster named by `orchestration.io/cluster`, if any. */
  cluster: string | null;
  /** Urgency of `summary.obligationStatus` (0 when none applies), which the list sorts by. */
  obligationRank: number;
  /** Fingerprint of the history state. */
  fingerprint: string;
}

/** A stored cluster assessment. */
export interface ClusterRecord {
  entityRef: string;
  name: string;
  title: string | null;
  owner: string | null;
  obligationStatus: ObligationStatus | null;
  assessment: ClusterAssessment;
}

/** One entry of an entity's history. */
export interface HistoryRecord {
  entityRef: string;
  recordedAt: string;
  state: HistoryState;
  changes: string[];
  fingerprint: string;
}

/** The newest history entry of an entity: what the next one is compared with. */
export interface LatestHistory {
  state: HistoryState;
  fingerprint: string;
}

/** A page of the assessment list, all read from one generation. */
export interface AssessmentPage {
  items: AssessmentSummary[];
  nextCursor: string | null;
  totalItems: number;
  facets: AssessmentFacets;
  /** The run whose generation was read; null before the first refresh completed. */
  generation: SnapshotRecord | null;
  /** The newest run of any status, read with the page. */
  lastRun?: SnapshotRecord;
}

/**
 * A row of the export: the stored row with the decision in force. The CSV
 * writer reads the stored columns (with fallbacks for rows written before a
 * column existed).
 */
export type ExportRow = AssessmentRow & { inForce: ReviewRecord | null };

/** A SQL condition over assessment rows, from a permission decision. */
export type RowCondition = (builder: Knex.QueryBuilder) => void;
