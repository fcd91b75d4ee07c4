import { z } from 'zod';
import { PLATFORM_IDS, PlatformId } from './annotations';
import { DEFAULT_CLUSTER_FACT_FRESHNESS_MINUTES } from './clusterFacts/freshness';
import {
  REPORTABLE_CLUSTER_FACT_NAMES,
  ReportableClusterFactName,
} from './clusterFacts/keys';
import { WEIGHTED_RULE_IDS, WeightedRuleId } from './engine/ruleIds';
import { OBLIGATION_IDS, ObligationId } from './engine/types';
import { DEFAULT_KNOWLEDGE_BASE } from './knowledge/data';
import {
  knowledgeBaseOverridesSchema,
  resolveKnowledgeBase,
} from './knowledge/knowledgeBase';
import { CpuArchitecture, KnowledgeBase } from './knowledge/types';
import { parseDuration } from './parse/values';

/**
 * Thresholds used by the rules and obligations.
 *
 * @public
 */
export interface OrchestrationThresholds {
  /** Owner teams with at most this many members count as small. */
  smallTeamSize: number;
  /** The most etcd state, in minutes, that may be lost. */
  recoveryPointObjectiveMinutes: number;
  /** Warn when the earliest certificate expires within this many days. */
  certificateWarningDays: number;
  /** Critical when the earliest certificate expires within this many days. */
  certificateCriticalDays: number;
  /** Platforms within this many fit points of the best are near-ties. */
  nearTieMargin: number;
  /** The recommendation must beat the current platform by this many points to suggest a migration (unless the current one is blocked or poor). */
  migrationMargin: number;
  /** A recommendation that no missing input can change is `high` confidence only when it leads by at least this many points. */
  confidentLead: number;
  /** An EKS version this close (in days) to the end of its extended support is critical. */
  eksExtendedSupportCriticalDays: number;
  /** The knowledge base is called stale past this many days after its `asOf` date. */
  staleKnowledgeDays: number;
  /** Warn when a version's support ends within this many days. */
  upgradeWarningDays: number;
  /** Pod IP usage, in percent, that triggers a warning. */
  podIpWarningPercent: number;
  /** Pod IP usage, in percent, that is critical. */
  podIpCriticalPercent: number;
  /** A last etcd backup older than this many recovery-point objectives (or intervals, if longer) is critical. */
  etcdBackupStaleFactor: number;
  /** Lowest fit with verdict `good`. */
  goodFit: number;
  /** Lowest fit with verdict `possible`. */
  possibleFit: number;
}

/**
 * Points per rule and platform: positive favours, negative disfavours, zero
 * switches the rule off for that platform.
 *
 * @public
 */
export type RuleWeights = Record<
  WeightedRuleId,
  Partial<Record<PlatformId, number>>
>;

/**
 * The platforms whose cost includes the people time of running Kubernetes.
 *
 * @public
 */
export const KUBERNETES_COST_PLATFORMS = [
  'eks',
  'self-managed-kubernetes',
] as const;

/** @public */
export type KubernetesCostPlatform = (typeof KUBERNETES_COST_PLATFORMS)[number];

/**
 * Settings of the cost estimate (`orchestration.cost`). Prices come from the
 * knowledge base; these are the assumptions a cost rests on, each stated
 * with the figure it produces.
 *
 * @public
 */
export interface OrchestrationCostOptions {
  /** Region the prices are for; must match `knowledgeBase.prices.region`. */
  region: string;
  /** Fargate prices and the default node type follow it. */
  architecture: CpuArchitecture;
  /** Copies assumed when `orchestration.io/replicas` is missing. */
  defaultReplicas: number;
  /** Share of a node's allocatable capacity that tasks actually fill (0-1). */
  packingEfficiency: number;
  /** Node type for ECS on EC2 and Kubernetes worker and control-plane nodes. */
  ec2InstanceType: string;
  /** Node type when a task needs a GPU. */
  gpuInstanceType: string;
  /** Fewest nodes a service runs on (one per availability zone). */
  minimumNodes: number;
  /** Root EBS disk of each node, GB. */
  nodeDiskGb: number;
  /** Services sharing one cluster's control-plane fee, control-plane nodes and people time. */
  servicesPerCluster: number;
  /** Control-plane instances of a self-managed cluster (etcd on the same nodes). */
  controlPlaneNodes: number;
  /** Cost of one engineer-hour, USD. An assumption, not a sourced figure. */
  engineerHourlyUsd: number;
  /** Engineer-hours of one control-plane upgrade of one cluster. */
  hoursPerUpgrade: Record<KubernetesCostPlatform, number>;
  /** Engineer-hours a year per cluster for each obligation. */
  peopleHoursPerYear: Record<
    KubernetesCostPlatform,
    Record<ObligationId, number>
  >;
  /** Price ECS on EC2 as ECS Managed Instances (adds the management fee). */
  ecsManagedInstances: boolean;
  /** Price EKS nodes as EKS Auto Mode (adds the management fee). */
  eksAutoMode: boolean;
}

/**
 * How facts reported by automation are trusted
 * (`orchestration.clusterFacts`).
 *
 * @public
 */
export interface ClusterFactsOptions {
  /**
   * How long a reported fact is used, in minutes, per fact name (the
   * annotation key without `orchestration.io/`). Older reports are stale.
   */
  freshnessMinutes: Readonly<Record<ReportableClusterFactName, number>>;
}

/**
 * Default trust in reported facts.
 *
 * @public
 */
export const DEFAULT_CLUSTER_FACTS_OPTIONS: ClusterFactsOptions = {
  freshnessMinutes: DEFAULT_CLUSTER_FACT_FRESHNESS_MINUTES,
};

/**
 * Fully resolved options of the decision engine.
 *
 * @public
 */
export interface OrchestrationOptions {
  /** Group entity refs treated as platform teams, in addition to annotated Groups. */
  platformTeams: string[];
  thresholds: OrchestrationThresholds;
  /** Fit each platform starts from before any rule applies. */
  baseFit: Record<PlatformId, number>;
  weights: RuleWeights;
  knowledgeBase: KnowledgeBase;
  cost: OrchestrationCostOptions;
  clusterFacts: ClusterFactsOptions;
}

/**
 * Default thresholds.
 *
 * @public
 */
export const DEFAULT_THRESHOLDS: OrchestrationThresholds = {
  smallTeamSize: 8,
  recoveryPointObjectiveMinutes: 15,
  certificateWarningDays: 30,
  certificateCriticalDays: 7,
  nearTieMargin: 5,
  migrationMargin: 20,
  confidentLead: 10,
  eksExtendedSupportCriticalDays: 60,
  staleKnowledgeDays: 180,
  upgradeWarningDays: 90,
  podIpWarningPercent: 80,
  podIpCriticalPercent: 95,
  etcdBackupStaleFactor: 2,
  goodFit: 65,
  possibleFit: 40,
};

/**
 * Default fit before rules.
 *
 * @public
 */
export const DEFAULT_BASE_FIT: Record<PlatformId, number> = {
  'ecs-fargate': 50,
  'ecs-ec2': 50,
  eks: 50,
  'self-managed-kubernetes': 50,
};

/**
 * Default rule weights.
 *
 * `SELF-MANAGED-ONLY-WHEN` adds its weight when a self-managed control plane
 * is justified and takes the same amount off otherwise.
 *
 * @public
 */
export const DEFAULT_RULE_WEIGHTS: RuleWeights = {
  'ECS-SIMPLE': { 'ecs-fargate': 10, 'ecs-ec2': 10 },
  'ECS-SMALL-TEAM': { 'ecs-fargate': 10, 'ecs-ec2': 10 },
  'ECS-AWS-INTEGRATION': { 'ecs-fargate': 10, 'ecs-ec2': 10 },
  'ECS-FARGATE': { 'ecs-fargate': 10 },
  'ECS-AWS-ONLY': { 'ecs-fargate': 5, 'ecs-ec2': 5 },
  'K8S-PORTABILITY': {
    'ecs-fargate': -20,
    'ecs-ec2': -20,
    eks: 20,
    'self-managed-kubernetes': 20,
  },
  'K8S-SCHEDULING': { eks: 15, 'self-managed-kubernetes': 15 },
  'K8S-ECOSYSTEM': {
    'ecs-fargate': -10,
    'ecs-ec2': -10,
    eks: 15,
    'self-managed-kubernetes': 15,
  },
  'K8S-PLATFORM-TEAM': { eks: 10, 'self-managed-kubernetes': 10 },
  'K8S-STATEFUL': {
    'ecs-fargate': -10,
    'ecs-ec2': -10,
    eks: 15,
    'self-managed-kubernetes': 15,
  },
  'AVOID-K8S-NO-NEED': { eks: -15, 'self-managed-kubernetes': -15 },
  'AVOID-K8S-NO-TEAM': { eks: -15, 'self-managed-kubernetes': -20 },
  'AVOID-K8S-SIMPLE': { eks: -10, 'self-managed-kubernetes': -10 },
  'EKS-MANAGED': { eks: 10 },
  'SELF-MANAGED-ONLY-WHEN': { 'self-managed-kubernetes': 10 },
};

/**
 * Default engineer-hours of one control-plane upgrade of one cluster. No
 * primary figure exists (facts section 14): a vendor claims 4-6
 * engineer-weeks for one minor across three regions of a mid-size EKS
 * estate. These defaults stay well below that and are assumptions.
 *
 * @public
 */
export const DEFAULT_HOURS_PER_UPGRADE: Record<KubernetesCostPlatform, number> =
  {
    eks: 16,
    'self-managed-kubernetes': 40,
  };

/**
 * Default engineer-hours a year per cluster for the obligations other than
 * upgrades (which are upgrades a year x hours per upgrade). Assumptions, kept
 * modest: a vendor illustration puts three clusters of about 12 nodes at
 * about 80 operations hours a month with self-run node scaling and 35 on
 * EKS Auto Mode (facts section 14). On EKS, AWS runs etcd and the
 * control-plane certificates.
 *
 * @public
 */
export const DEFAULT_PEOPLE_HOURS_PER_YEAR: Record<
  KubernetesCostPlatform,
  Omit<Record<ObligationId, number>, 'kubernetes-upgrades'>
> = {
  eks: {
    'etcd-backups': 0,
    'certificate-rotation': 0,
    'cni-ip-capacity': 8,
    'control-plane-monitoring': 8,
  },
  'self-managed-kubernetes': {
    'etcd-backups': 24,
    'certificate-rotation': 16,
    'cni-ip-capacity': 16,
    'control-plane-monitoring': 24,
  },
};

function peopleHours(
  upgradesPerYear: number,
  hoursPerUpgrade: Record<KubernetesCostPlatform, number>,
): Record<KubernetesCostPlatform, Record<ObligationId, number>> {
  const result = {} as Record<
    KubernetesCostPlatform,
    Record<ObligationId, number>
  >;
  for (const platform of KUBERNETES_COST_PLATFORMS) {
    result[platform] = {
      'kubernetes-upgrades': upgradesPerYear * hoursPerUpgrade[platform],
      ...DEFAULT_PEOPLE_HOURS_PER_YEAR[platform],
    };
  }
  return result;
}

/**
 * Default settings of the cost estimate.
 *
 * @public
 */
export const DEFAULT_COST_OPTIONS: OrchestrationCostOptions = {
  region: DEFAULT_KNOWLEDGE_BASE.prices.region,
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
  hoursPerUpgrade: DEFAULT_HOURS_PER_UPGRADE,
  peopleHoursPerYear: peopleHours(
    DEFAULT_KNOWLEDGE_BASE.peopleCost.upgradesPerClusterYear.value,
    DEFAULT_HOURS_PER_UPGRADE,
  ),
  ecsManagedInstances: false,
  eksAutoMode: false,
};

/** Default node type per architecture. */
const DEFAULT_INSTANCE_TYPE: Record<CpuArchitecture, string> = {
  x86: 'm7i.large',
  arm: 'm7g.large',
};

/**
 * The options used when none are given.
 *
 * @public
 */
export const DEFAULT_ORCHESTRATION_OPTIONS: OrchestrationOptions = {
  platformTeams: [],
  thresholds: DEFAULT_THRESHOLDS,
  baseFit: DEFAULT_BASE_FIT,
  weights: denseWeights(DEFAULT_RULE_WEIGHTS),
  knowledgeBase: DEFAULT_KNOWLEDGE_BASE,
  cost: DEFAULT_COST_OPTIONS,
  clusterFacts: DEFAULT_CLUSTER_FACTS_OPTIONS,
};

const weight = z
  .number({ error: 'expected a number of fit points' })
  .min(-100, 'a weight must be between -100 and 100')
  .max(100, 'a weight must be between -100 and 100');
const platformWeights = z.strictObject(
  Object.fromEntries(PLATFORM_IDS.map(id => [id, weight.optional()])) as Record<
    PlatformId,
    z.ZodOptional<typeof weight>
  >,
);
const positiveInt = (what: string) =>
  z
    .number({ error: `expected a whole number of ${what}` })
    .int(`expected a whole number of ${what}`)
    .positive(`expected a positive number of ${what}`);
const percent = z
  .number({ error: 'expected a percentage' })
  .min(0, 'expected a percentage between 0 and 100')
  .max(100, 'expected a percentage between 0 and 100');
const fit = z
  .number({ error: 'expected a fit between 0 and 100' })
  .min(0, 'expected a fit between 0 and 100')
  .max(100, 'expected a fit between 0 and 100');
const durationMinutes = z.unknown().transform((value, ctx) => {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) {
    return value;
  }
  if (typeof value === 'string') {
    const parsed = parseDuration(value);
    if (parsed.ok) return parsed.value.minutes;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  ctx.addIssue({
    code: 'custom',
    message: 'expected a duration such as 15m or a whole number of minutes',
  });
  return z.NEVER;
});

const thresholdsSchema = z.strictObject({
  smallTeamSize: positiveInt('members').optional(),
  recoveryPointObjective: durationMinutes.optional(),
  certificateWarningDays: positiveInt('days').optional(),
  certificateCriticalDays: positiveInt('days').optional(),
  nearTieMargin: z
    .number({ error: 'expected a number of fit points' })
    .min(0, 'expected 0 or more fit points')
    .optional(),
  migrationMargin: z
    .number({ error: 'expected a number of fit points' })
    .min(0, 'expected 0 or more fit points')
    .optional(),
  confidentLead: z
    .number({ error: 'expected a number of fit points' })
    .min(0, 'expected 0 or more fit points')
    .optional(),
  eksExtendedSupportCriticalDays: positiveInt('days').optional(),
  staleKnowledgeDays: positiveInt('days').optional(),
  upgradeWarningDays: positiveInt('days').optional(),
  podIpWarningPercent: percent.optional(),
  podIpCriticalPercent: percent.optional(),
  etcdBackupStaleFactor: z
    .number({ error: 'expected a number' })
    .min(1, 'expected a factor of at least 1')
    .optional(),
  goodFit: fit.optional(),
  possibleFit: fit.optional(),
});

const hours = z
  .number({ error: 'expected a number of hours' })
  .min(0, 'expected 0 or more hours');
const obligationHours = z.strictObject(
  Object.fromEntries(
    OBLIGATION_IDS.map(id => [id, hours.optional()]),
  ) as Record<ObligationId, z.ZodOptional<typeof hours>>,
);
const costSchema = z.strictObject({
  region: z
    .string({ error: 'expected a region such as us-east-1' })
    .min(1, 'expected a region such as us-east-1')
    .optional(),
  architecture: z
    .enum(['x86', 'arm'], { error: 'expected x86 or arm' })
    .optional(),
  defaultReplicas: positiveInt('replicas').optional(),
  packingEfficiency: z
    .number({ error: 'expected a fraction above 0 and at most 1' })
    .gt(0, 'expected a fraction above 0 and at most 1')
    .max(1, 'expected a fraction above 0 and at most 1')
    .optional(),
  ec2InstanceType: z
    .string({ error: 'expected an EC2 instance type such as m7i.large' })
    .min(1, 'expected an EC2 instance type such as m7i.large')
    .optional(),
  gpuInstanceType: z
    .string({ error: 'expected an EC2 instance type such as g5.xlarge' })
    .min(1, 'expected an EC2 instance type such as g5.xlarge')
    .optional(),
  minimumNodes: positiveInt('nodes').optional(),
  nodeDiskGb: z
    .number({ error: 'expected a number of GB' })
    .min(0, 'expected 0 or more GB')
    .optional(),
  servicesPerCluster: positiveInt('services').optional(),
  controlPlaneNodes: positiveInt('nodes').optional(),
  engineerHourlyUsd: z
    .number({ error: 'expected an amount in USD' })
    .min(0, 'expected 0 or more USD')
    .optional(),
  hoursPerUpgrade: z
    .strictObject({
      eks: hours.optional(),
      'self-managed-kubernetes': hours.optional(),
    })
    .optional(),
  peopleHoursPerYear: z
    .strictObject({
      eks: obligationHours.optional(),
      'self-managed-kubernetes': obligationHours.optional(),
    })
    .optional(),
  ecsManagedInstances: z
    .boolean({ error: 'expected true or false' })
    .optional(),
  eksAutoMode: z.boolean({ error: 'expected true or false' }).optional(),
});

/** A year: trusting a report for longer would make freshness meaningless. */
const MAX_FRESHNESS_MINUTES = 366 * 1440;
const freshness = durationMinutes.pipe(
  z
    .number()
    .max(
      MAX_FRESHNESS_MINUTES,
      'expected a freshness limit of at most 366d; a report older than a year says little about the cluster today',
    ),
);
const clusterFactsSchema = z.strictObject({
  // How long reports are kept is the backend's business (it stores them);
  // its configuration reader checks the value.
  retention: z.unknown().optional(),
  freshness: z
    .strictObject(
      Object.fromEntries(
        REPORTABLE_CLUSTER_FACT_NAMES.map(name => [name, freshness.optional()]),
      ) as Record<ReportableClusterFactName, z.ZodOptional<typeof freshness>>,
    )
    .optional(),
});

/**
 * Schema of the `orchestration` configuration section the engine reads
 * (everything but the backend-only keys); {@link readOrchestrationConfig}
 * applies it with the defaults.
 *
 * @public
 */
export const orchestrationConfigSchema = z.strictObject({
  platformTeams: z
    .array(z.string().min(1, 'expected a group entity ref'), {
      error: 'expected a list of group entity refs',
    })
    .optional(),
  thresholds: thresholdsSchema.optional(),
  baseFit: platformWeights.optional(),
  weights: z
    .strictObject(
      Object.fromEntries(
        WEIGHTED_RULE_IDS.map(id => [id, platformWeights.optional()]),
      ) as Record<WeightedRuleId, z.ZodOptional<typeof platformWeights>>,
    )
    .optional(),
  knowledgeBase: knowledgeBaseOverridesSchema.optional(),
  cost: costSchema.optional(),
  clusterFacts: clusterFactsSchema.optional(),
});

/**
 * The `orchestration` configuration section as written in app-config.
 *
 * @public
 */
export type OrchestrationConfigInput = z.input<
  typeof orchestrationConfigSchema
>;

/**
 * The result of reading configuration: options, or every error found.
 *
 * @public
 */
export type ReadOrchestrationConfigResult =
  | { ok: true; options: OrchestrationOptions }
  | { ok: false; errors: string[] };

/**
 * Formats zod issues as `orchestration.path.to.field: message` lines.
 *
 * @internal
 */
export function formatIssues(prefix: string, error: z.ZodError): string[] {
  return error.issues.map(issue => {
    const path = issue.path.map(String).join('.');
    const where = path ? `${prefix}.${path}` : prefix;
    if (issue.code === 'unrecognized_keys') {
      return `${where}: unknown key${
        issue.keys.length > 1 ? 's' : ''
      } ${issue.keys.join(', ')}`;
    }
    if (issue.code === 'invalid_key' && issue.issues[0]) {
      return `${where}: ${issue.issues[0].message}`;
    }
    return `${where}: ${issue.message}`;
  });
}

function normaliseGroupRef(ref: string): string {
  const trimmed = ref.trim().toLowerCase();
  const withKind = trimmed.includes(':') ? trimmed : `group:${trimmed}`;
  const [kind, rest] = [
    withKind.slice(0, withKind.indexOf(':')),
    withKind.slice(withKind.indexOf(':') + 1),
  ];
  return `${kind}:${rest.includes('/') ? rest : `default/${rest}`}`;
}

/**
 * Keys of the `orchestration` section that only the backend reads (its
 * schedules, API and catalog settings). {@link readOrchestrationConfig}
 * leaves them alone, so one app-config serves the backend and the CLI.
 *
 * @public
 */
export const BACKEND_ONLY_CONFIG_KEYS: readonly string[] = [
  'snapshot',
  'history',
  'api',
  'catalog',
  'notifications',
];

/**
 * Reads the `orchestration` configuration section (a plain object, e.g. from
 * `config.getOptional('orchestration')`) and layers it over the defaults.
 * Never throws: invalid input yields the list of errors, each naming the
 * offending key.
 *
 * @param raw - the `orchestration` section, or undefined for defaults
 * @public
 */
export function readOrchestrationConfig(
  raw: unknown,
): ReadOrchestrationConfigResult {
  if (raw === undefined || raw === null) {
    return { ok: true, options: DEFAULT_ORCHESTRATION_OPTIONS };
  }
  const engineSection =
    typeof raw === 'object' && !Array.isArray(raw)
      ? Object.fromEntries(
          Object.entries(raw as Record<string, unknown>).filter(
            ([key]) => !BACKEND_ONLY_CONFIG_KEYS.includes(key),
          ),
        )
      : raw;
  const parsed = orchestrationConfigSchema.safeParse(engineSection);
  if (!parsed.success) {
    return { ok: false, errors: formatIssues('orchestration', parsed.error) };
  }
  const input = parsed.data;
  const { recoveryPointObjective, ...otherThresholds } = input.thresholds ?? {};
  const thresholds: OrchestrationThresholds = {
    ...DEFAULT_THRESHOLDS,
    ...stripUndefined(otherThresholds),
  };
  if (recoveryPointObjective !== undefined) {
    thresholds.recoveryPointObjectiveMinutes = recoveryPointObjective;
  }
  const errors: string[] = [];
  if (thresholds.certificateCriticalDays > thresholds.certificateWarningDays) {
    errors.push(
      'orchestration.thresholds.certificateCriticalDays: must not exceed certificateWarningDays',
    );
  }
  if (thresholds.podIpWarningPercent > thresholds.podIpCriticalPercent) {
    errors.push(
      'orchestration.thresholds.podIpWarningPercent: must not exceed podIpCriticalPercent',
    );
  }
  if (thresholds.possibleFit > thresholds.goodFit) {
    errors.push(
      'orchestration.thresholds.possibleFit: must not exceed goodFit',
    );
  }
  const weights = { ...DEFAULT_RULE_WEIGHTS };
  for (const [rule, overrides] of Object.entries(input.weights ?? {})) {
    if (!overrides) continue;
    weights[rule as WeightedRuleId] = {
      ...DEFAULT_RULE_WEIGHTS[rule as WeightedRuleId],
      ...stripUndefined(overrides),
    };
  }
  const knowledge = resolveKnowledgeBase(
    DEFAULT_KNOWLEDGE_BASE,
    input.knowledgeBase,
  );
  if (!knowledge.ok) errors.push(...knowledge.errors);
  const cost = knowledge.ok
    ? resolveCost(input.cost, knowledge.knowledgeBase, errors)
    : undefined;
  if (errors.length > 0 || !knowledge.ok || !cost) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    options: {
      platformTeams: (input.platformTeams ?? []).map(normaliseGroupRef),
      thresholds,
      baseFit: { ...DEFAULT_BASE_FIT, ...stripUndefined(input.baseFit ?? {}) },
      weights: denseWeights(weights),
      knowledgeBase: knowledge.knowledgeBase,
      cost,
      clusterFacts: resolveClusterFacts(input.clusterFacts),
    },
  };
}

function resolveClusterFacts(
  input: z.output<typeof clusterFactsSchema> | undefined,
): ClusterFactsOptions {
  if (!input?.freshness) return DEFAULT_CLUSTER_FACTS_OPTIONS;
  return {
    freshnessMinutes: {
      ...DEFAULT_CLUSTER_FACT_FRESHNESS_MINUTES,
      ...stripUndefined(input.freshness),
    },
  };
}

function resolveCost(
  input: z.output<typeof costSchema> | undefined,
  knowledgeBase: KnowledgeBase,
  errors: string[],
): OrchestrationCostOptions | undefined {
  const prices = knowledgeBase.prices;
  const upgradesPerYear = knowledgeBase.peopleCost.upgradesPerClusterYear.value;
  if (
    !input &&
    knowledgeBase.prices === DEFAULT_KNOWLEDGE_BASE.prices &&
    upgradesPerYear ===
      DEFAULT_KNOWLEDGE_BASE.peopleCost.upgradesPerClusterYear.value
  ) {
    return DEFAULT_COST_OPTIONS;
  }
  const where = 'orchestration.cost';
  const found = errors.length;
  const {
    hoursPerUpgrade: hoursInput,
    peopleHoursPerYear: peopleInput,
    ...plain
  } = input ?? {};
  const architecture = plain.architecture ?? DEFAULT_COST_OPTIONS.architecture;
  const cost: OrchestrationCostOptions = {
    ...DEFAULT_COST_OPTIONS,
    ...stripUndefined(plain),
    ec2InstanceType:
      plain.ec2InstanceType ?? DEFAULT_INSTANCE_TYPE[architecture],
    hoursPerUpgrade: {
      ...DEFAULT_HOURS_PER_UPGRADE,
      ...stripUndefined(hoursInput ?? {}),
    },
    peopleHoursPerYear: DEFAULT_COST_OPTIONS.peopleHoursPerYear,
  };
  if (cost.region !== prices.region) {
    errors.push(
      `${where}.region: the knowledge base has prices for ${prices.region}, not ${cost.region}; set orchestration.knowledgeBase.prices (region and figures) for ${cost.region}`,
    );
  }
  const node = prices.ec2[cost.ec2InstanceType];
  if (!node) {
    errors.push(
      `${where}.ec2InstanceType: the knowledge base has no price for ${cost.ec2InstanceType}; add it under orchestration.knowledgeBase.prices.ec2`,
    );
  } else if (node.architecture !== cost.architecture) {
    errors.push(
      `${where}.ec2InstanceType: ${cost.ec2InstanceType} is ${node.architecture} but ${where}.architecture is ${cost.architecture}`,
    );
  }
  const gpuNode = prices.ec2[cost.gpuInstanceType];
  if (!gpuNode) {
    errors.push(
      `${where}.gpuInstanceType: the knowledge base has no price for ${cost.gpuInstanceType}; add it under orchestration.knowledgeBase.prices.ec2`,
    );
  } else if (gpuNode.gpu < 1) {
    errors.push(`${where}.gpuInstanceType: ${cost.gpuInstanceType} has no GPU`);
  }
  const people = {} as OrchestrationCostOptions['peopleHoursPerYear'];
  for (const platform of KUBERNETES_COST_PLATFORMS) {
    const configured = stripUndefined(peopleInput?.[platform] ?? {});
    if (
      configured['kubernetes-upgrades'] !== undefined &&
      hoursInput?.[platform] !== undefined
    ) {
      errors.push(
        `${where}.peopleHoursPerYear.${platform}.kubernetes-upgrades: set either this or ${where}.hoursPerUpgrade.${platform}, not both`,
      );
    }
    people[platform] = {
      ...DEFAULT_PEOPLE_HOURS_PER_YEAR[platform],
      ...configured,
      'kubernetes-upgrades':
        configured['kubernetes-upgrades'] ??
        upgradesPerYear * cost.hoursPerUpgrade[platform],
    };
  }
  cost.peopleHoursPerYear = people;
  return errors.length > found ? undefined : cost;
}

/**
 * The weights with every platform present, in one key order: the engine reads
 * them many times per assessment, and objects of one shape read fastest.
 */
function denseWeights(weights: RuleWeights): RuleWeights {
  const dense = {} as RuleWeights;
  for (const rule of WEIGHTED_RULE_IDS) {
    const sparse = weights[rule] ?? {};
    dense[rule] = {
      'ecs-fargate': sparse['ecs-fargate'] ?? 0,
      'ecs-ec2': sparse['ecs-ec2'] ?? 0,
      eks: sparse.eks ?? 0,
      'self-managed-kubernetes': sparse['self-managed-kubernetes'] ?? 0,
    };
  }
  return dense;
}

function stripUndefined<T extends object>(
  value: T,
): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) result[key] = entry;
  }
  return result as { [K in keyof T]-?: Exclude<T[K], undefined> };
}
