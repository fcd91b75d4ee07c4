import { z } from 'zod';
import { parseIsoInstant } from '../parse/values';
import {
  Ec2InstanceFacts,
  EksRelease,
  FargateComputePrices,
  FargateLimitFacts,
  FargateTaskSize,
  KnowledgeBase,
  KubernetesRelease,
  NodeAllocatableFacts,
  PeopleCostFacts,
  PriceFacts,
  SourcedNumber,
} from './types';

const isoDate = z
  .string({ error: 'expected a date as YYYY-MM-DD' })
  .refine(
    text => /^\d{4}-\d{2}-\d{2}$/.test(text) && parseIsoInstant(text).ok,
    {
      error: 'expected a real date as YYYY-MM-DD',
    },
  );
const minorVersion = z
  .string({ error: 'expected a minor version such as 1.37' })
  .regex(/^1\.\d{1,3}$/, 'expected a minor version such as 1.37');
const provenance = {
  sources: z.array(z.string()).optional(),
  unconfirmed: z.boolean().optional(),
  secondary: z.boolean().optional(),
  note: z.string().optional(),
};

const kubernetesReleaseSchema = z
  .strictObject({
    minor: minorVersion,
    ga: isoDate,
    maintenanceStart: isoDate.optional(),
    endOfLife: isoDate.optional(),
    actualEndOfLife: isoDate.optional(),
    lastPatch: z.string().optional(),
    ...provenance,
  })
  .superRefine((release, ctx) => {
    if (release.maintenanceStart && release.maintenanceStart <= release.ga) {
      ctx.addIssue({
        code: 'custom',
        path: ['maintenanceStart'],
        message: `maintenanceStart ${release.maintenanceStart} must come after ga ${release.ga}`,
      });
    }
    if (release.endOfLife && release.endOfLife <= release.ga) {
      ctx.addIssue({
        code: 'custom',
        path: ['endOfLife'],
        message: `endOfLife ${release.endOfLife} must come after ga ${release.ga}`,
      });
    }
  });

const eksReleaseSchema = z
  .strictObject({
    minor: minorVersion,
    released: isoDate,
    endOfStandardSupport: isoDate,
    endOfExtendedSupport: isoDate,
    ...provenance,
  })
  .superRefine((release, ctx) => {
    if (release.endOfStandardSupport <= release.released) {
      ctx.addIssue({
        code: 'custom',
        path: ['endOfStandardSupport'],
        message: `endOfStandardSupport ${release.endOfStandardSupport} must come after released ${release.released}`,
      });
    }
    if (release.endOfExtendedSupport <= release.endOfStandardSupport) {
      ctx.addIssue({
        code: 'custom',
        path: ['endOfExtendedSupport'],
        message: `endOfExtendedSupport ${release.endOfExtendedSupport} must come after endOfStandardSupport ${release.endOfStandardSupport}`,
      });
    }
  });

const positive = z
  .number({ error: 'expected a number' })
  .positive('expected a positive number');
const nonNegative = z
  .number({ error: 'expected a number' })
  .min(0, 'expected 0 or more');
const fraction = z
  .number({ error: 'expected a fraction between 0 and 1' })
  .min(0, 'expected a fraction between 0 and 1')
  .max(1, 'expected a fraction between 0 and 1');
const wholeNumber = (what: string) =>
  z
    .number({ error: `expected a whole number of ${what}` })
    .int(`expected a whole number of ${what}`)
    .min(0, `expected 0 or more ${what}`);
const taskSizeSchema = z.strictObject({
  vcpu: positive,
  memoryGi: z
    .array(positive, { error: 'expected a list of memory values in GiB' })
    .min(1, 'expected at least one memory value'),
  ...provenance,
});
const fargateOverride = z.strictObject({
  maxVcpu: positive.optional(),
  maxMemoryGi: positive.optional(),
  primaryMaxVcpu: positive.optional(),
  primaryMaxMemoryGi: positive.optional(),
  maxEphemeralStorageGi: positive.optional(),
  /** Replaces the whole list of valid task sizes. */
  taskSizes: z
    .array(taskSizeSchema, { error: 'expected a list of task sizes' })
    .min(1, 'expected at least one task size')
    .optional(),
});
const fargateComputeOverride = z.strictObject({
  perVcpuHourUsd: nonNegative.optional(),
  perGbHourUsd: nonNegative.optional(),
});
const instanceTypeName = z
  .string()
  .regex(
    /^[a-z0-9-]+\.[a-z0-9-]+$/,
    'expected an EC2 instance type such as m7i.large',
  );
const ec2Override = z.strictObject({
  vcpu: positive.optional(),
  memoryGi: positive.optional(),
  gpu: wholeNumber('GPUs').optional(),
  gpuModel: z.string().optional(),
  architecture: z
    .enum(['x86', 'arm'], { error: 'expected x86 or arm' })
    .optional(),
  onDemandPerHourUsd: nonNegative.optional(),
  /** Max pods per node; drives the memory reserve (default 110 for a new type). */
  maxPods: positive.int('expected a whole number of pods').optional(),
  /** Capacity left for workloads; computed from the EKS AMI reserves when omitted. */
  allocatableVcpu: positive.optional(),
  allocatableMemoryGi: positive.optional(),
});
const pricesOverride = z.strictObject({
  region: z.string().min(1, 'expected a region such as us-east-1').optional(),
  hoursPerMonth: positive.optional(),
  fargate: z
    .strictObject({
      x86: fargateComputeOverride.optional(),
      arm: fargateComputeOverride.optional(),
      ephemeralStoragePerGbHourUsd: nonNegative.optional(),
      includedEphemeralStorageGb: nonNegative.optional(),
      spotMaxDiscount: fraction.optional(),
    })
    .optional(),
  ebsGp3PerGbMonthUsd: nonNegative.optional(),
  ebsGp3PerIopsMonthUsd: nonNegative.optional(),
  ebsGp3PerMibpsMonthUsd: nonNegative.optional(),
  eksAutoModeFeeFraction: fraction.optional(),
  eksAutoModeGSeriesFeeReduction: fraction.optional(),
  eksAutoModePSeriesFeeReduction: fraction.optional(),
  ecsManagedInstancesFeeFraction: fraction.optional(),
  ecsAnywherePerInstanceHourUsd: nonNegative.optional(),
  eksHybridNodesPerVcpuHourUsd: nonNegative.optional(),
  eksAnywhereSubscriptionPerClusterYearUsd: z
    .strictObject({
      oneYearTerm: nonNegative.optional(),
      threeYearTerm: nonNegative.optional(),
    })
    .optional(),
  /** Instance types to add, or figures of known ones to replace. */
  ec2: z
    .record(instanceTypeName, ec2Override, {
      error: 'expected instance types with their figures',
    })
    .optional(),
});
const PEOPLE_COST_KEYS = [
  'upgradesPerClusterYear',
  'eksStandardSupportMonths',
  'upgradeEffortWeeksClaim',
  'opsHoursPerMonthSelfManagedNodes',
  'opsHoursPerMonthAutoMode',
  'managedPagingPerMonthUsd',
  'incidentWorkdaysPerYear',
  'changeRelatedIncidentShare',
  'troubleshootingTimeShare',
  'resolvedWithoutEscalationShare',
  'averageClustersPerAdopter',
  'heldBackBySkillsShare',
  'misjudgedComplexityShare',
  'slowOnboardingShare',
  'selfManagedUpgradeOutageMinutes',
  'controlPlaneOverloadOutageMinutes',
  'platformTeamShare',
] as const satisfies ReadonlyArray<keyof PeopleCostFacts>;
const peopleCostOverride = z.strictObject(
  Object.fromEntries(
    PEOPLE_COST_KEYS.map(key => [key, nonNegative.optional()]),
  ) as Record<
    (typeof PEOPLE_COST_KEYS)[number],
    z.ZodOptional<typeof nonNegative>
  >,
);

/**
 * Schema of `orchestration.knowledgeBase`: rows to add or replace (matched by
 * minor version) and figures to override.
 *
 * @public
 */
export const knowledgeBaseOverridesSchema = z.strictObject({
  asOf: isoDate.optional(),
  version: z.string().optional(),
  kubernetesReleases: z.array(kubernetesReleaseSchema).optional(),
  eksReleases: z.array(eksReleaseSchema).optional(),
  fargate: z
    .strictObject({
      ecs: fargateOverride.optional(),
      eks: fargateOverride.optional(),
    })
    .optional(),
  costs: z
    .strictObject({
      eksStandardPerClusterHourUsd: positive.optional(),
      eksExtendedPerClusterHourUsd: positive.optional(),
    })
    .optional(),
  prices: pricesOverride.optional(),
  peopleCost: peopleCostOverride.optional(),
});

/**
 * Overrides of the knowledge base, as written in configuration.
 *
 * @public
 */
export type KnowledgeBaseOverrides = z.input<
  typeof knowledgeBaseOverridesSchema
>;

/**
 * The knowledge base after overrides, or the errors found in them.
 *
 * @public
 */
export type ResolveKnowledgeBaseResult =
  | { ok: true; knowledgeBase: KnowledgeBase }
  | { ok: false; errors: string[] };

function minorNumber(minor: string): number {
  return Number(minor.slice(minor.indexOf('.') + 1));
}

function mergeRows<T extends { minor: string }>(
  base: T[],
  overrides: T[],
): T[] {
  const byMinor = new Map(base.map(row => [row.minor, row]));
  for (const row of overrides) byMinor.set(row.minor, row);
  return [...byMinor.values()].sort(
    (a, b) => minorNumber(a.minor) - minorNumber(b.minor),
  );
}

/**
 * Layers configuration overrides over a knowledge base. Rows are matched by
 * minor version, so a new Kubernetes minor can be added (or a planned date
 * confirmed) without a new release. Rows from configuration cite the source
 * `config` unless they name their own. Never throws.
 *
 * @param base - usually {@link DEFAULT_KNOWLEDGE_BASE}
 * @param overrides - the `orchestration.knowledgeBase` section (unvalidated)
 * @public
 */
export function resolveKnowledgeBase(
  base: KnowledgeBase,
  overrides: unknown,
): ResolveKnowledgeBaseResult {
  if (overrides === undefined || overrides === null) {
    return { ok: true, knowledgeBase: base };
  }
  const parsed = knowledgeBaseOverridesSchema.safeParse(overrides);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map(issue => {
        const path = [
          'orchestration',
          'knowledgeBase',
          ...issue.path.map(String),
        ].join('.');
        if (issue.code === 'unrecognized_keys') {
          return `${path}: unknown key${
            issue.keys.length > 1 ? 's' : ''
          } ${issue.keys.join(', ')}`;
        }
        if (issue.code === 'invalid_key' && issue.issues[0]) {
          return `${path}: ${issue.issues[0].message}`;
        }
        return `${path}: ${issue.message}`;
      }),
    };
  }
  const input = parsed.data;
  const errors: string[] = [];
  const withSources = <T extends { sources?: string[] }>(row: T) => ({
    ...row,
    sources: row.sources ?? ['config'],
  });
  const knowledgeBase: KnowledgeBase = {
    ...base,
    // Mark data changed by configuration so readers know it is not the shipped set.
    version: input.version ?? `${base.version}+config`,
    asOf: input.asOf ?? base.asOf,
    kubernetesReleases: mergeRows<KubernetesRelease>(
      base.kubernetesReleases,
      (input.kubernetesReleases ?? []).map(withSources),
    ),
    eksReleases: mergeRows<EksRelease>(
      base.eksReleases,
      (input.eksReleases ?? []).map(withSources),
    ),
    fargate: {
      ecs: resolveFargate(base.fargate.ecs, input.fargate?.ecs),
      eks: resolveFargate(base.fargate.eks, input.fargate?.eks),
    },
    costs: {
      ...base.costs,
      eksStandardPerClusterHourUsd: configured(
        base.costs.eksStandardPerClusterHourUsd,
        input.costs?.eksStandardPerClusterHourUsd,
      ),
      eksExtendedPerClusterHourUsd: configured(
        base.costs.eksExtendedPerClusterHourUsd,
        input.costs?.eksExtendedPerClusterHourUsd,
      ),
    },
    prices: resolvePrices(base.prices, input.prices, errors),
    peopleCost: resolvePeopleCost(base.peopleCost, input.peopleCost),
  };
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, knowledgeBase };
}

/**
 * A figure replaced from configuration: same unit, `config` as its source,
 * and none of the flags or notes of the figure it replaces.
 */
function configured<T extends SourcedNumber>(
  base: T,
  value: number | undefined,
): T {
  if (value === undefined) return base;
  const {
    secondary: _secondary,
    unconfirmed: _unconfirmed,
    note: _note,
    asOf: _asOf,
    maxValue: _maxValue,
    ...rest
  } = base as T & { asOf?: string; maxValue?: number };
  const result: SourcedNumber & { evidence?: string } = {
    ...rest,
    value,
    sources: ['config'],
  };
  if ('evidence' in base) result.evidence = 'configuration';
  return result as T;
}

function resolveFargate(
  base: FargateLimitFacts,
  input: z.output<typeof fargateOverride> | undefined,
): FargateLimitFacts {
  if (!input) return base;
  const { taskSizes, ...limits } = input;
  const resolved: FargateLimitFacts = { ...base, ...definedOnly(limits) };
  if (taskSizes) {
    resolved.taskSizes = taskSizes
      .map(
        (size): FargateTaskSize => ({
          ...size,
          memoryGi: [...size.memoryGi].sort((a, b) => a - b),
          sources: size.sources ?? ['config'],
        }),
      )
      .sort((a, b) => a.vcpu - b.vcpu);
  }
  return resolved;
}

function resolveCompute(
  base: FargateComputePrices,
  input: z.output<typeof fargateComputeOverride> | undefined,
): FargateComputePrices {
  return {
    perVcpuHourUsd: configured(base.perVcpuHourUsd, input?.perVcpuHourUsd),
    perGbHourUsd: configured(base.perGbHourUsd, input?.perGbHourUsd),
  };
}

function resolvePrices(
  base: PriceFacts,
  input: z.output<typeof pricesOverride> | undefined,
  errors: string[],
): PriceFacts {
  if (!input) return base;
  const fargate = input.fargate;
  const prices: PriceFacts = {
    ...base,
    region: input.region ?? base.region,
    hoursPerMonth: configured(base.hoursPerMonth, input.hoursPerMonth),
    fargate: {
      ...base.fargate,
      x86: resolveCompute(base.fargate.x86, fargate?.x86),
      arm: resolveCompute(base.fargate.arm, fargate?.arm),
      ephemeralStoragePerGbHourUsd: configured(
        base.fargate.ephemeralStoragePerGbHourUsd,
        fargate?.ephemeralStoragePerGbHourUsd,
      ),
      includedEphemeralStorageGb: configured(
        base.fargate.includedEphemeralStorageGb,
        fargate?.includedEphemeralStorageGb,
      ),
      spotMaxDiscount: configured(
        base.fargate.spotMaxDiscount,
        fargate?.spotMaxDiscount,
      ),
    },
    eksAnywhereSubscriptionPerClusterYearUsd: {
      oneYearTerm: configured(
        base.eksAnywhereSubscriptionPerClusterYearUsd.oneYearTerm,
        input.eksAnywhereSubscriptionPerClusterYearUsd?.oneYearTerm,
      ),
      threeYearTerm: configured(
        base.eksAnywhereSubscriptionPerClusterYearUsd.threeYearTerm,
        input.eksAnywhereSubscriptionPerClusterYearUsd?.threeYearTerm,
      ),
    },
    ec2: { ...base.ec2 },
  };
  for (const key of [
    'ebsGp3PerGbMonthUsd',
    'ebsGp3PerIopsMonthUsd',
    'ebsGp3PerMibpsMonthUsd',
    'eksAutoModeFeeFraction',
    'eksAutoModeGSeriesFeeReduction',
    'eksAutoModePSeriesFeeReduction',
    'ecsManagedInstancesFeeFraction',
    'ecsAnywherePerInstanceHourUsd',
    'eksHybridNodesPerVcpuHourUsd',
  ] as const) {
    (prices as unknown as Record<string, SourcedNumber>)[key] = configured(
      base[key] as SourcedNumber,
      input[key],
    );
  }
  for (const [type, override] of Object.entries(input.ec2 ?? {})) {
    const resolved = resolveInstance(type, base.ec2[type], override, errors);
    if (resolved) prices.ec2[type] = resolved;
  }
  return prices;
}

function resolveInstance(
  type: string,
  base: Ec2InstanceFacts | undefined,
  input: z.output<typeof ec2Override>,
  errors: string[],
): Ec2InstanceFacts | undefined {
  const where = `orchestration.knowledgeBase.prices.ec2.${type}`;
  const vcpu = input.vcpu ?? base?.vcpu;
  const memoryGi = input.memoryGi ?? base?.memoryGi;
  const price = input.onDemandPerHourUsd ?? base?.onDemandPerHourUsd.value;
  if (vcpu === undefined || memoryGi === undefined || price === undefined) {
    errors.push(
      `${where}: a new instance type needs vcpu, memoryGi and onDemandPerHourUsd`,
    );
    return undefined;
  }
  const maxPods = input.maxPods ?? base?.allocatable.maxPods ?? 110;
  const sizeChanged =
    !base ||
    vcpu !== base.vcpu ||
    memoryGi !== base.memoryGi ||
    maxPods !== base.allocatable.maxPods;
  let allocatable: NodeAllocatableFacts;
  if (
    input.allocatableVcpu !== undefined ||
    input.allocatableMemoryGi !== undefined
  ) {
    const computed = allocatableOnEksAmi(vcpu, memoryGi, maxPods);
    allocatable = {
      vcpu: input.allocatableVcpu ?? computed.vcpu,
      memoryGi: input.allocatableMemoryGi ?? computed.memoryGi,
      maxPods,
      sources: ['config'],
    };
  } else if (sizeChanged) {
    allocatable = {
      ...allocatableOnEksAmi(vcpu, memoryGi, maxPods),
      maxPods,
      sources: ['S54'],
      note: `computed from the EKS AMI reserves with ${maxPods} pods per node`,
    };
  } else {
    allocatable = base.allocatable;
  }
  if (
    allocatable.vcpu <= 0 ||
    allocatable.memoryGi <= 0 ||
    allocatable.vcpu > vcpu ||
    allocatable.memoryGi > memoryGi
  ) {
    errors.push(
      `${where}: allocatable capacity (${allocatable.vcpu} vCPU, ${allocatable.memoryGi} GiB) must be positive and within the instance size (${vcpu} vCPU, ${memoryGi} GiB)`,
    );
    return undefined;
  }
  const gpu = input.gpu ?? base?.gpu ?? 0;
  const gpuModel = input.gpuModel ?? base?.gpuModel;
  return {
    vcpu,
    memoryGi,
    gpu,
    ...(gpuModel !== undefined && { gpuModel }),
    architecture: input.architecture ?? base?.architecture ?? 'x86',
    onDemandPerHourUsd:
      base && input.onDemandPerHourUsd === undefined
        ? base.onDemandPerHourUsd
        : {
            value: price,
            unit: 'USD per instance-hour',
            sources: ['config'],
          },
    allocatable,
  };
}

function resolvePeopleCost(
  base: PeopleCostFacts,
  input: z.output<typeof peopleCostOverride> | undefined,
): PeopleCostFacts {
  if (!input) return base;
  const result = { ...base };
  for (const key of PEOPLE_COST_KEYS) {
    result[key] = configured(base[key], input[key]);
  }
  return result;
}

/**
 * Capacity of one node left for pods under the reserves of the
 * EKS-optimized AMI (S54), before DaemonSets: CPU keeps back 6% of the
 * first core, 1% of the second, 0.5% of the third and fourth and 0.25% of
 * the rest; memory keeps back 11 MiB per pod plus 255 MiB, and 100 MiB more
 * for the eviction threshold. Results are rounded down to 0.01.
 *
 * @param vcpu - vCPUs of the instance type
 * @param memoryGi - memory of the instance type, GiB
 * @param maxPods - max pods per node (drives the memory reserve)
 * @public
 */
export function allocatableOnEksAmi(
  vcpu: number,
  memoryGi: number,
  maxPods: number,
): { vcpu: number; memoryGi: number } {
  const cores = [
    [1, 0.06],
    [1, 0.01],
    [2, 0.005],
    [Infinity, 0.0025],
  ] as const;
  let reservedCpu = 0;
  let left = vcpu;
  for (const [count, share] of cores) {
    const taken = Math.min(left, count);
    reservedCpu += taken * share;
    left -= taken;
    if (left <= 0) break;
  }
  const reservedMiB = 11 * maxPods + 255 + 100;
  const floor2 = (value: number) => Math.floor(value * 100 + 1e-9) / 100;
  return {
    vcpu: floor2(vcpu - reservedCpu),
    memoryGi: floor2((memoryGi * 1024 - reservedMiB) / 1024),
  };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  const result: Partial<T> = {};
  if (!value) return result;
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) (result as Record<string, unknown>)[key] = entry;
  }
  return result;
}

const DAY_MS = 86_400_000;

/**
 * A Kubernetes release with its dates as epoch milliseconds.
 *
 * @internal
 */
export interface CompiledKubernetesRelease {
  release: KubernetesRelease;
  minor: number;
  gaMs: number;
  /** Actual end of life when known, else the planned one. */
  endOfLife?: string;
  endOfLifeMs?: number;
}

/**
 * An EKS release with its dates as epoch milliseconds.
 *
 * @internal
 */
export interface CompiledEksRelease {
  release: EksRelease;
  minor: number;
  releasedMs: number;
  endOfStandardMs: number;
  endOfExtendedMs: number;
}

/**
 * A knowledge base prepared for fast lookups: dates parsed once.
 *
 * @internal
 */
export interface CompiledKnowledge {
  knowledgeBase: KnowledgeBase;
  asOfMs: number;
  kubernetes: Map<number, CompiledKubernetesRelease>;
  /** Confirmed releases, oldest first. */
  confirmedKubernetes: CompiledKubernetesRelease[];
  eks: Map<number, CompiledEksRelease>;
  eksSorted: CompiledEksRelease[];
}

const compiledCache = new WeakMap<KnowledgeBase, CompiledKnowledge>();

function dateMs(text: string): number {
  const parsed = parseIsoInstant(text);
  return parsed.ok ? parsed.value.epochMs : NaN;
}

/**
 * Parses the dates of a knowledge base once; cached per object.
 *
 * @internal
 */
export function compileKnowledge(
  knowledgeBase: KnowledgeBase,
): CompiledKnowledge {
  const cached = compiledCache.get(knowledgeBase);
  if (cached) return cached;
  const kubernetes = new Map<number, CompiledKubernetesRelease>();
  for (const release of knowledgeBase.kubernetesReleases) {
    const endOfLife = release.actualEndOfLife ?? release.endOfLife;
    const compiled: CompiledKubernetesRelease = {
      release,
      minor: minorNumber(release.minor),
      gaMs: dateMs(release.ga),
    };
    if (endOfLife) {
      compiled.endOfLife = endOfLife;
      compiled.endOfLifeMs = dateMs(endOfLife);
    }
    kubernetes.set(compiled.minor, compiled);
  }
  const eks = new Map<number, CompiledEksRelease>();
  for (const release of knowledgeBase.eksReleases) {
    eks.set(minorNumber(release.minor), {
      release,
      minor: minorNumber(release.minor),
      releasedMs: dateMs(release.released),
      endOfStandardMs: dateMs(release.endOfStandardSupport),
      endOfExtendedMs: dateMs(release.endOfExtendedSupport),
    });
  }
  const byMinor = <T extends { minor: number }>(a: T, b: T) =>
    a.minor - b.minor;
  const compiled: CompiledKnowledge = {
    knowledgeBase,
    asOfMs: dateMs(knowledgeBase.asOf),
    kubernetes,
    confirmedKubernetes: [...kubernetes.values()]
      .filter(release => !release.release.unconfirmed)
      .sort(byMinor),
    eks,
    eksSorted: [...eks.values()].sort(byMinor),
  };
  compiledCache.set(knowledgeBase, compiled);
  return compiled;
}

/**
 * Whether a knowledge base is older than `maxAgeDays` at `now`, and by how
 * many days.
 *
 * @public
 */
export function knowledgeBaseAge(
  knowledgeBase: KnowledgeBase,
  now: Date,
  maxAgeDays: number,
): { ageDays: number; stale: boolean } {
  const { asOfMs } = compileKnowledge(knowledgeBase);
  const ageDays = Math.floor((now.getTime() - asOfMs) / DAY_MS);
  return { ageDays, stale: ageDays > maxAgeDays };
}
