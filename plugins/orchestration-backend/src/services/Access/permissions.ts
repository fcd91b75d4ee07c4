// Declared in the common package with every other Orchestration permission;
// re-exported here so imports from the backend keep working.
export { orchestrationSnapshotRefreshPermission } from '@orchestration/plugin-orchestration-common';
