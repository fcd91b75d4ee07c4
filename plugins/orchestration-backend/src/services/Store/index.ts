export * from './OrchestrationStore';
export * from './GenerationWriter';
export * from './listQuery';
export * from './ListSummaryCache';
export * from './rows';
export * from './types';
export { isLeaseLive } from './tables/SnapshotStateTable';
export { assessmentSortValue } from './tables/AssessmentTable';
