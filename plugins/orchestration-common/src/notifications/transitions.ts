import { parseEntityRef } from '@backstage/catalog-model';
import { ANNOTATION_KUBERNETES_VERSION, PlatformId } from '../annotations';
import { PLATFORM_NAMES } from '../engine/migration';
import type { Obligation, ObligationId } from '../engine/types';
import { parseKubernetesVersion } from '../parse/values';
import { isExpiredExemption, ReviewRecord } from '../review';

/**
 * What the owner of a service or cluster is told about, once per
 * occurrence:
 *
 * - `obligation-critical`: an operational obligation (of the cluster itself,
 *   or of the cluster a service runs on) is critical.
 * - `end-of-support`: the Kubernetes minor it runs is within
 *   `endOfSupportDays` of its end of support, or past it.
 * - `migration-overdue`: the decision in force is a migration whose due date
 *   has passed while the service still runs elsewhere.
 * - `exemption-expiring`: the exemption in force ends within
 *   `exemptionExpiryDays`.
 * - `exemption-expired`: the newest decision is an exemption that has ended.
 * - `recommendation-changed`: the recommended platform differs from the one
 *   of the previous snapshot.
 *
 * @public
 */
export const ORCHESTRATION_NOTIFICATION_KINDS = [
  'obligation-critical',
  'end-of-support',
  'migration-overdue',
  'exemption-expiring',
  'exemption-expired',
  'recommendation-changed',
] as const;

/** @public */
export type OrchestrationNotificationKind =
  (typeof ORCHESTRATION_NOTIFICATION_KINDS)[number];

/**
 * Severity of a notification, as the Backstage notifications service takes it.
 *
 * @public
 */
export type OrchestrationNotificationSeverity = 'critical' | 'high' | 'normal';

/**
 * When owners are told, from `orchestration.notifications`.
 *
 * @public
 */
export interface NotificationThresholds {
  /** Days before the end of support of a Kubernetes minor from which owners hear of it. */
  endOfSupportDays: number;
  /** Days before an exemption ends from which owners hear of it. */
  exemptionExpiryDays: number;
  /** Which kinds are switched on. */
  kinds: Readonly<Record<OrchestrationNotificationKind, boolean>>;
}

/**
 * The defaults: 60 days before an end of support, 14 days before an
 * exemption ends, every kind on.
 *
 * @public
 */
export const DEFAULT_NOTIFICATION_THRESHOLDS: NotificationThresholds = {
  endOfSupportDays: 60,
  exemptionExpiryDays: 14,
  kinds: {
    'obligation-critical': true,
    'end-of-support': true,
    'migration-overdue': true,
    'exemption-expiring': true,
    'exemption-expired': true,
    'recommendation-changed': true,
  },
};

/**
 * An obligation as the notifications need it: only obligations that apply
 * (not hypothetical), with the Kubernetes minor the upgrade obligation is
 * about.
 *
 * @public
 */
export interface NotifiableObligation {
  id: ObligationId;
  title: string;
  status: Obligation['status'];
  due: string | null;
  summary: string;
  /** The running minor, `1.29`, on `kubernetes-upgrades`; absent elsewhere. */
  kubernetesMinor?: string;
}

/**
 * A service or cluster as a snapshot refresh sees it.
 *
 * @public
 */
export interface NotificationSubject {
  /** `component:default/content-api` or `resource:default/prod-kops`, lower case. */
  entityRef: string;
  /** Its title, when it has one; its name is used otherwise. */
  title?: string | null;
  /** The owner entity ref; nobody is told about an entity without one. */
  owner: string | null;
  /** The cluster a service runs on, named in the texts. */
  cluster?: string | null;
  currentPlatform?: PlatformId | 'none' | null;
  recommendedPlatform?: PlatformId | null;
  /** Obligations that apply to it (hypothetical ones are ignored). */
  obligations?: readonly NotifiableObligation[];
  /** Its newest review, whatever it is. */
  newestReview?: ReviewRecord | null;
  /** The decision in force (see `decisionInForce`). */
  reviewInForce?: ReviewRecord | null;
}

/**
 * Input of {@link detectTransitions}.
 *
 * @public
 */
export interface TransitionInput {
  /** The entity in the previous snapshot; null when it was not in one. */
  before: { recommendedPlatform: PlatformId | null } | null;
  after: NotificationSubject;
  /** The instant of the refresh. */
  now: Date;
  thresholds: NotificationThresholds;
}

/**
 * Something the owner of an entity is told about. `kind` and `key` name the
 * occurrence: the same kind and key on the same entity is the same
 * occurrence, told once; another key (another review, another Kubernetes
 * minor, another change of recommendation) is a new one.
 *
 * @public
 */
export interface OrchestrationTransition {
  entityRef: string;
  /** Who is told: the owner entity ref. */
  owner: string;
  kind: OrchestrationNotificationKind;
  key: string;
  severity: OrchestrationNotificationSeverity;
  title: string;
  description: string;
}

const DAY_MS = 86_400_000;

/** Whole UTC days from `now`'s day to a `YYYY-MM-DD` date (negative when past). */
function daysUntil(date: string, now: Date): number | undefined {
  const day = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(day)) return undefined;
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  return Math.round((day - today) / DAY_MS);
}

function days(count: number): string {
  return `${count} day${count === 1 ? '' : 's'}`;
}

/** The name an entity is shown by: its title, else its name. */
function displayName(subject: NotificationSubject): string {
  if (subject.title) return subject.title;
  const slash = subject.entityRef.lastIndexOf('/');
  return slash >= 0 ? subject.entityRef.slice(slash + 1) : subject.entityRef;
}

function isCluster(subject: NotificationSubject): boolean {
  return subject.entityRef.startsWith('resource:');
}

function onCluster(subject: NotificationSubject): string {
  if (isCluster(subject) || !subject.cluster) return '';
  const slash = subject.cluster.lastIndexOf('/');
  return ` on cluster ${subject.cluster.slice(slash + 1)}`;
}

/** `Kubernetes upgrades of prod-kops`, or of the cluster a service runs on. */
function subjectOf(
  obligation: string,
  name: string,
  subject: NotificationSubject,
): string {
  const cluster = onCluster(subject);
  return cluster
    ? `${obligation} of the cluster ${cluster.slice(
        ' on cluster '.length,
      )}, which ${name} runs on,`
    : `${obligation} of ${name}`;
}

function platformName(platform: PlatformId | 'none' | null | undefined) {
  if (!platform || platform === 'none') return 'no platform';
  return PLATFORM_NAMES[platform] ?? platform;
}

/**
 * The obligations of an assessment that notifications look at: those that
 * apply (not hypothetical), each with the Kubernetes minor it is about.
 *
 * @public
 */
export function notifiableObligations(
  obligations: readonly Obligation[],
): NotifiableObligation[] {
  const result: NotifiableObligation[] = [];
  for (const obligation of obligations) {
    if (obligation.hypothetical) continue;
    const item: NotifiableObligation = {
      id: obligation.id,
      title: obligation.title,
      status: obligation.status,
      due: obligation.due,
      summary: obligation.summary,
    };
    if (obligation.id === 'kubernetes-upgrades') {
      const version = obligation.evidence.find(
        e => e.key === ANNOTATION_KUBERNETES_VERSION,
      );
      const parsed = version ? parseKubernetesVersion(version.value) : null;
      if (parsed?.ok) item.kubernetesMinor = parsed.value.minorVersion;
    }
    result.push(item);
  }
  return result;
}

/**
 * Whether the obligations hold anything a notification could be about at
 * any threshold: a critical obligation, or a Kubernetes minor with an end of
 * support within `endOfSupportDays` of `now`. A refresh keeps only these.
 *
 * @public
 */
export function hasNotifiableObligations(
  obligations: readonly NotifiableObligation[],
  now: Date,
  thresholds: Pick<NotificationThresholds, 'endOfSupportDays'>,
): boolean {
  return obligations.some(
    o =>
      o.status === 'critical' ||
      (o.id === 'kubernetes-upgrades' &&
        o.due !== null &&
        o.kubernetesMinor !== undefined &&
        (daysUntil(o.due, now) ?? Infinity) <= thresholds.endOfSupportDays),
  );
}

/**
 * The path of an entity's Orchestration tab in the app,
 * `/catalog/default/resource/prod-kops/orchestration`.
 *
 * @public
 */
export function orchestrationTabPath(entityRef: string): string {
  const ref = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
    ref.kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(ref.name)}/orchestration`;
}

type Detector = (
  input: TransitionInput,
  name: string,
) => Array<Omit<OrchestrationTransition, 'entityRef' | 'owner' | 'kind'>>;

const DETECTORS: Record<OrchestrationNotificationKind, Detector> = {
  'obligation-critical': ({ after }, name) =>
    (after.obligations ?? [])
      .filter(o => o.status === 'critical')
      .map(o => ({
        key: o.id,
        severity: 'critical',
        title: `${name}: ${o.title} ${
          o.title.endsWith('s') ? 'are' : 'is'
        } critical`,
        description: `${subjectOf(o.title, name, after)} turned critical. ${
          o.summary
        }`,
      })),

  'end-of-support': ({ after, now, thresholds }, name) => {
    const upgrades = (after.obligations ?? []).find(
      o => o.id === 'kubernetes-upgrades',
    );
    if (!upgrades?.due || !upgrades.kubernetesMinor) return [];
    const left = daysUntil(upgrades.due, now);
    if (left === undefined || left > thresholds.endOfSupportDays) return [];
    const minor = upgrades.kubernetesMinor;
    const due = upgrades.due.slice(0, 10);
    const ended = left <= 0;
    return [
      {
        key: minor,
        severity: ended ? 'critical' : 'high',
        title: ended
          ? `${name}: support for Kubernetes ${minor} ended on ${due}`
          : `${name}: support for Kubernetes ${minor} ends in ${days(left)}`,
        description: ended
          ? `${name} runs Kubernetes ${minor}${onCluster(
              after,
            )}, whose support ended on ${due}: it gets no more fixes. Upgrade it one minor at a time.`
          : `${name} runs Kubernetes ${minor}${onCluster(
              after,
            )}, whose support ends on ${due}. Plan the upgrade now: minors move one at a time.`,
      },
    ];
  },

  'migration-overdue': ({ after, now }, name) => {
    const review = after.reviewInForce;
    if (review?.decision.kind !== 'migrate') return [];
    const { targetPlatform, dueDate } = review.decision;
    const left = daysUntil(dueDate, now);
    if (left === undefined || left >= 0) return [];
    if (after.currentPlatform === targetPlatform) return [];
    return [
      {
        key: review.id,
        severity: 'high',
        title: `${name}: the move to ${platformName(
          targetPlatform,
        )} was due on ${dueDate}`,
        description: `The decision in force is to move ${name} to ${platformName(
          targetPlatform,
        )} by ${dueDate}; it still runs on ${platformName(
          after.currentPlatform,
        )}. Finish the move, or record a new decision with a new date.`,
      },
    ];
  },

  'exemption-expiring': ({ after, now, thresholds }, name) => {
    const review = after.reviewInForce;
    if (review?.decision.kind !== 'exempt') return [];
    const { expiresOn } = review.decision;
    const left = daysUntil(expiresOn, now);
    if (left === undefined || left <= 0) return [];
    if (left > thresholds.exemptionExpiryDays) return [];
    return [
      {
        key: review.id,
        severity: 'normal',
        title: `${name}: the exemption ends in ${days(left)}`,
        description: `The exemption of ${name} from the Orchestration assessment ends on ${expiresOn}; from then on the recommendation and its obligations apply again. Review it before then.`,
      },
    ];
  },

  'exemption-expired': ({ after, now }, name) => {
    const review = after.newestReview;
    if (!review || review.decision.kind !== 'exempt') return [];
    if (!isExpiredExemption(review.decision, now)) return [];
    return [
      {
        key: review.id,
        severity: 'high',
        title: `${name}: the exemption ended on ${review.decision.expiresOn}`,
        description: `The exemption of ${name} from the Orchestration assessment ended on ${review.decision.expiresOn}: the recommendation and its obligations apply again. Record a new decision.`,
      },
    ];
  },

  'recommendation-changed': ({ before, after }, name) => {
    const from = before?.recommendedPlatform ?? null;
    const to = after.recommendedPlatform ?? null;
    if (from === null || to === null || from === to) return [];
    return [
      {
        key: `${from}->${to}`,
        severity: 'normal',
        title: `${name}: the recommended platform is now ${platformName(to)}`,
        description: `The recommended platform of ${name} changed from ${platformName(
          from,
        )} to ${platformName(
          to,
        )} since the previous assessment. The Orchestration tab says why.`,
      },
    ];
  },
};

/**
 * The occurrences an entity's owner is to be told about at `now`, for each
 * kind switched on: everything that holds now (a critical obligation, an
 * exemption about to end, ...) and the change of recommendation since
 * `before`. Telling each occurrence once is the caller's part: it keeps the
 * kinds and keys already told, and forgets them when they no longer hold.
 * Nothing for an entity without an owner. Pure.
 *
 * @public
 */
export function detectTransitions(
  input: TransitionInput,
): OrchestrationTransition[] {
  const { after, thresholds } = input;
  if (!after.owner) return [];
  const name = displayName(after);
  const result: OrchestrationTransition[] = [];
  for (const kind of ORCHESTRATION_NOTIFICATION_KINDS) {
    if (!thresholds.kinds[kind]) continue;
    for (const found of DETECTORS[kind](input, name)) {
      result.push({
        entityRef: after.entityRef,
        owner: after.owner,
        kind,
        ...found,
      });
    }
  }
  return result;
}
