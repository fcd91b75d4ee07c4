/**
 * Common library of the Orchestration plugins: annotation constants and a
 * validating parser, the dated knowledge base, the pure decision engine,
 * permissions and review types. Runs in the browser and in Node.
 *
 * @packageDocumentation
 */

export * from './annotations';
export type {
  AnnotationMap,
  AnnotationParseResult,
  ClusterOrchestrationFacts,
  ComponentOrchestrationFacts,
  FargateTaskLimits,
  GroupOrchestrationFacts,
  ParseComponentOptions,
} from './parse/annotations';
export {
  DEFAULT_FARGATE_TASK_LIMITS,
  parseClusterAnnotations,
  parseComponentAnnotations,
  parseGroupAnnotations,
} from './parse/annotations';
export { validateEntityAnnotations } from './parse/validateEntity';
export type {
  ValidationCode,
  ValidationProblem,
  ValidationSeverity,
} from './parse/problems';
export type {
  Duration,
  IpCapacity,
  KubernetesVersion,
  ParseResult,
  ParsedInstant,
  ResourceProblem,
  ResourceRequirements,
  ResourcesParseResult,
} from './parse/values';
export {
  formatResources,
  parseDuration,
  parseInteger,
  parseIpCapacity,
  parseIsoInstant,
  parseKubernetesVersion,
  parseReplicas,
  parseResources,
} from './parse/values';
export { MAX_ANNOTATION_VALUE_LENGTH } from './parse/text';
export * from './knowledge/types';
export { DEFAULT_KNOWLEDGE_BASE } from './knowledge/data';
export type {
  KnowledgeBaseOverrides,
  ResolveKnowledgeBaseResult,
} from './knowledge/knowledgeBase';
export {
  allocatableOnEksAmi,
  knowledgeBaseAge,
  knowledgeBaseOverridesSchema,
  resolveKnowledgeBase,
} from './knowledge/knowledgeBase';
export type {
  ClusterFactsOptions,
  KubernetesCostPlatform,
  OrchestrationConfigInput,
  OrchestrationCostOptions,
  OrchestrationOptions,
  OrchestrationThresholds,
  ReadOrchestrationConfigResult,
  RuleWeights,
} from './config';
export {
  BACKEND_ONLY_CONFIG_KEYS,
  DEFAULT_BASE_FIT,
  DEFAULT_CLUSTER_FACTS_OPTIONS,
  DEFAULT_COST_OPTIONS,
  DEFAULT_HOURS_PER_UPGRADE,
  DEFAULT_PEOPLE_HOURS_PER_YEAR,
  DEFAULT_ORCHESTRATION_OPTIONS,
  DEFAULT_RULE_WEIGHTS,
  DEFAULT_THRESHOLDS,
  KUBERNETES_COST_PLATFORMS,
  orchestrationConfigSchema,
  readOrchestrationConfig,
} from './config';
export * from './engine/ruleIds';
export * from './engine/types';
export type { PlatformCostInput } from './engine/cost';
export { platformCost } from './engine/cost';
export {
  OrchestrationInputError,
  assessCluster,
  assessEntity,
  isKubernetesClusterResource,
  isOrchestrationAnnotated,
} from './engine/assess';
export * from './catalog/entityRefs';
export * from './catalog/catalogFacts';
export type {
  ReportableClusterFactKey,
  ReportableClusterFactName,
} from './clusterFacts/keys';
export {
  REPORTABLE_CLUSTER_FACT_KEYS,
  REPORTABLE_CLUSTER_FACT_NAMES,
  isReportableClusterFactKey,
} from './clusterFacts/keys';
export {
  DEFAULT_CLUSTER_FACT_FRESHNESS_MINUTES,
  MAX_CLOCK_SKEW_MS,
} from './clusterFacts/freshness';
export type {
  ClusterFactsReportValidationOptions,
  ReportedClusterFacts,
} from './clusterFacts/report';
export {
  MAX_REPORTED_FACTS,
  MAX_REPORT_SOURCE_LENGTH,
  clusterFactsReportPath,
  createClusterFactsReportSchema,
  parseClusterFactsReport,
  toClusterFactKey,
} from './clusterFacts/report';
export * from './permissions';
export * from './review';
export * from './api/types';
export { PLATFORM_NAMES } from './engine/migration';
export * from './notifications/transitions';
