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
  BlockedPlatforms,
  DecisionStrip,
  hasMissingInputs,
  MisspeltKeys,
  MissingInputs,
  ReasonsByRule,
  RecommendationSummary,
  ValidationProblems,
} from '../AssessmentView';
import { EntityClusterContent } from '../ClusterDetails';
import { ReviewPanel } from '../ReviewPanel';
import {
  ErrorState,
  Expandable,
  FitChart,
  formatDateTime,
  isSizeMissing,
  misspeltKeys,
  ObligationList,
  otherProblems,
  platformLabel,
  workloadTypeState,
} from '../shared';
import { WhatIf } from '../WhatIf';
import { AssessmentHistory } from './AssessmentHistory';

/** Card titles are headings, one level below the entity's name. */
const CARD_TITLE = { component: 'h3' } as const;

const useStyles = makeStyles(theme => ({
  // Long words and values wrap inside their cards instead of running past them.
  root: { overflowWrap: 'break-word', minWidth: 0 },
  line: { padding: theme.spacing(1.5, 2) },
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

/** The fit chart, the blocked platforms and the rules that fired. */
function Scores(props: {
  assessment: Assessment;
  current: string | undefined;
  chartOnly?: boolean;
}) {
  const { assessment } = props;
  return (
    <>
      <FitChart
        platforms={assessment.platforms}
        sizeMissing={isSizeMissing(assessment)}
        current={props.current}
      />
      {assessment.platforms.some(p => p.verdict === 'blocked') ? (
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3">
            Blocked platforms
          </Typography>
          <BlockedPlatforms assessment={assessment} />
        </Box>
      ) : null}
      {props.chartOnly ? null : (
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3">
            The rules that fired
          </Typography>
          <ReasonsByRule assessment={assessment} />
        </Box>
      )}
    </>
  );
}

function ComponentAssessment(props: { entity: Entity }) {
  const { entity } = props;
  const classes = useStyles();
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
  const missing = hasMissingInputs(assessment);
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
            <InfoCard titleTypographyProps={CARD_TITLE} title="Recommendation">
              <RecommendationSummary assessment={assessment} />
              <Box mt={2} data-testid="scores-without-workload-type">
                <Expandable summary="Scores without a workload type">
                  <Typography variant="body2" component="p" paragraph>
                    Without a workload type these scores are not a
                    recommendation: they leave out the rule that weighs most.
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
                title="Recommendation"
              >
                <RecommendationSummary assessment={assessment} />
              </InfoCard>
            </Grid>
            <Grid item xs={12} md={7}>
              <InfoCard
                titleTypographyProps={CARD_TITLE}
                title="Platform fit"
                subheader="0 to 100, with the verdict and the estimated monthly cost; “today” marks where it runs"
              >
                <Scores assessment={assessment} current={current} chartOnly />
              </InfoCard>
            </Grid>
            <Grid item xs={12}>
              <InfoCard
                titleTypographyProps={CARD_TITLE}
                title="Why: the rules that fired"
              >
                <ReasonsByRule assessment={assessment} />
              </InfoCard>
            </Grid>
          </>
        )}
        {real.length > 0 ? (
          <Grid item xs={12}>
            <InfoCard
              titleTypographyProps={CARD_TITLE}
              title="Obligations of running on Kubernetes"
              subheader={
                value.cluster ? `Cluster ${value.cluster.entityRef}` : undefined
              }
            >
              <ObligationList obligations={real} caption="Obligations" />
            </InfoCard>
          </Grid>
        ) : null}
        {hypothetical.length > 0 ? (
          <Grid item xs={12}>
            <Paper
              className={classes.line}
              data-testid="hypothetical-obligations"
            >
              <Expandable
                summary={`If it ran on self-managed Kubernetes: ${
                  hypothetical.length
                } obligation${hypothetical.length === 1 ? '' : 's'}`}
              >
                <Typography variant="body2" component="p" paragraph>
                  Hypothetical: {entity.metadata.name} does not run on
                  self-managed Kubernetes; this is what it would take.
                </Typography>
                <ObligationList
                  obligations={hypothetical}
                  caption="Obligations if it ran on self-managed Kubernetes"
                />
              </Expandable>
            </Paper>
          </Grid>
        ) : null}
        {problems.length > 0 ? (
          <Grid item xs={12} md={missing ? 6 : 12}>
            <InfoCard
              titleTypographyProps={CARD_TITLE}
              title="Annotation problems"
            >
              <ValidationProblems
                assessment={assessment}
                keysListed={misspelt.length > 0}
              />
            </InfoCard>
          </Grid>
        ) : null}
        {missing ? (
          <Grid item xs={12} md={problems.length > 0 ? 6 : 12}>
            <InfoCard
              titleTypographyProps={CARD_TITLE}
              title="Raise the confidence"
            >
              <MissingInputs assessment={assessment} />
            </InfoCard>
          </Grid>
        ) : null}
        <Grid item xs={12}>
          <Paper className={classes.line} data-testid="what-if">
            <Expandable summary="What if the annotations changed? Try other values">
              <WhatIf entity={entity} current={assessment} />
            </Expandable>
          </Paper>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard titleTypographyProps={CARD_TITLE} title="Review decisions">
            <ReviewPanel
              entity={entity}
              recommended={assessment.recommendation.platform}
              onRecorded={() => setReviewsVersion(v => v + 1)}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard titleTypographyProps={CARD_TITLE} title="Changes over time">
            <AssessmentHistory entity={entity} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <Typography variant="caption">
            Assessed {formatDateTime(assessment.assessedAt)}. Recommended:{' '}
            {platformLabel(assessment.recommendation.platform)}.
          </Typography>
        </Grid>
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
