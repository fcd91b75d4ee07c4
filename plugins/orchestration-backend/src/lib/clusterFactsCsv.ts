import type {
  ClusterAssessment,
  ClusterFact,
} from '@orchestration/plugin-orchestration-common';
import { csvLine } from './csv';

/** A cluster as the export reads it: its ref, title and assessment. */
export interface ClusterFactsSource {
  entityRef: string;
  title: string | null;
  assessment: ClusterAssessment;
}

/** What the columns read: one fact of a cluster, at the time of the export. */
interface ClusterFactContext {
  cluster: ClusterFactsSource;
  fact: ClusterFact;
  /** Seconds since the fact was observed, at the time of the export; null for a declared fact. */
  ageSeconds: number | null;
  stale: boolean;
  /** Ids of the cluster's obligations whose evidence cites the fact. */
  obligations: string[];
}

/** One column of the cluster facts export: its header and how to read its cell. */
export interface ClusterFactColumn {
  header: string;
  value: (context: ClusterFactContext) => unknown;
}

const reported = (fact: ClusterFact) =>
  fact.provenance.kind === 'reported' ? fact.provenance : null;

/**
 * The columns of `GET /v1/clusters/export`, in order: the cluster, the fact
 * and where it came from. Cells of a declared fact about reports (source,
 * observedAt, age, freshness limit) are empty.
 */
export const CLUSTER_FACT_COLUMNS: readonly ClusterFactColumn[] = [
  { header: 'clusterRef', value: ({ cluster }) => cluster.entityRef },
  { header: 'clusterTitle', value: ({ cluster }) => cluster.title },
  { header: 'factKey', value: ({ fact }) => fact.key },
  { header: 'value', value: ({ fact }) => fact.value },
  { header: 'provenance', value: ({ fact }) => fact.provenance.kind },
  { header: 'source', value: ({ fact }) => reported(fact)?.source ?? null },
  {
    header: 'observedAt',
    value: ({ fact }) => reported(fact)?.observedAt ?? null,
  },
  { header: 'ageSeconds', value: ({ ageSeconds }) => ageSeconds },
  {
    header: 'maxAgeSeconds',
    value: ({ fact }) => reported(fact)?.maxAgeSeconds ?? null,
  },
  { header: 'stale', value: ({ stale }) => stale },
  { header: 'used', value: ({ stale }) => !stale },
  {
    header: 'declaredValue',
    value: ({ fact }) => fact.declaredValue ?? null,
  },
  { header: 'obligations', value: ({ obligations }) => obligations.join('; ') },
];

function contextOf(
  cluster: ClusterFactsSource,
  fact: ClusterFact,
  now: Date,
): ClusterFactContext {
  const report = reported(fact);
  let ageSeconds: number | null = null;
  let stale = false;
  if (report) {
    const observed = Date.parse(report.observedAt);
    ageSeconds = Number.isFinite(observed)
      ? Math.max(0, Math.floor((now.getTime() - observed) / 1000))
      : report.ageSeconds;
    // Stale as assessed, or grown stale since (an assessment kept from the
    // snapshot when the catalog could not be read).
    stale = report.stale || ageSeconds > report.maxAgeSeconds;
  }
  const obligations = cluster.assessment.obligations
    .filter(o => o.evidence.some(e => e.key === fact.key))
    .map(o => o.id);
  return { cluster, fact, ageSeconds, stale, obligations };
}

/** The export cells of one fact of a cluster, in the order of {@link CLUSTER_FACT_COLUMNS}. */
export function clusterFactCells(
  cluster: ClusterFactsSource,
  fact: ClusterFact,
  now: Date,
): unknown[] {
  const context = contextOf(cluster, fact, now);
  return CLUSTER_FACT_COLUMNS.map(column => column.value(context));
}

/** The header line of the cluster facts export. */
export function clusterFactsHeader(): string {
  return csvLine(CLUSTER_FACT_COLUMNS.map(column => column.header));
}

/**
 * Export lines of the facts of a cluster, in the order of its assessment
 * (annotation key order), each ended with CRLF; cells are quoted and
 * guarded against formulas. None for an assessment stored without facts.
 */
export function clusterFactsLines(
  cluster: ClusterFactsSource,
  now: Date,
): string {
  let text = '';
  for (const fact of cluster.assessment.facts ?? []) {
    text += csvLine(clusterFactCells(cluster, fact, now));
  }
  return text;
}
