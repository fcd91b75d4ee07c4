import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  AssessmentFacets,
  AssessmentHistoryEntry,
  AssessmentSummary,
  ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS,
  ClusterAssessment,
  ClusterService,
  ClusterSummary,
  DecidingInput,
  MIGRATION_EFFORTS,
  MigrationEffort,
  PLATFORM_IDS,
  ReviewRecord,
  decisionInForce,
} from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';
import { HistoryState } from '../Assessor/summarise';
import {
  Cursor,
  encodeCursor,
  ListFilters,
  ListQuery,
  SortKey,
} from './listQuery';
import { filterKey, ListSummary, ListSummaryCache } from './ListSummaryCache';
import { encodePageCursor, PageQuery } from './pageQuery';

const migrationsDir = resolvePackagePath(
  '@orchestration/plugin-orchestration-backend',
  'migrations',
);

export const TABLES = {
  snapshots: 'orchestration_snapshots',
  assessments: 'orchestration_assessments',
  clusters: 'orchestration_clusters',
  history: 'orchestration_history',
  reviews: 'orchestration_reviews',
};

/** A row of `orchestration_assessments`. */
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

export interface ClusterRow {
  entity_ref: string;
  name: string;
  title: string | null;
  owner: string | null;
  obligation_status: string | null;
  snapshot_id: number;
  assessment: string;
}

export interface SnapshotRecord {
  id: number;
  startedAt: string;
  completedAt: string | null;
  status: 'running' | 'complete' | 'failed';
  entityCount: number;
  error: string | null;
}

/** A SQL condition over assessment rows, from a permission decision. */
export type RowCondition = (builder: Knex.QueryBuilder) => void;

/** What decides whether the count and facets of a list may come from the cache. */
export interface ListCacheKey {
  /**
   * Id of the newest snapshot run, or undefined while a refresh may be
   * writing rows (then nothing is cached).
   */
  generation: Promise<number | undefined>;
  /** Identifies the read scope of the caller, i.e. the row condition. */
  scope: string;
}

/** The columns a list page needs: the summary, without the full assessment. */
const LIST_COLUMNS = [
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

function sortValue(
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
      return row.fit ?? -1;
    case 'cost':
      return row.recommended_monthly_usd ?? NO_COST[order];
    case 'obligationStatus':
      return row.obligation_rank;
    case 'nextDue':
    default:
      return row.next_due ?? '9999-12-31';
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, ch => `\\${ch}`);
}

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

/** Turns a stored row back into the API's summary. */
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

function toSnapshot(row: any): SnapshotRecord {
  return {
    id: Number(row.id),
    startedAt: row.started_at,
    completedAt: row.completed_at ?? null,
    status: row.status,
    entityCount: Number(row.entity_count),
    error: row.error ?? null,
  };
}

/**
 * Everything the plugin keeps in its database: snapshots of all
 * assessments, cluster assessments, history and review decisions.
 */
export class OrchestrationStore {
  static async create(database: DatabaseService): Promise<OrchestrationStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new OrchestrationStore(knex);
  }

  static async migrate(knex: Knex) {
    await knex.migrate.latest({ directory: migrationsDir });
  }

  /** Counts and facets of recent list queries; see {@link ListSummaryCache}. */
  readonly listCache = new ListSummaryCache();

  constructor(readonly knex: Knex) {}

  // ---------------------------------------------------------------- snapshots

  async startSnapshot(startedAt: string): Promise<number> {
    const [row] = await this.knex(TABLES.snapshots)
      .insert({ started_at: startedAt, status: 'running', entity_count: 0 })
      .returning('id');
    return Number(typeof row === 'object' ? row.id : row);
  }

  async completeSnapshot(id: number, entityCount: number, completedAt: string) {
    await this.knex(TABLES.snapshots).where({ id }).update({
      status: 'complete',
      entity_count: entityCount,
      completed_at: completedAt,
    });
  }

  async failSnapshot(id: number, error: string, completedAt: string) {
    await this.knex(TABLES.snapshots)
      .where({ id })
      .update({
        status: 'failed',
        error: error.slice(0, 4000),
        completed_at: completedAt,
      });
  }

  async lastCompleteSnapshot(): Promise<SnapshotRecord | undefined> {
    const row = await this.knex(TABLES.snapshots)
      .where({ status: 'complete' })
      .orderBy('id', 'desc')
      .first();
    return row ? toSnapshot(row) : undefined;
  }

  async lastSnapshotRun(): Promise<SnapshotRecord | undefined> {
    const row = await this.knex(TABLES.snapshots).orderBy('id', 'desc').first();
    return row ? toSnapshot(row) : undefined;
  }

  /** The newest complete snapshot and the newest run of any status, in one query. */
  async snapshotState(): Promise<{
    complete?: SnapshotRecord;
    last?: SnapshotRecord;
  }> {
    const rows = await this.knex(TABLES.snapshots)
      .whereIn('id', this.knex(TABLES.snapshots).max('id'))
      .orWhereIn(
        'id',
        this.knex(TABLES.snapshots).max('id').where({ status: 'complete' }),
      );
    const records = rows.map(toSnapshot).sort((a, b) => b.id - a.id);
    return {
      last: records[0],
      complete: records.find(r => r.status === 'complete'),
    };
  }

  /** Fingerprints of the stored assessments, to append history only on change. */
  async fingerprints(): Promise<Map<string, string>> {
    const rows = await this.knex(TABLES.assessments).select(
      'entity_ref',
      'fingerprint',
    );
    return new Map(rows.map(r => [r.entity_ref, r.fingerprint]));
  }

  async upsertAssessments(rows: AssessmentRow[]) {
    for (let i = 0; i < rows.length; i += 200) {
      await this.knex(TABLES.assessments)
        .insert(rows.slice(i, i + 200))
        .onConflict('entity_ref')
        .merge();
    }
  }

  /** Removes rows of Components that left the catalog (not written by this or a later snapshot). */
  async removeAssessmentsBefore(snapshotId: number): Promise<number> {
    return this.knex(TABLES.assessments)
      .where('snapshot_id', '<', snapshotId)
      .delete();
  }

  async replaceClusters(rows: ClusterRow[], snapshotId: number) {
    for (let i = 0; i < rows.length; i += 200) {
      await this.knex(TABLES.clusters)
        .insert(rows.slice(i, i + 200))
        .onConflict('entity_ref')
        .merge();
    }
    await this.knex(TABLES.clusters)
      .where('snapshot_id', '<', snapshotId)
      .delete();
  }

  // ---------------------------------------------------------------- list

  private applyFilters(
    builder: Knex.QueryBuilder,
    filters: ListFilters,
    condition?: RowCondition,
  ) {
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
  }

  /**
   * A page of rows (summary columns only) with the count and facets of all
   * matching rows. With a cache key, the count and facets come from the
   * cache while the snapshot is unchanged.
   */
  async listAssessments(
    query: ListQuery,
    condition?: RowCondition,
    cacheKey?: ListCacheKey,
  ): Promise<{
    rows: AssessmentRow[];
    nextCursor: string | null;
    totalItems: number;
    facets: AssessmentFacets;
  }> {
    const expression = {
      sql: sortSql(query.sort, query.order),
      numeric: SORT_EXPRESSIONS[query.sort].numeric,
    };
    const direction = query.order;
    const page = this.knex(TABLES.assessments).select(LIST_COLUMNS);
    this.applyFilters(page, query, condition);
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
    page
      .orderByRaw(`${expression.sql} ${direction}`)
      .orderBy('entity_ref', direction)
      .limit(query.limit + 1);

    const [rows, { totalItems, facets }] = await Promise.all([
      page as Promise<AssessmentRow[]>,
      this.listSummary(query, condition, cacheKey),
    ]);
    let nextCursor: string | null = null;
    if (rows.length > query.limit) {
      rows.length = query.limit;
      const last = rows[rows.length - 1];
      let value = sortValue(last, query.sort, query.order);
      if (expression.numeric) value = Number(value);
      nextCursor = encodeCursor({
        sort: query.sort,
        order: query.order,
        value,
        entityRef: last.entity_ref,
      });
    }
    return { rows, nextCursor, totalItems, facets };
  }

  private async listSummary(
    filters: ListFilters,
    condition?: RowCondition,
    cacheKey?: ListCacheKey,
  ): Promise<ListSummary> {
    const compute = () => this.countAndFacets(filters, condition);
    if (!cacheKey) return compute();
    const generation = await cacheKey.generation;
    if (generation === undefined) return compute();
    return this.listCache.get(
      `${generation}\n${cacheKey.scope}\n${filterKey(filters)}`,
      compute,
    );
  }

  /**
   * The count and all facets of the matching rows in one query: the rows are
   * grouped by every facet column at once (a few dozen groups at most), and
   * the groups are added up per facet here.
   */
  private async countAndFacets(
    filters: ListFilters,
    condition?: RowCondition,
  ): Promise<ListSummary> {
    const columns = [
      'current_platform',
      'recommended_platform',
      'current_verdict',
      'obligation_status',
      'is_migration',
    ];
    const builder = this.knex(TABLES.assessments)
      .select(columns)
      .count({ n: '*' })
      .groupBy(columns);
    this.applyFilters(builder, filters, condition);
    const rows = (await builder) as any[];
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

  /** Every row matching the filters, in name order, a chunk at a time. */
  async *exportAssessments(
    filters: ListFilters,
    condition?: RowCondition,
    chunk = 1000,
  ): AsyncGenerator<AssessmentRow[]> {
    let after: string | undefined;
    for (;;) {
      const builder = this.knex(TABLES.assessments).select('*');
      this.applyFilters(builder, filters, condition);
      if (after !== undefined) builder.where('entity_ref', '>', after);
      const rows: AssessmentRow[] = await builder
        .orderBy('entity_ref', 'asc')
        .limit(chunk);
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < chunk) return;
      after = rows[rows.length - 1].entity_ref;
    }
  }

  async getAssessmentRow(
    entityRef: string,
  ): Promise<AssessmentRow | undefined> {
    return this.knex(TABLES.assessments)
      .where({ entity_ref: entityRef })
      .first();
  }

  // ---------------------------------------------------------------- clusters

  async listClusters(): Promise<ClusterRow[]> {
    return this.knex(TABLES.clusters).select('*').orderBy('entity_ref');
  }

  async getCluster(entityRef: string): Promise<ClusterRow | undefined> {
    return this.knex(TABLES.clusters).where({ entity_ref: entityRef }).first();
  }

  async servicesOnClusters(
    clusterRefs: string[],
  ): Promise<Map<string, ClusterService[]>> {
    const result = new Map<string, ClusterService[]>();
    for (let i = 0; i < clusterRefs.length; i += 500) {
      const rows: AssessmentRow[] = await this.knex(TABLES.assessments)
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
        .whereIn('cluster', clusterRefs.slice(i, i + 500))
        .orderBy('entity_ref');
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

  static clusterSummary(
    row: ClusterRow,
    services: ClusterService[],
  ): ClusterSummary {
    return {
      entityRef: row.entity_ref,
      name: row.name,
      title: row.title,
      owner: row.owner,
      assessment: JSON.parse(row.assessment) as ClusterAssessment,
      obligationStatus:
        row.obligation_status as ClusterSummary['obligationStatus'],
      services,
    };
  }

  // ---------------------------------------------------------------- history

  async lastHistory(entityRefs: string[]): Promise<Map<string, HistoryState>> {
    const result = new Map<string, HistoryState>();
    for (let i = 0; i < entityRefs.length; i += 500) {
      const refs = entityRefs.slice(i, i + 500);
      const latest = this.knex(TABLES.history)
        .max({ id: 'id' })
        .whereIn('entity_ref', refs)
        .groupBy('entity_ref');
      const rows = await this.knex(TABLES.history).whereIn('id', latest);
      for (const row of rows) {
        result.set(row.entity_ref, {
          recommendedPlatform: row.recommended_platform,
          confidence: row.confidence,
          fit: row.fit === null ? null : Number(row.fit),
          migration: row.migration ? JSON.parse(row.migration) : null,
          obligationStatuses: JSON.parse(row.obligation_statuses),
        });
      }
    }
    return result;
  }

  async appendHistory(
    entries: Array<{
      entityRef: string;
      recordedAt: string;
      state: HistoryState;
      changes: string[];
      fingerprint: string;
    }>,
  ) {
    const rows = entries.map(e => ({
      entity_ref: e.entityRef,
      recorded_at: e.recordedAt,
      recommended_platform: e.state.recommendedPlatform,
      confidence: e.state.confidence,
      fit: e.state.fit,
      migration: e.state.migration ? JSON.stringify(e.state.migration) : null,
      obligation_statuses: JSON.stringify(e.state.obligationStatuses),
      changes: JSON.stringify(e.changes),
      fingerprint: e.fingerprint,
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await this.knex(TABLES.history).insert(rows.slice(i, i + 200));
    }
  }

  async getHistory(
    entityRef: string,
    limit = 500,
  ): Promise<AssessmentHistoryEntry[]> {
    return (await this.getHistoryPage(entityRef, { limit })).items;
  }

  /** A page of an entity's history, newest first. */
  async getHistoryPage(
    entityRef: string,
    page: PageQuery,
  ): Promise<{ items: AssessmentHistoryEntry[]; nextCursor: string | null }> {
    const query = this.knex(TABLES.history)
      .where({ entity_ref: entityRef })
      .orderBy('id', 'desc')
      .limit(page.limit + 1);
    if (page.before !== undefined) query.where('id', '<', page.before);
    const found = await query;
    const rows = found.slice(0, page.limit);
    const nextCursor =
      found.length > page.limit
        ? encodePageCursor('history', Number(rows[rows.length - 1].id))
        : null;
    const items = rows.map(row => ({
      recordedAt: row.recorded_at,
      recommendedPlatform: row.recommended_platform,
      confidence: row.confidence,
      fit: row.fit === null ? null : Number(row.fit),
      migration: row.migration ? JSON.parse(row.migration) : null,
      obligationStatuses: JSON.parse(row.obligation_statuses),
      changes: JSON.parse(row.changes),
    }));
    return { items, nextCursor };
  }

  /**
   * Deletes history and snapshot records older than the cut-off, keeping the
   * newest history entry of each entity so its current state stays known.
   */
  async prune(before: string): Promise<{ history: number; snapshots: number }> {
    const keep = this.knex(TABLES.history)
      .max({ id: 'id' })
      .groupBy('entity_ref');
    const history = await this.knex(TABLES.history)
      .where('recorded_at', '<', before)
      .whereNotIn('id', keep)
      .delete();
    const lastComplete = await this.lastCompleteSnapshot();
    const snapshots = await this.knex(TABLES.snapshots)
      .where('started_at', '<', before)
      .whereNot('status', 'running')
      .whereNot('id', lastComplete?.id ?? -1)
      .delete();
    return { history, snapshots };
  }

  // ---------------------------------------------------------------- reviews

  private static reviewFromRow(row: any): ReviewRecord {
    const record: ReviewRecord = {
      id: row.id,
      entityRef: row.entity_ref,
      decision: JSON.parse(row.decision),
      reviewer: row.reviewer,
      createdAt: row.created_at,
    };
    if (row.assessed_at) record.assessedAt = row.assessed_at;
    return record;
  }

  /**
   * Stores a review. With an idempotency key already used for the entity,
   * stores nothing and returns the review stored with it instead (also when
   * a concurrent request stored it first: the unique index decides).
   */
  async addReview(
    record: ReviewRecord,
    idempotencyKey?: string,
  ): Promise<{ created: boolean; record: ReviewRecord }> {
    if (idempotencyKey !== undefined) {
      const existing = await this.findReview(record.entityRef, idempotencyKey);
      if (existing) return { created: false, record: existing };
    }
    try {
      await this.knex(TABLES.reviews).insert({
        id: record.id,
        entity_ref: record.entityRef,
        decision_kind: record.decision.kind,
        decision: JSON.stringify(record.decision),
        reviewer: record.reviewer,
        created_at: record.createdAt,
        assessed_at: record.assessedAt ?? null,
        idempotency_key: idempotencyKey ?? null,
        expires_on:
          record.decision.kind === 'exempt' ? record.decision.expiresOn : null,
      });
    } catch (error) {
      if (idempotencyKey !== undefined) {
        const existing = await this.findReview(
          record.entityRef,
          idempotencyKey,
        );
        if (existing) return { created: false, record: existing };
      }
      throw error;
    }
    return { created: true, record };
  }

  /** The review of an entity stored with an idempotency key, if any. */
  async findReview(
    entityRef: string,
    idempotencyKey: string,
  ): Promise<ReviewRecord | undefined> {
    const row = await this.knex(TABLES.reviews)
      .where({ entity_ref: entityRef, idempotency_key: idempotencyKey })
      .first();
    return row ? OrchestrationStore.reviewFromRow(row) : undefined;
  }

  /** A page of an entity's reviews, newest first. */
  async listReviews(
    entityRef: string,
    page: PageQuery = { limit: 500 },
  ): Promise<{ items: ReviewRecord[]; nextCursor: string | null }> {
    const query = this.knex(TABLES.reviews)
      .where({ entity_ref: entityRef })
      .orderBy('seq', 'desc')
      .limit(page.limit + 1);
    if (page.before !== undefined) query.where('seq', '<', page.before);
    const found = await query;
    const rows = found.slice(0, page.limit);
    return {
      items: rows.map(OrchestrationStore.reviewFromRow),
      nextCursor:
        found.length > page.limit
          ? encodePageCursor('reviews', Number(rows[rows.length - 1].seq))
          : null,
    };
  }

  /**
   * The decision in force for an entity at `now` (see `decisionInForce`):
   * its newest review that is not an exemption expired by `now`'s UTC day.
   */
  async reviewInForce(
    entityRef: string,
    now: Date,
  ): Promise<ReviewRecord | null> {
    const today = now.toISOString().slice(0, 10);
    const row = await this.knex(TABLES.reviews)
      .where({ entity_ref: entityRef })
      .where(q =>
        q
          .whereNot('decision_kind', 'exempt')
          .orWhereNull('expires_on')
          .orWhere('expires_on', '>', today),
      )
      .orderBy('seq', 'desc')
      .first();
    // Expired exemptions are skipped in SQL by the rule of decisionInForce,
    // which is then applied to the review found.
    return row
      ? decisionInForce([OrchestrationStore.reviewFromRow(row)], now)
      : null;
  }
}
