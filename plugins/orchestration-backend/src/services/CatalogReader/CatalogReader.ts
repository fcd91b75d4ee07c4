import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CLUSTER,
  ANNOTATION_PLATFORM_TEAM,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
  OwnerFacts,
} from '@orchestration/plugin-orchestration-common';

/** Fields of a Component that the engine and the summary columns read. */
export const COMPONENT_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
  'spec.type',
  'spec.lifecycle',
];

/** Fields of a Group needed to count members and spot platform teams. */
export const GROUP_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.members',
  'relations',
];

/** What the snapshot needs to know about a Group. */
export interface GroupFacts {
  entityRef: string;
  memberCount: number;
  platformTeam: boolean;
}

/** Errors that say the caller may not do something pass through; anything else means the catalog is unavailable. */
export function toCatalogError(error: unknown): Error {
  const name = (error as Error)?.name;
  if (
    name === 'NotAllowedError' ||
    name === 'AuthenticationError' ||
    name === 'InputError' ||
    name === 'NotFoundError' ||
    name === 'ServiceUnavailableError'
  ) {
    return error as Error;
  }
  return new ServiceUnavailableError(
    `The catalog could not be reached: ${
      (error as Error)?.message ?? String(error)
    }`,
  );
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toCatalogError(error);
  }
}

/** Members of a Group: its hasMember relations and spec.members, without duplicates. */
export function countMembers(group: Entity): number {
  const members = new Set<string>();
  for (const relation of group.relations ?? []) {
    if (relation.type === 'hasMember') {
      members.add(relation.targetRef.toLocaleLowerCase('en-US'));
    }
  }
  const specMembers = (group.spec as { members?: unknown } | undefined)
    ?.members;
  if (Array.isArray(specMembers)) {
    for (const member of specMembers) {
      if (typeof member !== 'string') continue;
      try {
        members.add(
          stringifyEntityRef(
            parseEntityRef(member, {
              defaultKind: 'user',
              defaultNamespace: group.metadata.namespace ?? 'default',
            }),
          ),
        );
      } catch {
        // an invalid member reference is the catalog's to report
      }
    }
  }
  return members.size;
}

/** Whether a Group carries `orchestration.io/platform-team: "true"`. */
export function isAnnotatedPlatformTeam(group: Entity): boolean {
  const value = group.metadata?.annotations?.[ANNOTATION_PLATFORM_TEAM];
  return (
    String(value ?? '')
      .trim()
      .toLocaleLowerCase('en-US') === 'true'
  );
}

/** Summarises a Group for the engine. */
export function groupFacts(group: Entity): GroupFacts {
  return {
    entityRef: stringifyEntityRef(group),
    memberCount: countMembers(group),
    platformTeam: isAnnotatedPlatformTeam(group),
  };
}

/** The owner ref of a Component, normalised (`web-content` -> `group:default/web-content`); null when absent or invalid. */
export function ownerRefOf(entity: Entity): string | null {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || owner.trim() === '') return null;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner.trim(), {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return null;
  }
}

/** The system ref of a Component, normalised; null when absent or invalid. */
export function systemRefOf(entity: Entity): string | null {
  const system = (entity.spec as { system?: unknown } | undefined)?.system;
  if (typeof system !== 'string' || system.trim() === '') return null;
  try {
    return stringifyEntityRef(
      parseEntityRef(system.trim(), {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return null;
  }
}

/** The cluster ref named by `orchestration.io/cluster`, normalised; null when absent or not a valid ref. */
export function clusterRefOf(entity: Entity): string | null {
  const raw = entity.metadata?.annotations?.[ANNOTATION_CLUSTER];
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  try {
    return stringifyEntityRef(
      parseEntityRef(raw.trim(), {
        defaultKind: 'resource',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return null;
  }
}

/** Owner facts for the engine, given what is known about Groups. */
export function ownerFactsFor(
  ownerRef: string | null,
  groups: Map<string, GroupFacts>,
): OwnerFacts | undefined {
  if (!ownerRef) return undefined;
  if (ownerRef.startsWith('user:'))
    return { entityRef: ownerRef, memberCount: 1 };
  const group = groups.get(ownerRef);
  return group
    ? { entityRef: ownerRef, memberCount: group.memberCount }
    : { entityRef: ownerRef };
}

/**
 * Reads what the assessments need from the catalog: Components page by page
 * with only the fields needed, Groups, platform teams and cluster Resources.
 * Every failure to reach the catalog becomes a ServiceUnavailableError.
 */
export class CatalogReader {
  private platformTeamCache?: { at: number; teams: string[] };

  constructor(
    private readonly catalog: CatalogService,
    private readonly logger: LoggerService,
    private readonly pageSize = 500,
    private readonly cacheMillis = 60_000,
  ) {}

  /** Pages through entities matching a filter, with a cursor. */
  async *pages(
    filter: Record<string, string | string[]>,
    fields: string[] | undefined,
    credentials: BackstageCredentials,
  ): AsyncGenerator<Entity[]> {
    let cursor: string | undefined;
    do {
      const request = cursor
        ? { cursor, limit: this.pageSize, fields }
        : {
            filter,
            fields,
            limit: this.pageSize,
            orderFields: { field: 'metadata.name', order: 'asc' as const },
          };
      const response = await guard(() =>
        this.catalog.queryEntities(request, { credentials }),
      );
      yield response.items;
      cursor = response.pageInfo.nextCursor;
    } while (cursor);
  }

  /** Every Group, summarised, by entity ref. */
  async loadGroups(
    credentials: BackstageCredentials,
  ): Promise<Map<string, GroupFacts>> {
    const groups = new Map<string, GroupFacts>();
    for await (const page of this.pages(
      { kind: 'group' },
      GROUP_FIELDS,
      credentials,
    )) {
      for (const group of page) {
        const facts = groupFacts(group);
        groups.set(facts.entityRef, facts);
      }
    }
    return groups;
  }

  /** Every kubernetes-cluster Resource, by entity ref. */
  async loadClusters(
    credentials: BackstageCredentials,
  ): Promise<Map<string, Entity>> {
    const clusters = new Map<string, Entity>();
    for await (const page of this.pages(
      { kind: 'resource', 'spec.type': KUBERNETES_CLUSTER_RESOURCE_TYPE },
      undefined,
      credentials,
    )) {
      for (const cluster of page) {
        clusters.set(stringifyEntityRef(cluster), cluster);
      }
    }
    return clusters;
  }

  /** Refs of Groups annotated as platform teams, cached briefly. */
  async annotatedPlatformTeams(
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const cached = this.platformTeamCache;
    if (cached && Date.now() - cached.at < this.cacheMillis)
      return cached.teams;
    const groups = await this.loadGroups(credentials);
    const teams = [...groups.values()]
      .filter(g => g.platformTeam)
      .map(g => g.entityRef);
    this.platformTeamCache = { at: Date.now(), teams };
    this.logger.debug(`Platform teams in the catalog: ${teams.join(', ')}`);
    return teams;
  }

  /** Remembers the platform teams found by a full read of the Groups. */
  rememberPlatformTeams(teams: string[]) {
    this.platformTeamCache = { at: Date.now(), teams };
  }

  async getEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    return guard(() => this.catalog.getEntityByRef(entityRef, { credentials }));
  }

  async getEntities(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, Entity>> {
    const found = new Map<string, Entity>();
    const unique = [...new Set(entityRefs)];
    if (unique.length === 0) return found;
    const response = await guard(() =>
      this.catalog.getEntitiesByRefs({ entityRefs: unique }, { credentials }),
    );
    response.items.forEach((entity, index) => {
      if (entity) found.set(unique[index], entity);
    });
    return found;
  }
}
