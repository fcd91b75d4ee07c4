export { ClusterDetails, controlPlaneLabel } from './ClusterDetails';
export { EntityClusterContent } from './EntityClusterContent';
export { ValidationProblemsList } from './ValidationProblemsList';
