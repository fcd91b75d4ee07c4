/**
 * Keys of the sources cited by the knowledge base (`S1` to `S60`, plus
 * `seed` for the 2017 field report the framework comes from, and `config`
 * for figures set in configuration).
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
 * One valid Fargate task size: a vCPU count and the memory values allowed
 * with it. Fargate bills the size chosen, so a task is priced at the
 * smallest valid size that holds it.
 *
 * @public
 */
export interface FargateTaskSize extends Provenance {
  vcpu: number;
  /** Valid memory values, ascending. Fargate's "GB" is read as GiB, one to one. */
  memoryGi: number[];
}

/**
 * Per-task limits of Fargate.
 *
 * @public
 */
export interface FargateLimitFacts extends Provenance {
  /** Largest task, including sizes known only from secondary sources. */
  maxVcpu: number;
  maxMemoryGi: number;
  /** Largest task confirmed by a primary source; larger sizes up to `maxVcpu` are secondary. */
  primaryMaxVcpu?: number;
  primaryMaxMemoryGi?: number;
  /** Valid task sizes, ascending by vCPU. */
  taskSizes: FargateTaskSize[];
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
 * A price or rate: its value, unit, provenance and the date it was read.
 *
 * @public
 */
export interface PriceFact extends SourcedNumber {
  /** E.g. `USD per vCPU-hour`. */
  unit: string;
  /** When the figure was read from its source (`YYYY-MM-DD`); absent for figures set in configuration. */
  asOf?: string;
}

/**
 * Control-plane prices. The EKS control-plane fee lives here only, so the
 * obligations and the cost estimate read the same number.
 *
 * @public
 */
export interface CostFacts {
  eksStandardPerClusterHourUsd: PriceFact;
  eksExtendedPerClusterHourUsd: PriceFact;
  ecsControlPlanePerHourUsd: PriceFact;
}

/**
 * CPU architecture of a price or an instance type.
 *
 * @public
 */
export type CpuArchitecture = 'x86' | 'arm';

/**
 * Fargate compute prices for one architecture.
 *
 * @public
 */
export interface FargateComputePrices {
  perVcpuHourUsd: PriceFact;
  /** Per GB-hour of memory (Fargate's GB, read as GiB). */
  perGbHourUsd: PriceFact;
}

/**
 * Fargate prices.
 *
 * @public
 */
export interface FargatePriceFacts {
  x86: FargateComputePrices;
  arm: FargateComputePrices;
  /** Ephemeral storage beyond the included amount. */
  ephemeralStoragePerGbHourUsd: PriceFact;
  /** Ephemeral storage included in the task price. */
  includedEphemeralStorageGb: SourcedNumber;
  /** Fargate Spot discount, as a fraction of the on-demand price ("up to"). */
  spotMaxDiscount: SourcedNumber;
  /** Fargate Spot x86 rates seen at one point in time; they vary. */
  spotObservedX86: FargateComputePrices;
}

/**
 * Capacity of one node left for workloads after the kubelet, system and
 * eviction reserves of the EKS-optimized AMI (the allocatable rule of S54),
 * before DaemonSets.
 *
 * @public
 */
export interface NodeAllocatableFacts extends Provenance {
  vcpu: number;
  memoryGi: number;
  /** Max pods with the VPC CNI defaults, which drives the memory reserve. */
  maxPods: number;
}

/**
 * One EC2 instance type: size, on-demand price and allocatable capacity.
 *
 * @public
 */
export interface Ec2InstanceFacts {
  vcpu: number;
  memoryGi: number;
  /** GPUs per instance (0 for none). */
  gpu: number;
  gpuModel?: string;
  architecture: CpuArchitecture;
  onDemandPerHourUsd: PriceFact;
  allocatable: NodeAllocatableFacts;
}

/**
 * Compute, storage and management prices (facts section 13). All figures
 * are on-demand Linux list prices for `region`, in USD.
 *
 * @public
 */
export interface PriceFacts {
  region: string;
  currency: 'USD';
  /** Hours in a billing month used to turn hourly prices into monthly ones. */
  hoursPerMonth: SourcedNumber;
  fargate: FargatePriceFacts;
  /** EBS gp3 storage. */
  ebsGp3PerGbMonthUsd: PriceFact;
  /** gp3 IOPS beyond the 3,000 included. */
  ebsGp3PerIopsMonthUsd: PriceFact;
  /** gp3 throughput beyond the 125 MiB/s included. */
  ebsGp3PerMibpsMonthUsd: PriceFact;
  /** EKS Auto Mode management fee as a fraction of the instance's on-demand price. */
  eksAutoModeFeeFraction: SourcedNumber;
  /** Reduction of the Auto Mode fee for G-series (GPU) instances. */
  eksAutoModeGSeriesFeeReduction: SourcedNumber;
  /** Reduction of the Auto Mode fee for P-series and Trainium instances. */
  eksAutoModePSeriesFeeReduction: SourcedNumber;
  /** ECS Managed Instances management fee as a fraction of the instance's on-demand price. */
  ecsManagedInstancesFeeFraction: SourcedNumber;
  ecsAnywherePerInstanceHourUsd: PriceFact;
  /** First pricing tier; lower tiers above it are not confirmed. */
  eksHybridNodesPerVcpuHourUsd: PriceFact;
  /** EKS Anywhere Enterprise Subscription, per cluster and year. */
  eksAnywhereSubscriptionPerClusterYearUsd: {
    oneYearTerm: PriceFact;
    threeYearTerm: PriceFact;
  };
  /** Instance types with prices, keyed by API name (`m7i.large`). */
  ec2: Record<string, Ec2InstanceFacts>;
}

/**
 * What kind of evidence a people-cost figure is.
 *
 * @public
 */
export type PeopleCostEvidence =
  | 'documentation'
  | 'derived'
  | 'vendor-claim'
  | 'vendor-illustration'
  | 'survey'
  | 'case-study'
  | 'analyst-prediction';

/**
 * One people-cost figure.
 *
 * @public
 */
export interface PeopleCostFigure extends SourcedNumber {
  unit: string;
  evidence: PeopleCostEvidence;
  /** Upper end when the source gives a range (`value` is then the lower end). */
  maxValue?: number;
}

/**
 * People time of running Kubernetes yourself (facts section 14). None of
 * these is a measured per-service figure: the cost estimate takes its hours
 * from configuration and cites these as background. The EKS Anywhere support
 * price is in {@link PriceFacts}.
 *
 * @public
 */
export interface PeopleCostFacts {
  /** Control-plane upgrades per cluster and year in the long run. */
  upgradesPerClusterYear: PeopleCostFigure;
  /** Months of EKS standard support per version. */
  eksStandardSupportMonths: PeopleCostFigure;
  /** Claimed effort of one minor upgrade across three regions, in engineer-weeks. */
  upgradeEffortWeeksClaim: PeopleCostFigure;
  /** Operations hours a month, 3 clusters and about 12 nodes, with self-run Karpenter. */
  opsHoursPerMonthSelfManagedNodes: PeopleCostFigure;
  /** The same estate after moving to EKS Auto Mode. */
  opsHoursPerMonthAutoMode: PeopleCostFigure;
  /** A managed-service provider's quote for round-the-clock paging. */
  managedPagingPerMonthUsd: PeopleCostFigure;
  /** Workdays a year spent resolving Kubernetes incidents. */
  incidentWorkdaysPerYear: PeopleCostFigure;
  /** Share of production incidents that follow a recent change. */
  changeRelatedIncidentShare: PeopleCostFigure;
  /** Share of Kubernetes operations time spent troubleshooting (at least). */
  troubleshootingTimeShare: PeopleCostFigure;
  /** Share of incidents resolved without escalation. */
  resolvedWithoutEscalationShare: PeopleCostFigure;
  /** Clusters run by the average adopter (more than). */
  averageClustersPerAdopter: PeopleCostFigure;
  /** Share of adopters held back by complexity and skills shortages. */
  heldBackBySkillsShare: PeopleCostFigure;
  /** Share of organisations that misjudged Kubernetes complexity. */
  misjudgedComplexityShare: PeopleCostFigure;
  /** Share of low performers needing a month or more to onboard a developer. */
  slowOnboardingShare: PeopleCostFigure;
  /** Site outage after a self-managed control-plane upgrade (case study), minutes. */
  selfManagedUpgradeOutageMinutes: PeopleCostFigure;
  /** Outage after an overloaded control plane (case study), minutes. */
  controlPlaneOverloadOutageMinutes: PeopleCostFigure;
  /** Predicted share of large engineering organisations with a platform team. */
  platformTeamShare: PeopleCostFigure;
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
 * Platform options launched after the 2017 framework that change its
 * trade-offs (facts section 12).
 *
 * @public
 */
export const PLATFORM_OPTION_IDS = [
  'ecs-anywhere',
  'eks-anywhere',
  'eks-hybrid-nodes',
  'eks-pod-identity',
  'eks-auto-mode',
  'ecs-service-connect',
  'ecs-managed-ebs',
  'ecs-managed-instances',
  'ecs-express-mode',
  'fargate-spot',
  'fargate-large-tasks',
  'bottlerocket',
  'karpenter',
] as const;

/** @public */
export type PlatformOptionId = (typeof PLATFORM_OPTION_IDS)[number];

/**
 * One option launched since 2017: when, what it changes, its limits.
 *
 * @public
 */
export interface PlatformOptionFacts extends Provenance {
  name: string;
  /** General availability, `YYYY-MM-DD` (or `YYYY-MM` where only the month is known). */
  ga: string;
  /** What it removes from the 2017 reasoning, in one sentence of our own. */
  summary: string;
  /** The limits that matter when recommending it, in one sentence. */
  limits: string;
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
  /** Compute, storage and management prices (facts section 13). */
  prices: PriceFacts;
  /** People time of running Kubernetes (facts section 14). */
  peopleCost: PeopleCostFacts;
  monitoringSignals: Record<
    'apiserver-latency' | 'etcd-disk' | 'scheduler-queue' | 'controller-sync',
    MonitoringSignalFacts
  >;
  /** Options since 2017 (facts section 12). */
  options: Record<PlatformOptionId, PlatformOptionFacts>;
  sources: Record<SourceKey, SourceInfo>;
}
