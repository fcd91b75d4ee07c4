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
  parseResources,
} from './parse/values';
export * from './knowledge/types';
export { DEFAULT_KNOWLEDGE_BASE } from './knowledge/data';
export type {
  KnowledgeBaseOverrides,
  ResolveKnowledgeBaseResult,
} from './knowledge/knowledgeBase';
export {
  knowledgeBaseAge,
  knowledgeBaseOverridesSchema,
  resolveKnowledgeBase,
} from './knowledge/knowledgeBase';
export type {
  OrchestrationConfigInput,
  OrchestrationOptions,
  OrchestrationThresholds,
  ReadOrchestrationConfigResult,
  RuleWeights,
} from './config';
export {
  DEFAULT_BASE_FIT,
  DEFAULT_ORCHESTRATION_OPTIONS,
  DEFAULT_RULE_WEIGHTS,
  DEFAULT_THRESHOLDS,
  readOrchestrationConfig,
} from './config';
export * from './engine/ruleIds';
export * from './engine/types';
export {
  OrchestrationInputError,
  assessCluster,
  assessEntity,
  isKubernetesClusterResource,
  isOrchestrationAnnotated,
} from './engine/assess';
export * from './permissions';
export * from './review';
export * from './api/types';
