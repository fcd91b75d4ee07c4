import { OBLIGATION_IDS, Obligation } from '../types';
import { SELF, TEST_OPTIONS, contextFor } from './__testUtils__/context';
import {
  certificateObligation,
  clusterObligations,
  cniObligation,
  etcdObligation,
  hypotheticalObligations,
  monitoringObligation,
  unresolvedClusterObligations,
  upgradesObligation,
} from '.';

/** The worked example: a kops cluster on an old minor, renewed by hand, backed up every 15 minutes. */
const KOPS_CLUSTER = {
  ...SELF,
  'orchestration.io/provisioner': 'kops',
  'orchestration.io/kubernetes-version': '1.31.2',
  'orchestration.io/oldest-node-version': '1.30',
  'orchestration.io/etcd-members': '3',
  'orchestration.io/etcd-backup-interval': '15m',
  'orchestration.io/etcd-last-backup': '2026-11-27T23:50:00Z',
  'orchestration.io/cert-expiry': '2026-12-20',
  'orchestration.io/cert-rotation': 'manual',
  'orchestration.io/last-upgrade': '2025-09-01',
  'orchestration.io/cni': 'calico',
  'orchestration.io/pod-ip-capacity': '1000/65536',
  'orchestration.io/control-plane-monitoring': 'apiserver-latency,etcd-disk',
};

/** Pushes onto every array of a result and rewrites every evidence item. */
function vandalise(obligations: Obligation[]) {
  for (const obligation of obligations) {
    obligation.evidence.push({ key: 'mutated', value: 'mutated' });
    for (const item of obligation.evidence) item.value = 'mutated';
    obligation.actions.push('mutated');
    obligation.actions[0] = 'mutated';
  }
}

describe('clusterObligations', () => {
  it('computes every obligation, in OBLIGATION_IDS order', () => {
    const ctx = contextFor(KOPS_CLUSTER);
    expect(clusterObligations(ctx)).toEqual([
      upgradesObligation(ctx),
      etcdObligation(ctx),
      certificateObligation(ctx),
      cniObligation(ctx),
      monitoringObligation(ctx),
    ]);
    expect(clusterObligations(ctx).map(o => o.id)).toEqual([...OBLIGATION_IDS]);
  });

  it('rates the kops worked example', () => {
    const result = clusterObligations(contextFor(KOPS_CLUSTER));
    expect(result.map(o => [o.id, o.status])).toEqual([
      ['kubernetes-upgrades', 'critical'],
      ['etcd-backups', 'ok'],
      ['certificate-rotation', 'warning'],
      ['cni-ip-capacity', 'ok'],
      ['control-plane-monitoring', 'warning'],
    ]);
    const text = result.flatMap(o => o.actions).join('\n');
    expect(text).toContain('kops rolling-update cluster');
    expect(text).not.toContain('kubeadm');
  });

  it('never shares arrays or objects between two calls', () => {
    const ctx = contextFor(KOPS_CLUSTER);
    const first = clusterObligations(ctx);
    const second = clusterObligations(ctx);
    vandalise(first);
    expect(second).toEqual(clusterObligations(ctx));
    expect(JSON.stringify(second)).not.toContain('mutated');
  });

  it('keeps every text short, whatever the numbers', () => {
    const result = clusterObligations(
      contextFor({
        ...SELF,
        'orchestration.io/kubernetes-version': '1.0',
        'orchestration.io/oldest-node-version': '1.0',
        'orchestration.io/etcd-members': '999999999998',
        'orchestration.io/etcd-backup-interval': '99999999d',
        'orchestration.io/pod-ip-capacity': '999999999/1000000000',
      }),
    );
    for (const obligation of result) {
      expect(obligation.summary.length).toBeLessThan(600);
      for (const action of obligation.actions) {
        expect(action.length).toBeLessThan(400);
      }
    }
  });
});

describe('hypotheticalObligations and unresolvedClusterObligations', () => {
  it.each<[string, () => Obligation[]]>([
    ['hypothetical', () => hypotheticalObligations(TEST_OPTIONS, 'ecs-ec2')],
    [
      'unresolved',
      () =>
        unresolvedClusterObligations(
          true,
          'resource:default/prod',
          'not-found',
        ),
    ],
  ])('never share arrays or objects between calls (%s)', (_name, compute) => {
    const first = compute();
    const second = compute();
    vandalise(first);
    expect(second).toEqual(compute());
    expect(JSON.stringify(second)).not.toContain('mutated');
  });

  it('never share objects between the entries of one call', () => {
    const result = hypotheticalObligations(TEST_OPTIONS, 'ecs-ec2');
    result[0].evidence[0].value = 'mutated';
    expect(result[1].evidence).toEqual([
      { key: 'orchestration.io/current-platform', value: 'ecs-ec2' },
    ]);
  });
});
