import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  entityRefOf,
  GroupFacts,
  groupFactsOf,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
  platformTeamsAmong,
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

/**
 * Reads what the assessments need from the catalog: Components page by page
 * with only the fields needed, Groups, platform teams and cluster Resources.
 * Every failure to reach the catalog becomes a ServiceUnavailableError.
 */
export class CatalogReader {
  private groupCache?: { at: number; groups: Map<string, GroupFacts> };

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
        const facts = groupFactsOf(group);
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
        clusters.set(entityRefOf(cluster), cluster);
      }
    }
    return clusters;
  }

  /** Every Group, summarised, by entity ref; cached briefly. */
  async knownGroups(
    credentials: BackstageCredentials,
  ): Promise<ReadonlyMap<string, GroupFacts>> {
    const cached = this.groupCache;
    if (cached && Date.now() - cached.at < this.cacheMillis) {
      return cached.groups;
    }
    const groups = await this.loadGroups(credentials);
    this.rememberGroups(groups);
    return groups;
  }

  /** Remembers the Groups found by a full read of the catalog. */
  rememberGroups(groups: Map<string, GroupFacts>) {
    this.groupCache = { at: Date.now(), groups };
    this.logger.debug(
      `Groups in the catalog: ${groups.size}; annotated platform teams: ${[
        ...groups.values(),
      ]
        .filter(g => g.annotatedPlatformTeam)
        .map(g => `${g.entityRef} (${g.memberCount} members)`)
        .join(', ')}`,
    );
  }

  /**
   * The platform teams: annotated or configured Groups with at least one
   * member. Groups given as `overrides` (e.g. sent with an evaluation) take
   * the place of the catalog's.
   *
   * @param configured - `orchestration.platformTeams`, resolved
   */
  async platformTeams(
    credentials: BackstageCredentials,
    configured: readonly string[],
    overrides: readonly GroupFacts[] = [],
  ): Promise<string[]> {
    const known = await this.knownGroups(credentials);
    if (overrides.length === 0) return platformTeamsAmong(known, configured);
    const groups = new Map(known);
    for (const group of overrides) groups.set(group.entityRef, group);
    return platformTeamsAmong(groups, configured);
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
