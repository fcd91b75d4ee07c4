import { PlatformId } from '../annotations';
import { OrchestrationOptions } from '../config';
import { ComponentOrchestrationFacts } from '../parse/annotations';
import { Migration, MigrationEffort, PlatformAssessment } from './types';

/**
 * Platforms as the product names them in sentences (`ECS on Fargate`, `EKS`).
 *
 * @public
 */
export const PLATFORM_NAMES: Readonly<Record<PlatformId, string>> = {
  'ecs-fargate': 'ECS on Fargate',
  'ecs-ec2': 'ECS on EC2',
  eks: 'EKS',
  'self-managed-kubernetes': 'self-managed Kubernetes',
};

const sentenceStart = (words: string) =>
  words.charAt(0).toUpperCase() + words.slice(1);

const isEcs = (platform: PlatformId) =>
  platform === 'ecs-fargate' || platform === 'ecs-ec2';

const EFFORT_ORDER: readonly MigrationEffort[] = ['small', 'medium', 'large'];

function atLeast(
  effort: MigrationEffort,
  floor: MigrationEffort,
): MigrationEffort {
  return EFFORT_ORDER.indexOf(effort) >= EFFORT_ORDER.indexOf(floor)
    ? effort
    : floor;
}

/** The main steps of a move, by the kind of the two platforms. */
function stepsFor(
  from: PlatformId,
  to: PlatformId,
  facts: ComponentOrchestrationFacts,
): string[] {
  const steps: string[] = [];
  if (isEcs(from) && isEcs(to)) {
    if (to === 'ecs-ec2') {
      steps.push(
        'Create an EC2 capacity provider (an Auto Scaling group, or ECS Managed Instances to leave the instances to AWS) in the cluster.',
        'Switch the service to that capacity provider and adjust the task definition (networking mode, GPU or privileged settings) for EC2.',
      );
    } else {
      steps.push(
        'Make the task definition Fargate-compatible: awsvpc networking, a valid task size, no privileged containers or host mounts.',
        'Switch the service to the FARGATE capacity provider with a rolling deployment.',
      );
    }
  } else if (isEcs(from) && !isEcs(to)) {
    steps.push(
      'Translate the task definition into Kubernetes manifests (Deployment or StatefulSet, Service, ConfigMaps); only the container image carries over.',
      'Replace task IAM roles with EKS Pod Identity (IRSA on a self-managed control plane), and the ALB target group with the AWS Load Balancer Controller.',
      'Deploy beside the ECS service, shift traffic gradually, then remove the ECS service.',
    );
  } else if (!isEcs(from) && isEcs(to)) {
    steps.push(
      'Write an ECS task definition and service from the Kubernetes manifests: resources, environment, secrets, health checks.',
      'Replace Kubernetes-specific dependencies (service accounts, ingress, in-cluster service names) with task roles, an ALB and Service Connect or Cloud Map.',
      'Run both side by side, shift traffic, then delete the Kubernetes workloads.',
    );
  } else if (to === 'eks') {
    steps.push(
      'Create an EKS cluster at the same Kubernetes minor as the current cluster, with node groups or EKS Auto Mode.',
      'Re-install the add-ons and controllers it depends on, and move IAM access to EKS Pod Identity.',
      'Apply the same manifests on EKS, shift traffic, then retire the workload from the self-managed cluster.',
    );
  } else {
    steps.push(
      'Build and harden a self-managed control plane (etcd backups, certificate rotation, upgrades, monitoring) before moving anything.',
      'Apply the same manifests on the new cluster, shift traffic, then retire the workload from EKS.',
    );
  }
  if (facts.workloadType === 'stateful') {
    steps.push(
      'Move the data: replicate or snapshot and restore it on the new platform before the switch, and rehearse the rollback.',
    );
  }
  return steps;
}

function effortFor(
  from: PlatformId,
  to: PlatformId,
  facts: ComponentOrchestrationFacts,
  hasPlatformTeam: boolean,
): { effort: MigrationEffort; reasons: string[] } {
  const reasons: string[] = [];
  let effort: MigrationEffort;
  if (isEcs(from) === isEcs(to)) {
    if (isEcs(from)) {
      effort = 'small';
      reasons.push(
        'Both are ECS: the task definition and service stay, only the capacity changes.',
      );
    } else if (to === 'eks') {
      effort = 'medium';
      reasons.push(
        'Both are Kubernetes: the manifests carry over, but the workload moves to a new cluster.',
      );
    } else {
      effort = 'large';
      reasons.push(
        'Running a control plane yourself must be built and staffed before the move.',
      );
    }
  } else {
    effort = 'medium';
    reasons.push(
      `${sentenceStart(PLATFORM_NAMES[from])} and ${
        PLATFORM_NAMES[to]
      } describe workloads differently: the deployment definitions must be rewritten.`,
    );
    if (!isEcs(to) && hasPlatformTeam) {
      reasons.push(
        "The platform team's clusters take the workload; the service team learns manifests, Helm or similar tooling and Kubernetes troubleshooting.",
      );
    } else if (!isEcs(to)) {
      effort = 'large';
      reasons.push(
        'Kubernetes brings cluster operations (upgrades, add-ons, node management) that no platform team takes on here.',
      );
    }
    if (isEcs(to) && facts.ecosystem.length > 0) {
      effort = 'large';
      reasons.push(
        `It uses ${facts.ecosystem.join(
          ', ',
        )}, which must be replaced with AWS services or removed.`,
      );
    }
    if (isEcs(from) && facts.awsIntegrations.length >= 3) {
      reasons.push(
        `${facts.awsIntegrations.length} AWS integrations must be re-wired through Kubernetes add-ons.`,
      );
    }
  }
  if (facts.workloadType === 'stateful') {
    effort = atLeast(effort, 'medium');
    reasons.push('A stateful workload has data to move.');
  }
  return { effort, reasons };
}

/**
 * A move from the current platform, proposed only when the current platform
 * is blocked or poor, or the recommendation leads it by the configured
 * margin; with its steps and an effort class.
 *
 * @internal
 */
export function proposeMigration(
  facts: ComponentOrchestrationFacts,
  platforms: readonly PlatformAssessment[],
  recommended: PlatformId | null,
  nearTies: readonly PlatformId[],
  options: OrchestrationOptions,
  hasPlatformTeam = false,
): Migration | null {
  const current = facts.currentPlatform;
  if (!recommended || !current || current === 'none') return null;
  if (current === recommended || nearTies.includes(current)) return null;
  const target = platforms.find(p => p.id === recommended)!;
  const from = platforms.find(p => p.id === current)!;
  const lead = target.score - from.score;
  let why: string;
  if (from.verdict === 'blocked') {
    const blocking = from.reasons.find(r => r.effect === 'blocks');
    why = `${sentenceStart(PLATFORM_NAMES[current])} is blocked${
      blocking ? ` (${blocking.rule})` : ''
    }: it cannot run this workload as described.`;
  } else if (from.verdict === 'poor') {
    why = `${sentenceStart(PLATFORM_NAMES[current])} is a poor fit (${
      from.fit
    }/100) and ${PLATFORM_NAMES[recommended]} fits at ${target.fit}/100.`;
  } else if (lead >= options.thresholds.migrationMargin) {
    why = `${PLATFORM_NAMES[recommended]} leads ${PLATFORM_NAMES[current]} by ${lead} points, at least the ${options.thresholds.migrationMargin}-point margin for proposing a move.`;
  } else {
    return null;
  }
  const { effort, reasons } = effortFor(
    current,
    recommended,
    facts,
    hasPlatformTeam,
  );
  return {
    from: current,
    to: recommended,
    lead: from.verdict === 'blocked' ? null : lead,
    why,
    effort,
    effortReasons: reasons,
    steps: stepsFor(current, recommended, facts),
  };
}
