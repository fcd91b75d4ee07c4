import {
  ANNOTATION_CURRENT_PLATFORM,
  ANNOTATION_WORKLOAD_TYPE,
  Assessment,
  CurrentPlatform,
  PlatformAssessment,
  PlatformVerdict,
  WORKLOAD_TYPES,
} from '@orchestration/plugin-orchestration-common';
import {
  misspeltKeys,
  splitMissingInputs,
  workloadTypeState,
} from './annotationFixes';
import {
  decidingInputClauses,
  MIGRATION_EFFORT_LABELS,
  platformShortLabel,
  RULE_LABELS,
} from './labels';

/** What the owner of a service should do next, by kind. */
export type NextActionKind =
  | 'fix-keys'
  | 'fix-workload-type'
  | 'add-annotations'
  | 'migrate'
  | 'deploy'
  | 'keep'
  | 'state-current';

/** The next action in words. */
export interface NextAction {
  kind: NextActionKind;
  /** A few words: `Migrate to Amazon EKS`, `Keep as is`. */
  title: string;
  /** One or two sentences saying why. */
  detail?: string;
  /** The first step of a migration. */
  firstStep?: string;
  /** Annotation keys the action is about (to add, or to rename). */
  keys?: string[];
  /** An input to settle before acting, as it could change the advice. */
  caveat?: string;
}

const VERDICT_PHRASES: Record<PlatformVerdict, string> = {
  recommended: 'recommended',
  good: 'a good fit',
  possible: 'possible',
  poor: 'a poor fit',
  blocked: 'blocked',
};

const sentence = (text: string) =>
  `${text.charAt(0).toUpperCase()}${text.slice(1)}${
    /[.?!]$/.test(text) ? '' : '.'
  }`;

/**
 * Where the service runs today, in a few words: `ECS on Fargate`, `not
 * deployed yet`, or undefined when it is not stated.
 */
export function todayText(
  current: CurrentPlatform | undefined,
): string | undefined {
  if (!current) return undefined;
  return current === 'none' ? 'not deployed yet' : platformShortLabel(current);
}

/** The first blocking rule of a platform, in words: `Fargate has no GPUs`. */
export function blockText(platform: PlatformAssessment): string {
  const blocks = platform.reasons.filter(r => r.effect === 'blocks');
  if (blocks.length === 0) return 'Blocked';
  const first =
    (RULE_LABELS as Record<string, string>)[blocks[0].rule] ?? blocks[0].rule;
  return blocks.length === 1
    ? first
    : `${first} (and ${blocks.length - 1} more)`;
}

/**
 * The rules that weigh most for the recommended platform, in words, most
 * points first: `Native AWS integrations (+14), Simple workload ECS runs
 * well (+12)`. Empty without a recommendation.
 */
export function mainReasons(assessment: Assessment, max = 3): string[] {
  const best = assessment.platforms.find(
    p => p.id === assessment.recommendation.platform,
  );
  if (!best) return [];
  return best.reasons
    .filter(r => r.effect === 'favours' && r.points > 0 && !r.countedBy)
    .sort((a, b) => b.points - a.points)
    .slice(0, max)
    .map(
      r =>
        `${(RULE_LABELS as Record<string, string>)[r.rule] ?? r.rule} (+${
          r.points
        })`,
    );
}

function caveatOf(assessment: Assessment): string | undefined {
  if (!assessment.recommendation.platform) return undefined;
  const [first] = decidingInputClauses(assessment.recommendation);
  return first ? `Check first: ${first}.` : undefined;
}

/**
 * The one thing to do next: fix misspelt keys, give the workload type, move
 * (with the effort and first step), deploy, state where it runs, or keep it
 * as it is.
 */
export function nextAction(
  assessment: Assessment,
  current: CurrentPlatform | undefined,
): NextAction {
  const { recommendation, migration } = assessment;
  const misspelt = misspeltKeys(assessment.validation);
  if (misspelt.length > 0) {
    const renames = misspelt
      .filter(m => !m.duplicate)
      .map(m => `${m.written} → ${m.key}`);
    const removals = misspelt.filter(m => m.duplicate).map(m => m.written);
    const parts = [
      renames.length > 0 ? `Rename ${renames.join('; ')}.` : '',
      removals.length > 0
        ? `Remove ${removals.join(', ')}: the key meant is written as well.`
        : '',
      `The corrected block is below${
        recommendation.platform
          ? '; the advice may change once they are read.'
          : '.'
      }`,
    ];
    return {
      kind: 'fix-keys',
      title: `Fix ${misspelt.length} misspelt key${
        misspelt.length === 1 ? '' : 's'
      }`,
      detail: parts.filter(Boolean).join(' '),
      keys: misspelt.map(m => m.key),
    };
  }
  const workload = workloadTypeState(assessment);
  if (workload.state === 'invalid') {
    return {
      kind: 'fix-workload-type',
      title: `Fix the value of ${ANNOTATION_WORKLOAD_TYPE}`,
      detail: sentence(workload.problem.message),
      keys: [ANNOTATION_WORKLOAD_TYPE],
    };
  }
  if (!recommendation.platform) {
    const { toAdd } = splitMissingInputs(assessment);
    const keys = toAdd.map(m => m.key);
    return {
      kind: 'add-annotations',
      title: 'Add these annotations',
      detail:
        workload.state === 'missing'
          ? `${ANNOTATION_WORKLOAD_TYPE} (one of ${WORKLOAD_TYPES.join(
              ', ',
            )}) is needed for any recommendation; the others make it surer.`
          : 'They make the recommendation surer.',
      keys,
    };
  }
  const recommended = platformShortLabel(recommendation.platform);
  const caveat = caveatOf(assessment);
  const withCaveat = (action: NextAction): NextAction =>
    caveat ? { ...action, caveat } : action;
  if (migration) {
    return withCaveat({
      kind: 'migrate',
      title: `Migrate to ${platformShortLabel(migration.to)}${
        migration.effort
          ? `: ${MIGRATION_EFFORT_LABELS[migration.effort].toLowerCase()}`
          : ''
      }`,
      detail: migration.why,
      ...(migration.steps?.[0] ? { firstStep: migration.steps[0] } : {}),
    });
  }
  if (!current) {
    return withCaveat({
      kind: 'state-current',
      title: `Add ${ANNOTATION_CURRENT_PLATFORM}`,
      detail: `Where it runs today decides whether a move to ${recommended} is needed.`,
      keys: [ANNOTATION_CURRENT_PLATFORM],
    });
  }
  if (current === 'none') {
    return withCaveat({
      kind: 'deploy',
      title: `Deploy on ${recommended}`,
      detail: 'It is not deployed yet, so there is nothing to move.',
    });
  }
  let detail: string;
  if (current === recommendation.platform) {
    detail = 'It already runs on the recommended platform.';
  } else if (recommendation.nearTies.includes(current)) {
    detail = `${platformShortLabel(
      current,
    )} is within the near-tie margin of ${recommended}: a move would not pay off.`;
  } else {
    const today = assessment.platforms.find(p => p.id === current);
    const best = assessment.platforms.find(
      p => p.id === recommendation.platform,
    );
    const lead = today && best ? best.score - today.score : undefined;
    detail = `${platformShortLabel(current)} is ${
      today ? VERDICT_PHRASES[today.verdict] : 'possible'
    }${
      lead !== undefined
        ? ` and ${recommended} leads it by only ${lead} point${
            lead === 1 ? '' : 's'
          }`
        : ''
    }: too little to be worth a move.`;
  }
  return withCaveat({ kind: 'keep', title: 'Keep as is', detail });
}
