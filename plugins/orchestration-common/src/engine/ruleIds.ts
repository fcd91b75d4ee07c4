/**
 * Rules that move a platform's fit up or down. Their weights come from
 * configuration.
 *
 * @public
 */
export const WEIGHTED_RULE_IDS = [
  'ECS-SIMPLE',
  'ECS-SMALL-TEAM',
  'ECS-AWS-INTEGRATION',
  'ECS-FARGATE',
  'ECS-AWS-ONLY',
  'K8S-PORTABILITY',
  'K8S-SCHEDULING',
  'K8S-ECOSYSTEM',
  'K8S-PLATFORM-TEAM',
  'K8S-STATEFUL',
  'AVOID-K8S-NO-NEED',
  'AVOID-K8S-NO-TEAM',
  'AVOID-K8S-SIMPLE',
  'EKS-MANAGED',
  'SELF-MANAGED-ONLY-WHEN',
] as const;

/**
 * Identifier of a weighted rule.
 *
 * @public
 */
export type WeightedRuleId = (typeof WEIGHTED_RULE_IDS)[number];

/**
 * Hard constraints: a platform that violates one is `blocked`.
 *
 * @public
 */
export const CONSTRAINT_RULE_IDS = [
  'REQ-PORTABILITY',
  'FARGATE-NO-GPU',
  'FARGATE-MAX-SIZE',
  'FARGATE-STORAGE',
  'FARGATE-NO-PRIVILEGED',
  'FARGATE-NO-DAEMONSET',
] as const;

/**
 * Identifier of a hard constraint.
 *
 * @public
 */
export type ConstraintRuleId = (typeof CONSTRAINT_RULE_IDS)[number];

/**
 * Rules that explain without adding points of their own: a cap on the
 * verdict (`ECS-SCHEDULING-GAP`, scored once with `K8S-SCHEDULING`) or a fact
 * that is not a reason to need Kubernetes (`K8S-TOOLING`).
 *
 * @public
 */
export const EXPLAIN_RULE_IDS = ['ECS-SCHEDULING-GAP', 'K8S-TOOLING'] as const;

/**
 * Identifier of a rule that explains without points.
 *
 * @public
 */
export type ExplainRuleId = (typeof EXPLAIN_RULE_IDS)[number];

/**
 * Rules that only produce warnings about the assessment itself.
 *
 * @public
 */
export const NOTICE_RULE_IDS = [
  'KNOWLEDGE-STALE',
  'CLUSTER-NOT-FOUND',
  'CLUSTER-NOT-KUBERNETES',
  'CLUSTER-PLATFORM-MISMATCH',
  'CLUSTER-FACTS-STALE',
  'CLUSTER-FACTS-UNREADABLE',
  'STATEFUL-MANAGED-DATA',
] as const;

/**
 * Identifier of a notice rule.
 *
 * @public
 */
export type NoticeRuleId = (typeof NOTICE_RULE_IDS)[number];

/**
 * Any rule identifier that can appear in an assessment.
 *
 * @public
 */
export type RuleId =
  | WeightedRuleId
  | ConstraintRuleId
  | ExplainRuleId
  | NoticeRuleId;

/**
 * Evidence key for the owner Group's member count.
 *
 * @public
 */
export const EVIDENCE_OWNER_MEMBER_COUNT = 'catalog:owner-member-count';

/**
 * Evidence key for the platform teams found in the catalog or configuration.
 *
 * @public
 */
export const EVIDENCE_PLATFORM_TEAM = 'catalog:platform-team';

/**
 * Evidence key for the referenced cluster entity.
 *
 * @public
 */
export const EVIDENCE_CLUSTER_ENTITY = 'catalog:cluster';
