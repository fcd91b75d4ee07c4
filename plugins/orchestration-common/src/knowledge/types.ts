/**
 * Keys of the sources cited by the knowledge base (`S1` to `S37`, plus
 * `seed` for the 2017 field report the framework comes from).
 *
 * @public
 */
export type SourceKey = string;

/**
 * Provenance attached to every fact.
 *
 * @public
 */
export interface Provenance {
  /** Source keys, e.g. `['S6', 'S7']`. */
  sources: SourceKey[];
  /** The fact has no primary confirmation (e.g. a planned date). */
  unconfirmed?: boolean;
  /** The fact comes from a secondary source only. */
  secondary?: boolean;
  /** A short remark shown with the fact. */
  note?: string;
}

/**
 * One upstream Kubernetes minor release and its support calendar. Dates are
 * ISO-8601 (`YYYY-MM-DD`).
 *
 * @public
 */
export interface KubernetesRelease extends Provenance {
  /** `1.30` */
  minor: string;
  /** General availability date (or planned date when `unconfirmed`). */
  ga: string;
  maintenanceStart?: string;
  /** Planned end of life. */
  endOfLife?: string;
  /** Actual end of life, when it differs from the plan. */
  actualEndOfLife?: string;
  /** Last patch release, e.g. `1.30.14`. */
  lastPatch?: string;
}

/**
 * One Amazon EKS version and its support calendar.
 *
 * @public
 */
export interface EksRelease extends Provenance {
  minor: string;
  released: string;
  endOfStandardSupport: string;
  endOfExtendedSupport: string;
}

/**
 * A number together with where it comes from.
 *
 * @public
 */
export interface SourcedNumber extends Provenance {
  value: number;
}

/**
 * Version skew rules between Kubernetes components.
 *
 * @public
 */
export interface VersionSkewFacts {
  /** How many minors a kubelet may trail the API server (3 since 1.28). */
  kubeletMaxMinorsBehind: SourcedNumber & {
    sinceMinor: string;
    before: number;
  };
  /** A conservative pre-upgrade check: kubelets within this many minors before moving the control plane. */
  conservativeKubeletMaxMinorsBehind: SourcedNumber;
  /** Minors per control-plane upgrade (one; no skipping). */
  controlPlaneUpgradeStep: SourcedNumber;
  /** Scheduler and controller-manager may trail the API server by this many minors. */
  controlPlaneComponentsMaxMinorsBehind: SourcedNumber;
}

/**
 * Per-task limits of Fargate.
 *
 * @public
 */
export interface FargateLimitFacts extends Provenance {
  maxVcpu: number;
  maxMemoryGi: number;
  maxEphemeralStorageGi: number;
  defaultEphemeralStorageGi: number;
  gpu: boolean;
  privileged: boolean;
  daemonSets: boolean;
}

/**
 * Certificate lifetimes and renewal behaviour (kubeadm, kubelet).
 *
 * @public
 */
export interface CertificateFacts {
  leafValidityDays: SourcedNumber;
  caValidityYears: SourcedNumber;
  /** kubeadm renews every certificate on each control-plane upgrade. */
  renewedOnControlPlaneUpgrade: Provenance & { value: boolean };
  /** Renew if no control-plane upgrade happened within this many days. */
  maxDaysWithoutUpgrade: SourcedNumber;
}

/**
 * etcd operating facts.
 *
 * @public
 */
export interface EtcdFacts {
  minimumMembers: SourcedNumber;
  recommendedMembers: SourcedNumber;
  maximumMembers: SourcedNumber;
  walFsyncP99Ms: SourcedNumber;
  backendCommitP99Ms: SourcedNumber;
  defaultQuotaGi: SourcedNumber;
  suggestedMaxQuotaGi: SourcedNumber;
  /** The interval used by the team in the 2017 report; no official figure exists. */
  referenceBackupIntervalMinutes: SourcedNumber;
}

/**
 * Amazon VPC CNI facts.
 *
 * @public
 */
export interface VpcCniFacts {
  recommendedMaxPodsPerNode: SourcedNumber;
  mitigations: Provenance & { value: string[] };
}

/**
 * Control-plane prices.
 *
 * @public
 */
export interface CostFacts {
  eksStandardPerClusterHourUsd: SourcedNumber;
  eksExtendedPerClusterHourUsd: SourcedNumber;
  ecsControlPlanePerHourUsd: SourcedNumber;
}

/**
 * One control-plane signal worth monitoring.
 *
 * @public
 */
export interface MonitoringSignalFacts extends Provenance {
  metrics: string[];
  threshold: string;
}

/**
 * One cited source.
 *
 * @public
 */
export interface SourceInfo {
  title: string;
}

/**
 * The dated facts behind the decision engine and the obligations.
 *
 * @public
 */
export interface KnowledgeBase {
  /** Version of the data set, bumped on each edit. */
  version: string;
  /** Date of the newest source snapshot (`YYYY-MM-DD`). */
  asOf: string;
  kubernetesReleases: KubernetesRelease[];
  eksReleases: EksRelease[];
  versionSkew: VersionSkewFacts;
  fargate: { ecs: FargateLimitFacts; eks: FargateLimitFacts };
  certificates: CertificateFacts;
  etcd: EtcdFacts;
  vpcCni: VpcCniFacts;
  costs: CostFacts;
  monitoringSignals: Record<
    'apiserver-latency' | 'etcd-disk' | 'scheduler-queue' | 'controller-sync',
    MonitoringSignalFacts
  >;
  sources: Record<SourceKey, SourceInfo>;
}
