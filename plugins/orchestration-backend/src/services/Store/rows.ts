import {
  AssessmentSummary,
  ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS,
  DecidingInput,
  MIGRATION_EFFORTS,
  MigrationEffort,
  PLATFORM_IDS,
} from '@orchestration/plugin-orchestration-common';
import type { AssessmentRecord } from './types';

/** Tables of the plugin. */
export const TABLES = {
  snapshots: 'orchestration_snapshots',
  snapshotState: 'orchestration_snapshot_state',
  assessments: 'orchestration_assessments',
  clusters: 'orchestration_clusters',
  history: 'orchestration_history',
  reviews: 'orchestration_reviews',
};

/**
 * A row of `orchestration_assessments`: one Component in one generation of
 * the snapshot (`snapshot_id`, the run that wrote it).
 */
export interface AssessmentRow {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  current_platform: string | null;
  recommended_platform: string | null;
  recommendation_status: string;
  confidence: string;
  current_verdict: string | null;
  fit: number | null;
  migration_from: string | null;
  migration_to: string | null;
  is_migration: boolean;
  obligation_status: string | null;
  obligation_rank: number;
  next_due: string | null;
  cluster: string | null;
  warning_count: number;
  validation_error_count: number;
  assessed_at: string;
  search_text: string;
  fingerprint: string;
  snapshot_id: number;
  assessment: string;
  /** Monthly cost of the recommended platform; null also in rows not refreshed since the column was added. */
  recommended_monthly_usd: number | null;
  current_monthly_usd: number | null;
  migration_effort: string | null;
  /** JSON array of every deciding input; null only in rows not refreshed since the column was added. */
  deciding_inputs: string | null;
}

/** The columns a list page needs: the summary, without the full assessment. */
export const LIST_COLUMNS = [
  'entity_ref',
  'kind',
  'namespace',
  'name',
  'title',
  'owner',
  'system',
  'current_platform',
  'recommended_platform',
  'recommendation_status',
  'confidence',
  'current_verdict',
  'fit',
  'migration_from',
  'migration_to',
  'obligation_status',
  'obligation_rank',
  'next_due',
  'warning_count',
  'validation_error_count',
  'assessed_at',
  'recommended_monthly_usd',
  'current_monthly_usd',
  'migration_effort',
  'deciding_inputs',
];

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function isDecidingInput(value: unknown): value is DecidingInput {
  const input = value as DecidingInput;
  return (
    typeof input === 'object' &&
    input !== null &&
    typeof input.key === 'string' &&
    typeof input.value === 'string' &&
    (input.wouldRecommend === null ||
      (PLATFORM_IDS as readonly string[]).includes(input.wouldRecommend))
  );
}

/**
 * The deciding inputs stored in a row, in the engine's order; undefined
 * when the row has not been refreshed since the column was added (the
 * stored assessment still has them).
 */
export function storedDecidingInputs(
  row: Pick<AssessmentRow, 'deciding_inputs'>,
): DecidingInput[] | undefined {
  if (row.deciding_inputs === null || row.deciding_inputs === undefined) {
    return undefined;
  }
  try {
    const parsed = JSON.parse(row.deciding_inputs);
    return Array.isArray(parsed) ? parsed.filter(isDecidingInput) : [];
  } catch {
    return [];
  }
}

/** The migration effort of a row, when it is one the API knows. */
export function storedMigrationEffort(
  row: Pick<AssessmentRow, 'migration_effort'>,
): MigrationEffort | null {
  return (MIGRATION_EFFORTS as readonly unknown[]).includes(
    row.migration_effort,
  )
    ? (row.migration_effort as MigrationEffort)
    : null;
}

/** The monthly costs of a row; null where it has none. */
export function storedMonthlyUsd(
  row: Pick<AssessmentRow, 'recommended_monthly_usd' | 'current_monthly_usd'>,
): { recommended: number | null; current: number | null } {
  return {
    recommended: numberOrNull(row.recommended_monthly_usd),
    current: numberOrNull(row.current_monthly_usd),
  };
}

/** Turns a stored row back into the API's summary (without the decision in force). */
export function rowToSummary(row: AssessmentRow): AssessmentSummary {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    title: row.title,
    owner: row.owner,
    system: row.system,
    currentPlatform:
      row.current_platform as AssessmentSummary['currentPlatform'],
    recommendedPlatform:
      row.recommended_platform as AssessmentSummary['recommendedPlatform'],
    recommendationStatus:
      row.recommendation_status as AssessmentSummary['recommendationStatus'],
    confidence: row.confidence as AssessmentSummary['confidence'],
    currentVerdict: row.current_verdict as AssessmentSummary['currentVerdict'],
    fit: row.fit === null || row.fit === undefined ? null : Number(row.fit),
    migration:
      row.migration_from && row.migration_to
        ? ({
            from: row.migration_from,
            to: row.migration_to,
          } as AssessmentSummary['migration'])
        : null,
    obligationStatus:
      row.obligation_status as AssessmentSummary['obligationStatus'],
    nextDue: row.next_due,
    warningCount: Number(row.warning_count),
    validationErrorCount: Number(row.validation_error_count),
    assessedAt: row.assessed_at,
    recommendedMonthlyUsd: numberOrNull(row.recommended_monthly_usd),
    currentMonthlyUsd: numberOrNull(row.current_monthly_usd),
    migrationEffort: storedMigrationEffort(row),
    decidingInputs: (storedDecidingInputs(row) ?? []).slice(
      0,
      ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS,
    ),
  };
}

/** The row of an assessment in a generation. */
export function recordToRow(
  record: AssessmentRecord,
  generation: number,
): AssessmentRow {
  const { summary, assessment } = record;
  return {
    entity_ref: summary.entityRef,
    kind: summary.kind,
    namespace: summary.namespace,
    name: summary.name,
    title: summary.title,
    owner: summary.owner,
    system: summary.system,
    current_platform: summary.currentPlatform,
    recommended_platform: summary.recommendedPlatform,
    recommendation_status: summary.recommendationStatus,
    confidence: summary.confidence,
    current_verdict: summary.currentVerdict,
    fit: summary.fit,
    migration_from: summary.migration?.from ?? null,
    migration_to: summary.migration?.to ?? null,
    is_migration: summary.migration !== null,
    obligation_status: summary.obligationStatus,
    obligation_rank: record.obligationRank,
    next_due: summary.nextDue,
    cluster: record.cluster,
    warning_count: summary.warningCount,
    validation_error_count: summary.validationErrorCount,
    assessed_at: summary.assessedAt,
    search_text: [summary.name, summary.title, summary.owner, summary.system]
      .filter(Boolean)
      .join(' ')
      .toLocaleLowerCase('en-US'),
    fingerprint: record.fingerprint,
    snapshot_id: generation,
    assessment: JSON.stringify(assessment),
    recommended_monthly_usd: summary.recommendedMonthlyUsd,
    current_monthly_usd: summary.currentMonthlyUsd,
    migration_effort: summary.migrationEffort,
    // Every deciding input (the summary carries the first few), for the export.
    deciding_inputs: JSON.stringify(
      assessment.recommendation.decidingInputs.map(
        ({ key, value, wouldRecommend }) => ({ key, value, wouldRecommend }),
      ),
    ),
  };
}

/** Rows per INSERT: well within the bind-parameter limits of SQLite and PostgreSQL. */
export const INSERT_BATCH = 200;
