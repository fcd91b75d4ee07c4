export * from './OrchestrationNotifier';
