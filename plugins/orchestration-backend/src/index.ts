/**
 * Backend plugin of Orchestration: assessments of every service, a stored
 * snapshot, review decisions and history, and the REST API.
 *
 * @packageDocumentation
 */

export { orchestrationPlugin as default } from './plugin';
export { orchestrationSnapshotRefreshPermission } from './services/Access/permissions';
