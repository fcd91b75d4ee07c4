import {
  ANNOTATION_KUBERNETES_VERSION,
  ANNOTATION_OLDEST_NODE_VERSION,
} from '../../annotations';
import { KubernetesVersion } from '../../parse/values';
import { Obligation } from '../types';
import { remedyStyle, upgradeAction } from './provisioners';
import {
  Checks,
  DAY_MS,
  HOURS_PER_MONTH,
  ObligationContext,
  plural,
  usd,
  wholeDays,
} from './shared';

/** At most this many upgrade steps are spelled out; the rest is counted. */
export const MAX_LISTED_UPGRADE_STEPS = 6;

/**
 * The minors to pass through, `1.31 -> 1.32 -> 1.33`, listing at most
 * {@link MAX_LISTED_UPGRADE_STEPS} steps before eliding to the target.
 */
export function upgradePath(fromMinor: number, toMinor: number): string {
  const steps = toMinor - fromMinor;
  const listed = Math.max(0, Math.min(steps, MAX_LISTED_UPGRADE_STEPS));
  const versions: string[] = [];
  for (let step = 0; step <= listed; step++) {
    versions.push(`1.${fromMinor + step}`);
  }
  if (steps > listed) versions.push('...', `1.${toMinor}`);
  return versions.join(' -> ');
}

function versionText(version: KubernetesVersion): string {
  return version.patch !== undefined
    ? `${version.minorVersion}.${version.patch}`
    : version.minorVersion;
}

/** The newest minor released by `now`, on the calendar that applies. */
function newestMinor(ctx: ObligationContext): number | undefined {
  const { knowledge, nowMs } = ctx;
  let newest: number | undefined;
  if (ctx.controlPlane === 'eks') {
    for (const release of knowledge.eksSorted) {
      if (release.releasedMs <= nowMs) newest = release.minor;
    }
  } else {
    for (const release of knowledge.confirmedKubernetes) {
      if (release.gaMs <= nowMs) newest = release.minor;
    }
  }
  return newest;
}

/** EKS support calendar and its cost; returns the due date. */
function checkEksSupport(
  ctx: ObligationContext,
  checks: Checks,
  version: KubernetesVersion,
): string | null {
  const { knowledge, nowMs, options } = ctx;
  const name = `EKS ${version.minorVersion}`;
  const compiled = knowledge.eks.get(version.minor);
  const known = knowledge.eksSorted;
  if (!compiled) {
    const oldest = known[0];
    if (oldest && version.minor < oldest.minor) {
      checks.evidence('knowledge:oldest-eks-minor', oldest.release.minor);
      checks.add(
        'critical',
        `${name} is older than every EKS version in the knowledge base (the oldest, ${oldest.release.minor}, left extended support on ${oldest.release.endOfExtendedSupport}): it is out of support, and AWS upgrades such control planes by itself.`,
        `Check the version the cluster really runs (aws eks describe-cluster) and correct ${ANNOTATION_KUBERNETES_VERSION}; AWS may already have upgraded the control plane without its nodes and add-ons.`,
      );
      return null;
    }
    const newestKnown = known[known.length - 1];
    const newer = !newestKnown || version.minor > newestKnown.minor;
    checks.add(
      'unknown',
      newer
        ? `${name} is newer than every EKS version in the knowledge base (as of ${knowledge.knowledgeBase.asOf}), so its support dates are unknown.`
        : `${name} is not in the knowledge base (as of ${knowledge.knowledgeBase.asOf}).`,
      `Add EKS ${version.minorVersion} to orchestration.knowledgeBase.eksReleases with its support dates.`,
    );
    return null;
  }

  const { release } = compiled;
  const standard =
    knowledge.knowledgeBase.costs.eksStandardPerClusterHourUsd.value;
  const extended =
    knowledge.knowledgeBase.costs.eksExtendedPerClusterHourUsd.value;
  const extraPerMonth = Math.round((extended - standard) * HOURS_PER_MONTH);
  checks
    .evidence(
      'knowledge:eks-end-of-standard-support',
      release.endOfStandardSupport,
    )
    .evidence(
      'knowledge:eks-end-of-extended-support',
      release.endOfExtendedSupport,
    );

  if (nowMs >= compiled.endOfExtendedMs) {
    checks.add(
      'critical',
      `Extended support for ${name} ended on ${release.endOfExtendedSupport}; AWS upgrades such control planes on its own schedule and leaves nodes and add-ons behind.`,
    );
    return release.endOfExtendedSupport;
  }
  if (nowMs >= compiled.endOfStandardMs) {
    checks.evidence(
      'knowledge:eks-extended-support-price',
      `${usd(extended)} vs ${usd(standard)} per cluster-hour`,
    );
    const price = `${usd(extended)} instead of ${usd(
      standard,
    )} per hour (about $${extraPerMonth} more per cluster per month)`;
    const leftMs = compiled.endOfExtendedMs - nowMs;
    const criticalMs =
      options.thresholds.eksExtendedSupportCriticalDays * DAY_MS;
    if (leftMs <= criticalMs) {
      checks.add(
        'critical',
        `Extended support for ${name} ends on ${
          release.endOfExtendedSupport
        }, in ${plural(
          wholeDays(leftMs),
          'day',
        )}: AWS then upgrades the control plane by itself (a forced upgrade) and leaves nodes and add-ons behind. Until then it costs ${price}.`,
      );
    } else {
      checks.add(
        'warning',
        `${name} is in extended support since ${release.endOfStandardSupport}: the control plane costs ${price} until ${release.endOfExtendedSupport}.`,
      );
    }
    return release.endOfExtendedSupport;
  }
  const leftMs = compiled.endOfStandardMs - nowMs;
  checks.add(
    leftMs <= options.thresholds.upgradeWarningDays * DAY_MS ? 'warning' : 'ok',
    `Standard support for ${name} ends on ${
      release.endOfStandardSupport
    }, in ${plural(
      wholeDays(leftMs),
      'day',
    )}; after that extended support costs ${usd(extended)} instead of ${usd(
      standard,
    )} per cluster-hour.`,
  );
  return release.endOfStandardSupport;
}

/** Upstream Kubernetes support calendar; returns the due date. */
function checkUpstreamSupport(
  ctx: ObligationContext,
  checks: Checks,
  version: KubernetesVersion,
): string | null {
  const { knowledge, nowMs, options } = ctx;
  const name = `Kubernetes ${version.minorVersion}`;
  const release = knowledge.kubernetes.get(version.minor);
  const oldestKnown = knowledge.confirmedKubernetes[0];
  if (release?.endOfLifeMs !== undefined && release.endOfLife) {
    checks.evidence('knowledge:kubernetes-end-of-life', release.endOfLife);
    if (nowMs >= release.endOfLifeMs) {
      checks.add(
        'critical',
        `${name} reached end of life on ${release.endOfLife} and gets no more security patches.`,
      );
    } else {
      const leftMs = release.endOfLifeMs - nowMs;
      checks.add(
        leftMs <= options.thresholds.upgradeWarningDays * DAY_MS
          ? 'warning'
          : 'ok',
        `${name} is supported until ${release.endOfLife} (${plural(
          wholeDays(leftMs),
          'day',
        )} left).`,
      );
    }
    return release.endOfLife;
  }
  if (oldestKnown && version.minor < oldestKnown.minor) {
    checks.add(
      'critical',
      `${name} is older than every release in the knowledge base and long out of support.`,
    );
    return null;
  }
  checks.add(
    'unknown',
    `${name} has no end-of-life date in the knowledge base (as of ${knowledge.knowledgeBase.asOf}).`,
    `Add ${version.minorVersion} with its dates to orchestration.knowledgeBase.kubernetesReleases.`,
  );
  return null;
}

/** Sequential upgrades from the running minor to the newest. */
function checkUpgradePath(
  ctx: ObligationContext,
  checks: Checks,
  running: number,
  newest: number,
) {
  const behind = newest - running;
  const style = remedyStyle(ctx);
  if (style !== 'generic') checks.shapedBy(style);
  checks.add(
    behind >= 2 ? 'warning' : 'ok',
    `It is ${plural(
      behind,
      'minor',
    )} behind 1.${newest}; the control plane moves one minor at a time, so that is ${plural(
      behind,
      'upgrade',
    )}.`,
    upgradeAction(style, upgradePath(running, newest), plural(behind, 'step')),
  );
}

/** Kubelet skew against the API server, now and after the next step. */
function checkNodeSkew(
  ctx: ObligationContext,
  checks: Checks,
  version: KubernetesVersion,
  newest: number | undefined,
) {
  const oldest = ctx.facts.oldestNodeVersion;
  const skew = ctx.knowledge.knowledgeBase.versionSkew;
  if (!oldest) {
    checks.missing(
      ANNOTATION_OLDEST_NODE_VERSION,
      version.minorVersion,
      'node version skew',
    );
    return;
  }
  checks.evidence(ANNOTATION_OLDEST_NODE_VERSION, oldest.minorVersion);
  const running = version.minor;
  const maxBehind = skew.kubeletMaxMinorsBehind;
  const sinceMinor = Number(maxBehind.sinceMinor.split('.')[1]);
  const allowed = running >= sinceMinor ? maxBehind.value : maxBehind.before;
  const gap = running - oldest.minor;
  const withinSkew = `Kubelets at ${oldest.minorVersion} are within the supported skew.`;
  if (gap < 0) {
    checks.add(
      'critical',
      `Nodes at ${oldest.minorVersion} are newer than the API server at ${version.minorVersion}, which the skew policy never allows.`,
      'Upgrade the control plane to at least the node version, or roll the newer nodes back.',
    );
    return;
  }
  if (gap > allowed) {
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
    return;
  }
  if (newest === undefined || newest <= running) {
    checks.add('ok', withinSkew);
    return;
  }
  // Before the control plane moves to N+1, kubelets must stay within policy;
  // the upgrade guide's prerequisite is stricter (N or N-1).
  const next = running + 1;
  const conservative = skew.conservativeKubeletMaxMinorsBehind.value;
  if (next - oldest.minor > maxBehind.value) {
    checks.add(
      'critical',
      `Upgrading the control plane to 1.${next} would leave kubelets at ${oldest.minorVersion} outside the supported skew.`,
      `Upgrade nodes to at least 1.${
        next - maxBehind.value
      } before upgrading the control plane.`,
    );
  } else if (oldest.minor < running - conservative) {
    checks.add(
      'warning',
      `Kubelets at ${oldest.minorVersion} are within the n-${
        maxBehind.value
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
    checks.add('ok', withinSkew);
  }
}

/**
 * `kubernetes-upgrades`: support dates of the running minor (the EKS calendar
 * and its extended-support cost on EKS, the upstream one elsewhere), the
 * sequential upgrades to the newest minor, and node skew.
 */
export function upgradesObligation(ctx: ObligationContext): Obligation {
  const checks = new Checks(ctx.sources);
  const version = ctx.facts.kubernetesVersion;
  if (!version) {
    checks.missing(
      ANNOTATION_KUBERNETES_VERSION,
      '1.30.6',
      'upgrades and support dates',
    );
    return checks.build('kubernetes-upgrades', null);
  }
  checks.evidence(ANNOTATION_KUBERNETES_VERSION, versionText(version));
  const newest = newestMinor(ctx);
  if (newest !== undefined) {
    checks.evidence(
      ctx.controlPlane === 'eks'
        ? 'knowledge:newest-eks-minor'
        : 'knowledge:newest-kubernetes-minor',
      `1.${newest}`,
    );
  }
  const due =
    ctx.controlPlane === 'eks'
      ? checkEksSupport(ctx, checks, version)
      : checkUpstreamSupport(ctx, checks, version);
  if (newest !== undefined && newest > version.minor) {
    checkUpgradePath(ctx, checks, version.minor, newest);
  }
  checkNodeSkew(ctx, checks, version, newest);
  return checks.build('kubernetes-upgrades', due);
}
