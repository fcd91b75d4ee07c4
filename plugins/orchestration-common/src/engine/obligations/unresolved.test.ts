import { OBLIGATION_IDS, Obligation } from '../types';
import { unresolvedClusterObligations } from './unresolved';

const TITLES = [
  'Kubernetes upgrades',
  'etcd backups',
  'Certificate rotation',
  'Pod IP capacity',
  'Control-plane monitoring',
];

describe('unresolvedClusterObligations', () => {
  it('asks for the cluster annotation when none is given', () => {
    expect(
      unresolvedClusterObligations(false, undefined, 'no-annotation'),
    ).toEqual(
      OBLIGATION_IDS.map<Obligation>((id, index) => ({
        id,
        title: TITLES[index],
        status: 'unknown',
        hypothetical: false,
        due: null,
        summary:
          'The cluster it runs on is not named, so this cannot be checked.',
        evidence: [],
        actions: [
          'Add orchestration.io/cluster (e.g. resource:default/prod-cluster) naming the kubernetes-cluster Resource it runs on.',
        ],
      })),
    );
  });

  it('leaves etcd and certificates to AWS when the cluster is EKS but not in the catalog', () => {
    const evidence = [
      { key: 'orchestration.io/cluster', value: 'resource:default/prod' },
    ];
    const unknown = {
      status: 'unknown',
      summary:
        'The cluster resource:default/prod is not in the catalog, so this cannot be checked.',
      evidence,
      actions: [
        'Register resource:default/prod in the catalog as a Resource with spec.type kubernetes-cluster and its orchestration.io annotations.',
      ],
    };
    const aws = {
      status: 'not-applicable',
      summary: 'On EKS, AWS runs etcd and the control-plane certificates.',
      evidence,
      actions: [],
    };
    expect(
      unresolvedClusterObligations(true, 'resource:default/prod', 'not-found'),
    ).toEqual(
      [unknown, aws, aws, unknown, unknown].map((fields, index) => ({
        id: OBLIGATION_IDS[index],
        title: TITLES[index],
        hypothetical: false,
        due: null,
        ...fields,
      })),
    );
  });
});
