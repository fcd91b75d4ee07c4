export { ClusterDetails } from './ClusterDetails';
export { EntityClusterContent } from './EntityClusterContent';
export { ValidationProblemsList } from './ValidationProblemsList';
