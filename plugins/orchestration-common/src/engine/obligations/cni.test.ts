import { Obligation } from '../types';
import { DECLARED, EKS, SELF, contextFor } from './__testUtils__/context';
import { cniObligation } from './cni';

const CNI = 'orchestration.io/cni';
const CAPACITY = 'orchestration.io/pod-ip-capacity';

const base = {
  id: 'cni-ip-capacity',
  title: 'Pod IP capacity',
  hypothetical: false,
  due: null,
} as const;

const VPC_CNI_ACTIONS = [
  'To free pod IPs: enable prefix delegation (ENABLE_PREFIX_DELEGATION=true, Nitro nodes, VPC CNI 1.9.0 or later).',
  'To free pod IPs: add a secondary CIDR to the VPC and use custom networking for pods.',
  'To free pod IPs: tune WARM_IP_TARGET and MINIMUM_IP_TARGET instead of WARM_ENI_TARGET=1.',
  'To free pod IPs: move to an IPv6 cluster.',
];
const VPC_CNI_RISK =
  'With the VPC CNI every pod takes a VPC address from the node subnets, so running out stops new pods from starting.';

describe('cni-ip-capacity', () => {
  it.each<[string, Record<string, string>, Obligation]>([
    [
      'the VPC CNI near exhaustion',
      { ...EKS, [CNI]: 'aws-vpc-cni', [CAPACITY]: '3990/4096' },
      {
        ...base,
        status: 'critical',
        summary: `97.4% of pod IPs are in use (106 of 4096 free). ${VPC_CNI_RISK}`,
        evidence: [
          { key: CNI, value: 'aws-vpc-cni', provenance: DECLARED },
          { key: CAPACITY, value: '3990/4096', provenance: DECLARED },
        ],
        actions: VPC_CNI_ACTIONS,
      },
    ],
    [
      'EKS without a CNI annotation, which means the VPC CNI',
      { ...EKS, [CAPACITY]: '3300/4096' },
      {
        ...base,
        status: 'warning',
        summary: `80.6% of pod IPs are in use (796 of 4096 free). ${VPC_CNI_RISK}`,
        evidence: [{ key: CAPACITY, value: '3300/4096', provenance: DECLARED }],
        actions: VPC_CNI_ACTIONS,
      },
    ],
    [
      'calico with room to spare',
      { ...SELF, [CNI]: 'calico', [CAPACITY]: '1000/65536' },
      {
        ...base,
        status: 'ok',
        summary: '1.5% of pod IPs are in use (64536 of 65536 free).',
        evidence: [
          { key: CNI, value: 'calico', provenance: DECLARED },
          { key: CAPACITY, value: '1000/65536', provenance: DECLARED },
        ],
        actions: [],
      },
    ],
    [
      'calico above the warning threshold',
      { ...SELF, [CNI]: 'calico', [CAPACITY]: '850/1000' },
      {
        ...base,
        status: 'warning',
        summary: '85% of pod IPs are in use (150 of 1000 free).',
        evidence: [
          { key: CNI, value: 'calico', provenance: DECLARED },
          { key: CAPACITY, value: '850/1000', provenance: DECLARED },
        ],
        actions: [
          'Enlarge the pod CIDR or IP pools before usage reaches the limit.',
        ],
      },
    ],
    [
      'no capacity annotation',
      { ...SELF, [CNI]: 'cilium' },
      {
        ...base,
        status: 'unknown',
        summary:
          'Not enough information yet; add the annotations named in the actions.',
        evidence: [{ key: CNI, value: 'cilium', provenance: DECLARED }],
        actions: [
          'Add orchestration.io/pod-ip-capacity (e.g. 3800/4096) to the cluster so pod IP headroom can be checked.',
        ],
      },
    ],
  ])('%s', (_name, annotations, expected) => {
    expect(cniObligation(contextFor(annotations))).toEqual(expected);
  });
});
