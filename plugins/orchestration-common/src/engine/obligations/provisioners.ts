import { ObligationContext } from './shared';

/**
 * Whose commands a remedy names: the tool that installed a self-managed
 * control plane, or `generic` when it is unknown, `other`, or the control
 * plane is managed.
 */
export type RemedyStyle = 'kops' | 'kubeadm' | 'kubespray' | 'generic';

/** The remedy style of a cluster. */
export function remedyStyle(ctx: ObligationContext): RemedyStyle {
  if (ctx.controlPlane !== 'self-managed') return 'generic';
  const provisioner = ctx.facts.provisioner;
  return provisioner === 'kops' ||
    provisioner === 'kubeadm' ||
    provisioner === 'kubespray'
    ? provisioner
    : 'generic';
}

/** How one control-plane upgrade step is done; `path` is already bounded. */
export function upgradeAction(
  style: RemedyStyle,
  path: string,
  steps: string,
): string {
  const head = `Upgrade one minor at a time: ${path} (${steps}; no skipping).`;
  switch (style) {
    case 'kubeadm':
      return `${head} Each step: kubeadm upgrade plan, kubeadm upgrade apply on the first control-plane node and kubeadm upgrade node on the others, then the kubelets.`;
    case 'kops':
      return `${head} Each step: raise kubernetesVersion in the cluster spec (kops edit cluster), then kops update cluster --yes and kops rolling-update cluster --yes.`;
    case 'kubespray':
      return `${head} Each step: run upgrade-cluster.yml with kube_version set to a release of the next minor; it upgrades the control plane, then the nodes.`;
    default:
      return `Upgrade the control plane one minor at a time: ${path} (${steps}; no skipping), upgrading nodes before each next step.`;
  }
}

/** Certificate remedies of one provisioner. */
export interface CertificateRemedies {
  /** The action for an expired certificate. */
  renewNow: string;
  /** How to renew, appended to a dated renewal action; none when unknown. */
  how?: string;
  /** The action for manual renewal. */
  automate: string;
  /** What a control-plane upgrade does to the certificates; none when unknown. */
  onUpgrade?: string;
  /** The action when no upgrade renewed them for a year. */
  renewWithoutUpgrade: string;
  /** Ends the sentence about a recent upgrade: what it did to the certificates. */
  afterUpgrade: string;
}

const KUBEADM_RENEW =
  'kubeadm certs renew all on each control-plane node, then restart the static control-plane pods';

const CERTIFICATE_REMEDIES: Readonly<Record<RemedyStyle, CertificateRemedies>> =
  {
    kubeadm: {
      renewNow: `Renew the certificates now: ${KUBEADM_RENEW} (kube-apiserver, kube-controller-manager, kube-scheduler, etcd).`,
      how: KUBEADM_RENEW,
      automate:
        'Automate renewal: a scheduled kubeadm certs renew all on every control-plane node, or at least one control-plane upgrade a year, plus an alert on expiry.',
      onUpgrade:
        'kubeadm renews the certificates on every control-plane upgrade and issues them for one year',
      renewWithoutUpgrade:
        'Upgrade the control plane (kubeadm upgrade apply renews its certificates) or run kubeadm certs renew all on each control-plane node.',
      afterUpgrade: 'which renewed its certificates',
    },
    kops: {
      renewNow:
        'Renew the certificates now by replacing the control-plane nodes: kops rolling-update cluster --instance-group-roles=control-plane --force --yes (with --cloudonly if the API no longer answers).',
      how: 'kops rolling-update cluster --instance-group-roles=control-plane --force --yes; new control-plane nodes get new certificates',
      automate:
        'Automate renewal: replace the control-plane nodes on a schedule (a forced kops rolling update) or upgrade at least once a year, plus an alert on expiry.',
      onUpgrade:
        'kops reissues most control-plane certificates when an upgrade rolls the control-plane nodes',
      renewWithoutUpgrade:
        'Upgrade with kops (the rolling update replaces the control-plane nodes) or force a rolling update of the control-plane nodes.',
      afterUpgrade:
        'and its rolling update reissued most control-plane certificates',
    },
    kubespray: {
      renewNow: `Renew the certificates now: ${KUBEADM_RENEW} (kubespray installs with kubeadm); then set auto_renew_certificates: true.`,
      how: KUBEADM_RENEW,
      automate:
        'Automate renewal: set auto_renew_certificates: true in the inventory and run cluster.yml (a monthly timer on each control-plane node), plus an alert on expiry.',
      onUpgrade:
        'kubespray upgrades through kubeadm, which renews the certificates on every control-plane upgrade and issues them for one year',
      renewWithoutUpgrade:
        'Upgrade with upgrade-cluster.yml (kubeadm renews the certificates on the way) or run kubeadm certs renew all on each control-plane node.',
      afterUpgrade: 'which renewed its certificates',
    },
    generic: {
      renewNow:
        'Renew the control-plane certificates now on every control-plane node, then restart the control-plane components.',
      automate:
        'Automate renewal (a scheduled renewal on every control-plane node, or at least one control-plane upgrade a year) and alert on expiry.',
      renewWithoutUpgrade:
        'Upgrade the control plane or renew its certificates explicitly.',
      afterUpgrade: 'within the last year',
    },
  };

/** Certificate remedies for a style. */
export function certificateRemedies(style: RemedyStyle): CertificateRemedies {
  return CERTIFICATE_REMEDIES[style];
}

/** Action when snapshots are further apart than the recovery-point objective. */
export function etcdIntervalAction(style: RemedyStyle, rpo: string): string {
  switch (style) {
    case 'kops':
      return `Back up etcd at least every ${rpo}: kops runs etcd-manager, which writes backups to the state store every 15 minutes by default; check its settings and that backups arrive (etcd-manager-ctl list-backups).`;
    case 'kubeadm':
    case 'kubespray':
      return `Snapshot etcd at least every ${rpo}: etcdctl snapshot save on a timer, with copies kept off the control-plane nodes.`;
    default:
      return `Snapshot etcd at least every ${rpo} (etcdctl snapshot save, or the provisioner's backup schedule).`;
  }
}

/** Action when backups look stopped. */
export function etcdStoppedAction(style: RemedyStyle): string {
  switch (style) {
    case 'kops':
      return 'Find out why etcd-manager stopped writing backups to the state store (etcd-manager-ctl list-backups shows the latest); without a recent backup the cluster cannot be rebuilt after losing etcd.';
    case 'kubeadm':
    case 'kubespray':
      return 'Find out why etcd snapshots stopped and take one now (etcdctl snapshot save); a cluster without a recent snapshot cannot be rebuilt after losing etcd.';
    default:
      return 'Find out why etcd snapshots stopped and take one now; a cluster without a recent snapshot cannot be rebuilt after losing etcd.';
  }
}
