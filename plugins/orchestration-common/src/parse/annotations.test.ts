import {
  parseClusterAnnotations,
  parseComponentAnnotations,
  parseGroupAnnotations,
} from './annotations';
import { validateEntityAnnotations } from './validateEntity';

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
  'orchestration.io/current-platform',
  'orchestration.io/cluster',
];

describe('parseComponentAnnotations', () => {
  it('normalises case, trims list items and keeps each item once', () => {
    expect(
      parseComponentAnnotations({
        'orchestration.io/workload-type': ' Web-Service ',
        'orchestration.io/portability': 'AWS-ONLY',
        'orchestration.io/scheduling': ' gpu ,Node-Affinity,, gpu',
        'orchestration.io/aws-integrations': 'alb',
        'orchestration.io/resources': 'cpu=2,memory=4Gi',
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
            'orchestration.io/resources: "memroy" is not a resource key; did you mean "memory"?',
          allowed: ['cpu', 'memory', 'gpu', 'storage', 'privileged'],
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
  ])('reports %s as a contradiction', (_name, extra, key, value, message) => {
    const result = parseComponentAnnotations({
      'orchestration.io/workload-type': 'worker',
      'orchestration.io/current-platform': 'ecs-fargate',
      ...extra,
    });
    expect(result.problems).toEqual([
      { severity: 'error', code: 'contradiction', key, value, message },
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

  it('reports non-string values instead of throwing', () => {
    expect(
      parseComponentAnnotations({
        'orchestration.io/workload-type': { nested: true },
        'orchestration.io/portability': null,
      }).problems,
    ).toEqual([
      {
        severity: 'error',
        code: 'invalid-value',
        key: 'orchestration.io/workload-type',
        message:
          'orchestration.io/workload-type must be a string; quote the value in YAML',
      },
      {
        severity: 'error',
        code: 'empty-value',
        key: 'orchestration.io/portability',
        message:
          'orchestration.io/portability has no value; give it a value or remove it',
      },
    ]);
  });
});

describe('parseClusterAnnotations', () => {
  it('parses every cluster annotation', () => {
    expect(
      parseClusterAnnotations({
        'orchestration.io/control-plane': 'self-managed',
        'orchestration.io/provisioner': 'kubeadm',
        'orchestration.io/kubernetes-version': '1.29.4',
        'orchestration.io/oldest-node-version': '1.27',
        'orchestration.io/etcd-members': '5',
        'orchestration.io/etcd-backup-interval': '1h',
        'orchestration.io/etcd-last-backup': '2026-11-27T22:00:00Z',
        'orchestration.io/cert-expiry': '2027-01-10',
        'orchestration.io/cert-rotation': 'automated',
        'orchestration.io/last-upgrade': '2026-05-01',
        'orchestration.io/cni': 'cilium',
        'orchestration.io/pod-ip-capacity': '100/1000',
        'orchestration.io/control-plane-monitoring': 'etcd-disk',
      }),
    ).toEqual({
      facts: {
        controlPlane: 'self-managed',
        provisioner: 'kubeadm',
        kubernetesVersion: {
          major: 1,
          minor: 29,
          patch: 4,
          minorVersion: '1.29',
        },
        oldestNodeVersion: { major: 1, minor: 27, minorVersion: '1.27' },
        etcdMembers: 5,
        etcdBackupInterval: { minutes: 60, text: '1h' },
        etcdLastBackup: {
          epochMs: Date.UTC(2026, 10, 27, 22),
          iso: '2026-11-27T22:00:00.000Z',
          dateOnly: false,
        },
        certExpiry: {
          epochMs: Date.UTC(2027, 0, 10),
          iso: '2027-01-10',
          dateOnly: true,
        },
        certRotation: 'automated',
        lastUpgrade: {
          epochMs: Date.UTC(2026, 4, 1),
          iso: '2026-05-01',
          dateOnly: true,
        },
        cni: 'cilium',
        podIpCapacity: { used: 100, total: 1000 },
        controlPlaneMonitoring: ['etcd-disk'],
      },
      problems: [],
    });
  });

  it.each([
    [
      { 'orchestration.io/etcd-backup-interval': 'hourly' },
      [
        {
          severity: 'error',
          code: 'invalid-value',
          key: 'orchestration.io/etcd-backup-interval',
          value: 'hourly',
          message:
            'orchestration.io/etcd-backup-interval: "hourly" is not a duration; write a whole number followed by m, h or d, e.g. 15m, 1h or 1d',
        },
      ],
    ],
    [
      {
        'orchestration.io/kubernetes-version': '1.28',
        'orchestration.io/oldest-node-version': '1.29',
      },
      [
        {
          severity: 'error',
          code: 'contradiction',
          key: 'orchestration.io/oldest-node-version',
          value: '1.29',
          message:
            'orchestration.io/oldest-node-version 1.29 is newer than the API server 1.28; kubelets may never be newer than the API server, so check both values',
        },
      ],
    ],
    [
      { 'orchestration.io/etcd-members': '0' },
      [
        {
          severity: 'error',
          code: 'invalid-value',
          key: 'orchestration.io/etcd-members',
          value: '0',
          message:
            'orchestration.io/etcd-members: a cluster needs at least one etcd member; write the member count, e.g. 3',
        },
      ],
    ],
    [
      {
        'orchestration.io/control-plane': 'eks',
        'orchestration.io/etcd-members': '3',
      },
      [
        {
          severity: 'warning',
          code: 'contradiction',
          key: 'orchestration.io/etcd-members',
          value: '3',
          message:
            'orchestration.io/etcd-members describes the control plane, which the provider runs when orchestration.io/control-plane is eks; remove it or set the control plane to self-managed',
        },
      ],
    ],
    [
      { 'orchestration.io/cni': 'flanel' },
      [
        {
          severity: 'error',
          code: 'unknown-value',
          key: 'orchestration.io/cni',
          value: 'flanel',
          message:
            '"flanel" is not a valid value for orchestration.io/cni; write one of: aws-vpc-cni, calico, cilium, other',
          allowed: ['aws-vpc-cni', 'calico', 'cilium', 'other'],
        },
      ],
    ],
  ])('reports %j', (annotations, expected) => {
    expect(parseClusterAnnotations(annotations).problems).toEqual(expected);
  });
});

describe('parseGroupAnnotations', () => {
  it.each([
    [
      { 'orchestration.io/platform-team': 'TRUE' },
      { facts: { platformTeam: true }, problems: [] },
    ],
    [
      { 'orchestration.io/platform-team': 'false' },
      { facts: { platformTeam: false }, problems: [] },
    ],
    [
      { 'orchestration.io/platform-team': 'yes' },
      {
        facts: {},
        problems: [
          {
            severity: 'error',
            code: 'unknown-value',
            key: 'orchestration.io/platform-team',
            value: 'yes',
            message:
              '"yes" is not a valid value for orchestration.io/platform-team; write one of: true, false',
            allowed: ['true', 'false'],
          },
        ],
      },
    ],
  ])('%j', (annotations, expected) => {
    expect(parseGroupAnnotations(annotations)).toEqual(expected);
  });
});

describe('validateEntityAnnotations', () => {
  it('flags Orchestration annotations on kinds that do not read them', () => {
    expect(
      validateEntityAnnotations({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'bucket',
          annotations: { 'orchestration.io/cni': 'calico' },
        },
        spec: { type: 's3-bucket' },
      }),
    ).toEqual([
      {
        severity: 'warning',
        code: 'misplaced-key',
        key: 'orchestration.io/cni',
        message:
          'orchestration.io/cni is read only on Resources with spec.type kubernetes-cluster; set spec.type: kubernetes-cluster or remove it',
      },
    ]);
  });
});
