import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { CatalogClient } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import crossFetch, { Headers } from 'cross-fetch';

/** The catalog calls this plugin makes. */
export type CatalogReads = Pick<
  CatalogService,
  'getEntitiesByRefs' | 'getEntityByRef' | 'queryEntities'
>;

/** The class name of `catalogServiceRef`'s own implementation. */
export const DEFAULT_CATALOG_SERVICE_CLASS = 'DefaultCatalogService';

/** Asks for an answer without content encoding. */
export const fetchUncompressed: typeof crossFetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('accept-encoding', 'identity');
  return crossFetch(input, { ...init, headers });
};

/**
 * The catalog client as `catalogServiceRef`'s default makes it (a token for
 * the catalog on the caller's behalf per call), with {@link fetchUncompressed}.
 */
export class UncompressedCatalogReads implements CatalogReads {
  private readonly client: CatalogClient;
  private readonly auth: AuthService;

  constructor(deps: {
    discovery: DiscoveryService;
    auth: AuthService;
    fetch?: typeof crossFetch;
  }) {
    this.auth = deps.auth;
    this.client = new CatalogClient({
      discoveryApi: deps.discovery,
      fetchApi: { fetch: deps.fetch ?? fetchUncompressed },
    });
  }

  private tokenFor(options: { credentials: BackstageCredentials }) {
    return this.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'catalog',
    });
  }

  getEntitiesByRefs: CatalogService['getEntitiesByRefs'] = async (
    request,
    options,
  ) => this.client.getEntitiesByRefs(request, await this.tokenFor(options));

  getEntityByRef: CatalogService['getEntityByRef'] = async (
    entityRef,
    options,
  ) => this.client.getEntityByRef(entityRef, await this.tokenFor(options));

  queryEntities: CatalogService['queryEntities'] = async (request, options) =>
    this.client.queryEntities(request, await this.tokenFor(options));
}

/**
 * The catalog reads of this plugin. Backstage's own catalog service asks the
 * catalog for gzip-compressed answers, which the catalog compresses and this
 * process inflates again: in one backend, more than a third of the CPU of a
 * live assessment (docs/benchmarks.md). So, with that service, the plugin
 * reads through the same discovery and auth, asking for plain answers. A
 * catalog service installed in its place is used as it is.
 */
export function catalogReadsFor(
  catalog: CatalogService,
  deps: { discovery: DiscoveryService; auth: AuthService },
): CatalogReads {
  if (catalog.constructor?.name !== DEFAULT_CATALOG_SERVICE_CLASS) {
    return catalog;
  }
  return new UncompressedCatalogReads(deps);
}
