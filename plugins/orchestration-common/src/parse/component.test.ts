import { DEFAULT_KNOWLEDGE_BASE } from '../knowledge/data';
import {
  DEFAULT_FARGATE_TASK_LIMITS,
  FargateTaskLimits,
  parseComponentAnnotations,
} from './component';

const WORKLOAD_TYPES = ['web-service', 'api', 'batch', 'worker', 'stateful'];
const SCHEDULING = [
  'gpu',
  'node-affinity',
  'pod-anti-affinity',
  'taints',
  'priority-preemption',
  'topology-spread',
  'daemonset',
];
const COMPONENT_KEYS = [
  'orchestration.io/workload-type',
  'orchestration.io/portability',
  'orchestration.io/scheduling',
  'orchestration.io/ecosystem',
  'orchestration.io/aws-integrations',
  'orchestration.io/resources',
  'orchestration.io/replicas',
  'orchestration.io/current-platform',
  'orchestration.io/cluster',
];
const RESOURCE_KEYS = [
  'cpu',
  'memory',
  'gpu',
  'storage',
  'volume',
  'privileged',
];
const NO_FACTS = { scheduling: [], ecosystem: [], awsIntegrations: [] };
/** Limits fixed here so the tests do not move with the knowledge base. */
const LIMITS: FargateTaskLimits = {
  maxVcpu: 16,
  maxMemoryGi: 120,
  maxEphemeralStorageGi: 200,
};

describe('parseComponentAnnotations', () => {
  it('normalises case, trims list items and keeps each item once', () => {
    expect(
      parseComponentAnnotations({
        'orchestration.io/workload-type': ' Web-Service ',
        'orchestration.io/portability': 'AWS-ONLY',
        'orchestration.io/scheduling': ' gpu ,Node-Affinity,, gpu',
        'orchestration.io/aws-integrations': 'alb',
        'orchestration.io/resources': 'cpu=2,memory=4Gi',
        'orchestration.io/replicas': '3',
        'orchestration.io/current-platform': 'EKS',
        'orchestration.io/cluster': 'prod-eks',
        'backstage.io/techdocs-ref': 'dir:.',
      }),
    ).toEqual({
      facts: {
        workloadType: 'web-service',
        portability: 'aws-only',
        scheduling: ['gpu', 'node-affinity'],
        ecosystem: [],
        awsIntegrations: ['alb'],
        resources: { cpu: 2, memoryGi: 4 },
        resourcesText: 'cpu=2,memory=4Gi',
        replicas: 3,
        currentPlatform: 'eks',
        cluster: 'resource:default/prod-eks',
      },
      problems: [
        {
          severity: 'info',
          code: 'duplicate-value',
          key: 'orchestration.io/scheduling',
          value: ' gpu ,Node-Affinity,, gpu',
          message:
            '"gpu" is listed more than once in orchestration.io/scheduling; list it once',
        },
      ],
    });
  });

  it.each([
    [
      'a misspelt key',
      { 'orchestration.io/workload-typ': 'api' },
      [
        {
          severity: 'error',
          code: 'unknown-key',
          key: 'orchestration.io/workload-typ',
          value: 'api',
          message:
            'unknown annotation orchestration.io/workload-typ; did you mean orchestration.io/workload-type?',
          allowed: COMPONENT_KEYS,
          suggestion: 'orchestration.io/workload-type',
        },
        {
          severity: 'warning',
          code: 'missing-key',
          key: 'orchestration.io/workload-type',
          message:
            'orchestration.io/workload-type is missing, so no platform can be recommended; add one of: web-service, api, batch, worker, stateful',
          allowed: WORKLOAD_TYPES,
        },
      ],
    ],
    [
      'a misspelt value',
      { 'orchestration.io/workload-type': 'web-servce' },
      [
        {
          severity: 'error',
          code: 'unknown-value',
          key: 'orchestration.io/workload-type',
          value: 'web-servce',
          message:
            '"web-servce" is not a valid value for orchestration.io/workload-type; did you mean "web-service"? Allowed: web-service, api, batch, worker, stateful',
          allowed: WORKLOAD_TYPES,
          suggestion: 'web-service',
        },
      ],
    ],
    [
      'an unknown list item with no close match',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/scheduling': 'taints, quantum',
      },
      [
        {
          severity: 'error',
          code: 'unknown-value',
          key: 'orchestration.io/scheduling',
          value: 'taints, quantum',
          message: `"quantum" is not a valid value for orchestration.io/scheduling; write one of: ${SCHEDULING.join(
            ', ',
          )}`,
          allowed: SCHEDULING,
        },
      ],
    ],
    [
      'an empty value',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': '  ',
      },
      [
        {
          severity: 'error',
          code: 'empty-value',
          key: 'orchestration.io/portability',
          value: '  ',
          message:
            'orchestration.io/portability is empty; give it a value or remove it',
        },
      ],
    ],
    [
      'a cluster annotation on a Component',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/etcd-members': '3',
      },
      [
        {
          severity: 'warning',
          code: 'misplaced-key',
          key: 'orchestration.io/etcd-members',
          value: '3',
          message:
            'orchestration.io/etcd-members is read only on a Resource with spec.type kubernetes-cluster; move it there or remove it',
        },
      ],
    ],
    [
      'a misspelt resource key',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/resources': 'cpu=1,memroy=2Gi',
      },
      [
        {
          severity: 'error',
          code: 'unknown-value',
          key: 'orchestration.io/resources',
          value: 'cpu=1,memroy=2Gi',
          message:
            'orchestration.io/resources cannot be read, so the task size is unknown: "memroy" is not a resource key; did you mean "memory"?',
          allowed: RESOURCE_KEYS,
          suggestion: 'memory',
        },
      ],
    ],
    [
      'a cluster reference to another kind',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/cluster': 'group:default/platform',
      },
      [
        {
          severity: 'error',
          code: 'invalid-value',
          key: 'orchestration.io/cluster',
          value: 'group:default/platform',
          message:
            'orchestration.io/cluster: "group:default/platform" refers to a group; a cluster is a Resource, write e.g. resource:default/prod-cluster',
        },
      ],
    ],
  ])('reports %s', (_name, annotations, expected) => {
    expect(parseComponentAnnotations(annotations).problems).toEqual(expected);
  });

  describe('orchestration.io/resources', () => {
    const parse = (text: string) =>
      parseComponentAnnotations({
        'orchestration.io/workload-type': 'api',
        'orchestration.io/resources': text,
      });

    it.each([
      [
        'vCPUs and binary memory',
        'cpu=0.5,memory=512Mi',
        { cpu: 0.5, memoryGi: 0.5 },
      ],
      ['millicores', 'cpu=250m,memory=1Gi', { cpu: 0.25, memoryGi: 1 }],
      [
        'decimal memory, converted exactly',
        'cpu=2,memory=1G',
        { cpu: 2, memoryGi: 1e9 / 2 ** 30 },
      ],
      [
        'a persistent volume beside ephemeral storage',
        'storage=20Gi,volume=500Gi',
        { storageGi: 20, volumeGi: 500 },
      ],
      [
        'terabytes, binary and decimal',
        'volume=1Ti,storage=1T',
        { volumeGi: 1024, storageGi: 1e12 / 2 ** 30 },
      ],
    ])('reads %s', (_name, text, resources) => {
      expect(parse(text)).toEqual({
        facts: {
          ...NO_FACTS,
          workloadType: 'api',
          resources,
          resourcesText: text,
        },
        problems: [],
      });
    });

    it.each([
      [
        'GB',
        'cpu=8,memory=200GB',
        { cpu: 8, memoryGi: 200e9 / 2 ** 30 },
        'orchestration.io/resources: memory=200GB is read as 200G (decimal); write memory=200G, or memory=186Gi in binary units',
        'memory=200G',
      ],
      [
        'lower-case mb',
        'memory=100mb',
        { memoryGi: 100e6 / 2 ** 30 },
        'orchestration.io/resources: memory=100mb is read as 100M (decimal); write memory=100M, or memory=95.37Mi in binary units',
        'memory=100M',
      ],
      [
        'TB on a volume',
        'volume=2TB',
        { volumeGi: 2e12 / 2 ** 30 },
        'orchestration.io/resources: volume=2TB is read as 2T (decimal); write volume=2T, or volume=1.82Ti in binary units',
        'volume=2T',
      ],
      [
        'GiB',
        'memory=8GiB',
        { memoryGi: 8 },
        'orchestration.io/resources: memory=8GiB is read as 8Gi; write memory=8Gi',
        'memory=8Gi',
      ],
    ])(
      'reads %s as written, with a warning giving the spelling',
      (_name, text, resources, message, suggestion) => {
        expect(parse(text)).toEqual({
          facts: {
            ...NO_FACTS,
            workloadType: 'api',
            resources,
            resourcesText: text,
          },
          problems: [
            {
              severity: 'warning',
              code: 'invalid-value',
              key: 'orchestration.io/resources',
              value: text,
              message,
              suggestion,
            },
          ],
        });
      },
    );

    const UNKNOWN_SIZE =
      'orchestration.io/resources cannot be read, so the task size is unknown: ';
    it.each([
      [
        'an unreadable memory',
        'cpu=2,memory=banana',
        {
          message: `${UNKNOWN_SIZE}memory=banana is not a size; write a number and a unit, e.g. memory=8Gi (binary) or memory=8G (decimal)`,
        },
      ],
      [
        'an unreadable cpu',
        'cpu=lots,memory=4Gi',
        {
          message: `${UNKNOWN_SIZE}cpu=lots is not a CPU quantity; write vCPUs or millicores, e.g. cpu=0.5 or cpu=500m`,
        },
      ],
      [
        'a sub-key given twice',
        'cpu=2,memory=4Gi,cpu=32',
        {
          message: `${UNKNOWN_SIZE}cpu is given twice (cpu=2, cpu=32); keep one`,
        },
      ],
      [
        'memory in millibytes',
        'memory=512m',
        {
          message: `${UNKNOWN_SIZE}memory=512m would be thousandths of a byte (m is milli); write memory=512Mi or memory=512M`,
          suggestion: 'memory=512Mi',
        },
      ],
      [
        'a size without a unit',
        'cpu=1,memory=8',
        {
          message: `${UNKNOWN_SIZE}memory=8 has no unit, and a bare number would be bytes; write memory=8Gi (or memory=8G)`,
          suggestion: 'memory=8Gi',
        },
      ],
      [
        'several errors at once',
        'cpu=lots,memory=banana,gpu=1.5,privileged=yes',
        {
          message: `${UNKNOWN_SIZE}cpu=lots is not a CPU quantity; write vCPUs or millicores, e.g. cpu=0.5 or cpu=500m. memory=banana is not a size; write a number and a unit, e.g. memory=8Gi (binary) or memory=8G (decimal). And 2 more.`,
        },
      ],
    ])('makes the size unknown on %s', (_name, text, problem) => {
      expect(parse(text)).toEqual({
        facts: { ...NO_FACTS, workloadType: 'api', resourcesText: text },
        problems: [
          {
            severity: 'error',
            code: 'invalid-value',
            key: 'orchestration.io/resources',
            value: text,
            ...problem,
          },
        ],
      });
    });

    it.each([
      [
        'only commas',
        ' , ,',
        'orchestration.io/resources gives no size; write e.g. cpu=2,memory=4Gi or remove it',
      ],
    ])('reports a value with %s', (_name, text, message) => {
      expect(parse(text)).toEqual({
        facts: { ...NO_FACTS, workloadType: 'api', resourcesText: ', ,' },
        problems: [
          {
            severity: 'error',
            code: 'empty-value',
            key: 'orchestration.io/resources',
            value: text,
            message,
          },
        ],
      });
    });
  });

  it.each([
    ['1', { replicas: 1 }, []],
    [' 12 ', { replicas: 12 }, []],
    [
      '0',
      {},
      [
        'orchestration.io/replicas: "0" copies would serve nothing; write the usual number of running copies, 1 or more, e.g. "3"',
      ],
    ],
    [
      '-2',
      {},
      [
        'orchestration.io/replicas: "-2" is not a whole number of 1 or more; write the usual number of running copies, e.g. "3"',
      ],
    ],
    [
      '2.5',
      {},
      [
        'orchestration.io/replicas: "2.5" is not a whole number of 1 or more; write the usual number of running copies, e.g. "3"',
      ],
    ],
    [
      'three',
      {},
      [
        'orchestration.io/replicas: "three" is not a number; write the usual number of running copies, e.g. "3"',
      ],
    ],
  ])('reads replicas %j', (text, facts, messages) => {
    expect(
      parseComponentAnnotations({
        'orchestration.io/workload-type': 'api',
        'orchestration.io/replicas': text,
      }),
    ).toEqual({
      facts: { ...NO_FACTS, workloadType: 'api', ...facts },
      problems: messages.map(message => ({
        severity: 'error',
        code: 'invalid-value',
        key: 'orchestration.io/replicas',
        value: text,
        message,
      })),
    });
  });

  it.each([
    ['pay-eks', 'payments', 'resource:payments/pay-eks'],
    ['pay-eks', undefined, 'resource:default/pay-eks'],
    ['shared/prod-eks', 'payments', 'resource:shared/prod-eks'],
    ['Resource:Payments/Pay-EKS', 'other', 'resource:payments/pay-eks'],
    ['resource:pay-eks', 'payments', 'resource:payments/pay-eks'],
  ])(
    'resolves cluster %j in namespace %j as the catalog does',
    (text, namespace, cluster) => {
      expect(
        parseComponentAnnotations(
          {
            'orchestration.io/workload-type': 'api',
            'orchestration.io/cluster': text,
          },
          { namespace },
        ),
      ).toEqual({
        facts: { ...NO_FACTS, workloadType: 'api', cluster },
        problems: [],
      });
    },
  );

  it.each([
    [
      'component:payments/checkout',
      'orchestration.io/cluster: "component:payments/checkout" refers to a component; a cluster is a Resource, write e.g. resource:payments/prod-cluster',
    ],
    [
      'resource:payments/',
      'orchestration.io/cluster: "resource:payments/" is not an entity reference; write e.g. resource:payments/prod-cluster',
    ],
  ])('reports cluster %j', (text, message) => {
    expect(
      parseComponentAnnotations(
        {
          'orchestration.io/workload-type': 'api',
          'orchestration.io/cluster': text,
        },
        { namespace: 'payments' },
      ).problems,
    ).toEqual([
      {
        severity: 'error',
        code: 'invalid-value',
        key: 'orchestration.io/cluster',
        value: text,
        message,
      },
    ]);
  });

  it.each([
    [
      'gpu scheduling on Fargate',
      { 'orchestration.io/scheduling': 'gpu' },
      'orchestration.io/scheduling',
      'gpu',
      'orchestration.io/current-platform is ecs-fargate but orchestration.io/scheduling asks for gpu; Fargate has no GPUs, so set the current platform to ecs-ec2 (or eks) or drop gpu',
    ],
    [
      'a GPU in resources on Fargate',
      { 'orchestration.io/resources': 'gpu=2' },
      'orchestration.io/resources',
      'gpu=2',
      'orchestration.io/current-platform is ecs-fargate but orchestration.io/resources asks for gpu=2; Fargate has no GPUs, so set the current platform to ecs-ec2 (or eks) or set gpu=0',
    ],
    [
      'privileged on Fargate',
      { 'orchestration.io/resources': 'privileged=TRUE' },
      'orchestration.io/resources',
      'privileged=TRUE',
      'orchestration.io/current-platform is ecs-fargate but orchestration.io/resources has privileged=true; Fargate refuses privileged containers, so set privileged=false or move to ecs-ec2',
    ],
    [
      'a daemonset on Fargate',
      { 'orchestration.io/scheduling': 'daemonset' },
      'orchestration.io/scheduling',
      'daemonset',
      'orchestration.io/current-platform is ecs-fargate but orchestration.io/scheduling asks for daemonset; Fargate has no hosts to run one copy per node on, so run the agent as a sidecar or move to ecs-ec2',
    ],
    [
      'a task larger than Fargate allows',
      { 'orchestration.io/resources': 'cpu=32,memory=256Gi,storage=300Gi' },
      'orchestration.io/resources',
      'cpu=32,memory=256Gi,storage=300Gi',
      'orchestration.io/current-platform is ecs-fargate but one task exceeds the Fargate limits: cpu=32 (max 16), memory=256Gi (max 120Gi), storage=300Gi (max 200Gi); shrink the task or move to ecs-ec2',
    ],
    [
      'decimal memory over the limit',
      { 'orchestration.io/resources': 'memory=200G' },
      'orchestration.io/resources',
      'memory=200G',
      'orchestration.io/current-platform is ecs-fargate but one task exceeds the Fargate limits: memory=186.26Gi (max 120Gi); shrink the task or move to ecs-ec2',
    ],
  ])('reports %s as a contradiction', (_name, extra, key, value, message) => {
    const result = parseComponentAnnotations(
      {
        'orchestration.io/workload-type': 'worker',
        'orchestration.io/current-platform': 'ecs-fargate',
        ...extra,
      },
      { fargateLimits: LIMITS },
    );
    expect(result.problems).toEqual([
      { severity: 'error', code: 'contradiction', key, value, message },
    ]);
  });

  it.each([
    [
      'limits passed in',
      { maxVcpu: 4, maxMemoryGi: 30, maxEphemeralStorageGi: 21 },
      'cpu=4,memory=30Gi,storage=21Gi',
      undefined,
    ],
    [
      'limits passed in, exceeded',
      { maxVcpu: 4, maxMemoryGi: 30, maxEphemeralStorageGi: 21 },
      'cpu=8,memory=31Gi,storage=21Gi',
      'orchestration.io/current-platform is ecs-fargate but one task exceeds the Fargate limits: cpu=8 (max 4), memory=31Gi (max 30Gi); shrink the task or move to ecs-ec2',
    ],
  ])('checks sizes against %s', (_name, fargateLimits, text, message) => {
    const problems = parseComponentAnnotations(
      {
        'orchestration.io/workload-type': 'worker',
        'orchestration.io/current-platform': 'ecs-fargate',
        'orchestration.io/resources': text,
      },
      { fargateLimits },
    ).problems;
    expect(problems).toEqual(
      message
        ? [
            {
              severity: 'error',
              code: 'contradiction',
              key: 'orchestration.io/resources',
              value: text,
              message,
            },
          ]
        : [],
    );
  });

  it('takes its default Fargate limits from the knowledge base', () => {
    const ecs = DEFAULT_KNOWLEDGE_BASE.fargate.ecs;
    expect(DEFAULT_FARGATE_TASK_LIMITS).toEqual({
      maxVcpu: ecs.maxVcpu,
      maxMemoryGi: ecs.maxMemoryGi,
      maxEphemeralStorageGi: ecs.maxEphemeralStorageGi,
    });
    const justOver = `cpu=${ecs.maxVcpu * 2}`;
    expect(
      parseComponentAnnotations({
        'orchestration.io/workload-type': 'worker',
        'orchestration.io/current-platform': 'ecs-fargate',
        'orchestration.io/resources': justOver,
      }).problems,
    ).toEqual([
      {
        severity: 'error',
        code: 'contradiction',
        key: 'orchestration.io/resources',
        value: justOver,
        message: `orchestration.io/current-platform is ecs-fargate but one task exceeds the Fargate limits: cpu=${
          ecs.maxVcpu * 2
        } (max ${ecs.maxVcpu}); shrink the task or move to ecs-ec2`,
      },
    ]);
  });

  it('warns about a cluster on a service that runs on ECS', () => {
    expect(
      parseComponentAnnotations({
        'orchestration.io/workload-type': 'api',
        'orchestration.io/current-platform': 'ecs-ec2',
        'orchestration.io/cluster': 'resource:default/prod-kops',
      }).problems,
    ).toEqual([
      {
        severity: 'warning',
        code: 'contradiction',
        key: 'orchestration.io/cluster',
        value: 'resource:default/prod-kops',
        message:
          'orchestration.io/cluster is set but orchestration.io/current-platform is ecs-ec2; remove the cluster or set the current platform to eks or self-managed-kubernetes',
      },
    ]);
  });
});
