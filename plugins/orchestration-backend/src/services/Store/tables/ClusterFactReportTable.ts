import {
  isReportableClusterFactKey,
  ReportableClusterFactKey,
  ReportedClusterFacts,
  StoredClusterFactsReport,
} from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';

/** Facts reported about clusters, one row per fact of a report. */
export const CLUSTER_FACT_REPORTS_TABLE = 'orchestration_cluster_fact_reports';

interface ClusterFactReportRow {
  id: number | string;
  report_id: string;
  cluster_ref: string;
  fact_key: string;
  value: string;
  source: string;
  observed_at: string;
  received_at: string;
  reported_by: string;
}

/** How much history of reported facts is kept. */
export interface ClusterFactRetention {
  /** Most reports kept per cluster and fact, the newest observed. */
  maxReportsPerFact: number;
  /**
   * Reports observed longer ago than this are removed, except the newest of
   * each cluster and fact, so a reporter that stopped still reads as stale
   * rather than the fact falling back to its annotation.
   */
  maxAgeMs: number;
}

/** Cluster refs per query: well within the bind-parameter limits. */
const REFS_PER_QUERY = 500;

/**
 * `orchestration_cluster_fact_reports`: facts about kubernetes-cluster
 * Resources reported by automation, with their history.
 */
export class ClusterFactReportTable {
  constructor(private readonly db: Knex) {}

  private get table() {
    return this.db<ClusterFactReportRow>(CLUSTER_FACT_REPORTS_TABLE);
  }

  /** Rows ranked per cluster and fact, newest observed (then newest stored) first. */
  private ranked(where: (builder: Knex.QueryBuilder) => void) {
    return this.db(CLUSTER_FACT_REPORTS_TABLE)
      .select(
        '*',
        this.db.raw(
          'row_number() over (partition by ??, ?? order by ?? desc, ?? desc) as rank_in_fact',
          ['cluster_ref', 'fact_key', 'observed_at', 'id'],
        ),
      )
      .where(where);
  }

  /** Stores a report, one row per fact. */
  async insert(report: StoredClusterFactsReport): Promise<void> {
    const rows = Object.entries(report.facts).map(([key, value]) => ({
      report_id: report.id,
      cluster_ref: report.clusterRef,
      fact_key: key,
      value: String(value),
      source: report.source,
      observed_at: report.observedAt,
      received_at: report.receivedAt,
      reported_by: report.reportedBy,
    }));
    if (rows.length > 0) await this.table.insert(rows);
  }

  /**
   * The newest report of each fact of each cluster, as the engine takes
   * them: one report per fact, oldest first. Clusters without reports are
   * left out.
   */
  async latest(
    clusterRefs: readonly string[],
  ): Promise<Map<string, ReportedClusterFacts[]>> {
    const result = new Map<string, ReportedClusterFacts[]>();
    const unique = [...new Set(clusterRefs)];
    for (let i = 0; i < unique.length; i += REFS_PER_QUERY) {
      const refs = unique.slice(i, i + REFS_PER_QUERY);
      const rows: ClusterFactReportRow[] = await this.db
        .select(
          'cluster_ref',
          'fact_key',
          'value',
          'source',
          'observed_at',
          'id',
        )
        .from(this.ranked(b => b.whereIn('cluster_ref', refs)).as('ranked'))
        .where('rank_in_fact', 1)
        .orderBy([
          { column: 'cluster_ref' },
          { column: 'observed_at' },
          { column: 'id' },
        ]);
      for (const row of rows) {
        if (!isReportableClusterFactKey(row.fact_key)) continue;
        const list = result.get(row.cluster_ref) ?? [];
        list.push({
          source: row.source,
          observedAt: row.observed_at,
          facts: {
            [row.fact_key as ReportableClusterFactKey]: row.value,
          },
        });
        result.set(row.cluster_ref, list);
      }
    }
    return result;
  }

  /**
   * Removes the reports retention does not keep: beyond the newest
   * `maxReportsPerFact` of a cluster and fact, and those observed before
   * `now - maxAgeMs` but the newest of each. Only the given cluster when
   * one is named (after a report), otherwise every cluster. Returns the
   * rows removed.
   */
  async prune(
    retention: ClusterFactRetention,
    options: { now: Date; clusterRef?: string },
  ): Promise<number> {
    const cutoff = new Date(
      Math.max(0, options.now.getTime() - retention.maxAgeMs),
    ).toISOString();
    const doomed = this.db
      .select('id')
      .from(
        this.ranked(b => {
          if (options.clusterRef !== undefined) {
            b.where('cluster_ref', options.clusterRef);
          }
        }).as('ranked'),
      )
      .where(b =>
        b
          .where('rank_in_fact', '>', retention.maxReportsPerFact)
          .orWhere(q =>
            q.where('rank_in_fact', '>', 1).where('observed_at', '<', cutoff),
          ),
      );
    // Wrapped once more, so MySQL accepts a subquery of the table it deletes from.
    return this.table
      .whereIn('id', this.db.select('id').from(doomed.as('doomed')))
      .delete();
  }

  /** How many reports of a cluster are kept per fact, for tests and diagnostics. */
  async countByFact(clusterRef: string): Promise<Record<string, number>> {
    const rows: Array<{ fact_key: string; n: number | string }> =
      await this.table
        .where('cluster_ref', clusterRef)
        .groupBy('fact_key')
        .select('fact_key')
        .count({ n: '*' });
    return Object.fromEntries(rows.map(r => [r.fact_key, Number(r.n)]));
  }
}
