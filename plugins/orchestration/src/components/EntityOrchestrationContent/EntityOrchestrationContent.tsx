import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_WORKLOAD_TYPE,
  EntityAssessmentResponse,
  isKubernetesClusterResource,
  isOrchestrationAnnotated,
} from '@orchestration/plugin-orchestration-common';
import useAsync from 'react-use/esm/useAsync';
import { orchestrationApiRef } from '../../api';
import {
  BlockedPlatforms,
  MissingInputs,
  ReasonsByRule,
  RecommendationSummary,
  ValidationProblems,
} from '../AssessmentView';
import { EntityClusterContent } from '../ClusterDetails';
import { ReviewPanel } from '../ReviewPanel';
import {
  ErrorState,
  FitChart,
  formatDateTime,
  isSizeMissing,
  ObligationList,
  platformLabel,
} from '../shared';
import { WhatIf } from '../WhatIf';
import { AssessmentHistory } from './AssessmentHistory';

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

function obligationsTitle(response: EntityAssessmentResponse): string {
  const { obligations } = response.assessment;
  if (obligations.length > 0 && obligations.every(o => o.hypothetical)) {
    return 'Obligations if it ran on self-managed Kubernetes (hypothetical)';
  }
  return 'Obligations of running on Kubernetes';
}

function obligationsSubheader(
  response: EntityAssessmentResponse,
  name: string,
): string | undefined {
  const { obligations } = response.assessment;
  if (obligations.length > 0 && obligations.every(o => o.hypothetical)) {
    return `Hypothetical: ${name} does not run on self-managed Kubernetes; this is what it would take.`;
  }
  return response.cluster ? `Cluster ${response.cluster.entityRef}` : undefined;
}

function ComponentAssessment(props: { entity: Entity }) {
  const { entity } = props;
  const api = useApi(orchestrationApiRef);
  const ref = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getEntityAssessment(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  if (loading) return <Progress />;
  if (error) return <ErrorState error={error} />;
  if (!value) return null;
  const { assessment } = value;

  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={5}>
        <InfoCard title="Recommendation">
          <RecommendationSummary assessment={assessment} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard
          title="Platform fit"
          subheader="0 to 100, with the verdict and the estimated monthly cost"
        >
          <FitChart
            platforms={assessment.platforms}
            sizeMissing={isSizeMissing(assessment)}
          />
          <Box mt={2}>
            <Typography variant="subtitle2" component="h3">
              Blocked platforms
            </Typography>
            <BlockedPlatforms assessment={assessment} />
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Why: the rules that fired">
          <ReasonsByRule assessment={assessment} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={obligationsTitle(value)}
          subheader={obligationsSubheader(value, entity.metadata.name)}
        >
          <ObligationList
            obligations={assessment.obligations}
            caption="Obligations"
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Annotation problems">
          <ValidationProblems assessment={assessment} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Raise the confidence">
          <MissingInputs assessment={assessment} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="What if the annotations changed?">
          <WhatIf entity={entity} current={assessment} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Review decisions">
          <ReviewPanel
            entity={entity}
            recommended={assessment.recommendation.platform}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Changes over time">
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
