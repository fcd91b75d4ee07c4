import { ReportableClusterFactName } from './keys';

const HOUR = 60;
const DAY = 24 * HOUR;

/**
 * How long a reported cluster fact is trusted, in minutes, per fact name.
 * Past its limit a report is stale: it is not used, and the checks that need
 * the fact are `unknown` (the annotation does not stand in for it).
 *
 * The defaults follow how fast each fact changes and how often automation
 * can be expected to report it; see the common package README for the
 * reasoning behind each.
 *
 * @public
 */
export const DEFAULT_CLUSTER_FACT_FRESHNESS_MINUTES: Readonly<
  Record<ReportableClusterFactName, number>
> = {
  // Versions move only with upgrades and node replacements; a daily or
  // weekly collector with a missed run stays within a week.
  'kubernetes-version': 7 * DAY,
  'oldest-node-version': 7 * DAY,
  'etcd-members': 7 * DAY,
  // The expiry date itself is absolute; a week leaves a weekly collector one
  // missed run and keeps a renewal from going unseen for longer.
  'cert-expiry': 7 * DAY,
  // The backup's age is judged by the etcd obligation itself (critical after
  // twice the expected interval); a day keeps that alarm in view before the
  // report is called stale.
  'etcd-last-backup': DAY,
  // Pod IP use moves with every deployment and scale-out.
  'pod-ip-capacity': DAY,
  // Set-up facts that change with the cluster's design, rarely.
  provisioner: 30 * DAY,
  'etcd-backup-interval': 30 * DAY,
  'cert-rotation': 30 * DAY,
  'last-upgrade': 30 * DAY,
  cni: 30 * DAY,
  'control-plane-monitoring': 30 * DAY,
};

/**
 * The most a report's `observedAt` may lie ahead of the clock that checks
 * it, for reporters whose clocks run slightly fast. Further ahead, a report
 * is refused when it arrives and ignored by the engine.
 *
 * @public
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
