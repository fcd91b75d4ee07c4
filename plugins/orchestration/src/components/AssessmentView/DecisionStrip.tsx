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
  DateText,
  LongText,
  mainReasons,
  mostUrgentObligation,
  nextAction,
  platformShortLabel,
  todayText,
  useTexts,
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

/** The latest review decision of the entity, in words, with the owner. */
function OwnerAndDecision(props: { entity: Entity }) {
  const { entity } = props;
  const texts = useTexts();
  const { t } = texts;
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
  if (reviews.loading) decision = t('strip.decisionLoading');
  else if (reviews.error) decision = t('strip.decisionFailed');
  else if (inForce) {
    decision = t('strip.decisionBy', {
      decision: <LongText text={describeDecision(inForce, texts)} />,
      reviewer: <ReviewerName reviewer={inForce.reviewer} />,
      date: <DateText value={inForce.createdAt} />,
    });
  } else decision = t('strip.decisionNone');
  return (
    <Typography
      variant="body2"
      component="p"
      data-testid="strip-decision"
      style={{ marginTop: 6 }}
    >
      {t('strip.ownerAndDecision', {
        ownerLabel: <strong>{t('strip.owner')}</strong>,
        owner: owner ? (
          <EntityRefLink entityRef={owner} defaultKind="group" />
        ) : (
          t('strip.ownerNotStated')
        ),
        decisionLabel: <strong>{t('strip.decision')}</strong>,
        decision,
      })}
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
  const texts = useTexts();
  const { t } = texts;
  const { recommendation } = assessment;
  const today = todayText(current, texts);
  const action = nextAction(assessment, current, texts);
  const reasons = mainReasons(assessment, 3, texts);
  const urgent = mostUrgentObligation(assessment.obligations);
  const workload = workloadTypeState(assessment);
  return (
    <Paper
      className={classes.root}
      component="section"
      aria-label={t('strip.label')}
      data-testid="decision-strip"
    >
      <Box data-testid="strip-today">
        <Typography
          variant="overline"
          component="span"
          className={classes.label}
        >
          {t('strip.today')}
        </Typography>
        <Typography variant="subtitle1" component="p">
          {today && current !== 'none'
            ? t('strip.runsOn', { platform: <strong>{today}</strong> })
            : null}
          {current === 'none' ? (
            <strong>{t('strip.notDeployed')}</strong>
          ) : null}
          {!today ? t('strip.notStated') : null}
        </Typography>
        {cluster && current !== 'none' ? (
          <Typography variant="body2" component="p">
            {t('strip.cluster', { cluster: <LongText text={cluster} /> })}
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
          {t('strip.recommended')}
        </Typography>
        {recommendation.platform ? (
          <Typography variant="subtitle1" component="p">
            <strong>
              {platformShortLabel(recommendation.platform, texts)}
            </strong>
            {current === recommendation.platform
              ? ` ${t('strip.whereItRuns')}`
              : ''}
          </Typography>
        ) : (
          <Typography variant="subtitle1" component="p">
            {t('strip.noRecommendation', {
              title: <strong>{t('strip.noRecommendationTitle')}</strong>,
              reason: t(`strip.workload.${workload.state}`),
            })}
          </Typography>
        )}
        <Typography variant="body2" component="p">
          {confidenceSentence(recommendation, undefined, texts)}
        </Typography>
        {reasons.length > 0 ? (
          <Typography variant="body2" component="p">
            {t('strip.mainly', { reasons: reasons.join(', ') })}
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
          {t('strip.next')}
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
            {t('strip.keysToAdd', {
              keys: (
                <>
                  {action.keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 ? ', ' : ''}
                      <code>{key}</code>
                    </span>
                  ))}
                </>
              ),
            })}
          </Typography>
        ) : null}
        {action.firstStep ? (
          <Typography variant="body2" component="p" data-testid="first-step">
            {t('strip.firstStep', {
              label: <strong>{t('strip.firstStepLabel')}</strong>,
              step: action.firstStep,
            })}
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
            {urgent.due
              ? t('strip.meanwhileDue', {
                  label: <strong>{t('strip.meanwhileLabel')}</strong>,
                  obligation: urgent.title,
                  status: t(`strip.statusPhrase.${urgent.status}`),
                  due: <DateText value={urgent.due} />,
                })
              : t('strip.meanwhile', {
                  label: <strong>{t('strip.meanwhileLabel')}</strong>,
                  obligation: urgent.title,
                  status: t(`strip.statusPhrase.${urgent.status}`),
                })}
          </Typography>
        ) : null}
        <OwnerAndDecision entity={entity} />
      </Box>
    </Paper>
  );
}
