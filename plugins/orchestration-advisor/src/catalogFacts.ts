import {
  ANNOTATION_CLUSTER,
  ANNOTATION_PLATFORM_TEAM,
  AssessEntityInput,
  OrchestrationOptions,
  parseGroupAnnotations,
} from '@orchestration/plugin-orchestration-common';
import { LoadedEntity } from './catalogFiles';

type Entity = AssessEntityInput['entity'];

/** Normalises an entity reference to `kind:namespace/name`, lower case. */
export function normaliseRef(
  ref: string,
  defaultKind: string,
  defaultNamespace = 'default',
): string {
  const trimmed = ref.trim().toLowerCase();
  const colon = trimmed.indexOf(':');
  const slash = trimmed.indexOf('/');
  const kind =
    colon >= 0 && (slash < 0 || colon < slash)
      ? trimmed.slice(0, colon)
      : defaultKind;
  const rest =
    colon >= 0 && (slash < 0 || colon < slash)
      ? trimmed.slice(colon + 1)
      : trimmed;
  const restSlash = rest.indexOf('/');
  const namespace =
    restSlash >= 0 ? rest.slice(0, restSlash) : defaultNamespace;
  const name = restSlash >= 0 ? rest.slice(restSlash + 1) : rest;
  return `${kind}:${namespace}/${name}`;
}

/** The ref of an entity as `kind:namespace/name`, lower case. */
export function refOf(entity: Entity): string {
  return `${entity.kind.toLowerCase()}:${(
    entity.metadata.namespace ?? 'default'
  ).toLowerCase()}/${entity.metadata.name.toLowerCase()}`;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/**
 * The catalog facts the engine needs, resolved among the files given:
 * owners and their member counts, platform teams and referenced clusters.
 */
export class CatalogFacts {
  private readonly byRef = new Map<string, Entity>();
  private readonly members = new Map<string, Set<string>>();
  private readonly hasGroups: boolean;
  private readonly annotatedPlatformTeams: string[] = [];

  constructor(entities: LoadedEntity[]) {
    let hasGroups = false;
    for (const { entity } of entities) {
      const ref = refOf(entity);
      this.byRef.set(ref, entity);
      const kind = entity.kind.toLowerCase();
      const namespace = (entity.metadata.namespace ?? 'default').toLowerCase();
      const spec = (entity.spec ?? {}) as Record<string, unknown>;
      if (kind === 'group') {
        hasGroups = true;
        for (const member of stringList(spec.members)) {
          this.addMember(ref, normaliseRef(member, 'user', namespace));
        }
        const annotation =
          entity.metadata.annotations?.[ANNOTATION_PLATFORM_TEAM];
        if (
          annotation !== undefined &&
          parseGroupAnnotations(entity.metadata.annotations).facts.platformTeam
        ) {
          this.annotatedPlatformTeams.push(ref);
        }
      } else if (kind === 'user') {
        for (const group of stringList(spec.memberOf)) {
          this.addMember(normaliseRef(group, 'group', namespace), ref);
        }
      }
    }
    this.hasGroups = hasGroups;
  }

  private addMember(group: string, user: string) {
    let set = this.members.get(group);
    if (!set) {
      set = new Set();
      this.members.set(group, set);
    }
    set.add(user);
  }

  /** Platform teams: annotated Groups found plus configured ones; undefined when no Group was given at all. */
  platformTeams(options: OrchestrationOptions): string[] | undefined {
    if (!this.hasGroups && options.platformTeams.length === 0) return undefined;
    return [...this.annotatedPlatformTeams].sort();
  }

  /** The engine input for one Component. */
  inputFor(
    entity: Entity,
    options: OrchestrationOptions,
    now: string,
  ): AssessEntityInput {
    const namespace = (entity.metadata.namespace ?? 'default').toLowerCase();
    const input: AssessEntityInput = {
      entity,
      options,
      now,
      platformTeams: this.platformTeams(options),
    };
    const owner = (entity.spec as Record<string, unknown> | undefined)?.owner;
    if (typeof owner === 'string' && owner.trim() !== '') {
      const ownerRef = normaliseRef(owner, 'group', namespace);
      let memberCount: number | undefined;
      if (ownerRef.startsWith('user:')) memberCount = 1;
      else if (
        this.byRef.has(ownerRef) &&
        (this.members.get(ownerRef)?.size ?? 0) > 0
      ) {
        memberCount = this.members.get(ownerRef)!.size;
      }
      input.owner =
        memberCount === undefined
          ? { entityRef: ownerRef }
          : { entityRef: ownerRef, memberCount };
    }
    const clusterRef = entity.metadata.annotations?.[ANNOTATION_CLUSTER];
    if (typeof clusterRef === 'string' && clusterRef.trim() !== '') {
      input.cluster =
        this.byRef.get(normaliseRef(clusterRef, 'resource', 'default')) ?? null;
    }
    return input;
  }
}
