import { Entity } from '@backstage/catalog-model';
import { isOrchestrationAnnotated } from '@orchestration/plugin-orchestration-common';

/**
 * Where the annotations are documented by default: each key, its values and
 * how the engine weighs them.
 *
 * @public
 */
export const ORCHESTRATION_DOCS_URL =
  'https://www.npmjs.com/package/@orchestration/plugin-orchestration-common';

/**
 * Whether an entity gets the "Get started" tab and card: a Component without
 * any `orchestration.io/` annotation.
 *
 * @public
 */
export function isOrchestrationGetStartedAvailable(entity: Entity): boolean {
  return (
    String(entity?.kind ?? '').toLocaleLowerCase('en-US') === 'component' &&
    !isOrchestrationAnnotated(entity)
  );
}
