import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows starting a refresh of the stored snapshot of all assessments.
 * Service principals are always allowed.
 *
 * @public
 */
export const orchestrationSnapshotRefreshPermission = createPermission({
  name: 'orchestration.snapshot.refresh',
  attributes: { action: 'update' },
});
