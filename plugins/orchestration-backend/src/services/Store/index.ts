export * from './OrchestrationStore';
export * from './listQuery';
export * from './ListSummaryCache';
