import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_WORKLOAD_TYPE,
  Assessment,
  isOrchestrationAnnotated,
  parseComponentAnnotations,
} from '@orchestration/plugin-orchestration-common';
import useAsync from 'react-use/esm/useAsync';
import { orchestrationApiRef } from '../../api';
import { nearTieSentence } from '../AssessmentView';
import {
  confidenceSentence,
  costText,
  isSizeMissing,
  ErrorState,
  formatDate,
  LongText,
  mostUrgentObligation,
  nextAction,
  ObligationStatusLabel,
  platformLabel,
  todayText,
  useEntityLink,
  VERDICT_LABELS,
  workloadTypeState,
} from '../shared';

/** Why there is no recommendation, never asking to add a key that is only misspelt. */
function NoRecommendation(props: { assessment: Assessment }) {
  const state = workloadTypeState(props.assessment);
  if (state.state === 'misspelt') {
    return (
      <Typography variant="body1">
        Not enough information: <code>{ANNOTATION_WORKLOAD_TYPE}</code> is
        misspelt as <LongText code text={state.written} />; rename the key.
      </Typography>
    );
  }
  if (state.state === 'invalid') {
    return (
      <Typography variant="body1">
        Not enough information: the value of{' '}
        <code>{ANNOTATION_WORKLOAD_TYPE}</code> cannot be read.
      </Typography>
    );
  }
  return (
    <Typography variant="body1">
      Not enough information: add <code>{ANNOTATION_WORKLOAD_TYPE}</code>.
    </Typography>
  );
}

/**
 * An overview card: the recommendation, the most urgent obligation and a
 * link to the Orchestration tab.
 *
 * @public
 */
export function EntityOrchestrationCard() {
  const { entity } = useEntity();
  const api = useApi(orchestrationApiRef);
  const link = useEntityLink();
  const ref = getCompoundEntityRef(entity);
  const annotated = isOrchestrationAnnotated(entity);
  const { value, loading, error } = useAsync(
    async () => (annotated ? api.getEntityAssessment(ref) : undefined),
    [api, annotated, ref.kind, ref.namespace, ref.name],
  );

  if (!annotated) {
    return (
      <MissingAnnotationEmptyState annotation={ANNOTATION_WORKLOAD_TYPE} />
    );
  }

  const deepLink = {
    title: 'See the full assessment',
    link: link(stringifyEntityRef(entity)),
  };

  let body: JSX.Element | null = null;
  if (loading) body = <Progress />;
  else if (error) body = <ErrorState error={error} />;
  else if (value) {
    const { assessment } = value;
    const { recommendation } = assessment;
    const best = assessment.platforms.find(
      p => p.id === recommendation.platform,
    );
    const urgent = mostUrgentObligation(assessment.obligations);
    const tie = nearTieSentence(assessment);
    const current = parseComponentAnnotations(entity.metadata.annotations, {
      namespace: entity.metadata.namespace,
    }).facts.currentPlatform;
    body = (
      <Box>
        {recommendation.platform ? (
          <>
            <Typography variant="h6" component="p">
              {platformLabel(recommendation.platform)}
            </Typography>
            <Typography variant="body2">
              {best
                ? `Fit ${best.fit}/100, ${
                    VERDICT_LABELS[best.verdict]
                  }, ${costText(best, isSizeMissing(assessment))}.`
                : ''}
            </Typography>
            <Typography variant="body2" data-testid="card-confidence">
              {confidenceSentence(recommendation, { maxInputs: 1 })}
            </Typography>
          </>
        ) : (
          <NoRecommendation assessment={assessment} />
        )}
        <Typography variant="body2" data-testid="card-next">
          Today: {todayText(current) ?? 'not stated'}. Next:{' '}
          {nextAction(assessment, current).title}.
        </Typography>
        {tie ? <Typography variant="body2">{tie}</Typography> : null}
        {assessment.migration ? (
          <Typography variant="body2">
            Migration candidate: {assessment.migration.from} →{' '}
            {assessment.migration.to}
            {assessment.migration.effort
              ? ` (${assessment.migration.effort} effort)`
              : ''}
            .
          </Typography>
        ) : null}
        {assessment.warnings.length > 0 ? (
          <Typography variant="body2">
            {assessment.warnings.length} warning
            {assessment.warnings.length === 1 ? '' : 's'}, e.g.{' '}
            {assessment.warnings[0].message}
          </Typography>
        ) : null}
        <Box mt={1}>
          <Typography variant="subtitle2" component="p">
            Most urgent obligation
          </Typography>
          {urgent ? (
            <Typography variant="body2" component="div">
              <ObligationStatusLabel status={urgent.status} /> {urgent.title}
              {urgent.due ? `, due ${formatDate(urgent.due)}` : ''}:{' '}
              {urgent.summary}
            </Typography>
          ) : (
            <Typography variant="body2">
              None: it does not run on a Kubernetes cluster it must operate.
            </Typography>
          )}
        </Box>
      </Box>
    );
  }

  return (
    <InfoCard title="Orchestration" deepLink={deepLink}>
      {body}
    </InfoCard>
  );
}
