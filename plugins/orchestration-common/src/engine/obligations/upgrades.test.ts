import { Obligation } from '../types';
import {
  DECLARED,
  EKS,
  SELF,
  contextFor,
  withThresholds,
} from './__testUtils__/context';
import {
  MAX_LISTED_UPGRADE_STEPS,
  upgradePath,
  upgradesObligation,
} from './upgrades';

const VERSION = 'orchestration.io/kubernetes-version';
const NODES = 'orchestration.io/oldest-node-version';
const PROVISIONER = 'orchestration.io/provisioner';

const base = {
  id: 'kubernetes-upgrades',
  title: 'Kubernetes upgrades',
  hypothetical: false,
} as const;

const EKS_132_EVIDENCE = [
  { key: VERSION, value: '1.32', provenance: DECLARED },
  { key: 'knowledge:newest-eks-minor', value: '1.36' },
  { key: 'knowledge:eks-end-of-standard-support', value: '2026-03-23' },
  { key: 'knowledge:eks-end-of-extended-support', value: '2027-03-23' },
  {
    key: 'knowledge:eks-extended-support-price',
    value: '$0.60 vs $0.10 per cluster-hour',
  },
  { key: NODES, value: '1.32', provenance: DECLARED },
];
const EKS_132_PATH =
  'Upgrade the control plane one minor at a time: 1.32 -> 1.33 -> 1.34 -> 1.35 -> 1.36 (4 steps; no skipping), upgrading nodes before each next step.';

describe('kubernetes-upgrades on a self-managed control plane', () => {
  it.each<[string, Record<string, string>, Obligation]>([
    [
      'an end-of-life minor several releases behind',
      { ...SELF, [VERSION]: '1.31.2', [NODES]: '1.31' },
      {
        ...base,
        status: 'critical',
        due: '2025-11-11',
        summary:
          'Kubernetes 1.31 reached end of life on 2025-11-11 and gets no more security patches. It is 5 minors behind 1.36; the control plane moves one minor at a time, so that is 5 upgrades. Kubelets at 1.31 are within the supported skew.',
        evidence: [
          { key: VERSION, value: '1.31.2', provenance: DECLARED },
          { key: 'knowledge:newest-kubernetes-minor', value: '1.36' },
          { key: 'knowledge:kubernetes-end-of-life', value: '2025-11-11' },
          { key: NODES, value: '1.31', provenance: DECLARED },
        ],
        actions: [
          'Upgrade the control plane one minor at a time: 1.31 -> 1.32 -> 1.33 -> 1.34 -> 1.35 -> 1.36 (5 steps; no skipping), upgrading nodes before each next step.',
        ],
      },
    ],
    [
      'the same cluster provisioned by kops gets kops commands',
      {
        ...SELF,
        [PROVISIONER]: 'kops',
        [VERSION]: '1.31.2',
        [NODES]: '1.31',
      },
      {
        ...base,
        status: 'critical',
        due: '2025-11-11',
        summary:
          'Kubernetes 1.31 reached end of life on 2025-11-11 and gets no more security patches. It is 5 minors behind 1.36; the control plane moves one minor at a time, so that is 5 upgrades. Kubelets at 1.31 are within the supported skew.',
        evidence: [
          { key: VERSION, value: '1.31.2', provenance: DECLARED },
          { key: 'knowledge:newest-kubernetes-minor', value: '1.36' },
          { key: 'knowledge:kubernetes-end-of-life', value: '2025-11-11' },
          { key: NODES, value: '1.31', provenance: DECLARED },
          { key: PROVISIONER, value: 'kops', provenance: DECLARED },
        ],
        actions: [
          'Upgrade one minor at a time: 1.31 -> 1.32 -> 1.33 -> 1.34 -> 1.35 -> 1.36 (5 steps; no skipping). Each step: raise kubernetesVersion in the cluster spec (kops edit cluster), then kops update cluster --yes and kops rolling-update cluster --yes.',
        ],
      },
    ],
    [
      'a supported minor one behind, just outside the 90-day warning window',
      { ...SELF, [VERSION]: '1.35', [NODES]: '1.34' },
      {
        ...base,
        status: 'ok',
        due: '2027-02-28',
        summary:
          'Kubernetes 1.35 is supported until 2027-02-28 (92 days left). It is 1 minor behind 1.36; the control plane moves one minor at a time, so that is 1 upgrade. Kubelets at 1.34 are within the supported skew.',
        evidence: [
          { key: VERSION, value: '1.35', provenance: DECLARED },
          { key: 'knowledge:newest-kubernetes-minor', value: '1.36' },
          { key: 'knowledge:kubernetes-end-of-life', value: '2027-02-28' },
          { key: NODES, value: '1.34', provenance: DECLARED },
        ],
        actions: [
          'Upgrade the control plane one minor at a time: 1.35 -> 1.36 (1 step; no skipping), upgrading nodes before each next step.',
        ],
      },
    ],
    [
      'kubeadm names kubeadm upgrade plan and apply',
      { ...SELF, [PROVISIONER]: 'kubeadm', [VERSION]: '1.35', [NODES]: '1.35' },
      {
        ...base,
        status: 'ok',
        due: '2027-02-28',
        summary:
          'Kubernetes 1.35 is supported until 2027-02-28 (92 days left). It is 1 minor behind 1.36; the control plane moves one minor at a time, so that is 1 upgrade. Kubelets at 1.35 are within the supported skew.',
        evidence: [
          { key: VERSION, value: '1.35', provenance: DECLARED },
          { key: 'knowledge:newest-kubernetes-minor', value: '1.36' },
          { key: 'knowledge:kubernetes-end-of-life', value: '2027-02-28' },
          { key: NODES, value: '1.35', provenance: DECLARED },
          { key: PROVISIONER, value: 'kubeadm', provenance: DECLARED },
        ],
        actions: [
          'Upgrade one minor at a time: 1.35 -> 1.36 (1 step; no skipping). Each step: kubeadm upgrade plan, kubeadm upgrade apply on the first control-plane node and kubeadm upgrade node on the others, then the kubelets.',
        ],
      },
    ],
    [
      'kubespray names upgrade-cluster.yml, and a path from 1.3 is listed in part',
      { ...SELF, [PROVISIONER]: 'kubespray', [VERSION]: '1.3' },
      {
        ...base,
        status: 'critical',
        due: null,
        summary:
          'Kubernetes 1.3 is older than every release in the knowledge base and long out of support. It is 33 minors behind 1.36; the control plane moves one minor at a time, so that is 33 upgrades.',
        evidence: [
          { key: VERSION, value: '1.3', provenance: DECLARED },
          { key: 'knowledge:newest-kubernetes-minor', value: '1.36' },
          { key: PROVISIONER, value: 'kubespray', provenance: DECLARED },
        ],
        actions: [
          'Upgrade one minor at a time: 1.3 -> 1.4 -> 1.5 -> 1.6 -> 1.7 -> 1.8 -> 1.9 -> ... -> 1.36 (33 steps; no skipping). Each step: run upgrade-cluster.yml with kube_version set to a release of the next minor; it upgrades the control plane, then the nodes.',
          'Add orchestration.io/oldest-node-version (e.g. 1.3) to the cluster so node version skew can be checked.',
        ],
      },
    ],
    [
      'kubelets outside the n-3 skew',
      { ...SELF, [VERSION]: '1.36', [NODES]: '1.32' },
      {
        ...base,
        status: 'critical',
        due: '2027-06-28',
        summary:
          'Kubernetes 1.36 is supported until 2027-06-28 (212 days left). The oldest kubelet (1.32) is 4 minors behind the API server; at most 3 is supported.',
        evidence: [
          { key: VERSION, value: '1.36', provenance: DECLARED },
          { key: 'knowledge:newest-kubernetes-minor', value: '1.36' },
          { key: 'knowledge:kubernetes-end-of-life', value: '2027-06-28' },
          { key: NODES, value: '1.32', provenance: DECLARED },
        ],
        actions: [
          'Upgrade or replace nodes older than 1.33 before anything else.',
        ],
      },
    ],
    [
      'a missing version',
      { ...SELF, [PROVISIONER]: 'kops' },
      {
        ...base,
        status: 'unknown',
        due: null,
        summary:
          'Not enough information yet; add the annotations named in the actions.',
        evidence: [],
        actions: [
          'Add orchestration.io/kubernetes-version (e.g. 1.30.6) to the cluster so upgrades and support dates can be checked.',
        ],
      },
    ],
  ])('%s', (_name, annotations, expected) => {
    expect(upgradesObligation(contextFor(annotations))).toEqual(expected);
  });

  it.each([
    ['other', { ...SELF, [PROVISIONER]: 'other' }],
    ['unknown', { ...SELF }],
    ['a managed control plane', { ...EKS, [PROVISIONER]: 'kops' }],
  ])('gives generic words for the provisioner %s', (_name, annotations) => {
    const result = upgradesObligation(
      contextFor({ ...annotations, [VERSION]: '1.33', [NODES]: '1.33' }),
    );
    expect(result.actions[0]).toMatch(
      /^Upgrade the control plane one minor at a time: 1\.33 -> .*, upgrading nodes before each next step\.$/,
    );
    expect(result.evidence.map(e => e.key)).not.toContain(PROVISIONER);
  });
});

describe('kubernetes-upgrades on EKS', () => {
  it.each<[string, Record<string, string>, string | undefined, Obligation]>([
    [
      'in extended support, more than 60 days from its end',
      { ...EKS, [VERSION]: '1.32', [NODES]: '1.32' },
      undefined,
      {
        ...base,
        status: 'warning',
        due: '2027-03-23',
        summary:
          'EKS 1.32 is in extended support since 2026-03-23: the control plane costs $0.60 instead of $0.10 per hour (about $365 more per cluster per month) until 2027-03-23. It is 4 minors behind 1.36; the control plane moves one minor at a time, so that is 4 upgrades. Kubelets at 1.32 are within the supported skew.',
        evidence: EKS_132_EVIDENCE,
        actions: [EKS_132_PATH],
      },
    ],
    [
      'in extended support, 61 days from its end',
      { ...EKS, [VERSION]: '1.32', [NODES]: '1.32' },
      '2027-01-21T00:00:00Z',
      expect.objectContaining({
        status: 'warning',
        due: '2027-03-23',
      }) as unknown as Obligation,
    ],
    [
      'in extended support, 60 days from its end: a forced upgrade is near',
      { ...EKS, [VERSION]: '1.32', [NODES]: '1.32' },
      '2027-01-22T00:00:00Z',
      {
        ...base,
        status: 'critical',
        due: '2027-03-23',
        summary:
          'Extended support for EKS 1.32 ends on 2027-03-23, in 60 days: AWS then upgrades the control plane by itself (a forced upgrade) and leaves nodes and add-ons behind. Until then it costs $0.60 instead of $0.10 per hour (about $365 more per cluster per month). It is 4 minors behind 1.36; the control plane moves one minor at a time, so that is 4 upgrades. Kubelets at 1.32 are within the supported skew.',
        evidence: EKS_132_EVIDENCE,
        actions: [EKS_132_PATH],
      },
    ],
    [
      'past extended support',
      { ...EKS, [VERSION]: '1.29', [NODES]: '1.29' },
      undefined,
      {
        ...base,
        status: 'critical',
        due: '2026-03-23',
        summary:
          'Extended support for EKS 1.29 ended on 2026-03-23; AWS upgrades such control planes on its own schedule and leaves nodes and add-ons behind. It is 7 minors behind 1.36; the control plane moves one minor at a time, so that is 7 upgrades. Kubelets at 1.29 are within the supported skew.',
        evidence: [
          { key: VERSION, value: '1.29', provenance: DECLARED },
          { key: 'knowledge:newest-eks-minor', value: '1.36' },
          { key: 'knowledge:eks-end-of-standard-support', value: '2025-03-23' },
          { key: 'knowledge:eks-end-of-extended-support', value: '2026-03-23' },
          { key: NODES, value: '1.29', provenance: DECLARED },
        ],
        actions: [
          'Upgrade the control plane one minor at a time: 1.29 -> 1.30 -> 1.31 -> 1.32 -> 1.33 -> 1.34 -> 1.35 -> ... -> 1.36 (7 steps; no skipping), upgrading nodes before each next step.',
        ],
      },
    ],
    [
      'older than every known EKS version',
      { ...EKS, [VERSION]: '1.23', [NODES]: '1.23' },
      undefined,
      {
        ...base,
        status: 'critical',
        due: null,
        summary:
          'EKS 1.23 is older than every EKS version in the knowledge base (the oldest, 1.24, left extended support on 2025-01-31): it is out of support, and AWS upgrades such control planes by itself. It is 13 minors behind 1.36; the control plane moves one minor at a time, so that is 13 upgrades. Kubelets at 1.23 are within the supported skew.',
        evidence: [
          { key: VERSION, value: '1.23', provenance: DECLARED },
          { key: 'knowledge:newest-eks-minor', value: '1.36' },
          { key: 'knowledge:oldest-eks-minor', value: '1.24' },
          { key: NODES, value: '1.23', provenance: DECLARED },
        ],
        actions: [
          'Check the version the cluster really runs (aws eks describe-cluster) and correct orchestration.io/kubernetes-version; AWS may already have upgraded the control plane without its nodes and add-ons.',
          'Upgrade the control plane one minor at a time: 1.23 -> 1.24 -> 1.25 -> 1.26 -> 1.27 -> 1.28 -> 1.29 -> ... -> 1.36 (13 steps; no skipping), upgrading nodes before each next step.',
        ],
      },
    ],
    [
      'newer than every known EKS version',
      { ...EKS, [VERSION]: '1.40', [NODES]: '1.40' },
      undefined,
      {
        ...base,
        status: 'unknown',
        due: null,
        summary:
          'EKS 1.40 is newer than every EKS version in the knowledge base (as of 2026-11-28), so its support dates are unknown. Kubelets at 1.40 are within the supported skew.',
        evidence: [
          { key: VERSION, value: '1.40', provenance: DECLARED },
          { key: 'knowledge:newest-eks-minor', value: '1.36' },
          { key: NODES, value: '1.40', provenance: DECLARED },
        ],
        actions: [
          'Add EKS 1.40 to orchestration.knowledgeBase.eksReleases with its support dates.',
        ],
      },
    ],
    [
      'in standard support, more than 90 days from its end',
      { ...EKS, [VERSION]: '1.36', [NODES]: '1.36' },
      undefined,
      {
        ...base,
        status: 'ok',
        due: '2027-08-02',
        summary:
          'Standard support for EKS 1.36 ends on 2027-08-02, in 247 days; after that extended support costs $0.60 instead of $0.10 per cluster-hour. Kubelets at 1.36 are within the supported skew.',
        evidence: [
          { key: VERSION, value: '1.36', provenance: DECLARED },
          { key: 'knowledge:newest-eks-minor', value: '1.36' },
          { key: 'knowledge:eks-end-of-standard-support', value: '2027-08-02' },
          { key: 'knowledge:eks-end-of-extended-support', value: '2028-08-02' },
          { key: NODES, value: '1.36', provenance: DECLARED },
        ],
        actions: [],
      },
    ],
  ])('%s', (_name, annotations, now, expected) => {
    expect(upgradesObligation(contextFor(annotations, { now }))).toEqual(
      expected,
    );
  });

  it('takes the critical window from configuration', () => {
    const result = upgradesObligation(
      contextFor(
        { ...EKS, [VERSION]: '1.32', [NODES]: '1.32' },
        { options: withThresholds({ eksExtendedSupportCriticalDays: 120 }) },
      ),
    );
    expect([result.status, result.summary]).toEqual([
      'critical',
      expect.stringMatching(
        /^Extended support for EKS 1\.32 ends on 2027-03-23, in 115 days: AWS then upgrades/,
      ),
    ]);
  });
});

describe('upgradePath', () => {
  it.each([
    [31, 32, '1.31 -> 1.32'],
    [31, 37, '1.31 -> 1.32 -> 1.33 -> 1.34 -> 1.35 -> 1.36 -> 1.37'],
    [
      30,
      37,
      '1.30 -> 1.31 -> 1.32 -> 1.33 -> 1.34 -> 1.35 -> 1.36 -> ... -> 1.37',
    ],
    [36, 36, '1.36'],
  ])('from 1.%i to 1.%i', (from, to, expected) => {
    expect(upgradePath(from, to)).toBe(expected);
  });

  it('stays short however far behind the version is', () => {
    const path = upgradePath(3, 1_000_000_000);
    expect(path.split(' -> ')).toHaveLength(MAX_LISTED_UPGRADE_STEPS + 3);
    expect(path.endsWith('-> ... -> 1.1000000000')).toBe(true);
  });
});
