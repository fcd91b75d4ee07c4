import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CURRENT_PLATFORM,
  Assessment,
  ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS,
  AssessmentHistoryEntry,
  AssessmentSummary,
  ClusterAssessment,
  entityRefOf,
  namespaceOf,
  Obligation,
  OBLIGATION_STATUS_URGENCY,
  ObligationId,
  ObligationStatus,
  ownerRefOf,
  PLATFORM_IDS,
  PlatformId,
  systemRefOf,
} from '@orchestration/plugin-orchestration-common';
import { createHash } from 'node:crypto';

/**
 * The most urgent status among obligations that really apply, with its
 * urgency (`OBLIGATION_STATUS_URGENCY`; 0 when no obligation applies), which
 * is what the `obligation_rank` column stores and sorts by.
 */
export function mostUrgent(obligations: Obligation[]): {
  status: ObligationStatus | null;
  rank: number;
  nextDue: string | null;
} {
  let status: ObligationStatus | null = null;
  let rank = 0;
  let nextDue: string | null = null;
  for (const obligation of obligations) {
    if (obligation.hypothetical) continue;
    const r = OBLIGATION_STATUS_URGENCY[obligation.status] ?? 0;
    if (r > rank) {
      rank = r;
      status = obligation.status;
    }
    if (obligation.due && (!nextDue || obligation.due < nextDue)) {
      nextDue = obligation.due;
    }
  }
  return { status, rank, nextDue };
}

/** `orchestration.io/current-platform` when it names a platform or `none`. */
export function currentPlatformOf(entity: Entity): PlatformId | 'none' | null {
  const raw = entity.metadata?.annotations?.[ANNOTATION_CURRENT_PLATFORM];
  if (typeof raw !== 'string') return null;
  const value = raw.trim().toLocaleLowerCase('en-US');
  if (value === 'none') return 'none';
  return (PLATFORM_IDS as readonly string[]).includes(value)
    ? (value as PlatformId)
    : null;
}

/** The estimated monthly cost of one platform; null without a platform or an estimate. */
export function monthlyUsdOf(
  assessment: Assessment,
  platform: PlatformId | 'none' | null,
): number | null {
  if (!platform || platform === 'none') return null;
  const usd = assessment.platforms.find(p => p.id === platform)?.cost
    ?.monthlyUsd;
  return typeof usd === 'number' && Number.isFinite(usd) ? usd : null;
}

/** A row of the assessment list. */
export function summarise(
  entity: Entity,
  assessment: Assessment,
): AssessmentSummary {
  const currentPlatform = currentPlatformOf(entity);
  const recommended = assessment.recommendation.platform;
  const urgent = mostUrgent(assessment.obligations);
  const title = entity.metadata.title;
  const deciding = assessment.recommendation.decidingInputs;
  return {
    entityRef: entityRefOf(entity),
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: namespaceOf(entity),
    name: entity.metadata.name,
    title: typeof title === 'string' && title ? title : null,
    owner: ownerRefOf(entity) ?? null,
    system: systemRefOf(entity) ?? null,
    currentPlatform,
    recommendedPlatform: recommended,
    recommendationStatus: assessment.recommendation.status,
    confidence: assessment.recommendation.confidence,
    currentVerdict:
      currentPlatform && currentPlatform !== 'none'
        ? assessment.platforms.find(p => p.id === currentPlatform)?.verdict ??
          null
        : null,
    fit: recommended
      ? assessment.platforms.find(p => p.id === recommended)?.fit ?? null
      : null,
    migration: assessment.migration,
    obligationStatus: urgent.status,
    nextDue: urgent.nextDue,
    warningCount: assessment.warnings.length,
    validationErrorCount: assessment.validation.filter(
      v => v.severity === 'error',
    ).length,
    assessedAt: assessment.assessedAt,
    recommendedMonthlyUsd: monthlyUsdOf(assessment, recommended),
    currentMonthlyUsd: monthlyUsdOf(assessment, currentPlatform),
    migrationEffort: assessment.migration?.effort ?? null,
    decidingInputs: deciding
      .slice(0, ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS)
      .map(({ key, value, wouldRecommend }) => ({
        key,
        value,
        wouldRecommend,
      })),
  };
}

/** The statuses of the obligations that apply, by id. */
export function obligationStatuses(
  assessment: Assessment,
): Partial<Record<ObligationId, ObligationStatus>> {
  const statuses: Partial<Record<ObligationId, ObligationStatus>> = {};
  for (const obligation of assessment.obligations) {
    if (!obligation.hypothetical) statuses[obligation.id] = obligation.status;
  }
  return statuses;
}

/** What a history entry records about an assessment. */
export type HistoryState = Omit<
  AssessmentHistoryEntry,
  'recordedAt' | 'changes'
>;

export function historyState(
  summary: AssessmentSummary,
  assessment: Assessment,
): HistoryState {
  return {
    recommendedPlatform: summary.recommendedPlatform,
    confidence: summary.confidence,
    fit: summary.fit,
    migration: summary.migration,
    obligationStatuses: obligationStatuses(assessment),
  };
}

/** A stable hash of a history state: equal states, equal fingerprints. */
export function fingerprint(state: HistoryState): string {
  const statuses = Object.entries(state.obligationStatuses).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  return createHash('sha256')
    .update(
      JSON.stringify([
        state.recommendedPlatform,
        state.confidence,
        state.fit,
        state.migration ? [state.migration.from, state.migration.to] : null,
        statuses,
      ]),
    )
    .digest('hex')
    .slice(0, 32);
}

/** What changed between two history states, in words. */
export function describeChanges(
  previous: HistoryState | undefined,
  next: HistoryState,
): string[] {
  if (!previous) return [];
  const changes: string[] = [];
  const show = (value: unknown) =>
    value === null || value === undefined ? 'none' : String(value);
  if (previous.recommendedPlatform !== next.recommendedPlatform) {
    changes.push(
      `recommendation changed from ${show(
        previous.recommendedPlatform,
      )} to ${show(next.recommendedPlatform)}`,
    );
  }
  if (previous.confidence !== next.confidence) {
    changes.push(
      `confidence changed from ${previous.confidence} to ${next.confidence}`,
    );
  }
  if (previous.fit !== next.fit) {
    changes.push(`fit changed from ${show(previous.fit)} to ${show(next.fit)}`);
  }
  const migration = (m: HistoryState['migration']) =>
    m ? `${m.from} -> ${m.to}` : 'none';
  if (migration(previous.migration) !== migration(next.migration)) {
    changes.push(
      `migration changed from ${migration(previous.migration)} to ${migration(
        next.migration,
      )}`,
    );
  }
  const ids = new Set([
    ...Object.keys(previous.obligationStatuses),
    ...Object.keys(next.obligationStatuses),
  ]) as Set<ObligationId>;
  for (const id of [...ids].sort()) {
    const before = previous.obligationStatuses[id];
    const after = next.obligationStatuses[id];
    if (before !== after) {
      changes.push(`${id} changed from ${show(before)} to ${show(after)}`);
    }
  }
  return changes;
}

/** Summary of a cluster's obligations. */
export function clusterObligationStatus(
  assessment: ClusterAssessment,
): ObligationStatus | null {
  return mostUrgent(assessment.obligations).status;
}
