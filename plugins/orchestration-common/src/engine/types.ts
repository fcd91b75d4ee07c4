import { Entity } from '@backstage/catalog-model';
import { PlatformId } from '../annotations';
import { OrchestrationOptions } from '../config';
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
}

/**
 * A warning shown prominently with the assessment.
 *
 * @public
 */
export interface AssessmentWarning {
  rule: RuleId;
  message: string;
}

/**
 * A suggested move from the current platform.
 *
 * @public
 */
export interface Migration {
  from: PlatformId;
  to: PlatformId;
}

/**
 * Identifier of an operational obligation of running Kubernetes.
 *
 * @public
 */
export type ObligationId =
  | 'kubernetes-upgrades'
  | 'etcd-backups'
  | 'certificate-rotation'
  | 'cni-ip-capacity'
  | 'control-plane-monitoring';

/**
 * All obligation ids, in display order.
 *
 * @public
 */
export const OBLIGATION_IDS: readonly ObligationId[] = [
  'kubernetes-upgrades',
  'etcd-backups',
  'certificate-rotation',
  'cni-ip-capacity',
  'control-plane-monitoring',
];

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
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

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
   * configured). An empty list means there is none; undefined means unknown.
   * Groups listed in `options.platformTeams` are added to these.
   */
  platformTeams?: readonly string[];
  /**
   * The Resource named by `orchestration.io/cluster`: the entity, or null when
   * the reference does not resolve. Leave undefined when not looked up.
   */
  cluster?: Entity | null;
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
  warnings: AssessmentWarning[];
  validation: ValidationProblem[];
  knowledgeAsOf: string;
}
