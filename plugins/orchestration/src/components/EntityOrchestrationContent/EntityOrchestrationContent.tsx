import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ANNOTATION_WORKLOAD_TYPE,
  Assessment,
  isKubernetesClusterResource,
  isOrchestrationAnnotated,
  parseComponentAnnotations,
} from '@orchestration/plugin-orchestration-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { orchestrationApiRef } from '../../api';
import {
  DecisionStrip,
  MisspeltKeys,
  MissingInputs,
  RecommendationSummary,
  ValidationProblems,
} from '../AssessmentView';
import { EntityClusterContent } from '../ClusterDetails';
import { ReviewPanel } from '../ReviewPanel';
import {
  ErrorState,
  Expandable,
  FitChart,
  isSizeMissing,
  misspeltKeys,
  ObligationList,
  otherProblems,
  splitMissingInputs,
  useTexts,
  workloadTypeState,
} from '../shared';
import { WhatIf } from '../WhatIf';
import { AssessmentHistory } from './AssessmentHistory';

/** Card titles are headings, one level below the entity's name. */
const CARD_TITLE = { component: 'h3' } as const;

const useStyles = makeStyles(theme => ({
  // Long words and values wrap inside their cards instead of running past them.
  root: { overflowWrap: 'break-word', minWidth: 0 },
  lines: {
    padding: theme.spacing(0.5, 2),
    '& > *': { padding: theme.spacing(1, 0) },
    '& > * + *': { borderTop: `1px solid ${theme.palette.divider}` },
  },
}));

/**
 * Whether the Orchestration tab applies to an entity: a Component carrying
 * any `orchestration.io/` annotation, or a kubernetes-cluster Resource.
 *
 * @public
 */
export function isOrchestrationAvailable(entity: Entity): boolean {
  if (isKubernetesClusterResource(entity)) return true;
  return (
    String(entity?.kind ?? '').toLocaleLowerCase('en-US') === 'component' &&
    isOrchestrationAnnotated(entity)
  );
}

/** The fit chart with, under each platform, the rules for and against it. */
function Scores(props: {
  assessment: Assessment;
  current: string | undefined;
}) {
  const { assessment } = props;
  return (
    <FitChart
      platforms={assessment.platforms}
      sizeMissing={isSizeMissing(assessment)}
      current={props.current}
      reasons
    />
  );
}

function ComponentAssessment(props: { entity: Entity }) {
  const { entity } = props;
  const classes = useStyles();
  const { t } = useTexts();
  const api = useApi(orchestrationApiRef);
  const ref = getCompoundEntityRef(entity);
  // Bumped when a review is recorded: the strip then shows the new decision in force.
  const [reviewsVersion, setReviewsVersion] = useState(0);
  const { value, loading, error } = useAsync(
    () => api.getEntityAssessment(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  if (loading) return <Progress />;
  if (error) return <ErrorState error={error} />;
  if (!value) return null;
  const { assessment } = value;
  const annotations = entity.metadata.annotations ?? {};
  const facts = parseComponentAnnotations(annotations, {
    namespace: entity.metadata.namespace,
  }).facts;
  const current = facts.currentPlatform;
  const misspelt = misspeltKeys(assessment.validation, annotations);
  const withoutWorkload = workloadTypeState(assessment).state !== 'ok';
  const problems = otherProblems(assessment.validation);
  const inputs = splitMissingInputs(assessment);
  const missingCount =
    inputs.toAdd.length + inputs.toFix.length + inputs.catalog.length;
  // Without a recommendation the inputs are the next action: shown open.
  const missingUrgent = missingCount > 0 && !assessment.recommendation.platform;
  const real = assessment.obligations.filter(o => !o.hypothetical);
  const hypothetical = assessment.obligations.filter(o => o.hypothetical);

  return (
    <Box className={classes.root}>
      <Grid container spacing={3} alignItems="stretch">
        <Grid item xs={12}>
          <DecisionStrip
            key={reviewsVersion}
            entity={entity}
            assessment={assessment}
            current={current}
            cluster={value.cluster?.entityRef ?? facts.cluster}
          />
        </Grid>
        {misspelt.length > 0 ? (
          <Grid item xs={12}>
            <MisspeltKeys
              misspelt={misspelt}
              annotations={annotations}
              namespace={entity.metadata.namespace}
            />
          </Grid>
        ) : null}
        {withoutWorkload ? (
          <Grid item xs={12}>
            <InfoCard
              titleTypographyProps={CARD_TITLE}
              title={t('content.recommendationTitle')}
            >
              <RecommendationSummary assessment={assessment} />
              <Box mt={2} data-testid="scores-without-workload-type">
                <Expandable summary={t('content.scoresWithoutWorkload')}>
                  <Typography variant="body2" component="p" paragraph>
                    {t('content.scoresWithoutWorkloadIntro')}
                  </Typography>
                  <Scores assessment={assessment} current={current} />
                </Expandable>
              </Box>
            </InfoCard>
          </Grid>
        ) : (
          <>
            <Grid item xs={12} md={5}>
              <InfoCard
                titleTypographyProps={CARD_TITLE}
                title={t('content.recommendationTitle')}
              >
                <RecommendationSummary assessment={assessment} />
              </InfoCard>
            </Grid>
            <Grid item xs={12} md={7}>
              <InfoCard
                titleTypographyProps={CARD_TITLE}
                title={t('content.fitTitle')}
                subheader={t('content.fitSubheader')}
              >
                <Scores assessment={assessment} current={current} />
              </InfoCard>
            </Grid>
          </>
        )}
        {real.length > 0 ? (
          <Grid item xs={12}>
            <InfoCard
              titleTypographyProps={CARD_TITLE}
              title={t('content.obligationsTitle')}
              subheader={
                value.cluster
                  ? t('content.obligationsCluster', {
                      cluster: value.cluster.entityRef,
                    })
                  : undefined
              }
            >
              <ObligationList
                obligations={real}
                caption={t('content.obligationsCaption')}
              />
            </InfoCard>
          </Grid>
        ) : null}
        {problems.length > 0 ? (
          <Grid item xs={12} md={missingUrgent ? 6 : 12}>
            <InfoCard
              titleTypographyProps={CARD_TITLE}
              title={t('content.problemsTitle')}
            >
              <ValidationProblems
                assessment={assessment}
                keysListed={misspelt.length > 0}
              />
            </InfoCard>
          </Grid>
        ) : null}
        {missingUrgent ? (
          <Grid item xs={12} md={problems.length > 0 ? 6 : 12}>
            <InfoCard
              titleTypographyProps={CARD_TITLE}
              title={t('content.raiseTitle')}
            >
              <MissingInputs assessment={assessment} />
            </InfoCard>
          </Grid>
        ) : null}
        <Grid item xs={12}>
          <Paper className={classes.lines}>
            {hypothetical.length > 0 ? (
              <div data-testid="hypothetical-obligations">
                <Expandable
                  summary={t('content.hypotheticalSummary', {
                    count: hypothetical.length,
                  })}
                >
                  <Typography variant="body2" component="p" paragraph>
                    {t('content.hypotheticalIntro', {
                      name: entity.metadata.name,
                    })}
                  </Typography>
                  <ObligationList
                    obligations={hypothetical}
                    caption={t('content.hypotheticalCaption')}
                  />
                </Expandable>
              </div>
            ) : null}
            {missingCount > 0 && !missingUrgent ? (
              <div data-testid="raise-confidence">
                <Expandable
                  summary={t('content.raiseSummary', { count: missingCount })}
                >
                  <MissingInputs assessment={assessment} />
                </Expandable>
              </div>
            ) : null}
            <div data-testid="what-if">
              <Expandable summary={t('content.whatIfSummary')}>
                <WhatIf entity={entity} current={assessment} />
              </Expandable>
            </div>
          </Paper>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard
            titleTypographyProps={CARD_TITLE}
            title={t('content.reviewTitle')}
          >
            <ReviewPanel
              entity={entity}
              recommended={assessment.recommendation.platform}
              onRecorded={() => setReviewsVersion(v => v + 1)}
            />
          </InfoCard>
        </Grid>
        <AssessmentHistory entity={entity} titleTypographyProps={CARD_TITLE} />
      </Grid>
    </Box>
  );
}
/**
 * The Orchestration tab of an entity page: the assessment of a Component, or
 * the obligations of a kubernetes-cluster Resource.
 *
 * @public
 */
export function EntityOrchestrationContent() {
  const { entity } = useEntity();
  if (isKubernetesClusterResource(entity)) return <EntityClusterContent />;
  if (!isOrchestrationAnnotated(entity)) {
    return (
      <MissingAnnotationEmptyState annotation={ANNOTATION_WORKLOAD_TYPE} />
    );
  }
  return <ComponentAssessment entity={entity} />;
}
