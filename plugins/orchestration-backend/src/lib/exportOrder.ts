import type { AssessmentRow, SortKey } from '../services/Store';

type SortOrder = 'asc' | 'desc';

/** Where rows without a cost go, as in the list: last in either order. */
const NO_COST: Record<SortOrder, number> = { asc: 1e300, desc: -1 };

/**
 * What a row sorts by under a sort key of the list: the same values as the
 * list's SQL expressions (empty text for no owner, -1 for no fit, the end of
 * time for no due date, no cost last in either order).
 */
export function exportSortValue(
  row: AssessmentRow,
  sort: SortKey,
  order: SortOrder,
): string | number {
  switch (sort) {
    case 'name':
      return row.name;
    case 'owner':
      return row.owner ?? '';
    case 'system':
      return row.system ?? '';
    case 'currentPlatform':
      return row.current_platform ?? '';
    case 'recommendedPlatform':
      return row.recommended_platform ?? '';
    case 'fit':
      return row.fit === null || row.fit === undefined ? -1 : Number(row.fit);
    case 'cost':
      return row.recommended_monthly_usd === null ||
        row.recommended_monthly_usd === undefined
        ? NO_COST[order]
        : Number(row.recommended_monthly_usd);
    case 'obligationStatus':
      return Number(row.obligation_rank);
    case 'nextDue':
    default:
      return row.next_due ?? '9999-12-31';
  }
}

/** A row of a sorted export: its sort value, its entity ref and its CSV line. */
export interface ExportEntry {
  value: string | number;
  entityRef: string;
  line: string;
}

function compare(a: string | number, b: string | number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/**
 * Orders export entries as the list orders its rows: by the sort value,
 * then by entity ref, both in the given order.
 */
export function sortExportEntries(
  entries: ExportEntry[],
  order: SortOrder,
): ExportEntry[] {
  const sign = order === 'desc' ? -1 : 1;
  return entries.sort(
    (a, b) =>
      sign * (compare(a.value, b.value) || compare(a.entityRef, b.entityRef)),
  );
}
