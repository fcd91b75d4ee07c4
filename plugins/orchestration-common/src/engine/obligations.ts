import {
  ANNOTATION_CERT_EXPIRY,
  ANNOTATION_CERT_ROTATION,
  ANNOTATION_CLUSTER,
  ANNOTATION_CNI,
  ANNOTATION_CONTROL_PLANE,
  ANNOTATION_CONTROL_PLANE_MONITORING,
  ANNOTATION_CURRENT_PLATFORM,
  ANNOTATION_ETCD_BACKUP_INTERVAL,
  ANNOTATION_ETCD_LAST_BACKUP,
  ANNOTATION_ETCD_MEMBERS,
  ANNOTATION_KUBERNETES_VERSION,
  ANNOTATION_LAST_UPGRADE,
  ANNOTATION_OLDEST_NODE_VERSION,
  ANNOTATION_POD_IP_CAPACITY,
  CONTROL_PLANE_SIGNALS,
  ControlPlaneKind,
  ControlPlaneSignal,
} from '../annotations';
import { OrchestrationOptions } from '../config';
import { CompiledKnowledge } from '../knowledge/knowledgeBase';
import { ClusterOrchestrationFacts } from '../parse/annotations';
import { Evidence, Obligation, ObligationStatus } from './types';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HOURS_PER_MONTH = 730;

const TITLES = {
  'kubernetes-upgrades': 'Kubernetes upgrades',
  'etcd-backups': 'etcd backups',
  'certificate-rotation': 'Certificate rotation',
  'cni-ip-capacity': 'Pod IP capacity',
  'control-plane-monitoring': 'Control-plane monitoring',
} as const;

const SIGNAL_WORDS: Record<ControlPlaneSignal, string> = {
  'apiserver-latency': 'API server latency',
  'etcd-disk': 'etcd disk latency',
  'scheduler-queue': 'scheduler queue',
  'controller-sync': 'controller-manager sync',
};

/** Severity order used to combine checks: the worst one wins. */
const RANK: Record<ObligationStatus, number> = {
  'not-applicable': 0,
  ok: 1,
  unknown: 2,
  warning: 3,
  critical: 4,
};

function worst(statuses: ObligationStatus[]): ObligationStatus {
  let result: ObligationStatus = 'ok';
  for (const status of statuses)
    if (RANK[status] > RANK[result]) result = status;
  return result;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function wholeDays(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/**
 * Everything an obligation needs to be computed.
 *
 * @internal
 */
export interface ObligationContext {
  nowMs: number;
  options: OrchestrationOptions;
  knowledge: CompiledKnowledge;
  clusterRef: string;
  controlPlane: ControlPlaneKind;
  facts: ClusterOrchestrationFacts;
}

class Checks {
  statuses: ObligationStatus[] = [];
  evidence: Evidence[] = [];
  actions: string[] = [];
  notes: string[] = [];
  add(status: ObligationStatus, note?: string, action?: string) {
    this.statuses.push(status);
    if (note) this.notes.push(note);
    if (action) this.actions.push(action);
  }
  missing(key: string, example: string, purpose: string) {
    this.statuses.push('unknown');
    this.actions.push(
      `Add ${key} (e.g. ${example}) to the cluster so ${purpose} can be checked.`,
    );
  }
}

function build(
  id: Obligation['id'],
  checks: Checks,
  due: string | null,
  lead?: string,
): Obligation {
  const status = worst(checks.statuses);
  const notes = lead ? [lead, ...checks.notes] : checks.notes;
  return {
    id,
    title: TITLES[id],
    status,
    hypothetical: false,
    due,
    summary:
      notes.length > 0
        ? notes.join(' ')
        : 'Not enough information yet; add the annotations named in the actions.',
    evidence: checks.evidence,
    actions: checks.actions,
  };
}

function upgradePath(fromMinor: number, toMinor: number): string {
  const steps: string[] = [];
  for (let minor = fromMinor; minor <= toMinor; minor++)
    steps.push(`1.${minor}`);
  return steps.join(' -> ');
}

/** kubernetes-upgrades */
export function upgradesObligation(ctx: ObligationContext): Obligation {
  const { facts, knowledge, nowMs, options } = ctx;
  const checks = new Checks();
  const version = facts.kubernetesVersion;
  if (!version) {
    checks.missing(
      ANNOTATION_KUBERNETES_VERSION,
      '1.30.6',
      'upgrades and support dates',
    );
    return build('kubernetes-upgrades', checks, null);
  }
  const versionText = `${version.minorVersion}${
    version.patch !== undefined ? `.${version.patch}` : ''
  }`;
  checks.evidence.push({
    key: ANNOTATION_KUBERNETES_VERSION,
    value: versionText,
  });
  const running = version.minor;
  const warnMs = options.thresholds.upgradeWarningDays * DAY_MS;
  const eksCalendar = ctx.controlPlane === 'eks';
  let due: string | null = null;

  // The newest minor the cluster should reach.
  let newest: number | undefined;
  if (eksCalendar) {
    for (const release of knowledge.eksSorted) {
      if (release.releasedMs <= nowMs) newest = release.minor;
    }
  } else {
    for (const release of knowledge.confirmedKubernetes) {
      if (release.gaMs <= nowMs) newest = release.minor;
    }
  }
  if (newest !== undefined) {
    checks.evidence.push({
      key: eksCalendar
        ? 'knowledge:newest-eks-minor'
        : 'knowledge:newest-kubernetes-minor',
      value: `1.${newest}`,
    });
  }

  if (eksCalendar) {
    const release = knowledge.eks.get(running);
    if (!release) {
      checks.add(
        'unknown',
        `EKS ${version.minorVersion} is not in the knowledge base (as of ${knowledge.knowledgeBase.asOf}).`,
        `Add EKS ${version.minorVersion} to orchestration.knowledgeBase.eksReleases with its support dates.`,
      );
    } else {
      const costs = knowledge.knowledgeBase.costs;
      const standard = costs.eksStandardPerClusterHourUsd.value;
      const extended = costs.eksExtendedPerClusterHourUsd.value;
      const extraPerMonth = Math.round((extended - standard) * HOURS_PER_MONTH);
      checks.evidence.push(
        {
          key: 'knowledge:eks-end-of-standard-support',
          value: release.release.endOfStandardSupport,
        },
        {
          key: 'knowledge:eks-end-of-extended-support',
          value: release.release.endOfExtendedSupport,
        },
      );
      if (nowMs >= release.endOfExtendedMs) {
        due = release.release.endOfExtendedSupport;
        checks.add(
          'critical',
          `Extended support for EKS ${version.minorVersion} ended on ${release.release.endOfExtendedSupport}; AWS upgrades such control planes on its own schedule and leaves nodes and add-ons behind.`,
        );
      } else if (nowMs >= release.endOfStandardMs) {
        due = release.release.endOfExtendedSupport;
        checks.evidence.push({
          key: 'knowledge:eks-extended-support-price',
          value: `$${extended.toFixed(2)} vs $${standard.toFixed(
            2,
          )} per cluster-hour`,
        });
        checks.add(
          'warning',
          `EKS ${version.minorVersion} is in extended support since ${
            release.release.endOfStandardSupport
          }: the control plane costs $${extended.toFixed(
            2,
          )} instead of $${standard.toFixed(
            2,
          )} per hour (about $${extraPerMonth} more per cluster per month) until ${
            release.release.endOfExtendedSupport
          }.`,
        );
      } else {
        due = release.release.endOfStandardSupport;
        const left = wholeDays(release.endOfStandardMs - nowMs);
        checks.add(
          release.endOfStandardMs - nowMs <= warnMs ? 'warning' : 'ok',
          `Standard support for EKS ${version.minorVersion} ends on ${
            release.release.endOfStandardSupport
          }, in ${plural(
            left,
            'day',
          )}; after that extended support costs $${extended.toFixed(
            2,
          )} instead of $${standard.toFixed(2)} per cluster-hour.`,
        );
      }
    }
  } else {
    const release = knowledge.kubernetes.get(running);
    const oldestKnown = knowledge.confirmedKubernetes[0];
    if (release?.endOfLifeMs !== undefined && release.endOfLife) {
      due = release.endOfLife;
      checks.evidence.push({
        key: 'knowledge:kubernetes-end-of-life',
        value: release.endOfLife,
      });
      if (nowMs >= release.endOfLifeMs) {
        checks.add(
          'critical',
          `Kubernetes ${version.minorVersion} reached end of life on ${release.endOfLife} and gets no more security patches.`,
        );
      } else {
        const left = wholeDays(release.endOfLifeMs - nowMs);
        checks.add(
          release.endOfLifeMs - nowMs <= warnMs ? 'warning' : 'ok',
          `Kubernetes ${version.minorVersion} is supported until ${
            release.endOfLife
          } (${plural(left, 'day')} left).`,
        );
      }
    } else if (oldestKnown && running < oldestKnown.minor) {
      checks.add(
        'critical',
        `Kubernetes ${version.minorVersion} is older than every release in the knowledge base and long out of support.`,
      );
    } else {
      checks.add(
        'unknown',
        `Kubernetes ${version.minorVersion} has no end-of-life date in the knowledge base (as of ${knowledge.knowledgeBase.asOf}).`,
        `Add ${version.minorVersion} with its dates to orchestration.knowledgeBase.kubernetesReleases.`,
      );
    }
  }

  if (newest !== undefined && newest > running) {
    const behind = newest - running;
    checks.add(
      behind >= 2 ? 'warning' : 'ok',
      `It is ${plural(
        behind,
        'minor',
      )} behind ${`1.${newest}`}; the control plane moves one minor at a time, so that is ${plural(
        behind,
        'upgrade',
      )}.`,
      `Upgrade the control plane one minor at a time: ${upgradePath(
        running,
        newest,
      )} (${plural(
        behind,
        'step',
      )}; no skipping), upgrading nodes before each next step.`,
    );
  }

  const oldest = facts.oldestNodeVersion;
  const skew = knowledge.knowledgeBase.versionSkew;
  if (!oldest) {
    checks.missing(
      ANNOTATION_OLDEST_NODE_VERSION,
      `${version.minorVersion}`,
      'node version skew',
    );
  } else {
    checks.evidence.push({
      key: ANNOTATION_OLDEST_NODE_VERSION,
      value: oldest.minorVersion,
    });
    const sinceMinor = Number(
      skew.kubeletMaxMinorsBehind.sinceMinor.split('.')[1],
    );
    const allowed =
      running >= sinceMinor
        ? skew.kubeletMaxMinorsBehind.value
        : skew.kubeletMaxMinorsBehind.before;
    const gap = running - oldest.minor;
    if (gap < 0) {
      checks.add(
        'critical',
        `Nodes at ${oldest.minorVersion} are newer than the API server at ${version.minorVersion}, which the skew policy never allows.`,
        'Upgrade the control plane to at least the node version, or roll the newer nodes back.',
      );
    } else if (gap > allowed) {
      checks.add(
        'critical',
        `The oldest kubelet (${oldest.minorVersion}) is ${plural(
          gap,
          'minor',
        )} behind the API server; at most ${allowed} is supported.`,
        `Upgrade or replace nodes older than 1.${
          running - allowed
        } before anything else.`,
      );
    } else if (newest !== undefined && newest > running) {
      // Before moving the control plane to N+1, kubelets must stay within
      // policy; the upgrade guide's prerequisite is stricter (N or N-1).
      const next = running + 1;
      const conservative = skew.conservativeKubeletMaxMinorsBehind.value;
      if (next - oldest.minor > skew.kubeletMaxMinorsBehind.value) {
        checks.add(
          'critical',
          `Upgrading the control plane to 1.${next} would leave kubelets at ${oldest.minorVersion} outside the supported skew.`,
          `Upgrade nodes to at least 1.${
            next - skew.kubeletMaxMinorsBehind.value
          } before upgrading the control plane.`,
        );
      } else if (oldest.minor < running - conservative) {
        checks.add(
          'warning',
          `Kubelets at ${oldest.minorVersion} are within the n-${
            skew.kubeletMaxMinorsBehind.value
          } skew policy, but the upgrade guide asks for nodes at ${
            version.minorVersion
          } or 1.${
            running - conservative
          } before the control plane moves to 1.${next}.`,
          `Upgrade or drain nodes older than 1.${
            running - conservative
          } before upgrading the control plane to 1.${next}.`,
        );
      } else {
        checks.add(
          'ok',
          `Kubelets at ${oldest.minorVersion} are within the supported skew.`,
        );
      }
    } else {
      checks.add(
        'ok',
        `Kubelets at ${oldest.minorVersion} are within the supported skew.`,
      );
    }
  }
  return build('kubernetes-upgrades', checks, due);
}

/** etcd-backups */
export function etcdObligation(ctx: ObligationContext): Obligation {
  const { facts, nowMs, options, knowledge } = ctx;
  if (ctx.controlPlane !== 'self-managed') {
    return notApplicable(
      'etcd-backups',
      `The ${ctx.controlPlane.toUpperCase()} control plane runs and backs up etcd for you.`,
      ctx,
    );
  }
  const checks = new Checks();
  const rpo = options.thresholds.recoveryPointObjectiveMinutes;
  const interval = facts.etcdBackupInterval;
  let due: string | null = null;
  if (!interval) {
    checks.missing(
      ANNOTATION_ETCD_BACKUP_INTERVAL,
      '15m',
      'the backup interval',
    );
  } else {
    checks.evidence.push({
      key: ANNOTATION_ETCD_BACKUP_INTERVAL,
      value: interval.text,
    });
    if (interval.minutes > rpo) {
      checks.add(
        'warning',
        `Snapshots every ${interval.text} can lose up to ${
          interval.text
        } of cluster state, more than the ${formatMinutes(
          rpo,
        )} recovery-point objective.`,
        `Snapshot etcd at least every ${formatMinutes(
          rpo,
        )} (etcdctl snapshot save, or the provisioner's backup schedule).`,
      );
    } else {
      checks.add(
        'ok',
        `Snapshots every ${interval.text} meet the ${formatMinutes(
          rpo,
        )} recovery-point objective.`,
      );
    }
  }
  const last = facts.etcdLastBackup;
  if (!last) {
    checks.missing(
      ANNOTATION_ETCD_LAST_BACKUP,
      '2026-11-27T23:45:00Z',
      'whether backups are still running',
    );
  } else {
    checks.evidence.push({ key: ANNOTATION_ETCD_LAST_BACKUP, value: last.iso });
    const ageMs = nowMs - last.epochMs;
    const expectedMinutes = Math.max(rpo, interval?.minutes ?? rpo);
    const staleMinutes =
      expectedMinutes * options.thresholds.etcdBackupStaleFactor;
    due = new Date(
      last.epochMs +
        (interval ? Math.min(interval.minutes, rpo) : rpo) * MINUTE_MS,
    ).toISOString();
    if (ageMs < 0) {
      checks.add(
        'warning',
        `The last backup is dated in the future (${last.iso}).`,
        'Check the clock or the value of the last-backup annotation.',
      );
    } else if (ageMs > staleMinutes * MINUTE_MS) {
      checks.add(
        'critical',
        `The last backup is ${formatAge(ageMs)} old, more than ${
          options.thresholds.etcdBackupStaleFactor
        } times the expected ${formatMinutes(
          expectedMinutes,
        )}; backups look stopped.`,
        'Find out why etcd snapshots stopped and take one now; a cluster without a recent snapshot cannot be rebuilt after losing etcd.',
      );
    } else {
      checks.add('ok', `The last backup is ${formatAge(ageMs)} old.`);
    }
  }
  const members = facts.etcdMembers;
  const etcd = knowledge.knowledgeBase.etcd;
  if (members === undefined) {
    checks.missing(ANNOTATION_ETCD_MEMBERS, '3', 'etcd fault tolerance');
  } else {
    checks.evidence.push({
      key: ANNOTATION_ETCD_MEMBERS,
      value: String(members),
    });
    const tolerated = Math.floor((members - 1) / 2);
    if (members === 1) {
      checks.add(
        'critical',
        'A single etcd member tolerates no failure: losing it loses the cluster state.',
        `Run ${etcd.minimumMembers.value} or ${etcd.recommendedMembers.value} etcd members.`,
      );
    } else if (members % 2 === 0) {
      checks.add(
        'warning',
        `${members} etcd members tolerate ${plural(
          tolerated,
          'failure',
        )}, no more than ${
          members - 1
        } would; an even count adds risk without adding tolerance.`,
        `Use an odd member count (${members - 1} or ${members + 1}).`,
      );
    } else if (members > etcd.maximumMembers.value) {
      checks.add(
        'warning',
        `${members} etcd members slow every write; etcd advises at most ${etcd.maximumMembers.value}.`,
        `Shrink etcd to ${etcd.recommendedMembers.value} members.`,
      );
    } else {
      checks.add(
        'ok',
        `${members} etcd members tolerate ${plural(tolerated, 'failure')}.`,
      );
    }
  }
  return build('etcd-backups', checks, due);
}

function formatAge(ms: number): string {
  const minutes = Math.floor(ms / MINUTE_MS);
  if (minutes < 120) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

/** certificate-rotation */
export function certificateObligation(ctx: ObligationContext): Obligation {
  const { facts, nowMs, options, knowledge } = ctx;
  if (ctx.controlPlane !== 'self-managed') {
    return notApplicable(
      'certificate-rotation',
      `The ${ctx.controlPlane.toUpperCase()} control plane issues and renews its own certificates.`,
      ctx,
    );
  }
  const checks = new Checks();
  const { certificateWarningDays, certificateCriticalDays } =
    options.thresholds;
  const maxDaysWithoutUpgrade =
    knowledge.knowledgeBase.certificates.maxDaysWithoutUpgrade.value;
  let due: string | null = null;
  const expiry = facts.certExpiry;
  if (!expiry) {
    checks.missing(ANNOTATION_CERT_EXPIRY, '2027-03-01', 'certificate expiry');
  } else {
    checks.evidence.push({ key: ANNOTATION_CERT_EXPIRY, value: expiry.iso });
    due = expiry.iso;
    const daysLeft = wholeDays(expiry.epochMs - nowMs);
    if (expiry.epochMs <= nowMs) {
      checks.add(
        'critical',
        `The earliest control-plane certificate expired on ${expiry.iso}; components fail to authenticate to each other.`,
        'Renew the certificates now (kubeadm certs renew all on each control-plane node) and restart the control-plane components.',
      );
    } else if (daysLeft <= certificateCriticalDays) {
      checks.add(
        'critical',
        `The earliest control-plane certificate expires in ${plural(
          daysLeft,
          'day',
        )} (${expiry.iso}).`,
        'Renew the control-plane certificates this week.',
      );
    } else if (daysLeft <= certificateWarningDays) {
      checks.add(
        'warning',
        `The earliest control-plane certificate expires in ${plural(
          daysLeft,
          'day',
        )} (${expiry.iso}), inside the ${certificateWarningDays}-day window.`,
        `Renew the control-plane certificates before ${expiry.iso}.`,
      );
    } else {
      checks.add(
        'ok',
        `The earliest control-plane certificate expires in ${plural(
          daysLeft,
          'day',
        )}.`,
      );
    }
  }
  const rotation = facts.certRotation;
  if (!rotation) {
    checks.missing(
      ANNOTATION_CERT_ROTATION,
      'automated',
      'how certificates are renewed',
    );
  } else {
    checks.evidence.push({ key: ANNOTATION_CERT_ROTATION, value: rotation });
    if (rotation === 'manual') {
      checks.add(
        'warning',
        'Renewal is manual, so one forgotten date takes the control plane down.',
        'Automate renewal: a scheduled kubeadm certs renew (on every control-plane node) or at least one control-plane upgrade a year, plus an alert on expiry.',
      );
    } else {
      checks.add('ok', 'Renewal is automated.');
    }
  }
  const lastUpgrade = facts.lastUpgrade;
  if (!lastUpgrade) {
    checks.missing(ANNOTATION_LAST_UPGRADE, '2026-06-15', 'renewal by upgrade');
  } else {
    checks.evidence.push({
      key: ANNOTATION_LAST_UPGRADE,
      value: lastUpgrade.iso,
    });
    const since = wholeDays(nowMs - lastUpgrade.epochMs);
    const renewBy = lastUpgrade.epochMs + maxDaysWithoutUpgrade * DAY_MS;
    if (due === null) due = isoDay(renewBy);
    if (since > maxDaysWithoutUpgrade) {
      checks.add(
        'warning',
        `No control-plane upgrade for ${plural(
          since,
          'day',
        )}; kubeadm renews certificates on each upgrade and issues them for one year, so a year without one leaves renewal to someone remembering.`,
        'Upgrade the control plane (which renews its certificates) or renew them explicitly.',
      );
    } else {
      checks.add(
        'ok',
        `The control plane was upgraded ${plural(
          since,
          'day',
        )} ago, which renewed its certificates.`,
      );
    }
  }
  return build('certificate-rotation', checks, due);
}

/** cni-ip-capacity */
export function cniObligation(ctx: ObligationContext): Obligation {
  const { facts, options, knowledge } = ctx;
  const checks = new Checks();
  const cni = facts.cni;
  const vpcCni =
    cni === 'aws-vpc-cni' || (cni === undefined && ctx.controlPlane === 'eks');
  if (cni) checks.evidence.push({ key: ANNOTATION_CNI, value: cni });
  const capacity = facts.podIpCapacity;
  if (!capacity) {
    checks.missing(ANNOTATION_POD_IP_CAPACITY, '3800/4096', 'pod IP headroom');
  } else {
    checks.evidence.push({
      key: ANNOTATION_POD_IP_CAPACITY,
      value: `${capacity.used}/${capacity.total}`,
    });
    const percent = (capacity.used / capacity.total) * 100;
    const shown = Math.round(percent * 10) / 10;
    const headroom = capacity.total - capacity.used;
    const { podIpWarningPercent, podIpCriticalPercent } = options.thresholds;
    let status: ObligationStatus = 'ok';
    if (percent >= podIpCriticalPercent) status = 'critical';
    else if (percent >= podIpWarningPercent) status = 'warning';
    const risk = vpcCni
      ? ' With the VPC CNI every pod takes a VPC address from the node subnets, so running out stops new pods from starting.'
      : '';
    checks.add(
      status,
      `${shown}% of pod IPs are in use (${headroom} of ${
        capacity.total
      } free).${status === 'ok' ? '' : risk}`,
    );
    if (status !== 'ok') {
      if (vpcCni) {
        checks.actions.push(
          ...knowledge.knowledgeBase.vpcCni.mitigations.value.map(
            m => `To free pod IPs: ${m}.`,
          ),
        );
      } else {
        checks.actions.push(
          'Enlarge the pod CIDR or IP pools before usage reaches the limit.',
        );
      }
    }
  }
  return build('cni-ip-capacity', checks, null);
}

/** control-plane-monitoring */
export function monitoringObligation(ctx: ObligationContext): Obligation {
  const { facts, knowledge } = ctx;
  const checks = new Checks();
  const managed = ctx.controlPlane !== 'self-managed';
  const required: ControlPlaneSignal[] = managed
    ? CONTROL_PLANE_SIGNALS.filter(signal => signal !== 'etcd-disk')
    : [...CONTROL_PLANE_SIGNALS];
  const lead = managed
    ? `Partly applicable: the provider watches etcd, but API server, scheduler and controller signals still show how your workloads load the control plane.`
    : undefined;
  const monitored = facts.controlPlaneMonitoring;
  if (!monitored) {
    checks.missing(
      ANNOTATION_CONTROL_PLANE_MONITORING,
      required.join(','),
      'control-plane monitoring',
    );
    return build('control-plane-monitoring', checks, null, lead);
  }
  checks.evidence.push({
    key: ANNOTATION_CONTROL_PLANE_MONITORING,
    value: monitored.length > 0 ? monitored.join(',') : '(none)',
  });
  const absent = required.filter(signal => !monitored.includes(signal));
  const covered = required.length - absent.length;
  if (absent.length === 0) {
    checks.add(
      'ok',
      `All ${required.length} control-plane signals are monitored.`,
    );
  } else {
    checks.add(
      covered === 0 ? 'critical' : 'warning',
      `${covered} of ${
        required.length
      } control-plane signals are monitored; missing: ${absent
        .map(s => SIGNAL_WORDS[s])
        .join(', ')}.`,
    );
    for (const signal of absent) {
      const signalFacts = knowledge.knowledgeBase.monitoringSignals[signal];
      checks.actions.push(
        `Monitor ${SIGNAL_WORDS[signal]}: ${signalFacts.metrics.join(', ')} (${
          signalFacts.threshold
        }).`,
      );
    }
  }
  return build('control-plane-monitoring', checks, null, lead);
}

function notApplicable(
  id: Obligation['id'],
  summary: string,
  ctx: ObligationContext,
): Obligation {
  return {
    id,
    title: TITLES[id],
    status: 'not-applicable',
    hypothetical: false,
    due: null,
    summary,
    evidence: [{ key: ANNOTATION_CONTROL_PLANE, value: ctx.controlPlane }],
    actions: [],
  };
}

/**
 * The obligations of a cluster whose annotations are known.
 *
 * @internal
 */
export function clusterObligations(ctx: ObligationContext): Obligation[] {
  return [
    upgradesObligation(ctx),
    etcdObligation(ctx),
    certificateObligation(ctx),
    cniObligation(ctx),
    monitoringObligation(ctx),
  ];
}

/**
 * What each obligation would take on a self-managed control plane, for a
 * service that does not run on one.
 *
 * @internal
 */
export function hypotheticalObligations(
  options: OrchestrationOptions,
  currentPlatform: string | undefined,
): Obligation[] {
  const rpo = formatMinutes(options.thresholds.recoveryPointObjectiveMinutes);
  const evidence: Evidence[] = currentPlatform
    ? [{ key: ANNOTATION_CURRENT_PLATFORM, value: currentPlatform }]
    : [];
  const lead =
    currentPlatform === 'ecs-fargate' || currentPlatform === 'ecs-ec2'
      ? `On ${currentPlatform}, AWS runs the orchestration layer, so this is not the team's job.`
      : "It does not run on Kubernetes today, so this is not the team's job yet.";
  const entry = (
    id: Obligation['id'],
    summary: string,
    actions: string[],
  ): Obligation => ({
    id,
    title: TITLES[id],
    status: 'not-applicable',
    hypothetical: true,
    due: null,
    summary: `${lead} On self-managed Kubernetes it would mean ${summary}`,
    evidence: [...evidence],
    actions,
  });
  return [
    entry(
      'kubernetes-upgrades',
      'a control-plane upgrade about three times a year, one minor at a time.',
      [
        'Plan each upgrade sequentially (no skipping minors) and keep kubelets within three minors of the API server.',
      ],
    ),
    entry(
      'etcd-backups',
      `snapshotting etcd at least every ${rpo} and running an odd number of members (3 or 5).`,
      ['Schedule etcd snapshots to durable storage and rehearse a restore.'],
    ),
    entry(
      'certificate-rotation',
      'renewing one-year control-plane certificates before they expire.',
      [
        `Automate renewal and alert ${options.thresholds.certificateWarningDays} days before the earliest expiry.`,
      ],
    ),
    entry(
      'cni-ip-capacity',
      'sizing pod IP ranges; with the VPC CNI every pod takes a VPC address.',
      [
        'Plan subnet sizes, prefix delegation or a secondary CIDR before moving.',
      ],
    ),
    entry(
      'control-plane-monitoring',
      'monitoring API server latency, etcd disk latency, the scheduler queue and controller sync.',
      ['Set up alerts on the four control-plane signals.'],
    ),
  ];
}

/**
 * Obligations when the service runs on Kubernetes but its cluster cannot be
 * read: each is unknown, with what to add.
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
  const evidence: Evidence[] = clusterRef
    ? [{ key: ANNOTATION_CLUSTER, value: clusterRef }]
    : [];
  const ids: Obligation['id'][] = [
    'kubernetes-upgrades',
    'etcd-backups',
    'certificate-rotation',
    'cni-ip-capacity',
    'control-plane-monitoring',
  ];
  return ids.map(id => {
    const providerRuns =
      managed && (id === 'etcd-backups' || id === 'certificate-rotation');
    return {
      id,
      title: TITLES[id],
      status: providerRuns ? 'not-applicable' : 'unknown',
      hypothetical: false,
      due: null,
      summary: providerRuns
        ? 'On EKS, AWS runs etcd and the control-plane certificates.'
        : summary,
      evidence: [...evidence],
      actions: providerRuns ? [] : [action],
    };
  });
}
