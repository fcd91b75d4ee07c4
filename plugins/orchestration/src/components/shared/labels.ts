import {
  ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS,
  Confidence,
  DecidingInput,
  EVIDENCE_OWNER_MEMBER_COUNT,
  EVIDENCE_PLATFORM_TEAM,
  MigrationEffort,
  OBLIGATION_STATUS_URGENCY,
  OBLIGATION_STATUSES,
  Obligation,
  ObligationStatus,
  PlatformVerdict,
  Recommendation,
  RuleId,
} from '@orchestration/plugin-orchestration-common';

/** Human names of the platforms, keyed by their fixed ids. */
export const PLATFORM_LABELS: Record<string, string> = {
  'ecs-fargate': 'ECS on Fargate',
  'ecs-ec2': 'ECS on EC2',
  eks: 'Amazon EKS',
  'self-managed-kubernetes': 'Self-managed Kubernetes',
  none: 'Not deployed',
};

/** `Amazon EKS (eks)`: the name with the id users write in annotations. */
export function platformLabel(id: string | null | undefined): string {
  if (!id) return 'Not stated';
  const label = PLATFORM_LABELS[id];
  return label ? `${label} (${id})` : id;
}

export function platformShortLabel(id: string | null | undefined): string {
  if (!id) return 'Not stated';
  return PLATFORM_LABELS[id] ?? id;
}

/** Shortest names of the platforms, for captions in tables. */
export const PLATFORM_ABBREVIATIONS: Record<string, string> = {
  'ecs-fargate': 'Fargate',
  'ecs-ec2': 'ECS on EC2',
  eks: 'EKS',
  'self-managed-kubernetes': 'self-managed K8s',
};

export const VERDICT_LABELS: Record<PlatformVerdict, string> = {
  recommended: 'Recommended',
  good: 'Good fit',
  possible: 'Possible',
  poor: 'Poor fit',
  blocked: 'Blocked',
};

export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  high: 'High confidence',
  medium: 'Medium confidence',
  low: 'Low confidence',
};

/** Readable names of the rules; the id stays beside them, as users search for it. */
export const RULE_LABELS: Record<RuleId, string> = {
  'ECS-SIMPLE': 'Simple workload ECS runs well',
  'ECS-SMALL-TEAM': 'Small team and no platform team',
  'ECS-AWS-INTEGRATION': 'Native AWS integrations',
  'ECS-FARGATE': 'Fits a Fargate task',
  'ECS-AWS-ONLY': 'Runs on AWS only',
  'K8S-PORTABILITY': 'Must run on several clouds or sites',
  'K8S-SCHEDULING': 'Scheduling the Kubernetes scheduler supports',
  'K8S-ECOSYSTEM': 'Depends on the Kubernetes ecosystem',
  'K8S-PLATFORM-TEAM': 'A platform team exists',
  'K8S-STATEFUL': 'Stateful workload',
  'AVOID-K8S-NO-NEED': 'On Kubernetes without needing it',
  'AVOID-K8S-NO-TEAM': 'No platform team to run Kubernetes',
  'AVOID-K8S-SIMPLE': 'Simple workload, no Kubernetes need',
  'EKS-MANAGED': 'Managed Kubernetes control plane',
  'SELF-MANAGED-ONLY-WHEN': 'Self-managed Kubernetes only when justified',
  'REQ-PORTABILITY': 'Multi-cloud required: ECS is AWS-only',
  'FARGATE-NO-GPU': 'Fargate has no GPUs',
  'FARGATE-MAX-SIZE': 'Larger than the largest Fargate task',
  'FARGATE-STORAGE': 'More ephemeral storage than Fargate gives',
  'FARGATE-NO-PRIVILEGED': 'Fargate refuses privileged containers',
  'FARGATE-NO-DAEMONSET': 'Fargate cannot run per-host agents',
  'ECS-SCHEDULING-GAP': 'Scheduling ECS cannot express',
  'K8S-TOOLING': 'Tooling, not a need for Kubernetes',
  'KNOWLEDGE-STALE': 'Knowledge base out of date',
  'CLUSTER-NOT-FOUND': 'Cluster not found',
  'CLUSTER-NOT-KUBERNETES': 'Cluster is not a Kubernetes cluster',
  'CLUSTER-PLATFORM-MISMATCH': 'Cluster and current platform disagree',
  'STATEFUL-MANAGED-DATA': 'Consider a managed data service',
};

/** `Fargate has no GPUs (FARGATE-NO-GPU)`; an unknown id as it is. */
export function ruleLabel(rule: string): string {
  const label = (RULE_LABELS as Record<string, string>)[rule];
  return label ? `${label} (${rule})` : rule;
}

export const MIGRATION_EFFORT_LABELS: Record<MigrationEffort, string> = {
  small: 'Small effort',
  medium: 'Medium effort',
  large: 'Large effort',
};

/** `$144` (whole dollars from $100) or `$12.34`. */
export function formatUsd(value: number, options?: { cents?: boolean }) {
  const cents = options?.cents ?? Math.abs(value) < 100;
  return value.toLocaleString('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: cents ? 2 : 0,
    maximumFractionDigits: cents ? 2 : 0,
  });
}

/** `$144/month`. */
export function formatMonthlyUsd(value: number): string {
  return `${formatUsd(value)}/month`;
}

/** `$144/mo`, for tables. */
export function formatMonthlyUsdShort(value: number): string {
  return `${formatUsd(value)}/mo`;
}

/** `portability` for `orchestration.io/portability`, `platform-team` for `catalog:platform-team`. */
export function shortInputKey(key: string): string {
  return key.replace(/^(orchestration\.io\/|catalog:)/, '');
}

/**
 * The first deciding input in a few words, `portability=multi-cloud → EKS`,
 * and how many more there are (`+2 more`); a list row carries at most
 * {@link ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS}, so a full list may hide
 * others (`+4 or more`). Undefined without deciding inputs.
 */
export function decidingInputCaption(
  inputs: readonly DecidingInput[] | undefined,
): { first: string; more?: string } | undefined {
  const [first, ...rest] = inputs ?? [];
  if (!first) return undefined;
  const target = first.wouldRecommend
    ? PLATFORM_ABBREVIATIONS[first.wouldRecommend] ?? first.wouldRecommend
    : 'no recommendation';
  const text = `${shortInputKey(first.key)}=${first.value} → ${target}`;
  if (rest.length === 0) return { first: text };
  const capped = inputs!.length >= ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS;
  return {
    first: text,
    more: `+${rest.length}${capped ? ' or more' : ' more'}`,
  };
}

const INPUT_NAMES: Record<string, string> = {
  [EVIDENCE_OWNER_MEMBER_COUNT]: "the owner's member count",
  [EVIDENCE_PLATFORM_TEAM]: 'the platform team',
};

const MAX_VALUES_SHOWN = 3;

function valueList(values: string[]): string {
  const shown = values.slice(0, MAX_VALUES_SHOWN);
  const more = values.length - shown.length;
  return `${shown.join(' or ')}${
    more > 0 ? ` (or ${more} other value${more === 1 ? '' : 's'})` : ''
  }`;
}

/**
 * The missing or invalid inputs that would change the recommendation, in
 * words, one clause per input: `setting orchestration.io/portability to
 * multi-cloud would recommend Amazon EKS`. Empty when there is none.
 */
export function decidingInputClauses(
  recommendation: Pick<Recommendation, 'decidingInputs'>,
): string[] {
  const byKey = new Map<string, Map<string, string[]>>();
  for (const input of recommendation.decidingInputs ?? []) {
    let targets = byKey.get(input.key);
    if (!targets) {
      targets = new Map();
      byKey.set(input.key, targets);
    }
    const target = input.wouldRecommend ?? '';
    targets.set(target, [...(targets.get(target) ?? []), input.value]);
  }
  return [...byKey.entries()].map(([key, targets]) => {
    const outcomes = [...targets.entries()].map(
      ([target, values]) =>
        `${valueList(values)} would ${
          target
            ? `recommend ${platformShortLabel(target)}`
            : 'leave no recommendation'
        }`,
    );
    return `setting ${INPUT_NAMES[key] ?? key} to ${outcomes.join(', or to ')}`;
  });
}

/**
 * `Confidence low: setting orchestration.io/portability to multi-cloud would
 * recommend Amazon EKS.` With `maxInputs`, the other inputs are counted only.
 */
export function confidenceSentence(
  recommendation: Recommendation,
  options?: { maxInputs?: number },
): string {
  const head = `Confidence ${recommendation.confidence}`;
  const clauses = decidingInputClauses(recommendation);
  if (clauses.length > 0) {
    const max = options?.maxInputs ?? clauses.length;
    const shown = clauses.slice(0, max);
    const more = clauses.length - shown.length;
    return `${head}: ${shown.join('; ')}${
      more > 0 ? `; and ${more} more input${more === 1 ? '' : 's'}` : ''
    }.`;
  }
  if (!recommendation.platform) return `${head}.`;
  if (recommendation.lead === null || recommendation.lead === undefined) {
    return `${head}: no other platform is open to it.`;
  }
  return `${head}: ${recommendation.lead} point${
    recommendation.lead === 1 ? '' : 's'
  } ahead of the runner-up, and no missing input would change it.`;
}

export const OBLIGATION_STATUS_LABELS: Record<ObligationStatus, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  unknown: 'Unknown',
  'not-applicable': 'Not applicable',
};

/** Every obligation status, most urgent first (the order of the common package). */
export const OBLIGATION_STATUSES_BY_URGENCY: readonly ObligationStatus[] = [
  ...OBLIGATION_STATUSES,
].sort((a, b) => OBLIGATION_STATUS_URGENCY[b] - OBLIGATION_STATUS_URGENCY[a]);

/** Obligations sorted most urgent first, then by due date. */
export function byUrgency(obligations: Obligation[]): Obligation[] {
  return [...obligations].sort(
    (a, b) =>
      OBLIGATION_STATUS_URGENCY[b.status] -
        OBLIGATION_STATUS_URGENCY[a.status] ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999'),
  );
}

/** The most urgent obligation that really applies, if any. */
export function mostUrgentObligation(
  obligations: Obligation[],
): Obligation | undefined {
  return byUrgency(
    obligations.filter(o => !o.hypothetical && o.status !== 'not-applicable'),
  )[0];
}

/** A date or timestamp as `28 Nov 2026`; the input unchanged if unreadable. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  })} UTC`;
}

/** `+12` / `-5` / `0`. */
export function formatPoints(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/** Only http(s) URLs may become links. */
export function isSafeHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
