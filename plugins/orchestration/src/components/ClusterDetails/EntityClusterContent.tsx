import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { orchestrationApiRef } from '../../api';
import { ErrorState, useTexts } from '../shared';
import { ClusterDetails } from './ClusterDetails';

/** The Orchestration tab of a kubernetes-cluster Resource. */
export function EntityClusterContent() {
  const { entity } = useEntity();
  const api = useApi(orchestrationApiRef);
  const { t } = useTexts();
  const ref = getCompoundEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getCluster(ref),
    [api, ref.namespace, ref.name],
  );
  if (loading) return <Progress />;
  if (error) return <ErrorState error={error} />;
  if (!value) return null;
  return (
    <InfoCard
      title={t('cluster.title', { cluster: value.title ?? value.name })}
    >
      <ClusterDetails cluster={value} />
    </InfoCard>
  );
}
