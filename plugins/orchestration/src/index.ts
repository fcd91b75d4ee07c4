/**
 * Frontend of the Orchestration plugins: whether each service should run on
 * ECS or Kubernetes, and what running Kubernetes obliges a team to do.
 *
 * @packageDocumentation
 */

export {
  orchestrationPlugin,
  EntityOrchestrationCard,
  EntityOrchestrationContent,
  EntityOrchestrationGetStartedCard,
  EntityOrchestrationGetStartedContent,
  EntityOrchestrationRollupCard,
  EntityOrchestrationRollupContent,
  OrchestrationReviewPage,
} from './plugin';
export { isOrchestrationRollupAvailable } from './components/EntityOrchestrationRollup/EntityOrchestrationRollup';
export { isOrchestrationAvailable } from './components/EntityOrchestrationContent/EntityOrchestrationContent';
export {
  isOrchestrationGetStartedAvailable,
  ORCHESTRATION_DOCS_URL,
} from './components/GetStarted/conditions';
export type { EntityOrchestrationGetStartedContentProps } from './components/GetStarted';
export {
  orchestrationApiRef,
  OrchestrationApiError,
  OrchestrationClient,
  assessmentQueryToParams,
} from './api';
export type { EvaluateRequest, OrchestrationApi } from './api';
export { rootRouteRef as orchestrationRouteRef } from './routes';
export { orchestrationTranslationRef } from './translation';
