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
import { orchestrationMessages } from '../../translation';
import { defaultTexts, Texts } from './i18n';

/** The ids the messages name: an unknown one stays as it is. */
export function known<T extends string>(
  id: string,
  ids: Record<T, unknown>,
): id is T {
  return Object.prototype.hasOwnProperty.call(ids, id);
}

const PLATFORM_NAME_IDS = orchestrationMessages.platforms;

/** `ECS on Fargate`; `Not stated` without an id; an unknown id as it is. */
export function platformShortLabel(
  id: string | null | undefined,
  texts: Texts = defaultTexts(),
): string {
  const { t } = texts;
  if (!id) return t('common.notStated');
  return known(id, PLATFORM_NAME_IDS) ? t(`platforms.${id}`) : id;
}

/** `Amazon EKS (eks)`: the name with the id users write in annotations. */
export function platformLabel(
  id: string | null | undefined,
  texts: Texts = defaultTexts(),
): string {
  const { t } = texts;
  if (!id) return t('common.notStated');
  if (!known(id, PLATFORM_NAME_IDS)) return id;
  return t('common.nameWithId', { name: t(`platforms.${id}`), id });
}

/** Shortest names of the platforms, for captions in tables: `EKS`. */
export function platformAbbreviation(
  id: string,
  texts: Texts = defaultTexts(),
): string {
  return known(id, orchestrationMessages.platformAbbreviations)
    ? texts.t(`platformAbbreviations.${id}`)
    : id;
}

/** `Good fit`. */
export function verdictLabel(
  verdict: PlatformVerdict,
  texts: Texts = defaultTexts(),
): string {
  return known(verdict, orchestrationMessages.verdicts)
    ? texts.t(`verdicts.${verdict}`)
    : verdict;
}

/** `High confidence`. */
export function confidenceLabel(
  confidence: Confidence,
  texts: Texts = defaultTexts(),
): string {
  return known(confidence, orchestrationMessages.confidence.labels)
    ? texts.t(`confidence.labels.${confidence}`)
    : confidence;
}

/** `Large effort`. */
export function effortLabel(
  effort: MigrationEffort,
  texts: Texts = defaultTexts(),
): string {
  return known(effort, orchestrationMessages.effort)
    ? texts.t(`effort.${effort}`)
    : effort;
}

/** `Critical`. */
export function obligationStatusLabel(
  status: ObligationStatus,
  texts: Texts = defaultTexts(),
): string {
  return known(status, orchestrationMessages.obligationStatus)
    ? texts.t(`obligationStatus.${status}`)
    : status;
}

/** The readable name of a rule: `Fargate has no GPUs`; an unknown id as it is. */
export function ruleName(rule: string, texts: Texts = defaultTexts()): string {
  return known(rule, orchestrationMessages.rules)
    ? texts.t(`rules.${rule}`)
    : rule;
}

/** `Fargate has no GPUs (FARGATE-NO-GPU)`, as users search for the id; an unknown id as it is. */
export function ruleLabel(rule: string, texts: Texts = defaultTexts()): string {
  return known(rule, orchestrationMessages.rules)
    ? texts.t('common.nameWithId', { name: ruleName(rule, texts), id: rule })
    : rule;
}

/**
 * Human names of the platforms, keyed by their fixed ids.
 *
 * @deprecated The default messages only: use {@link platformShortLabel}.
 */
export const PLATFORM_LABELS: Record<string, string> = { ...PLATFORM_NAME_IDS };

/** @deprecated The default messages only: use {@link verdictLabel}. */
export const VERDICT_LABELS: Record<PlatformVerdict, string> = {
  ...orchestrationMessages.verdicts,
};

/** @deprecated The default messages only: use {@link confidenceLabel}. */
export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  ...orchestrationMessages.confidence.labels,
};

/** @deprecated The default messages only: use {@link ruleName}. */
export const RULE_LABELS: Record<RuleId, string> = {
  ...orchestrationMessages.rules,
};

/** @deprecated The default messages only: use {@link effortLabel}. */
export const MIGRATION_EFFORT_LABELS: Record<MigrationEffort, string> = {
  ...orchestrationMessages.effort,
};

/** `$144` (whole dollars from $100) or `$12.34`, in the user's locale. */
export function formatUsd(value: number, texts: Texts = defaultTexts()) {
  return texts.fmt.currency(value);
}

/** `$144/month`. */
export function formatMonthlyUsd(
  value: number,
  texts: Texts = defaultTexts(),
): string {
  return texts.t('money.perMonth', { amount: texts.fmt.currency(value) });
}

/** `$144/mo`, for tables. */
export function formatMonthlyUsdShort(
  value: number,
  texts: Texts = defaultTexts(),
): string {
  return texts.t('money.perMonthShort', { amount: texts.fmt.currency(value) });
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
  texts: Texts = defaultTexts(),
): { first: string; more?: string } | undefined {
  const { t } = texts;
  const [first, ...rest] = inputs ?? [];
  if (!first) return undefined;
  const target = first.wouldRecommend
    ? platformAbbreviation(first.wouldRecommend, texts)
    : t('decidingInputs.noRecommendation');
  const text = t('decidingInputs.caption', {
    key: shortInputKey(first.key),
    value: first.value,
    target,
  });
  if (rest.length === 0) return { first: text };
  const capped = inputs!.length >= ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS;
  return {
    first: text,
    more: capped
      ? t('decidingInputs.orMore', { count: rest.length })
      : t('decidingInputs.more', { count: rest.length }),
  };
}

const MAX_VALUES_SHOWN = 3;

/** The name of an input in a sentence: the key, or a fact of the catalog in words. */
function inputName(key: string, texts: Texts): string {
  if (key === EVIDENCE_OWNER_MEMBER_COUNT) {
    return texts.t('decidingInputs.ownerMemberCount');
  }
  if (key === EVIDENCE_PLATFORM_TEAM) {
    return texts.t('decidingInputs.platformTeam');
  }
  return key;
}

function valueList(values: string[], texts: Texts): string {
  const shown = values.slice(0, MAX_VALUES_SHOWN);
  const more = values.length - shown.length;
  const list = texts.fmt.list(shown, 'or');
  return more > 0
    ? texts.t('decidingInputs.otherValues', { values: list, count: more })
    : list;
}

/**
 * The missing or invalid inputs that would change the recommendation, in
 * words, one clause per input: `setting orchestration.io/portability to
 * multi-cloud would recommend Amazon EKS`. Empty when there is none.
 */
export function decidingInputClauses(
  recommendation: Pick<Recommendation, 'decidingInputs'>,
  texts: Texts = defaultTexts(),
): string[] {
  const { t } = texts;
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
    const outcomes = [...targets.entries()].map(([target, values]) =>
      target
        ? t('decidingInputs.wouldRecommend', {
            values: valueList(values, texts),
            platform: platformShortLabel(target, texts),
          })
        : t('decidingInputs.wouldLeaveNone', {
            values: valueList(values, texts),
          }),
    );
    return t('decidingInputs.clause', {
      input: inputName(key, texts),
      outcomes: outcomes.join(t('decidingInputs.outcomeSeparator')),
    });
  });
}

/**
 * `Confidence low: setting orchestration.io/portability to multi-cloud would
 * recommend Amazon EKS.` With `maxInputs`, the other inputs are counted only.
 */
export function confidenceSentence(
  recommendation: Recommendation,
  options?: { maxInputs?: number },
  texts: Texts = defaultTexts(),
): string {
  const { t } = texts;
  const level = known(
    recommendation.confidence,
    orchestrationMessages.confidence.levels,
  )
    ? t(`confidence.levels.${recommendation.confidence}`)
    : recommendation.confidence;
  const clauses = decidingInputClauses(recommendation, texts);
  if (clauses.length > 0) {
    const max = options?.maxInputs ?? clauses.length;
    const shown = clauses
      .slice(0, max)
      .join(t('confidence.sentence.clauseSeparator'));
    const more = clauses.length - Math.min(max, clauses.length);
    return more > 0
      ? t('confidence.sentence.inputsAndMore', {
          level,
          clauses: shown,
          count: more,
        })
      : t('confidence.sentence.inputs', { level, clauses: shown });
  }
  if (!recommendation.platform) {
    return t('confidence.sentence.noPlatform', { level });
  }
  if (recommendation.lead === null || recommendation.lead === undefined) {
    return t('confidence.sentence.unopposed', { level });
  }
  return t('confidence.sentence.lead', {
    level,
    count: recommendation.lead,
  });
}

/** @deprecated The default messages only: use {@link obligationStatusLabel}. */
export const OBLIGATION_STATUS_LABELS: Record<ObligationStatus, string> = {
  ...orchestrationMessages.obligationStatus,
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

/**
 * A date in the user's locale (`28 Nov 2026` in en-GB); the input unchanged
 * if unreadable. The one date format: see {@link Formatters.date}.
 */
export function formatDate(
  value: string | null | undefined,
  texts: Texts = defaultTexts(),
): string {
  return texts.fmt.date(value);
}

/** An instant in the user's locale and time zone: see {@link Formatters.dateTime}. */
export function formatDateTime(
  value: string | null | undefined,
  texts: Texts = defaultTexts(),
): string {
  return texts.fmt.dateTime(value);
}

/** `+12` / `-5` / `0`. */
export function formatPoints(
  points: number,
  texts: Texts = defaultTexts(),
): string {
  return texts.fmt.points(points);
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
