export * from './OrchestrationStore';
export * from './listQuery';
