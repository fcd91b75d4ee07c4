/**
 * The annotation parsers, one module per entity kind; this module gathers
 * them for existing importers.
 */
export type { AnnotationMap, AnnotationParseResult } from './read';
export type {
  ComponentOrchestrationFacts,
  FargateTaskLimits,
  ParseComponentOptions,
} from './component';
export {
  DEFAULT_FARGATE_TASK_LIMITS,
  parseComponentAnnotations,
} from './component';
export type { ClusterOrchestrationFacts } from './cluster';
export { parseClusterAnnotations } from './cluster';
export type { GroupOrchestrationFacts } from './group';
export { parseGroupAnnotations } from './group';
