export {
  EntityOrchestrationRollupCard,
  EntityOrchestrationRollupContent,
  isOrchestrationRollupAvailable,
} from './EntityOrchestrationRollup';
