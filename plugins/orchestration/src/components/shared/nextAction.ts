import {
  ANNOTATION_CURRENT_PLATFORM,
  ANNOTATION_WORKLOAD_TYPE,
  Assessment,
  CurrentPlatform,
  PlatformAssessment,
  WORKLOAD_TYPES,
} from '@orchestration/plugin-orchestration-common';
import {
  misspeltKeys,
  splitMissingInputs,
  workloadTypeState,
} from './annotationFixes';
import { defaultTexts, Texts } from './i18n';
import {
  decidingInputClauses,
  platformShortLabel,
  ruleLabel,
  ruleName,
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
  texts: Texts = defaultTexts(),
): string | undefined {
  if (!current) return undefined;
  return current === 'none'
    ? texts.t('nextAction.notDeployedYet')
    : platformShortLabel(current, texts);
}

/**
 * The first blocking rule of a platform, in words with its id: `Fargate has
 * no GPUs (FARGATE-NO-GPU)`.
 */
export function blockText(
  platform: PlatformAssessment,
  texts: Texts = defaultTexts(),
): string {
  const { t } = texts;
  const blocks = platform.reasons.filter(r => r.effect === 'blocks');
  if (blocks.length === 0) return t('nextAction.blocked');
  const first = ruleLabel(blocks[0].rule, texts);
  return blocks.length === 1
    ? first
    : t('nextAction.blockedAndMore', { rule: first, count: blocks.length - 1 });
}

/**
 * The rules that weigh most for the recommended platform, in words, most
 * points first: `Native AWS integrations (+14), Simple workload ECS runs
 * well (+12)`. Empty without a recommendation.
 */
export function mainReasons(
  assessment: Assessment,
  max = 3,
  texts: Texts = defaultTexts(),
): string[] {
  const best = assessment.platforms.find(
    p => p.id === assessment.recommendation.platform,
  );
  if (!best) return [];
  return best.reasons
    .filter(r => r.effect === 'favours' && r.points > 0 && !r.countedBy)
    .sort((a, b) => b.points - a.points)
    .slice(0, max)
    .map(r =>
      texts.t('nextAction.reasonWithPoints', {
        rule: ruleName(r.rule, texts),
        points: texts.fmt.points(r.points),
      }),
    );
}

function caveatOf(assessment: Assessment, texts: Texts): string | undefined {
  if (!assessment.recommendation.platform) return undefined;
  const [first] = decidingInputClauses(assessment.recommendation, texts);
  return first
    ? texts.t('nextAction.checkFirst', { clause: first })
    : undefined;
}

/**
 * The one thing to do next: fix misspelt keys, give the workload type, move
 * (with the effort and first step), deploy, state where it runs, or keep it
 * as it is.
 */
export function nextAction(
  assessment: Assessment,
  current: CurrentPlatform | undefined,
  texts: Texts = defaultTexts(),
): NextAction {
  const { t } = texts;
  const { recommendation, migration } = assessment;
  const misspelt = misspeltKeys(assessment.validation);
  if (misspelt.length > 0) {
    const renames = misspelt
      .filter(m => !m.duplicate)
      .map(m =>
        t('nextAction.fixKeys.rename', { written: m.written, key: m.key }),
      );
    const removals = misspelt.filter(m => m.duplicate).map(m => m.written);
    const parts = [
      renames.length > 0
        ? t('nextAction.fixKeys.renames', {
            renames: renames.join(t('nextAction.fixKeys.separator')),
          })
        : '',
      removals.length > 0
        ? t('nextAction.fixKeys.removals', { keys: texts.fmt.list(removals) })
        : '',
      recommendation.platform
        ? t('nextAction.fixKeys.blockBelowAdviceMayChange')
        : t('nextAction.fixKeys.blockBelow'),
    ];
    return {
      kind: 'fix-keys',
      title: t('nextAction.fixKeys.title', { count: misspelt.length }),
      detail: parts.filter(Boolean).join(' '),
      keys: misspelt.map(m => m.key),
    };
  }
  const workload = workloadTypeState(assessment);
  if (workload.state === 'invalid') {
    return {
      kind: 'fix-workload-type',
      title: t('nextAction.fixWorkloadType', { key: ANNOTATION_WORKLOAD_TYPE }),
      detail: sentence(workload.problem.message),
      keys: [ANNOTATION_WORKLOAD_TYPE],
    };
  }
  if (!recommendation.platform) {
    const { toAdd } = splitMissingInputs(assessment);
    const keys = toAdd.map(m => m.key);
    return {
      kind: 'add-annotations',
      title: t('nextAction.addAnnotations.title'),
      detail:
        workload.state === 'missing'
          ? t('nextAction.addAnnotations.workloadNeeded', {
              key: ANNOTATION_WORKLOAD_TYPE,
              values: WORKLOAD_TYPES.join(', '),
            })
          : t('nextAction.addAnnotations.surer'),
      keys,
    };
  }
  const recommended = platformShortLabel(recommendation.platform, texts);
  const caveat = caveatOf(assessment, texts);
  const withCaveat = (action: NextAction): NextAction =>
    caveat ? { ...action, caveat } : action;
  if (migration) {
    const to = platformShortLabel(migration.to, texts);
    return withCaveat({
      kind: 'migrate',
      title: migration.effort
        ? t('nextAction.migrate.withEffort', {
            platform: to,
            effort: t(`nextAction.migrate.effort.${migration.effort}`),
          })
        : t('nextAction.migrate.title', { platform: to }),
      detail: migration.why,
      ...(migration.steps?.[0] ? { firstStep: migration.steps[0] } : {}),
    });
  }
  if (!current) {
    return withCaveat({
      kind: 'state-current',
      title: t('nextAction.stateCurrent.title', {
        key: ANNOTATION_CURRENT_PLATFORM,
      }),
      detail: t('nextAction.stateCurrent.detail', { platform: recommended }),
      keys: [ANNOTATION_CURRENT_PLATFORM],
    });
  }
  if (current === 'none') {
    return withCaveat({
      kind: 'deploy',
      title: t('nextAction.deploy.title', { platform: recommended }),
      detail: t('nextAction.deploy.detail'),
    });
  }
  let detail: string;
  if (current === recommendation.platform) {
    detail = t('nextAction.keep.alreadyThere');
  } else if (recommendation.nearTies.includes(current)) {
    detail = t('nextAction.keep.nearTie', {
      current: platformShortLabel(current, texts),
      recommended,
    });
  } else {
    const today = assessment.platforms.find(p => p.id === current);
    const best = assessment.platforms.find(
      p => p.id === recommendation.platform,
    );
    const lead = today && best ? best.score - today.score : undefined;
    const verdict = t(
      `nextAction.verdictPhrases.${today?.verdict ?? 'possible'}`,
    );
    detail =
      lead === undefined
        ? t('nextAction.keep.tooLittle', {
            current: platformShortLabel(current, texts),
            verdict,
          })
        : t('nextAction.keep.tooLittleLead', {
            current: platformShortLabel(current, texts),
            verdict,
            recommended,
            count: lead,
          });
  }
  return withCaveat({
    kind: 'keep',
    title: t('nextAction.keep.title'),
    detail,
  });
}
