export { ClusterDetails, controlPlaneLabel } from './ClusterDetails';
export { ClusterFactsTable, factName, staleFactCount } from './ClusterFacts';
export { EntityClusterContent } from './EntityClusterContent';
export { ValidationProblemsList } from './ValidationProblemsList';
