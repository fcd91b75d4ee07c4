import { PlatformId } from '../annotations';
import {
  DEFAULT_ORCHESTRATION_OPTIONS,
  OrchestrationConfigInput,
  OrchestrationOptions,
  readOrchestrationConfig,
} from '../config';
import { ResourceRequirements } from '../parse/values';
import { platformCost } from './cost';

function optionsWith(raw: OrchestrationConfigInput): OrchestrationOptions {
  const result = readOrchestrationConfig(raw);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.options;
}

const small: ResourceRequirements = { cpu: 1, memoryGi: 2 };

function lineTotals(
  platform: PlatformId,
  resources: ResourceRequirements,
  replicas: number | undefined,
  options: OrchestrationOptions = DEFAULT_ORCHESTRATION_OPTIONS,
) {
  const cost = platformCost(
    platform,
    { resources, replicas, blocked: false },
    options,
  );
  if (!cost) return null;
  return {
    monthlyUsd: cost.monthlyUsd,
    lines: cost.lines.map(line => [line.item, line.monthlyUsd, line.source]),
  };
}

describe('platformCost', () => {
  it('prices the worked example on Fargate: 4 tasks of 1 vCPU / 2 GB', () => {
    expect(lineTotals('ecs-fargate', small, 4)).toEqual({
      monthlyUsd: 144.16,
      lines: [
        ['Fargate x86: 4 tasks of 1 vCPU / 2 GB', 144.16, 'S48 (secondary)'],
      ],
    });
    expect(
      lineTotals(
        'ecs-fargate',
        small,
        4,
        optionsWith({ cost: { architecture: 'arm' } }),
      )?.monthlyUsd,
    ).toBe(115.34);
  });

  it.each<
    [string, PlatformId, ResourceRequirements, number, unknown[][], number]
  >([
    [
      'ECS on EC2, 3 m7i.large nodes for 4 tasks',
      'ecs-ec2',
      small,
      4,
      [
        [
          '3 m7i.large nodes for 4 copies of 1 vCPU / 2 GiB',
          220.75,
          'S52, S54, S23',
        ],
        ['Node disks: 3 x 20 GB gp3', 4.8, 'S48 (secondary)'],
        ['ECS control plane', 0, 'S47 (secondary)'],
      ],
      225.55,
    ],
    [
      'EKS, with its shared control-plane fee and people time',
      'eks',
      small,
      4,
      [
        [
          '3 m7i.large nodes for 4 copies of 1 vCPU / 2 GiB',
          220.75,
          'S52, S54, S23',
        ],
        ['Node disks: 3 x 20 GB gp3', 4.8, 'S48 (secondary)'],
        [
          'EKS control plane, standard support, shared by 10 services',
          7.3,
          'S10, S49',
        ],
        [
          'People time, Kubernetes upgrades: 3 upgrades x 16 h a year per cluster at $100/h, shared by 10 services',
          40,
          'assumption',
        ],
        [
          'People time, pod IP capacity: 8 h a year per cluster at $100/h, shared by 10 services',
          6.67,
          'assumption',
        ],
        [
          'People time, control-plane monitoring: 8 h a year per cluster at $100/h, shared by 10 services',
          6.67,
          'assumption',
        ],
      ],
      286.19,
    ],
    [
      'self-managed Kubernetes, with control-plane nodes and more people time',
      'self-managed-kubernetes',
      small,
      4,
      [
        [
          '3 m7i.large nodes for 4 copies of 1 vCPU / 2 GiB',
          220.75,
          'S52, S54, S23',
        ],
        ['Node disks: 3 x 20 GB gp3', 4.8, 'S48 (secondary)'],
        [
          'Control plane: 3 m7i.large nodes, shared by 10 services',
          22.08,
          'S52',
        ],
        [
          'Control-plane disks: 3 x 20 GB gp3, shared by 10 services',
          0.48,
          'S48 (secondary)',
        ],
        [
          'People time, Kubernetes upgrades: 3 upgrades x 40 h a year per cluster at $100/h, shared by 10 services',
          100,
          'assumption',
        ],
        [
          'People time, etcd backups: 24 h a year per cluster at $100/h, shared by 10 services',
          20,
          'assumption',
        ],
        [
          'People time, certificate rotation: 16 h a year per cluster at $100/h, shared by 10 services',
          13.33,
          'assumption',
        ],
        [
          'People time, pod IP capacity: 16 h a year per cluster at $100/h, shared by 10 services',
          13.33,
          'assumption',
        ],
        [
          'People time, control-plane monitoring: 24 h a year per cluster at $100/h, shared by 10 services',
          20,
          'assumption',
        ],
      ],
      414.77,
    ],
    [
      'Fargate rounding a size up to the next valid one',
      'ecs-fargate',
      { cpu: 0.25, memoryGi: 3 },
      1,
      [
        [
          'Fargate x86: 1 task of 0.5 vCPU / 3 GB, the smallest valid task size for 0.25 vCPU / 3 GiB',
          24.51,
          'S48 (secondary)',
        ],
      ],
      24.51,
    ],
    [
      'Fargate with ephemeral storage above the included 20 GB',
      'ecs-fargate',
      { ...small, storageGi: 50 },
      4,
      [
        ['Fargate x86: 4 tasks of 1 vCPU / 2 GB', 144.16, 'S48 (secondary)'],
        [
          'Fargate ephemeral storage: 30 GB above the 20 GB included, for each of 4 tasks',
          9.72,
          'S48, S28 (secondary)',
        ],
      ],
      153.88,
    ],
    [
      'Fargate needing the 32 vCPU size, known from a secondary source',
      'ecs-fargate',
      { cpu: 20, memoryGi: 100 },
      1,
      [
        [
          'Fargate x86: 1 task of 32 vCPU / 120 GB, the smallest valid task size for 20 vCPU / 100 GiB',
          1334.99,
          'S48, S43 (secondary)',
        ],
      ],
      1334.99,
    ],
    [
      'a GPU task on g5.xlarge nodes, one GPU each',
      'ecs-ec2',
      { cpu: 2, memoryGi: 8, gpu: 1 },
      3,
      [
        [
          '3 g5.xlarge nodes for 3 copies of 2 vCPU / 8 GiB / 1 GPU',
          2203.14,
          'S52, S54, S23',
        ],
        ['Node disks: 3 x 20 GB gp3', 4.8, 'S48 (secondary)'],
        ['ECS control plane', 0, 'S47 (secondary)'],
      ],
      2207.94,
    ],
    [
      'a task too large for m7i.large, moved to the cheapest type that holds it',
      'ecs-ec2',
      { cpu: 4, memoryGi: 8 },
      2,
      [
        [
          '2 c6a.2xlarge nodes for 2 copies of 4 vCPU / 8 GiB',
          446.76,
          'S52, S54, S23',
        ],
        ['Node disks: 2 x 20 GB gp3', 3.2, 'S48 (secondary)'],
        ['ECS control plane', 0, 'S47 (secondary)'],
      ],
      449.96,
    ],
    [
      'EBS volumes on Fargate',
      'ecs-fargate',
      { ...small, volumeGi: 100 },
      4,
      [
        ['Fargate x86: 4 tasks of 1 vCPU / 2 GB', 144.16, 'S48 (secondary)'],
        ['EBS volumes: 4 copies x 100 GiB gp3', 32, 'S48 (secondary)'],
      ],
      176.16,
    ],
    [
      'EBS volumes on EKS',
      'eks',
      { ...small, volumeGi: 10 },
      1,
      [
        [
          '2 m7i.large nodes for 1 copy of 1 vCPU / 2 GiB',
          147.17,
          'S52, S54, S23',
        ],
        ['Node disks: 2 x 20 GB gp3', 3.2, 'S48 (secondary)'],
        [
          'EKS control plane, standard support, shared by 10 services',
          7.3,
          'S10, S49',
        ],
        [
          'People time, Kubernetes upgrades: 3 upgrades x 16 h a year per cluster at $100/h, shared by 10 services',
          40,
          'assumption',
        ],
        [
          'People time, pod IP capacity: 8 h a year per cluster at $100/h, shared by 10 services',
          6.67,
          'assumption',
        ],
        [
          'People time, control-plane monitoring: 8 h a year per cluster at $100/h, shared by 10 services',
          6.67,
          'assumption',
        ],
        ['EBS volumes: 1 copy x 10 GiB gp3', 0.8, 'S48 (secondary)'],
      ],
      211.81,
    ],
  ])('prices %s', (_name, platform, resources, replicas, lines, total) => {
    expect(lineTotals(platform, resources, replicas)).toEqual({
      monthlyUsd: total,
      lines,
    });
  });

  it('states its assumptions, including the default replicas', () => {
    const cost = platformCost(
      'eks',
      { resources: small, blocked: false },
      DEFAULT_ORCHESTRATION_OPTIONS,
    );
    expect(cost?.assumptions).toEqual([
      'On-demand Linux list prices for us-east-1 in USD, 730 hours a month (knowledge base 2026.11.28-1, as of 2026-11-28).',
      '2 running copies assumed: orchestration.io/replicas is not set (orchestration.cost.defaultReplicas).',
      "Nodes: at least 2 (one per availability zone); each m7i.large offers 1.93 vCPU / 7.34 GiB after the EKS-optimized AMI's kubelet, system and eviction reserves (DaemonSets not counted), filled to 70% (orchestration.cost.packingEfficiency). The nodes are charged to this service alone; shared with other services they cost it less.",
      'People time is an assumption, not a sourced figure: engineer-hours a year per cluster for each obligation (orchestration.cost.peopleHoursPerYear) at $100 an hour (orchestration.cost.engineerHourlyUsd).',
      'Cluster-level costs (control plane and people time) are shared by 10 services (orchestration.cost.servicesPerCluster).',
      "The cluster's version is in standard support; in extended support the control plane costs $0.60 an hour instead of $0.10.",
    ]);
  });

  it('says when a Fargate size is known from a secondary source only', () => {
    const cost = platformCost(
      'ecs-fargate',
      { resources: { cpu: 32, memoryGi: 244 }, replicas: 1, blocked: false },
      DEFAULT_ORCHESTRATION_OPTIONS,
    );
    expect(cost?.assumptions).toContain(
      'The 32 vCPU Fargate task size is known from a secondary source only; confirm it in us-east-1.',
    );
  });

  it.each<
    [string, PlatformId, Partial<ResourceRequirements> | undefined, boolean]
  >([
    ['a blocked platform', 'ecs-ec2', small, true],
    ['unknown resources', 'ecs-fargate', undefined, false],
    ['an unknown cpu', 'eks', { memoryGi: 2 }, false],
    ['an unknown memory', 'self-managed-kubernetes', { cpu: 1 }, false],
    [
      'a GPU task on Fargate',
      'ecs-fargate',
      { cpu: 2, memoryGi: 8, gpu: 1 },
      false,
    ],
    [
      'a task larger than Fargate allows',
      'ecs-fargate',
      { cpu: 64, memoryGi: 8 },
      false,
    ],
    [
      'a task no known instance type holds',
      'ecs-ec2',
      { cpu: 64, memoryGi: 8 },
      false,
    ],
  ])('returns null for %s', (_name, platform, resources, blocked) => {
    expect(
      platformCost(
        platform,
        { resources, replicas: 2, blocked },
        DEFAULT_ORCHESTRATION_OPTIONS,
      ),
    ).toBeNull();
  });

  it.each<{
    name: string;
    raw: OrchestrationConfigInput;
    platform: PlatformId;
    total: number;
    source: string;
  }>([
    {
      name: 'arm prices ECS on m7g.large (the worked example: $178.70 plus disks)',
      raw: { cost: { architecture: 'arm' } },
      platform: 'ecs-ec2',
      total: 183.5,
      source: 'S52, S54, S23',
    },
    {
      name: 'a configured Fargate price',
      raw: {
        knowledgeBase: {
          prices: { fargate: { x86: { perVcpuHourUsd: 0.05 } } },
        },
      },
      platform: 'ecs-fargate',
      total: 171.96,
      source: 'configuration, S48 (secondary)',
    },
    {
      name: 'more minimum nodes',
      raw: { cost: { minimumNodes: 4 } },
      platform: 'ecs-ec2',
      total: 300.74,
      source: 'S52, S54, S23',
    },
    {
      name: 'one service per cluster',
      raw: { cost: { servicesPerCluster: 1 } },
      platform: 'eks',
      total: 225.55 + 73 + 400 + 66.67 + 66.67,
      source: 'S10, S49',
    },
    {
      name: 'a configured engineer rate and upgrade hours',
      raw: { cost: { engineerHourlyUsd: 150, hoursPerUpgrade: { eks: 8 } } },
      platform: 'eks',
      total: 220.75 + 4.8 + 7.3 + 30 + 10 + 10,
      source: 'configuration',
    },
    {
      name: 'hours set per obligation',
      raw: {
        cost: {
          peopleHoursPerYear: {
            eks: { 'kubernetes-upgrades': 0, 'cni-ip-capacity': 0 },
          },
        },
      },
      platform: 'eks',
      total: 220.75 + 4.8 + 7.3 + 6.67,
      source: 'assumption',
    },
    {
      name: 'a configured control-plane fee, also read by the obligations',
      raw: { knowledgeBase: { costs: { eksStandardPerClusterHourUsd: 0.2 } } },
      platform: 'eks',
      total: 286.19 + 7.3,
      source: 'configuration',
    },
    {
      name: 'a lower packing efficiency',
      raw: { cost: { packingEfficiency: 0.4 } },
      platform: 'ecs-ec2',
      total: 441.5 + 9.6,
      source: 'S48 (secondary)',
    },
    {
      name: 'ECS Managed Instances',
      raw: { cost: { ecsManagedInstances: true } },
      platform: 'ecs-ec2',
      total: 225.55 + 26.49,
      source: 'S47 (secondary)',
    },
    {
      name: 'EKS Auto Mode',
      raw: { cost: { eksAutoMode: true } },
      platform: 'eks',
      total: 286.19 + 26.49,
      source: 'S49 (secondary)',
    },
    {
      name: 'a new instance type from configuration',
      raw: {
        knowledgeBase: {
          prices: {
            ec2: {
              'r7i.large': {
                vcpu: 2,
                memoryGi: 16,
                onDemandPerHourUsd: 0.1323,
              },
            },
          },
        },
        cost: { ec2InstanceType: 'r7i.large' },
      },
      platform: 'ecs-ec2',
      total: 3 * 96.58 + 4.8,
      source: 'configuration, S54',
    },
    {
      name: 'no node disks',
      raw: { cost: { nodeDiskGb: 0 } },
      platform: 'ecs-ec2',
      total: 220.75,
      source: 'S47 (secondary)',
    },
  ])('follows configuration: $name', ({ raw, platform, total, source }) => {
    const cost = platformCost(
      platform,
      { resources: small, replicas: 4, blocked: false },
      optionsWith(raw),
    );
    expect(cost?.monthlyUsd).toBeCloseTo(total, 2);
    expect(cost?.lines.map(line => line.source)).toContain(source);
  });

  it('lowers the Auto Mode fee for G-series GPU nodes', () => {
    const cost = platformCost(
      'eks',
      {
        resources: { cpu: 2, memoryGi: 8, gpu: 1 },
        replicas: 2,
        blocked: false,
      },
      optionsWith({ cost: { eksAutoMode: true } }),
    );
    expect(cost?.lines[1]).toEqual({
      item: "EKS Auto Mode fee: about 7.8% of the instances' on-demand price",
      monthlyUsd: 114.56,
      source: 'S49 (secondary)',
    });
  });

  it('sums rounded lines into the total', () => {
    for (const platform of [
      'ecs-fargate',
      'ecs-ec2',
      'eks',
      'self-managed-kubernetes',
    ] as const) {
      const cost = platformCost(
        platform,
        {
          resources: { cpu: 0.3, memoryGi: 0.7, volumeGi: 3 },
          replicas: 7,
          blocked: false,
        },
        DEFAULT_ORCHESTRATION_OPTIONS,
      )!;
      const sum = cost.lines.reduce(
        (total, line) => total + line.monthlyUsd,
        0,
      );
      expect(cost.monthlyUsd).toBe(Math.round(sum * 100) / 100);
      for (const line of cost.lines) {
        expect(Math.round(line.monthlyUsd * 100) / 100).toBe(line.monthlyUsd);
      }
    }
  });

  it('stays cheap enough to run four times per assessment', () => {
    const input = { resources: small, replicas: 4, blocked: false };
    const start = process.hrtime.bigint();
    const runs = 20_000;
    for (let i = 0; i < runs; i++) {
      platformCost('ecs-fargate', input, DEFAULT_ORCHESTRATION_OPTIONS);
      platformCost('ecs-ec2', input, DEFAULT_ORCHESTRATION_OPTIONS);
      platformCost('eks', input, DEFAULT_ORCHESTRATION_OPTIONS);
      platformCost(
        'self-managed-kubernetes',
        input,
        DEFAULT_ORCHESTRATION_OPTIONS,
      );
    }
    const microsPerAssessment =
      Number(process.hrtime.bigint() - start) / 1000 / runs;
    // Generous bound for slow CI machines; typically a few microseconds.
    expect(microsPerAssessment).toBeLessThan(200);
  });
});
