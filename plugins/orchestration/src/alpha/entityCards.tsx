import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { isOrchestrationAnnotated } from '@orchestration/plugin-orchestration-common';
import { isOrchestrationGetStartedAvailable } from '../components/GetStarted/conditions';
import { isOrchestrationRollupAvailable } from '../components/EntityOrchestrationRollup/EntityOrchestrationRollup';

/**
 * The overview card, on Components with `orchestration.io/` annotations.
 *
 * @alpha
 */
export const orchestrationEntityCard = EntityCardBlueprint.make({
  params: {
    type: 'info',
    filter: (entity: Entity) =>
      String(entity.kind).toLocaleLowerCase('en-US') === 'component' &&
      isOrchestrationAnnotated(entity),
    loader: () =>
      import('../components/EntityOrchestrationCard').then(m => (
        <m.EntityOrchestrationCard />
      )),
  },
});

/**
 * The "get started" card, on Components without `orchestration.io/` annotations.
 *
 * @alpha
 */
export const orchestrationGetStartedEntityCard = EntityCardBlueprint.make({
  name: 'get-started',
  params: {
    type: 'info',
    filter: isOrchestrationGetStartedAvailable,
    loader: () =>
      import('../components/GetStarted').then(m => (
        <m.EntityOrchestrationGetStartedCard />
      )),
  },
});

/**
 * The roll-up card, on Groups (their services and their sub-groups') and
 * Systems (their Components').
 *
 * @alpha
 */
export const orchestrationRollupEntityCard = EntityCardBlueprint.make({
  name: 'rollup',
  params: {
    type: 'content',
    filter: isOrchestrationRollupAvailable,
    loader: () =>
      import('../components/EntityOrchestrationRollup').then(m => (
        <m.EntityOrchestrationRollupCard />
      )),
  },
});
