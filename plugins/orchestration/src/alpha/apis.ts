import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { orchestrationApiRef, OrchestrationClient } from '../api';

/**
 * The Orchestration backend client.
 *
 * @alpha
 */
export const orchestrationApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: orchestrationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OrchestrationClient({ discoveryApi, fetchApi }),
    }),
});
