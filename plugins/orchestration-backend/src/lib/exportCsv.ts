import type { Assessment } from '@orchestration/plugin-orchestration-common';
import {
  AssessmentRow,
  storedDecidingInputs,
  storedMigrationEffort,
  storedMonthlyUsd,
} from '../services/Store';
import { csvLine } from './csv';

/** The columns of `GET /v1/assessments/export`, in order. */
export const EXPORT_COLUMNS = [
  'entityRef',
  'name',
  'title',
  'owner',
  'system',
  'currentPlatform',
  'recommendedPlatform',
  'recommendationStatus',
  'confidence',
  'currentVerdict',
  'fit',
  'migrationFrom',
  'migrationTo',
  'obligationStatus',
  'nextDue',
  'warningCount',
  'validationErrorCount',
  'assessedAt',
  'recommendationLead',
  'decidingInputs',
  'recommendedMonthlyUsd',
  'currentMonthlyUsd',
  'migrationEffort',
] as const;

/** The parts of a stored assessment the export reads; older snapshots may lack any of them. */
type StoredAssessment = Partial<{
  recommendation: Partial<Assessment['recommendation']>;
  platforms: Array<Partial<Assessment['platforms'][number]>>;
  migration: Partial<NonNullable<Assessment['migration']>> | null;
}>;

function parseStored(json: unknown): StoredAssessment {
  if (typeof json !== 'string' || json === '') return {};
  try {
    const parsed = JSON.parse(json);
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** `key=value->platform` for each deciding input (`none` when it would leave no recommendation), joined by `; `. */
export function formatDecidingInputs(
  inputs: Assessment['recommendation']['decidingInputs'] | undefined,
): string {
  if (!Array.isArray(inputs)) return '';
  return inputs
    .map(
      input => `${input.key}=${input.value}->${input.wouldRecommend ?? 'none'}`,
    )
    .join('; ');
}

function usdCell(usd: unknown): string | null {
  return typeof usd === 'number' && Number.isFinite(usd)
    ? usd.toFixed(2)
    : null;
}

function monthlyUsdOf(
  assessment: StoredAssessment,
  platform: string | null | undefined,
): string | null {
  if (!platform || !Array.isArray(assessment.platforms)) return null;
  return usdCell(
    assessment.platforms.find(p => p?.id === platform)?.cost?.monthlyUsd,
  );
}

/**
 * The deciding inputs, costs and migration effort of a row: from its summary
 * columns, or, in a row not refreshed since those columns were added, from
 * the stored assessment.
 */
function summaryCells(
  row: AssessmentRow,
  assessment: StoredAssessment,
): unknown[] {
  const deciding = storedDecidingInputs(row);
  if (deciding === undefined) {
    return [
      formatDecidingInputs(assessment.recommendation?.decidingInputs),
      monthlyUsdOf(assessment, row.recommended_platform),
      monthlyUsdOf(assessment, row.current_platform),
      assessment.migration?.effort ?? null,
    ];
  }
  const usd = storedMonthlyUsd(row);
  return [
    formatDecidingInputs(deciding),
    usdCell(usd.recommended),
    usdCell(usd.current),
    storedMigrationEffort(row),
  ];
}

/**
 * The export cells of a stored row, in the order of {@link EXPORT_COLUMNS}:
 * the summary columns, the lead of the recommendation (read from the stored
 * assessment), then its deciding inputs, the monthly cost of the recommended
 * and of the current platform and the migration effort (from their columns;
 * see {@link summaryCells}); empty where the assessment has none.
 */
export function exportCells(row: AssessmentRow): unknown[] {
  const assessment = parseStored(row.assessment);
  const lead = assessment.recommendation?.lead;
  return [
    row.entity_ref,
    row.name,
    row.title,
    row.owner,
    row.system,
    row.current_platform,
    row.recommended_platform,
    row.recommendation_status,
    row.confidence,
    row.current_verdict,
    row.fit,
    row.migration_from,
    row.migration_to,
    row.obligation_status,
    row.next_due,
    row.warning_count,
    row.validation_error_count,
    row.assessed_at,
    typeof lead === 'number' ? lead : null,
    ...summaryCells(row, assessment),
  ];
}

/** The header line of the export. */
export function exportHeader(): string {
  return csvLine([...EXPORT_COLUMNS]);
}

/** Export lines of stored rows, each ended with CRLF; cells are quoted and guarded against formulas. */
export function exportLines(rows: AssessmentRow[]): string {
  let text = '';
  for (const row of rows) text += csvLine(exportCells(row));
  return text;
}
