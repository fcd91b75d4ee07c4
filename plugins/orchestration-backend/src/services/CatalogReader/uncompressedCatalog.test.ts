import {
  createBackendPlugin,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  catalogReadsFor,
  UncompressedCatalogReads,
} from './uncompressedCatalog';

type Seen = {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
};

/** A stand-in for the catalog's HTTP API that records what it is asked. */
async function catalogServer(answer: (req: http.IncomingMessage) => unknown) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers });
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer(req)));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/catalog`;
  const discovery: DiscoveryService = {
    getBaseUrl: async () => baseUrl,
    getExternalBaseUrl: async () => baseUrl,
  };
  return {
    seen,
    discovery,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'content-api', namespace: 'default' },
  spec: { owner: 'group:default/team-a' },
};

describe('UncompressedCatalogReads', () => {
  const credentials = mockCredentials.user('user:default/guest');

  it.each([
    {
      call: 'getEntitiesByRefs',
      run: (reads: UncompressedCatalogReads) =>
        reads.getEntitiesByRefs(
          { entityRefs: ['component:default/content-api'], fields: ['kind'] },
          { credentials },
        ),
      answer: { items: [component] },
      expected: { items: [component] },
      path: '/api/catalog/entities/by-refs',
    },
    {
      call: 'getEntityByRef',
      run: (reads: UncompressedCatalogReads) =>
        reads.getEntityByRef('component:default/content-api', { credentials }),
      answer: component,
      expected: component,
      path: '/api/catalog/entities/by-name/component/default/content-api',
    },
    {
      call: 'queryEntities',
      run: (reads: UncompressedCatalogReads) =>
        reads.queryEntities(
          { filter: { kind: 'Component' }, limit: 1 },
          { credentials },
        ),
      answer: { items: [component], totalItems: 1, pageInfo: {} },
      expected: { items: [component], totalItems: 1, pageInfo: {} },
      path: '/api/catalog/entities/by-query',
    },
  ])(
    '$call asks for a plain answer, with a token for the catalog on the caller’s behalf',
    async ({ run, answer, expected, path }) => {
      const catalog = await catalogServer(() => answer);
      try {
        const reads = new UncompressedCatalogReads({
          discovery: catalog.discovery,
          auth: mockServices.auth(),
        });
        await expect(run(reads)).resolves.toEqual(expected);
        expect(catalog.seen).toHaveLength(1);
        const [request] = catalog.seen;
        expect(request.url?.split('?')[0]).toBe(path);
        // Not "gzip, deflate", which the catalog would compress for.
        expect(request.headers['accept-encoding']).toBe('identity');
        const token = await mockServices.auth().getPluginRequestToken({
          onBehalfOf: credentials,
          targetPluginId: 'catalog',
        });
        expect(request.headers.authorization).toBe(`Bearer ${token.token}`);
      } finally {
        await catalog.close();
      }
    },
  );
});

describe('catalogReadsFor', () => {
  const deps = {
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
  };

  it('replaces Backstage’s own catalog service, which asks for compressed answers', async () => {
    // Fails when an upgrade of @backstage/plugin-catalog-node renames the
    // class, so that the plugin would quietly read compressed answers again.
    let injected: CatalogService | undefined;
    await startTestBackend({
      features: [
        createBackendPlugin({
          pluginId: 'probe',
          register(env) {
            env.registerInit({
              deps: { catalog: catalogServiceRef },
              async init({ catalog }) {
                injected = catalog;
              },
            });
          },
        }),
      ],
    });
    expect(injected).toBeDefined();
    expect(catalogReadsFor(injected!, deps)).toBeInstanceOf(
      UncompressedCatalogReads,
    );
  });

  it('uses a catalog service installed in its place as it is', () => {
    const installed = catalogServiceMock({ entities: [component] });
    expect(catalogReadsFor(installed, deps)).toBe(installed);
  });
});
