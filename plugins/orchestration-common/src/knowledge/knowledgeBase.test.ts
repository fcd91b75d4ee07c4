import { DEFAULT_KNOWLEDGE_BASE } from './data';
import {
  allocatableOnEksAmi,
  compileKnowledge,
  knowledgeBaseAge,
  resolveKnowledgeBase,
} from './knowledgeBase';
import { KnowledgeBase, PLATFORM_OPTION_IDS } from './types';

const kb = DEFAULT_KNOWLEDGE_BASE;

function resolved(overrides: unknown): KnowledgeBase {
  const result = resolveKnowledgeBase(kb, overrides);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.knowledgeBase;
}

/** Every `sources` list anywhere in a value. */
function citedSources(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const entry of value) citedSources(entry, found);
  } else if (value && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      if (key === 'sources' && Array.isArray(entry)) {
        for (const source of entry) found.add(source);
      } else {
        citedSources(entry, found);
      }
    }
  }
  return found;
}

describe('the built-in knowledge base', () => {
  it('is dated and versioned', () => {
    expect({ version: kb.version, asOf: kb.asOf }).toEqual({
      version: '2026.11.28-1',
      asOf: '2026-11-28',
    });
  });

  it('cites only sources it lists, S1 to S60 among them', () => {
    const { sources, ...facts } = kb;
    const missing = [...citedSources(facts)].filter(key => !sources[key]);
    expect(missing).toEqual([]);
    for (let n = 1; n <= 60; n++) {
      expect(sources[`S${n}`]?.title).toEqual(expect.any(String));
    }
  });

  it('has Kubernetes 1.37 from a secondary source and the corrected EKS rows', () => {
    expect(kb.kubernetesReleases.find(r => r.minor === '1.37')).toEqual({
      minor: '1.37',
      ga: '2026-08-26',
      sources: ['S5', 'S59'],
      secondary: true,
      note: expect.any(String),
    });
    const eks = (minor: string) => {
      const row = kb.eksReleases.find(r => r.minor === minor)!;
      return [
        row.released,
        row.endOfStandardSupport,
        row.endOfExtendedSupport,
        row.sources,
        /inferred/.test(row.note ?? ''),
      ];
    };
    expect(eks('1.35')).toEqual([
      '2026-01-27',
      '2027-03-27',
      '2028-03-27',
      ['S9', 'S59'],
      true,
    ]);
    expect(eks('1.36')).toEqual([
      '2026-06-02',
      '2027-08-02',
      '2028-08-02',
      ['S9', 'S59'],
      true,
    ]);
  });

  it('keeps release rows in minor order with their dates in sequence', () => {
    const minors = kb.kubernetesReleases.map(r => Number(r.minor.slice(2)));
    expect(minors).toEqual([...minors].sort((a, b) => a - b));
    for (const row of kb.eksReleases) {
      expect(row.released < row.endOfStandardSupport).toBe(true);
      expect(row.endOfStandardSupport < row.endOfExtendedSupport).toBe(true);
    }
  });

  it('lists the Fargate task sizes, the 32 vCPU ones as secondary', () => {
    const sizes = kb.fargate.ecs.taskSizes;
    expect(
      sizes.map(size => [
        size.vcpu,
        size.memoryGi[0],
        size.memoryGi[size.memoryGi.length - 1],
        size.memoryGi.length,
        size.sources,
        size.secondary ?? false,
      ]),
    ).toEqual([
      [0.25, 0.5, 2, 3, ['S27'], false],
      [0.5, 1, 4, 4, ['S27'], false],
      [1, 2, 8, 7, ['S27'], false],
      [2, 4, 16, 13, ['S27'], false],
      [4, 8, 30, 23, ['S27'], false],
      [8, 16, 60, 12, ['S27'], false],
      [16, 32, 120, 12, ['S27'], false],
      [32, 60, 244, 3, ['S43'], true],
    ]);
    expect(sizes[7].memoryGi).toEqual([60, 120, 244]);
    const ecs = kb.fargate.ecs;
    expect([
      ecs.maxVcpu,
      ecs.maxMemoryGi,
      ecs.primaryMaxVcpu,
      ecs.primaryMaxMemoryGi,
    ]).toEqual([32, 244, 16, 120]);
    const eks = kb.fargate.eks;
    expect([eks.maxVcpu, eks.maxMemoryGi, eks.taskSizes.length]).toEqual([
      16, 120, 7,
    ]);
  });

  it('describes every option since 2017 in one sentence each', () => {
    expect(Object.keys(kb.options).sort()).toEqual(
      [...PLATFORM_OPTION_IDS].sort(),
    );
    for (const id of PLATFORM_OPTION_IDS) {
      const option = kb.options[id];
      expect(option.ga).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      for (const text of [option.summary, option.limits]) {
        expect(text).toMatch(/^[A-Z].*\.$/);
        expect(text).not.toMatch(/\. [A-Z]/);
      }
      expect(option.sources.length).toBeGreaterThan(0);
    }
    expect(
      Object.fromEntries(
        PLATFORM_OPTION_IDS.map(id => [id, kb.options[id].ga]),
      ),
    ).toEqual({
      'ecs-anywhere': '2021-05-25',
      'eks-anywhere': '2021-09-08',
      'eks-hybrid-nodes': '2024-12-01',
      'eks-pod-identity': '2023-11-26',
      'eks-auto-mode': '2024-12-01',
      'ecs-service-connect': '2022-11-27',
      'ecs-managed-ebs': '2024-01',
      'ecs-managed-instances': '2025-09-30',
      'ecs-express-mode': '2025-11-21',
      'fargate-spot': '2019-12-03',
      'fargate-large-tasks': '2026-06',
      bottlerocket: '2020-08-31',
      karpenter: '2024-08-14',
    });
    expect(kb.options['fargate-large-tasks']).toMatchObject({
      sources: ['S43'],
      secondary: true,
    });
  });

  it('keeps one figure per price, marked as the facts mark it', () => {
    const prices = kb.prices;
    expect({
      region: prices.region,
      hours: prices.hoursPerMonth.value,
      fargateX86: [
        prices.fargate.x86.perVcpuHourUsd.value,
        prices.fargate.x86.perGbHourUsd.value,
      ],
      fargateArm: [
        prices.fargate.arm.perVcpuHourUsd.value,
        prices.fargate.arm.perGbHourUsd.value,
      ],
      ephemeral: prices.fargate.ephemeralStoragePerGbHourUsd.value,
      spot: [
        prices.fargate.spotMaxDiscount.value,
        prices.fargate.spotMaxDiscount.unconfirmed,
      ],
      gp3: prices.ebsGp3PerGbMonthUsd.value,
      eksControlPlane: [
        kb.costs.eksStandardPerClusterHourUsd.value,
        kb.costs.eksExtendedPerClusterHourUsd.value,
      ],
      fees: [
        prices.eksAutoModeFeeFraction.value,
        prices.ecsManagedInstancesFeeFraction.value,
      ],
      anywhere: prices.ecsAnywherePerInstanceHourUsd.value,
      hybrid: prices.eksHybridNodesPerVcpuHourUsd.value,
      ec2: Object.fromEntries(
        Object.entries(prices.ec2).map(([type, node]) => [
          type,
          [node.vcpu, node.memoryGi, node.gpu, node.onDemandPerHourUsd.value],
        ]),
      ),
    }).toEqual({
      region: 'us-east-1',
      hours: 730,
      fargateX86: [0.04048, 0.004445],
      fargateArm: [0.03238, 0.00356],
      ephemeral: 0.000111,
      spot: [0.7, true],
      gp3: 0.08,
      eksControlPlane: [0.1, 0.6],
      fees: [0.12, 0.12],
      anywhere: 0.01025,
      hybrid: 0.02,
      ec2: {
        'm7i.large': [2, 8, 0, 0.1008],
        'm7g.large': [2, 8, 0, 0.0816],
        'c7i.xlarge': [4, 8, 0, 0.1785],
        'g5.xlarge': [4, 16, 1, 1.006],
        'm5.large': [2, 8, 0, 0.096],
        'c6a.2xlarge': [8, 16, 0, 0.306],
      },
    });
    expect('eksStandardPerClusterHourUsd' in prices).toBe(false);
    for (const fact of [
      prices.fargate.x86.perVcpuHourUsd,
      prices.ebsGp3PerGbMonthUsd,
      prices.eksAutoModeFeeFraction,
      prices.ecsAnywherePerInstanceHourUsd,
      kb.costs.ecsControlPlanePerHourUsd,
    ]) {
      expect(fact.secondary).toBe(true);
    }
    expect(prices.ec2['m7i.large'].onDemandPerHourUsd).toEqual({
      value: 0.1008,
      unit: 'USD per instance-hour',
      sources: ['S52'],
      asOf: '2026-07-20',
    });
  });

  it.each(Object.entries(DEFAULT_KNOWLEDGE_BASE.prices.ec2))(
    'precomputes the allocatable capacity of %s with the EKS AMI rule',
    (_type, node) => {
      expect(
        allocatableOnEksAmi(node.vcpu, node.memoryGi, node.allocatable.maxPods),
      ).toEqual({
        vcpu: node.allocatable.vcpu,
        memoryGi: node.allocatable.memoryGi,
      });
    },
  );

  it('applies the EKS AMI reserves as the facts give them for m7i.large', () => {
    // 2 vCPU: 60m + 10m reserved; 8 GiB: 11 MiB x 29 pods + 255 MiB + 100 MiB.
    expect(allocatableOnEksAmi(2, 8, 29)).toEqual({
      vcpu: 1.93,
      memoryGi: 7.34,
    });
    expect(allocatableOnEksAmi(16, 64, 234)).toEqual({
      vcpu: 15.89,
      memoryGi: 61.13,
    });
  });

  it('marks the people-cost figures as the facts do', () => {
    const people = kb.peopleCost;
    expect([
      people.upgradesPerClusterYear.value,
      people.upgradesPerClusterYear.evidence,
    ]).toEqual([3, 'derived']);
    expect(people.upgradeEffortWeeksClaim).toMatchObject({
      value: 4,
      maxValue: 6,
      secondary: true,
      unconfirmed: true,
      sources: ['S56'],
    });
    expect(
      [
        people.opsHoursPerMonthSelfManagedNodes,
        people.opsHoursPerMonthAutoMode,
      ].map(figure => [figure.value, figure.secondary]),
    ).toEqual([
      [80, true],
      [35, true],
    ]);
    expect(people.heldBackBySkillsShare.secondary).toBeUndefined();
  });
});

describe('resolveKnowledgeBase', () => {
  it('returns the base without overrides', () => {
    expect(resolveKnowledgeBase(kb, undefined)).toEqual({
      ok: true,
      knowledgeBase: kb,
    });
  });

  it('overrides prices, citing configuration and dropping the old flags', () => {
    const result = resolved({
      prices: {
        hoursPerMonth: 720,
        fargate: { arm: { perGbHourUsd: 0.004 }, spotMaxDiscount: 0.5 },
        ebsGp3PerGbMonthUsd: 0.1,
        eksAutoModeFeeFraction: 0.1,
      },
      peopleCost: { upgradesPerClusterYear: 2 },
      costs: { eksExtendedPerClusterHourUsd: 0.5 },
    });
    expect(result.version).toBe(`${kb.version}+config`);
    expect(result.prices.hoursPerMonth).toEqual({
      value: 720,
      sources: ['config'],
    });
    expect(result.prices.fargate.arm.perGbHourUsd).toEqual({
      value: 0.004,
      unit: 'USD per GB-hour of memory',
      sources: ['config'],
    });
    expect(result.prices.fargate.arm.perVcpuHourUsd).toBe(
      kb.prices.fargate.arm.perVcpuHourUsd,
    );
    expect(result.prices.fargate.spotMaxDiscount.value).toBe(0.5);
    expect(result.prices.ebsGp3PerGbMonthUsd.value).toBe(0.1);
    expect(result.prices.eksAutoModeFeeFraction).toEqual({
      value: 0.1,
      sources: ['config'],
    });
    expect(result.peopleCost.upgradesPerClusterYear).toEqual({
      value: 2,
      unit: kb.peopleCost.upgradesPerClusterYear.unit,
      evidence: 'configuration',
      sources: ['config'],
    });
    expect(result.costs.eksExtendedPerClusterHourUsd).toEqual({
      value: 0.5,
      unit: 'USD per cluster-hour, standard fee included',
      sources: ['config'],
    });
    expect(result.costs.eksStandardPerClusterHourUsd).toBe(
      kb.costs.eksStandardPerClusterHourUsd,
    );
  });

  it('adds an instance type, computing its allocatable capacity', () => {
    const result = resolved({
      prices: {
        ec2: {
          'r7i.large': { vcpu: 2, memoryGi: 16, onDemandPerHourUsd: 0.1323 },
          'm7i.large': { onDemandPerHourUsd: 0.11 },
        },
      },
    });
    expect(result.prices.ec2['r7i.large']).toEqual({
      vcpu: 2,
      memoryGi: 16,
      gpu: 0,
      architecture: 'x86',
      onDemandPerHourUsd: {
        value: 0.1323,
        unit: 'USD per instance-hour',
        sources: ['config'],
      },
      allocatable: {
        vcpu: 1.93,
        memoryGi: 14.47,
        maxPods: 110,
        sources: ['S54'],
        note: 'computed from the EKS AMI reserves with 110 pods per node',
      },
    });
    expect(result.prices.ec2['m7i.large'].allocatable).toBe(
      kb.prices.ec2['m7i.large'].allocatable,
    );
    expect(result.prices.ec2['m7i.large'].onDemandPerHourUsd.value).toBe(0.11);
    expect(kb.prices.ec2['r7i.large']).toBeUndefined();
  });

  it('replaces the Fargate task sizes and keeps limit overrides working', () => {
    const result = resolved({
      fargate: {
        ecs: {
          maxVcpu: 16,
          maxMemoryGi: 120,
          taskSizes: [
            { vcpu: 2, memoryGi: [8, 4] },
            { vcpu: 1, memoryGi: [2], sources: ['S27'] },
          ],
        },
      },
    });
    expect(result.fargate.ecs).toMatchObject({
      maxVcpu: 16,
      maxMemoryGi: 120,
      primaryMaxVcpu: 16,
      taskSizes: [
        { vcpu: 1, memoryGi: [2], sources: ['S27'] },
        { vcpu: 2, memoryGi: [4, 8], sources: ['config'] },
      ],
    });
    expect(
      resolved({ fargate: { ecs: { maxVcpu: 16 } } }).fargate.ecs.taskSizes,
    ).toBe(kb.fargate.ecs.taskSizes);
  });

  it.each<[unknown, string[]]>([
    [
      { prices: { ec2: { 'x1.large': { vcpu: 2 } } } },
      [
        'orchestration.knowledgeBase.prices.ec2.x1.large: a new instance type needs vcpu, memoryGi and onDemandPerHourUsd',
      ],
    ],
    [
      {
        prices: {
          ec2: { 'm7i.large': { allocatableVcpu: 3 } },
        },
      },
      [
        'orchestration.knowledgeBase.prices.ec2.m7i.large: allocatable capacity (3 vCPU, 7.34 GiB) must be positive and within the instance size (2 vCPU, 8 GiB)',
      ],
    ],
    [
      { prices: { eksAutoModeFeeFraction: 12 } },
      [
        'orchestration.knowledgeBase.prices.eksAutoModeFeeFraction: expected a fraction between 0 and 1',
      ],
    ],
    [
      { prices: { fargate: { x86: { perCpuHourUsd: 1 } } } },
      [
        'orchestration.knowledgeBase.prices.fargate.x86: unknown key perCpuHourUsd',
      ],
    ],
    [
      { prices: { ec2: { M7I: { vcpu: 2 } } } },
      [
        'orchestration.knowledgeBase.prices.ec2.M7I: expected an EC2 instance type such as m7i.large',
      ],
    ],
    [
      { fargate: { ecs: { taskSizes: [{ vcpu: 1, memoryGi: [] }] } } },
      [
        'orchestration.knowledgeBase.fargate.ecs.taskSizes.0.memoryGi: expected at least one memory value',
      ],
    ],
    [
      { peopleCost: { upgradesPerClusterYear: -1 } },
      [
        'orchestration.knowledgeBase.peopleCost.upgradesPerClusterYear: expected 0 or more',
      ],
    ],
  ])('reports %j', (overrides, errors) => {
    expect(resolveKnowledgeBase(kb, overrides)).toEqual({ ok: false, errors });
  });
});

describe('knowledgeBaseAge', () => {
  it.each([
    ['2026-11-28T00:00:00Z', { ageDays: 0, stale: false }],
    ['2027-05-27T00:00:00Z', { ageDays: 180, stale: false }],
    ['2027-05-28T00:00:00Z', { ageDays: 181, stale: true }],
  ])('at %s', (now, expected) => {
    expect(knowledgeBaseAge(kb, new Date(now), 180)).toEqual(expected);
  });

  it('compiles the dates once per knowledge base', () => {
    expect(compileKnowledge(kb)).toBe(compileKnowledge(kb));
    expect(compileKnowledge(kb).eksSorted.at(-1)?.release.minor).toBe('1.36');
  });
});
