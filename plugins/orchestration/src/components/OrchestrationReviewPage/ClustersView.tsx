import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { orchestrationApiRef } from '../../api';
import { ClusterDetails } from '../ClusterDetails';
import { ErrorState, ObligationStatusLabel, useEntityLink } from '../shared';
import { SnapshotLine } from './ServicesView';

/** Every kubernetes-cluster Resource with its obligations and services. */
export function ClustersView() {
  const api = useApi(orchestrationApiRef);
  const link = useEntityLink();
  const { value, loading, error } = useAsync(() => api.listClusters(), [api]);
  if (loading) return <Progress />;
  if (error) return <ErrorState error={error} />;
  if (!value) return null;
  return (
    <Box>
      <SnapshotLine snapshot={value.snapshot} />
      {value.items.length === 0 ? (
        <Typography variant="body2">
          No Resource of type <code>kubernetes-cluster</code> is in the catalog.
        </Typography>
      ) : null}
      {value.items.map(cluster => (
        <Paper
          key={cluster.entityRef}
          variant="outlined"
          style={{ padding: 16, marginBottom: 16 }}
          component="section"
          aria-label={`Cluster ${cluster.name}`}
        >
          <Typography variant="h5" component="h2">
            <Link to={link(cluster.entityRef)}>
              {cluster.title ?? cluster.name}
            </Link>{' '}
            <Typography variant="body2" component="span">
              <ObligationStatusLabel status={cluster.obligationStatus} />
            </Typography>
          </Typography>
          <ClusterDetails cluster={cluster} />
        </Paper>
      ))}
    </Box>
  );
}
