import { ANNOTATION_CLUSTER } from '../../annotations';
import { OBLIGATION_IDS, Obligation, ObligationId } from '../types';
import { OBLIGATION_TITLES } from './shared';

/** Obligations the provider of a managed control plane carries. */
const PROVIDER_RUNS: ReadonlySet<ObligationId> = new Set<ObligationId>([
  'etcd-backups',
  'certificate-rotation',
]);

/**
 * Obligations when the service runs on Kubernetes but its cluster cannot be
 * read: each is unknown, with what to add. On a managed control plane
 * (`managed`), etcd and certificates are the provider's.
 *
 * @internal
 */
export function unresolvedClusterObligations(
  managed: boolean,
  clusterRef: string | undefined,
  reason: 'no-annotation' | 'not-found',
): Obligation[] {
  const action =
    reason === 'no-annotation'
      ? `Add ${ANNOTATION_CLUSTER} (e.g. resource:default/prod-cluster) naming the kubernetes-cluster Resource it runs on.`
      : `Register ${clusterRef} in the catalog as a Resource with spec.type kubernetes-cluster and its orchestration.io annotations.`;
  const summary =
    reason === 'no-annotation'
      ? 'The cluster it runs on is not named, so this cannot be checked.'
      : `The cluster ${clusterRef} is not in the catalog, so this cannot be checked.`;
  return OBLIGATION_IDS.map(id => {
    const providerRuns = managed && PROVIDER_RUNS.has(id);
    return {
      id,
      title: OBLIGATION_TITLES[id],
      status: providerRuns ? 'not-applicable' : 'unknown',
      hypothetical: false,
      due: null,
      summary: providerRuns
        ? 'On EKS, AWS runs etcd and the control-plane certificates.'
        : summary,
      evidence: clusterRef
        ? [{ key: ANNOTATION_CLUSTER, value: clusterRef }]
        : [],
      actions: providerRuns ? [] : [action],
    };
  });
}
