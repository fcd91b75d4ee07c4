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

describe('orchestration.clusterFacts.retention', () => {
  const DAY = 86_400_000;

  it('keeps 100 reports per cluster and fact for 90 days by default', () => {
    expect(read().clusterFacts.retention).toEqual({
      maxReportsPerFact: 100,
      maxAgeMs: 90 * DAY,
    });
  });

  it.each([
    [{ maxReportsPerFact: 5 }, { maxReportsPerFact: 5, maxAgeMs: 90 * DAY }],
    [{ maxAge: '30d' }, { maxReportsPerFact: 100, maxAgeMs: 30 * DAY }],
    [{ maxAge: { days: 7 } }, { maxReportsPerFact: 100, maxAgeMs: 7 * DAY }],
    [
      { maxReportsPerFact: 1, maxAge: 'PT1H' },
      { maxReportsPerFact: 1, maxAgeMs: 3_600_000 },
    ],
  ])('reads %j', (retention, expected) => {
    expect(
      read({ clusterFacts: { retention } }).clusterFacts.retention,
    ).toEqual(expected);
  });

  it('leaves freshness to the engine options', () => {
    const settings = read({
      clusterFacts: {
        retention: { maxReportsPerFact: 3 },
        freshness: { 'etcd-last-backup': '2h' },
      },
    });
    expect(settings.clusterFacts.retention.maxReportsPerFact).toBe(3);
    expect(
      settings.options.clusterFacts.freshnessMinutes['etcd-last-backup'],
    ).toBe(120);
  });

  it.each([
    [
      { maxReportsPerFact: 0 },
      'orchestration.clusterFacts.retention.maxReportsPerFact: expected a whole number between 1 and 10000',
    ],
    [
      { maxReportsPerFact: 20_000 },
      'orchestration.clusterFacts.retention.maxReportsPerFact: expected a whole number between 1 and 10000',
    ],
    [
      { maxAge: 'forever' },
      'orchestration.clusterFacts.retention.maxAge: expected a duration between 1 hour and 3660 days, such as 90d, P30D or { days: 90 }; got "forever"',
    ],
    [
      { maxAge: '5m' },
      'orchestration.clusterFacts.retention.maxAge: expected a duration between 1 hour and 3660 days, such as 90d, P30D or { days: 90 }; got "5m"',
    ],
    [
      { maxReports: 5 },
      'orchestration.clusterFacts.retention: unknown key maxReports; the keys are maxReportsPerFact and maxAge',
    ],
    [
      'weekly',
      'orchestration.clusterFacts.retention: expected an object with maxReportsPerFact and/or maxAge',
    ],
  ])('refuses %j', (retention, message) => {
    expect(() => read({ clusterFacts: { retention } })).toThrow(message);
  });
});

describe('orchestration.snapshot.lease', () => {
  it('renews every 10 s, is stale after a minute and lasts at most an hour by default', () => {
    expect(read().snapshot.lease).toEqual({
      heartbeatMs: 10_000,
      staleAfterMs: 60_000,
      maxRunMs: 3_600_000,
    });
  });

  it.each([
    [{ heartbeat: '5s' }, { heartbeatMs: 5000 }],
    [{ staleAfter: { minutes: 2 } }, { staleAfterMs: 120_000 }],
    [{ maxRun: 'PT2H' }, { maxRunMs: 7_200_000 }],
    [
      { heartbeat: 2000, staleAfter: '4s', maxRun: '30m' },
      { heartbeatMs: 2000, staleAfterMs: 4000, maxRunMs: 1_800_000 },
    ],
  ])('reads %j', (lease, expected) => {
    expect(read({ snapshot: { lease } }).snapshot.lease).toEqual({
      heartbeatMs: 10_000,
      staleAfterMs: 60_000,
      maxRunMs: 3_600_000,
      ...expected,
    });
  });

  it.each([
    [
      { heartbeat: 'often' },
      'orchestration.snapshot.lease.heartbeat: expected a duration between 1 second and 10 minutes, such as 10s, PT10S or { seconds: 10 }; got "often"',
    ],
    [
      { heartbeat: '500ms' },
      'orchestration.snapshot.lease.heartbeat: expected a duration between 1 second and 10 minutes, such as 10s, PT10S or { seconds: 10 }; got "500ms"',
    ],
    [
      { staleAfter: '1d' },
      'orchestration.snapshot.lease.staleAfter: expected a duration between 2 seconds and 1 hour, such as 1m, PT60S or { minutes: 1 }; got "1d"',
    ],
    [
      { maxRun: 0 },
      'orchestration.snapshot.lease.maxRun: expected a duration between 1 minute and 1 day, such as 1h, PT1H or { hours: 1 }; got 0',
    ],
    [
      { heartbeat: '40s' },
      'orchestration.snapshot.lease.staleAfter (1 minute) must be at least twice heartbeat (40 seconds), so that a renewal late once does not lose the lease: raise staleAfter or lower heartbeat',
    ],
    [
      { staleAfter: '10m', maxRun: '5m' },
      'orchestration.snapshot.lease.maxRun (5 minutes) must be longer than staleAfter (10 minutes): raise maxRun or lower staleAfter',
    ],
    [
      { renew: '5s' },
      'orchestration.snapshot.lease: unknown key renew; the keys are heartbeat, staleAfter and maxRun',
    ],
    [
      '10s',
      'orchestration.snapshot.lease: expected an object with heartbeat, staleAfter and/or maxRun',
    ],
  ])('refuses %j with a clear error', (lease, message) => {
    expect(() => read({ snapshot: { lease } })).toThrow(message);
  });
});
