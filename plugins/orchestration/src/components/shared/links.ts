import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';

/** The path of the Orchestration tab of the entity page. */
export const ORCHESTRATION_TAB_PATH = 'orchestration';

/**
 * Returns a function giving the link to an entity's page, or to its
 * Orchestration tab.
 */
export function useEntityLink() {
  const entityRoute = useRouteRef(entityRouteRef);
  return useCallback(
    (ref: string, options?: { tab?: boolean }) => {
      const { kind, namespace, name } = parseEntityRef(ref);
      const base = entityRoute({
        kind: kind.toLocaleLowerCase('en-US'),
        namespace: namespace.toLocaleLowerCase('en-US'),
        name,
      });
      return options?.tab === false
        ? base
        : `${base.replace(/\/$/, '')}/${ORCHESTRATION_TAB_PATH}`;
    },
    [entityRoute],
  );
}
