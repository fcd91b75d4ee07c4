export * from './OrchestrationPermissionDecider';
export * from './orchestrationPermissionDeciderServiceRef';
