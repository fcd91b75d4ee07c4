import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import {
  Assessment,
  CurrentPlatform,
} from '@orchestration/plugin-orchestration-common';
import useAsync from 'react-use/esm/useAsync';
import { orchestrationApiRef } from '../../api';
import { describeDecision, ReviewerName } from '../ReviewPanel';
import {
  confidenceSentence,
  formatDate,
  LongText,
  mainReasons,
  mostUrgentObligation,
  nextAction,
  OBLIGATION_STATUS_LABELS,
  platformShortLabel,
  todayText,
  workloadTypeState,
} from '../shared';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(2),
    display: 'grid',
    gap: theme.spacing(1.5),
    gridTemplateColumns: '1fr',
    overflowWrap: 'anywhere',
    [theme.breakpoints.up('md')]: {
      gridTemplateColumns:
        'minmax(0, 1fr) auto minmax(0, 1.4fr) auto minmax(0, 1.8fr)',
    },
  },
  arrow: {
    alignSelf: 'center',
    color: theme.palette.text.secondary,
    display: 'none',
    [theme.breakpoints.up('md')]: { display: 'block' },
  },
  label: {
    display: 'block',
    lineHeight: 1.6,
    color: theme.palette.text.secondary,
  },
  next: {
    borderLeft: `4px solid ${theme.palette.primary.main}`,
    paddingLeft: theme.spacing(1.5),
  },
}));

const WORKLOAD_WORDS = {
  missing: 'the workload type is missing',
  misspelt: 'the workload type is written under a misspelt key',
  invalid: 'the workload type has a value that cannot be read',
  ok: 'no platform fits',
} as const;

/** The latest review decision of the entity, in words, with the owner. */
function OwnerAndDecision(props: { entity: Entity }) {
  const { entity } = props;
  const api = useApi(orchestrationApiRef);
  const ref = getCompoundEntityRef(entity);
  // One review is enough: the answer carries the decision in force.
  const reviews = useAsync(
    () => api.listReviews(ref, { limit: 1 }),
    [api, ref.kind, ref.namespace, ref.name],
  );
  const owner =
    typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined;
  const inForce =
    reviews.value?.inForce === undefined
      ? reviews.value?.items[0]
      : reviews.value.inForce;
  let decision: JSX.Element | string = '';
  if (reviews.loading) decision = 'loading…';
  else if (reviews.error) decision = 'could not be loaded';
  else if (inForce) {
    decision = (
      <>
        <LongText text={describeDecision(inForce)} /> (
        <ReviewerName reviewer={inForce.reviewer} />,{' '}
        {formatDate(inForce.createdAt)})
      </>
    );
  } else decision = 'none recorded yet (record it under Review decisions)';
  return (
    <Typography
      variant="body2"
      component="p"
      data-testid="strip-decision"
      style={{ marginTop: 6 }}
    >
      <strong>Owner:</strong>{' '}
      {owner ? (
        <EntityRefLink entityRef={owner} defaultKind="group" />
      ) : (
        'not stated'
      )}
      . <strong>Decision:</strong> {decision}
    </Typography>
  );
}

/**
 * The answer on one line: where the service runs today → the platform
 * recommended, how sure and why → the next action (a migration with its
 * effort and first step, keep it as it is, or the annotations to add or fix),
 * with the owner and the decision recorded.
 */
export function DecisionStrip(props: {
  entity: Entity;
  assessment: Assessment;
  /** Where it runs today, from its annotations. */
  current: CurrentPlatform | undefined;
  /** The cluster it names, when it resolves. */
  cluster?: string;
}) {
  const { entity, assessment, current, cluster } = props;
  const classes = useStyles();
  const { recommendation } = assessment;
  const today = todayText(current);
  const action = nextAction(assessment, current);
  const reasons = mainReasons(assessment);
  const urgent = mostUrgentObligation(assessment.obligations);
  const workload = workloadTypeState(assessment);
  return (
    <Paper
      className={classes.root}
      component="section"
      aria-label="What to do"
      data-testid="decision-strip"
    >
      <Box data-testid="strip-today">
        <Typography
          variant="overline"
          component="span"
          className={classes.label}
        >
          Today
        </Typography>
        <Typography variant="subtitle1" component="p">
          {today && current !== 'none' ? (
            <>
              Runs on <strong>{today}</strong> today
            </>
          ) : null}
          {current === 'none' ? <strong>Not deployed yet</strong> : null}
          {!today ? 'Where it runs today is not stated' : null}
        </Typography>
        {cluster && current !== 'none' ? (
          <Typography variant="body2" component="p">
            Cluster <LongText text={cluster} />
          </Typography>
        ) : null}
      </Box>
      <ArrowForwardIcon className={classes.arrow} aria-hidden />
      <Box data-testid="strip-recommended">
        <Typography
          variant="overline"
          component="span"
          className={classes.label}
        >
          Recommended
        </Typography>
        {recommendation.platform ? (
          <Typography variant="subtitle1" component="p">
            <strong>{platformShortLabel(recommendation.platform)}</strong>
            {current === recommendation.platform ? ' (where it runs)' : ''}
          </Typography>
        ) : (
          <Typography variant="subtitle1" component="p">
            <strong>No recommendation yet</strong>:{' '}
            {WORKLOAD_WORDS[workload.state]}
          </Typography>
        )}
        <Typography variant="body2" component="p">
          {confidenceSentence(recommendation)}
        </Typography>
        {reasons.length > 0 ? (
          <Typography variant="body2" component="p">
            Mainly: {reasons.join(', ')}.
          </Typography>
        ) : null}
      </Box>
      <ArrowForwardIcon className={classes.arrow} aria-hidden />
      <Box data-testid="strip-next" className={classes.next}>
        <Typography
          variant="overline"
          component="span"
          className={classes.label}
        >
          Next
        </Typography>
        <Typography variant="subtitle1" component="p">
          <strong>{action.title}</strong>
        </Typography>
        {action.detail ? (
          <Typography variant="body2" component="p">
            {action.detail}
          </Typography>
        ) : null}
        {action.kind === 'add-annotations' && action.keys?.length ? (
          <Typography variant="body2" component="p">
            {action.keys.map((key, i) => (
              <span key={key}>
                {i > 0 ? ', ' : ''}
                <code>{key}</code>
              </span>
            ))}{' '}
            (a block to copy is under Raise the confidence).
          </Typography>
        ) : null}
        {action.firstStep ? (
          <Typography variant="body2" component="p" data-testid="first-step">
            <strong>First step:</strong> {action.firstStep}
          </Typography>
        ) : null}
        {action.caveat ? (
          <Typography variant="body2" component="p">
            {action.caveat}
          </Typography>
        ) : null}
        {urgent &&
        (urgent.status === 'critical' || urgent.status === 'warning') ? (
          <Typography variant="body2" component="p">
            <strong>Meanwhile:</strong> {urgent.title} is{' '}
            {OBLIGATION_STATUS_LABELS[urgent.status].toLowerCase()}
            {urgent.due ? `, due ${formatDate(urgent.due)}` : ''}.
          </Typography>
        ) : null}
        <OwnerAndDecision entity={entity} />
      </Box>
    </Paper>
  );
}
