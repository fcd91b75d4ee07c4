import {
  ANNOTATION_AWS_INTEGRATIONS,
  ANNOTATION_CURRENT_PLATFORM,
  ANNOTATION_ECOSYSTEM,
  ANNOTATION_PORTABILITY,
  ANNOTATION_RESOURCES,
  ANNOTATION_SCHEDULING,
  ANNOTATION_WORKLOAD_TYPE,
  PLATFORM_IDS,
  PlatformId,
  SIMPLE_WORKLOAD_TYPES,
  SchedulingNeed,
} from '../annotations';
import { OrchestrationOptions } from '../config';
import { FargateLimitFacts } from '../knowledge/types';
import { ComponentOrchestrationFacts } from '../parse/annotations';
import {
  ConstraintRuleId,
  EVIDENCE_OWNER_MEMBER_COUNT,
  EVIDENCE_PLATFORM_TEAM,
  WeightedRuleId,
} from './ruleIds';
import { Evidence, Reason } from './types';

/**
 * Team facts resolved from the catalog and configuration.
 *
 * @internal
 */
export interface TeamFacts {
  ownerRef?: string;
  ownerMemberCount?: number;
  /** Platform team refs; undefined when unknown. */
  platformTeams?: string[];
}

/**
 * What the rule evaluation produced.
 *
 * @internal
 */
export interface RuleOutcome {
  reasons: Record<PlatformId, Reason[]>;
  /** Kubernetes-need rules that fired (portability, scheduling, ecosystem, stateful). */
  kubernetesNeeds: WeightedRuleId[];
}

/** Scheduling features ECS has no counterpart for. */
const ECS_MISSING_FEATURES: readonly SchedulingNeed[] = [
  'taints',
  'priority-preemption',
  'topology-spread',
];

const FEATURE_WORDS: Record<SchedulingNeed, string> = {
  gpu: 'GPUs',
  'node-affinity': 'node affinity',
  'pod-anti-affinity': 'pod anti-affinity',
  taints: 'taints and tolerations',
  'priority-preemption': 'priority classes with preemption',
  'topology-spread': 'topology spread constraints',
  daemonset: 'DaemonSets',
};

function listWords(words: string[], conjunction = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${
    words[words.length - 1]
  }`;
}

function platformTeamValue(teams: string[]): string {
  return teams.length === 0 ? 'none' : teams.join(', ');
}

/**
 * Evaluates every rule of the framework. Pure: the same facts and options
 * always give the same reasons, in the same order.
 *
 * @internal
 */
export function evaluateRules(
  facts: ComponentOrchestrationFacts,
  team: TeamFacts,
  options: OrchestrationOptions,
): RuleOutcome {
  const reasons: Record<PlatformId, Reason[]> = {
    'ecs-fargate': [],
    'ecs-ec2': [],
    eks: [],
    'self-managed-kubernetes': [],
  };
  const weights = options.weights;

  /** Adds a weighted reason to every platform the rule has a non-zero weight for. */
  const apply = (
    rule: WeightedRuleId,
    evidence: Evidence[],
    explain: (platform: PlatformId, points: number) => string,
    multiplier = 1,
  ) => {
    const ruleWeights = weights[rule];
    for (const platform of PLATFORM_IDS) {
      const weight = ruleWeights[platform];
      if (weight === undefined || weight === 0) continue;
      const points = weight * multiplier;
      reasons[platform].push({
        rule,
        effect: points > 0 ? 'favours' : 'disfavours',
        points,
        evidence,
        explanation: explain(platform, points),
      });
    }
  };
  const block = (
    rule: ConstraintRuleId,
    evidence: Evidence[],
    explanation: string,
  ) => {
    reasons['ecs-fargate'].push({
      rule,
      effect: 'blocks',
      points: 0,
      evidence,
      explanation,
    });
  };

  const { workloadType, portability, scheduling, ecosystem, resources } = facts;
  const workloadEvidence: Evidence[] = workloadType
    ? [{ key: ANNOTATION_WORKLOAD_TYPE, value: workloadType }]
    : [];
  const resourcesEvidence: Evidence[] = facts.resourcesText
    ? [{ key: ANNOTATION_RESOURCES, value: facts.resourcesText }]
    : [];
  const platformTeams = team.platformTeams;
  const hasPlatformTeam =
    platformTeams !== undefined && platformTeams.length > 0;
  const noPlatformTeam =
    platformTeams !== undefined && platformTeams.length === 0;
  const teamEvidence: Evidence[] =
    platformTeams === undefined
      ? []
      : [
          {
            key: EVIDENCE_PLATFORM_TEAM,
            value: platformTeamValue(platformTeams),
          },
        ];

  // --- Hard constraints of Fargate -------------------------------------
  const fargate: FargateLimitFacts = options.knowledgeBase.fargate.ecs;
  const gpuEvidence: Evidence[] = [];
  if (scheduling.includes('gpu')) {
    gpuEvidence.push({ key: ANNOTATION_SCHEDULING, value: 'gpu' });
  }
  if (resources?.gpu !== undefined && resources.gpu > 0) {
    gpuEvidence.push(...resourcesEvidence);
  }
  if (gpuEvidence.length > 0 && !fargate.gpu) {
    block(
      'FARGATE-NO-GPU',
      gpuEvidence,
      'Fargate offers no GPUs, so a GPU task has to run on EC2 capacity (ECS on EC2 or Kubernetes nodes).',
    );
  }
  const oversize: string[] = [];
  if (resources?.cpu !== undefined && resources.cpu > fargate.maxVcpu) {
    oversize.push(`${resources.cpu} vCPU (limit ${fargate.maxVcpu})`);
  }
  if (
    resources?.memoryGi !== undefined &&
    resources.memoryGi > fargate.maxMemoryGi
  ) {
    oversize.push(
      `${resources.memoryGi} GiB of memory (limit ${fargate.maxMemoryGi})`,
    );
  }
  if (oversize.length > 0) {
    block(
      'FARGATE-MAX-SIZE',
      resourcesEvidence,
      `One task needs ${listWords(
        oversize,
      )}, more than the largest Fargate task.`,
    );
  }
  if (
    resources?.storageGi !== undefined &&
    resources.storageGi > fargate.maxEphemeralStorageGi
  ) {
    block(
      'FARGATE-STORAGE',
      resourcesEvidence,
      `One task needs ${resources.storageGi} GiB of local storage; Fargate tasks on ECS get at most ${fargate.maxEphemeralStorageGi} GiB of ephemeral storage.`,
    );
  }
  if (resources?.privileged && !fargate.privileged) {
    block(
      'FARGATE-NO-PRIVILEGED',
      resourcesEvidence,
      'Fargate refuses privileged containers; a privileged task needs instances you control.',
    );
  }
  if (scheduling.includes('daemonset') && !fargate.daemonSets) {
    block(
      'FARGATE-NO-DAEMONSET',
      [{ key: ANNOTATION_SCHEDULING, value: 'daemonset' }],
      'Fargate has no hosts of yours to run one copy per host on; per-host agents need EC2 capacity (an ECS daemon service or a Kubernetes DaemonSet), or a sidecar instead.',
    );
  }
  const fargateBlocked = reasons['ecs-fargate'].length > 0;

  // --- Favour ECS -------------------------------------------------------
  const simpleWorkload =
    workloadType !== undefined && SIMPLE_WORKLOAD_TYPES.includes(workloadType);
  if (simpleWorkload) {
    apply(
      'ECS-SIMPLE',
      workloadEvidence,
      () =>
        `Its workload type, ${workloadType}, is the kind ECS runs well with task definitions and services alone.`,
    );
  }
  if (
    noPlatformTeam &&
    team.ownerMemberCount !== undefined &&
    team.ownerMemberCount <= options.thresholds.smallTeamSize
  ) {
    apply(
      'ECS-SMALL-TEAM',
      [
        {
          key: EVIDENCE_OWNER_MEMBER_COUNT,
          value: String(team.ownerMemberCount),
        },
        ...teamEvidence,
      ],
      () =>
        `The owning team has ${team.ownerMemberCount} member${
          team.ownerMemberCount === 1 ? '' : 's'
        } (small means ${
          options.thresholds.smallTeamSize
        } or fewer) and no platform team exists, so nobody would be free to run a control plane; ECS leaves that to AWS.`,
    );
  }
  if (facts.awsIntegrations.length > 0) {
    apply(
      'ECS-AWS-INTEGRATION',
      [
        {
          key: ANNOTATION_AWS_INTEGRATIONS,
          value: facts.awsIntegrations.join(','),
        },
      ],
      () =>
        `It relies on ${facts.awsIntegrations.join(
          ', ',
        )}; ECS wires these in natively (per-task IAM roles, load balancer registration, logs, secrets) with no add-ons to install.`,
    );
  }
  if (workloadType !== undefined && !fargateBlocked) {
    apply(
      'ECS-FARGATE',
      resourcesEvidence.length > 0 ? resourcesEvidence : workloadEvidence,
      () =>
        resourcesEvidence.length > 0
          ? 'Nothing in its size or placement needs instances of its own, so Fargate can run it with no servers, AMIs or patching to manage.'
          : 'Nothing stated needs instances of its own, so Fargate can run it with no servers to manage (add orchestration.io/resources to confirm it fits the Fargate limits).',
    );
  }
  if (portability === 'aws-only') {
    apply(
      'ECS-AWS-ONLY',
      [{ key: ANNOTATION_PORTABILITY, value: portability }],
      () =>
        'It only has to run on AWS, so an AWS-only orchestrator costs it nothing in portability.',
    );
  }
  const missingOnEcs = scheduling.filter(need =>
    ECS_MISSING_FEATURES.includes(need),
  );
  if (missingOnEcs.length > 0) {
    apply(
      'ECS-SCHEDULING-GAP',
      [{ key: ANNOTATION_SCHEDULING, value: missingOnEcs.join(',') }],
      (_platform, points) =>
        `ECS has no ${listWords(
          missingOnEcs.map(need => FEATURE_WORDS[need]),
          'or',
        )}; its placement strategies and constraints can only approximate them, so this costs ${
          -points / missingOnEcs.length
        } points per missing feature. It does not rule ECS out.`,
      missingOnEcs.length,
    );
  }

  // --- Favour Kubernetes ------------------------------------------------
  const kubernetesNeeds: WeightedRuleId[] = [];
  if (portability === 'multi-cloud' || portability === 'hybrid') {
    kubernetesNeeds.push('K8S-PORTABILITY');
    const where =
      portability === 'hybrid'
        ? 'in a data centre and on AWS'
        : 'on more than one cloud';
    apply(
      'K8S-PORTABILITY',
      [{ key: ANNOTATION_PORTABILITY, value: portability }],
      platform =>
        platform.startsWith('ecs')
          ? `It must run ${where}, and ECS exists only on AWS.`
          : `It must run ${where}; Kubernetes offers the same API and manifests in every place.`,
    );
  }
  const kubernetesScheduling = scheduling.filter(need =>
    ECS_MISSING_FEATURES.includes(need),
  );
  if (scheduling.includes('gpu') && scheduling.includes('node-affinity')) {
    kubernetesScheduling.unshift('gpu', 'node-affinity');
  }
  if (kubernetesScheduling.length > 0) {
    kubernetesNeeds.push('K8S-SCHEDULING');
    apply(
      'K8S-SCHEDULING',
      [{ key: ANNOTATION_SCHEDULING, value: kubernetesScheduling.join(',') }],
      () =>
        `It needs ${listWords(
          kubernetesScheduling.map(need => FEATURE_WORDS[need]),
        )}, which the Kubernetes scheduler supports directly.`,
    );
  }
  if (ecosystem.length > 0) {
    kubernetesNeeds.push('K8S-ECOSYSTEM');
    apply(
      'K8S-ECOSYSTEM',
      [{ key: ANNOTATION_ECOSYSTEM, value: ecosystem.join(',') }],
      platform =>
        platform.startsWith('ecs')
          ? `It uses Kubernetes ecosystem tools (${ecosystem.join(
              ', ',
            )}); ECS has no equivalent and can only be extended with what AWS provides.`
          : `It uses Kubernetes ecosystem tools (${ecosystem.join(
              ', ',
            )}), which run natively on Kubernetes.`,
    );
  }
  if (workloadType === 'stateful') {
    kubernetesNeeds.push('K8S-STATEFUL');
    apply('K8S-STATEFUL', workloadEvidence, platform =>
      platform.startsWith('ecs')
        ? 'A stateful workload needs stable identities, ordered roll-outs and per-replica volumes; ECS has no StatefulSet equivalent.'
        : 'A stateful workload gets stable identities, ordered roll-outs and per-replica volumes from StatefulSets.',
    );
  }
  if (hasPlatformTeam) {
    apply(
      'K8S-PLATFORM-TEAM',
      teamEvidence,
      () =>
        'A platform team exists that can operate, upgrade and support Kubernetes clusters.',
    );
  }

  // --- Avoid Kubernetes -------------------------------------------------
  const onKubernetes =
    facts.currentPlatform === 'eks' ||
    facts.currentPlatform === 'self-managed-kubernetes';
  if (onKubernetes && kubernetesNeeds.length === 0) {
    apply(
      'AVOID-K8S-NO-NEED',
      [
        {
          key: ANNOTATION_CURRENT_PLATFORM,
          value: facts.currentPlatform as string,
        },
      ],
      () =>
        `It runs on ${facts.currentPlatform}, yet none of the reasons to need Kubernetes applies (portability, complex scheduling, ecosystem tools, stateful workload); that is choosing Kubernetes for its popularity.`,
    );
  }
  if (noPlatformTeam) {
    apply('AVOID-K8S-NO-TEAM', teamEvidence, platform =>
      platform === 'eks'
        ? 'No platform team exists; even with a managed control plane, someone must own upgrades, nodes and add-ons.'
        : 'No platform team exists to run a control plane, etcd, certificates and upgrades; Kubernetes does not operate itself.',
    );
  }
  if (simpleWorkload && kubernetesNeeds.length === 0) {
    apply(
      'AVOID-K8S-SIMPLE',
      workloadEvidence,
      () =>
        `A simple workload (${workloadType}) with no Kubernetes-only need would be served as well by ECS or Fargate, with less to operate.`,
    );
  }

  // --- Managed versus self-managed control plane -------------------------
  if (kubernetesNeeds.length > 0) {
    apply(
      'EKS-MANAGED',
      kubernetesNeeds.includes('K8S-PORTABILITY') && portability
        ? [{ key: ANNOTATION_PORTABILITY, value: portability }]
        : [],
      () =>
        'Where Kubernetes fits on AWS, EKS runs the control plane: etcd, control-plane certificates and control-plane scaling become AWS duties.',
    );
  }
  const dataCentre = portability === 'hybrid';
  const selfManagedEvidence: Evidence[] = [
    ...(portability
      ? [{ key: ANNOTATION_PORTABILITY, value: portability }]
      : []),
    ...teamEvidence,
  ];
  const selfManagedWeight =
    weights['SELF-MANAGED-ONLY-WHEN']['self-managed-kubernetes'];
  if (selfManagedWeight !== undefined && selfManagedWeight !== 0) {
    const magnitude = Math.abs(selfManagedWeight);
    const justified = dataCentre && hasPlatformTeam;
    let explanation: string;
    if (justified) {
      explanation =
        'It must also run in a data centre, where no managed control plane exists, and a platform team can operate one there.';
    } else if (dataCentre) {
      explanation =
        'It must also run in a data centre, but without a platform team nobody can operate a self-managed control plane there.';
    } else {
      explanation =
        'A managed control plane can serve it; running one yourself only makes sense for a data-centre footprint, and then only with a platform team.';
    }
    reasons['self-managed-kubernetes'].push({
      rule: 'SELF-MANAGED-ONLY-WHEN',
      effect: justified ? 'favours' : 'disfavours',
      points: justified ? magnitude : -magnitude,
      evidence: selfManagedEvidence,
      explanation,
    });
  }

  return { reasons, kubernetesNeeds };
}
