import { mockServices } from '@backstage/backend-test-utils';
import {
  CatalogTimeoutError,
  readCatalogTimeoutMs,
  withCatalogTimeout,
} from './catalogTimeout';

describe('readCatalogTimeoutMs', () => {
  const read = (timeout?: unknown) =>
    readCatalogTimeoutMs(
      mockServices.rootConfig({
        data:
          timeout === undefined
            ? {}
            : { orchestration: { catalog: { timeout } } },
      } as any),
    );

  it.each([
    [undefined, 10_000],
    [2500, 2500],
    ['2500', 2500],
    ['2s', 2000],
    ['1500ms', 1500],
    ['1.5 seconds', 1500],
    ['1m', 60_000],
    ['2 minutes', 120_000],
    ['PT30S', 30_000],
    ['PT1M30S', 90_000],
    [{ seconds: 20 }, 20_000],
    [{ minutes: 1, milliseconds: 500 }, 60_500],
    ['1h', 3_600_000],
  ])('reads %p as %p ms', (timeout, millis) => {
    expect(read(timeout)).toBe(millis);
  });

  it.each([
    [0],
    [-5],
    ['soon'],
    ['10 parsecs'],
    ['P'],
    [{ secs: 10 }],
    [{}],
    [{ seconds: -1 }],
    ['2h'],
    [true],
    [[10]],
    [['10s']],
  ])('refuses %p naming the key', timeout => {
    expect(() => read(timeout)).toThrow(
      /^orchestration\.catalog\.timeout: expected a duration between 1 ms and 1 hour, such as 10s, PT10S, \{ seconds: 10 \} or 10000 \(milliseconds\); got /,
    );
  });
});

describe('withCatalogTimeout', () => {
  it('settles with the work when it answers in time', async () => {
    await expect(withCatalogTimeout(Promise.resolve(42), 100)).resolves.toBe(
      42,
    );
  });

  it('fails with a 503 naming the timeout when the work never answers', async () => {
    const failure = withCatalogTimeout(new Promise(() => {}), 50);
    await expect(failure).rejects.toBeInstanceOf(CatalogTimeoutError);
    await expect(failure).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: 'The catalog did not answer within 0.05 s',
      timeoutMs: 50,
    });
  });
});
