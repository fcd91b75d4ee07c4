import { z } from 'zod';
import { PLATFORM_IDS, PlatformId } from './annotations';
import { WEIGHTED_RULE_IDS, WeightedRuleId } from './engine/ruleIds';
import { DEFAULT_KNOWLEDGE_BASE } from './knowledge/data';
import {
  knowledgeBaseOverridesSchema,
  resolveKnowledgeBase,
} from './knowledge/knowledgeBase';
import { KnowledgeBase } from './knowledge/types';
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
  /** The recommendation must beat the current platform by this many points to suggest a migration. */
  migrationMargin: number;
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
  migrationMargin: 10,
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
 * `ECS-SCHEDULING-GAP` applies its weight once per missing scheduling
 * feature. `SELF-MANAGED-ONLY-WHEN` adds its weight when a self-managed
 * control plane is justified and takes the same amount off otherwise.
 *
 * @public
 */
export const DEFAULT_RULE_WEIGHTS: RuleWeights = {
  'ECS-SIMPLE': { 'ecs-fargate': 10, 'ecs-ec2': 10 },
  'ECS-SMALL-TEAM': { 'ecs-fargate': 10, 'ecs-ec2': 10 },
  'ECS-AWS-INTEGRATION': { 'ecs-fargate': 10, 'ecs-ec2': 10 },
  'ECS-FARGATE': { 'ecs-fargate': 10 },
  'ECS-AWS-ONLY': { 'ecs-fargate': 5, 'ecs-ec2': 5 },
  'ECS-SCHEDULING-GAP': { 'ecs-fargate': -8, 'ecs-ec2': -8 },
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
 * The options used when none are given.
 *
 * @public
 */
export const DEFAULT_ORCHESTRATION_OPTIONS: OrchestrationOptions = {
  platformTeams: [],
  thresholds: DEFAULT_THRESHOLDS,
  baseFit: DEFAULT_BASE_FIT,
  weights: DEFAULT_RULE_WEIGHTS,
  knowledgeBase: DEFAULT_KNOWLEDGE_BASE,
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

const configSchema = z.strictObject({
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
});

/**
 * The `orchestration` configuration section as written in app-config.
 *
 * @public
 */
export type OrchestrationConfigInput = z.input<typeof configSchema>;

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
  const parsed = configSchema.safeParse(raw);
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
  if (errors.length > 0 || !knowledge.ok) return { ok: false, errors };
  return {
    ok: true,
    options: {
      platformTeams: (input.platformTeams ?? []).map(normaliseGroupRef),
      thresholds,
      baseFit: { ...DEFAULT_BASE_FIT, ...stripUndefined(input.baseFit ?? {}) },
      weights,
      knowledgeBase: knowledge.knowledgeBase,
    },
  };
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
