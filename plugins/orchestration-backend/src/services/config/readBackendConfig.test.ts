import { mockServices } from '@backstage/backend-test-utils';
import { readBackendConfig } from './readBackendConfig';

const read = (orchestration?: object) =>
  readBackendConfig(
    mockServices.rootConfig({ data: orchestration ? { orchestration } : {} }),
  );

describe('orchestration.catalog.timeout', () => {
  it('is 10 seconds by default', () => {
    expect(read().catalog.timeoutMs).toBe(10_000);
    expect(read({ catalog: {} }).catalog.timeoutMs).toBe(10_000);
  });

  it.each([
    [2500, 2500],
    ['2500', 2500],
    ['2s', 2000],
    ['1.5 seconds', 1500],
    ['250ms', 250],
    ['1m', 60_000],
    ['PT30S', 30_000],
    ['PT1M30S', 90_000],
    [{ seconds: 20 }, 20_000],
    [{ minutes: 1, milliseconds: 500 }, 60_500],
  ])('reads %p as %p ms', (timeout, millis) => {
    expect(read({ catalog: { timeout } }).catalog.timeoutMs).toBe(millis);
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
    [true],
    [['10s']],
    ['2h'],
  ])('refuses %p with a clear error', timeout => {
    expect(() => read({ catalog: { timeout } })).toThrow(
      /orchestration\.catalog\.timeout: expected a duration between 1 ms and 1 hour, such as 10s, PT10S, \{ seconds: 10 \} or 10000 \(milliseconds\); got/,
    );
  });
});
