import { Obligation } from '../types';
import {
  DECLARED,
  EKS,
  SELF,
  contextFor,
  withThresholds,
} from './__testUtils__/context';
import { certificateObligation } from './certificates';

const EXPIRY = 'orchestration.io/cert-expiry';
const ROTATION = 'orchestration.io/cert-rotation';
const UPGRADE = 'orchestration.io/last-upgrade';
const PROVISIONER = 'orchestration.io/provisioner';

const base = {
  id: 'certificate-rotation',
  title: 'Certificate rotation',
  hypothetical: false,
} as const;

const HEALTHY = {
  ...SELF,
  [EXPIRY]: '2027-06-01',
  [ROTATION]: 'automated',
  [UPGRADE]: '2026-06-01',
};
const HEALTHY_EVIDENCE = [
  { key: EXPIRY, value: '2027-06-01', provenance: DECLARED },
  { key: ROTATION, value: 'automated', provenance: DECLARED },
  { key: UPGRADE, value: '2026-06-01', provenance: DECLARED },
];
/** Expired a week ago, although renewal is automated and the last upgrade was recent. */
const EXPIRED = { ...HEALTHY, [EXPIRY]: '2026-11-20' };
const EXPIRED_SUMMARY =
  'The earliest control-plane certificate expired on 2026-11-20; components fail to authenticate to each other. Renewal is marked automated, yet a certificate expired: check that the renewal job runs, and that the annotations are current. The control plane was upgraded 180 days ago, yet a certificate has expired: that upgrade did not renew it, or an annotation is out of date.';
const EXPIRED_EVIDENCE = [
  { key: EXPIRY, value: '2026-11-20', provenance: DECLARED },
  { key: ROTATION, value: 'automated', provenance: DECLARED },
  { key: UPGRADE, value: '2026-06-01', provenance: DECLARED },
];
const STALE = { ...SELF, [ROTATION]: 'automated', [UPGRADE]: '2025-10-01' };
const STALE_EVIDENCE = [
  { key: ROTATION, value: 'automated', provenance: DECLARED },
  { key: UPGRADE, value: '2025-10-01', provenance: DECLARED },
];
const ADD_EXPIRY =
  'Add orchestration.io/cert-expiry (e.g. 2027-03-01) to the cluster so certificate expiry can be checked.';

describe('certificate-rotation', () => {
  it.each<[string, Record<string, string>, Obligation]>([
    [
      'automated rotation, far from expiry, upgraded recently',
      HEALTHY,
      {
        ...base,
        status: 'ok',
        due: '2027-06-01',
        summary:
          'The earliest control-plane certificate expires in 185 days. Renewal is automated. The control plane was upgraded 180 days ago, within the last year.',
        evidence: HEALTHY_EVIDENCE,
        actions: [],
      },
    ],
    [
      'the same with kubeadm, whose upgrades renew the certificates',
      { ...HEALTHY, [PROVISIONER]: 'kubeadm' },
      {
        ...base,
        status: 'ok',
        due: '2027-06-01',
        summary:
          'The earliest control-plane certificate expires in 185 days. Renewal is automated. The control plane was upgraded 180 days ago, which renewed its certificates.',
        evidence: [
          ...HEALTHY_EVIDENCE,
          { key: PROVISIONER, value: 'kubeadm', provenance: DECLARED },
        ],
        actions: [],
      },
    ],
    [
      'an expired certificate despite automated rotation and a recent upgrade',
      EXPIRED,
      {
        ...base,
        status: 'critical',
        due: '2026-11-20',
        summary: EXPIRED_SUMMARY,
        evidence: EXPIRED_EVIDENCE,
        actions: [
          'Renew the control-plane certificates now on every control-plane node, then restart the control-plane components.',
        ],
      },
    ],
    [
      'an expired certificate on kubeadm',
      { ...EXPIRED, [PROVISIONER]: 'kubeadm' },
      {
        ...base,
        status: 'critical',
        due: '2026-11-20',
        summary: EXPIRED_SUMMARY,
        evidence: [
          ...EXPIRED_EVIDENCE,
          { key: PROVISIONER, value: 'kubeadm', provenance: DECLARED },
        ],
        actions: [
          'Renew the certificates now: kubeadm certs renew all on each control-plane node, then restart the static control-plane pods (kube-apiserver, kube-controller-manager, kube-scheduler, etcd).',
        ],
      },
    ],
    [
      'an expired certificate on kops gets kops commands, not kubeadm ones',
      { ...EXPIRED, [PROVISIONER]: 'kops' },
      {
        ...base,
        status: 'critical',
        due: '2026-11-20',
        summary: EXPIRED_SUMMARY,
        evidence: [
          ...EXPIRED_EVIDENCE,
          { key: PROVISIONER, value: 'kops', provenance: DECLARED },
        ],
        actions: [
          'Renew the certificates now by replacing the control-plane nodes: kops rolling-update cluster --instance-group-roles=control-plane --force --yes (with --cloudonly if the API no longer answers).',
        ],
      },
    ],
    [
      'an expired certificate on kubespray',
      { ...EXPIRED, [PROVISIONER]: 'kubespray' },
      {
        ...base,
        status: 'critical',
        due: '2026-11-20',
        summary: EXPIRED_SUMMARY,
        evidence: [
          ...EXPIRED_EVIDENCE,
          { key: PROVISIONER, value: 'kubespray', provenance: DECLARED },
        ],
        actions: [
          'Renew the certificates now: kubeadm certs renew all on each control-plane node, then restart the static control-plane pods (kubespray installs with kubeadm); then set auto_renew_certificates: true.',
        ],
      },
    ],
    [
      'an expired certificate and no upgrade for over a year: one renewal action',
      { ...EXPIRED, [UPGRADE]: '2025-10-01', [ROTATION]: 'manual' },
      {
        ...base,
        status: 'critical',
        due: '2026-11-20',
        summary:
          'The earliest control-plane certificate expired on 2026-11-20; components fail to authenticate to each other. Renewal is manual, so one forgotten date takes the control plane down. No control-plane upgrade for 423 days; control-plane certificates usually last one year and many installers renew them only on upgrade, so a year without one leaves renewal to someone remembering.',
        evidence: [
          { key: EXPIRY, value: '2026-11-20', provenance: DECLARED },
          { key: ROTATION, value: 'manual', provenance: DECLARED },
          { key: UPGRADE, value: '2025-10-01', provenance: DECLARED },
        ],
        actions: [
          'Renew the control-plane certificates now on every control-plane node, then restart the control-plane components.',
          'Automate renewal (a scheduled renewal on every control-plane node, or at least one control-plane upgrade a year) and alert on expiry.',
        ],
      },
    ],
    [
      'no expiry known but no upgrade for over a year',
      STALE,
      {
        ...base,
        status: 'warning',
        due: '2026-10-01',
        summary:
          'Renewal is automated. No control-plane upgrade for 423 days; control-plane certificates usually last one year and many installers renew them only on upgrade, so a year without one leaves renewal to someone remembering.',
        evidence: STALE_EVIDENCE,
        actions: [
          ADD_EXPIRY,
          'Upgrade the control plane or renew its certificates explicitly.',
        ],
      },
    ],
    [
      'the same with kubeadm',
      { ...STALE, [PROVISIONER]: 'kubeadm' },
      {
        ...base,
        status: 'warning',
        due: '2026-10-01',
        summary:
          'Renewal is automated. No control-plane upgrade for 423 days; kubeadm renews the certificates on every control-plane upgrade and issues them for one year, so a year without one leaves renewal to someone remembering.',
        evidence: [
          ...STALE_EVIDENCE,
          { key: PROVISIONER, value: 'kubeadm', provenance: DECLARED },
        ],
        actions: [
          ADD_EXPIRY,
          'Upgrade the control plane (kubeadm upgrade apply renews its certificates) or run kubeadm certs renew all on each control-plane node.',
        ],
      },
    ],
    [
      'expiring within a week, renewed by hand, on kops',
      {
        ...SELF,
        [PROVISIONER]: 'kops',
        [EXPIRY]: '2026-12-02',
        [ROTATION]: 'manual',
        [UPGRADE]: '2026-06-01',
      },
      {
        ...base,
        status: 'critical',
        due: '2026-12-02',
        summary:
          'The earliest control-plane certificate expires in 4 days (2026-12-02). Renewal is manual, so one forgotten date takes the control plane down. The control plane was upgraded 180 days ago, and its rolling update reissued most control-plane certificates.',
        evidence: [
          { key: EXPIRY, value: '2026-12-02', provenance: DECLARED },
          { key: ROTATION, value: 'manual', provenance: DECLARED },
          { key: UPGRADE, value: '2026-06-01', provenance: DECLARED },
          { key: PROVISIONER, value: 'kops', provenance: DECLARED },
        ],
        actions: [
          'Renew the control-plane certificates this week (kops rolling-update cluster --instance-group-roles=control-plane --force --yes; new control-plane nodes get new certificates).',
          'Automate renewal: replace the control-plane nodes on a schedule (a forced kops rolling update) or upgrade at least once a year, plus an alert on expiry.',
        ],
      },
    ],
    [
      'expiring within the window, renewed by hand, on kubespray',
      {
        ...SELF,
        [PROVISIONER]: 'kubespray',
        [EXPIRY]: '2026-12-20',
        [ROTATION]: 'manual',
      },
      {
        ...base,
        status: 'warning',
        due: '2026-12-20',
        summary:
          'The earliest control-plane certificate expires in 22 days (2026-12-20), inside the 30-day window. Renewal is manual, so one forgotten date takes the control plane down.',
        evidence: [
          { key: EXPIRY, value: '2026-12-20', provenance: DECLARED },
          { key: ROTATION, value: 'manual', provenance: DECLARED },
          { key: PROVISIONER, value: 'kubespray', provenance: DECLARED },
        ],
        actions: [
          'Renew the control-plane certificates before 2026-12-20 (kubeadm certs renew all on each control-plane node, then restart the static control-plane pods).',
          'Automate renewal: set auto_renew_certificates: true in the inventory and run cluster.yml (a monthly timer on each control-plane node), plus an alert on expiry.',
          'Add orchestration.io/last-upgrade (e.g. 2026-06-15) to the cluster so renewal by upgrade can be checked.',
        ],
      },
    ],
    [
      'no facts: unknown, and the provisioner alone shapes nothing',
      { ...SELF, [PROVISIONER]: 'kops' },
      {
        ...base,
        status: 'unknown',
        due: null,
        summary:
          'Not enough information yet; add the annotations named in the actions.',
        evidence: [],
        actions: [
          ADD_EXPIRY,
          'Add orchestration.io/cert-rotation (e.g. automated) to the cluster so how certificates are renewed can be checked.',
          'Add orchestration.io/last-upgrade (e.g. 2026-06-15) to the cluster so renewal by upgrade can be checked.',
        ],
      },
    ],
    [
      'EKS, where AWS renews the certificates',
      { ...EKS, [EXPIRY]: '2026-11-20' },
      {
        ...base,
        status: 'not-applicable',
        due: null,
        summary:
          'The EKS control plane issues and renews its own certificates.',
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
    expect(certificateObligation(contextFor(annotations))).toEqual(expected);
  });

  it('uses the configured warning window', () => {
    const result = certificateObligation(
      contextFor(
        { ...HEALTHY, [EXPIRY]: '2027-01-20' },
        { options: withThresholds({ certificateWarningDays: 60 }) },
      ),
    );
    expect([result.status, result.actions]).toEqual([
      'warning',
      ['Renew the control-plane certificates before 2027-01-20.'],
    ]);
  });

  it('is critical on the day of expiry', () => {
    const result = certificateObligation(
      contextFor(HEALTHY, { now: '2027-06-01T00:00:00Z' }),
    );
    expect(result.status).toBe('critical');
  });
});
