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
  SnapshotCoverage,
  SnapshotInfo,
  SnapshotRun,
} from '@orchestration/plugin-orchestration-common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
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
import type { ClusterReportSource } from '../ClusterFacts';
import type { NotifyResult, OrchestrationNotifier } from '../Notifications';
import { RollupCollector } from './RollupCollector';
import { DEFAULT_LEASE_TIMINGS } from '../config/readBackendConfig';
import {
  AbandonReason,
  AssessmentRecord,
  ClusterRecord,
  HistoryRecord,
  isLeaseLive,
  LeaseLimits,
  OrchestrationStore,
  RefreshLease,
  RefreshLeaseLostError,
  SnapshotRecord,
} from '../Store';

/** The run as the API shows it, its failure reason cleared of internal addresses. */
function publicRun(
  record: SnapshotRecord | undefined,
): SnapshotRun | undefined {
  if (!record) return undefined;
  const { id, startedAt, completedAt, status, entityCount, error } = record;
  return {
    id,
    startedAt,
    completedAt,
    status,
    entityCount,
    error: error ? withoutAddresses(error) : error,
  };
}

/** A duration in words, for messages. */
function inWords(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} seconds`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minutes`;
  return `${Math.round(ms / 3_600_000)} hours`;
}

export interface RefreshResult {
  snapshotId: number;
  entityCount: number;
  coverage: SnapshotCoverage | null;
  /** False when another instance ran the refresh and this one waited for it. */
  ranHere: boolean;
  /** Counts of the work done here; 0 when another instance ran it. */
  clusterCount: number;
  historyEntries: number;
  removed: number;
  durationMs: number;
  /** What owners were told after this refresh; absent when it ran elsewhere, or notifications are off or failed. */
  notifications?: NotifyResult;
}

/** How long a refresh may go without a sign of life, and how long it may run. */
export interface SnapshotLeaseOptions {
  /** How often a running refresh renews its lease. Default 10 s. */
  heartbeatMs?: number;
  /** A lease not renewed for this long belongs to a stopped instance. Default 60 s. */
  staleAfterMs?: number;
  /** A run that started longer ago than this is treated as dead. Default 1 hour. */
  maxRunMs?: number;
  /** How often an instance waiting for another's refresh looks at it. Default 250 ms. */
  pollMs?: number;
}

/** The defaults of `orchestration.snapshot.lease`, and how often a waiting instance looks. */
const DEFAULT_LEASE: Required<SnapshotLeaseOptions> = {
  ...DEFAULT_LEASE_TIMINGS,
  pollMs: 250,
};

/** The refresh another instance ran, and this one waited for, failed. */
export class SnapshotRefreshError extends Error {
  readonly name = 'SnapshotRefreshError';
}

/** What the history of an assessment is compared with. */
interface HistoryCandidate {
  entityRef: string;
  state: HistoryState;
  fingerprint: string;
}

const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * Assesses every Component of the catalog and stores the results, so lists
 * and the dashboard are served from the database.
 *
 * A refresh writes a new generation of rows and switches to it at once when
 * it completes, so readers see the previous snapshot until then, and keep
 * it when the refresh fails. One refresh runs at a time across all
 * instances: a run holds a lease in the database, renewed while it runs;
 * a refresh asked for meanwhile (in any instance) waits for that run, and
 * concurrent calls in one instance share one run. A lease not renewed for
 * a while, or held for too long, is taken over, and its run failed.
 */
export class SnapshotService {
  private lastFailure?: { at: string; reason: string };
  private running?: Promise<RefreshResult>;
  private readonly lease: Required<SnapshotLeaseOptions>;
  private readonly limits: LeaseLimits;
  /** Names this instance in the lease, for messages. */
  readonly instanceId: string;

  constructor(
    private readonly deps: {
      store: OrchestrationStore;
      reader: CatalogReader;
      auth: AuthService;
      logger: LoggerService;
      options: OrchestrationOptions;
      include: 'annotated' | 'all';
      /** Facts reported about clusters; none when not given. */
      clusterReports?: ClusterReportSource;
      /** Tells owners what changed after each refresh; nobody is told when not given. */
      notifier?: OrchestrationNotifier;
      /** The instant assessments are made at; the current time by default. */
      now?: () => Date;
      instanceId?: string;
      lease?: SnapshotLeaseOptions;
    },
  ) {
    this.lease = { ...DEFAULT_LEASE, ...deps.lease };
    this.limits = {
      staleAfterMs: this.lease.staleAfterMs,
      maxRunMs: this.lease.maxRunMs,
    };
    this.instanceId =
      deps.instanceId ?? `${hostname()}/${process.pid}/${randomUUID()}`;
  }

  /**
   * Refreshes the snapshot, or waits for the refresh running in another
   * instance; concurrent calls in this process share one run.
   */
  refresh(): Promise<RefreshResult> {
    if (!this.running) {
      this.running = this.runOrWait().finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /**
   * Fails the runs left `running` by instances that stopped during a
   * refresh (called at start-up): every run marked running but the one
   * holding a live lease. Returns the runs failed.
   */
  async failAbandonedRuns(): Promise<SnapshotRecord[]> {
    const now = new Date();
    const failed = await this.deps.store.failAbandonedRuns({
      now,
      limits: this.limits,
      reason: this.abandonReason(now, 'at start-up'),
    });
    for (const run of failed) {
      this.deps.logger.warn(`Orchestration snapshot ${run.id}: ${run.error}`);
    }
    return failed;
  }

  /** Notes that the catalog could not be reached while serving a request. */
  markCatalogFailure(reason: string) {
    this.lastFailure = {
      at: new Date().toISOString(),
      reason: withoutAddresses(reason),
    };
  }

  /** Whether a refresh runs (or is waited for) in this process now. */
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
   * failed run newer than the one served counts even while a retry is
   * running (in this or another instance), and so does a catalog failure
   * noticed in this process.
   *
   * @param served - the run whose generation a read used (null: none), so
   *   the time, count and coverage match what it read; by default the run
   *   served now.
   * @param read - the newest run, when the read read it too.
   */
  async state(
    served?: SnapshotRecord | null,
    read?: { lastRun?: SnapshotRecord },
  ): Promise<{ info: SnapshotInfo; lastRun?: SnapshotRun }> {
    let complete: SnapshotRecord | undefined;
    let last: SnapshotRecord | undefined;
    if (served === undefined) {
      ({ complete, last } = await this.deps.store.snapshotState());
    } else {
      complete = served?.status === 'complete' ? served : undefined;
      last = read ? read.lastRun : await this.deps.store.lastSnapshotRun();
    }
    const info: SnapshotInfo = {
      refreshedAt: complete?.completedAt ?? null,
      stale: false,
      entityCount: complete?.entityCount ?? 0,
      coverage: complete?.coverage ?? null,
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
    return { info, lastRun: publicRun(last) };
  }

  /**
   * The newest failed run after the one served. Usually that is the newest
   * run; while a retry runs, it is looked up among the runs between.
   */
  private async failedSince(
    complete: SnapshotRecord | undefined,
    last: SnapshotRecord | undefined,
  ): Promise<Pick<SnapshotRecord, 'completedAt' | 'error'> | undefined> {
    const after = complete?.id ?? 0;
    if (!last || last.id <= after) return undefined;
    if (last.status === 'failed') return last;
    if (last.status !== 'running' || last.id === after + 1) return undefined;
    return this.deps.store.failedRunSince(after);
  }

  async lastRun(): Promise<SnapshotRun | undefined> {
    return publicRun(await this.deps.store.lastSnapshotRun());
  }

  /** Why a run is failed as abandoned, found at `now`. */
  private abandonReason(now: Date, when: string): AbandonReason {
    return (run, lease) => {
      if (!lease) {
        return `Abandoned: the instance running this refresh stopped before it finished (found ${when}, ${now.toISOString()})`;
      }
      const silentFor = now.getTime() - Date.parse(lease.heartbeatAt);
      if (!(silentFor < this.limits.staleAfterMs)) {
        return `Abandoned: no sign of life from the instance running this refresh since ${lease.heartbeatAt}; it was probably stopped or restarted during the refresh`;
      }
      return `Abandoned: the refresh was still running ${inWords(
        now.getTime() - Date.parse(run.startedAt),
      )} after it started, longer than the ${inWords(
        this.limits.maxRunMs,
      )} a run may take`;
    };
  }

  /** Runs a refresh under the lease, or waits for the run holding it. */
  private async runOrWait(): Promise<RefreshResult> {
    const started = Date.now();
    for (;;) {
      const now = new Date();
      const begun = await this.deps.store.beginRefresh({
        now,
        owner: this.instanceId,
        limits: this.limits,
        reason: this.abandonReason(now, 'when a refresh started'),
      });
      if (begun.started) {
        for (const run of begun.abandoned) {
          this.deps.logger.warn(
            `Orchestration snapshot ${run.id}: ${run.error}`,
          );
        }
        return this.run(begun.run.id, started);
      }
      const finished = await this.waitFor(begun.lease, started);
      if (finished) return finished;
      // The run waited for was abandoned: take the lease over.
    }
  }

  /**
   * Waits until the run holding the lease finishes; undefined when it no
   * longer holds a live lease (then this instance may take it).
   */
  private async waitFor(
    lease: RefreshLease | null,
    started: number,
  ): Promise<RefreshResult | undefined> {
    if (!lease) return undefined;
    const { store } = this.deps;
    for (;;) {
      await sleep(this.lease.pollMs);
      const run = await store.getSnapshotRun(lease.runId);
      if (run && run.status === 'failed') {
        throw new SnapshotRefreshError(
          `Orchestration snapshot ${
            run.id
          }, run by another instance, failed: ${withoutAddresses(
            run.error ?? 'unknown error',
          )}`,
        );
      }
      if (run && run.status === 'complete') {
        return {
          snapshotId: run.id,
          entityCount: run.entityCount,
          coverage: run.coverage,
          ranHere: false,
          clusterCount: 0,
          historyEntries: 0,
          removed: 0,
          durationMs: Date.now() - started,
        };
      }
      const current = await store.refreshLease();
      if (
        !current ||
        current.runId !== lease.runId ||
        !isLeaseLive(current, new Date(), this.limits)
      ) {
        return undefined;
      }
    }
  }

  /** Renews the lease while a run works; `assertHeld` throws once it is lost. */
  private keepLease(runId: number) {
    const { store, logger } = this.deps;
    let lost = false;
    let stopped = false;
    const timer = setInterval(() => {
      store.renewRefreshLease(runId, new Date()).then(
        held => {
          if (!held && !stopped) lost = true;
        },
        error =>
          logger.warn(
            `Could not renew the lease of Orchestration snapshot ${runId}: ${
              (error as Error)?.message ?? String(error)
            }`,
          ),
      );
    }, this.lease.heartbeatMs);
    timer.unref?.();
    const lostError = () =>
      new RefreshLeaseLostError(
        `Orchestration snapshot ${runId} lost its lease: another instance found it silent and took over`,
      );
    return {
      assertHeld: () => {
        if (lost) throw lostError();
      },
      /** Renews the lease now, before writing more; throws once it is lost. */
      renew: async () => {
        if (lost || !(await store.renewRefreshLease(runId, new Date()))) {
          lost = true;
          throw lostError();
        }
      },
      stop: () => {
        stopped = true;
        clearInterval(timer);
      },
    };
  }

  /** One run, holding the lease: a new generation written page by page, then served. */
  private async run(runId: number, started: number): Promise<RefreshResult> {
    const { store, reader, auth, logger, options } = this.deps;
    const generation = runId;
    const now = this.deps.now?.() ?? new Date();
    const nowIso = now.toISOString();
    const lease = this.keepLease(runId);
    try {
      const credentials = await auth.getOwnServiceCredentials();
      const [groups, clusters] = await Promise.all([
        reader.loadGroups(credentials),
        reader.loadClusters(credentials),
      ]);
      reader.rememberGroups(groups);
      const platformTeams = platformTeamsAmong(groups, options.platformTeams);
      // Each cluster is assessed once, with the newest reports about it;
      // its services reuse that assessment.
      const reports =
        (await this.deps.clusterReports?.reportsFor([...clusters.keys()])) ??
        new Map();
      const clusterAssessments = new Map<string, ClusterAssessment>();
      const clusterRecords: ClusterRecord[] = [];
      const notifications = this.deps.notifier?.collector(now);
      for (const [ref, cluster] of clusters) {
        const assessment = assessCluster(cluster, {
          options,
          now: nowIso,
          reports: reports.get(ref),
        });
        clusterAssessments.set(ref, assessment);
        const title = cluster.metadata.title;
        clusterRecords.push({
          entityRef: entityRefOf(cluster),
          name: cluster.metadata.name,
          title: typeof title === 'string' && title ? title : null,
          owner: ownerRefOf(cluster) ?? null,
          obligationStatus: clusterObligationStatus(assessment),
          assessment,
        });
        notifications?.cluster(clusterRecords[clusterRecords.length - 1]);
      }
      lease.assertHeld();
      await store.writeClusters(generation, clusterRecords);

      // Page by page: only one catalog page of assessments is held at a time.
      const writer = store.generationWriter(generation);
      let entityCount = 0;
      let historyEntries = 0;
      const coverage: SnapshotCoverage = { annotated: 0, components: 0 };
      const rollups = new RollupCollector(groups);
      for await (const page of reader.pages(
        { kind: 'component' },
        COMPONENT_FIELDS,
        credentials,
      )) {
        // A run that was silent long enough to lose its lease stops here,
        // before it writes rows or history beside the run that took over.
        await lease.renew();
        // Each assessment becomes a row at once (the assessments are
        // garbage right away); the page's rows and history are written in
        // one transaction, one commit per page.
        const candidates: HistoryCandidate[] = [];
        for (const entity of page) {
          coverage.components += 1;
          const annotated = isOrchestrationAnnotated(entity);
          if (annotated) coverage.annotated += 1;
          rollups.count(entity, annotated);
          if (this.deps.include === 'annotated' && !annotated) continue;
          const { record, state } = this.assess(entity, {
            groups,
            clusters,
            clusterAssessments,
            platformTeams,
            // One canonical instant for the whole run; the engine uses it as given.
            now: nowIso,
          });
          writer.add(record);
          notifications?.component(record);
          candidates.push({
            entityRef: record.summary.entityRef,
            state,
            fingerprint: record.fingerprint,
          });
        }
        historyEntries += await store.transaction(async tx => {
          await writer.write(tx);
          return this.recordHistory(tx, candidates, nowIso);
        });
        entityCount += candidates.length;
      }

      lease.assertHeld();
      await store.rollups.insert(generation, rollups.result());
      const { removed } = await store.publishGeneration(runId, {
        entityCount,
        coverage,
        completedAt: new Date().toISOString(),
      });
      this.lastFailure = undefined;
      const result: RefreshResult = {
        snapshotId: runId,
        entityCount,
        coverage,
        ranHere: true,
        clusterCount: clusterRecords.length,
        historyEntries,
        removed,
        durationMs: Date.now() - started,
      };
      logger.info(
        `Orchestration snapshot ${runId}: ${entityCount} Components (${coverage.annotated} of ${coverage.components} annotated) and ${clusterRecords.length} clusters assessed in ${result.durationMs} ms; ${historyEntries} history entries, ${removed} removed`,
      );
      if (notifications) {
        // After the generation is served: a failure here never fails the refresh.
        result.notifications = await this.deps
          .notifier!.notify({ runId, now, collector: notifications })
          .catch(error => {
            logger.warn(
              `Orchestration snapshot ${runId}: owners could not be notified: ${
                (error as Error)?.message ?? String(error)
              }`,
            );
            return undefined;
          });
      }
      return result;
    } catch (error) {
      const reason = withoutAddresses(
        (error as Error)?.message ?? String(error),
      );
      const failedAt = new Date().toISOString();
      // Stale at once in this process, before (and even without) the database write.
      this.lastFailure = { at: failedAt, reason };
      logger.warn(
        `Orchestration snapshot ${runId} failed: ${reason}`,
        error instanceof Error ? error : { error: String(error) },
      );
      await store
        .abandonRefresh(runId, reason, failedAt)
        .catch(failure =>
          logger.warn(
            `Could not record the failure of Orchestration snapshot ${runId}: ${
              (failure as Error)?.message ?? String(failure)
            }`,
          ),
        );
      throw error;
    } finally {
      lease.stop();
    }
  }

  /**
   * Appends a history entry for each assessment that changed since the
   * newest entry of its Component: the first entry of a Component, or one
   * with at least one change in words. Returns how many were appended.
   */
  private async recordHistory(
    store: OrchestrationStore,
    candidates: HistoryCandidate[],
    recordedAt: string,
  ): Promise<number> {
    if (candidates.length === 0) return 0;
    // Most assessments do not change: only fingerprints are read for all,
    // and the states to compare with only for those whose fingerprint did.
    const fingerprints = await store.lastHistoryFingerprints(
      candidates.map(c => c.entityRef),
    );
    const changed = candidates.filter(
      c => fingerprints.get(c.entityRef) !== c.fingerprint,
    );
    if (changed.length === 0) return 0;
    const latest = await store.lastHistory(
      changed.map(c => c.entityRef).filter(ref => fingerprints.has(ref)),
    );
    const entries: HistoryRecord[] = [];
    for (const { entityRef, state, fingerprint: print } of changed) {
      const before = latest.get(entityRef);
      if (before?.fingerprint === print) continue;
      const changes = describeChanges(before?.state, state);
      if (before && changes.length === 0) continue;
      entries.push({
        entityRef,
        recordedAt,
        state,
        changes,
        fingerprint: print,
      });
      // A Component listed twice compares with what was just appended.
      latest.set(entityRef, { state, fingerprint: print });
    }
    await store.appendHistory(entries);
    return entries.length;
  }

  private assess(
    entity: Entity,
    ctx: {
      groups: ReadonlyMap<string, GroupFacts>;
      clusters: Map<string, Entity>;
      clusterAssessments: Map<string, ClusterAssessment>;
      platformTeams: string[];
      now: string;
    },
  ): { record: AssessmentRecord; state: HistoryState } {
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
    return {
      record: {
        summary,
        assessment,
        cluster: clusterRef ?? null,
        obligationRank: mostUrgent(assessment.obligations).rank,
        fingerprint: fingerprint(state),
      },
      state,
    };
  }
}
