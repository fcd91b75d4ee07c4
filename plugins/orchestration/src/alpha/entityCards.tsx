import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { isOrchestrationAnnotated } from '@orchestration/plugin-orchestration-common';

/** The overview card, on Components with `orchestration.io/` annotations. */
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
