import { assessmentSortValue } from '../services/Store';

type SortOrder = 'asc' | 'desc';

/** What a row sorts by in the export: the list's own sort value. */
export const exportSortValue = assessmentSortValue;

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
