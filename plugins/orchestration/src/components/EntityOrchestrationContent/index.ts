export {
  EntityOrchestrationContent,
  isOrchestrationAvailable,
} from './EntityOrchestrationContent';
