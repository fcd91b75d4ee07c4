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
  PlatformId,
  Reason,
  ValidationProblem,
} from '@orchestration/plugin-orchestration-common';
import {
  annotationsYaml,
  confidenceSentence,
  costText,
  isSizeMissing,
  formatPoints,
  LongText,
  MIGRATION_EFFORT_LABELS,
  NamedOptions,
  otherProblems,
  platformLabel,
  ruleLabel,
  splitMissingInputs,
  uniqueOptions,
  VERDICT_LABELS,
  WarningNote,
  workloadTypeState,
  YamlBlock,
} from '../shared';

const AVOID_RULE_PREFIX = 'AVOID-K8S-';

/** The sentence saying which platforms are within the near-tie margin. */
export function nearTieSentence(assessment: Assessment): string | null {
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
  const names = [platform, ...nearTies];
  const list =
    names.length === 2
      ? `${names[0]} and ${names[1]}`
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return margin === 0
    ? `${list} have the same fit: a tie.`
    : `${list} are within ${margin} point${
        margin === 1 ? '' : 's'
      }: a near tie.`;
}

/** A proposed move: why, the effort class with its reasons, the steps. */
export function MigrationPlan(props: { migration: Migration }) {
  const { migration } = props;
  // Assessments stored before effort and steps existed have neither.
  const effortReasons = migration.effortReasons ?? [];
  const steps = migration.steps ?? [];
  return (
    <WarningNote
      title={`Migration candidate: move from ${platformLabel(
        migration.from,
      )} to ${platformLabel(migration.to)}`}
    >
      <Box data-testid="migration">
        <Typography variant="body2" component="p">
          {migration.why}
        </Typography>
        {migration.effort ? (
          <Typography variant="body2" component="p">
            <strong>{MIGRATION_EFFORT_LABELS[migration.effort]}</strong>
            {effortReasons.length > 0 ? `: ${effortReasons.join(' ')}` : ''}
          </Typography>
        ) : null}
        {steps.length > 0 ? (
          <Box component="ol" pl={2.5} my={0.5} aria-label="Migration steps">
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
  const state = workloadTypeState(props.assessment);
  if (state.state === 'misspelt') {
    return (
      <Typography variant="body2" component="p" data-testid="workload-advice">
        <code>{ANNOTATION_WORKLOAD_TYPE}</code> is written, but misspelt as{' '}
        <LongText code text={state.written} />: rename the key (the corrected
        block is at the top) to get a recommendation.
      </Typography>
    );
  }
  if (state.state === 'invalid') {
    return (
      <Typography variant="body2" component="p" data-testid="workload-advice">
        <code>{ANNOTATION_WORKLOAD_TYPE}</code> is written, but its value cannot
        be read: {state.problem.message}
      </Typography>
    );
  }
  if (state.state === 'ok') return null;
  return (
    <Typography variant="body2" component="p" data-testid="workload-advice">
      Add the annotation <code>{ANNOTATION_WORKLOAD_TYPE}</code> (one of{' '}
      {WORKLOAD_TYPES.join(', ')}) to get a recommendation.
    </Typography>
  );
}

/** The recommendation: platform, verdict, confidence, ties and migration. */
export function RecommendationSummary(props: { assessment: Assessment }) {
  const { assessment } = props;
  const { recommendation, migration } = assessment;
  const best = assessment.platforms.find(p => p.id === recommendation.platform);
  const tie = nearTieSentence(assessment);
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
          Not enough information for a recommendation
        </Typography>
      ) : null}
      {recommendation.status === 'insufficient-data' ? (
        <WorkloadTypeAdvice assessment={assessment} />
      ) : null}
      {recommendation.status === 'insufficient-data' ||
      !recommendation.platform ? null : (
        <>
          <Typography variant="overline" component="p">
            Recommended platform
          </Typography>
          <Typography variant="h5" component="p" data-testid="recommendation">
            {platformLabel(recommendation.platform)}
          </Typography>
          <Box display="flex" flexWrap="wrap" my={1} style={{ gap: 8 }}>
            {best ? (
              <Chip
                size="small"
                label={`Fit ${best.fit}/100 · ${VERDICT_LABELS[best.verdict]}`}
              />
            ) : null}
            {best ? (
              <Chip
                size="small"
                label={costText(best, isSizeMissing(assessment))}
              />
            ) : null}
          </Box>
        </>
      )}
      {recommendation.platform ||
      (recommendation.decidingInputs ?? []).length > 0 ? (
        <Typography variant="body2" component="p" data-testid="confidence">
          {confidenceSentence(recommendation)}
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
        <Box mt={1} aria-label="Avoid Kubernetes warnings" role="group">
          {avoid.map(warning => (
            <WarningWithOptions
              key={warning.rule}
              warning={warning}
              title={`Avoid Kubernetes: ${ruleLabel(warning.rule)}`}
            />
          ))}
        </Box>
      ) : null}
      {notices.map(warning => (
        <WarningWithOptions
          key={warning.rule}
          warning={warning}
          title={ruleLabel(warning.rule)}
        />
      ))}
      <Typography variant="caption" component="p">
        Assessed at {assessment.assessedAt}; knowledge as of{' '}
        {assessment.knowledgeAsOf}.
      </Typography>
    </Box>
  );
}

interface RuleGroup {
  rule: string;
  explanation: string;
  effects: { platform: PlatformId; reason: Reason }[];
}

function groupByRule(assessment: Assessment): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const platform of assessment.platforms) {
    for (const reason of platform.reasons) {
      let group = groups.get(reason.rule);
      if (!group) {
        group = {
          rule: reason.rule,
          explanation: reason.explanation,
          effects: [],
        };
        groups.set(reason.rule, group);
      }
      group.effects.push({ platform: platform.id, reason });
    }
  }
  return [...groups.values()];
}

function effectText(reason: Reason): string {
  if (reason.effect === 'blocks') return 'blocks';
  const points = `${formatPoints(reason.points)} points`;
  return reason.countedBy
    ? `${points}, counted by ${reason.countedBy}`
    : points;
}

/** Every rule that fired, with the evidence and the points per platform. */
export function ReasonsByRule(props: { assessment: Assessment }) {
  const groups = groupByRule(props.assessment);
  if (groups.length === 0) {
    return <Typography variant="body2">No rule fired.</Typography>;
  }
  return (
    <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {groups.map(group => {
        const evidence = new Map<string, string>();
        for (const { reason } of group.effects) {
          for (const e of reason.evidence)
            evidence.set(`${e.key}=${e.value}`, e.key);
        }
        return (
          <Box
            component="li"
            key={group.rule}
            mb={2}
            data-testid={`rule-${group.rule}`}
          >
            <Typography variant="subtitle2" component="h4">
              {ruleLabel(group.rule)}
            </Typography>
            <Typography variant="body2">{group.explanation}</Typography>
            <Typography variant="body2" component="div">
              Points:{' '}
              {group.effects
                .map(
                  ({ platform, reason }) => `${platform} ${effectText(reason)}`,
                )
                .join(', ')}
            </Typography>
            {evidence.size > 0 ? (
              <Typography variant="body2" component="div">
                Evidence:{' '}
                {[...evidence.keys()].map((text, i) => (
                  <span key={text}>
                    {i > 0 ? ', ' : ''}
                    <LongText code text={text} />
                  </span>
                ))}
              </Typography>
            ) : null}
            <NamedOptions
              options={uniqueOptions(
                group.effects.map(({ reason }) => reason.alternatives),
              )}
            />
          </Box>
        );
      })}
    </Box>
  );
}

/** The platforms a hard constraint rules out, and why. */
export function BlockedPlatforms(props: { assessment: Assessment }) {
  const blocked = props.assessment.platforms.filter(
    p => p.verdict === 'blocked',
  );
  if (blocked.length === 0) {
    return (
      <Typography variant="body2">
        No platform is blocked by a hard constraint.
      </Typography>
    );
  }
  return (
    <Box component="ul" pl={2} m={0}>
      {blocked.map(platform => (
        <li key={platform.id}>
          <Typography variant="body2" component="div">
            <strong>{platformLabel(platform.id)}</strong> is blocked:
            <ul>
              {platform.reasons
                .filter(r => r.effect === 'blocks')
                .map(r => (
                  <li key={r.rule} data-testid={`block-${r.rule}`}>
                    {ruleLabel(r.rule)}: {r.explanation}{' '}
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

const SEVERITY: Record<string, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Hint',
};

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
  if (problems.length === 0) {
    return (
      <Typography variant="body2">The annotations have no problems.</Typography>
    );
  }
  const unknownKeys =
    !props.keysListed && problems.some(p => p.code === 'unknown-key');
  return (
    <>
      <Box component="ul" pl={2} m={0}>
        {problems.map((problem, index) => (
          <li key={`${problem.key}-${problem.code}-${index}`}>
            <Typography variant="body2" component="div">
              <strong>{SEVERITY[problem.severity] ?? problem.severity}</strong>{' '}
              on <LongText code text={problem.key} />
              {problem.value !== undefined ? (
                <>
                  {' '}
                  (written <LongText code text={problem.value} />)
                </>
              ) : null}
              {problem.entityRef ? <> of {problem.entityRef}</> : null}:{' '}
              {problem.message}
              {problem.suggestion ? (
                <>
                  {' '}
                  Fix: write <code>{problem.suggestion}</code>.
                </>
              ) : null}
              {problem.allowed &&
              problem.code !== 'unknown-key' &&
              !problem.message.includes(problem.allowed.join(', ')) ? (
                <> Allowed: {problem.allowed.join(', ')}.</>
              ) : null}
            </Typography>
          </li>
        ))}
      </Box>
      {unknownKeys ? (
        <Typography variant="body2" component="p" data-testid="allowed-keys">
          Keys a Component can carry: {COMPONENT_ANNOTATION_KEYS.join(', ')}.
        </Typography>
      ) : null}
    </>
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
  const { toAdd, toFix, catalog } = splitMissingInputs(props.assessment);
  if (toAdd.length + toFix.length + catalog.length === 0) {
    return (
      <Typography variant="body2">
        Every input the assessment uses is present.
      </Typography>
    );
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
                    Set <LongText text={m.example} />.
                  </>
                ) : null}
              </Typography>
            </li>
          ))}
        </Box>
      ) : null}
      {toFix.length > 0 ? (
        <Typography variant="body2" component="p" data-testid="inputs-to-fix">
          Written but not read, so fix rather than add:{' '}
          {toFix.map((m, i) => (
            <span key={m.key}>
              {i > 0 ? ', ' : ''}
              <code>{m.key}</code>
            </span>
          ))}{' '}
          (see the annotation problems).
        </Typography>
      ) : null}
      {toAdd.length > 0 ? (
        <>
          <Typography variant="body2" component="p">
            Add to <code>catalog-info.yaml</code> (replace the example values):
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
