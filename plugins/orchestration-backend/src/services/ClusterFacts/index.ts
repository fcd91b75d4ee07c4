export * from './ClusterFactsService';
