import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_WORKLOAD_TYPE,
  Assessment,
  AssessmentWarning,
  COMPONENT_ANNOTATION_KEYS,
  Migration,
  WORKLOAD_TYPES,
  ValidationProblem,
} from '@orchestration/plugin-orchestration-common';
import {
  annotationsYaml,
  confidenceSentence,
  costText,
  DateText,
  defaultTexts,
  effortLabel,
  isSizeMissing,
  LongText,
  NamedOptions,
  otherProblems,
  platformLabel,
  platformShortLabel,
  PlatformReasons,
  ruleLabel,
  splitMissingInputs,
  Texts,
  useTexts,
  verdictLabel,
  WarningNote,
  workloadTypeState,
  YamlBlock,
} from '../shared';

const AVOID_RULE_PREFIX = 'AVOID-K8S-';

/** The sentence saying which platforms are within the near-tie margin. */
export function nearTieSentence(
  assessment: Assessment,
  texts: Texts = defaultTexts(),
): string | null {
  const { platform, nearTies } = assessment.recommendation;
  if (!platform || nearTies.length === 0) return null;
  const best = assessment.platforms.find(p => p.id === platform);
  const margin = Math.max(
    0,
    ...nearTies.map(
      id =>
        (best?.fit ?? 0) -
        (assessment.platforms.find(p => p.id === id)?.fit ?? 0),
    ),
  );
  const platforms = texts.fmt.list(
    [platform, ...nearTies].map(id => platformShortLabel(id, texts)),
  );
  return margin === 0
    ? texts.t('recommendation.tie', { platforms })
    : texts.t('recommendation.nearTie', { platforms, count: margin });
}

/** A proposed move: why, the effort class with its reasons, the steps. */
export function MigrationPlan(props: { migration: Migration }) {
  const { migration } = props;
  const texts = useTexts();
  const { t } = texts;
  // Assessments stored before effort and steps existed have neither.
  const effortReasons = migration.effortReasons ?? [];
  const steps = migration.steps ?? [];
  return (
    <WarningNote
      title={t('migration.title', {
        from: platformLabel(migration.from, texts),
        to: platformLabel(migration.to, texts),
      })}
    >
      <Box data-testid="migration">
        <Typography variant="body2" component="p">
          {migration.why}
        </Typography>
        {migration.effort ? (
          <Typography variant="body2" component="p">
            {effortReasons.length > 0 ? (
              t('migration.effortWithReasons', {
                effort: <strong>{effortLabel(migration.effort, texts)}</strong>,
                reasons: effortReasons.join(' '),
              })
            ) : (
              <strong>{effortLabel(migration.effort, texts)}</strong>
            )}
          </Typography>
        ) : null}
        {steps.length > 0 ? (
          <Box
            component="ol"
            pl={2.5}
            my={0.5}
            aria-label={t('migration.stepsLabel')}
          >
            {steps.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </Box>
        ) : null}
      </Box>
    </WarningNote>
  );
}

/** A warning with the options since 2017 that bear on it. */
function WarningWithOptions(props: {
  warning: AssessmentWarning;
  title: string;
}) {
  const { warning } = props;
  return (
    <WarningNote title={props.title}>
      {warning.message}
      <NamedOptions options={warning.alternatives} />
    </WarningNote>
  );
}

/**
 * What to do about a missing workload type: add it, rename the misspelt key,
 * or fix its value. Never advises adding a key that is written, only
 * misspelt.
 */
export function WorkloadTypeAdvice(props: { assessment: Assessment }) {
  const { t } = useTexts();
  const state = workloadTypeState(props.assessment);
  const key = <code>{ANNOTATION_WORKLOAD_TYPE}</code>;
  if (state.state === 'ok') return null;
  let advice;
  if (state.state === 'misspelt') {
    advice = t('workloadAdvice.misspelt', {
      key,
      written: <LongText code text={state.written} />,
    });
  } else if (state.state === 'invalid') {
    advice = t('workloadAdvice.invalid', {
      key,
      message: state.problem.message,
    });
  } else {
    advice = t('workloadAdvice.missing', {
      key,
      values: WORKLOAD_TYPES.join(', '),
    });
  }
  return (
    <Typography variant="body2" component="p" data-testid="workload-advice">
      {advice}
    </Typography>
  );
}

/** The recommendation: platform, verdict, confidence, ties and migration. */
export function RecommendationSummary(props: { assessment: Assessment }) {
  const { assessment } = props;
  const texts = useTexts();
  const { t } = texts;
  const { recommendation, migration } = assessment;
  const best = assessment.platforms.find(p => p.id === recommendation.platform);
  const tie = nearTieSentence(assessment, texts);
  const avoid = assessment.warnings.filter(w =>
    w.rule.startsWith(AVOID_RULE_PREFIX),
  );
  const notices = assessment.warnings.filter(
    w => !w.rule.startsWith(AVOID_RULE_PREFIX),
  );
  return (
    <Box>
      {recommendation.status === 'insufficient-data' ||
      !recommendation.platform ? (
        <Typography variant="h6" component="p">
          {t('recommendation.notEnough')}
        </Typography>
      ) : null}
      {recommendation.status === 'insufficient-data' ? (
        <WorkloadTypeAdvice assessment={assessment} />
      ) : null}
      {recommendation.status === 'insufficient-data' ||
      !recommendation.platform ? null : (
        <>
          <Typography variant="overline" component="p">
            {t('recommendation.overline')}
          </Typography>
          <Typography variant="h5" component="p" data-testid="recommendation">
            {platformLabel(recommendation.platform, texts)}
          </Typography>
          <Box display="flex" flexWrap="wrap" my={1} style={{ gap: 8 }}>
            {best ? (
              <Chip
                size="small"
                label={t('recommendation.fitChip', {
                  fit: texts.fmt.number(best.fit),
                  verdict: verdictLabel(best.verdict, texts),
                })}
              />
            ) : null}
            {best ? (
              <Chip
                size="small"
                label={costText(best, isSizeMissing(assessment), texts)}
              />
            ) : null}
          </Box>
        </>
      )}
      {recommendation.platform ||
      (recommendation.decidingInputs ?? []).length > 0 ? (
        <Typography variant="body2" component="p" data-testid="confidence">
          {confidenceSentence(recommendation, undefined, texts)}
        </Typography>
      ) : null}
      {tie ? (
        <Typography variant="body1" component="p" data-testid="near-tie">
          {tie}
        </Typography>
      ) : null}
      {migration ? (
        <Box mt={1}>
          <MigrationPlan migration={migration} />
        </Box>
      ) : null}
      {avoid.length > 0 ? (
        <Box mt={1} aria-label={t('recommendation.avoidGroup')} role="group">
          {avoid.map(warning => (
            <WarningWithOptions
              key={warning.rule}
              warning={warning}
              title={t('recommendation.avoidTitle', {
                rule: ruleLabel(warning.rule, texts),
              })}
            />
          ))}
        </Box>
      ) : null}
      {notices.map(warning => (
        <WarningWithOptions
          key={warning.rule}
          warning={warning}
          title={ruleLabel(warning.rule, texts)}
        />
      ))}
      <Typography variant="caption" component="p" data-testid="assessed">
        {t('recommendation.assessed', {
          when: <DateText value={assessment.assessedAt} withTime relative />,
          knowledge: <DateText value={assessment.knowledgeAsOf} />,
        })}
      </Typography>
    </Box>
  );
}

/**
 * Why each platform got its fit: per platform, one line with the rules for
 * and against it, which opens on each rule's explanation and evidence.
 */
export function ReasonsByPlatform(props: { assessment: Assessment }) {
  const texts = useTexts();
  const { platforms } = props.assessment;
  if (platforms.every(p => p.reasons.length === 0)) {
    return (
      <Typography variant="body2">{texts.t('reasons.noneFired')}</Typography>
    );
  }
  return (
    <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {platforms.map(platform => (
        <Box component="li" key={platform.id} mb={1}>
          <Typography variant="subtitle2" component="h4">
            {platformLabel(platform.id, texts)}
          </Typography>
          <PlatformReasons platform={platform} />
        </Box>
      ))}
    </Box>
  );
}

/** The platforms a hard constraint rules out, and why. */
export function BlockedPlatforms(props: { assessment: Assessment }) {
  const texts = useTexts();
  const { t } = texts;
  const blocked = props.assessment.platforms.filter(
    p => p.verdict === 'blocked',
  );
  if (blocked.length === 0) {
    return <Typography variant="body2">{t('blocked.none')}</Typography>;
  }
  return (
    <Box component="ul" pl={2} m={0}>
      {blocked.map(platform => (
        <li key={platform.id}>
          <Typography variant="body2" component="div">
            {t('blocked.platform', {
              platform: <strong>{platformLabel(platform.id, texts)}</strong>,
            })}
            <ul>
              {platform.reasons
                .filter(r => r.effect === 'blocks')
                .map(r => (
                  <li key={r.rule} data-testid={`block-${r.rule}`}>
                    {ruleLabel(r.rule, texts)}: {r.explanation}{' '}
                    {r.evidence.map(e => (
                      <span key={e.key}>
                        {' '}
                        <LongText code text={`${e.key}=${e.value}`} />
                      </span>
                    ))}
                  </li>
                ))}
            </ul>
          </Typography>
        </li>
      ))}
    </Box>
  );
}

/**
 * Annotation problems, each with what to write instead. The keys a
 * Component may carry are listed once, not with every unknown key.
 */
export function AnnotationProblemList(props: {
  problems: readonly ValidationProblem[];
  /** The keys a Component can carry are already listed elsewhere on the page. */
  keysListed?: boolean;
}) {
  const { problems } = props;
  const { t } = useTexts();
  if (problems.length === 0) {
    return <Typography variant="body2">{t('problems.none')}</Typography>;
  }
  const unknownKeys =
    !props.keysListed && problems.some(p => p.code === 'unknown-key');
  return (
    <>
      <Box component="ul" pl={2} m={0}>
        {problems.map((problem, index) => (
          <li key={`${problem.key}-${problem.code}-${index}`}>
            <ProblemLine problem={problem} />
          </li>
        ))}
      </Box>
      {unknownKeys ? (
        <Typography variant="body2" component="p" data-testid="allowed-keys">
          {t('problems.allowedKeys', {
            keys: COMPONENT_ANNOTATION_KEYS.join(', '),
          })}
        </Typography>
      ) : null}
    </>
  );
}

/**
 * One annotation problem: `Error on key (written value) of entity: message
 * Fix: write suggestion. Allowed: a, b.`, every value as text.
 */
export function ProblemLine(props: {
  problem: ValidationProblem;
  /** Whether to repeat the allowed values when the message names them already. */
  allowedAlways?: boolean;
}) {
  const { problem } = props;
  const { t } = useTexts();
  const severity =
    problem.severity === 'error' ||
    problem.severity === 'warning' ||
    problem.severity === 'info'
      ? t(`problems.severity.${problem.severity}`)
      : problem.severity;
  const showAllowed =
    problem.allowed &&
    (props.allowedAlways ||
      (problem.code !== 'unknown-key' &&
        !problem.message.includes(problem.allowed.join(', '))));
  return (
    <Typography variant="body2" component="div">
      {t('problems.head', {
        severity: <strong>{severity}</strong>,
        key: <LongText code text={problem.key} />,
      })}
      {problem.value !== undefined ? (
        <>
          {' '}
          {t('problems.written', {
            value: <LongText code text={problem.value} />,
          })}
        </>
      ) : null}
      {problem.entityRef ? (
        <> {t('problems.of', { entity: problem.entityRef })}</>
      ) : null}
      : {problem.message}
      {problem.suggestion ? (
        <>
          {' '}
          {t('problems.fix', { suggestion: <code>{problem.suggestion}</code> })}
        </>
      ) : null}
      {showAllowed ? (
        <> {t('problems.allowed', { values: problem.allowed!.join(', ') })}</>
      ) : null}
    </Typography>
  );
}

/**
 * Annotation problems with the exact fix, but for the misspelt keys, which
 * {@link MisspeltKeys} sums up on their own.
 */
export function ValidationProblems(props: {
  assessment: Assessment;
  keysListed?: boolean;
}) {
  return (
    <AnnotationProblemList
      problems={otherProblems(props.assessment.validation)}
      keysListed={props.keysListed}
    />
  );
}

/** Whether {@link MissingInputs} has anything to say. */
export function hasMissingInputs(assessment: Assessment): boolean {
  const { toAdd, toFix, catalog } = splitMissingInputs(assessment);
  return toAdd.length + toFix.length + catalog.length > 0;
}

/**
 * Annotations that would raise confidence, and a block to paste. Keys that
 * are written but misspelt or unreadable are named as fixes, never as
 * additions; facts from elsewhere in the catalog are named in words.
 */
export function MissingInputs(props: { assessment: Assessment }) {
  const { t } = useTexts();
  const { toAdd, toFix, catalog } = splitMissingInputs(props.assessment);
  if (toAdd.length + toFix.length + catalog.length === 0) {
    return <Typography variant="body2">{t('missingInputs.none')}</Typography>;
  }
  return (
    <>
      {toAdd.length + catalog.length > 0 ? (
        <Box component="ul" pl={2} mt={0}>
          {[...toAdd, ...catalog].map(m => (
            <li key={m.key}>
              <Typography variant="body2">
                <code>{m.key}</code>: {m.why}
                {catalog.includes(m) ? (
                  <>
                    {' '}
                    {t('missingInputs.set', {
                      example: <LongText text={m.example} />,
                    })}
                  </>
                ) : null}
              </Typography>
            </li>
          ))}
        </Box>
      ) : null}
      {toFix.length > 0 ? (
        <Typography variant="body2" component="p" data-testid="inputs-to-fix">
          {t('missingInputs.toFix', {
            keys: (
              <>
                {toFix.map((m, i) => (
                  <span key={m.key}>
                    {i > 0 ? ', ' : ''}
                    <code>{m.key}</code>
                  </span>
                ))}
              </>
            ),
          })}
        </Typography>
      ) : null}
      {toAdd.length > 0 ? (
        <>
          <Typography variant="body2" component="p">
            {t('missingInputs.addTo', { file: <code>catalog-info.yaml</code> })}
          </Typography>
          <YamlBlock
            text={annotationsYaml(
              Object.fromEntries(toAdd.map(m => [m.key, m.example])),
            )}
          />
        </>
      ) : null}
    </>
  );
}
