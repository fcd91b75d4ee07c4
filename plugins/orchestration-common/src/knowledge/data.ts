import { FargateTaskSize, KnowledgeBase } from './types';

/** Memory values from `from` to `to` inclusive, `step` apart. */
function memorySteps(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

/** Fargate task sizes up to 16 vCPU, the same on ECS and EKS. */
function taskSizesUpTo16Vcpu(sources: string[]): FargateTaskSize[] {
  return [
    { vcpu: 0.25, memoryGi: [0.5, 1, 2], sources },
    { vcpu: 0.5, memoryGi: memorySteps(1, 4, 1), sources },
    { vcpu: 1, memoryGi: memorySteps(2, 8, 1), sources },
    { vcpu: 2, memoryGi: memorySteps(4, 16, 1), sources },
    { vcpu: 4, memoryGi: memorySteps(8, 30, 1), sources },
    { vcpu: 8, memoryGi: memorySteps(16, 60, 4), sources },
    { vcpu: 16, memoryGi: memorySteps(32, 120, 8), sources },
  ];
}

/**
 * The built-in knowledge base. Each row keeps the keys of its sources; rows
 * without primary confirmation are flagged `unconfirmed` or `secondary`.
 *
 * @public
 */
export const DEFAULT_KNOWLEDGE_BASE: KnowledgeBase = {
  version: '2026.11.28-1',
  asOf: '2026-11-28',
  kubernetesReleases: [
    {
      minor: '1.24',
      ga: '2022-05-03',
      maintenanceStart: '2023-05-28',
      endOfLife: '2023-07-28',
      lastPatch: '1.24.17',
      sources: ['S1', 'S2', 'S3'],
      note: '1.24.17 shipped after EOL for a CVE',
    },
    {
      minor: '1.25',
      ga: '2022-08-23',
      maintenanceStart: '2023-08-27',
      endOfLife: '2023-10-27',
      actualEndOfLife: '2023-10-28',
      lastPatch: '1.25.16',
      sources: ['S1', 'S2', 'S3'],
    },
    {
      minor: '1.26',
      ga: '2022-12-08',
      maintenanceStart: '2023-12-28',
      endOfLife: '2024-02-28',
      lastPatch: '1.26.15',
      sources: ['S1', 'S2', 'S3'],
    },
    {
      minor: '1.27',
      ga: '2023-04-11',
      maintenanceStart: '2024-04-28',
      endOfLife: '2024-06-28',
      actualEndOfLife: '2024-07-16',
      lastPatch: '1.27.16',
      sources: ['S1', 'S2', 'S3'],
    },
    {
      minor: '1.28',
      ga: '2023-08-15',
      maintenanceStart: '2024-08-28',
      endOfLife: '2024-10-28',
      actualEndOfLife: '2024-10-22',
      lastPatch: '1.28.15',
      sources: ['S1', 'S2', 'S3'],
    },
    {
      minor: '1.29',
      ga: '2023-12-13',
      maintenanceStart: '2024-12-28',
      endOfLife: '2025-02-28',
      lastPatch: '1.29.14',
      sources: ['S1', 'S2', 'S3'],
      note: 'endoflife.date lists 1.29.15 on 2025-03-11',
    },
    {
      minor: '1.30',
      ga: '2024-04-17',
      maintenanceStart: '2025-04-28',
      endOfLife: '2025-06-28',
      actualEndOfLife: '2025-07-15',
      lastPatch: '1.30.14',
      sources: ['S1', 'S2', 'S3'],
    },
    {
      minor: '1.31',
      ga: '2024-08-13',
      maintenanceStart: '2025-08-28',
      endOfLife: '2025-10-28',
      actualEndOfLife: '2025-11-11',
      lastPatch: '1.31.14',
      sources: ['S1', 'S2', 'S3'],
    },
    {
      minor: '1.32',
      ga: '2024-12-11',
      maintenanceStart: '2025-12-28',
      endOfLife: '2026-02-28',
      sources: ['S1', 'S2', 'S3'],
    },
    {
      minor: '1.33',
      ga: '2025-04-23',
      maintenanceStart: '2026-04-28',
      endOfLife: '2026-06-28',
      sources: ['S1', 'S2', 'S3'],
    },
    {
      minor: '1.34',
      ga: '2025-08-27',
      maintenanceStart: '2026-08-27',
      endOfLife: '2026-10-27',
      sources: ['S1', 'S2', 'S3'],
    },
    {
      minor: '1.35',
      ga: '2025-12-17',
      maintenanceStart: '2026-12-28',
      endOfLife: '2027-02-28',
      sources: ['S1', 'S2', 'S3'],
    },
    {
      minor: '1.36',
      ga: '2026-04-22',
      maintenanceStart: '2027-04-28',
      endOfLife: '2027-06-28',
      sources: ['S1', 'S2', 'S3'],
    },
    {
      minor: '1.37',
      ga: '2026-08-26',
      sources: ['S5', 'S59'],
      secondary: true,
      note: 'release date from the release plan and the release announcement linked in S59; support dates not yet published',
    },
  ],
  eksReleases: [
    {
      minor: '1.24',
      released: '2022-11-15',
      endOfStandardSupport: '2024-01-31',
      endOfExtendedSupport: '2025-01-31',
      sources: ['S9'],
    },
    {
      minor: '1.25',
      released: '2023-02-21',
      endOfStandardSupport: '2024-05-01',
      endOfExtendedSupport: '2025-05-01',
      sources: ['S9'],
    },
    {
      minor: '1.26',
      released: '2023-04-11',
      endOfStandardSupport: '2024-06-11',
      endOfExtendedSupport: '2025-06-11',
      sources: ['S9'],
    },
    {
      minor: '1.27',
      released: '2023-05-24',
      endOfStandardSupport: '2024-07-24',
      endOfExtendedSupport: '2025-07-24',
      sources: ['S9'],
    },
    {
      minor: '1.28',
      released: '2023-09-26',
      endOfStandardSupport: '2024-11-26',
      endOfExtendedSupport: '2025-11-26',
      sources: ['S9'],
    },
    {
      minor: '1.29',
      released: '2024-01-23',
      endOfStandardSupport: '2025-03-23',
      endOfExtendedSupport: '2026-03-23',
      sources: ['S8'],
    },
    {
      minor: '1.30',
      released: '2024-05-23',
      endOfStandardSupport: '2025-07-23',
      endOfExtendedSupport: '2026-07-23',
      sources: ['S8'],
    },
    {
      minor: '1.31',
      released: '2024-09-26',
      endOfStandardSupport: '2025-11-26',
      endOfExtendedSupport: '2026-11-26',
      sources: ['S8'],
    },
    {
      minor: '1.32',
      released: '2025-01-23',
      endOfStandardSupport: '2026-03-23',
      endOfExtendedSupport: '2027-03-23',
      sources: ['S8'],
    },
    {
      minor: '1.33',
      released: '2025-05-29',
      endOfStandardSupport: '2026-07-29',
      endOfExtendedSupport: '2027-07-29',
      sources: ['S8'],
    },
    {
      minor: '1.34',
      released: '2025-10-02',
      endOfStandardSupport: '2026-12-02',
      endOfExtendedSupport: '2027-12-02',
      sources: ['S8'],
    },
    {
      minor: '1.35',
      released: '2026-01-27',
      endOfStandardSupport: '2027-03-27',
      endOfExtendedSupport: '2028-03-27',
      sources: ['S9', 'S59'],
      note: 'release date inferred (end of standard support less 14 months, matching the EKS-D build 1.35-eks-3 of 2026-01-27; the AWS announcement is dated 2026-01-28); end dates from the EKS version table',
    },
    {
      minor: '1.36',
      released: '2026-06-02',
      endOfStandardSupport: '2027-08-02',
      endOfExtendedSupport: '2028-08-02',
      sources: ['S9', 'S59'],
      note: 'release date inferred (end of standard support less 14 months, matching the EKS-D build 1.36-eks-3 of 2026-06-02); end dates from the EKS version table',
    },
  ],
  versionSkew: {
    kubeletMaxMinorsBehind: {
      value: 3,
      sinceMinor: '1.28',
      before: 2,
      sources: ['S6', 'S7'],
    },
    conservativeKubeletMaxMinorsBehind: {
      value: 1,
      sources: ['S6'],
      note: 'the upgrade prerequisites still ask for kubelets at N or N-1',
    },
    controlPlaneUpgradeStep: { value: 1, sources: ['S6', 'S9'] },
    controlPlaneComponentsMaxMinorsBehind: { value: 1, sources: ['S6'] },
  },
  fargate: {
    ecs: {
      maxVcpu: 32,
      maxMemoryGi: 244,
      primaryMaxVcpu: 16,
      primaryMaxMemoryGi: 120,
      taskSizes: [
        ...taskSizesUpTo16Vcpu(['S27']),
        {
          vcpu: 32,
          memoryGi: [60, 120, 244],
          sources: ['S43'],
          secondary: true,
          note: 'Linux on platform 1.4.0 or later, since mid-2026',
        },
      ],
      maxEphemeralStorageGi: 200,
      defaultEphemeralStorageGi: 20,
      gpu: false,
      privileged: false,
      daemonSets: false,
      sources: ['S26', 'S27', 'S28', 'S43'],
      note: 'up to 16 vCPU and 120 GB confirmed; 32 vCPU with 60, 120 or 244 GB (Linux, platform 1.4.0 or later) known from secondary sources; Windows tasks up to 4 vCPU',
    },
    eks: {
      maxVcpu: 16,
      maxMemoryGi: 120,
      primaryMaxVcpu: 16,
      primaryMaxMemoryGi: 120,
      taskSizes: taskSizesUpTo16Vcpu(['S25']),
      maxEphemeralStorageGi: 175,
      defaultEphemeralStorageGi: 20,
      gpu: false,
      privileged: false,
      daemonSets: false,
      sources: ['S25'],
      note: 'about 256 MB is added for Kubernetes components',
    },
  },
  certificates: {
    leafValidityDays: { value: 365, sources: ['S13'] },
    caValidityYears: { value: 10, sources: ['S13', 'S14'] },
    renewedOnControlPlaneUpgrade: { value: true, sources: ['S14'] },
    maxDaysWithoutUpgrade: { value: 365, sources: ['S14'] },
  },
  etcd: {
    minimumMembers: { value: 3, sources: ['S17', 'S19'] },
    recommendedMembers: { value: 5, sources: ['S19'] },
    maximumMembers: { value: 7, sources: ['S17'] },
    walFsyncP99Ms: { value: 10, sources: ['S17'] },
    backendCommitP99Ms: { value: 25, sources: ['S17'] },
    defaultQuotaGi: { value: 2, sources: ['S17', 'S18'] },
    suggestedMaxQuotaGi: { value: 8, sources: ['S17', 'S18'] },
    referenceBackupIntervalMinutes: {
      value: 15,
      sources: ['S37', 'seed'],
      unconfirmed: true,
      note: 'no official frequency; a field report backed up every 15 minutes',
    },
  },
  vpcCni: {
    recommendedMaxPodsPerNode: {
      value: 110,
      sources: ['S22'],
      note: '250 above 30 vCPU',
    },
    mitigations: {
      value: [
        'enable prefix delegation (ENABLE_PREFIX_DELEGATION=true, Nitro nodes, VPC CNI 1.9.0 or later)',
        'add a secondary CIDR to the VPC and use custom networking for pods',
        'tune WARM_IP_TARGET and MINIMUM_IP_TARGET instead of WARM_ENI_TARGET=1',
        'move to an IPv6 cluster',
      ],
      sources: ['S22', 'S23', 'S24', 'S25'],
    },
  },
  costs: {
    eksStandardPerClusterHourUsd: {
      value: 0.1,
      unit: 'USD per cluster-hour',
      sources: ['S10', 'S49'],
      note: 'about $73 a month',
    },
    eksExtendedPerClusterHourUsd: {
      value: 0.6,
      unit: 'USD per cluster-hour, standard fee included',
      sources: ['S10', 'S49'],
      note: 'about $438 a month',
    },
    ecsControlPlanePerHourUsd: {
      value: 0,
      unit: 'USD per cluster-hour',
      sources: ['S47'],
      secondary: true,
      note: 'ECS charges for the EC2 or Fargate capacity only',
      asOf: '2026-09-20',
    },
  },
  prices: {
    region: 'us-east-1',
    currency: 'USD',
    hoursPerMonth: {
      value: 730,
      sources: [],
      note: '8,760 hours a year divided by 12, the month behind the $73 quoted for an EKS control plane',
    },
    fargate: {
      x86: {
        perVcpuHourUsd: {
          value: 0.04048,
          unit: 'USD per vCPU-hour',
          sources: ['S48'],
          secondary: true,
          asOf: '2026-10-09',
          note: 'billed per second, one-minute minimum',
        },
        perGbHourUsd: {
          value: 0.004445,
          unit: 'USD per GB-hour of memory',
          sources: ['S48'],
          secondary: true,
          asOf: '2026-10-09',
        },
      },
      arm: {
        perVcpuHourUsd: {
          value: 0.03238,
          unit: 'USD per vCPU-hour',
          sources: ['S48'],
          secondary: true,
          asOf: '2026-10-09',
          note: 'Graviton; ECS only (EKS on Fargate is x86 only)',
        },
        perGbHourUsd: {
          value: 0.00356,
          unit: 'USD per GB-hour of memory',
          sources: ['S48'],
          secondary: true,
          asOf: '2026-10-09',
        },
      },
      ephemeralStoragePerGbHourUsd: {
        value: 0.000111,
        unit: 'USD per GB-hour of ephemeral storage above the included amount',
        sources: ['S48'],
        secondary: true,
        asOf: '2026-10-09',
        note: 'about $0.081 per GB-month',
      },
      includedEphemeralStorageGb: { value: 20, sources: ['S28', 'S48'] },
      spotMaxDiscount: {
        value: 0.7,
        sources: ['S48', 'S50'],
        secondary: true,
        unconfirmed: true,
        note: 'advertised as "up to" 70% off on-demand; the actual discount varies',
      },
      spotObservedX86: {
        perVcpuHourUsd: {
          value: 0.0124,
          unit: 'USD per vCPU-hour',
          sources: ['S48'],
          secondary: true,
          unconfirmed: true,
          note: 'one observation; Spot prices vary',
        },
        perGbHourUsd: {
          value: 0.00137,
          unit: 'USD per GB-hour of memory',
          sources: ['S48'],
          secondary: true,
          unconfirmed: true,
          note: 'one observation; Spot prices vary',
        },
      },
    },
    ebsGp3PerGbMonthUsd: {
      value: 0.08,
      unit: 'USD per GB-month',
      sources: ['S48'],
      secondary: true,
      asOf: '2026-09-29',
    },
    ebsGp3PerIopsMonthUsd: {
      value: 0.005,
      unit: 'USD per provisioned IOPS-month above 3,000',
      sources: ['S48'],
      secondary: true,
      asOf: '2026-09-29',
    },
    ebsGp3PerMibpsMonthUsd: {
      value: 0.04,
      unit: 'USD per MiB/s-month of throughput above 125 MiB/s',
      sources: ['S48'],
      secondary: true,
      asOf: '2026-09-29',
    },
    eksAutoModeFeeFraction: {
      value: 0.12,
      sources: ['S49'],
      secondary: true,
      note: 'charged per instance-hour on top of EC2, about 12% of its on-demand price',
    },
    eksAutoModeGSeriesFeeReduction: {
      value: 0.35,
      sources: ['S49'],
      secondary: true,
      note: 'G-series fees 35% lower from 2026-07-01',
    },
    eksAutoModePSeriesFeeReduction: {
      value: 0.6,
      sources: ['S49'],
      secondary: true,
      note: 'P-series and Trainium fees 60% lower from 2026-07-01',
    },
    ecsManagedInstancesFeeFraction: {
      value: 0.12,
      sources: ['S47'],
      secondary: true,
      note: 'per instance-hour on top of EC2; e.g. c6a.2xlarge $0.037 against $0.306 for the instance',
    },
    ecsAnywherePerInstanceHourUsd: {
      value: 0.01025,
      unit: 'USD per external instance-hour',
      sources: ['S47'],
      secondary: true,
      asOf: '2026-09-20',
    },
    eksHybridNodesPerVcpuHourUsd: {
      value: 0.02,
      unit: 'USD per vCPU-hour while joined',
      sources: ['S40', 'S49'],
      secondary: true,
      note: 'first 576,000 vCPU-hours a month; the lower tiers above it are not confirmed',
    },
    eksAnywhereSubscriptionPerClusterYearUsd: {
      oneYearTerm: {
        value: 24000,
        unit: 'USD per cluster-year, 12-month term',
        sources: ['S49', 'S60'],
        secondary: true,
      },
      threeYearTerm: {
        value: 18000,
        unit: 'USD per cluster-year, 36-month term',
        sources: ['S49', 'S60'],
        secondary: true,
      },
    },
    ec2: {
      'm7i.large': {
        vcpu: 2,
        memoryGi: 8,
        gpu: 0,
        architecture: 'x86',
        onDemandPerHourUsd: {
          value: 0.1008,
          unit: 'USD per instance-hour',
          sources: ['S52'],
          asOf: '2026-07-20',
        },
        allocatable: {
          vcpu: 1.93,
          memoryGi: 7.34,
          maxPods: 29,
          sources: ['S54', 'S23'],
        },
      },
      'm7g.large': {
        vcpu: 2,
        memoryGi: 8,
        gpu: 0,
        architecture: 'arm',
        onDemandPerHourUsd: {
          value: 0.0816,
          unit: 'USD per instance-hour',
          sources: ['S52'],
          asOf: '2026-07-20',
        },
        allocatable: {
          vcpu: 1.93,
          memoryGi: 7.34,
          maxPods: 29,
          sources: ['S54', 'S23'],
        },
      },
      'c7i.xlarge': {
        vcpu: 4,
        memoryGi: 8,
        gpu: 0,
        architecture: 'x86',
        onDemandPerHourUsd: {
          value: 0.1785,
          unit: 'USD per instance-hour',
          sources: ['S52'],
          asOf: '2026-07-20',
        },
        allocatable: {
          vcpu: 3.92,
          memoryGi: 7.03,
          maxPods: 58,
          sources: ['S54', 'S23'],
        },
      },
      'g5.xlarge': {
        vcpu: 4,
        memoryGi: 16,
        gpu: 1,
        gpuModel: 'NVIDIA A10G',
        architecture: 'x86',
        onDemandPerHourUsd: {
          value: 1.006,
          unit: 'USD per instance-hour',
          sources: ['S52'],
          asOf: '2026-07-20',
        },
        allocatable: {
          vcpu: 3.92,
          memoryGi: 15.03,
          maxPods: 58,
          sources: ['S54', 'S23'],
        },
      },
      'm5.large': {
        vcpu: 2,
        memoryGi: 8,
        gpu: 0,
        architecture: 'x86',
        onDemandPerHourUsd: {
          value: 0.096,
          unit: 'USD per instance-hour',
          sources: ['S52'],
          asOf: '2026-07-20',
        },
        allocatable: {
          vcpu: 1.93,
          memoryGi: 7.34,
          maxPods: 29,
          sources: ['S54', 'S23'],
        },
      },
      'c6a.2xlarge': {
        vcpu: 8,
        memoryGi: 16,
        gpu: 0,
        architecture: 'x86',
        onDemandPerHourUsd: {
          value: 0.306,
          unit: 'USD per instance-hour',
          sources: ['S52'],
          asOf: '2026-07-20',
        },
        allocatable: {
          vcpu: 7.91,
          memoryGi: 15.03,
          maxPods: 58,
          sources: ['S54', 'S23'],
        },
      },
    },
  },
  peopleCost: {
    upgradesPerClusterYear: {
      value: 3,
      unit: 'control-plane upgrades per cluster and year',
      evidence: 'derived',
      sources: ['S3', 'S6', 'S8'],
      note: 'about three minors a year and one minor per upgrade, or a cluster replacement instead',
    },
    eksStandardSupportMonths: {
      value: 14,
      unit: 'months of standard support per EKS version',
      evidence: 'documentation',
      sources: ['S8'],
    },
    upgradeEffortWeeksClaim: {
      value: 4,
      maxValue: 6,
      unit: 'engineer-weeks for one minor upgrade across three regions',
      evidence: 'vendor-claim',
      sources: ['S56'],
      secondary: true,
      unconfirmed: true,
      note: 'said of many mid-size EKS deployments; no primary figure exists',
    },
    opsHoursPerMonthSelfManagedNodes: {
      value: 80,
      unit: 'operations hours a month for 3 clusters of about 12 nodes, Karpenter run in-house',
      evidence: 'vendor-illustration',
      sources: ['S57'],
      secondary: true,
      note: 'an illustration, not a named client',
    },
    opsHoursPerMonthAutoMode: {
      value: 35,
      unit: 'operations hours a month for the same clusters on EKS Auto Mode',
      evidence: 'vendor-illustration',
      sources: ['S57'],
      secondary: true,
      note: 'an illustration, not a named client',
    },
    managedPagingPerMonthUsd: {
      value: 6500,
      unit: 'USD a month for round-the-clock paging by a managed-service provider',
      evidence: 'vendor-illustration',
      sources: ['S57'],
      secondary: true,
    },
    incidentWorkdaysPerYear: {
      value: 34,
      unit: 'workdays a year resolving Kubernetes incidents',
      evidence: 'survey',
      sources: ['S56'],
      secondary: true,
    },
    changeRelatedIncidentShare: {
      value: 0.79,
      unit: 'share of production incidents following a recent change',
      evidence: 'survey',
      sources: ['S56'],
      secondary: true,
    },
    troubleshootingTimeShare: {
      value: 0.6,
      unit: 'share of Kubernetes operations time spent troubleshooting (more than)',
      evidence: 'survey',
      sources: ['S56'],
      secondary: true,
    },
    resolvedWithoutEscalationShare: {
      value: 0.2,
      unit: 'share of incidents resolved without escalation',
      evidence: 'survey',
      sources: ['S56'],
      secondary: true,
    },
    averageClustersPerAdopter: {
      value: 20,
      unit: 'clusters run by the average adopter (more than)',
      evidence: 'survey',
      sources: ['S57'],
      note: 'half of them in four or more environments',
    },
    heldBackBySkillsShare: {
      value: 0.75,
      unit: 'share of adopters held back by complexity and a lack of skills',
      evidence: 'survey',
      sources: ['S57'],
    },
    misjudgedComplexityShare: {
      value: 0.53,
      unit: 'share of organisations that misjudged Kubernetes complexity',
      evidence: 'survey',
      sources: ['S57'],
      secondary: true,
    },
    slowOnboardingShare: {
      value: 0.57,
      unit: 'share of low performers needing a month or more to onboard a developer',
      evidence: 'survey',
      sources: ['S57'],
      secondary: true,
    },
    selfManagedUpgradeOutageMinutes: {
      value: 314,
      unit: 'minutes of site outage after a self-managed control-plane upgrade',
      evidence: 'case-study',
      sources: ['S58'],
      note: 'Reddit, 2023-03-14: upgrading a self-built kubeadm cluster from 1.23 to 1.24, with no supported downgrade and an outdated restore runbook; the cluster size comes from a secondary source',
    },
    controlPlaneOverloadOutageMinutes: {
      value: 262,
      unit: 'minutes of outage after the API servers were overloaded',
      evidence: 'case-study',
      sources: ['S58'],
      secondary: true,
      note: 'OpenAI, 2024-12-11: a new telemetry service overloaded the control plane, DNS-based discovery failed with it and engineers lost kubectl access',
    },
    platformTeamShare: {
      value: 0.8,
      unit: 'predicted share of large engineering organisations with a platform team by 2026',
      evidence: 'analyst-prediction',
      sources: ['S57'],
      secondary: true,
      note: 'no published figure exists for the size or on-call load of a team running its own control plane',
    },
  },
  monitoringSignals: {
    'apiserver-latency': {
      metrics: [
        'apiserver_request_duration_seconds',
        'apiserver_request_total',
        'apiserver_current_inflight_requests',
      ],
      threshold:
        'p99 at most 1 s for mutating calls and single reads, 30 s for lists',
      sources: ['S33', 'S34'],
      secondary: true,
    },
    'etcd-disk': {
      metrics: [
        'etcd_disk_wal_fsync_duration_seconds',
        'etcd_disk_backend_commit_duration_seconds',
        'etcd_mvcc_db_total_size_in_bytes',
      ],
      threshold:
        'WAL fsync p99 under 10 ms, backend commit p99 under 25 ms; alert on fsync above 0.5 s',
      sources: ['S17', 'S20'],
    },
    'scheduler-queue': {
      metrics: ['scheduler_pending_pods', 'scheduler_pod_scheduling_attempts'],
      threshold: 'pending pods that keep growing',
      sources: ['S33'],
    },
    'controller-sync': {
      metrics: [
        'workqueue_depth',
        'workqueue_queue_duration_seconds',
        'workqueue_work_duration_seconds',
      ],
      threshold: 'work queues that keep growing',
      sources: [],
      unconfirmed: true,
      note: 'metric stability not confirmed',
    },
  },
  options: {
    'ecs-anywhere': {
      name: 'ECS Anywhere',
      ga: '2021-05-25',
      summary:
        'Runs ECS tasks on your own servers and VMs under the ECS control plane that AWS operates, so on-premises or hybrid capacity no longer calls for Kubernetes.',
      limits:
        'External instances get bridge, host or none networking (no awsvpc) and no service load balancing, service discovery, capacity providers, EFS or Service Connect; each host needs the SSM agent and outbound access to the ECS and SSM endpoints of one Region, and costs about $0.01025 an hour.',
      sources: ['S38', 'S47'],
      secondary: true,
      note: 'GPU support from 2021-10-08, Windows from 2022-03-03; the hourly price comes from a secondary source',
    },
    'eks-anywhere': {
      name: 'EKS Anywhere',
      ga: '2021-09-08',
      summary:
        'An EKS distribution you run on vSphere, bare metal, Nutanix, CloudStack or Snow devices, including disconnected and air-gapped sites.',
      limits:
        'You operate the control plane yourself (etcd, upgrades and certificates as on any self-managed cluster); the software is free, but support and curated packages need a per-cluster subscription for 12 or 36 months (about $24,000 or $18,000 per cluster-year), and EKS Pod Identity is not available.',
      sources: ['S39', 'S60', 'S49', 'S41'],
      secondary: true,
      note: 'subscription prices come from a secondary source',
    },
    'eks-hybrid-nodes': {
      name: 'EKS Hybrid Nodes',
      ga: '2024-12-01',
      summary:
        'Joins on-premises and edge machines as nodes of an EKS control plane that AWS runs, so hybrid capacity no longer means operating a control plane.',
      limits:
        'Needs a dependable private link (VPN or Direct Connect) and does not suit disconnected sites (EKS Anywhere does), takes no EC2 or other-cloud machines, is missing from GovCloud and China, supports Cilium or Calico only (not the VPC CNI), needs routable pod CIDRs for webhooks, leaves node upgrades to you and is billed per vCPU-hour while nodes are joined.',
      sources: ['S39', 'S40', 'S8'],
    },
    'eks-pod-identity': {
      name: 'EKS Pod Identity',
      ga: '2023-11-26',
      summary:
        'Gives each Kubernetes service account its own IAM role without an OIDC provider, through one trust principal that works across clusters, which closes the task-role gap that used to favour ECS.',
      limits:
        'Runs as an agent DaemonSet on Linux EC2 nodes only (not Fargate pods, Windows, Outposts, EKS Anywhere or self-managed clusters, where IRSA remains the way), allows one role per service account per cluster and caches credentials for up to 6 hours.',
      sources: ['S39', 'S41'],
      note: 'IRSA, the earlier per-service-account mechanism, dates from 2019-09-03',
    },
    'eks-auto-mode': {
      name: 'EKS Auto Mode',
      ga: '2024-12-01',
      summary:
        'AWS takes over node operations: Karpenter-based scaling, the VPC CNI, EBS CSI, load balancing, DNS, GPU plugins, the Pod Identity agent and OS patching.',
      limits:
        'Nodes are immutable, offer no SSH or SSM access and live at most 21 days; the built-in node pools hold on-demand C, M and R instances of generation 5 or later; a per-instance fee comes on top of EC2, and nodes may be updated when a version leaves extended support.',
      sources: ['S12', 'S8', 'S39', 'S40'],
    },
    'ecs-service-connect': {
      name: 'ECS Service Connect',
      ga: '2022-11-27',
      summary:
        'ECS services reach each other by short names through a managed proxy that also gives metrics and logs, which removes much of the reason to add a service mesh.',
      limits:
        'Only between ECS services (not standalone tasks; EKS and Lambda cannot resolve the names), one Cloud Map namespace per service in one Region and account, a proxy needing about 256 CPU units and at least 64 MiB (512 units above 500 requests a second), a task memory limit, and no ECS Anywhere external instances.',
      sources: ['S38', 'S32', 'S53'],
      note: 'AWS App Mesh, the AWS-run mesh, reaches end of support on 2026-09-30 (secondary source)',
    },
    'ecs-managed-ebs': {
      name: 'ECS-managed EBS volumes',
      ga: '2024-01',
      summary:
        'Attaches one EBS volume to each ECS task at launch, on Fargate and on EC2, which answers part of the old objection that ECS has no place for state.',
      limits:
        'One volume per task, attached only at launch and without the stable identity of a StatefulSet; gp2 and gp3 volumes range from 1 to 16,384 GiB, Fargate IOPS and throughput follow the task size and are shared with ephemeral storage, and EKS on Fargate has none.',
      sources: ['S29', 'S42'],
    },
    'ecs-managed-instances': {
      name: 'ECS Managed Instances',
      ga: '2025-09-30',
      summary:
        'AWS provisions, scales and patches the EC2 instances behind ECS, of any type including GPU, and packs several tasks on each, so GPUs or large instances no longer mean running EC2 yourself.',
      limits:
        'Linux only, with no direct changes to the instances, which are replaced for patching about every 14 days, and a management fee per instance-hour on top of EC2.',
      sources: ['S32', 'S46'],
      secondary: true,
      note: 'the patch cycle, Spot support (2025-12) and daemons (2026-04) come from secondary sources',
    },
    'ecs-express-mode': {
      name: 'ECS Express Mode',
      ga: '2025-11-21',
      summary:
        'Deploys a web service in one call and leaves ordinary ECS, Fargate and load-balancer resources you can edit, taking over from App Runner without platform lock-in.',
      limits:
        'For HTTP(S) applications and APIs from a container image (no source builds), on Fargate with Linux x86_64 and 1 vCPU / 2 GB by default and canary deployments, with one load balancer shared by up to 25 services and no extra charge.',
      sources: ['S44', 'S45'],
      note: 'App Runner takes no new customers from 2026-04-30; existing ones keep it, without new features',
    },
    'fargate-spot': {
      name: 'Fargate Spot',
      ga: '2019-12-03',
      summary:
        'Interruptible Fargate capacity at a large discount, as serverless as Fargate on demand.',
      limits:
        'ECS only (not EKS), up to 70% off, a two-minute SIGTERM notice with no automatic fallback to on-demand capacity, no Windows, and platform 1.3.0 or later.',
      sources: ['S38', 'S50', 'S48'],
      secondary: true,
      note: 'the discount and ARM64 support (since 2024-09) come from secondary sources',
    },
    'fargate-large-tasks': {
      name: 'Fargate 32 vCPU task sizes',
      ga: '2026-06',
      summary:
        'ECS tasks on Fargate can reach 32 vCPU with 60, 120 or 244 GB of memory, twice the former 16 vCPU / 120 GB ceiling, so large tasks no longer force EC2.',
      limits:
        'Linux tasks on platform 1.4.0 or later only (Windows stays at 4 vCPU or less) and ECS only (EKS on Fargate stays at 16 vCPU / 120 GB); confirm availability in your Region, as no primary source confirms them yet.',
      sources: ['S43'],
      secondary: true,
      note: 'month inferred from the earliest tooling change for these sizes (2026-06-24)',
    },
    bottlerocket: {
      name: 'Bottlerocket',
      ga: '2020-08-31',
      summary:
        'A container-only operating system with atomic updates that roll back, removing much of the AMI and patch work that hosts needed in 2017.',
      limits:
        'No SSH server, shell or package manager (control and admin containers instead), and one variant per orchestrator and Kubernetes minor, for x86_64 and arm64.',
      sources: ['S39', 'S38', 'S51'],
      note: 'generally available for ECS from 2021-06-30',
    },
    karpenter: {
      name: 'Karpenter',
      ga: '2024-08-14',
      summary:
        'Provisions nodes without node groups, consolidates them and handles Spot, so clusters pack better and can use any instance type for GPUs or affinity.',
      limits:
        'You install and upgrade it yourself (AWS does so in EKS Auto Mode), and its documentation covers EKS only.',
      sources: ['S52', 'S39'],
      note: 'v1.0.0 on 2024-08-14; first release v0.5.0 on 2021-11-26; v1.14.1 in 2026-08',
    },
  },
  sources: {
    S1: { title: 'endoflife.date: Kubernetes' },
    S2: {
      title:
        'kubernetes/website data/releases/eol.yaml and patch releases page',
    },
    S3: { title: 'kubernetes.io: patch releases' },
    S4: { title: 'kubernetes.io: release cycle' },
    S5: { title: 'kubernetes/sig-release: release 1.37 plan' },
    S6: { title: 'kubernetes.io: version skew policy' },
    S7: { title: 'kubernetes/enhancements KEP-3935 (PR #3936)' },
    S8: { title: 'Amazon EKS user guide: Kubernetes versions' },
    S9: { title: 'endoflife.date: Amazon EKS' },
    S10: { title: 'AWS blog: EKS extended support pricing' },
    S11: { title: 'Amazon EKS API: UpgradePolicyRequest' },
    S12: { title: 'Amazon EKS user guide: Auto Mode' },
    S13: { title: 'kubernetes/kubernetes kubeadm constants' },
    S14: { title: 'kubernetes.io: certificate management with kubeadm' },
    S15: { title: 'kubernetes.io: kubeadm configuration v1beta4' },
    S16: { title: 'kubernetes.io: certificate rotation' },
    S17: { title: 'etcd FAQ (v3.6)' },
    S18: { title: 'etcd hardware guide and limits' },
    S19: { title: 'kubernetes.io: operating etcd clusters' },
    S20: { title: 'etcd monitoring mixin alerts' },
    S21: { title: 'etcd metrics (v3.6)' },
    S22: { title: 'Amazon EKS user guide: choosing an instance type' },
    S23: { title: 'amazon-eks-ami max-pods calculator' },
    S24: { title: 'Amazon EKS user guide: increase available IP addresses' },
    S25: { title: 'Amazon EKS user guide: Fargate' },
    S26: { title: 'Amazon ECS user guide: Fargate tasks and services' },
    S27: { title: 'Amazon ECS user guide: task CPU and memory' },
    S28: { title: 'Amazon ECS developer guide: Fargate task storage' },
    S29: { title: 'Amazon ECS developer guide: EBS volumes' },
    S30: { title: 'Amazon ECS developer guide: task placement' },
    S31: { title: 'Amazon ECS developer guide: GPUs' },
    S32: {
      title: 'Amazon ECS docs: Service Connect, ECS Exec, managed instances',
    },
    S33: { title: 'kubernetes.io: metrics reference' },
    S34: { title: 'kubernetes/community: scalability SLOs' },
    S35: { title: 'AWS decision guide: choosing a container service' },
    S36: { title: 'aws/agent-toolkit-for-aws: containers skill' },
    S37: { title: 'kubernetes/kops: etcd backup, restore and encryption' },
    S38: {
      title:
        'Amazon ECS developer guide (archived 2023): ECS Anywhere, Service Connect, Fargate capacity providers, history',
    },
    S39: {
      title: 'Amazon EKS user guide: document history and Bottlerocket nodes',
    },
    S40: {
      title:
        'Amazon EKS user guide: Hybrid Nodes overview and CNI; Auto Mode cost control',
    },
    S41: { title: 'Amazon EKS user guide: Pod Identity and target roles' },
    S42: {
      title:
        'Amazon ECS API reference and guide: managed EBS volumes and Fargate EBS performance',
    },
    S43: {
      title:
        'Amazon ECS guide: task sizes with 32 vCPU; cfn-lint PR #4668; pulumi-awsx PR #2053',
    },
    S44: { title: 'AWS blog and ECS guide: ECS Express Mode' },
    S45: { title: 'AWS App Runner developer guide: availability change' },
    S46: {
      title:
        'AWS blog and ECS guide: ECS Managed Instances, with later Spot and daemon updates',
    },
    S47: { title: 'Amazon ECS pricing (copy read 2026-09-20)' },
    S48: {
      title:
        'Research notes quoting the Fargate and EBS pricing pages (read 2026-09/10)',
    },
    S49: {
      title:
        'Third-party EKS pricing guides: control plane, Auto Mode, Hybrid Nodes, EKS Anywhere',
    },
    S50: {
      title:
        'Amazon ECS guide: Fargate capacity providers; Fargate Spot on Graviton',
    },
    S51: { title: 'Amazon ECS developer guide: Bottlerocket' },
    S52: {
      title:
        'aws/karpenter-provider-aws: release tags, FAQ and generated EC2 price list (2026-07-20)',
    },
    S53: {
      title:
        'Retirement notices: Docker Compose ECS integration, Copilot CLI, App Mesh; EKS Fargate Graviton request',
    },
    S54: {
      title: 'amazon-eks-ami nodeadm kubelet reserves and eviction threshold',
    },
    S55: {
      title: 'CAST AI Kubernetes cost benchmark reports, as reported 2024-2026',
    },
    S56: {
      title:
        'Komodor 2025 Enterprise Kubernetes Report and CNCF blog 2026-05-11, as reported',
    },
    S57: {
      title:
        'Spectro Cloud 2024, Humanitec 2022, Auto Mode vs Karpenter guide, Gartner prediction',
    },
    S58: {
      title: 'Postmortems: Reddit Pi-Day outage (2023), OpenAI (2024-12-11)',
    },
    S59: {
      title:
        'aws/containers-roadmap EKS version issues and endoflife-date release data history',
    },
    S60: {
      title: 'EKS Anywhere overview, subscriptions and API',
    },
    config: { title: 'orchestration configuration of this installation' },
    seed: { title: 'Kubernetes vs ECS, an enterprise field report (2017)' },
  },
};
