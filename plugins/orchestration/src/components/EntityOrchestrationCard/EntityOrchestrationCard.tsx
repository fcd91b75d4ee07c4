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
  DateText,
  isSizeMissing,
  ErrorState,
  LongText,
  mostUrgentObligation,
  nextAction,
  ObligationStatusLabel,
  platformLabel,
  platformShortLabel,
  todayText,
  useEntityLink,
  useTexts,
  verdictLabel,
  workloadTypeState,
} from '../shared';

/** Why there is no recommendation, never asking to add a key that is only misspelt. */
function NoRecommendation(props: { assessment: Assessment }) {
  const { t } = useTexts();
  const state = workloadTypeState(props.assessment);
  const key = <code>{ANNOTATION_WORKLOAD_TYPE}</code>;
  let text;
  if (state.state === 'misspelt') {
    text = t('card.noRecommendation.misspelt', {
      key,
      written: <LongText code text={state.written} />,
    });
  } else if (state.state === 'invalid') {
    text = t('card.noRecommendation.invalid', { key });
  } else {
    text = t('card.noRecommendation.missing', { key });
  }
  return <Typography variant="body1">{text}</Typography>;
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
  const texts = useTexts();
  const { t } = texts;
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
    title: t('card.deepLink'),
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
    const tie = nearTieSentence(assessment, texts);
    const current = parseComponentAnnotations(entity.metadata.annotations, {
      namespace: entity.metadata.namespace,
    }).facts.currentPlatform;
    body = (
      <Box>
        {recommendation.platform ? (
          <>
            <Typography variant="h6" component="p">
              {platformLabel(recommendation.platform, texts)}
            </Typography>
            <Typography variant="body2">
              {best
                ? t('card.fit', {
                    fit: texts.fmt.number(best.fit),
                    verdict: verdictLabel(best.verdict, texts),
                    cost: costText(best, isSizeMissing(assessment), texts),
                  })
                : ''}
            </Typography>
            <Typography variant="body2" data-testid="card-confidence">
              {confidenceSentence(recommendation, { maxInputs: 1 }, texts)}
            </Typography>
          </>
        ) : (
          <NoRecommendation assessment={assessment} />
        )}
        <Typography variant="body2" data-testid="card-next">
          {t('card.todayAndNext', {
            today: todayText(current, texts) ?? t('card.todayNotStated'),
            next: nextAction(assessment, current, texts).title,
          })}
        </Typography>
        {tie ? <Typography variant="body2">{tie}</Typography> : null}
        {assessment.migration ? (
          <Typography variant="body2">
            {assessment.migration.effort
              ? t('card.migrationWithEffort', {
                  from: platformShortLabel(assessment.migration.from, texts),
                  to: platformShortLabel(assessment.migration.to, texts),
                  effort: t(
                    `nextAction.migrate.effort.${assessment.migration.effort}`,
                  ),
                })
              : t('card.migration', {
                  from: platformShortLabel(assessment.migration.from, texts),
                  to: platformShortLabel(assessment.migration.to, texts),
                })}
          </Typography>
        ) : null}
        {assessment.warnings.length > 0 ? (
          <Typography variant="body2">
            {t('card.warnings', {
              count: assessment.warnings.length,
              message: assessment.warnings[0].message,
            })}
          </Typography>
        ) : null}
        <Box mt={1}>
          <Typography variant="subtitle2" component="p">
            {t('card.mostUrgent')}
          </Typography>
          {urgent ? (
            <Typography variant="body2" component="div">
              <ObligationStatusLabel status={urgent.status} />{' '}
              {urgent.due
                ? t('card.obligationDue', {
                    obligation: urgent.title,
                    due: <DateText value={urgent.due} />,
                    summary: urgent.summary,
                  })
                : t('card.obligation', {
                    obligation: urgent.title,
                    summary: urgent.summary,
                  })}
            </Typography>
          ) : (
            <Typography variant="body2">{t('card.noObligation')}</Typography>
          )}
        </Box>
      </Box>
    );
  }

  return (
    <InfoCard title={t('card.title')} deepLink={deepLink}>
      {body}
    </InfoCard>
  );
}
