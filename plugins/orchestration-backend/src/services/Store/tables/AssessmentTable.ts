import {
  AssessmentFacets,
  ClusterService,
} from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';
import {
  Cursor,
  encodeCursor,
  ListFilters,
  ListQuery,
  SortKey,
} from '../listQuery';
import type { ListSummary } from '../ListSummaryCache';
import {
  AssessmentRow,
  INSERT_BATCH,
  LIST_COLUMNS,
  recordToRow,
  rowToSummary,
  TABLES,
} from '../rows';
import type { AssessmentRecord, RowCondition } from '../types';

type SortOrder = 'asc' | 'desc';

/**
 * Where rows without a cost sort by cost: past every real cost ascending,
 * below every real cost (never negative) descending, so they come last
 * either way.
 */
const NO_COST: Record<SortOrder, number> = { asc: 1e300, desc: -1 };

/**
 * What each sort key orders rows by: one scalar SQL expression per order
 * (the keyset cursor compares against it), and whether it is a number.
 */
const SORT_EXPRESSIONS: Record<
  SortKey,
  { sql: string | ((order: SortOrder) => string); numeric: boolean }
> = {
  name: { sql: 'name', numeric: false },
  owner: { sql: "COALESCE(owner, '')", numeric: false },
  system: { sql: "COALESCE(system, '')", numeric: false },
  currentPlatform: { sql: "COALESCE(current_platform, '')", numeric: false },
  recommendedPlatform: {
    sql: "COALESCE(recommended_platform, '')",
    numeric: false,
  },
  fit: { sql: 'COALESCE(fit, -1)', numeric: true },
  cost: {
    sql: order => `COALESCE(recommended_monthly_usd, ${NO_COST[order]})`,
    numeric: true,
  },
  obligationStatus: { sql: 'obligation_rank', numeric: true },
  nextDue: { sql: "COALESCE(next_due, '9999-12-31')", numeric: false },
};

function sortSql(sort: SortKey, order: SortOrder): string {
  const { sql } = SORT_EXPRESSIONS[sort];
  return typeof sql === 'function' ? sql(order) : sql;
}

/**
 * What a row sorts by under a sort key of the list: the values of the list's
 * SQL expressions above (empty text for no owner, -1 for no fit, the end of
 * time for no due date, no cost last in either order). The list's cursors and
 * the sorted CSV export both use it.
 */
export function assessmentSortValue(
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

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, ch => `\\${ch}`);
}

/** Columns the count and facets group by. */
const FACET_COLUMNS = [
  'current_platform',
  'recommended_platform',
  'current_verdict',
  'obligation_status',
  'is_migration',
];

/**
 * `orchestration_assessments`: the assessment of each Component, one
 * generation per refresh run. Every read names its generation.
 */
export class AssessmentTable {
  constructor(private readonly db: Knex) {}

  private get table() {
    return this.db<AssessmentRow>(TABLES.assessments);
  }

  /** Writes assessments into a generation, a batch at a time. */
  async insert(generation: number, records: AssessmentRecord[]) {
    await this.insertRows(
      records.map(record => recordToRow(record, generation)),
    );
  }

  /** Writes rows made by `recordToRow`, a batch at a time. */
  async insertRows(rows: AssessmentRow[]) {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      // A Component listed twice by the catalog while paging: the later wins.
      await this.table
        .insert(rows.slice(i, i + INSERT_BATCH))
        .onConflict(['snapshot_id', 'entity_ref'])
        .merge();
    }
  }

  /** Rows of one generation matching the filters and the read scope. */
  private filtered(
    generation: number | Knex.QueryBuilder,
    filters: ListFilters,
    condition?: RowCondition,
  ): Knex.QueryBuilder {
    const builder = this.table.where('snapshot_id', generation);
    if (filters.owner) builder.whereIn('owner', filters.owner);
    if (filters.system) builder.whereIn('system', filters.system);
    if (filters.currentPlatform) {
      builder.whereIn('current_platform', filters.currentPlatform);
    }
    if (filters.recommendedPlatform) {
      builder.whereIn('recommended_platform', filters.recommendedPlatform);
    }
    if (filters.currentVerdict) {
      builder.whereIn('current_verdict', filters.currentVerdict);
    }
    if (filters.migration !== undefined) {
      builder.where('is_migration', filters.migration);
    }
    if (filters.obligationStatus) {
      builder.whereIn('obligation_status', filters.obligationStatus);
    }
    if (filters.q) {
      builder.whereRaw("search_text LIKE ? ESCAPE '\\'", [
        `%${escapeLike(filters.q.toLocaleLowerCase('en-US'))}%`,
      ]);
    }
    if (condition) builder.where(condition);
    return builder;
  }

  /**
   * A page of summary rows of a generation, in the order of the query; the
   * next page's cursor names the generation. Given as a subquery (the
   * generation served, read by the same statement), the generation is the
   * one of the rows read.
   */
  async page(
    generation: number | Knex.QueryBuilder,
    query: ListQuery,
    condition?: RowCondition,
  ): Promise<{
    rows: AssessmentRow[];
    nextCursor: string | null;
    generation?: number;
  }> {
    const expression = {
      sql: sortSql(query.sort, query.order),
      numeric: SORT_EXPRESSIONS[query.sort].numeric,
    };
    const direction = query.order;
    const page = this.filtered(generation, query, condition).select([
      ...LIST_COLUMNS,
      'snapshot_id',
    ]);
    if (query.cursor) {
      const c: Cursor = query.cursor;
      const op = direction === 'asc' ? '>' : '<';
      page.where(builder =>
        builder
          .whereRaw(`${expression.sql} ${op} ?`, [c.value])
          .orWhere(inner =>
            inner
              .whereRaw(`${expression.sql} = ?`, [c.value])
              .where('entity_ref', op, c.entityRef),
          ),
      );
    }
    const rows: AssessmentRow[] = await page
      .orderByRaw(`${expression.sql} ${direction}`)
      .orderBy('entity_ref', direction)
      .limit(query.limit + 1);
    const read =
      typeof generation === 'number'
        ? generation
        : rows[0] && Number(rows[0].snapshot_id);
    let nextCursor: string | null = null;
    if (rows.length > query.limit) {
      rows.length = query.limit;
      const last = rows[rows.length - 1];
      let value = assessmentSortValue(last, query.sort, query.order);
      if (expression.numeric) value = Number(value);
      nextCursor = encodeCursor({
        sort: query.sort,
        order: query.order,
        value,
        entityRef: last.entity_ref,
        generation: read,
      });
    }
    return { rows, nextCursor, generation: read };
  }

  /**
   * The count and all facets of the matching rows of a generation in one
   * query: the rows are grouped by every facet column at once (a few dozen
   * groups at most), and the groups are added up per facet here.
   */
  async countAndFacets(
    generation: number,
    filters: ListFilters,
    condition?: RowCondition,
  ): Promise<ListSummary> {
    const rows = (await this.filtered(generation, filters, condition)
      .select(FACET_COLUMNS)
      .count({ n: '*' })
      .groupBy(FACET_COLUMNS)) as any[];
    const facets: AssessmentFacets = {
      currentPlatform: {},
      recommendedPlatform: {},
      currentVerdict: {},
      obligationStatus: {},
      migration: { candidates: 0, none: 0 },
    };
    const add = (facet: Record<string, number>, value: unknown, n: number) => {
      const key =
        value === null || value === undefined ? 'unknown' : String(value);
      facet[key] = (facet[key] ?? 0) + n;
    };
    let totalItems = 0;
    for (const row of rows) {
      const n = Number(row.n);
      totalItems += n;
      add(facets.currentPlatform, row.current_platform, n);
      add(facets.recommendedPlatform, row.recommended_platform, n);
      add(facets.currentVerdict, row.current_verdict, n);
      add(facets.obligationStatus, row.obligation_status, n);
      const migration = String(row.is_migration);
      if (migration === 'true' || migration === '1') {
        facets.migration.candidates += n;
      } else {
        facets.migration.none += n;
      }
    }
    return { totalItems, facets };
  }

  /** Up to `chunk` whole rows of a generation after an entity ref, in entity ref order. */
  async chunkAfter(
    generation: number,
    filters: ListFilters,
    condition: RowCondition | undefined,
    after: string | undefined,
    chunk: number,
  ): Promise<AssessmentRow[]> {
    const builder = this.filtered(generation, filters, condition).select('*');
    if (after !== undefined) builder.where('entity_ref', '>', after);
    return builder.orderBy('entity_ref', 'asc').limit(chunk);
  }

  /** The services of a generation on each of the clusters. */
  async servicesOnClusters(
    generation: number,
    clusterRefs: string[],
  ): Promise<Map<string, ClusterService[]>> {
    const result = new Map<string, ClusterService[]>();
    for (let i = 0; i < clusterRefs.length; i += 500) {
      const rows = (await this.table
        .select(
          'entity_ref',
          'name',
          'title',
          'owner',
          'current_platform',
          'recommended_platform',
          'migration_from',
          'migration_to',
          'cluster',
        )
        .where('snapshot_id', generation)
        .whereIn('cluster', clusterRefs.slice(i, i + 500))
        .orderBy('entity_ref')) as AssessmentRow[];
      for (const row of rows) {
        const list = result.get(row.cluster!) ?? [];
        const summary = rowToSummary(row);
        list.push({
          entityRef: summary.entityRef,
          name: summary.name,
          title: summary.title,
          owner: summary.owner,
          currentPlatform: summary.currentPlatform,
          recommendedPlatform: summary.recommendedPlatform,
          migration: summary.migration,
        });
        result.set(row.cluster!, list);
      }
    }
    return result;
  }

  /** The owner and cluster of a Component in a generation. */
  async ownerAndCluster(
    generation: number,
    entityRef: string,
  ): Promise<{ owner: string | null; cluster: string | null } | undefined> {
    const row = await this.table
      .where({ snapshot_id: generation, entity_ref: entityRef })
      .first('owner', 'cluster');
    return row
      ? { owner: row.owner ?? null, cluster: row.cluster ?? null }
      : undefined;
  }

  /** Deletes the rows of one generation. */
  async deleteGeneration(generation: number): Promise<number> {
    return this.table.where('snapshot_id', generation).delete();
  }

  /** Deletes the rows of every generation older than the given one. */
  async deleteGenerationsBefore(generation: number): Promise<number> {
    return this.table.where('snapshot_id', '<', generation).delete();
  }

  /** Entity refs of a generation, for counting what left between two. */
  async countMissingFrom(generation: number, newer: number): Promise<number> {
    const [{ n }] = await this.table
      .where('snapshot_id', generation)
      .whereNotExists(
        this.db(`${TABLES.assessments} as newer`)
          .select(this.db.raw('1'))
          .where('newer.snapshot_id', newer)
          .whereRaw(`newer.entity_ref = ${TABLES.assessments}.entity_ref`),
      )
      .count({ n: '*' });
    return Number(n);
  }
}
