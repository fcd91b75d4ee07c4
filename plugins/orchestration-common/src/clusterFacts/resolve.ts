import { CLUSTER_ANNOTATION_KEYS } from '../annotations';
import type {
  AssessmentWarning,
  ClusterFact,
  FactProvenance,
} from '../engine/types';
import {
  ClusterOrchestrationFacts,
  parseClusterAnnotations,
} from '../parse/cluster';
import { AnnotationMap } from '../parse/read';
import { echoValue } from '../parse/text';
import { parseIsoInstant } from '../parse/values';
import { MAX_CLOCK_SKEW_MS } from './freshness';
import {
  CLUSTER_FACT_FIELDS,
  ReportableClusterFactKey,
  ReportableClusterFactName,
  clusterFactName,
  isReportableClusterFactKey,
} from './keys';
import type { ReportedClusterFacts } from './report';

const MINUTE_MS = 60_000;
/** Most facts named in one warning, so a warning stays one short paragraph. */
const MAX_NAMED_IN_WARNING = 6;

/**
 * The report that speaks for one fact: the one observed last among those
 * whose value could be read.
 */
export interface ReportedFact {
  key: ReportableClusterFactKey;
  /** The value as reported, trimmed. */
  value: string;
  source: string;
  /** `observedAt` in UTC. */
  observedAt: string;
  /** How old the observation is at the time of the assessment (never negative). */
  ageMs: number;
  /** Its freshness limit, from configuration. */
  maxAgeMinutes: number;
  /** Past its freshness limit: not used. */
  stale: boolean;
}

/**
 * Where the facts of one cluster came from: the reports that speak for a
 * key, fresh or stale. Every other fact is declared.
 */
export interface FactSources {
  readonly reported: ReadonlyMap<ReportableClusterFactKey, ReportedFact>;
}

/** No reports: every fact is declared. */
export const DECLARED_ONLY: FactSources = { reported: new Map() };

/** The provenance of a report, as a new object. */
export function reportedProvenance(fact: ReportedFact): FactProvenance {
  return {
    kind: 'reported',
    source: fact.source,
    observedAt: fact.observedAt,
    ageSeconds: Math.floor(fact.ageMs / 1000),
    maxAgeSeconds: fact.maxAgeMinutes * 60,
    stale: fact.stale,
  };
}

/** A fresh copy of a provenance, so results never share objects. */
export function copyProvenance(provenance: FactProvenance): FactProvenance {
  return { ...provenance };
}

/** Inputs of {@link resolveClusterFacts}. */
export interface ResolveClusterFactsInput {
  /** Entity ref of the cluster, named in warnings. */
  clusterRef: string;
  /** The cluster's annotations, for the declared values as written. */
  annotations: AnnotationMap | undefined;
  /** The facts its annotations declare, from `parseClusterAnnotations`. */
  declared: ClusterOrchestrationFacts;
  reports: readonly ReportedClusterFacts[] | undefined;
  /** Freshness limit per fact name, in minutes. */
  freshnessMinutes: Readonly<Record<ReportableClusterFactName, number>>;
  nowMs: number;
}

/** The facts to assess a cluster with, and where each came from. */
export interface ResolvedClusterFacts {
  /** Declared facts, with fresh reports in their place and stale ones removed. */
  facts: ClusterOrchestrationFacts;
  sources: FactSources;
  /** Stale reports, and reports that could not be read. */
  warnings: AssessmentWarning[];
}

interface Candidate {
  value: string;
  parsed: unknown;
  source: string;
  observedAtMs: number;
}

interface Unreadable {
  key: string;
  source: string;
  message: string;
}

/** The time of a report, or undefined when it cannot be read. */
function observedAtOf(report: ReportedClusterFacts): number | undefined {
  if (typeof report?.observedAt !== 'string') return undefined;
  const parsed = parseIsoInstant(report.observedAt);
  return parsed.ok ? parsed.value.epochMs : undefined;
}

/** The readable facts of one report, offered per key; unreadable ones are noted. */
function offer(
  report: ReportedClusterFacts,
  observedAtMs: number,
  latest: Map<ReportableClusterFactKey, Candidate>,
  unreadable: Unreadable[],
) {
  const source =
    typeof report.source === 'string' && report.source !== ''
      ? echoValue(report.source)
      : 'an unnamed source';
  const raw =
    report.facts && typeof report.facts === 'object' ? report.facts : {};
  const reportable: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (isReportableClusterFactKey(key)) reportable[key] = value;
  }
  // Reports are validated when they arrive; parsing again keeps the engine
  // safe from anything stored before a rule got stricter.
  const { facts, problems } = parseClusterAnnotations(reportable);
  for (const key of Object.keys(reportable) as ReportableClusterFactKey[]) {
    const parsed = facts[CLUSTER_FACT_FIELDS[key]];
    if (parsed === undefined) {
      const problem = problems.find(p => p.key === key);
      unreadable.push({
        key,
        source,
        message: problem?.message ?? `${key}: the value cannot be read`,
      });
      continue;
    }
    const current = latest.get(key);
    // Later in the list wins a tie, so a caller's order is respected.
    if (current && current.observedAtMs > observedAtMs) continue;
    latest.set(key, {
      value: String(reportable[key]).trim(),
      parsed,
      source,
      observedAtMs,
    });
  }
}

function staleWarning(
  clusterRef: string,
  stale: ReportedFact[],
): AssessmentWarning {
  const named = stale
    .slice(0, MAX_NAMED_IN_WARNING)
    .map(
      fact =>
        `${fact.key} (reported by ${fact.source} at ${
          fact.observedAt
        }, limit ${formatLimit(fact.maxAgeMinutes)})`,
    );
  const more =
    stale.length > named.length
      ? ` and ${stale.length - named.length} more`
      : '';
  return {
    rule: 'CLUSTER-FACTS-STALE',
    message: `Facts reported about ${clusterRef} past their freshness limit are not used, and its annotations do not stand in for them: ${named.join(
      ', ',
    )}${more}. Checks that need them are unknown until a fresh report arrives; check that the reporters still run.`,
  };
}

function unreadableWarning(
  clusterRef: string,
  unreadable: Unreadable[],
): AssessmentWarning {
  const named = unreadable
    .slice(0, MAX_NAMED_IN_WARNING)
    .map(item => `from ${item.source}: ${item.message}`);
  const more =
    unreadable.length > named.length
      ? ` (and ${unreadable.length - named.length} more)`
      : '';
  return {
    rule: 'CLUSTER-FACTS-UNREADABLE',
    message: `Facts reported about ${clusterRef} that cannot be read are ignored: ${named.join(
      '; ',
    )}${more}.`,
  };
}

/** Minutes as a duration: `15m`, `2h`, `7d`. */
export function formatLimit(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/**
 * Combines a cluster's declared facts with the facts reported about it. Per
 * key, the readable report observed last (at or before `now`, within
 * {@link MAX_CLOCK_SKEW_MS}) speaks for the fact:
 *
 * - fresh (no older than its freshness limit): its value replaces the
 *   annotation, which carries no date of its own;
 * - stale: the fact is left out, so the checks that need it are `unknown`.
 *   The annotation does not stand in for it: it is no newer than the report,
 *   and a fact someone reports is one nobody keeps up to date by hand.
 *
 * Pure and linear in the number of reports.
 */
export function resolveClusterFacts(
  input: ResolveClusterFactsInput,
): ResolvedClusterFacts {
  const { declared, reports, freshnessMinutes, nowMs } = input;
  if (!reports || reports.length === 0) {
    return { facts: declared, sources: DECLARED_ONLY, warnings: [] };
  }
  const latest = new Map<ReportableClusterFactKey, Candidate>();
  const unreadable: Unreadable[] = [];
  for (const report of reports) {
    if (!report || typeof report !== 'object') continue;
    const observedAtMs = observedAtOf(report);
    if (observedAtMs === undefined) {
      unreadable.push({
        key: 'observedAt',
        source: echoValue(String(report.source ?? 'an unnamed source')),
        message: 'observedAt is not an ISO-8601 timestamp',
      });
      continue;
    }
    // Not yet observed at `now`: an assessment at an earlier instant must not see it.
    if (observedAtMs - nowMs > MAX_CLOCK_SKEW_MS) continue;
    offer(report, observedAtMs, latest, unreadable);
  }

  const facts: ClusterOrchestrationFacts = { ...declared };
  const writable = facts as Record<string, unknown>;
  const reported = new Map<ReportableClusterFactKey, ReportedFact>();
  const stale: ReportedFact[] = [];
  for (const [key, candidate] of latest) {
    const maxAgeMinutes = freshnessMinutes[clusterFactName(key)];
    const ageMs = Math.max(0, nowMs - candidate.observedAtMs);
    const fact: ReportedFact = {
      key,
      value: candidate.value,
      source: candidate.source,
      observedAt: new Date(candidate.observedAtMs).toISOString(),
      ageMs,
      maxAgeMinutes,
      stale: ageMs > maxAgeMinutes * MINUTE_MS,
    };
    reported.set(key, fact);
    const field = CLUSTER_FACT_FIELDS[key];
    if (fact.stale) {
      delete writable[field];
      stale.push(fact);
    } else {
      writable[field] = candidate.parsed;
    }
  }
  const warnings: AssessmentWarning[] = [];
  if (stale.length > 0) {
    stale.sort(
      (a, b) =>
        CLUSTER_ANNOTATION_KEYS.indexOf(a.key) -
        CLUSTER_ANNOTATION_KEYS.indexOf(b.key),
    );
    warnings.push(staleWarning(input.clusterRef, stale));
  }
  if (unreadable.length > 0) {
    warnings.push(unreadableWarning(input.clusterRef, unreadable));
  }
  return { facts, sources: { reported }, warnings };
}

/**
 * Every fact known about a cluster, in annotation key order: the reported
 * ones (with the annotation's value beside them when there is one) and the
 * declared ones that parse.
 */
export function listClusterFacts(
  annotations: AnnotationMap | undefined,
  declared: ClusterOrchestrationFacts,
  sources: FactSources,
): ClusterFact[] {
  const list: ClusterFact[] = [];
  for (const key of CLUSTER_ANNOTATION_KEYS) {
    const raw = annotations?.[key];
    const declaredValue =
      typeof raw === 'string' &&
      declared[CLUSTER_FACT_FIELDS[key]] !== undefined
        ? echoValue(raw.trim())
        : undefined;
    const report = isReportableClusterFactKey(key)
      ? sources.reported.get(key)
      : undefined;
    if (report) {
      const fact: ClusterFact = {
        key,
        value: echoValue(report.value),
        provenance: reportedProvenance(report),
      };
      if (declaredValue !== undefined) fact.declaredValue = declaredValue;
      list.push(fact);
    } else if (declaredValue !== undefined) {
      list.push({
        key,
        value: declaredValue,
        provenance: { kind: 'declared' },
      });
    }
  }
  return list;
}
