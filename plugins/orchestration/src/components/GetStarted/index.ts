export {
  EntityOrchestrationGetStartedCard,
  EntityOrchestrationGetStartedContent,
  GetStartedContent,
} from './GetStarted';
export type { EntityOrchestrationGetStartedContentProps } from './GetStarted';
export {
  isOrchestrationGetStartedAvailable,
  ORCHESTRATION_DOCS_URL,
} from './conditions';
export { starterLines, starterYaml, starterAnnotations } from './starter';
