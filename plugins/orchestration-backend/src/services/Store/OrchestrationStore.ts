import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  AssessmentHistoryEntry,
  ClusterService,
  ClusterSummary,
  ReviewRecord,
} from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';
import { GenerationWriter } from './GenerationWriter';
import { ListFilters, ListQuery } from './listQuery';
import { filterKey, ListSummaryCache } from './ListSummaryCache';
import { PageQuery } from './pageQuery';
import { AssessmentRow, rowToSummary, TABLES } from './rows';
import { AssessmentTable } from './tables/AssessmentTable';
import { ClusterTable } from './tables/ClusterTable';
import { HistoryTable } from './tables/HistoryTable';
import { ReviewTable } from './tables/ReviewTable';
import { RollupTable } from './tables/RollupTable';
import { SnapshotRunTable } from './tables/SnapshotRunTable';
import { isLeaseLive, SnapshotStateTable } from './tables/SnapshotStateTable';
import type {
  AssessmentPage,
  AssessmentRecord,
  ClusterRecord,
  ExportRow,
  HistoryRecord,
  LatestHistory,
  LeaseLimits,
  RefreshLease,
  RowCondition,
  SnapshotRecord,
} from './types';

const migrationsDir = resolvePackagePath(
  '@orchestration/plugin-orchestration-backend',
  'migrations',
);

/** A run lost its refresh lease to another instance, which took it as abandoned. */
export class RefreshLeaseLostError extends Error {
  readonly name = 'RefreshLeaseLostError';
}

/** Why a run is failed as abandoned, in words; see `OrchestrationStore.failAbandonedRuns`. */
export type AbandonReason = (
  run: SnapshotRecord,
  lease: RefreshLease | undefined,
) => string;

/** What `beginRefresh` found: a run started under the lease, or the lease held by a live run. */
export type BeginRefreshResult =
  | { started: true; run: SnapshotRecord; abandoned: SnapshotRecord[] }
  | { started: false; lease: RefreshLease | null };

const EMPTY_FACETS = () => ({
  currentPlatform: {},
  recommendedPlatform: {},
  currentVerdict: {},
  obligationStatus: {},
  migration: { candidates: 0, none: 0 },
});

/** Rolls a transaction back without it being an error. */
class LeaseTaken {}

/**
 * Everything the plugin keeps in its database, one class per table (see
 * `./tables`), with the operations that span tables here: a refresh writes
 * a new generation of rows under a lease and switches to it at once, and
 * reads name the generation they read.
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

  /** Counts and facets of recent list queries, per generation; see {@link ListSummaryCache}. */
  readonly listCache = new ListSummaryCache();

  readonly runs: SnapshotRunTable;
  readonly generations: SnapshotStateTable;
  readonly assessments: AssessmentTable;
  readonly clusters: ClusterTable;
  readonly history: HistoryTable;
  readonly reviews: ReviewTable;
  readonly rollups: RollupTable;

  constructor(readonly knex: Knex) {
    this.runs = new SnapshotRunTable(knex);
    this.generations = new SnapshotStateTable(knex);
    this.assessments = new AssessmentTable(knex);
    this.clusters = new ClusterTable(knex);
    this.history = new HistoryTable(knex);
    this.reviews = new ReviewTable(knex);
    this.rollups = new RollupTable(knex);
  }

  /**
   * Runs reads in one transaction that sees one state of the database, so
   * they all read the same generation even while a refresh switches and
   * deletes old ones (SQLite's transactions always do).
   */
  private readTransaction<T>(work: (trx: Knex.Transaction) => Promise<T>) {
    const dialect = (this.knex.client as { dialect?: string }).dialect;
    const config: Knex.TransactionConfig | undefined =
      dialect === 'postgresql' || dialect === 'mysql'
        ? { isolationLevel: 'repeatable read', readOnly: true }
        : undefined;
    return this.knex.transaction(work, config);
  }

  // ------------------------------------------------------------- refreshes

  /**
   * Starts a run under the refresh lease, when no live run holds it. A run
   * that held the lease but stopped renewing it (or ran too long), and any
   * other run still marked running, are failed with `reason`.
   */
  async beginRefresh(options: {
    now: Date;
    owner: string;
    limits: LeaseLimits;
    reason: AbandonReason;
  }): Promise<BeginRefreshResult> {
    const { now, owner, limits, reason } = options;
    const at = now.toISOString();
    try {
      return await this.knex.transaction(async trx => {
        const runs = new SnapshotRunTable(trx);
        const state = new SnapshotStateTable(trx);
        await state.ensure();
        const before = (await state.read()).lease ?? undefined;
        const runId = await runs.insertRunning(at);
        const acquired = await state.acquire(
          { runId, owner, startedAt: at, heartbeatAt: at },
          now,
          limits,
        );
        if (!acquired) throw new LeaseTaken();
        const abandoned: SnapshotRecord[] = [];
        for (const run of await runs.running()) {
          if (run.id === runId) continue;
          const lease = before?.runId === run.id ? before : undefined;
          const error = reason(run, lease);
          if (await runs.fail(run.id, error, at)) {
            abandoned.push({
              ...run,
              status: 'failed',
              error,
              completedAt: at,
            });
          }
        }
        const run = (await runs.get(runId))!;
        return { started: true as const, run, abandoned };
      });
    } catch (error) {
      if (!(error instanceof LeaseTaken)) throw error;
      return { started: false, lease: (await this.generations.read()).lease };
    }
  }

  /** Renews the lease of a running run; false when another instance took it. */
  async renewRefreshLease(runId: number, now: Date): Promise<boolean> {
    return this.generations.renew(runId, now.toISOString());
  }

  /** The lease of the refresh running, if any. */
  async refreshLease(): Promise<RefreshLease | null> {
    return (await this.generations.read()).lease;
  }

  /** Runs writes in one transaction (one commit), with a store bound to it. */
  async transaction<T>(
    work: (store: OrchestrationStore) => Promise<T>,
  ): Promise<T> {
    return this.knex.transaction(trx => work(new OrchestrationStore(trx)));
  }

  /** Collects the assessments of a generation until they are written; see {@link GenerationWriter}. */
  generationWriter(generation: number): GenerationWriter {
    return new GenerationWriter(generation);
  }

  /** Writes assessments into the generation of a running run. */
  async writeAssessments(generation: number, records: AssessmentRecord[]) {
    await this.assessments.insert(generation, records);
  }

  /** Writes cluster assessments into the generation of a running run. */
  async writeClusters(generation: number, records: ClusterRecord[]) {
    await this.clusters.insert(generation, records);
  }

  /**
   * Completes a run and serves its generation, in one transaction; then
   * deletes the generations older than the one it replaces (that one stays
   * for reads and exports in flight until the next switch). Throws
   * {@link RefreshLeaseLostError} when the run no longer holds the lease.
   */
  async publishGeneration(
    runId: number,
    outcome: Pick<SnapshotRecord, 'entityCount' | 'coverage'> & {
      completedAt: string;
    },
  ): Promise<{ removed: number }> {
    const replaced = await this.knex.transaction(async trx => {
      const state = new SnapshotStateTable(trx);
      const { current } = await state.read();
      const completed = await new SnapshotRunTable(trx).complete(
        runId,
        outcome,
      );
      if (completed !== 1 || !(await state.switchTo(runId))) {
        throw new RefreshLeaseLostError(
          `Snapshot run ${runId} lost its lease to another instance, which took it as abandoned; its rows are not served`,
        );
      }
      return current;
    });
    this.listCache.clear();
    const removed =
      replaced === null
        ? 0
        : await this.assessments.countMissingFrom(replaced, runId);
    const keepFrom = replaced ?? runId;
    await this.assessments.deleteGenerationsBefore(keepFrom);
    await this.clusters.deleteGenerationsBefore(keepFrom);
    await this.rollups.deleteGenerationsBefore(keepFrom);
    await this.analyze();
    return { removed };
  }

  /**
   * Gives PostgreSQL's planner the statistics of the generation now served.
   * Until then it plans reads of the new generation with the statistics of
   * the old one (its id unknown to them), and lists ran three times slower
   * in the minute before autovacuum analysed the table. SQLite plans these
   * reads from the indexes alone. The generation is served either way, so a
   * failure here only leaves the statistics to autovacuum.
   */
  private async analyze() {
    if ((this.knex.client as { dialect?: string }).dialect !== 'postgresql') {
      return;
    }
    try {
      await this.knex.raw(`ANALYZE ${TABLES.assessments}, ${TABLES.clusters}`);
    } catch {
      // Autovacuum analyses the tables later.
    }
  }

  /**
   * Fails a run, gives its lease up and deletes the rows it wrote; the
   * generation served stays as it is.
   */
  async abandonRefresh(runId: number, error: string, at: string) {
    await this.knex.transaction(async trx => {
      await new SnapshotRunTable(trx).fail(runId, error, at);
      await new SnapshotStateTable(trx).release(runId);
    });
    await this.deleteUnservedGeneration(runId);
  }

  /** Deletes the rows of a generation that is not served. */
  private async deleteUnservedGeneration(generation: number) {
    const { current, previous } = await this.generations.read();
    if (generation === current || generation === previous) return;
    await this.assessments.deleteGeneration(generation);
    await this.clusters.deleteGeneration(generation);
    await this.rollups.deleteGeneration(generation);
  }

  /**
   * Fails every run marked running that no live instance runs: the lease
   * holder when it stopped renewing the lease or ran too long (the lease is
   * then released), and runs that never held it. Returns the runs failed.
   */
  async failAbandonedRuns(options: {
    now: Date;
    limits: LeaseLimits;
    reason: AbandonReason;
  }): Promise<SnapshotRecord[]> {
    const { now, limits, reason } = options;
    const at = now.toISOString();
    const failed = await this.knex.transaction(async trx => {
      const runs = new SnapshotRunTable(trx);
      const state = new SnapshotStateTable(trx);
      const lease = (await state.read()).lease ?? undefined;
      const live = lease && isLeaseLive(lease, now, limits) ? lease : undefined;
      if (lease && !live) await state.release(lease.runId);
      const result: SnapshotRecord[] = [];
      for (const run of await runs.running()) {
        if (run.id === live?.runId) continue;
        const error = reason(run, lease?.runId === run.id ? lease : undefined);
        if (await runs.fail(run.id, error, at)) {
          result.push({ ...run, status: 'failed', error, completedAt: at });
        }
      }
      return result;
    });
    for (const run of failed) await this.deleteUnservedGeneration(run.id);
    return failed;
  }

  // ------------------------------------------------------------- snapshot runs

  /** The id of the generation served; null before the first refresh completed. */
  async currentGeneration(): Promise<number | null> {
    return (await this.generations.read()).current;
  }

  /**
   * The run whose generation is served (`complete`, when it completed) and
   * the newest run of any status.
   */
  async snapshotState(): Promise<{
    complete?: SnapshotRecord;
    last?: SnapshotRecord;
  }> {
    const { current } = await this.generations.read();
    const { runs, newest } = await this.runs.withIdsAndNewest(
      current === null ? [] : [current],
    );
    const served = current === null ? undefined : runs.get(current);
    return {
      complete: served?.status === 'complete' ? served : undefined,
      last: newest,
    };
  }

  /** The run whose generation is served, when it completed. */
  async lastCompleteSnapshot(): Promise<SnapshotRecord | undefined> {
    return (await this.snapshotState()).complete;
  }

  async lastSnapshotRun(): Promise<SnapshotRecord | undefined> {
    return this.runs.newest();
  }

  async getSnapshotRun(id: number): Promise<SnapshotRecord | undefined> {
    return this.runs.get(id);
  }

  /** The newest failed run after the given one. */
  async failedRunSince(afterId: number): Promise<SnapshotRecord | undefined> {
    return this.runs.newestFailedAfter(afterId);
  }

  // ------------------------------------------------------------- list

  /**
   * A page of the list with the count and facets of all matching rows and
   * the decision in force on each row, all from one generation: the one the
   * cursor names (the generation of the first page) while it is stored,
   * else the one served. With a `scope` (naming the row condition), the
   * count and facets come from the cache while that generation is stored.
   * Throws a ConflictError when the cursor's generation was deleted (two
   * refreshes completed since its first page): the pages would not add up.
   */
  async listAssessments(
    query: ListQuery,
    condition?: RowCondition,
    options: { scope?: string; now?: Date } = {},
  ): Promise<AssessmentPage> {
    const now = options.now ?? new Date();
    if (options.scope !== undefined) {
      const cached = await this.listFromCache(
        query,
        condition,
        options.scope,
        now,
      );
      if (cached) return cached;
    }
    return this.readTransaction(async trx => {
      const state = await new SnapshotRunTable(trx).generationAndNewest(
        query.cursor?.generation,
      );
      const generation = this.generationToRead(query, state);
      if (generation === null) {
        return {
          items: [],
          nextCursor: null,
          totalItems: 0,
          facets: EMPTY_FACETS(),
          generation: null,
          lastRun: state.newest,
        };
      }
      const assessments = new AssessmentTable(trx);
      const { rows, nextCursor } = await assessments.page(
        generation,
        query,
        condition,
      );
      const compute = () =>
        assessments.countAndFacets(generation, query, condition);
      const { totalItems, facets } =
        options.scope === undefined
          ? await compute()
          : await this.listCache.get(
              `${generation}\n${options.scope}\n${filterKey(query)}`,
              compute,
            );
      const inForce = await this.inForceOf(rows, now, new ReviewTable(trx));
      return {
        items: rows.map(row => ({
          ...rowToSummary(row),
          inForce: inForce.get(row.entity_ref) ?? null,
        })),
        nextCursor,
        totalItems,
        facets,
        generation: state.run ?? null,
        lastRun: state.newest,
      };
    });
  }

  /**
   * The list without a transaction, when its count and facets are cached:
   * the page (reading the generation served in the same statement, or the
   * cursor's) and the runs in one statement each, side by side, then the
   * decisions in force. Undefined when that is not enough to answer from
   * one generation: nothing cached, no row read, or a refresh switched the
   * generation between the two statements; the transaction answers then.
   */
  private async listFromCache(
    query: ListQuery,
    condition: RowCondition | undefined,
    scope: string,
    now: Date,
  ): Promise<AssessmentPage | undefined> {
    const pinned = query.cursor?.generation;
    const [state, page] = await Promise.all([
      this.runs.generationAndNewest(pinned),
      this.assessments.page(
        pinned ??
          this.knex(TABLES.snapshotState)
            .select('current_snapshot_id')
            .where('id', 1),
        query,
        condition,
      ),
    ]);
    const generation = this.generationToRead(query, state);
    if (
      generation === null ||
      page.rows.length === 0 ||
      page.generation !== generation
    ) {
      return undefined;
    }
    const summary = this.listCache.peek(
      `${generation}\n${scope}\n${filterKey(query)}`,
    );
    if (!summary) return undefined;
    const [{ totalItems, facets }, inForce] = await Promise.all([
      summary,
      this.inForceOf(page.rows, now, this.reviews),
    ]);
    return {
      items: page.rows.map(row => ({
        ...rowToSummary(row),
        inForce: inForce.get(row.entity_ref) ?? null,
      })),
      nextCursor: page.nextCursor,
      totalItems,
      facets,
      generation: state.run ?? null,
      lastRun: state.newest,
    };
  }

  /**
   * The generation a list request reads: its cursor's while that one is
   * stored (served, or the one before it), else the one served; null before
   * the first refresh completed.
   */
  private generationToRead(
    query: ListQuery,
    state: { current: number | null; previous: number | null },
  ): number | null {
    const pinned = query.cursor?.generation;
    if (pinned === undefined || pinned === state.current) return state.current;
    if (pinned === state.previous) return pinned;
    throw new ConflictError(
      'The snapshot this cursor pages through was replaced by refreshes since the first page was read, so the pages would not add up; start again from the first page (without a cursor)',
    );
  }

  /** The decision in force on each row, in one query (none for no rows). */
  private async inForceOf(
    rows: AssessmentRow[],
    now: Date,
    reviews: ReviewTable,
  ): Promise<Map<string, ReviewRecord>> {
    return rows.length
      ? reviews.inForceFor(
          rows.map(r => r.entity_ref),
          now,
        )
      : new Map();
  }

  /**
   * Every row matching the filters, in entity ref order, a chunk at a time,
   * each with the decision in force (one query per chunk); all from the
   * generation served when the export started.
   */
  async *exportAssessments(
    filters: ListFilters,
    condition?: RowCondition,
    options: { chunk?: number; now?: Date } = {},
  ): AsyncGenerator<ExportRow[]> {
    const chunk = options.chunk ?? 1000;
    const now = options.now ?? new Date();
    const generation = await this.currentGeneration();
    if (generation === null) return;
    let after: string | undefined;
    for (;;) {
      const rows = await this.assessments.chunkAfter(
        generation,
        filters,
        condition,
        after,
        chunk,
      );
      if (rows.length < chunk) await this.assertStillStored(generation);
      if (rows.length === 0) return;
      const inForce = await this.reviews.inForceFor(
        rows.map(r => r.entity_ref),
        now,
      );
      yield rows.map(row => ({
        ...row,
        inForce: inForce.get(row.entity_ref) ?? null,
      }));
      if (rows.length < chunk) return;
      after = rows[rows.length - 1].entity_ref;
    }
  }

  /** Refuses to end a read of a generation deleted under it (two refreshes completed meanwhile). */
  private async assertStillStored(generation: number) {
    const { current, previous } = await this.generations.read();
    if (generation !== current && generation !== previous) {
      throw new ConflictError(
        `The snapshot was refreshed twice while it was read, so the rows read are incomplete; read it again`,
      );
    }
  }

  /** The owner and cluster of a Component in the generation served. */
  async ownerAndClusterOf(
    entityRef: string,
  ): Promise<{ owner: string | null; cluster: string | null } | undefined> {
    const generation = await this.currentGeneration();
    return generation === null
      ? undefined
      : this.assessments.ownerAndCluster(generation, entityRef);
  }

  // ------------------------------------------------------------- clusters

  /** The clusters of a generation (by default the one served). */
  async listClusters(generation?: number | null): Promise<ClusterRecord[]> {
    const id =
      generation === undefined ? await this.currentGeneration() : generation;
    return id === null ? [] : this.clusters.list(id);
  }

  async getCluster(
    entityRef: string,
    generation?: number | null,
  ): Promise<ClusterRecord | undefined> {
    const id =
      generation === undefined ? await this.currentGeneration() : generation;
    return id === null ? undefined : this.clusters.get(id, entityRef);
  }

  /** The services on each cluster in a generation (by default the one served). */
  async servicesOnClusters(
    clusterRefs: string[],
    generation?: number | null,
  ): Promise<Map<string, ClusterService[]>> {
    const id =
      generation === undefined ? await this.currentGeneration() : generation;
    return id === null
      ? new Map()
      : this.assessments.servicesOnClusters(id, clusterRefs);
  }

  static clusterSummary(
    cluster: ClusterRecord,
    services: ClusterService[],
  ): ClusterSummary {
    return { ...cluster, services };
  }

  // ------------------------------------------------------------- history

  /** The newest history entry of each entity that has one. */
  async lastHistory(entityRefs: string[]): Promise<Map<string, LatestHistory>> {
    return this.history.latest(entityRefs);
  }

  /** The fingerprint of the newest history entry of each entity that has one. */
  async lastHistoryFingerprints(
    entityRefs: string[],
  ): Promise<Map<string, string>> {
    return this.history.latestFingerprints(entityRefs);
  }

  async appendHistory(entries: HistoryRecord[]) {
    await this.history.append(entries);
  }

  async getHistory(
    entityRef: string,
    limit = 500,
  ): Promise<AssessmentHistoryEntry[]> {
    return (await this.history.page(entityRef, { limit })).items;
  }

  /** A page of an entity's history, newest first. */
  async getHistoryPage(
    entityRef: string,
    page: PageQuery,
  ): Promise<{ items: AssessmentHistoryEntry[]; nextCursor: string | null }> {
    return this.history.page(entityRef, page);
  }

  /**
   * Deletes history and snapshot records older than the cut-off, keeping the
   * newest history entry of each entity so its current state stays known,
   * and the runs of the generations stored.
   */
  async prune(before: string): Promise<{ history: number; snapshots: number }> {
    const history = await this.history.prune(before);
    const { current, previous } = await this.generations.read();
    const snapshots = await this.runs.prune(
      before,
      [current, previous].filter((id): id is number => id !== null),
    );
    return { history, snapshots };
  }

  // ------------------------------------------------------------- reviews

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
      await this.reviews.insert(record, idempotencyKey);
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
    return this.reviews.findByKey(entityRef, idempotencyKey);
  }

  /** A page of an entity's reviews, newest first. */
  async listReviews(
    entityRef: string,
    page: PageQuery = { limit: 500 },
  ): Promise<{ items: ReviewRecord[]; nextCursor: string | null }> {
    return this.reviews.page(entityRef, page);
  }

  /**
   * The decision in force for an entity at `now` (see `decisionInForce`):
   * its newest review that is not an exemption expired by `now`'s UTC day.
   */
  async reviewInForce(
    entityRef: string,
    now: Date,
  ): Promise<ReviewRecord | null> {
    return this.reviews.inForce(entityRef, now);
  }

  /** The decision in force for each of the entities that has one, in one query per 500. */
  async reviewsInForce(
    entityRefs: string[],
    now: Date,
  ): Promise<Map<string, ReviewRecord>> {
    return this.reviews.inForceFor(entityRefs, now);
  }
}
