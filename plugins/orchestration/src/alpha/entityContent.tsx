import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isOrchestrationAvailable } from '../components/EntityOrchestrationContent/EntityOrchestrationContent';
import { isOrchestrationGetStartedAvailable } from '../components/GetStarted/conditions';
import { isOrchestrationRollupAvailable } from '../components/EntityOrchestrationRollup/EntityOrchestrationRollup';
import { orchestrationTranslationRef } from '../translation';

/**
 * The Orchestration tab: on Components with `orchestration.io/` annotations
 * and on kubernetes-cluster Resources.
 *
 * @alpha
 */
export const orchestrationEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'orchestration',
    title: orchestrationTranslationRef('titles.entityTab'),
    group: 'operation',
    filter: isOrchestrationAvailable,
    loader: () =>
      import('../components/EntityOrchestrationContent').then(m => (
        <m.EntityOrchestrationContent />
      )),
  },
});

/**
 * The same tab on Components without `orchestration.io/` annotations: how to
 * get started, with starter annotations prefilled from the catalog. Its title
 * is the same message: it is the same tab, before the annotations.
 *
 * @alpha
 */
export const orchestrationGetStartedEntityContent = EntityContentBlueprint.make(
  {
    name: 'get-started',
    params: {
      path: 'orchestration',
      title: orchestrationTranslationRef('titles.entityTab'),
      group: 'operation',
      filter: isOrchestrationGetStartedAvailable,
      loader: () =>
        import('../components/GetStarted').then(m => (
          <m.EntityOrchestrationGetStartedContent />
        )),
    },
  },
);

/**
 * The Orchestration tab of Groups and Systems: the roll-up of their
 * services, at the same path as the tab of a Component.
 *
 * @alpha
 */
export const orchestrationRollupEntityContent = EntityContentBlueprint.make({
  name: 'rollup',
  params: {
    path: 'orchestration',
    title: orchestrationTranslationRef('titles.entityTab'),
    group: 'operation',
    filter: isOrchestrationRollupAvailable,
    loader: () =>
      import('../components/EntityOrchestrationRollup').then(m => (
        <m.EntityOrchestrationRollupContent />
      )),
  },
});
