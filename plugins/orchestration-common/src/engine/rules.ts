import {
  ANNOTATION_AWS_INTEGRATIONS,
  ANNOTATION_CURRENT_PLATFORM,
  ANNOTATION_ECOSYSTEM,
  ANNOTATION_PORTABILITY,
  ANNOTATION_RESOURCES,
  ANNOTATION_SCHEDULING,
  ANNOTATION_WORKLOAD_TYPE,
  EcosystemTool,
  PLATFORM_IDS,
  PlatformId,
  SIMPLE_WORKLOAD_TYPES,
  SchedulingNeed,
} from '../annotations';
import { OrchestrationOptions } from '../config';
import { FargateLimitFacts, PlatformOptionId } from '../knowledge/types';
import { ComponentOrchestrationFacts } from '../parse/annotations';
import {
  ConstraintRuleId,
  EVIDENCE_OWNER_MEMBER_COUNT,
  EVIDENCE_PLATFORM_TEAM,
  ExplainRuleId,
  RuleId,
  WeightedRuleId,
} from './ruleIds';
import { outranks } from './ranking';
import { Evidence, NamedOption, Reason, ReasonEffect } from './types';

/**
 * Team facts resolved from the catalog and configuration.
 *
 * @internal
 */
export interface TeamFacts {
  ownerRef?: string;
  ownerMemberCount?: number;
  /** Platform team refs (each with at least one member); undefined when unknown. */
  platformTeams?: readonly string[];
}

/**
 * What the rule evaluation produced for one set of facts.
 *
 * @internal
 */
export interface RuleOutcome {
  /** Reasons per platform; empty arrays when evaluated for scores only. */
  reasons: Record<PlatformId, Reason[]>;
  /** `base + points`, per platform, uncapped. */
  scores: Record<PlatformId, number>;
  blocked: Record<PlatformId, boolean>;
  /** Platforms capped at `possible` because they lack a needed feature. */
  capped: Record<PlatformId, boolean>;
  /** Kubernetes-need rules that fired (portability, scheduling, ecosystem, stateful). */
  kubernetesNeeds: WeightedRuleId[];
}

/** Scheduling features ECS has no counterpart for. */
const ECS_MISSING_FEATURES: readonly SchedulingNeed[] = [
  'taints',
  'priority-preemption',
  'topology-spread',
];

/** Ecosystem entries that are needs; the others are tooling that runs anywhere. */
const ECOSYSTEM_NEEDS: readonly EcosystemTool[] = [
  'service-mesh',
  'operator',
  'custom-controller',
  'crd',
  'admission-controller',
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

/**
 * The platforms, as a binding of this module: built to CommonJS, an imported
 * constant is read through a getter on every use, which shows in the hottest loop.
 */
const PLATFORMS: readonly PlatformId[] = PLATFORM_IDS;
const ECS: readonly PlatformId[] = ['ecs-fargate', 'ecs-ec2'];
const KUBERNETES: readonly PlatformId[] = ['eks', 'self-managed-kubernetes'];

function listWords(words: readonly string[], conjunction = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${
    words[words.length - 1]
  }`;
}

/** How a task's size relates to the Fargate task sizes of the knowledge base. */
type FargateFit =
  | 'unknown'
  | 'fits'
  /** Fits only a size that the knowledge base has from a secondary source. */
  | 'fits-secondary'
  | 'too-big';

function fargateFit(
  facts: ComponentOrchestrationFacts,
  fargate: FargateLimitFacts,
): FargateFit {
  const resources = facts.resources;
  if (resources?.cpu === undefined || resources.memoryGi === undefined) {
    return 'unknown';
  }
  if (
    resources.cpu > fargate.maxVcpu ||
    resources.memoryGi > fargate.maxMemoryGi
  ) {
    return 'too-big';
  }
  const primaryVcpu = fargate.primaryMaxVcpu ?? fargate.maxVcpu;
  const primaryMemory = fargate.primaryMaxMemoryGi ?? fargate.maxMemoryGi;
  if (resources.cpu > primaryVcpu || resources.memoryGi > primaryMemory) {
    return 'fits-secondary';
  }
  return 'fits';
}

/**
 * Why the size of one task is unknown, in words: not given, unreadable, or
 * given without cpu and memory; followed by what that leaves unknown.
 *
 * @internal
 */
export function sizeUnknownWords(
  facts: ComponentOrchestrationFacts,
  consequence: string,
): string {
  if (!facts.resourcesText) {
    return `The size of one task is not given, so ${consequence}; add ${ANNOTATION_RESOURCES} (e.g. cpu=1,memory=2Gi).`;
  }
  if (!facts.resources) {
    return `${ANNOTATION_RESOURCES} could not be read (see the annotation problems), so ${consequence}; fix the value.`;
  }
  return `${ANNOTATION_RESOURCES} gives no cpu and memory for one task, so ${consequence}; add both (e.g. cpu=1,memory=2Gi).`;
}

/** Everything the rules read, derived once per evaluation. */
interface RuleContext {
  facts: ComponentOrchestrationFacts;
  team: TeamFacts;
  options: OrchestrationOptions;
  fargate: FargateLimitFacts;
  simpleWorkload: boolean;
  hasPlatformTeam: boolean;
  noPlatformTeam: boolean;
  teamEvidence: Evidence[];
  resourcesEvidence: Evidence[];
  fargateFit: FargateFit;
  /** Set by the constraint rules when Fargate cannot run it at all. */
  fargateBlocked: boolean;
  schedulingGap: SchedulingNeed[];
  kubernetesScheduling: SchedulingNeed[];
  ecosystemNeeds: EcosystemTool[];
  ecosystemTooling: EcosystemTool[];
  kubernetesNeeds: WeightedRuleId[];
  /** False when only scores are wanted: rules then skip building texts. */
  explain: boolean;
}

/** One rule's verdict on one platform, before counting. */
interface Contribution {
  rule: RuleId;
  effect: ReasonEffect;
  points: number;
  /** The input fact whose points this adds; one rule per fact and platform. */
  counts?: string;
  evidence: Evidence[];
  explain: () => string;
  alternatives?: readonly PlatformOptionId[];
  /** Caps the platform's verdict at `possible` and ranks it after platforms without a cap. */
  cap?: boolean;
}

interface Emit {
  reason(platform: PlatformId, contribution: Contribution): void;
  /** The score-only path: the same counting, without building a reason. */
  score(
    platform: PlatformId,
    rule: RuleId,
    points: number,
    counts: string | undefined,
    effect: ReasonEffect,
    cap?: boolean,
  ): void;
}

/** A rule of the framework: reads the context, emits per platform. */
type Rule = (ctx: RuleContext, emit: Emit) => void;

/** What a weighted rule shows with its points; built only when explaining. */
interface WeightedDescription {
  evidence: Evidence[];
  explain: (platform: PlatformId, points: number) => string;
  extra?: (
    platform: PlatformId,
  ) => Partial<Pick<Contribution, 'alternatives' | 'points'>> | undefined;
}

/**
 * Emits a weighted rule on every platform its weights name. `describe` runs
 * only when explaining; `pointsFor` overrides the weight where a rule counts
 * a fact for less on some platform (it must agree with `extra().points`).
 */
function weighted(
  ctx: RuleContext,
  emit: Emit,
  rule: WeightedRuleId,
  counts: string,
  describe: () => WeightedDescription,
  pointsFor?: (platform: PlatformId) => number | undefined,
) {
  const weights = ctx.options.weights[rule];
  let description: WeightedDescription | undefined;
  let sameForAll: string | undefined;
  for (let index = 0; index < PLATFORMS.length; index++) {
    const platform = PLATFORMS[index];
    const weight = weights[platform];
    if (weight === undefined || weight === 0) continue;
    if (!ctx.explain) {
      const points = pointsFor?.(platform) ?? weight;
      emit.score(
        platform,
        rule,
        points,
        counts,
        points >= 0 ? 'favours' : 'disfavours',
      );
      continue;
    }
    description ??= describe();
    const { explain } = description;
    const more = description.extra?.(platform);
    const points = more?.points ?? weight;
    // An explanation that takes no platform reads the same on each: build it once.
    if (explain.length === 0) sameForAll ??= explain(platform, points);
    const text = explain.length === 0 ? sameForAll! : undefined;
    emit.reason(platform, {
      rule,
      effect: points >= 0 ? 'favours' : 'disfavours',
      points,
      counts,
      evidence: description.evidence,
      explain:
        text === undefined ? () => explain(platform, points) : () => text,
      alternatives: more?.alternatives,
    });
  }
}

function block(
  ctx: RuleContext,
  emit: Emit,
  platforms: readonly PlatformId[],
  rule: ConstraintRuleId,
  evidence: Evidence[],
  explanation: (platform: PlatformId) => string,
  alternatives?: readonly PlatformOptionId[],
) {
  for (const platform of platforms) {
    if (platform === 'ecs-fargate') ctx.fargateBlocked = true;
    emit.reason(platform, {
      rule,
      effect: 'blocks',
      points: 0,
      evidence,
      explain: () => explanation(platform),
      alternatives,
    });
  }
}

function explainOnly(
  emit: Emit,
  platforms: readonly PlatformId[],
  rule: ExplainRuleId,
  evidence: Evidence[],
  explanation: (platform: PlatformId) => string,
  more: Partial<Pick<Contribution, 'alternatives' | 'cap' | 'effect'>> = {},
) {
  for (const platform of platforms) {
    emit.reason(platform, {
      rule,
      effect: more.effect ?? 'disfavours',
      points: 0,
      evidence,
      explain: () => explanation(platform),
      alternatives: more.alternatives,
      cap: more.cap,
    });
  }
}

// --- Hard constraints ---------------------------------------------------

const reqPortability: Rule = (ctx, emit) => {
  if (ctx.facts.portability !== 'multi-cloud') return;
  block(
    ctx,
    emit,
    ECS,
    'REQ-PORTABILITY',
    [{ key: ANNOTATION_PORTABILITY, value: 'multi-cloud' }],
    () =>
      'It must run on more than one cloud, and ECS has a control plane only in AWS: even ECS Anywhere hosts are run from an AWS Region. Portability is a requirement here, not a preference.',
    ['ecs-anywhere'],
  );
};

const fargateConstraints: Rule = (ctx, emit) => {
  const { facts, fargate, resourcesEvidence } = ctx;
  const resources = facts.resources;
  const fargateOnly: readonly PlatformId[] = ['ecs-fargate'];
  const gpuEvidence: Evidence[] = [];
  if (facts.scheduling.includes('gpu')) {
    gpuEvidence.push({ key: ANNOTATION_SCHEDULING, value: 'gpu' });
  }
  if (resources?.gpu !== undefined && resources.gpu > 0) {
    gpuEvidence.push(...resourcesEvidence);
  }
  const needsGpu =
    facts.scheduling.includes('gpu') ||
    (resources?.gpu !== undefined && resources.gpu > 0);
  if (needsGpu && !fargate.gpu) {
    block(
      ctx,
      emit,
      fargateOnly,
      'FARGATE-NO-GPU',
      gpuEvidence,
      () =>
        'Fargate has no GPUs. On ECS a GPU task runs on EC2 capacity, which ECS Managed Instances can run for you without operating the instances yourself.',
      ['ecs-managed-instances'],
    );
  }
  if (ctx.fargateFit === 'too-big') {
    const over: string[] = [];
    if (resources!.cpu! > fargate.maxVcpu) {
      over.push(`${resources!.cpu} vCPU (limit ${fargate.maxVcpu})`);
    }
    if (resources!.memoryGi! > fargate.maxMemoryGi) {
      over.push(
        `${roundTo(resources!.memoryGi!, 1)} GiB of memory (limit ${
          fargate.maxMemoryGi
        } GiB)`,
      );
    }
    block(
      ctx,
      emit,
      fargateOnly,
      'FARGATE-MAX-SIZE',
      resourcesEvidence,
      () =>
        `One task needs ${listWords(
          over,
        )}, more than the largest Fargate task.`,
    );
  }
  if (
    resources?.storageGi !== undefined &&
    resources.storageGi > fargate.maxEphemeralStorageGi
  ) {
    block(
      ctx,
      emit,
      fargateOnly,
      'FARGATE-STORAGE',
      resourcesEvidence,
      () =>
        `One task needs ${roundTo(
          resources.storageGi!,
          1,
        )} GiB of ephemeral storage; a Fargate task on ECS gets at most ${
          fargate.maxEphemeralStorageGi
        } GiB. Persistent data belongs on a volume (volume=<n>Gi), which ECS can attach per task.`,
      ['ecs-managed-ebs'],
    );
  }
  if (resources?.privileged && !fargate.privileged) {
    block(
      ctx,
      emit,
      fargateOnly,
      'FARGATE-NO-PRIVILEGED',
      resourcesEvidence,
      () =>
        'Fargate refuses privileged containers; a privileged task needs instances you control.',
    );
  }
  if (facts.scheduling.includes('daemonset') && !fargate.daemonSets) {
    block(
      ctx,
      emit,
      fargateOnly,
      'FARGATE-NO-DAEMONSET',
      [{ key: ANNOTATION_SCHEDULING, value: 'daemonset' }],
      () =>
        'Fargate has no hosts of yours to run one copy per host on; per-host agents need EC2 capacity (an ECS daemon service or a Kubernetes DaemonSet), or a sidecar instead.',
    );
  }
};

// --- Favour ECS ---------------------------------------------------------

const ecsSimple: Rule = (ctx, emit) => {
  if (!ctx.simpleWorkload) return;
  const workloadType = ctx.facts.workloadType!;
  weighted(ctx, emit, 'ECS-SIMPLE', ANNOTATION_WORKLOAD_TYPE, () => ({
    evidence: [{ key: ANNOTATION_WORKLOAD_TYPE, value: workloadType }],
    explain: () =>
      `Its workload type, ${workloadType}, is the kind ECS runs well with task definitions and services alone.`,
  }));
};

const ecsSmallTeam: Rule = (ctx, emit) => {
  const count = ctx.team.ownerMemberCount;
  const small = ctx.options.thresholds.smallTeamSize;
  if (!ctx.noPlatformTeam || count === undefined || count > small) return;
  weighted(ctx, emit, 'ECS-SMALL-TEAM', EVIDENCE_PLATFORM_TEAM, () => ({
    evidence: [
      { key: EVIDENCE_OWNER_MEMBER_COUNT, value: String(count) },
      ...ctx.teamEvidence,
    ],
    explain: () =>
      `The owning team has ${count} member${
        count === 1 ? '' : 's'
      } (small means ${small} or fewer) and no platform team exists, so nobody would be free to run a control plane; ECS leaves that to AWS.`,
  }));
};

const ecsAwsIntegration: Rule = (ctx, emit) => {
  const integrations = ctx.facts.awsIntegrations;
  if (integrations.length === 0) return;
  weighted(
    ctx,
    emit,
    'ECS-AWS-INTEGRATION',
    ANNOTATION_AWS_INTEGRATIONS,
    () => ({
      evidence: [
        { key: ANNOTATION_AWS_INTEGRATIONS, value: integrations.join(',') },
      ],
      explain: () =>
        `It relies on ${integrations.join(
          ', ',
        )}; ECS wires these in natively (per-task IAM roles, load balancer registration, logs, secrets). EKS reaches most of them through add-ons, and per-service roles through EKS Pod Identity.`,
      extra: () =>
        integrations.includes('iam-task-role')
          ? { alternatives: ['eks-pod-identity'] }
          : undefined,
    }),
  );
};

const ecsFargate: Rule = (ctx, emit) => {
  // Something already forces instances (or rules ECS out): no claim to make.
  if (ctx.facts.workloadType === undefined || ctx.fargateBlocked) return;
  const fit = ctx.fargateFit;
  if (fit === 'too-big') return;
  const evidence = ctx.resourcesEvidence;
  if (fit === 'unknown') {
    // The size is unknown: no rule may claim the task fits Fargate.
    emit.reason('ecs-fargate', {
      rule: 'ECS-FARGATE',
      effect: 'favours',
      points: 0,
      evidence,
      explain: () =>
        sizeUnknownWords(
          ctx.facts,
          'whether one task fits a Fargate task size is unknown',
        ),
    });
    return;
  }
  const secondary = fit === 'fits-secondary';
  weighted(
    ctx,
    emit,
    'ECS-FARGATE',
    ANNOTATION_RESOURCES,
    () => ({
      evidence: evidence,
      explain: () =>
        secondary
          ? `One task fits only the largest Fargate sizes (up to ${ctx.fargate.maxVcpu} vCPU and ${ctx.fargate.maxMemoryGi} GiB), known from a secondary source; confirm them in your Region before relying on Fargate for it.`
          : 'Nothing in its size or placement needs instances of its own, so Fargate can run it with no servers, AMIs or patching to manage.',
      extra: () =>
        secondary
          ? { points: 0, alternatives: ['fargate-large-tasks'] }
          : undefined,
    }),
    () => (secondary ? 0 : undefined),
  );
};

const ecsAwsOnly: Rule = (ctx, emit) => {
  if (ctx.facts.portability !== 'aws-only') return;
  weighted(ctx, emit, 'ECS-AWS-ONLY', ANNOTATION_PORTABILITY, () => ({
    evidence: [{ key: ANNOTATION_PORTABILITY, value: 'aws-only' }],
    explain: () =>
      'It only has to run on AWS, so an AWS-only orchestrator costs it nothing in portability.',
  }));
};

// --- Favour Kubernetes --------------------------------------------------

const k8sPortability: Rule = (ctx, emit) => {
  const portability = ctx.facts.portability;
  if (portability !== 'multi-cloud' && portability !== 'hybrid') return;
  ctx.kubernetesNeeds.push('K8S-PORTABILITY');
  const hybrid = portability === 'hybrid';
  weighted(ctx, emit, 'K8S-PORTABILITY', ANNOTATION_PORTABILITY, () => ({
    evidence: [{ key: ANNOTATION_PORTABILITY, value: portability }],
    explain: platform => {
      if (!hybrid) {
        return platform === 'eks' || platform === 'self-managed-kubernetes'
          ? 'It must run on more than one cloud; Kubernetes offers the same API and manifests on each.'
          : 'It must run on more than one cloud, and ECS exists only in AWS.';
      }
      switch (platform) {
        case 'ecs-fargate':
          return 'It must run in a data centre and on AWS; Fargate serves only the cloud side.';
        case 'ecs-ec2':
          return 'It must run in a data centre and on AWS; ECS Anywhere can run its tasks on your own servers, but without load balancing, service discovery or awsvpc networking there.';
        case 'eks':
          return 'It must run in a data centre and on AWS; Kubernetes runs the same manifests in both, and EKS Hybrid Nodes put data-centre servers under the EKS control plane over a private link.';
        default:
          return 'It must run in a data centre and on AWS; Kubernetes runs the same manifests in both, and a disconnected site needs a control plane of its own there (EKS Anywhere or another distribution).';
      }
    },
    extra: platform => {
      if (!hybrid) return undefined;
      const byPlatform: Record<PlatformId, PlatformOptionId[]> = {
        'ecs-fargate': [],
        'ecs-ec2': ['ecs-anywhere'],
        eks: ['eks-hybrid-nodes'],
        'self-managed-kubernetes': ['eks-anywhere'],
      };
      return { alternatives: byPlatform[platform] };
    },
  }));
};

const k8sScheduling: Rule = (ctx, emit) => {
  const needs = ctx.kubernetesScheduling;
  if (needs.length === 0) return;
  ctx.kubernetesNeeds.push('K8S-SCHEDULING');
  weighted(ctx, emit, 'K8S-SCHEDULING', ANNOTATION_SCHEDULING, () => ({
    evidence: [{ key: ANNOTATION_SCHEDULING, value: needs.join(',') }],
    explain: () =>
      `It needs ${listWords(
        needs.map(need => FEATURE_WORDS[need]),
      )}, which the Kubernetes scheduler supports directly.`,
  }));
};

const ecsSchedulingGap: Rule = (ctx, emit) => {
  const gap = ctx.schedulingGap;
  if (gap.length === 0) return;
  explainOnly(
    emit,
    ECS,
    'ECS-SCHEDULING-GAP',
    [{ key: ANNOTATION_SCHEDULING, value: gap.join(',') }],
    () =>
      `ECS has no ${listWords(
        gap.map(need => FEATURE_WORDS[need]),
        'or',
      )}; its placement strategies and constraints cannot express them, so ECS is at best possible here and ranks after every platform that has them.`,
    { cap: true },
  );
};

const k8sEcosystem: Rule = (ctx, emit) => {
  const needs = ctx.ecosystemNeeds;
  if (needs.length === 0) return;
  ctx.kubernetesNeeds.push('K8S-ECOSYSTEM');
  // Service Connect covers service-to-service traffic on ECS, so a mesh alone costs ECS nothing.
  const meshOnly = needs.length === 1 && needs[0] === 'service-mesh';
  weighted(
    ctx,
    emit,
    'K8S-ECOSYSTEM',
    ANNOTATION_ECOSYSTEM,
    () => ({
      evidence: [{ key: ANNOTATION_ECOSYSTEM, value: needs.join(',') }],
      explain: platform => {
        const onEcs = platform === 'ecs-fargate' || platform === 'ecs-ec2';
        if (!onEcs) {
          return `It depends on ${listWords(
            needs,
          )}, which run natively on Kubernetes.`;
        }
        if (meshOnly) {
          return 'It needs a service mesh for service-to-service traffic; on ECS, Service Connect gives short names, a managed proxy, metrics and logs without running a mesh.';
        }
        return `It depends on ${listWords(
          needs,
        )}; ECS has no equivalent and can only be extended with what AWS provides.`;
      },
      extra: platform => {
        const onEcs = platform === 'ecs-fargate' || platform === 'ecs-ec2';
        if (!onEcs || !needs.includes('service-mesh')) return undefined;
        return meshOnly
          ? { points: 0, alternatives: ['ecs-service-connect'] }
          : { alternatives: ['ecs-service-connect'] };
      },
    }),
    platform =>
      meshOnly && (platform === 'ecs-fargate' || platform === 'ecs-ec2')
        ? 0
        : undefined,
  );
};

const k8sTooling: Rule = (ctx, emit) => {
  const tooling = ctx.ecosystemTooling;
  if (tooling.length === 0) return;
  explainOnly(
    emit,
    KUBERNETES,
    'K8S-TOOLING',
    [{ key: ANNOTATION_ECOSYSTEM, value: tooling.join(',') }],
    () =>
      `It uses ${listWords(
        tooling,
      )}: tooling that works on Kubernetes or beside any platform, not a reason to need Kubernetes.`,
    { effect: 'favours' },
  );
};

const k8sStateful: Rule = (ctx, emit) => {
  if (ctx.facts.workloadType !== 'stateful') return;
  ctx.kubernetesNeeds.push('K8S-STATEFUL');
  weighted(ctx, emit, 'K8S-STATEFUL', ANNOTATION_WORKLOAD_TYPE, () => ({
    evidence: [{ key: ANNOTATION_WORKLOAD_TYPE, value: 'stateful' }],
    explain: platform =>
      platform === 'ecs-fargate' || platform === 'ecs-ec2'
        ? 'A stateful workload needs stable identities and ordered roll-outs; ECS can attach one EBS volume per task, but has no StatefulSet equivalent.'
        : 'A stateful workload gets stable identities, ordered roll-outs and per-replica volumes from StatefulSets.',
    extra: platform =>
      platform === 'ecs-fargate' || platform === 'ecs-ec2'
        ? { alternatives: ['ecs-managed-ebs'] }
        : undefined,
  }));
};

const k8sPlatformTeam: Rule = (ctx, emit) => {
  if (!ctx.hasPlatformTeam) return;
  weighted(ctx, emit, 'K8S-PLATFORM-TEAM', EVIDENCE_PLATFORM_TEAM, () => ({
    evidence: ctx.teamEvidence,
    explain: () =>
      'A platform team exists that can operate, upgrade and support Kubernetes clusters.',
  }));
};

// --- Avoid Kubernetes ---------------------------------------------------

const avoidNoNeed: Rule = (ctx, emit) => {
  const current = ctx.facts.currentPlatform;
  const onKubernetes =
    current === 'eks' || current === 'self-managed-kubernetes';
  if (!onKubernetes || ctx.kubernetesNeeds.length > 0) return;
  weighted(ctx, emit, 'AVOID-K8S-NO-NEED', ANNOTATION_CURRENT_PLATFORM, () => ({
    evidence: [{ key: ANNOTATION_CURRENT_PLATFORM, value: current! }],
    explain: () =>
      `It runs on ${current}, yet none of the reasons to need Kubernetes applies (portability, scheduling ECS cannot express, ecosystem needs, a stateful workload).`,
  }));
};

const avoidNoTeam: Rule = (ctx, emit) => {
  if (!ctx.noPlatformTeam) return;
  weighted(ctx, emit, 'AVOID-K8S-NO-TEAM', EVIDENCE_PLATFORM_TEAM, () => ({
    evidence: ctx.teamEvidence,
    explain: platform =>
      platform === 'eks'
        ? 'No platform team exists; even with a managed control plane someone must own upgrades, nodes and add-ons (EKS Auto Mode takes over node operations, not upgrades).'
        : 'No platform team exists to run a control plane, etcd, certificates and upgrades; Kubernetes does not operate itself.',
    extra: platform =>
      platform === 'eks' ? { alternatives: ['eks-auto-mode'] } : undefined,
  }));
};

const avoidSimple: Rule = (ctx, emit) => {
  if (!ctx.simpleWorkload || ctx.kubernetesNeeds.length > 0) return;
  const workloadType = ctx.facts.workloadType!;
  weighted(ctx, emit, 'AVOID-K8S-SIMPLE', ANNOTATION_WORKLOAD_TYPE, () => ({
    evidence: [{ key: ANNOTATION_WORKLOAD_TYPE, value: workloadType }],
    explain: () =>
      `A simple workload (${workloadType}) with no Kubernetes-only need would be served as well by ECS or Fargate, with less to operate.`,
  }));
};

// --- Managed versus self-managed control plane ---------------------------

const eksManaged: Rule = (ctx, emit) => {
  if (ctx.kubernetesNeeds.length === 0) return;
  weighted(ctx, emit, 'EKS-MANAGED', 'knowledge:eks-control-plane', () => ({
    evidence: [
      {
        key: 'knowledge:eks-control-plane',
        value: 'AWS runs etcd, control-plane certificates and scaling',
      },
    ],
    explain: () =>
      'Where Kubernetes fits, EKS runs the control plane: etcd, control-plane certificates and control-plane scaling become AWS duties.',
  }));
};

const selfManagedOnlyWhen: Rule = (ctx, emit) => {
  const weight =
    ctx.options.weights['SELF-MANAGED-ONLY-WHEN']['self-managed-kubernetes'];
  if (weight === undefined || weight === 0) return;
  const portability = ctx.facts.portability;
  const magnitude = Math.abs(weight);
  const hybrid = portability === 'hybrid';
  const justified = hybrid && ctx.hasPlatformTeam;
  // For hybrid the answer turns on the platform team too: cite it.
  const evidence: Evidence[] = [
    ...(portability
      ? [{ key: ANNOTATION_PORTABILITY, value: portability }]
      : []),
    ...(hybrid ? ctx.teamEvidence : []),
  ];
  let explanation: string;
  if (justified) {
    explanation =
      'A data-centre site with no reliable link to AWS needs a control plane of its own, and a platform team can run one there; where a private link exists, EKS Hybrid Nodes avoid it.';
  } else if (hybrid) {
    explanation =
      'It must also run in a data centre, but without a platform team nobody can operate a self-managed control plane there.';
  } else {
    explanation =
      'A managed control plane can serve it; running one yourself only pays off for a data-centre site without a link to AWS, and then only with a platform team.';
  }
  emit.reason('self-managed-kubernetes', {
    rule: 'SELF-MANAGED-ONLY-WHEN',
    effect: justified ? 'favours' : 'disfavours',
    points: justified ? magnitude : -magnitude,
    counts: portability ? ANNOTATION_PORTABILITY : undefined,
    evidence,
    explain: () => explanation,
    alternatives: hybrid ? ['eks-hybrid-nodes', 'eks-anywhere'] : undefined,
  });
};

/**
 * The rules in the order of the contract. Order matters once: when two rules
 * count the same input fact on a platform, the first one adds the points.
 */
const RULES: readonly Rule[] = [
  reqPortability,
  fargateConstraints,
  ecsSimple,
  ecsSmallTeam,
  ecsAwsIntegration,
  ecsFargate,
  ecsAwsOnly,
  k8sPortability,
  k8sScheduling,
  ecsSchedulingGap,
  k8sEcosystem,
  k8sTooling,
  k8sStateful,
  k8sPlatformTeam,
  avoidNoNeed,
  avoidNoTeam,
  avoidSimple,
  eksManaged,
  selfManagedOnlyWhen,
];

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function contextFor(
  facts: ComponentOrchestrationFacts,
  team: TeamFacts,
  options: OrchestrationOptions,
  explain: boolean,
): RuleContext {
  const fargate = options.knowledgeBase.fargate.ecs;
  const platformTeams = team.platformTeams;
  const schedulingGap = facts.scheduling.filter(need =>
    ECS_MISSING_FEATURES.includes(need),
  );
  const kubernetesScheduling =
    facts.scheduling.includes('gpu') &&
    facts.scheduling.includes('node-affinity')
      ? (['gpu', 'node-affinity', ...schedulingGap] as SchedulingNeed[])
      : schedulingGap;
  return {
    facts,
    team,
    options,
    fargate,
    simpleWorkload:
      facts.workloadType !== undefined &&
      SIMPLE_WORKLOAD_TYPES.includes(facts.workloadType),
    hasPlatformTeam: platformTeams !== undefined && platformTeams.length > 0,
    noPlatformTeam: platformTeams !== undefined && platformTeams.length === 0,
    teamEvidence:
      platformTeams === undefined || !explain
        ? []
        : [
            {
              key: EVIDENCE_PLATFORM_TEAM,
              value:
                platformTeams.length === 0 ? 'none' : platformTeams.join(', '),
            },
          ],
    resourcesEvidence:
      explain && facts.resourcesText
        ? [{ key: ANNOTATION_RESOURCES, value: facts.resourcesText }]
        : [],
    fargateFit: fargateFit(facts, fargate),
    fargateBlocked: false,
    schedulingGap,
    kubernetesScheduling,
    ecosystemNeeds: facts.ecosystem.filter(tool =>
      ECOSYSTEM_NEEDS.includes(tool),
    ),
    ecosystemTooling: facts.ecosystem.filter(
      tool => !ECOSYSTEM_NEEDS.includes(tool),
    ),
    kubernetesNeeds: [],
    explain,
  };
}

/** The input facts that rules count points for (see `Contribution.counts`). */
const COUNTED_FACTS: readonly string[] = [
  ANNOTATION_WORKLOAD_TYPE,
  ANNOTATION_PORTABILITY,
  ANNOTATION_SCHEDULING,
  ANNOTATION_ECOSYSTEM,
  ANNOTATION_AWS_INTEGRATIONS,
  ANNOTATION_RESOURCES,
  ANNOTATION_CURRENT_PLATFORM,
  EVIDENCE_PLATFORM_TEAM,
  'knowledge:eks-control-plane',
];

/** The reasons of a score-only evaluation: none, and nothing may add any. */
const NO_REASONS: Record<PlatformId, Reason[]> = Object.freeze({
  'ecs-fargate': Object.freeze([]) as unknown as Reason[],
  'ecs-ec2': Object.freeze([]) as unknown as Reason[],
  eks: Object.freeze([]) as unknown as Reason[],
  'self-managed-kubernetes': Object.freeze([]) as unknown as Reason[],
});

const noOption = () => undefined;

/** Runs the rule table once: the one implementation behind both views below. */
function runRules(
  facts: ComponentOrchestrationFacts,
  team: TeamFacts,
  options: OrchestrationOptions,
  explain: boolean,
  resolveOption: (id: PlatformOptionId) => NamedOption | undefined,
): RawOutcome {
  const ctx = contextFor(facts, team, options, explain);
  const reasons: Record<PlatformId, Reason[]> = explain
    ? {
        'ecs-fargate': [],
        'ecs-ec2': [],
        eks: [],
        'self-managed-kubernetes': [],
      }
    : NO_REASONS;
  // Per platform, by index in PLATFORM_IDS: arrays keep the hot counting loop cheap.
  const base = options.baseFit;
  const scores = [
    base['ecs-fargate'],
    base['ecs-ec2'],
    base.eks,
    base['self-managed-kubernetes'],
  ];
  const blocked = [false, false, false, false];
  const capped = [false, false, false, false];
  const kubernetesNeeds = ctx.kubernetesNeeds;
  // Which rule added points for which fact on which platform: one fact, one
  // rule. A bit per counted fact and platform; the rule that counted it is
  // kept at [platform * COUNTED_FACTS.length + fact].
  const countedMasks = [0, 0, 0, 0];
  const countedRules: RuleId[] = [];
  /** Adds the points unless the fact was counted already; returns the rule that counted it before. */
  const count = (
    platform: PlatformId,
    rule: RuleId,
    points: number,
    counts: string | undefined,
    effect: ReasonEffect,
    cap: boolean | undefined,
  ): RuleId | undefined => {
    const index = platformIndex(platform);
    let counter: RuleId | undefined;
    const fact = counts === undefined ? -1 : COUNTED_FACTS.indexOf(counts);
    if (fact >= 0 && points !== 0) {
      const bit = 1 << fact;
      const slot = index * COUNTED_FACTS.length + fact;
      if (countedMasks[index] & bit) {
        counter = countedRules[slot];
      } else {
        countedMasks[index] |= bit;
        countedRules[slot] = rule;
      }
    }
    if (counter === undefined) scores[index] += points;
    if (effect === 'blocks') blocked[index] = true;
    if (cap) capped[index] = true;
    return counter;
  };
  const reasonFrom = (platform: PlatformId, contribution: Contribution) => {
    const counter = count(
      platform,
      contribution.rule,
      contribution.points,
      contribution.counts,
      contribution.effect,
      contribution.cap,
    );
    if (!explain) return;
    const reason: Reason = {
      rule: contribution.rule,
      effect: contribution.effect,
      points: counter === undefined ? contribution.points : 0,
      // Built for this evaluation: a result never shares it with another.
      evidence: contribution.evidence,
      explanation: contribution.explain(),
    };
    if (counter !== undefined) {
      reason.countedBy = counter;
      reason.explanation += ` Its fact already counted on this platform through ${counter}, so it adds no points here.`;
    }
    if (contribution.alternatives && contribution.alternatives.length > 0) {
      const named = contribution.alternatives
        .map(resolveOption)
        .filter((option): option is NamedOption => option !== undefined);
      if (named.length > 0) reason.alternatives = named;
    }
    reasons[platform].push(reason);
  };
  const emit: Emit = { reason: reasonFrom, score: count };
  for (const rule of RULES) rule(ctx, emit);
  return { reasons, scores, blocked, capped, kubernetesNeeds };
}

/** What one run of the rules gives, per platform index of PLATFORM_IDS. */
interface RawOutcome {
  reasons: Record<PlatformId, Reason[]>;
  scores: number[];
  blocked: boolean[];
  capped: boolean[];
  kubernetesNeeds: WeightedRuleId[];
}

/**
 * Evaluates every rule of the framework and scores each platform. Pure: the
 * same facts and options always give the same result. With `explain` false
 * only scores, blocks and caps are computed.
 *
 * @param resolveOption - turns a knowledge-base option id into the named
 *   option shown with a reason
 * @internal
 */
export function evaluateRules(
  facts: ComponentOrchestrationFacts,
  team: TeamFacts,
  options: OrchestrationOptions,
  explain: boolean,
  resolveOption: (id: PlatformOptionId) => NamedOption | undefined = () =>
    undefined,
): RuleOutcome {
  const raw = runRules(facts, team, options, explain, resolveOption);
  return {
    reasons: raw.reasons,
    scores: toRecord(raw.scores),
    blocked: toRecord(raw.blocked),
    capped: toRecord(raw.capped),
    kubernetesNeeds: raw.kubernetesNeeds,
  };
}

/**
 * The platform the rules rank first for these facts, without reasons: the
 * sensitivity analysis asks this once per alternative input. Ranks as
 * `rankPlatforms` does (`outranks`, display order on ties); undefined when
 * every platform is blocked.
 *
 * @internal
 */
export function bestPlatformFor(
  facts: ComponentOrchestrationFacts,
  team: TeamFacts,
  options: OrchestrationOptions,
): PlatformId | undefined {
  const raw = runRules(facts, team, options, false, noOption);
  let best = -1;
  for (let i = 0; i < PLATFORM_IDS.length; i++) {
    if (raw.blocked[i]) continue;
    if (
      best < 0 ||
      outranks(raw.capped[i], raw.scores[i], raw.capped[best], raw.scores[best])
    ) {
      best = i;
    }
  }
  return best < 0 ? undefined : PLATFORM_IDS[best];
}

function platformIndex(platform: PlatformId): number {
  switch (platform) {
    case 'ecs-fargate':
      return 0;
    case 'ecs-ec2':
      return 1;
    case 'eks':
      return 2;
    default:
      return 3;
  }
}

function toRecord<T>(values: T[]): Record<PlatformId, T> {
  return {
    'ecs-fargate': values[0],
    'ecs-ec2': values[1],
    eks: values[2],
    'self-managed-kubernetes': values[3],
  };
}
