import { parseClusterAnnotations } from './cluster';

describe('parseClusterAnnotations', () => {
  it('parses every cluster annotation', () => {
    expect(
      parseClusterAnnotations({
        'orchestration.io/control-plane': 'self-managed',
        'orchestration.io/provisioner': 'kubeadm',
        'orchestration.io/kubernetes-version': '1.29.4',
        'orchestration.io/oldest-node-version': '1.27',
        'orchestration.io/etcd-members': '5',
        'orchestration.io/etcd-backup-interval': '1h',
        'orchestration.io/etcd-last-backup': '2026-11-27T22:00:00Z',
        'orchestration.io/cert-expiry': '2027-01-10',
        'orchestration.io/cert-rotation': 'automated',
        'orchestration.io/last-upgrade': '2026-05-01',
        'orchestration.io/cni': 'cilium',
        'orchestration.io/pod-ip-capacity': '100/1000',
        'orchestration.io/control-plane-monitoring': 'etcd-disk',
      }),
    ).toEqual({
      facts: {
        controlPlane: 'self-managed',
        provisioner: 'kubeadm',
        kubernetesVersion: {
          major: 1,
          minor: 29,
          patch: 4,
          minorVersion: '1.29',
        },
        oldestNodeVersion: { major: 1, minor: 27, minorVersion: '1.27' },
        etcdMembers: 5,
        etcdBackupInterval: { minutes: 60, text: '1h' },
        etcdLastBackup: {
          epochMs: Date.UTC(2026, 10, 27, 22),
          iso: '2026-11-27T22:00:00.000Z',
          dateOnly: false,
        },
        certExpiry: {
          epochMs: Date.UTC(2027, 0, 10),
          iso: '2027-01-10',
          dateOnly: true,
        },
        certRotation: 'automated',
        lastUpgrade: {
          epochMs: Date.UTC(2026, 4, 1),
          iso: '2026-05-01',
          dateOnly: true,
        },
        cni: 'cilium',
        podIpCapacity: { used: 100, total: 1000 },
        controlPlaneMonitoring: ['etcd-disk'],
      },
      problems: [],
    });
  });

  it.each([
    [
      { 'orchestration.io/etcd-backup-interval': 'hourly' },
      [
        {
          severity: 'error',
          code: 'invalid-value',
          key: 'orchestration.io/etcd-backup-interval',
          value: 'hourly',
          message:
            'orchestration.io/etcd-backup-interval: "hourly" is not a duration; write a whole number followed by m, h or d, e.g. 15m, 1h or 1d',
        },
      ],
    ],
    [
      {
        'orchestration.io/kubernetes-version': '1.28',
        'orchestration.io/oldest-node-version': '1.29',
      },
      [
        {
          severity: 'error',
          code: 'contradiction',
          key: 'orchestration.io/oldest-node-version',
          value: '1.29',
          message:
            'orchestration.io/oldest-node-version 1.29 is newer than the API server 1.28; kubelets may never be newer than the API server, so check both values',
        },
      ],
    ],
    [
      { 'orchestration.io/etcd-members': '0' },
      [
        {
          severity: 'error',
          code: 'invalid-value',
          key: 'orchestration.io/etcd-members',
          value: '0',
          message:
            'orchestration.io/etcd-members: a cluster needs at least one etcd member; write the member count, e.g. 3',
        },
      ],
    ],
    [
      {
        'orchestration.io/control-plane': 'eks',
        'orchestration.io/etcd-members': '3',
      },
      [
        {
          severity: 'warning',
          code: 'contradiction',
          key: 'orchestration.io/etcd-members',
          value: '3',
          message:
            'orchestration.io/etcd-members describes the control plane, which the provider runs when orchestration.io/control-plane is eks; remove it or set the control plane to self-managed',
        },
      ],
    ],
    [
      { 'orchestration.io/cni': 'flanel' },
      [
        {
          severity: 'error',
          code: 'unknown-value',
          key: 'orchestration.io/cni',
          value: 'flanel',
          message:
            '"flanel" is not a valid value for orchestration.io/cni; write one of: aws-vpc-cni, calico, cilium, other',
          allowed: ['aws-vpc-cni', 'calico', 'cilium', 'other'],
        },
      ],
    ],
  ])('reports %j', (annotations, expected) => {
    expect(parseClusterAnnotations(annotations).problems).toEqual(expected);
  });

  it.each([
    [
      'orchestration.io/kubernetes-version',
      1.3,
      'orchestration.io/kubernetes-version is the number 1.3, not text: YAML reads an unquoted 1.30 as a number; quote it: "1.30"',
    ],
    [
      'orchestration.io/kubernetes-version',
      1.29,
      'orchestration.io/kubernetes-version is the number 1.29, not text: YAML reads an unquoted 1.29 as a number; quote it: "1.29"',
    ],
    [
      'orchestration.io/oldest-node-version',
      1.2,
      'orchestration.io/oldest-node-version is the number 1.2, not text: YAML reads an unquoted 1.20 as a number; quote it: "1.20"',
    ],
    [
      'orchestration.io/etcd-members',
      3,
      'orchestration.io/etcd-members is the number 3, not text: YAML reads an unquoted 3 as a number; quote it: "3"',
    ],
  ])('reads nothing from %s written as the number %j', (key, raw, message) => {
    expect(parseClusterAnnotations({ [key]: raw })).toEqual({
      facts: {},
      problems: [
        {
          severity: 'error',
          code: 'invalid-value',
          key,
          value: String(raw),
          message,
        },
      ],
    });
  });

  it.each([
    ['kops', { provisioner: 'kops' }],
    ['KubeSpray', { provisioner: 'kubespray' }],
  ])('keeps reading the provisioner %j', (text, facts) => {
    expect(
      parseClusterAnnotations({ 'orchestration.io/provisioner': text }),
    ).toEqual({ facts, problems: [] });
  });
});
