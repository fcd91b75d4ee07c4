import { Obligation } from '../types';
import { DECLARED, EKS, SELF, contextFor } from './__testUtils__/context';
import { etcdObligation, nextOddMemberCount } from './etcd';

const INTERVAL = 'orchestration.io/etcd-backup-interval';
const LAST = 'orchestration.io/etcd-last-backup';
const MEMBERS = 'orchestration.io/etcd-members';
const PROVISIONER = 'orchestration.io/provisioner';

const base = {
  id: 'etcd-backups',
  title: 'etcd backups',
  hypothetical: false,
} as const;

const ADD_INTERVAL =
  'Add orchestration.io/etcd-backup-interval (e.g. 15m) to the cluster so the backup interval can be checked.';
const ADD_LAST =
  'Add orchestration.io/etcd-last-backup (e.g. 2026-11-27T23:45:00Z) to the cluster so whether backups are still running can be checked.';
const STOPPED_HOURLY = {
  [INTERVAL]: '1h',
  [LAST]: '2026-11-27T20:00:00Z',
};
const STOPPED_SUMMARY =
  'Snapshots every 1h can lose up to 1h of cluster state, more than the 15m recovery-point objective. The last backup is 4 hours old, more than 2 times the expected 1h; backups look stopped.';
const STOPPED_EVIDENCE = [
  { key: INTERVAL, value: '1h', provenance: DECLARED },
  { key: LAST, value: '2026-11-27T20:00:00.000Z', provenance: DECLARED },
];

describe('etcd-backups', () => {
  it.each<[string, Record<string, string>, Obligation]>([
    [
      'backups on time with three members',
      {
        ...SELF,
        [INTERVAL]: '15m',
        [LAST]: '2026-11-27T23:50:00Z',
        [MEMBERS]: '3',
      },
      {
        ...base,
        status: 'ok',
        due: '2026-11-28T00:05:00.000Z',
        summary:
          'Snapshots every 15m meet the 15m recovery-point objective. The last backup is 10 minutes old. 3 etcd members tolerate 1 failure.',
        evidence: [
          { key: INTERVAL, value: '15m', provenance: DECLARED },
          {
            key: LAST,
            value: '2026-11-27T23:50:00.000Z',
            provenance: DECLARED,
          },
          { key: MEMBERS, value: '3', provenance: DECLARED },
        ],
        actions: [],
      },
    ],
    [
      'hourly snapshots that stopped, on an even member count',
      { ...SELF, ...STOPPED_HOURLY, [MEMBERS]: '4' },
      {
        ...base,
        status: 'critical',
        due: '2026-11-27T20:15:00.000Z',
        summary: `${STOPPED_SUMMARY} 4 etcd members tolerate 1 failure, no more than 3 would; an even count adds risk without adding tolerance.`,
        evidence: [
          ...STOPPED_EVIDENCE,
          { key: MEMBERS, value: '4', provenance: DECLARED },
        ],
        actions: [
          "Snapshot etcd at least every 15m (etcdctl snapshot save, or the provisioner's backup schedule).",
          'Find out why etcd snapshots stopped and take one now; a cluster without a recent snapshot cannot be rebuilt after losing etcd.',
          'Grow etcd to 5 members, an odd count that tolerates 2 failures.',
        ],
      },
    ],
    [
      'the same on kops, where etcd-manager backs up to the state store',
      { ...SELF, ...STOPPED_HOURLY, [MEMBERS]: '3', [PROVISIONER]: 'kops' },
      {
        ...base,
        status: 'critical',
        due: '2026-11-27T20:15:00.000Z',
        summary: `${STOPPED_SUMMARY} 3 etcd members tolerate 1 failure.`,
        evidence: [
          ...STOPPED_EVIDENCE,
          { key: MEMBERS, value: '3', provenance: DECLARED },
          { key: PROVISIONER, value: 'kops', provenance: DECLARED },
        ],
        actions: [
          'Back up etcd at least every 15m: kops runs etcd-manager, which writes backups to the state store every 15 minutes by default; check its settings and that backups arrive (etcd-manager-ctl list-backups).',
          'Find out why etcd-manager stopped writing backups to the state store (etcd-manager-ctl list-backups shows the latest); without a recent backup the cluster cannot be rebuilt after losing etcd.',
        ],
      },
    ],
    [
      'the same on kubeadm, with etcdctl',
      { ...SELF, ...STOPPED_HOURLY, [MEMBERS]: '5', [PROVISIONER]: 'kubeadm' },
      {
        ...base,
        status: 'critical',
        due: '2026-11-27T20:15:00.000Z',
        summary: `${STOPPED_SUMMARY} 5 etcd members tolerate 2 failures.`,
        evidence: [
          ...STOPPED_EVIDENCE,
          { key: MEMBERS, value: '5', provenance: DECLARED },
          { key: PROVISIONER, value: 'kubeadm', provenance: DECLARED },
        ],
        actions: [
          'Snapshot etcd at least every 15m: etcdctl snapshot save on a timer, with copies kept off the control-plane nodes.',
          'Find out why etcd snapshots stopped and take one now (etcdctl snapshot save); a cluster without a recent snapshot cannot be rebuilt after losing etcd.',
        ],
      },
    ],
    [
      'a single member and no backup facts',
      { ...SELF, [MEMBERS]: '1' },
      {
        ...base,
        status: 'critical',
        due: null,
        summary:
          'A single etcd member tolerates no failure: losing it loses the cluster state.',
        evidence: [{ key: MEMBERS, value: '1', provenance: DECLARED }],
        actions: [
          ADD_INTERVAL,
          ADD_LAST,
          'Run 3 etcd members, which tolerate 1 failure.',
        ],
      },
    ],
    [
      'two members, which tolerate no failure either',
      { ...SELF, [MEMBERS]: '2', [PROVISIONER]: 'kubespray' },
      {
        ...base,
        status: 'critical',
        due: null,
        summary:
          '2 etcd members tolerate no failure, just like one: losing any member loses quorum and the API server stops accepting changes.',
        evidence: [{ key: MEMBERS, value: '2', provenance: DECLARED }],
        actions: [
          ADD_INTERVAL,
          ADD_LAST,
          'Run 3 etcd members, which tolerate 1 failure.',
        ],
      },
    ],
    [
      'six members',
      { ...SELF, [MEMBERS]: '6' },
      {
        ...base,
        status: 'warning',
        due: null,
        summary:
          '6 etcd members tolerate 2 failures, no more than 5 would; an even count adds risk without adding tolerance.',
        evidence: [{ key: MEMBERS, value: '6', provenance: DECLARED }],
        actions: [
          ADD_INTERVAL,
          ADD_LAST,
          'Grow etcd to 7 members, an odd count that tolerates 3 failures.',
        ],
      },
    ],
    [
      'more members than etcd advises',
      { ...SELF, [MEMBERS]: '9' },
      {
        ...base,
        status: 'warning',
        due: null,
        summary: '9 etcd members slow every write; etcd advises at most 7.',
        evidence: [{ key: MEMBERS, value: '9', provenance: DECLARED }],
        actions: [ADD_INTERVAL, ADD_LAST, 'Shrink etcd to 5 members.'],
      },
    ],
    [
      'no facts at all',
      { ...SELF },
      {
        ...base,
        status: 'unknown',
        due: null,
        summary:
          'Not enough information yet; add the annotations named in the actions.',
        evidence: [],
        actions: [
          ADD_INTERVAL,
          ADD_LAST,
          'Add orchestration.io/etcd-members (e.g. 3) to the cluster so etcd fault tolerance can be checked.',
        ],
      },
    ],
    [
      'EKS, where AWS runs etcd',
      { ...EKS, [MEMBERS]: '1' },
      {
        ...base,
        status: 'not-applicable',
        due: null,
        summary: 'The EKS control plane runs and backs up etcd for you.',
        evidence: [
          {
            key: 'orchestration.io/control-plane',
            value: 'eks',
            provenance: DECLARED,
          },
        ],
        actions: [],
      },
    ],
  ])('%s', (_name, annotations, expected) => {
    expect(etcdObligation(contextFor(annotations))).toEqual(expected);
  });

  it.each([
    [1, 3],
    [2, 3],
    [3, 3],
    [4, 5],
    [6, 7],
    [7, 7],
  ])('the next odd count of at least 3 after %i is %i', (members, next) => {
    expect(nextOddMemberCount(members, 3)).toBe(next);
  });
});
