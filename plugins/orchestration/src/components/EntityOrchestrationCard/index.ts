export { EntityOrchestrationCard } from './EntityOrchestrationCard';
