import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  entityRefOf,
  isOrchestrationAnnotated,
} from '@orchestration/plugin-orchestration-common';
import useAsync from 'react-use/esm/useAsync';
import { catalogContext, StarterPeers } from './starter';

/** At most this many related Components are read to suggest values. */
export const MAX_PEERS = 200;

const PEER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

/**
 * The annotated Components of the entity's System, else of its owner, from
 * the catalog: where the starter values of the entity come from.
 */
export function usePeers(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const self = entityRefOf(entity);
  const { owner, system } = catalogContext(entity);
  return useAsync(async (): Promise<StarterPeers | undefined> => {
    const annotatedAmong = async (filter: Record<string, string>) => {
      const { items } = await catalogApi.getEntities({
        filter: { kind: 'component', ...filter },
        fields: PEER_FIELDS,
        limit: MAX_PEERS,
      });
      return items.filter(
        item => entityRefOf(item) !== self && isOrchestrationAnnotated(item),
      );
    };
    if (system) {
      const entities = await annotatedAmong({ 'relations.partOf': system });
      if (entities.length > 0) return { by: 'system', ref: system, entities };
    }
    if (owner) {
      const entities = await annotatedAmong({ 'relations.ownedBy': owner });
      if (entities.length > 0) return { by: 'owner', ref: owner, entities };
    }
    return undefined;
  }, [catalogApi, self, owner, system]);
}
