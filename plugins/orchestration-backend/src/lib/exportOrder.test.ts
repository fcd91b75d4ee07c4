import type { AssessmentRow } from '../services/Store';
import { exportSortValue, sortExportEntries } from './exportOrder';

function row(
  name: string,
  overrides: Partial<AssessmentRow> = {},
): AssessmentRow {
  return {
    entity_ref: `component:default/${name}`,
    name,
    owner: null,
    system: null,
    current_platform: null,
    recommended_platform: null,
    fit: null,
    recommended_monthly_usd: null,
    obligation_rank: 0,
    next_due: null,
    ...overrides,
  } as AssessmentRow;
}

function order(
  rows: AssessmentRow[],
  sort: Parameters<typeof exportSortValue>[1],
  direction: 'asc' | 'desc',
): string[] {
  return sortExportEntries(
    rows.map(r => ({
      value: exportSortValue(r, sort, direction),
      entityRef: r.entity_ref,
      line: r.name,
    })),
    direction,
  ).map(e => e.line);
}

describe('export order', () => {
  it('puts rows without a cost last in either order', () => {
    const rows = [
      row('none'),
      row('cheap', { recommended_monthly_usd: 10 }),
      row('dear', { recommended_monthly_usd: 1000 }),
    ];
    expect(order(rows, 'cost', 'asc')).toEqual(['cheap', 'dear', 'none']);
    expect(order(rows, 'cost', 'desc')).toEqual(['dear', 'cheap', 'none']);
  });

  it('compares numbers as numbers, also when the database gives text', () => {
    const rows = [
      row('nine', { fit: '9' as unknown as number }),
      row('eighty', { fit: 80 }),
      row('unknown'),
    ];
    expect(order(rows, 'fit', 'asc')).toEqual(['unknown', 'nine', 'eighty']);
  });

  it('breaks ties by entity ref in the same order', () => {
    const rows = [
      row('b', { owner: 'group:default/x' }),
      row('a', { owner: 'group:default/x' }),
      row('c'),
    ];
    expect(order(rows, 'owner', 'asc')).toEqual(['c', 'a', 'b']);
    expect(order(rows, 'owner', 'desc')).toEqual(['b', 'a', 'c']);
  });

  it('puts rows without a due date after every date ascending', () => {
    const rows = [
      row('never'),
      row('soon', { next_due: '2026-12-01' }),
      row('later', { next_due: '2027-03-01' }),
    ];
    expect(order(rows, 'nextDue', 'asc')).toEqual(['soon', 'later', 'never']);
  });
});
