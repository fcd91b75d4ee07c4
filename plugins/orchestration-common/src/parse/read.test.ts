import { parseComponentAnnotations } from './component';
import { parseClusterAnnotations } from './cluster';

const SCHEDULING = [
  'gpu',
  'node-affinity',
  'pod-anti-affinity',
  'taints',
  'priority-preemption',
  'topology-spread',
  'daemonset',
];
const NO_FACTS = { scheduling: [], ecosystem: [], awsIntegrations: [] };

function problemsFor(key: string, raw: unknown) {
  return parseComponentAnnotations({
    'orchestration.io/workload-type': 'api',
    [key]: raw,
  });
}

describe('values that YAML did not read as text', () => {
  it.each([
    [
      'orchestration.io/replicas',
      3,
      {
        value: '3',
        message:
          'orchestration.io/replicas is the number 3, not text: YAML reads an unquoted 3 as a number; quote it: "3"',
      },
    ],
    [
      'orchestration.io/resources',
      2,
      {
        value: '2',
        message:
          'orchestration.io/resources is the number 2, not text: YAML reads an unquoted 2 as a number; quote it: "2"',
      },
    ],
    [
      'orchestration.io/current-platform',
      false,
      {
        value: 'false',
        message:
          'orchestration.io/current-platform is the boolean false, not text: YAML reads an unquoted false as a boolean; quote it: "false"',
      },
    ],
    [
      'orchestration.io/scheduling',
      ['gpu', 'taints'],
      {
        message:
          'orchestration.io/scheduling is a list, not text: annotation values are strings; write the items in one quoted string, e.g. "gpu, taints"',
      },
    ],
    [
      'orchestration.io/portability',
      { region: 'eu' },
      {
        message:
          'orchestration.io/portability is a map, not text: annotation values are strings; write the value in quotes',
      },
    ],
    [
      'orchestration.io/cluster',
      new Date('2026-11-28T00:00:00Z'),
      {
        value: '2026-11-28',
        message:
          'orchestration.io/cluster is a date, not text: YAML reads an unquoted 2026-11-28 as a date; quote it: "2026-11-28"',
      },
    ],
  ])('reads nothing from %s written as %j', (key, raw, problem) => {
    expect(problemsFor(key, raw)).toEqual({
      facts: { ...NO_FACTS, workloadType: 'api' },
      problems: [{ severity: 'error', code: 'invalid-value', key, ...problem }],
    });
  });

  it('echoes a number in an unknown key without reading it', () => {
    expect(
      parseComponentAnnotations({
        'orchestration.io/workload-type': 'api',
        'orchestration.io/replica': 3,
      }).problems,
    ).toEqual([
      expect.objectContaining({
        code: 'unknown-key',
        value: '3',
        suggestion: 'orchestration.io/replicas',
      }),
    ]);
  });
});

describe('bounded work and output', () => {
  const junk = Array.from({ length: 500 }, (_, i) => `x${i}`).join(',');

  it.each([
    [
      'a value over the limit',
      'orchestration.io/workload-type',
      'a'.repeat(5000),
      [
        {
          severity: 'error',
          code: 'invalid-value',
          key: 'orchestration.io/workload-type',
          value: `${'a'.repeat(120)}… (5000 characters)`,
          message:
            'orchestration.io/workload-type is 5000 characters long; the limit is 4096 characters, so it is not read; shorten it',
        },
      ],
    ],
    [
      '500 unknown list items',
      'orchestration.io/scheduling',
      junk,
      [
        {
          severity: 'error',
          code: 'unknown-value',
          key: 'orchestration.io/scheduling',
          value: `${junk.slice(0, 120)}… (${junk.length} characters)`,
          message: `orchestration.io/scheduling has 500 values that are not valid: "x0", "x1", "x2", "x3", "x4" and 495 more; write only: ${SCHEDULING.join(
            ', ',
          )}`,
          allowed: SCHEDULING,
        },
      ],
    ],
    [
      'several misspelt list items',
      'orchestration.io/scheduling',
      'gpuu, taint, quantum, gpu',
      [
        {
          severity: 'error',
          code: 'unknown-value',
          key: 'orchestration.io/scheduling',
          value: 'gpuu, taint, quantum, gpu',
          message: `orchestration.io/scheduling has 3 values that are not valid: "gpuu" (did you mean "gpu"?), "taint" (did you mean "taints"?) and "quantum"; write only: ${SCHEDULING.join(
            ', ',
          )}`,
          allowed: SCHEDULING,
        },
      ],
    ],
    [
      'long list items',
      'orchestration.io/scheduling',
      `${'x'.repeat(300)},${'y'.repeat(300)}`,
      [
        {
          severity: 'error',
          code: 'unknown-value',
          key: 'orchestration.io/scheduling',
          value: `${'x'.repeat(120)}… (601 characters)`,
          message: `orchestration.io/scheduling has 2 values that are not valid: "${'x'.repeat(
            40,
          )}…" and "${'y'.repeat(40)}…"; write only: ${SCHEDULING.join(', ')}`,
          allowed: SCHEDULING,
        },
      ],
    ],
    [
      'repeated list items',
      'orchestration.io/scheduling',
      'gpu,taints,gpu,taints,gpu',
      [
        {
          severity: 'info',
          code: 'duplicate-value',
          key: 'orchestration.io/scheduling',
          value: 'gpu,taints,gpu,taints,gpu',
          message:
            '"gpu" and "taints" are listed more than once in orchestration.io/scheduling; list each once',
        },
      ],
    ],
    [
      'a long unknown value',
      'orchestration.io/portability',
      'z'.repeat(200),
      [
        {
          severity: 'error',
          code: 'unknown-value',
          key: 'orchestration.io/portability',
          value: `${'z'.repeat(120)}… (200 characters)`,
          message: `"${'z'.repeat(
            40,
          )}…" is not a valid value for orchestration.io/portability; write one of: aws-only, multi-cloud, hybrid`,
          allowed: ['aws-only', 'multi-cloud', 'hybrid'],
        },
      ],
    ],
    [
      'a long resources value',
      'orchestration.io/resources',
      `cpu=${'9'.repeat(1000)}x`,
      [
        {
          severity: 'error',
          code: 'invalid-value',
          key: 'orchestration.io/resources',
          value: `cpu=${'9'.repeat(116)}… (1005 characters)`,
          message: `orchestration.io/resources cannot be read, so the task size is unknown: cpu=${'9'.repeat(
            40,
          )}… is 1001 characters long, too long to be meant; check the value`,
        },
      ],
    ],
  ])('reports %s in one short problem', (_name, key, value, expected) => {
    expect(problemsFor(key, value).problems).toEqual(expected);
  });

  it.each([
    ['a list', 'orchestration.io/scheduling'],
    ['a single value', 'orchestration.io/workload-type'],
    ['the resources', 'orchestration.io/resources'],
    ['a cluster reference', 'orchestration.io/cluster'],
  ])('reads %s of 1 MB in well under 100 ms', (_name, key) => {
    const huge = `${'gpu,'.repeat(262144)}`;
    const start = performance.now();
    const result = parseComponentAnnotations({ [key]: huge });
    const elapsed = performance.now() - start;
    expect(elapsed).toBeLessThan(100);
    expect(JSON.stringify(result).length).toBeLessThan(2000);
  });

  it('reads a cluster version of 1 MB in well under 100 ms', () => {
    const start = performance.now();
    const result = parseClusterAnnotations({
      'orchestration.io/kubernetes-version': `1.${'2'.repeat(1 << 20)}`,
    });
    expect(performance.now() - start).toBeLessThan(100);
    expect(result.facts).toEqual({});
    expect(JSON.stringify(result).length).toBeLessThan(1000);
  });
});
