import { Entity } from '@backstage/catalog-model';
import { readOrchestrationConfig } from '../config';
import { assessCluster } from './assess';
import { Obligation, ObligationId } from './types';

const NOW = '2026-11-28T00:00:00Z';

function cluster(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'prod', annotations },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
  };
}

function obligation(
  annotations: Record<string, string>,
  id: ObligationId,
): Obligation {
  return assessCluster(cluster(annotations), { now: NOW }).obligations.find(
    o => o.id === id,
  )!;
}

const SELF = { 'orchestration.io/control-plane': 'self-managed' };
const EKS = { 'orchestration.io/control-plane': 'eks' };

describe('kubernetes-upgrades', () => {
  it.each<[string, Record<string, string>, Obligation]>([
    [
      'an end-of-life minor several releases behind',
      {
        ...SELF,
        'orchestration.io/kubernetes-version': '1.31.2',
        'orchestration.io/oldest-node-version': '1.31',
      },
      {
        id: 'kubernetes-upgrades',
        title: 'Kubernetes upgrades',
        status: 'critical',
        hypothetical: false,
        due: '2025-11-11',
        summary:
          'Kubernetes 1.31 reached end of life on 2025-11-11 and gets no more security patches. It is 5 minors behind 1.36; the control plane moves one minor at a time, so that is 5 upgrades. Kubelets at 1.31 are within the supported skew.',
        evidence: [
          { key: 'orchestration.io/kubernetes-version', value: '1.31.2' },
          { key: 'knowledge:newest-kubernetes-minor', value: '1.36' },
          { key: 'knowledge:kubernetes-end-of-life', value: '2025-11-11' },
          { key: 'orchestration.io/oldest-node-version', value: '1.31' },
        ],
        actions: [
          'Upgrade the control plane one minor at a time: 1.31 -> 1.32 -> 1.33 -> 1.34 -> 1.35 -> 1.36 (5 steps; no skipping), upgrading nodes before each next step.',
        ],
      },
    ],
    [
      'a supported minor one behind, just outside the 90-day warning window',
      {
        ...SELF,
        'orchestration.io/kubernetes-version': '1.35',
        'orchestration.io/oldest-node-version': '1.34',
      },
      {
        id: 'kubernetes-upgrades',
        title: 'Kubernetes upgrades',
        status: 'ok',
        hypothetical: false,
        due: '2027-02-28',
        summary:
          'Kubernetes 1.35 is supported until 2027-02-28 (92 days left). It is 1 minor behind 1.36; the control plane moves one minor at a time, so that is 1 upgrade. Kubelets at 1.34 are within the supported skew.',
        evidence: [
          { key: 'orchestration.io/kubernetes-version', value: '1.35' },
          { key: 'knowledge:newest-kubernetes-minor', value: '1.36' },
          { key: 'knowledge:kubernetes-end-of-life', value: '2027-02-28' },
          { key: 'orchestration.io/oldest-node-version', value: '1.34' },
        ],
        actions: [
          'Upgrade the control plane one minor at a time: 1.35 -> 1.36 (1 step; no skipping), upgrading nodes before each next step.',
        ],
      },
    ],
    [
      'kubelets outside the n-3 skew',
      {
        ...SELF,
        'orchestration.io/kubernetes-version': '1.36',
        'orchestration.io/oldest-node-version': '1.32',
      },
      {
        id: 'kubernetes-upgrades',
        title: 'Kubernetes upgrades',
        status: 'critical',
        hypothetical: false,
        due: '2027-06-28',
        summary:
          'Kubernetes 1.36 is supported until 2027-06-28 (212 days left). The oldest kubelet (1.32) is 4 minors behind the API server; at most 3 is supported.',
        evidence: [
          { key: 'orchestration.io/kubernetes-version', value: '1.36' },
          { key: 'knowledge:newest-kubernetes-minor', value: '1.36' },
          { key: 'knowledge:kubernetes-end-of-life', value: '2027-06-28' },
          { key: 'orchestration.io/oldest-node-version', value: '1.32' },
        ],
        actions: [
          'Upgrade or replace nodes older than 1.33 before anything else.',
        ],
      },
    ],
    [
      'a missing version',
      { ...SELF },
      {
        id: 'kubernetes-upgrades',
        title: 'Kubernetes upgrades',
        status: 'unknown',
        hypothetical: false,
        due: null,
        summary:
          'Not enough information yet; add the annotations named in the actions.',
        evidence: [],
        actions: [
          'Add orchestration.io/kubernetes-version (e.g. 1.30.6) to the cluster so upgrades and support dates can be checked.',
        ],
      },
    ],
    [
      'EKS in extended support',
      {
        ...EKS,
        'orchestration.io/kubernetes-version': '1.32',
        'orchestration.io/oldest-node-version': '1.32',
      },
      {
        id: 'kubernetes-upgrades',
        title: 'Kubernetes upgrades',
        status: 'warning',
        hypothetical: false,
        due: '2027-03-23',
        summary:
          'EKS 1.32 is in extended support since 2026-03-23: the control plane costs $0.60 instead of $0.10 per hour (about $365 more per cluster per month) until 2027-03-23. It is 4 minors behind 1.36; the control plane moves one minor at a time, so that is 4 upgrades. Kubelets at 1.32 are within the supported skew.',
        evidence: [
          { key: 'orchestration.io/kubernetes-version', value: '1.32' },
          { key: 'knowledge:newest-eks-minor', value: '1.36' },
          { key: 'knowledge:eks-end-of-standard-support', value: '2026-03-23' },
          { key: 'knowledge:eks-end-of-extended-support', value: '2027-03-23' },
          {
            key: 'knowledge:eks-extended-support-price',
            value: '$0.60 vs $0.10 per cluster-hour',
          },
          { key: 'orchestration.io/oldest-node-version', value: '1.32' },
        ],
        actions: [
          'Upgrade the control plane one minor at a time: 1.32 -> 1.33 -> 1.34 -> 1.35 -> 1.36 (4 steps; no skipping), upgrading nodes before each next step.',
        ],
      },
    ],
    [
      'EKS past extended support',
      {
        ...EKS,
        'orchestration.io/kubernetes-version': '1.29',
        'orchestration.io/oldest-node-version': '1.29',
      },
      expect.objectContaining({
        status: 'critical',
        due: '2026-03-23',
      }) as unknown as Obligation,
    ],
  ])('%s', (_name, annotations, expected) => {
    expect(obligation(annotations, 'kubernetes-upgrades')).toEqual(expected);
  });
});

describe('etcd-backups', () => {
  it.each<[string, Record<string, string>, Obligation]>([
    [
      'backups on time with three members',
      {
        ...SELF,
        'orchestration.io/etcd-backup-interval': '15m',
        'orchestration.io/etcd-last-backup': '2026-11-27T23:50:00Z',
        'orchestration.io/etcd-members': '3',
      },
      {
        id: 'etcd-backups',
        title: 'etcd backups',
        status: 'ok',
        hypothetical: false,
        due: '2026-11-28T00:05:00.000Z',
        summary:
          'Snapshots every 15m meet the 15m recovery-point objective. The last backup is 10 minutes old. 3 etcd members tolerate 1 failure.',
        evidence: [
          { key: 'orchestration.io/etcd-backup-interval', value: '15m' },
          {
            key: 'orchestration.io/etcd-last-backup',
            value: '2026-11-27T23:50:00.000Z',
          },
          { key: 'orchestration.io/etcd-members', value: '3' },
        ],
        actions: [],
      },
    ],
    [
      'hourly snapshots that stopped, on an even member count',
      {
        ...SELF,
        'orchestration.io/etcd-backup-interval': '1h',
        'orchestration.io/etcd-last-backup': '2026-11-27T20:00:00Z',
        'orchestration.io/etcd-members': '4',
      },
      {
        id: 'etcd-backups',
        title: 'etcd backups',
        status: 'critical',
        hypothetical: false,
        due: '2026-11-27T20:15:00.000Z',
        summary:
          'Snapshots every 1h can lose up to 1h of cluster state, more than the 15m recovery-point objective. The last backup is 4 hours old, more than 2 times the expected 1h; backups look stopped. 4 etcd members tolerate 1 failure, no more than 3 would; an even count adds risk without adding tolerance.',
        evidence: [
          { key: 'orchestration.io/etcd-backup-interval', value: '1h' },
          {
            key: 'orchestration.io/etcd-last-backup',
            value: '2026-11-27T20:00:00.000Z',
          },
          { key: 'orchestration.io/etcd-members', value: '4' },
        ],
        actions: [
          "Snapshot etcd at least every 15m (etcdctl snapshot save, or the provisioner's backup schedule).",
          'Find out why etcd snapshots stopped and take one now; a cluster without a recent snapshot cannot be rebuilt after losing etcd.',
          'Use an odd member count (3 or 5).',
        ],
      },
    ],
    [
      'a single member and no backup facts',
      { ...SELF, 'orchestration.io/etcd-members': '1' },
      {
        id: 'etcd-backups',
        title: 'etcd backups',
        status: 'critical',
        hypothetical: false,
        due: null,
        summary:
          'A single etcd member tolerates no failure: losing it loses the cluster state.',
        evidence: [{ key: 'orchestration.io/etcd-members', value: '1' }],
        actions: [
          'Add orchestration.io/etcd-backup-interval (e.g. 15m) to the cluster so the backup interval can be checked.',
          'Add orchestration.io/etcd-last-backup (e.g. 2026-11-27T23:45:00Z) to the cluster so whether backups are still running can be checked.',
          'Run 3 or 5 etcd members.',
        ],
      },
    ],
    [
      'EKS, where AWS runs etcd',
      { ...EKS },
      {
        id: 'etcd-backups',
        title: 'etcd backups',
        status: 'not-applicable',
        hypothetical: false,
        due: null,
        summary: 'The EKS control plane runs and backs up etcd for you.',
        evidence: [{ key: 'orchestration.io/control-plane', value: 'eks' }],
        actions: [],
      },
    ],
  ])('%s', (_name, annotations, expected) => {
    expect(obligation(annotations, 'etcd-backups')).toEqual(expected);
  });
});

describe('certificate-rotation', () => {
  it.each<[string, Record<string, string>, Obligation]>([
    [
      'automated rotation, far from expiry, upgraded recently',
      {
        ...SELF,
        'orchestration.io/cert-expiry': '2027-06-01',
        'orchestration.io/cert-rotation': 'automated',
        'orchestration.io/last-upgrade': '2026-06-01',
      },
      {
        id: 'certificate-rotation',
        title: 'Certificate rotation',
        status: 'ok',
        hypothetical: false,
        due: '2027-06-01',
        summary:
          'The earliest control-plane certificate expires in 185 days. Renewal is automated. The control plane was upgraded 180 days ago, which renewed its certificates.',
        evidence: [
          { key: 'orchestration.io/cert-expiry', value: '2027-06-01' },
          { key: 'orchestration.io/cert-rotation', value: 'automated' },
          { key: 'orchestration.io/last-upgrade', value: '2026-06-01' },
        ],
        actions: [],
      },
    ],
    [
      'an expired certificate',
      {
        ...SELF,
        'orchestration.io/cert-expiry': '2026-11-20',
        'orchestration.io/cert-rotation': 'automated',
        'orchestration.io/last-upgrade': '2026-06-01',
      },
      {
        id: 'certificate-rotation',
        title: 'Certificate rotation',
        status: 'critical',
        hypothetical: false,
        due: '2026-11-20',
        summary:
          'The earliest control-plane certificate expired on 2026-11-20; components fail to authenticate to each other. Renewal is automated. The control plane was upgraded 180 days ago, which renewed its certificates.',
        evidence: [
          { key: 'orchestration.io/cert-expiry', value: '2026-11-20' },
          { key: 'orchestration.io/cert-rotation', value: 'automated' },
          { key: 'orchestration.io/last-upgrade', value: '2026-06-01' },
        ],
        actions: [
          'Renew the certificates now (kubeadm certs renew all on each control-plane node) and restart the control-plane components.',
        ],
      },
    ],
    [
      'no expiry known but no upgrade for over a year',
      {
        ...SELF,
        'orchestration.io/cert-rotation': 'automated',
        'orchestration.io/last-upgrade': '2025-10-01',
      },
      {
        id: 'certificate-rotation',
        title: 'Certificate rotation',
        status: 'warning',
        hypothetical: false,
        due: '2026-10-01',
        summary:
          'Renewal is automated. No control-plane upgrade for 423 days; kubeadm renews certificates on each upgrade and issues them for one year, so a year without one leaves renewal to someone remembering.',
        evidence: [
          { key: 'orchestration.io/cert-rotation', value: 'automated' },
          { key: 'orchestration.io/last-upgrade', value: '2025-10-01' },
        ],
        actions: [
          'Add orchestration.io/cert-expiry (e.g. 2027-03-01) to the cluster so certificate expiry can be checked.',
          'Upgrade the control plane (which renews its certificates) or renew them explicitly.',
        ],
      },
    ],
  ])('%s', (_name, annotations, expected) => {
    expect(obligation(annotations, 'certificate-rotation')).toEqual(expected);
  });

  it('uses the configured warning window', () => {
    const config = readOrchestrationConfig({
      thresholds: { certificateWarningDays: 60 },
    });
    if (!config.ok) throw new Error(config.errors.join());
    const result = assessCluster(
      cluster({
        ...SELF,
        'orchestration.io/cert-expiry': '2027-01-20',
        'orchestration.io/cert-rotation': 'automated',
        'orchestration.io/last-upgrade': '2026-06-01',
      }),
      { now: NOW, options: config.options },
    ).obligations.find(o => o.id === 'certificate-rotation')!;
    expect([result.status, result.actions]).toEqual([
      'warning',
      ['Renew the control-plane certificates before 2027-01-20.'],
    ]);
  });
});

describe('cni-ip-capacity', () => {
  it.each<[string, Record<string, string>, Obligation]>([
    [
      'the VPC CNI near exhaustion',
      {
        ...EKS,
        'orchestration.io/cni': 'aws-vpc-cni',
        'orchestration.io/pod-ip-capacity': '3990/4096',
      },
      {
        id: 'cni-ip-capacity',
        title: 'Pod IP capacity',
        status: 'critical',
        hypothetical: false,
        due: null,
        summary:
          '97.4% of pod IPs are in use (106 of 4096 free). With the VPC CNI every pod takes a VPC address from the node subnets, so running out stops new pods from starting.',
        evidence: [
          { key: 'orchestration.io/cni', value: 'aws-vpc-cni' },
          { key: 'orchestration.io/pod-ip-capacity', value: '3990/4096' },
        ],
        actions: [
          'To free pod IPs: enable prefix delegation (ENABLE_PREFIX_DELEGATION=true, Nitro nodes, VPC CNI 1.9.0 or later).',
          'To free pod IPs: add a secondary CIDR to the VPC and use custom networking for pods.',
          'To free pod IPs: tune WARM_IP_TARGET and MINIMUM_IP_TARGET instead of WARM_ENI_TARGET=1.',
          'To free pod IPs: move to an IPv6 cluster.',
        ],
      },
    ],
    [
      'calico with room to spare',
      {
        ...SELF,
        'orchestration.io/cni': 'calico',
        'orchestration.io/pod-ip-capacity': '1000/65536',
      },
      {
        id: 'cni-ip-capacity',
        title: 'Pod IP capacity',
        status: 'ok',
        hypothetical: false,
        due: null,
        summary: '1.5% of pod IPs are in use (64536 of 65536 free).',
        evidence: [
          { key: 'orchestration.io/cni', value: 'calico' },
          { key: 'orchestration.io/pod-ip-capacity', value: '1000/65536' },
        ],
        actions: [],
      },
    ],
    [
      'calico above the warning threshold',
      {
        ...SELF,
        'orchestration.io/cni': 'calico',
        'orchestration.io/pod-ip-capacity': '850/1000',
      },
      {
        id: 'cni-ip-capacity',
        title: 'Pod IP capacity',
        status: 'warning',
        hypothetical: false,
        due: null,
        summary: '85% of pod IPs are in use (150 of 1000 free).',
        evidence: [
          { key: 'orchestration.io/cni', value: 'calico' },
          { key: 'orchestration.io/pod-ip-capacity', value: '850/1000' },
        ],
        actions: [
          'Enlarge the pod CIDR or IP pools before usage reaches the limit.',
        ],
      },
    ],
  ])('%s', (_name, annotations, expected) => {
    expect(obligation(annotations, 'cni-ip-capacity')).toEqual(expected);
  });
});

describe('control-plane-monitoring', () => {
  it.each<[string, Record<string, string>, Obligation]>([
    [
      'all four signals on a self-managed control plane',
      {
        ...SELF,
        'orchestration.io/control-plane-monitoring':
          'apiserver-latency,etcd-disk,scheduler-queue,controller-sync',
      },
      {
        id: 'control-plane-monitoring',
        title: 'Control-plane monitoring',
        status: 'ok',
        hypothetical: false,
        due: null,
        summary: 'All 4 control-plane signals are monitored.',
        evidence: [
          {
            key: 'orchestration.io/control-plane-monitoring',
            value:
              'apiserver-latency,etcd-disk,scheduler-queue,controller-sync',
          },
        ],
        actions: [],
      },
    ],
    [
      'only etcd disk on EKS, where etcd is not required',
      { ...EKS, 'orchestration.io/control-plane-monitoring': 'etcd-disk' },
      {
        id: 'control-plane-monitoring',
        title: 'Control-plane monitoring',
        status: 'critical',
        hypothetical: false,
        due: null,
        summary:
          'Partly applicable: the provider watches etcd, but API server, scheduler and controller signals still show how your workloads load the control plane. 0 of 3 control-plane signals are monitored; missing: API server latency, scheduler queue, controller-manager sync.',
        evidence: [
          {
            key: 'orchestration.io/control-plane-monitoring',
            value: 'etcd-disk',
          },
        ],
        actions: [
          'Monitor API server latency: apiserver_request_duration_seconds, apiserver_request_total, apiserver_current_inflight_requests (p99 at most 1 s for mutating calls and single reads, 30 s for lists).',
          'Monitor scheduler queue: scheduler_pending_pods, scheduler_pod_scheduling_attempts (pending pods that keep growing).',
          'Monitor controller-manager sync: workqueue_depth, workqueue_queue_duration_seconds, workqueue_work_duration_seconds (work queues that keep growing).',
        ],
      },
    ],
    [
      'no monitoring annotation',
      { ...SELF },
      {
        id: 'control-plane-monitoring',
        title: 'Control-plane monitoring',
        status: 'unknown',
        hypothetical: false,
        due: null,
        summary:
          'Not enough information yet; add the annotations named in the actions.',
        evidence: [],
        actions: [
          'Add orchestration.io/control-plane-monitoring (e.g. apiserver-latency,etcd-disk,scheduler-queue,controller-sync) to the cluster so control-plane monitoring can be checked.',
        ],
      },
    ],
  ])('%s', (_name, annotations, expected) => {
    expect(obligation(annotations, 'control-plane-monitoring')).toEqual(
      expected,
    );
  });
});

describe('assessCluster', () => {
  it('warns when the knowledge base is older than the configured age', () => {
    const result = assessCluster(cluster({ ...SELF }), {
      now: '2027-06-01T00:00:00Z',
    });
    expect(result.warnings).toEqual([
      {
        rule: 'KNOWLEDGE-STALE',
        message:
          'The knowledge base is dated 2026-08-22, 283 days before this assessment (limit 180); release and support dates may have moved. Update orchestration.knowledgeBase in configuration or upgrade the plugin.',
      },
    ]);
  });

  it('rejects an invalid now with a typed error', () => {
    expect(() => assessCluster(cluster({}), { now: 'yesterday' })).toThrow(
      'now must be a valid Date or ISO-8601 string, got yesterday',
    );
  });
});
