import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { orchestrationApiRef } from '../../api';
import {
  CONFIDENCE_LABELS,
  ErrorState,
  formatDateTime,
  platformLabel,
} from '../shared';

/** How the assessment of an entity changed over time, newest first. */
export function AssessmentHistory(props: { entity: Entity }) {
  const api = useApi(orchestrationApiRef);
  const ref = getCompoundEntityRef(props.entity);
  const { value, loading, error } = useAsync(
    () => api.getHistory(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  if (loading) return <Progress />;
  if (error)
    return <ErrorState error={error} title="Could not load the history" />;
  if (!value || value.items.length === 0) {
    return <Typography variant="body2">No history recorded yet.</Typography>;
  }
  return (
    <Box component="ol" pl={2} m={0} aria-label="Assessment history">
      {value.items.map(entry => (
        <li key={entry.recordedAt}>
          <Typography variant="body2">
            <strong>{formatDateTime(entry.recordedAt)}</strong>:{' '}
            {platformLabel(entry.recommendedPlatform)},{' '}
            {CONFIDENCE_LABELS[entry.confidence]}
            {entry.fit !== null ? `, fit ${entry.fit}` : ''}
            {entry.changes.length > 0 ? ` — ${entry.changes.join('; ')}` : ''}
          </Typography>
        </li>
      ))}
    </Box>
  );
}
