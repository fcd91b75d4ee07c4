import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  CatalogTimeoutError,
  DEFAULT_CATALOG_TIMEOUT_MS,
  withCatalogTimeout as withTimeout,
} from '@orchestration/plugin-orchestration-node';
import { CallerBatches } from './CallerBatches';
import { CatalogReads } from './uncompressedCatalog';
import {
  entityRefOf,
  GroupFacts,
  groupFactsOf,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
  platformTeamsAmong,
} from '@orchestration/plugin-orchestration-common';

// One implementation of the bounded catalog call, shared with the permission policy's.
export { CatalogTimeoutError, DEFAULT_CATALOG_TIMEOUT_MS, withTimeout };

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

/**
 * Fields of a Component, Group or cluster Resource that a live assessment
 * reads: the Component's and the Group's, which cover the cluster's too
 * (kind, name, namespace, annotations, `spec.type`).
 */
export const ASSESSMENT_FIELDS = [
  ...new Set([...COMPONENT_FIELDS, ...GROUP_FIELDS]),
];

const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>()[\]{}]+/gi;
const IPV4_PATTERN = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g;

/**
 * The text without URLs (`http://catalog.internal:7007/...`) or IP
 * addresses, so internal addresses never reach a response or a stored
 * failure reason.
 */
export function withoutAddresses(text: string): string {
  return (
    text
      // Punctuation that ends a sentence stays.
      .replace(
        URL_PATTERN,
        url => `(address hidden)${/[.,;:!?]*$/.exec(url)![0]}`,
      )
      .replace(IPV4_PATTERN, '(address hidden)')
  );
}

const PASS_THROUGH: Record<string, new (message: string) => Error> = {
  NotAllowedError,
  AuthenticationError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
};

/**
 * Errors that say the caller may not do something pass through; anything
 * else means the catalog is unavailable. Either way the message shows no
 * internal address.
 */
export function toCatalogError(error: unknown): Error {
  const name = (error as Error)?.name;
  const message = (error as Error)?.message ?? String(error);
  const safe = withoutAddresses(message);
  const PassThrough = Object.prototype.hasOwnProperty.call(PASS_THROUGH, name)
    ? PASS_THROUGH[name]
    : undefined;
  if (PassThrough) {
    return safe === message ? (error as Error) : new PassThrough(safe);
  }
  return new ServiceUnavailableError(
    `The catalog could not be reached: ${safe}`,
  );
}

export interface CatalogReaderOptions {
  /** Entities requested per page. Default 500. */
  pageSize?: number;
  /** How long the Groups read for the platform teams are used as they are. Default one minute. */
  cacheMillis?: number;
  /**
   * How long after that they are still used, while they are read again in
   * the background (once, whatever the number of requests). Default five
   * minutes; past it, requests wait for the Groups.
   */
  staleMillis?: number;
  /** How long a single catalog call may take. Default 10 seconds. */
  timeoutMs?: number;
  /** The clock, in milliseconds. */
  clock?: () => number;
}

/**
 * Reads what the assessments need from the catalog: Components page by page
 * with only the fields needed, Groups, platform teams and cluster Resources.
 * Every call is bounded by a timeout; every failure to reach the catalog, or
 * to hear back from it in time, becomes a ServiceUnavailableError (503)
 * whose message shows no internal address; the full error is logged.
 */
export class CatalogReader {
  /** The Groups, summarised: one entry, replaced whole. */
  private groupCache?: {
    at: number;
    groups: ReadonlyMap<string, GroupFacts>;
  };
  /** The read of the Groups under way, shared by every caller. */
  private groupLoad?: Promise<ReadonlyMap<string, GroupFacts>>;
  /** Reads by ref shared between the requests of one caller. */
  private readonly batches = new CallerBatches((refs, credentials) =>
    this.getEntities(refs, credentials, ASSESSMENT_FIELDS),
  );
  private readonly pageSize: number;
  private readonly cacheMillis: number;
  private readonly staleMillis: number;
  private readonly clock: () => number;
  readonly timeoutMs: number;

  constructor(
    private readonly catalog: CatalogReads,
    private readonly logger: LoggerService,
    options: CatalogReaderOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 500;
    this.cacheMillis = options.cacheMillis ?? 60_000;
    this.staleMillis = options.staleMillis ?? 300_000;
    this.clock = options.clock ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CATALOG_TIMEOUT_MS;
  }

  /** Runs one catalog call within the timeout, translating its errors. */
  private async call<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(Promise.resolve().then(work), this.timeoutMs);
    } catch (error) {
      const translated = toCatalogError(error);
      if (translated.name === 'ServiceUnavailableError') {
        // The full error, with the catalog's address, stays in the server log.
        this.logger.warn(
          `Catalog call ${what} failed: ${translated.message}`,
          error instanceof Error ? error : { error: String(error) },
        );
      }
      throw translated;
    }
  }

  /**
   * Pages through entities matching a filter, with a cursor. The next page
   * is asked for as soon as a page arrives, so the catalog answers while the
   * caller works on the page it has: at most two pages are held at a time.
   */
  async *pages(
    filter: Record<string, string | string[]>,
    fields: string[] | undefined,
    credentials: BackstageCredentials,
  ): AsyncGenerator<Entity[]> {
    type Page = Awaited<ReturnType<CatalogReads['queryEntities']>>;
    const fetchPage = (cursor?: string): Promise<Page> => {
      const request = cursor
        ? { cursor, limit: this.pageSize, fields }
        : {
            filter,
            fields,
            limit: this.pageSize,
            orderFields: { field: 'metadata.name', order: 'asc' as const },
          };
      const response = this.call('queryEntities', () =>
        this.catalog.queryEntities(request, { credentials }),
      );
      // Left unread when the caller stops early: its failure is not unhandled.
      response.catch(() => {});
      return response;
    };
    let next: Promise<Page> | undefined = fetchPage();
    while (next) {
      const response: Page = await next;
      const cursor: string | undefined = response.pageInfo.nextCursor;
      next = cursor ? fetchPage(cursor) : undefined;
      yield response.items;
    }
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

  /**
   * Every Group, summarised, by entity ref, as last read: by a snapshot
   * refresh ({@link rememberGroups}) or here. Fresh Groups are used as they
   * are; stale ones too, while one read of the Groups runs in the
   * background; without any, or past `staleMillis`, callers wait for one
   * shared read.
   */
  async knownGroups(
    credentials: BackstageCredentials,
  ): Promise<ReadonlyMap<string, GroupFacts>> {
    const cached = this.groupCache;
    if (cached) {
      const age = this.clock() - cached.at;
      if (age < this.cacheMillis) return cached.groups;
      if (age < this.cacheMillis + this.staleMillis) {
        this.reloadGroups(credentials).catch(error =>
          this.logger.debug(
            `Groups not read again, the last ones are used: ${
              (error as Error)?.message ?? String(error)
            }`,
          ),
        );
        return cached.groups;
      }
    }
    return this.reloadGroups(credentials);
  }

  /** Reads the Groups, or joins the read under way. */
  private reloadGroups(
    credentials: BackstageCredentials,
  ): Promise<ReadonlyMap<string, GroupFacts>> {
    if (!this.groupLoad) {
      const startedAt = this.clock();
      this.groupLoad = this.loadGroups(credentials)
        .then(groups => {
          // A snapshot may have remembered newer Groups meanwhile.
          if (!this.groupCache || this.groupCache.at <= startedAt) {
            this.rememberGroups(groups, startedAt);
          }
          return groups;
        })
        .finally(() => {
          this.groupLoad = undefined;
        });
    }
    return this.groupLoad;
  }

  /** Remembers the Groups found by a full read of the catalog. */
  rememberGroups(groups: ReadonlyMap<string, GroupFacts>, at = this.clock()) {
    this.groupCache = { at, groups };
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
    return this.call('getEntityByRef', () =>
      this.catalog.getEntityByRef(entityRef, { credentials }),
    );
  }

  /**
   * The entities found among the refs, by the ref as given, in one catalog
   * call; refs that are not found are left out. With `fields`, only those.
   */
  async getEntities(
    entityRefs: string[],
    credentials: BackstageCredentials,
    fields?: string[],
  ): Promise<Map<string, Entity>> {
    const found = new Map<string, Entity>();
    const unique = [...new Set(entityRefs)];
    if (unique.length === 0) return found;
    const response = await this.call('getEntitiesByRefs', () =>
      this.catalog.getEntitiesByRefs(
        fields ? { entityRefs: unique, fields } : { entityRefs: unique },
        { credentials },
      ),
    );
    response.items.forEach((entity, index) => {
      if (entity) found.set(unique[index], entity);
    });
    return found;
  }

  /**
   * Like {@link getEntities} with the {@link ASSESSMENT_FIELDS}, in a call
   * shared with the other requests of the same caller waiting at the same
   * time (see {@link CallerBatches}); fails with a 503 once the timeout has
   * passed since it was asked, waiting included.
   */
  async getEntitiesShared(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, Entity>> {
    return withTimeout(
      this.batches.get(entityRefs, credentials),
      this.timeoutMs,
    );
  }
}
