import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isOrchestrationAvailable } from '../components/EntityOrchestrationContent/EntityOrchestrationContent';

/**
 * The Orchestration tab: on Components with `orchestration.io/` annotations
 * and on kubernetes-cluster Resources.
 */
export const orchestrationEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'orchestration',
    title: 'Orchestration',
    group: 'operation',
    filter: isOrchestrationAvailable,
    loader: () =>
      import('../components/EntityOrchestrationContent').then(m => (
        <m.EntityOrchestrationContent />
      )),
  },
});
