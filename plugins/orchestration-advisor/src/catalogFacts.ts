import {
  AssessEntityInput,
  GroupFacts,
  OrchestrationOptions,
  clusterRefOf,
  groupFactsOf,
  groupMemberRefs,
  namespaceOf,
  ownerFactsFor,
  ownerRefOf,
  platformTeamsAmong,
  resolveEntityRef,
} from '@orchestration/plugin-orchestration-common';
import { LoadedEntity } from './catalogFiles';

type Entity = AssessEntityInput['entity'];

function kindOf(entity: Entity): string {
  return String(entity.kind).toLocaleLowerCase('en-US');
}

/**
 * The catalog facts the engine needs, resolved among the files given the
 * way the backend resolves them in the catalog: owners and their member
 * counts, platform teams and referenced clusters. Of two entities with the
 * same ref only the first is used.
 */
export class CatalogFacts {
  private readonly byRef = new Map<string, Entity>();
  private readonly groups = new Map<string, GroupFacts>();

  constructor(entities: LoadedEntity[]) {
    const used = entities.filter(loaded => !loaded.duplicateOf);
    for (const { entity, ref } of used) this.byRef.set(ref, entity);

    // Users name their Groups in spec.memberOf, which the catalog turns into
    // the Group's hasMember relations.
    const memberOf = new Map<string, Set<string>>();
    for (const { entity, ref } of used) {
      if (kindOf(entity) !== 'user') continue;
      const groups = (entity.spec as { memberOf?: unknown } | undefined)
        ?.memberOf;
      if (!Array.isArray(groups)) continue;
      for (const group of groups) {
        if (typeof group !== 'string') continue;
        const groupRef = resolveEntityRef(group, {
          defaultKind: 'group',
          defaultNamespace: namespaceOf(entity),
        });
        if (!groupRef) continue;
        let users = memberOf.get(groupRef);
        if (!users) {
          users = new Set();
          memberOf.set(groupRef, users);
        }
        users.add(ref);
      }
    }
    for (const { entity, ref } of used) {
      if (kindOf(entity) !== 'group') continue;
      const listed = groupMemberRefs(entity);
      let extra = 0;
      for (const user of memberOf.get(ref) ?? []) {
        if (!listed.has(user)) extra++;
      }
      this.groups.set(ref, groupFactsOf(entity, extra));
    }
  }

  /**
   * Platform teams: annotated or configured Groups with at least one member;
   * undefined when no Group was given and none is configured.
   */
  platformTeams(options: OrchestrationOptions): string[] | undefined {
    if (this.groups.size === 0 && options.platformTeams.length === 0) {
      return undefined;
    }
    return platformTeamsAmong(this.groups, options.platformTeams);
  }

  /** The engine input for one Component. */
  inputFor(
    entity: Entity,
    options: OrchestrationOptions,
    now: string,
  ): AssessEntityInput {
    const clusterRef = clusterRefOf(entity);
    return {
      entity,
      // The configured teams are already in platformTeams, kept only when
      // they have members; passing them again would count empty ones.
      options: { ...options, platformTeams: [] },
      now,
      platformTeams: this.platformTeams(options),
      owner: ownerFactsFor(ownerRefOf(entity), this.groups),
      // An entity of another type is passed too: the engine says what is
      // wrong with it, which beats "not in the catalog".
      cluster: clusterRef ? this.byRef.get(clusterRef) ?? null : undefined,
    };
  }
}
