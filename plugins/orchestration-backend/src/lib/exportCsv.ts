import type {
  Assessment,
  DecidingInput,
  ReviewDecision,
  ReviewRecord,
} from '@orchestration/plugin-orchestration-common';
import {
  AssessmentRow,
  storedDecidingInputs,
  storedMigrationEffort,
  storedMonthlyUsd,
} from '../services/Store';
import { csvLine } from './csv';

/**
 * A stored row of the export, with the decision in force for the service
 * when the store gives it; none (null or absent) leaves its cells empty.
 */
export type ExportSourceRow = AssessmentRow & {
  inForce?: ReviewRecord | null;
};

/** The parts of a stored assessment the export reads; older snapshots may lack any of them. */
type StoredAssessment = Partial<{
  recommendation: Partial<Assessment['recommendation']>;
  platforms: Array<Partial<Assessment['platforms'][number]>>;
  migration: Partial<NonNullable<Assessment['migration']>> | null;
}>;

/** What the columns read: the row, its stored assessment, the decision in force. */
interface ExportContext {
  row: AssessmentRow;
  assessment: StoredAssessment;
  /**
   * The deciding inputs of the row's column; undefined in a row not
   * refreshed since the summary columns of deciding inputs, costs and
   * effort were added, which come from the stored assessment then.
   */
  decidingInputs: DecidingInput[] | undefined;
  decision: ReviewDecision | null;
  inForce: ReviewRecord | null;
}

/** One column of the export: its header and how to read its cell. */
export interface ExportColumn {
  header: string;
  value: (context: ExportContext) => unknown;
}

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
 * The columns of `GET /v1/assessments/export`, in order: the summary of the
 * service, the lead of its recommendation (from the stored assessment), its
 * deciding inputs, monthly costs and migration effort (from their columns,
 * or the stored assessment in rows written before them), then the decision
 * in force. A cell is empty where there is nothing to say.
 */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: 'entityRef', value: ({ row }) => row.entity_ref },
  { header: 'name', value: ({ row }) => row.name },
  { header: 'title', value: ({ row }) => row.title },
  { header: 'owner', value: ({ row }) => row.owner },
  { header: 'system', value: ({ row }) => row.system },
  { header: 'currentPlatform', value: ({ row }) => row.current_platform },
  {
    header: 'recommendedPlatform',
    value: ({ row }) => row.recommended_platform,
  },
  {
    header: 'recommendationStatus',
    value: ({ row }) => row.recommendation_status,
  },
  { header: 'confidence', value: ({ row }) => row.confidence },
  { header: 'currentVerdict', value: ({ row }) => row.current_verdict },
  { header: 'fit', value: ({ row }) => row.fit },
  { header: 'migrationFrom', value: ({ row }) => row.migration_from },
  { header: 'migrationTo', value: ({ row }) => row.migration_to },
  { header: 'obligationStatus', value: ({ row }) => row.obligation_status },
  { header: 'nextDue', value: ({ row }) => row.next_due },
  { header: 'warningCount', value: ({ row }) => row.warning_count },
  {
    header: 'validationErrorCount',
    value: ({ row }) => row.validation_error_count,
  },
  { header: 'assessedAt', value: ({ row }) => row.assessed_at },
  {
    header: 'recommendationLead',
    value: ({ assessment }) => {
      const lead = assessment.recommendation?.lead;
      return typeof lead === 'number' ? lead : null;
    },
  },
  {
    header: 'decidingInputs',
    value: ({ assessment, decidingInputs }) =>
      formatDecidingInputs(
        decidingInputs ?? assessment.recommendation?.decidingInputs,
      ),
  },
  {
    header: 'recommendedMonthlyUsd',
    value: ({ row, assessment, decidingInputs }) =>
      decidingInputs
        ? usdCell(storedMonthlyUsd(row).recommended)
        : monthlyUsdOf(assessment, row.recommended_platform),
  },
  {
    header: 'currentMonthlyUsd',
    value: ({ row, assessment, decidingInputs }) =>
      decidingInputs
        ? usdCell(storedMonthlyUsd(row).current)
        : monthlyUsdOf(assessment, row.current_platform),
  },
  {
    header: 'migrationEffort',
    value: ({ row, assessment, decidingInputs }) =>
      decidingInputs
        ? storedMigrationEffort(row)
        : assessment.migration?.effort ?? null,
  },
  { header: 'decision', value: ({ decision }) => decision?.kind ?? null },
  {
    header: 'decisionTargetPlatform',
    value: ({ decision }) =>
      decision?.kind === 'migrate' ? decision.targetPlatform : null,
  },
  {
    header: 'decisionDueDate',
    value: ({ decision }) =>
      decision?.kind === 'migrate' ? decision.dueDate : null,
  },
  {
    header: 'decisionExpiresOn',
    value: ({ decision }) =>
      decision?.kind === 'exempt' ? decision.expiresOn : null,
  },
  {
    header: 'decisionReviewer',
    value: ({ inForce }) => inForce?.reviewer ?? null,
  },
  { header: 'decidedAt', value: ({ inForce }) => inForce?.createdAt ?? null },
];

/** The export cells of a stored row, in the order of {@link EXPORT_COLUMNS}. */
export function exportCells(row: ExportSourceRow): unknown[] {
  const inForce = row.inForce ?? null;
  const context: ExportContext = {
    row,
    assessment: parseStored(row.assessment),
    decidingInputs: storedDecidingInputs(row),
    inForce,
    decision: inForce?.decision ?? null,
  };
  return EXPORT_COLUMNS.map(column => column.value(context));
}

/** The header line of the export. */
export function exportHeader(): string {
  return csvLine(EXPORT_COLUMNS.map(column => column.header));
}

/** Export lines of stored rows, each ended with CRLF; cells are quoted and guarded against formulas. */
export function exportLines(rows: readonly ExportSourceRow[]): string {
  let text = '';
  for (const row of rows) text += csvLine(exportCells(row));
  return text;
}
