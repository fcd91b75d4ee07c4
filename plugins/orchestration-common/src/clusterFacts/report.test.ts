import fc from 'fast-check';
import { parseClusterAnnotations } from '../parse/cluster';
import { REPORTABLE_CLUSTER_FACT_KEYS } from './keys';
import {
  clusterFactsReportPath,
  parseClusterFactsReport,
  toClusterFactKey,
} from './report';

// The time the reports arrive in these tests.
const now = new Date('2026-11-28T12:00:00Z');
const OBSERVED = '2026-11-28T11:00:00Z';
const JSON_OBJECT =
  'body: must be a JSON object with source, observedAt and facts, e.g. { "source": "etcd-backup", "observedAt": "2026-11-28T10:15:00Z", "facts": { "etcd-last-backup": "2026-11-28T10:15:00Z" } }';

describe('parseClusterFactsReport', () => {
  it('normalises a valid report: full keys, trimmed values, observedAt in UTC', () => {
    expect(
      parseClusterFactsReport(
        {
          source: ' cluster-facts-collector ',
          observedAt: '2026-11-28T11:00:00+01:00',
          facts: {
            'kubernetes-version': ' 1.31.4 ',
            'Orchestration.io/Pod-IP-Capacity': '100/4096',
            'etcd-last-backup': '2026-11-28T09:45:00Z',
          },
        },
        { now },
      ),
    ).toEqual({
      ok: true,
      report: {
        source: 'cluster-facts-collector',
        observedAt: '2026-11-28T10:00:00.000Z',
        facts: {
          'orchestration.io/kubernetes-version': '1.31.4',
          'orchestration.io/pod-ip-capacity': '100/4096',
          'orchestration.io/etcd-last-backup': '2026-11-28T09:45:00Z',
        },
      },
    });
  });

  it('accepts an observation a few minutes ahead of the clock (skew)', () => {
    const result = parseClusterFactsReport(
      {
        source: 'etcd-backup',
        observedAt: '2026-11-28T12:04:00Z',
        facts: { 'etcd-last-backup': '2026-11-28T12:04:00Z' },
      },
      { now },
    );
    expect(result.ok).toBe(true);
  });

  it.each<[string, unknown, string[]]>([
    ['null', null, [JSON_OBJECT]],
    ['a list', [], [JSON_OBJECT]],
    [
      'an empty object',
      {},
      [
        'source: source is required: the name of what observed the facts, e.g. cluster-facts-collector',
        'observedAt: observedAt is required: when the facts were observed, as an ISO-8601 timestamp with a time zone, e.g. 2026-11-28T10:15:00Z',
        'facts: facts is required: a map of cluster annotation keys to values, e.g. { "kubernetes-version": "1.31.4" }',
      ],
    ],
    [
      'an unknown field',
      {
        source: 'x',
        observedAt: OBSERVED,
        facts: { cni: 'calico' },
        extra: 1,
      },
      ['body: unknown key extra'],
    ],
    [
      'an empty source, a date without a time, no facts',
      { source: ' ', observedAt: '2026-11-28', facts: {} },
      [
        'source: source must not be empty; name what observed the facts',
        'observedAt: observedAt must be an ISO-8601 timestamp with a time zone, e.g. 2026-11-28T10:15:00Z',
        'facts: names no fact; report at least one, e.g. "kubernetes-version": "1.31.4"',
      ],
    ],
    [
      'a source with spaces, a time without a zone',
      {
        source: 'my collector',
        observedAt: '2026-11-28T11:00:00',
        facts: { cni: 'calico' },
      },
      [
        'source: source must start with a letter or digit and hold only letters, digits and . _ - : / @, e.g. etcd-backup',
        'observedAt: observedAt must be an ISO-8601 timestamp with a time zone, e.g. 2026-11-28T10:15:00Z',
      ],
    ],
    [
      'a long source, an observation in the future',
      {
        source: 'x'.repeat(101),
        observedAt: '2026-11-28T12:10:00Z',
        facts: { cni: 'calico' },
      },
      [
        'source: source must be at most 100 characters',
        "observedAt: observedAt is 10 minutes after the time the report arrived (2026-11-28T12:00:00.000Z); facts cannot be observed in the future, so check the reporter's clock",
      ],
    ],
    [
      'too many facts, refused before any is read',
      {
        source: 'x',
        observedAt: OBSERVED,
        facts: Object.fromEntries(
          Array.from({ length: 13 }, (_, i) => [`k${i}`, 'v']),
        ),
      },
      [
        'facts: has 13 entries; a report names at most 12 facts, one per cluster annotation key',
      ],
    ],
    [
      'the control plane, another prefix, a key given twice',
      {
        source: 'x',
        observedAt: OBSERVED,
        facts: {
          'control-plane': 'eks',
          'example.com/version': '1',
          'kubernetes-version': '1.31',
          'orchestration.io/kubernetes-version': '1.31',
        },
      },
      [
        'facts.control-plane: orchestration.io/control-plane is declared in catalog-info.yaml and cannot be reported: it decides which obligations apply',
        'facts.example.com/version: not a cluster annotation key; write a name such as kubernetes-version or orchestration.io/kubernetes-version',
        'facts.orchestration.io/kubernetes-version: orchestration.io/kubernetes-version is given twice (as kubernetes-version and orchestration.io/kubernetes-version); give it once',
      ],
    ],
    [
      'the annotation parser’s errors: a misspelt key, a Component key, a number, a bad value, an empty one',
      {
        source: 'x',
        observedAt: OBSERVED,
        facts: {
          'kubernetes-verion': '1.31',
          'workload-type': 'api',
          'etcd-members': 3,
          'pod-ip-capacity': '5000/4096',
          'cert-expiry': '',
        },
      },
      [
        'facts.kubernetes-verion: unknown annotation orchestration.io/kubernetes-verion; did you mean orchestration.io/kubernetes-version?',
        'facts.workload-type: orchestration.io/workload-type is read only on a Component; move it there or remove it',
        'facts.etcd-members: orchestration.io/etcd-members is the number 3, not text: YAML reads an unquoted 3 as a number; quote it: "3"',
        'facts.cert-expiry: orchestration.io/cert-expiry is empty; give it a value or remove it',
        'facts.pod-ip-capacity: orchestration.io/pod-ip-capacity: "5000/4096" uses more than the total (5000 > 4096); write <used>/<total> with used <= total',
      ],
    ],
    [
      'kubelets newer than the API server, as in catalog-info.yaml',
      {
        source: 'x',
        observedAt: OBSERVED,
        facts: { 'kubernetes-version': '1.29', 'oldest-node-version': '1.31' },
      },
      [
        'facts.oldest-node-version: orchestration.io/oldest-node-version 1.31 is newer than the API server 1.29; kubelets may never be newer than the API server, so check both values',
      ],
    ],
  ])('refuses %s', (_name, body, errors) => {
    expect(parseClusterFactsReport(body, { now })).toEqual({
      ok: false,
      errors,
    });
  });

  it('bounds what a huge key or value echoes', () => {
    const result = parseClusterFactsReport(
      {
        source: 'x',
        observedAt: OBSERVED,
        facts: { ['k'.repeat(10_000)]: 'v'.repeat(1_000_000) },
      },
      { now },
    );
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result).length).toBeLessThan(1_000);
  });

  // The contract: a value passes in a report exactly when it passes as an
  // annotation, and fails with the annotation's message.
  it('accepts a value exactly when the cluster annotation parser does', () => {
    const values = fc.oneof(
      fc.constantFrom(
        '1.31',
        'v1.30.2',
        '1.3x',
        '3',
        '0',
        '15m',
        '2h',
        'often',
        '2026-11-28',
        '2026-11-28T10:00:00Z',
        '2026-02-30',
        'kops',
        'automated',
        'calico',
        '3800/4096',
        '10/0',
        'apiserver-latency,etcd-disk',
        'etcd',
        ' ',
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...REPORTABLE_CLUSTER_FACT_KEYS),
        values,
        (key, value) => {
          const annotation = parseClusterAnnotations({ [key]: value });
          const report = parseClusterFactsReport(
            { source: 'p', observedAt: OBSERVED, facts: { [key]: value } },
            { now },
          );
          const errors = annotation.problems.filter(
            p => p.severity === 'error',
          );
          const expected =
            errors.length === 0
              ? {
                  ok: true,
                  report: {
                    source: 'p',
                    observedAt: '2026-11-28T11:00:00.000Z',
                    facts: { [key]: value.trim() },
                  },
                }
              : {
                  ok: false,
                  errors: errors.map(p => `facts.${key}: ${p.message}`),
                };
          expect(report).toEqual(expected);
        },
      ),
    );
  });
});

describe('toClusterFactKey', () => {
  it.each([
    ['kubernetes-version', 'orchestration.io/kubernetes-version'],
    [' Cert-Expiry ', 'orchestration.io/cert-expiry'],
    ['orchestration.io/cni', 'orchestration.io/cni'],
    ['example.com/cni', undefined],
  ])('%j is %j', (name, key) => {
    expect(toClusterFactKey(name)).toBe(key);
  });
});

describe('clusterFactsReportPath', () => {
  it('encodes the namespace and name', () => {
    expect(clusterFactsReportPath({ namespace: 'default', name: 'prod' })).toBe(
      '/v1/clusters/default/prod/facts',
    );
    expect(clusterFactsReportPath({ namespace: 'a b', name: 'x/y' })).toBe(
      '/v1/clusters/a%20b/x%2Fy/facts',
    );
  });
});
