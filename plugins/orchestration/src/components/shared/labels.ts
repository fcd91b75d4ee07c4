import {
  Confidence,
  Obligation,
  ObligationStatus,
  PlatformVerdict,
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

export const OBLIGATION_STATUS_LABELS: Record<ObligationStatus, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  unknown: 'Unknown',
  'not-applicable': 'Not applicable',
};

const STATUS_RANK: Record<ObligationStatus, number> = {
  critical: 0,
  warning: 1,
  unknown: 2,
  ok: 3,
  'not-applicable': 4,
};

/** Obligations sorted most urgent first, then by due date. */
export function byUrgency(obligations: Obligation[]): Obligation[] {
  return [...obligations].sort(
    (a, b) =>
      STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
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
