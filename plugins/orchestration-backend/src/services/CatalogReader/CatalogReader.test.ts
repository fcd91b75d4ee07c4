import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogEntities } from '../../__fixtures__/catalog';
import {
  CatalogReader,
  toCatalogError,
  withoutAddresses,
} from './CatalogReader';

const credentials = mockCredentials.service();

/** A catalog whose calls never answer while `hanging` is set. */
function stallingCatalog() {
  const real = catalogServiceMock({ entities: catalogEntities });
  const state = { hanging: true };
  const gate = <T>(work: () => Promise<T>) =>
    state.hanging ? new Promise<T>(() => {}) : work();
  const catalog = {
    queryEntities: (...args: Parameters<CatalogService['queryEntities']>) =>
      gate(() => real.queryEntities(...args)),
    getEntityByRef: (...args: Parameters<CatalogService['getEntityByRef']>) =>
      gate(() => real.getEntityByRef(...args)),
    getEntitiesByRefs: (
      ...args: Parameters<CatalogService['getEntitiesByRefs']>
    ) => gate(() => real.getEntitiesByRefs(...args)),
  } as unknown as CatalogService;
  return { state, catalog };
}

async function timed<T>(work: Promise<T>) {
  const started = Date.now();
  const outcome = await work.then(
    value => ({ value, error: undefined as any }),
    error => ({ value: undefined, error }),
  );
  return { ...outcome, millis: Date.now() - started };
}

describe('CatalogReader', () => {
  it.each<[string, (reader: CatalogReader) => Promise<unknown>]>([
    [
      'getEntity',
      (r: CatalogReader) =>
        r.getEntity('component:default/content-api', credentials),
    ],
    [
      'getEntities',
      (r: CatalogReader) =>
        r.getEntities(['group:default/web-content'], credentials),
    ],
    ['loadGroups (pages)', (r: CatalogReader) => r.loadGroups(credentials)],
    ['knownGroups (pages)', (r: CatalogReader) => r.knownGroups(credentials)],
  ])(
    '%s fails with a 503 within the timeout, then works once the catalog answers',
    async (_name, call) => {
      const { state, catalog } = stallingCatalog();
      const logger = mockServices.logger.mock();
      const reader = new CatalogReader(catalog, logger, { timeoutMs: 100 });

      const first = await timed(call(reader));
      expect(first.error?.name).toBe('ServiceUnavailableError');
      expect(first.error?.message).toBe(
        'The catalog did not answer within 0.1 s',
      );
      expect(first.millis).toBeLessThan(1_000);
      expect(logger.warn).toHaveBeenCalled();

      state.hanging = false;
      const second = await timed(call(reader));
      expect(second.error).toBeUndefined();
      expect(second.value).toBeDefined();
    },
  );

  it('times out each page of a long read, not only the first', async () => {
    const real = catalogServiceMock({ entities: catalogEntities });
    let calls = 0;
    const catalog = {
      queryEntities: (...args: Parameters<CatalogService['queryEntities']>) =>
        ++calls === 1 ? real.queryEntities(...args) : new Promise(() => {}),
    } as unknown as CatalogService;
    const reader = new CatalogReader(catalog, mockServices.logger.mock(), {
      pageSize: 1,
      timeoutMs: 100,
    });
    await expect(reader.loadGroups(credentials)).rejects.toThrow(
      'The catalog did not answer within 0.1 s',
    );
    expect(calls).toBe(2);
  });

  it('asks for the next page while the caller works on one, one page ahead', async () => {
    const real = catalogServiceMock({ entities: catalogEntities });
    let calls = 0;
    const catalog = {
      queryEntities: (...args: Parameters<CatalogService['queryEntities']>) => {
        calls += 1;
        return real.queryEntities(...args);
      },
    } as unknown as CatalogService;
    const reader = new CatalogReader(catalog, mockServices.logger.mock(), {
      pageSize: 1,
    });
    const pages = reader.pages({ kind: 'group' }, undefined, credentials);
    const first = await pages.next();
    expect(first.value).toHaveLength(1);
    await new Promise(resolve => setImmediate(resolve));
    expect(calls).toBe(2);
    const names: string[] = [first.value[0].metadata.name];
    for await (const page of pages) names.push(page[0].metadata.name);
    expect(names).toEqual(['media-rendering', 'platform', 'web-content']);
    expect(calls).toBe(3);
  });

  it('leaves no failure unhandled when the caller stops before the page asked for ahead', async () => {
    const real = catalogServiceMock({ entities: catalogEntities });
    let calls = 0;
    const catalog = {
      queryEntities: (...args: Parameters<CatalogService['queryEntities']>) =>
        ++calls === 1
          ? real.queryEntities(...args)
          : Promise.reject(new Error('gone')),
    } as unknown as CatalogService;
    const reader = new CatalogReader(catalog, mockServices.logger.mock(), {
      pageSize: 1,
    });
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      for await (const page of reader.pages(
        { kind: 'group' },
        undefined,
        credentials,
      )) {
        expect(page).toHaveLength(1);
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 20));
      expect(calls).toBe(2);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('shows no internal address in its errors, and logs the full error', async () => {
    const cause = new Error(
      'request to https://catalog.internal.example:7007/api/catalog/entities/by-refs failed, reason: connect ECONNREFUSED 10.0.0.12:7007',
    );
    const logger = mockServices.logger.mock();
    const reader = new CatalogReader(
      catalogServiceMock.mock({
        getEntitiesByRefs: jest.fn().mockRejectedValue(cause),
      }),
      logger,
    );
    const error = await reader
      .getEntities(['group:default/a'], credentials)
      .catch(e => e);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toBe(
      'The catalog could not be reached: request to (address hidden) failed, reason: connect ECONNREFUSED (address hidden)',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('getEntitiesByRefs'),
      cause,
    );
  });

  it('passes refusals through, without addresses', () => {
    const refused = new NotAllowedError('no');
    expect(toCatalogError(refused)).toBe(refused);
    const withUrl = toCatalogError(
      new NotAllowedError('Denied by http://permission.internal/api'),
    );
    expect(withUrl.name).toBe('NotAllowedError');
    expect(withUrl.message).toBe('Denied by (address hidden)');
  });

  it('strips URLs and IP addresses from texts', () => {
    expect(
      withoutAddresses(
        'GET http://10.1.2.3:7007/api/catalog?x=1 and HTTPS://Catalog.Example/a, then 192.168.0.1',
      ),
    ).toBe('GET (address hidden) and (address hidden), then (address hidden)');
    expect(withoutAddresses('nothing to hide in 1.5 s')).toBe(
      'nothing to hide in 1.5 s',
    );
  });
});

describe('CatalogReader Groups', () => {
  const groupsOf = (names: string[]) =>
    new Map(
      names.map(name => [
        `group:default/${name}`,
        {
          entityRef: `group:default/${name}`,
          memberCount: 1,
          annotatedPlatformTeam: name === 'platform',
        },
      ]),
    );

  function reader(options: { fail?: boolean } = {}) {
    const now = { ms: 1_000_000 };
    const real = catalogServiceMock({ entities: catalogEntities });
    const state = { reads: 0, fail: options.fail ?? false, release: () => {} };
    const catalog = {
      queryEntities: async (
        ...args: Parameters<CatalogService['queryEntities']>
      ) => {
        state.reads += 1;
        // Held until released, so concurrent callers can be counted.
        await new Promise<void>(resolve => {
          state.release = resolve;
        });
        if (state.fail) throw new Error('down');
        return real.queryEntities(...args);
      },
    } as unknown as CatalogService;
    const r = new CatalogReader(catalog, mockServices.logger.mock(), {
      cacheMillis: 60_000,
      staleMillis: 300_000,
      clock: () => now.ms,
    });
    return { r, now, state };
  }

  const settle = () => new Promise(resolve => setImmediate(resolve));

  it('uses the Groups a snapshot remembered while they are fresh, without reading', async () => {
    const { r, state } = reader();
    r.rememberGroups(groupsOf(['platform', 'web']));
    expect(await r.platformTeams(credentials, [])).toEqual([
      'group:default/platform',
    ]);
    expect(state.reads).toBe(0);
  });

  it('serves stale Groups at once and reads them again once, in the background', async () => {
    const { r, now, state } = reader();
    r.rememberGroups(groupsOf(['platform']));
    now.ms += 61_000;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => r.knownGroups(credentials)),
    );
    expect(answers.every(groups => groups.has('group:default/platform'))).toBe(
      true,
    );
    await settle();
    expect(state.reads).toBe(1);
    state.release();
    await settle();
    await settle();
    // The Groups read replace the stale ones, fresh again: no more reads.
    const fresh = await r.knownGroups(credentials);
    expect(fresh.has('group:default/web-content')).toBe(true);
    expect(state.reads).toBe(1);
  });

  it('keeps the stale Groups when reading them again fails', async () => {
    const { r, now, state } = reader({ fail: true });
    r.rememberGroups(groupsOf(['platform']));
    now.ms += 61_000;
    await r.knownGroups(credentials);
    await settle();
    state.release();
    await settle();
    await settle();
    expect(
      (await r.knownGroups(credentials)).has('group:default/platform'),
    ).toBe(true);
  });

  it('waits for one shared read without Groups, or past the stale time', async () => {
    const { r, now, state } = reader();
    const first = Promise.all([
      r.knownGroups(credentials),
      r.knownGroups(credentials),
    ]);
    await settle();
    expect(state.reads).toBe(1);
    state.release();
    const [a, b] = await first;
    expect(a).toBe(b);
    expect(a.has('group:default/platform')).toBe(true);

    now.ms += 60_000 + 300_000;
    const late = r.knownGroups(credentials);
    await settle();
    expect(state.reads).toBe(2);
    state.release();
    expect((await late).has('group:default/platform')).toBe(true);
  });
});
