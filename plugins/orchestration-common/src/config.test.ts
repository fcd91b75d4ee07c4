import { DEFAULT_KNOWLEDGE_BASE } from './knowledge/data';
import {
  DEFAULT_CLUSTER_FACTS_OPTIONS,
  DEFAULT_COST_OPTIONS,
  DEFAULT_ORCHESTRATION_OPTIONS,
  DEFAULT_THRESHOLDS,
  readOrchestrationConfig,
} from './config';
import {
  knowledgeBaseAge,
  resolveKnowledgeBase,
} from './knowledge/knowledgeBase';
import { assessCluster } from './engine/assess';

describe('readOrchestrationConfig', () => {
  it('returns the defaults without configuration', () => {
    const result = readOrchestrationConfig(undefined);
    expect(result.ok && result.options.thresholds).toEqual(DEFAULT_THRESHOLDS);
  });

  it('leaves the backend-only keys to the backend, so one app-config serves the CLI too', () => {
    const result = readOrchestrationConfig({
      snapshot: { include: 'all' },
      history: { retentionDays: 30 },
      api: { validateResponses: true },
      catalog: { timeout: '5s' },
      thresholds: { smallTeamSize: 4 },
    });
    expect(result.ok && result.options.thresholds.smallTeamSize).toBe(4);
    expect(readOrchestrationConfig({ snapshots: {} })).toEqual({
      ok: false,
      errors: ['orchestration: unknown key snapshots'],
    });
  });

  it('layers thresholds, weights and platform teams over the defaults', () => {
    const result = readOrchestrationConfig({
      platformTeams: ['platform', 'group:infra/sre'],
      thresholds: { smallTeamSize: 5, recoveryPointObjective: '1h' },
      weights: { 'EKS-MANAGED': { eks: 20 } },
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect({
      platformTeams: result.options.platformTeams,
      smallTeamSize: result.options.thresholds.smallTeamSize,
      rpo: result.options.thresholds.recoveryPointObjectiveMinutes,
      nearTieMargin: result.options.thresholds.nearTieMargin,
      eksManaged: result.options.weights['EKS-MANAGED'],
      ecsSimple: result.options.weights['ECS-SIMPLE'],
    }).toEqual({
      platformTeams: ['group:default/platform', 'group:infra/sre'],
      smallTeamSize: 5,
      rpo: 60,
      nearTieMargin: 5,
      // Every platform present: a rule without a weight for one gives it 0.
      eksManaged: {
        'ecs-fargate': 0,
        'ecs-ec2': 0,
        eks: 20,
        'self-managed-kubernetes': 0,
      },
      ecsSimple: {
        'ecs-fargate': 10,
        'ecs-ec2': 10,
        eks: 0,
        'self-managed-kubernetes': 0,
      },
    });
  });

  it.each([
    [
      { thresholds: { smallTeamSize: -1 } },
      [
        'orchestration.thresholds.smallTeamSize: expected a positive number of members',
      ],
    ],
    [
      { thresholds: { recoveryPointObjective: 'often' } },
      [
        'orchestration.thresholds.recoveryPointObjective: "often" is not a duration; write a whole number followed by m, h or d, e.g. 15m, 1h or 1d',
      ],
    ],
    [
      { thresholds: { smalTeamSize: 3 } },
      ['orchestration.thresholds: unknown key smalTeamSize'],
    ],
    [
      { weights: { 'ECS-SIMPLE': { 'ecs-fargate': 500 } } },
      [
        'orchestration.weights.ECS-SIMPLE.ecs-fargate: a weight must be between -100 and 100',
      ],
    ],
    [
      { weights: { 'NOT-A-RULE': {} } },
      ['orchestration.weights: unknown key NOT-A-RULE'],
    ],
    [
      {
        thresholds: { certificateWarningDays: 5, certificateCriticalDays: 10 },
      },
      [
        'orchestration.thresholds.certificateCriticalDays: must not exceed certificateWarningDays',
      ],
    ],
    [
      {
        knowledgeBase: {
          kubernetesReleases: [
            { minor: '1.37', ga: '2026-08-26', endOfLife: '2026-01-01' },
          ],
        },
      },
      [
        'orchestration.knowledgeBase.kubernetesReleases.0.endOfLife: endOfLife 2026-01-01 must come after ga 2026-08-26',
      ],
    ],
    [
      {
        knowledgeBase: {
          eksReleases: [
            {
              minor: 'latest',
              released: '2026-13-01',
              endOfStandardSupport: '2027-01-01',
              endOfExtendedSupport: '2028-01-01',
            },
          ],
        },
      },
      [
        'orchestration.knowledgeBase.eksReleases.0.minor: expected a minor version such as 1.37',
        'orchestration.knowledgeBase.eksReleases.0.released: expected a real date as YYYY-MM-DD',
      ],
    ],
  ])('reports %j', (raw, errors) => {
    expect(readOrchestrationConfig(raw)).toEqual({ ok: false, errors });
  });
});

describe('knowledge base overrides', () => {
  it('adds a new minor from configuration, which then drives the upgrade target', () => {
    const resolved = resolveKnowledgeBase(DEFAULT_KNOWLEDGE_BASE, {
      asOf: '2026-11-01',
      kubernetesReleases: [
        {
          minor: '1.37',
          ga: '2026-08-26',
          maintenanceStart: '2027-08-28',
          endOfLife: '2027-10-28',
          sources: ['S5'],
        },
      ],
    });
    if (!resolved.ok) throw new Error(resolved.errors.join('\n'));
    const row = resolved.knowledgeBase.kubernetesReleases.find(
      r => r.minor === '1.37',
    );
    expect(row).toEqual({
      minor: '1.37',
      ga: '2026-08-26',
      maintenanceStart: '2027-08-28',
      endOfLife: '2027-10-28',
      sources: ['S5'],
    });
    expect(resolved.knowledgeBase.asOf).toBe('2026-11-01');
    const config = readOrchestrationConfig({
      knowledgeBase: { kubernetesReleases: [row] },
    });
    if (!config.ok) throw new Error(config.errors.join('\n'));
    const upgrades = assessCluster(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'c',
          annotations: {
            'orchestration.io/kubernetes-version': '1.36',
            'orchestration.io/oldest-node-version': '1.36',
          },
        },
        spec: { type: 'kubernetes-cluster' },
      },
      { now: '2026-11-28T00:00:00Z', options: config.options },
    ).obligations[0];
    expect(upgrades.actions).toEqual([
      'Upgrade the control plane one minor at a time: 1.36 -> 1.37 (1 step; no skipping), upgrading nodes before each next step.',
    ]);
  });

  it('keeps the built-in rows, their sources and flags', () => {
    const latest = DEFAULT_KNOWLEDGE_BASE.kubernetesReleases.find(
      r => r.minor === '1.37',
    );
    expect(latest).toMatchObject({
      minor: '1.37',
      ga: '2026-08-26',
      sources: ['S5', 'S59'],
      secondary: true,
    });
    expect(
      DEFAULT_KNOWLEDGE_BASE.costs.ecsControlPlanePerHourUsd.secondary,
    ).toBe(true);
  });

  it.each([
    ['2026-11-28T00:00:00Z', { ageDays: 0, stale: false }],
    ['2027-06-01T00:00:00Z', { ageDays: 185, stale: true }],
  ])('reports its age at %s', (now, expected) => {
    expect(
      knowledgeBaseAge(DEFAULT_KNOWLEDGE_BASE, new Date(now), 180),
    ).toEqual(expected);
  });
});

describe('orchestration.cost', () => {
  it('defaults to the documented assumptions', () => {
    const result = readOrchestrationConfig({});
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.options.cost).toEqual(DEFAULT_COST_OPTIONS);
    expect(DEFAULT_ORCHESTRATION_OPTIONS.cost).toEqual({
      region: 'us-east-1',
      architecture: 'x86',
      defaultReplicas: 2,
      packingEfficiency: 0.7,
      ec2InstanceType: 'm7i.large',
      gpuInstanceType: 'g5.xlarge',
      minimumNodes: 2,
      nodeDiskGb: 20,
      servicesPerCluster: 10,
      controlPlaneNodes: 3,
      engineerHourlyUsd: 100,
      hoursPerUpgrade: { eks: 16, 'self-managed-kubernetes': 40 },
      peopleHoursPerYear: {
        eks: {
          'kubernetes-upgrades': 48,
          'etcd-backups': 0,
          'certificate-rotation': 0,
          'cni-ip-capacity': 8,
          'control-plane-monitoring': 8,
        },
        'self-managed-kubernetes': {
          'kubernetes-upgrades': 120,
          'etcd-backups': 24,
          'certificate-rotation': 16,
          'cni-ip-capacity': 16,
          'control-plane-monitoring': 24,
        },
      },
      ecsManagedInstances: false,
      eksAutoMode: false,
    });
  });

  it('layers settings over the defaults', () => {
    const result = readOrchestrationConfig({
      cost: {
        architecture: 'arm',
        packingEfficiency: 0.8,
        servicesPerCluster: 4,
        hoursPerUpgrade: { 'self-managed-kubernetes': 60 },
        peopleHoursPerYear: { eks: { 'cni-ip-capacity': 20 } },
      },
      knowledgeBase: { peopleCost: { upgradesPerClusterYear: 2 } },
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const cost = result.options.cost;
    expect({
      architecture: cost.architecture,
      ec2InstanceType: cost.ec2InstanceType,
      packingEfficiency: cost.packingEfficiency,
      servicesPerCluster: cost.servicesPerCluster,
      defaultReplicas: cost.defaultReplicas,
      eks: cost.peopleHoursPerYear.eks,
      selfManagedUpgrades:
        cost.peopleHoursPerYear['self-managed-kubernetes'][
          'kubernetes-upgrades'
        ],
    }).toEqual({
      architecture: 'arm',
      ec2InstanceType: 'm7g.large',
      packingEfficiency: 0.8,
      servicesPerCluster: 4,
      defaultReplicas: 2,
      eks: {
        'kubernetes-upgrades': 32,
        'etcd-backups': 0,
        'certificate-rotation': 0,
        'cni-ip-capacity': 20,
        'control-plane-monitoring': 8,
      },
      selfManagedUpgrades: 120,
    });
  });

  it('accepts an instance type added to the knowledge base', () => {
    const result = readOrchestrationConfig({
      cost: { ec2InstanceType: 'r7i.large' },
      knowledgeBase: {
        prices: {
          ec2: {
            'r7i.large': { vcpu: 2, memoryGi: 16, onDemandPerHourUsd: 0.1323 },
          },
        },
      },
    });
    expect(result.ok && result.options.cost.ec2InstanceType).toBe('r7i.large');
  });

  it.each<[unknown, string[]]>([
    [{ cost: { replicas: 3 } }, ['orchestration.cost: unknown key replicas']],
    [
      { cost: { packingEfficiency: 1.5 } },
      [
        'orchestration.cost.packingEfficiency: expected a fraction above 0 and at most 1',
      ],
    ],
    [
      { cost: { packingEfficiency: 0 } },
      [
        'orchestration.cost.packingEfficiency: expected a fraction above 0 and at most 1',
      ],
    ],
    [
      { cost: { architecture: 'riscv' } },
      ['orchestration.cost.architecture: expected x86 or arm'],
    ],
    [
      { cost: { defaultReplicas: 1.5, servicesPerCluster: 0 } },
      [
        'orchestration.cost.defaultReplicas: expected a whole number of replicas',
        'orchestration.cost.servicesPerCluster: expected a positive number of services',
      ],
    ],
    [
      { cost: { peopleHoursPerYear: { eks: { 'etcd-backup': 4 } } } },
      ['orchestration.cost.peopleHoursPerYear.eks: unknown key etcd-backup'],
    ],
    [
      { cost: { engineerHourlyUsd: 'lots' } },
      ['orchestration.cost.engineerHourlyUsd: expected an amount in USD'],
    ],
    [
      { cost: { ec2InstanceType: 'r7i.large' } },
      [
        'orchestration.cost.ec2InstanceType: the knowledge base has no price for r7i.large; add it under orchestration.knowledgeBase.prices.ec2',
      ],
    ],
    [
      { cost: { architecture: 'arm', ec2InstanceType: 'm7i.large' } },
      [
        'orchestration.cost.ec2InstanceType: m7i.large is x86 but orchestration.cost.architecture is arm',
      ],
    ],
    [
      { cost: { gpuInstanceType: 'c7i.xlarge' } },
      ['orchestration.cost.gpuInstanceType: c7i.xlarge has no GPU'],
    ],
    [
      { cost: { region: 'eu-west-1' } },
      [
        'orchestration.cost.region: the knowledge base has prices for us-east-1, not eu-west-1; set orchestration.knowledgeBase.prices (region and figures) for eu-west-1',
      ],
    ],
    [
      {
        cost: {
          hoursPerUpgrade: { eks: 10 },
          peopleHoursPerYear: { eks: { 'kubernetes-upgrades': 30 } },
        },
      },
      [
        'orchestration.cost.peopleHoursPerYear.eks.kubernetes-upgrades: set either this or orchestration.cost.hoursPerUpgrade.eks, not both',
      ],
    ],
  ])('reports %j', (raw, errors) => {
    expect(readOrchestrationConfig(raw)).toEqual({ ok: false, errors });
  });

  it('accepts a region once the knowledge base has its prices', () => {
    const result = readOrchestrationConfig({
      cost: { region: 'eu-west-1' },
      knowledgeBase: { prices: { region: 'eu-west-1' } },
    });
    expect(result.ok && result.options.cost.region).toBe('eu-west-1');
  });
});

describe('orchestration.clusterFacts', () => {
  it('defaults to a freshness limit per reportable fact', () => {
    const result = readOrchestrationConfig({});
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.options.clusterFacts).toEqual(DEFAULT_CLUSTER_FACTS_OPTIONS);
    expect(DEFAULT_CLUSTER_FACTS_OPTIONS.freshnessMinutes).toEqual({
      provisioner: 30 * 1440,
      'kubernetes-version': 7 * 1440,
      'oldest-node-version': 7 * 1440,
      'etcd-members': 7 * 1440,
      'etcd-backup-interval': 30 * 1440,
      'etcd-last-backup': 1440,
      'cert-expiry': 7 * 1440,
      'cert-rotation': 30 * 1440,
      'last-upgrade': 30 * 1440,
      cni: 30 * 1440,
      'pod-ip-capacity': 1440,
      'control-plane-monitoring': 30 * 1440,
    });
  });

  it('layers durations or minutes over the defaults', () => {
    const result = readOrchestrationConfig({
      clusterFacts: {
        freshness: { 'etcd-last-backup': '2h', 'pod-ip-capacity': 90 },
      },
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.options.clusterFacts.freshnessMinutes).toEqual({
      ...DEFAULT_CLUSTER_FACTS_OPTIONS.freshnessMinutes,
      'etcd-last-backup': 120,
      'pod-ip-capacity': 90,
    });
  });

  it('leaves retention to the backend, which stores the reports', () => {
    const result = readOrchestrationConfig({
      clusterFacts: { retention: { maxReportsPerFact: 10, maxAge: '30d' } },
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.options.clusterFacts).toEqual(DEFAULT_CLUSTER_FACTS_OPTIONS);
  });

  it.each([
    [
      { freshness: { 'control-plane': '1d' } },
      ['orchestration.clusterFacts.freshness: unknown key control-plane'],
    ],
    [
      { freshness: { 'kubernetes-versoin': '1d' } },
      ['orchestration.clusterFacts.freshness: unknown key kubernetes-versoin'],
    ],
    [
      { freshness: { 'cert-expiry': 'weekly' } },
      [
        'orchestration.clusterFacts.freshness.cert-expiry: "weekly" is not a duration; write a whole number followed by m, h or d, e.g. 15m, 1h or 1d',
      ],
    ],
    [
      { freshness: { 'cert-expiry': '400d' } },
      [
        'orchestration.clusterFacts.freshness.cert-expiry: expected a freshness limit of at most 366d; a report older than a year says little about the cluster today',
      ],
    ],
    [{ fresh: {} }, ['orchestration.clusterFacts: unknown key fresh']],
  ])('reports %j', (clusterFacts, errors) => {
    expect(readOrchestrationConfig({ clusterFacts })).toEqual({
      ok: false,
      errors,
    });
  });
});
