import { Entity } from '@backstage/catalog-model';
import { PlatformId } from '../annotations';
import { OrchestrationOptions } from '../config';
import type { ReportedClusterFacts } from '../clusterFacts/report';
import { ValidationProblem } from '../parse/problems';
import { RuleId } from './ruleIds';

/**
 * Version of the assessment format.
 *
 * @public
 */
export const ASSESSMENT_API_VERSION = 'orchestration.io/v1alpha1';

/**
 * One fact that made a rule fire: an annotation key and its value, a catalog
 * fact (`catalog:owner-member-count`, `catalog:platform-team`) or a knowledge
 * base fact (`knowledge:...`).
 *
 * @public
 */
export interface Evidence {
  key: string;
  value: string;
  /**
   * Where a cluster fact came from, on the evidence of obligations computed
   * from a cluster's facts: `declared` in catalog-info.yaml, or `reported` by
   * automation. Absent on catalog and knowledge-base evidence and on the
   * reasons of the rules.
   */
  provenance?: FactProvenance;
}

/**
 * Where one cluster fact came from.
 *
 * - `declared`: an annotation in the cluster's catalog-info.yaml (it carries
 *   no date).
 * - `reported`: a value reported by automation (`source`) observed at
 *   `observedAt`; `ageSeconds` old at the time of the assessment. A `stale`
 *   report is past its freshness limit (`maxAgeSeconds`,
 *   `orchestration.clusterFacts.freshness`): it is not used, and the checks
 *   that need the fact are `unknown`.
 *
 * @public
 */
export type FactProvenance =
  | { kind: 'declared' }
  | {
      kind: 'reported';
      source: string;
      observedAt: string;
      ageSeconds: number;
      maxAgeSeconds: number;
      stale: boolean;
    };

/**
 * One fact of a cluster and where it came from, as listed on its assessment.
 *
 * @public
 */
export interface ClusterFact {
  /** The annotation key, e.g. `orchestration.io/kubernetes-version`. */
  key: string;
  /** The value as declared or reported (at most about 120 characters shown). */
  value: string;
  provenance: FactProvenance;
  /**
   * The value in catalog-info.yaml when a report speaks for the same key. A
   * fresh report is used instead of it; a stale one leaves the fact unknown,
   * since the annotation is no newer than the report.
   */
  declaredValue?: string;
}

/**
 * What a rule does to a platform.
 *
 * @public
 */
export type ReasonEffect = 'favours' | 'disfavours' | 'blocks';

/**
 * A rule that fired for a platform.
 *
 * @public
 */
export interface Reason {
  rule: RuleId;
  effect: ReasonEffect;
  /** Fit points this reason adds (negative: removes); 0 for `blocks`. */
  points: number;
  evidence: Evidence[];
  explanation: string;
  /**
   * Set when the fact behind this reason already added its points on this
   * platform through another rule: this reason explains, with 0 points.
   */
  countedBy?: RuleId;
  /** Options that did not exist in 2017 and bear on this reason. */
  alternatives?: NamedOption[];
}

/**
 * A platform option launched after the 2017 framework (ECS Anywhere, EKS
 * Hybrid Nodes, ECS Service Connect, ...), named where it changes the advice.
 *
 * @public
 */
export interface NamedOption {
  /** Knowledge-base id, e.g. `ecs-anywhere`. */
  id: string;
  name: string;
  /** Launch (general availability) date, `YYYY-MM-DD` or `YYYY-MM`. */
  since: string;
  /** What it changes in the trade-off, in one sentence. */
  summary: string;
  /** Its limits that matter for this advice. */
  limits: string;
  /** Source keys of the knowledge base. */
  sources: string[];
  /** True when a figure in it comes from a secondary source only. */
  secondary?: boolean;
}

/**
 * Verdict on one platform.
 *
 * @public
 */
export const PLATFORM_VERDICTS = [
  'recommended',
  'good',
  'possible',
  'poor',
  'blocked',
] as const;
/**
 * Verdict on one platform, one of {@link PLATFORM_VERDICTS}.
 *
 * @public
 */
export type PlatformVerdict = (typeof PLATFORM_VERDICTS)[number];

/**
 * The fit of one platform.
 *
 * @public
 */
export interface PlatformAssessment {
  id: PlatformId;
  /** The score, capped to 0..100. */
  fit: number;
  /**
   * `base + sum(reason.points)`, uncapped: what ranks the platforms, so two
   * platforms both capped at 100 still keep their order and distance.
   */
  score: number;
  /** The starting fit before any rule, from configuration. */
  base: number;
  verdict: PlatformVerdict;
  reasons: Reason[];
  /** Money and people time per month, beside the score; null when the size is unknown or the platform is blocked. */
  cost: PlatformCost | null;
}

/**
 * One line of a cost estimate.
 *
 * @public
 */
export interface CostLine {
  item: string;
  monthlyUsd: number;
  /** Source key(s) of the price in the knowledge base (`S48 (secondary)`), or `assumption`/`configuration`. */
  source: string;
}

/**
 * Estimated monthly cost of running the service on one platform.
 *
 * @public
 */
export interface PlatformCost {
  /** Sum of the lines, in USD per month, rounded to cents. */
  monthlyUsd: number;
  lines: CostLine[];
  /** Every assumption the figure rests on, in words. */
  assumptions: string[];
}

/**
 * Confidence of a recommendation.
 *
 * @public
 */
export type Confidence = 'high' | 'medium' | 'low';

/**
 * The recommended platform.
 *
 * @public
 */
export interface Recommendation {
  platform: PlatformId | null;
  status: 'recommended' | 'insufficient-data';
  confidence: Confidence;
  /** Other platforms whose fit is within the near-tie margin of the best. */
  nearTies: PlatformId[];
  /** Score points between the recommendation and the next non-blocked platform; null without one. */
  lead: number | null;
  /**
   * Missing or invalid inputs that, given one of their allowed values, would
   * change the recommended platform.
   */
  decidingInputs: DecidingInput[];
}

/**
 * One value of a missing or invalid input that would change the
 * recommendation.
 *
 * @public
 */
export interface DecidingInput {
  /** Annotation key or catalog fact (`catalog:...`). */
  key: string;
  /** The value tried, as it would be written. */
  value: string;
  wouldRecommend: PlatformId | null;
}

/**
 * A warning shown prominently with the assessment.
 *
 * @public
 */
export interface AssessmentWarning {
  rule: RuleId;
  message: string;
  /** Options that did not exist in 2017 and bear on this warning. */
  alternatives?: NamedOption[];
}

/**
 * A suggested move from the current platform.
 *
 * @public
 */
export interface Migration {
  from: PlatformId;
  to: PlatformId;
  /** Score points the target leads the current platform by (null when the current one is blocked). */
  lead: number | null;
  /** Why a move is proposed: blocked, poor, or the lead. */
  why: string;
  effort: MigrationEffort;
  /** Why the effort is what it is. */
  effortReasons: string[];
  /** The main steps, in order. */
  steps: string[];
}

/**
 * Effort class of a migration.
 *
 * @public
 */
export const MIGRATION_EFFORTS = ['small', 'medium', 'large'] as const;
/** @public */
export type MigrationEffort = (typeof MIGRATION_EFFORTS)[number];

/**
 * All obligation ids, in display order.
 *
 * @public
 */
export const OBLIGATION_IDS = [
  'kubernetes-upgrades',
  'etcd-backups',
  'certificate-rotation',
  'cni-ip-capacity',
  'control-plane-monitoring',
] as const;

/**
 * Identifier of an operational obligation of running Kubernetes.
 *
 * @public
 */
export type ObligationId = (typeof OBLIGATION_IDS)[number];

/**
 * Status of an obligation.
 *
 * @public
 */
export const OBLIGATION_STATUSES = [
  'ok',
  'warning',
  'critical',
  'unknown',
  'not-applicable',
] as const;
/** @public */
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/**
 * How urgent each obligation status is: higher is more urgent. The one
 * severity order of the product (engine, backend, views).
 *
 * @public
 */
export const OBLIGATION_STATUS_URGENCY: Readonly<
  Record<ObligationStatus, number>
> = {
  'not-applicable': 1,
  ok: 2,
  unknown: 3,
  warning: 4,
  critical: 5,
};

/**
 * The most urgent of some statuses (`ok` for none).
 *
 * @public
 */
export function mostUrgentStatus(
  statuses: Iterable<ObligationStatus>,
): ObligationStatus {
  let result: ObligationStatus = 'ok';
  for (const status of statuses) {
    if (OBLIGATION_STATUS_URGENCY[status] > OBLIGATION_STATUS_URGENCY[result]) {
      result = status;
    }
  }
  return result;
}

/**
 * One operational obligation and how well it is met.
 *
 * @public
 */
export interface Obligation {
  id: ObligationId;
  title: string;
  status: ObligationStatus;
  /** True when the service does not run on this kind of cluster: it shows what it would take. */
  hypothetical: boolean;
  /** ISO-8601 date or timestamp by which to act, when one exists. */
  due: string | null;
  summary: string;
  evidence: Evidence[];
  actions: string[];
}

/**
 * An input that would raise the confidence of the assessment.
 *
 * @public
 */
export interface MissingInput {
  key: string;
  why: string;
  example: string;
}

/**
 * The assessment of one Component. The same JSON is returned by the CLI and
 * the REST API.
 *
 * @public
 */
export interface Assessment {
  apiVersion: typeof ASSESSMENT_API_VERSION;
  entityRef: string;
  /** The `now` the assessment was computed against. */
  assessedAt: string;
  recommendation: Recommendation;
  platforms: PlatformAssessment[];
  warnings: AssessmentWarning[];
  migration: Migration | null;
  obligations: Obligation[];
  missing: MissingInput[];
  validation: ValidationProblem[];
  knowledgeAsOf: string;
}

/**
 * Facts about the owner of a Component, from the catalog.
 *
 * @public
 */
export interface OwnerFacts {
  /** Entity ref of the owner, e.g. `group:default/web-content`. */
  entityRef: string;
  /** Members of the owner Group (1 for a User owner); undefined when unknown. */
  memberCount?: number;
}

/**
 * Input of {@link assessEntity}.
 *
 * @public
 */
export interface AssessEntityInput {
  /** A Component entity. */
  entity: Entity;
  /** Its owner, if resolved. */
  owner?: OwnerFacts;
  /**
   * Entity refs of the Groups that are platform teams (annotated or
   * configured) with at least one member, as `platformTeamsAmong` resolves
   * them. An empty list means there is none. When undefined, the Groups of
   * `options.platformTeams` are used, and without any the fact is unknown.
   */
  platformTeams?: readonly string[];
  /**
   * The Resource named by `orchestration.io/cluster`: the entity, or null when
   * the reference does not resolve. Leave undefined when not looked up.
   */
  cluster?: Entity | null;
  /**
   * The cluster's own assessment, from {@link assessCluster} at the same
   * `now` and options, when the caller has it (many services share one
   * cluster): its obligations are used instead of assessing the cluster
   * again. Ignored unless it is of `cluster`, at `now`, with a declared
   * control plane.
   */
  clusterAssessment?: ClusterAssessment;
  /**
   * Facts about `cluster` reported by automation, as validated by
   * `parseClusterFactsReport`; see {@link AssessClusterContext.reports}.
   * Used when the cluster is assessed here rather than taken from
   * `clusterAssessment`.
   */
  clusterReports?: readonly ReportedClusterFacts[];
  /** Options from {@link readOrchestrationConfig}; defaults when omitted. */
  options?: OrchestrationOptions;
  /** The instant to assess at (a Date or an ISO-8601 string). */
  now: Date | string;
}

/**
 * Context of {@link assessCluster}.
 *
 * @public
 */
export interface AssessClusterContext {
  options?: OrchestrationOptions;
  now: Date | string;
  /**
   * Facts about the cluster reported by automation, in any order. Per key,
   * the report observed last (at or before `now`, give or take a few minutes
   * of clock skew) speaks for the fact: while fresh it is used instead of the
   * annotation; once past its freshness limit it is stale and the checks
   * that need it are `unknown`.
   */
  reports?: readonly ReportedClusterFacts[];
}

/**
 * The assessment of a kubernetes-cluster Resource: its obligations.
 *
 * @public
 */
export interface ClusterAssessment {
  apiVersion: typeof ASSESSMENT_API_VERSION;
  entityRef: string;
  assessedAt: string;
  /** Who runs the control plane, from the annotations; null when unknown. */
  controlPlane: 'self-managed' | 'eks' | 'gke' | 'aks' | null;
  obligations: Obligation[];
  /**
   * Every fact known about the cluster, declared or reported, with where it
   * came from and how old a report is, in annotation key order. Absent from
   * assessments stored before facts could be reported.
   */
  facts?: ClusterFact[];
  warnings: AssessmentWarning[];
  validation: ValidationProblem[];
  knowledgeAsOf: string;
}
