export { orchestrationApiRef } from './OrchestrationApi';
export type { EvaluateRequest, OrchestrationApi } from './OrchestrationApi';
export {
  OrchestrationApiError,
  OrchestrationClient,
  assessmentQueryToParams,
} from './OrchestrationClient';
