import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  assessCluster,
  ClusterAssessment,
  ClusterFactsReportResponse,
  ClusterSummary,
  isKubernetesClusterResource,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
  ObligationStatus,
  OrchestrationOptions,
  parseClusterFactsReport,
  ReportedClusterFacts,
  StoredClusterFactsReport,
} from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { RecentValues } from '../../lib/RecentValues';
import { AccessControl } from '../Access';
import { clusterObligationStatus } from '../Assessor/summarise';
import { CatalogReader } from '../CatalogReader';
import {
  ClusterFactReportTable,
  ClusterFactRetention,
} from '../Store/tables/ClusterFactReportTable';

/** Where the assessments of clusters get the facts reported about them. */
export interface ClusterReportSource {
  /**
   * The reports to assess each cluster with: per fact, the newest
   * observation. Clusters without any are left out.
   */
  reportsFor(
    clusterRefs: readonly string[],
  ): Promise<Map<string, ReportedClusterFacts[]>>;
  /**
   * Like {@link ClusterReportSource.reportsFor}, reusing what was read for a
   * cluster a moment ago (live assessments of the services on one cluster).
   */
  recentReportsFor(
    clusterRefs: readonly string[],
  ): Promise<Map<string, ReportedClusterFacts[]>>;
}

/**
 * How long the reports read for a cluster are reused by live assessments. A
 * report taken by this instance is seen at once; one taken by another
 * replica, within this time.
 */
const RECENT_REPORTS_MS = 1_000;

/** How long a cluster Resource read from the catalog is reused by the cluster views. */
const ENTITY_TTL_MS = 30_000;
/** Cluster Resources remembered at most; far more than clusters exist. */
const MAX_REMEMBERED = 5_000;

/** Who sent a report: the user's entity ref or the service's subject. */
function reporterOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal?.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  if (principal?.type === 'service' && principal.subject) {
    return principal.subject;
  }
  return 'unknown';
}

function formatAge(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/**
 * Facts about clusters reported by automation: takes reports (checked,
 * stored, pruned by retention) and gives them to every assessment of a
 * cluster; assesses the clusters of the cluster views when they are read, so
 * the provenance and age of each fact are those of the moment of reading.
 */
export class ClusterFactsService implements ClusterReportSource {
  /** Cluster Resources read from the catalog (null: not a cluster there). */
  private readonly entities = new RecentValues<Entity | null>({
    freshMs: ENTITY_TTL_MS,
    maxEntries: MAX_REMEMBERED,
  });
  private catalogFailedAt?: number;
  /** Reports read for live assessments, by cluster ([] for none). */
  private readonly recentReports = new RecentValues<ReportedClusterFacts[]>({
    freshMs: RECENT_REPORTS_MS,
    maxEntries: MAX_REMEMBERED,
  });
  /** Counts the reports taken, so a read that began before one is not reused. */
  private reportsTaken = 0;

  constructor(
    private readonly deps: {
      knex: Knex;
      reader: CatalogReader;
      auth: AuthService;
      access: AccessControl;
      logger: LoggerService;
      options: OrchestrationOptions;
      retention: ClusterFactRetention;
      /** The current time; `new Date()` by default. */
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private get table() {
    return new ClusterFactReportTable(this.deps.knex);
  }

  async reportsFor(
    clusterRefs: readonly string[],
  ): Promise<Map<string, ReportedClusterFacts[]>> {
    if (clusterRefs.length === 0) return new Map();
    return this.table.latest(clusterRefs);
  }

  async recentReportsFor(
    clusterRefs: readonly string[],
  ): Promise<Map<string, ReportedClusterFacts[]>> {
    const found = new Map<string, ReportedClusterFacts[]>();
    const at = Date.now();
    const unread: string[] = [];
    for (const ref of clusterRefs) {
      const recent = this.recentReports.fresh(ref);
      if (!recent) unread.push(ref);
      else if (recent.value.length > 0) found.set(ref, recent.value);
    }
    if (unread.length === 0) return found;
    const taken = this.reportsTaken;
    const read = await this.reportsFor(unread);
    const reusable = taken === this.reportsTaken;
    for (const ref of unread) {
      const reports = read.get(ref) ?? [];
      if (reusable) this.recentReports.set(ref, reports, at);
      if (reports.length > 0) found.set(ref, reports);
    }
    return found;
  }

  /**
   * Takes a report about a cluster: checks that the caller may report about
   * it (403), that it is a kubernetes-cluster Resource in the catalog (404)
   * and the body (400, every problem named), stores it and prunes the
   * cluster's history by retention, then assesses the cluster with it.
   */
  async report(
    clusterRef: string,
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<ClusterFactsReportResponse> {
    const receivedAt = this.now();
    await this.deps.access.assertCanReportFacts(clusterRef, credentials);
    // Read with the plugin's own credentials: a reporter's token may be
    // limited to reporting, and its permission was checked above.
    const cluster = await this.deps.reader.getEntity(
      clusterRef,
      await this.deps.auth.getOwnServiceCredentials(),
    );
    if (!cluster) {
      throw new NotFoundError(
        `No kubernetes-cluster Resource ${clusterRef} in the catalog; report facts about a Resource with spec.type ${KUBERNETES_CLUSTER_RESOURCE_TYPE} that the catalog has`,
      );
    }
    if (!isKubernetesClusterResource(cluster)) {
      const type = (cluster.spec as { type?: unknown } | undefined)?.type;
      throw new NotFoundError(
        `${clusterRef} is not a kubernetes-cluster Resource (its spec.type is ${
          typeof type === 'string' ? JSON.stringify(type) : 'not set'
        }); facts are reported about Resources with spec.type ${KUBERNETES_CLUSTER_RESOURCE_TYPE}`,
      );
    }
    const parsed = parseClusterFactsReport(body, { now: receivedAt });
    if (!parsed.ok) {
      throw new InputError(
        `Invalid cluster facts report: ${parsed.errors.join('; ')}`,
      );
    }
    const stored: StoredClusterFactsReport = {
      id: randomUUID(),
      clusterRef,
      source: parsed.report.source,
      observedAt: parsed.report.observedAt,
      receivedAt: receivedAt.toISOString(),
      reportedBy: reporterOf(credentials),
      facts: parsed.report.facts,
    };
    const { pruned, reports } = await this.deps.knex.transaction(async trx => {
      const table = new ClusterFactReportTable(trx);
      await table.insert(stored);
      const removed = await table.prune(this.deps.retention, {
        now: receivedAt,
        clusterRef,
      });
      const latest = await table.latest([clusterRef]);
      return { pruned: removed, reports: latest.get(clusterRef) ?? [] };
    });
    this.entities.set(clusterRef, cluster);
    this.reportsTaken += 1;
    this.recentReports.delete(clusterRef);

    const assessment = assessCluster(cluster, {
      options: this.deps.options,
      now: receivedAt.toISOString(),
      reports,
    });
    const readable = await this.deps.access.canRead(clusterRef, credentials);
    return {
      report: stored,
      pruned,
      assessment: readable ? assessment : null,
      obligationStatus: readable ? clusterObligationStatus(assessment) : null,
      warnings: this.warningsFor(stored, assessment),
    };
  }

  /** Why facts of a report do not speak for the cluster now. */
  private warningsFor(
    report: StoredClusterFactsReport,
    assessment: ClusterAssessment,
  ): string[] {
    const warnings: string[] = [];
    for (const key of Object.keys(report.facts)) {
      const fact = assessment.facts?.find(f => f.key === key);
      const provenance = fact?.provenance;
      if (provenance?.kind !== 'reported') continue;
      if (
        provenance.observedAt !== report.observedAt ||
        provenance.source !== report.source
      ) {
        if (provenance.observedAt > report.observedAt) {
          warnings.push(
            `${key}: a later observation (${provenance.observedAt}, by ${provenance.source}) speaks for the cluster; this one is kept in its history only`,
          );
        }
        continue;
      }
      if (provenance.stale) {
        warnings.push(
          `${key}: observed ${formatAge(
            provenance.ageSeconds,
          )} ago, past its freshness limit of ${formatAge(
            provenance.maxAgeSeconds,
          )} (orchestration.clusterFacts.freshness): it is stored but not used, and the checks that need it stay unknown until a fresher report arrives`,
        );
      }
    }
    return warnings;
  }

  /**
   * The cluster summaries with their clusters assessed now, with the
   * newest reports. A cluster Resource is read from the catalog at most
   * every 30 seconds; when the catalog cannot be reached, or no longer has
   * the cluster, the summary keeps the assessment of the snapshot.
   */
  async assessNow<
    T extends Pick<ClusterSummary, 'entityRef' | 'assessment'> & {
      obligationStatus: ObligationStatus | null;
    },
  >(items: T[]): Promise<T[]> {
    if (items.length === 0) return items;
    const refs = items.map(item => item.entityRef);
    const [entities, reports] = await Promise.all([
      this.clusterEntities(refs),
      this.reportsFor(refs),
    ]);
    const now = this.now().toISOString();
    return items.map(item => {
      const entity = entities.get(item.entityRef);
      if (!entity) return item;
      const assessment = assessCluster(entity, {
        options: this.deps.options,
        now,
        reports: reports.get(item.entityRef),
      });
      return {
        ...item,
        assessment,
        obligationStatus: clusterObligationStatus(assessment),
      };
    });
  }

  /** Removes the reports retention does not keep, for every cluster. */
  async prune(now: Date = this.now()): Promise<number> {
    return this.table.prune(this.deps.retention, { now });
  }

  /** The cluster Resources by ref, read again once 30 seconds old. */
  private async clusterEntities(
    refs: readonly string[],
  ): Promise<Map<string, Entity>> {
    const at = Date.now();
    const due = refs.filter(ref => !this.entities.fresh(ref));
    const catalogResting =
      this.catalogFailedAt !== undefined &&
      at - this.catalogFailedAt < ENTITY_TTL_MS;
    if (due.length > 0 && !catalogResting) {
      try {
        const found = await this.deps.reader.getEntities(
          due,
          await this.deps.auth.getOwnServiceCredentials(),
        );
        this.catalogFailedAt = undefined;
        for (const ref of due) {
          const entity = found.get(ref);
          this.entities.set(
            ref,
            entity && isKubernetesClusterResource(entity) ? entity : null,
            at,
          );
        }
      } catch (error) {
        this.catalogFailedAt = at;
        this.deps.logger.warn(
          `Clusters assessed as the snapshot stored them, the catalog could not be read: ${
            (error as Error)?.message ?? String(error)
          }`,
        );
      }
    }
    const result = new Map<string, Entity>();
    for (const ref of refs) {
      // Past its time too, while the catalog cannot be read.
      const entity = this.entities.last(ref)?.value;
      if (entity) result.set(ref, entity);
    }
    return result;
  }
}
