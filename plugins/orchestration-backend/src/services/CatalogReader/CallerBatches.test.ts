import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CallerBatches, callerKey } from './CallerBatches';
import { CatalogReader } from './CatalogReader';

const entity = (ref: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: ref.split(':')[0],
  metadata: { name: ref.split('/')[1] },
});

/** A catalog read whose calls are recorded and answered when released. */
function heldReads(known = (ref: string) => !ref.includes('ghost')) {
  const calls: Array<{
    refs: string[];
    who: string;
    release: (error?: Error) => void;
  }> = [];
  const read = (refs: string[], credentials: BackstageCredentials) =>
    new Promise<Map<string, Entity>>((resolve, reject) => {
      calls.push({
        refs,
        who: String(
          (credentials.principal as any).userEntityRef ??
            (credentials.principal as any).subject,
        ),
        release: error =>
          error
            ? reject(error)
            : resolve(
                new Map(refs.filter(known).map(ref => [ref, entity(ref)])),
              ),
      });
    });
  return { calls, read };
}

/** The same credentials, from another token. */
function withToken(credentials: BackstageCredentials, token: string) {
  const copy = { ...credentials };
  Object.defineProperty(copy, 'token', { value: token, enumerable: false });
  return copy as BackstageCredentials;
}

const settle = () => new Promise(resolve => setImmediate(resolve));
const names = (found: Map<string, Entity>) => [...found.keys()];

describe('CallerBatches', () => {
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');

  it('makes one call per request for a caller alone', async () => {
    const { calls, read } = heldReads();
    const batches = new CallerBatches(read);
    for (const name of ['a', 'b', 'c']) {
      const got = batches.get([`component:default/${name}`], alice);
      await settle();
      calls[calls.length - 1].release();
      expect(names(await got)).toEqual([`component:default/${name}`]);
    }
    expect(calls.map(c => c.refs)).toEqual([
      ['component:default/a'],
      ['component:default/b'],
      ['component:default/c'],
    ]);
    await settle();
    expect(batches.size).toBe(0);
  });

  it('shares one call between the requests of a caller waiting together, each getting its own', async () => {
    const { calls, read } = heldReads();
    const batches = new CallerBatches(read);
    const a = batches.get(['component:default/a', 'group:default/team'], alice);
    const b = batches.get(['component:default/b', 'group:default/team'], alice);
    const ghost = batches.get(['component:default/ghost'], alice);
    await settle();
    expect(calls.map(c => c.refs)).toEqual([
      [
        'component:default/a',
        'group:default/team',
        'component:default/b',
        'component:default/ghost',
      ],
    ]);
    calls[0].release();
    expect(names(await a)).toEqual([
      'component:default/a',
      'group:default/team',
    ]);
    expect(names(await b)).toEqual([
      'component:default/b',
      'group:default/team',
    ]);
    expect(names(await ghost)).toEqual([]);
  });

  it('queues requests while the calls allowed are under way, and sends them together when one answers', async () => {
    const { calls, read } = heldReads();
    const batches = new CallerBatches(read, { maxInFlight: 1 });
    const first = batches.get(['component:default/a'], alice);
    await settle();
    const later = ['b', 'c', 'd'].map(name =>
      batches.get([`component:default/${name}`], alice),
    );
    await settle();
    expect(calls).toHaveLength(1);
    calls[0].release();
    await first;
    await settle();
    expect(calls.map(c => c.refs)).toEqual([
      ['component:default/a'],
      ['component:default/b', 'component:default/c', 'component:default/d'],
    ]);
    calls[1].release();
    expect((await Promise.all(later)).map(names)).toEqual([
      ['component:default/b'],
      ['component:default/c'],
      ['component:default/d'],
    ]);
  });

  it('never shares a call between callers', async () => {
    const { calls, read } = heldReads();
    const batches = new CallerBatches(read);
    const got = [
      batches.get(['component:default/a'], alice),
      batches.get(['component:default/b'], bob),
      batches.get(['component:default/c'], alice),
      // Another token of the same user is another caller.
      batches.get(['component:default/d'], withToken(alice, 'another-token')),
    ];
    await settle();
    expect(calls.map(c => [c.who, c.refs])).toEqual(
      expect.arrayContaining([
        ['user:default/alice', ['component:default/a', 'component:default/c']],
        ['user:default/bob', ['component:default/b']],
      ]),
    );
    for (const call of calls) call.release();
    expect((await Promise.all(got)).map(names)).toEqual([
      ['component:default/a'],
      ['component:default/b'],
      ['component:default/c'],
      ['component:default/d'],
    ]);
  });

  it('keeps calls within the most refs allowed', async () => {
    const { calls, read } = heldReads();
    const batches = new CallerBatches(read, { maxRefs: 3, maxInFlight: 2 });
    const got = ['a', 'b', 'c', 'd', 'e'].map(name =>
      batches.get([`component:default/${name}`, 'group:default/t'], alice),
    );
    await settle();
    expect(calls.map(c => c.refs.length)).toEqual([3, 3]);
    calls[0].release();
    calls[1].release();
    await settle();
    expect(calls.map(c => c.refs.length)).toEqual([3, 3, 2]);
    calls[2].release();
    expect((await Promise.all(got)).map(f => f.size)).toEqual([2, 2, 2, 2, 2]);
  });

  it('fails every request of a failed call, and the next call works', async () => {
    const { calls, read } = heldReads();
    const batches = new CallerBatches(read);
    const a = batches.get(['component:default/a'], alice);
    const b = batches.get(['component:default/b'], alice);
    await settle();
    calls[0].release(new Error('down'));
    await expect(a).rejects.toThrow('down');
    await expect(b).rejects.toThrow('down');
    const c = batches.get(['component:default/c'], alice);
    await settle();
    calls[1].release();
    expect(names(await c)).toEqual(['component:default/c']);
  });

  it('tells callers apart as the catalog sees them', () => {
    expect(callerKey(alice)).toMatch(/^user:user:default\/alice:/);
    expect(callerKey(alice)).toBe(
      callerKey(mockCredentials.user('user:default/alice')),
    );
    expect(callerKey(alice)).not.toBe(callerKey(bob));
    expect(callerKey(alice)).not.toBe(
      callerKey(withToken(alice, 'another-token')),
    );
    expect(callerKey(mockCredentials.service('plugin:x'))).toBe(
      'service:plugin:x',
    );
    expect(
      callerKey(
        mockCredentials.service('external:x', {
          catalog: { permissionNames: ['catalog.entity.read'] },
        } as any),
      ),
    ).toBeUndefined();
    expect(callerKey(mockCredentials.none())).toBeUndefined();
  });
});

describe('CatalogReader.getEntitiesShared', () => {
  it('fails with a 503 once the timeout has passed, waiting included', async () => {
    const catalog = {
      getEntitiesByRefs: () => new Promise(() => {}),
    } as unknown as CatalogService;
    const reader = new CatalogReader(catalog, mockServices.logger.mock(), {
      timeoutMs: 100,
    });
    const credentials = mockCredentials.user('user:default/alice');
    const started = Date.now();
    const results = await Promise.allSettled(
      ['a', 'b', 'c', 'd'].map(name =>
        reader.getEntitiesShared([`component:default/${name}`], credentials),
      ),
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    for (const result of results) {
      expect(result).toMatchObject({
        status: 'rejected',
        reason: { name: 'ServiceUnavailableError' },
      });
    }
  });
});
