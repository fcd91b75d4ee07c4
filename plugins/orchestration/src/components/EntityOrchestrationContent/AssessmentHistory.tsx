import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { orchestrationApiRef } from '../../api';
import {
  confidenceLabel,
  DateText,
  ErrorState,
  platformLabel,
  useTexts,
} from '../shared';

/** How the assessment of an entity changed over time, newest first. */
export function AssessmentHistory(props: { entity: Entity }) {
  const api = useApi(orchestrationApiRef);
  const texts = useTexts();
  const { t } = texts;
  const ref = getCompoundEntityRef(props.entity);
  const { value, loading, error } = useAsync(
    () => api.getHistory(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  if (loading) return <Progress />;
  if (error) {
    return <ErrorState error={error} title={t('history.loadFailed')} />;
  }
  if (!value || value.items.length === 0) {
    return <Typography variant="body2">{t('history.none')}</Typography>;
  }
  return (
    <Box component="ol" pl={2} m={0} aria-label={t('history.label')}>
      {value.items.map(entry => {
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
