import { LoggerService } from '@backstage/backend-plugin-api';
import { RelatedRefs } from './Assessor';

/** What the snapshot lookup needs of the store. */
export interface SnapshotRefsSource {
  ownerAndClusterOf(entityRef: string): Promise<RelatedRefs | undefined>;
}

/**
 * The owner and cluster a Component had in the snapshot served, so the live
 * assessment can read them together with the Component in one catalog call;
 * undefined when the snapshot does not have the Component, or cannot be read
 * (then the live assessment reads them after the Component).
 */
export async function relatedRefsInSnapshot(
  store: SnapshotRefsSource,
  entityRef: string,
  logger?: LoggerService,
): Promise<RelatedRefs | undefined> {
  try {
    return await store.ownerAndClusterOf(entityRef);
  } catch (error) {
    logger?.debug(
      `Owner and cluster of ${entityRef} not read from the snapshot: ${
        (error as Error)?.message ?? String(error)
      }`,
    );
    return undefined;
  }
}
