import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  assessCluster,
  ClusterAssessment,
  assessEntity,
  clusterRefOf,
  entityRefOf,
  GroupFacts,
  isOrchestrationAnnotated,
  OrchestrationOptions,
  ownerFactsFor,
  ownerRefOf,
  platformTeamsAmong,
  SnapshotInfo,
} from '@orchestration/plugin-orchestration-common';
import {
  CatalogReader,
  COMPONENT_FIELDS,
  withoutAddresses,
} from '../CatalogReader';
import {
  clusterObligationStatus,
  describeChanges,
  fingerprint,
  historyState,
  HistoryState,
  mostUrgent,
  summarise,
} from '../Assessor/summarise';
import {
  AssessmentRow,
  ClusterRow,
  OrchestrationStore,
  SnapshotRecord,
  TABLES,
} from '../Store';

/** The record with its failure reason cleared of internal addresses. */
function safeRecord(
  record: SnapshotRecord | undefined,
): SnapshotRecord | undefined {
  return record?.error
    ? { ...record, error: withoutAddresses(record.error) }
    : record;
}

export interface RefreshResult {
  snapshotId: number;
  entityCount: number;
  clusterCount: number;
  historyEntries: number;
  removed: number;
  durationMs: number;
}

/**
 * Assesses every Component of the catalog and stores the results, so lists
 * and the dashboard are served from the database. Runs as a scheduled task
 * with global scope, so one replica does the work at a time.
 */
export class SnapshotService {
  private lastFailure?: { at: string; reason: string };
  private running?: Promise<RefreshResult>;

  constructor(
    private readonly deps: {
      store: OrchestrationStore;
      reader: CatalogReader;
      auth: AuthService;
      logger: LoggerService;
      options: OrchestrationOptions;
      include: 'annotated' | 'all';
      now?: () => Date;
    },
  ) {}

  /** Refreshes the snapshot; concurrent calls in this process share one run. */
  refresh(): Promise<RefreshResult> {
    if (!this.running) {
      this.running = this.doRefresh().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** Notes that the catalog could not be reached while serving a request. */
  markCatalogFailure(reason: string) {
    this.lastFailure = {
      at: new Date().toISOString(),
      reason: withoutAddresses(reason),
    };
  }

  /** Whether a refresh runs in this process now. */
  get refreshing(): boolean {
    return this.running !== undefined;
  }

  /** How fresh the stored data is. */
  async info(): Promise<SnapshotInfo> {
    return (await this.state()).info;
  }

  /**
   * How fresh the stored data is, with the newest run of any status. The
   * data is stale from the moment a refresh fails until one completes: a
   * failed run newer than the newest complete one counts even while a retry
   * is running (in this or another replica), and so does a catalog failure
   * noticed in this process.
   */
  async state(): Promise<{ info: SnapshotInfo; lastRun?: SnapshotRecord }> {
    const { complete, last } = await this.deps.store.snapshotState();
    const info: SnapshotInfo = {
      refreshedAt: complete?.completedAt ?? null,
      stale: false,
      entityCount: complete?.entityCount ?? 0,
    };
    const failedAfter = await this.failedSince(complete, last);
    if (failedAfter) {
      info.stale = true;
      info.staleReason = `The last refresh failed at ${
        failedAfter.completedAt
      }: ${withoutAddresses(failedAfter.error ?? 'unknown error')}`;
    } else if (
      this.lastFailure &&
      (!complete?.completedAt || this.lastFailure.at > complete.completedAt)
    ) {
      info.stale = true;
      info.staleReason = `${this.lastFailure.reason} (at ${this.lastFailure.at})`;
    }
    return { info, lastRun: safeRecord(last) };
  }

  /**
   * The newest failed run after the newest complete one. Usually that is the
   * newest run; while a retry runs, it is looked up among the runs between.
   */
  private async failedSince(
    complete: SnapshotRecord | undefined,
    last: SnapshotRecord | undefined,
  ): Promise<Pick<SnapshotRecord, 'completedAt' | 'error'> | undefined> {
    const after = complete?.id ?? 0;
    if (!last || last.id <= after) return undefined;
    if (last.status === 'failed') return last;
    if (last.status !== 'running' || last.id === after + 1) return undefined;
    const row = await this.deps.store
      .knex(TABLES.snapshots)
      .where('status', 'failed')
      .andWhere('id', '>', after)
      .orderBy('id', 'desc')
      .first('completed_at', 'error');
    return row
      ? { completedAt: row.completed_at ?? null, error: row.error ?? null }
      : undefined;
  }

  async lastRun(): Promise<SnapshotRecord | undefined> {
    return safeRecord(await this.deps.store.lastSnapshotRun());
  }

  private async doRefresh(): Promise<RefreshResult> {
    const { store, reader, auth, logger, options } = this.deps;
    const started = Date.now();
    const now = this.deps.now?.() ?? new Date();
    const nowIso = now.toISOString();
    const snapshotId = await store.startSnapshot(nowIso);
    try {
      const credentials = await auth.getOwnServiceCredentials();
      const [groups, clusters, previous] = await Promise.all([
        reader.loadGroups(credentials),
        reader.loadClusters(credentials),
        store.fingerprints(),
      ]);
      reader.rememberGroups(groups);
      const platformTeams = platformTeamsAmong(groups, options.platformTeams);
      // Each cluster is assessed once; its services reuse that assessment.
      const clusterAssessments = new Map<string, ClusterAssessment>();
      for (const [ref, cluster] of clusters) {
        clusterAssessments.set(
          ref,
          assessCluster(cluster, { options, now: nowIso }),
        );
      }

      let entityCount = 0;
      let historyEntries = 0;
      for await (const page of reader.pages(
        { kind: 'component' },
        COMPONENT_FIELDS,
        credentials,
      )) {
        const rows: AssessmentRow[] = [];
        const changed: Array<{
          entityRef: string;
          state: HistoryState;
          fingerprint: string;
        }> = [];
        for (const entity of page) {
          if (
            this.deps.include === 'annotated' &&
            !isOrchestrationAnnotated(entity)
          ) {
            continue;
          }
          const row = this.assessRow(entity, {
            groups,
            clusters,
            clusterAssessments,
            platformTeams,
            // One canonical instant for the whole run; the engine uses it as given.
            now: nowIso,
            snapshotId,
          });
          rows.push(row.row);
          if (previous.get(row.row.entity_ref) !== row.row.fingerprint) {
            changed.push({
              entityRef: row.row.entity_ref,
              state: row.state,
              fingerprint: row.row.fingerprint,
            });
          }
        }
        const before = await store.lastHistory(
          changed.filter(c => previous.has(c.entityRef)).map(c => c.entityRef),
        );
        await store.upsertAssessments(rows);
        await store.appendHistory(
          changed.map(c => ({
            entityRef: c.entityRef,
            recordedAt: nowIso,
            state: c.state,
            changes: describeChanges(before.get(c.entityRef), c.state),
            fingerprint: c.fingerprint,
          })),
        );
        entityCount += rows.length;
        historyEntries += changed.length;
      }

      const clusterRows: ClusterRow[] = [...clusters].map(([ref, cluster]) => {
        const assessment = clusterAssessments.get(ref)!;
        const title = cluster.metadata.title;
        return {
          entity_ref: entityRefOf(cluster),
          name: cluster.metadata.name,
          title: typeof title === 'string' && title ? title : null,
          owner: ownerRefOf(cluster) ?? null,
          obligation_status: clusterObligationStatus(assessment),
          snapshot_id: snapshotId,
          assessment: JSON.stringify(assessment),
        };
      });
      await store.replaceClusters(clusterRows, snapshotId);
      const removed = await store.removeAssessmentsBefore(snapshotId);
      const completedAt = new Date().toISOString();
      await store.completeSnapshot(snapshotId, entityCount, completedAt);
      // Entries of earlier runs can no longer be used; free them.
      store.listCache.clear();
      this.lastFailure = undefined;
      const result: RefreshResult = {
        snapshotId,
        entityCount,
        clusterCount: clusterRows.length,
        historyEntries,
        removed,
        durationMs: Date.now() - started,
      };
      logger.info(
        `Orchestration snapshot ${snapshotId}: ${entityCount} Components and ${clusterRows.length} clusters assessed in ${result.durationMs} ms; ${historyEntries} history entries, ${removed} removed`,
      );
      return result;
    } catch (error) {
      const reason = withoutAddresses(
        (error as Error)?.message ?? String(error),
      );
      const failedAt = new Date().toISOString();
      // Stale at once in this process, before (and even without) the database write.
      this.lastFailure = { at: failedAt, reason };
      logger.warn(
        `Orchestration snapshot ${snapshotId} failed: ${reason}`,
        error instanceof Error ? error : { error: String(error) },
      );
      await store
        .failSnapshot(snapshotId, reason, failedAt)
        .catch(failure =>
          logger.warn(
            `Could not record the failure of Orchestration snapshot ${snapshotId}: ${
              (failure as Error)?.message ?? String(failure)
            }`,
          ),
        );
      throw error;
    }
  }

  private assessRow(
    entity: Entity,
    ctx: {
      groups: ReadonlyMap<string, GroupFacts>;
      clusters: Map<string, Entity>;
      clusterAssessments: Map<string, ClusterAssessment>;
      platformTeams: string[];
      now: string;
      snapshotId: number;
    },
  ): { row: AssessmentRow; state: HistoryState } {
    const ownerRef = ownerRefOf(entity);
    const clusterRef = clusterRefOf(entity);
    const assessment = assessEntity({
      entity,
      owner: ownerFactsFor(ownerRef, ctx.groups),
      platformTeams: ctx.platformTeams,
      cluster: clusterRef ? ctx.clusters.get(clusterRef) ?? null : undefined,
      clusterAssessment: clusterRef
        ? ctx.clusterAssessments.get(clusterRef)
        : undefined,
      options: this.deps.options,
      now: ctx.now,
    });
    const summary = summarise(entity, assessment);
    const state = historyState(summary, assessment);
    const urgent = mostUrgent(assessment.obligations);
    const row: AssessmentRow = {
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
      obligation_rank: urgent.rank,
      next_due: summary.nextDue,
      cluster: clusterRef ?? null,
      warning_count: summary.warningCount,
      validation_error_count: summary.validationErrorCount,
      assessed_at: summary.assessedAt,
      search_text: [summary.name, summary.title, summary.owner, summary.system]
        .filter(Boolean)
        .join(' ')
        .toLocaleLowerCase('en-US'),
      fingerprint: fingerprint(state),
      snapshot_id: ctx.snapshotId,
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
    return { row, state };
  }
}
