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
  isOrchestrationAnnotated,
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
  mostUrgentObligation,
  ObligationStatusLabel,
  platformLabel,
  useEntityLink,
  VERDICT_LABELS,
} from '../shared';

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
          <Typography variant="body1">
            Not enough information: add <code>{ANNOTATION_WORKLOAD_TYPE}</code>.
          </Typography>
        )}
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
