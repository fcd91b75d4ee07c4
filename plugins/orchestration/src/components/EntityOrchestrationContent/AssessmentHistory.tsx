import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { AssessmentHistoryEntry } from '@orchestration/plugin-orchestration-common';
import useAsync from 'react-use/esm/useAsync';
import { orchestrationApiRef } from '../../api';
import {
  confidenceLabel,
  DateText,
  ErrorState,
  platformLabel,
  useTexts,
} from '../shared';

/**
 * How the assessment of an entity changed over time, newest first, as a
 * grid item with its card; nothing at all while there is no history.
 */
export function AssessmentHistory(props: {
  entity: Entity;
  titleTypographyProps?: object;
}) {
  const api = useApi(orchestrationApiRef);
  const texts = useTexts();
  const { t } = texts;
  const ref = getCompoundEntityRef(props.entity);
  const { value, loading, error } = useAsync(
    () => api.getHistory(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  if (!loading && !error && (!value || value.items.length === 0)) return null;
  let body;
  if (loading) body = <Progress />;
  else if (error) {
    body = <ErrorState error={error} title={t('history.loadFailed')} />;
  } else body = <HistoryList items={value!.items} />;
  return (
    <Grid item xs={12} md={6}>
      <InfoCard
        titleTypographyProps={props.titleTypographyProps}
        title={t('content.historyTitle')}
      >
        {body}
      </InfoCard>
    </Grid>
  );
}

function HistoryList(props: { items: AssessmentHistoryEntry[] }) {
  const texts = useTexts();
  const { t } = texts;
  return (
    <Box component="ol" pl={2} m={0} aria-label={t('history.label')}>
      {props.items.map(entry => {
        const values = {
          when: (
            <strong>
              <DateText value={entry.recordedAt} withTime />
            </strong>
          ),
          platform: platformLabel(entry.recommendedPlatform, texts),
          confidence: confidenceLabel(entry.confidence, texts),
          fit: entry.fit === null ? '' : texts.fmt.number(entry.fit),
        };
        return (
          <li key={entry.recordedAt}>
            <Typography variant="body2">
              {entry.fit === null
                ? t('history.entry', values)
                : t('history.entryWithFit', values)}
              {entry.changes.length > 0 ? ` — ${entry.changes.join('; ')}` : ''}
            </Typography>
          </li>
        );
      })}
    </Box>
  );
}
