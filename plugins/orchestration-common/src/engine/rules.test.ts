import { Entity } from '@backstage/catalog-model';
import { PLATFORM_IDS, PlatformId } from '../annotations';
import {
  DEFAULT_ORCHESTRATION_OPTIONS,
  readOrchestrationConfig,
} from '../config';
import { DEFAULT_KNOWLEDGE_BASE } from '../knowledge/data';
import { assessEntity } from './assess';
import { Assessment, AssessEntityInput, Reason } from './types';

const NOW = '2026-11-28T00:00:00Z';
const FARGATE = DEFAULT_KNOWLEDGE_BASE.fargate.ecs;
const GOOD_FIT = DEFAULT_ORCHESTRATION_OPTIONS.thresholds.goodFit;

function service(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', annotations },
    spec: {
      type: 'service',
      owner: 'group:default/team',
      lifecycle: 'production',
    },
  };
}

type Team = Pick<AssessEntityInput, 'owner' | 'platformTeams'>;
const SMALL_TEAM_NO_PLATFORM: Team = {
  owner: { entityRef: 'group:default/team', memberCount: 3 },
  platformTeams: [],
};
const LARGE_TEAM_NO_PLATFORM: Team = {
  owner: { entityRef: 'group:default/team', memberCount: 20 },
  platformTeams: [],
};
const WITH_PLATFORM_TEAM: Team = {
  owner: { entityRef: 'group:default/team', memberCount: 3 },
  platformTeams: ['group:default/platform'],
};
const TEAM_UNKNOWN: Team = {};

/**
 * A reason as the tables state it: named options by their knowledge-base id,
 * so that the wording of the knowledge base can change without the tables.
 */
type ReasonRow = Omit<Reason, 'alternatives'> & { alternatives?: string[] };

function row({ alternatives, ...rest }: Reason): ReasonRow {
  return alternatives
    ? { ...rest, alternatives: alternatives.map(option => option.id) }
    : rest;
}

function assess(
  annotations: Record<string, string>,
  team: Team = WITH_PLATFORM_TEAM,
): Assessment {
  return assessEntity({ entity: service(annotations), ...team, now: NOW });
}

function platformOf(assessment: Assessment, platform: PlatformId) {
  return assessment.platforms.find(p => p.id === platform)!;
}

function reasonsFor(
  annotations: Record<string, string>,
  team: Team,
  platform: PlatformId,
  rule: string,
): ReasonRow[] {
  return platformOf(assess(annotations, team), platform)
    .reasons.filter(reason => reason.rule === rule)
    .map(row);
}

/** The evidence keys of the input facts: annotations and catalog facts. */
function inputFactKeys(reason: Reason): string[] {
  return reason.evidence
    .map(item => item.key)
    .filter(
      key => key.startsWith('orchestration.io/') || key.startsWith('catalog:'),
    );
}

const COUNTED_TWICE = ' Its fact already counted on this platform through';

describe('weighted rules', () => {
  it.each<[string, PlatformId, Record<string, string>, Team, ReasonRow]>([
    [
      'ECS-SIMPLE',
      'ecs-ec2',
      { 'orchestration.io/workload-type': 'worker' },
      WITH_PLATFORM_TEAM,
      {
        rule: 'ECS-SIMPLE',
        effect: 'favours',
        points: 10,
        evidence: [{ key: 'orchestration.io/workload-type', value: 'worker' }],
        explanation:
          'Its workload type, worker, is the kind ECS runs well with task definitions and services alone.',
      },
    ],
    [
      'ECS-SMALL-TEAM',
      'ecs-fargate',
      { 'orchestration.io/workload-type': 'api' },
      SMALL_TEAM_NO_PLATFORM,
      {
        rule: 'ECS-SMALL-TEAM',
        effect: 'favours',
        points: 10,
        evidence: [
          { key: 'catalog:owner-member-count', value: '3' },
          { key: 'catalog:platform-team', value: 'none' },
        ],
        explanation:
          'The owning team has 3 members (small means 8 or fewer) and no platform team exists, so nobody would be free to run a control plane; ECS leaves that to AWS.',
      },
    ],
    [
      'ECS-AWS-INTEGRATION',
      'ecs-fargate',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/aws-integrations': 'secrets-manager, ECR',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'ECS-AWS-INTEGRATION',
        effect: 'favours',
        points: 10,
        evidence: [
          {
            key: 'orchestration.io/aws-integrations',
            value: 'secrets-manager,ecr',
          },
        ],
        explanation:
          'It relies on secrets-manager, ecr; ECS wires these in natively (per-task IAM roles, load balancer registration, logs, secrets). EKS reaches most of them through add-ons, and per-service roles through EKS Pod Identity.',
      },
    ],
    [
      'ECS-AWS-INTEGRATION with a task role names EKS Pod Identity',
      'ecs-ec2',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/aws-integrations': 'iam-task-role,alb',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'ECS-AWS-INTEGRATION',
        effect: 'favours',
        points: 10,
        evidence: [
          {
            key: 'orchestration.io/aws-integrations',
            value: 'iam-task-role,alb',
          },
        ],
        explanation:
          'It relies on iam-task-role, alb; ECS wires these in natively (per-task IAM roles, load balancer registration, logs, secrets). EKS reaches most of them through add-ons, and per-service roles through EKS Pod Identity.',
        alternatives: ['eks-pod-identity'],
      },
    ],
    [
      'ECS-FARGATE',
      'ecs-fargate',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/resources': 'cpu=16,memory=120Gi,storage=200Gi',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'ECS-FARGATE',
        effect: 'favours',
        points: 10,
        evidence: [
          {
            key: 'orchestration.io/resources',
            value: 'cpu=16,memory=120Gi,storage=200Gi',
          },
        ],
        explanation:
          'Nothing in its size or placement needs instances of its own, so Fargate can run it with no servers, AMIs or patching to manage.',
      },
    ],
    [
      'ECS-FARGATE gives 0 points when the size is not given',
      'ecs-fargate',
      { 'orchestration.io/workload-type': 'batch' },
      WITH_PLATFORM_TEAM,
      {
        rule: 'ECS-FARGATE',
        effect: 'favours',
        points: 0,
        evidence: [],
        explanation:
          'The size of one task is not given, so whether one task fits a Fargate task size is unknown; add orchestration.io/resources (e.g. cpu=1,memory=2Gi).',
      },
    ],
    [
      'ECS-FARGATE gives 0 points when the size cannot be read',
      'ecs-fargate',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/resources': 'cpu=abc,memory=2Gi',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'ECS-FARGATE',
        effect: 'favours',
        points: 0,
        evidence: [
          { key: 'orchestration.io/resources', value: 'cpu=abc,memory=2Gi' },
        ],
        explanation:
          'orchestration.io/resources could not be read (see the annotation problems), so whether one task fits a Fargate task size is unknown; fix the value.',
      },
    ],
    [
      'ECS-FARGATE gives 0 points and names the larger task sizes when only those fit',
      'ecs-fargate',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/resources': `cpu=${FARGATE.maxVcpu},memory=64Gi`,
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'ECS-FARGATE',
        effect: 'favours',
        points: 0,
        evidence: [
          {
            key: 'orchestration.io/resources',
            value: `cpu=${FARGATE.maxVcpu},memory=64Gi`,
          },
        ],
        explanation: `One task fits only the largest Fargate sizes (up to ${FARGATE.maxVcpu} vCPU and ${FARGATE.maxMemoryGi} GiB), known from a secondary source; confirm them in your Region before relying on Fargate for it.`,
        alternatives: ['fargate-large-tasks'],
      },
    ],
    [
      'ECS-AWS-ONLY',
      'ecs-ec2',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'aws-only',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'ECS-AWS-ONLY',
        effect: 'favours',
        points: 5,
        evidence: [{ key: 'orchestration.io/portability', value: 'aws-only' }],
        explanation:
          'It only has to run on AWS, so an AWS-only orchestrator costs it nothing in portability.',
      },
    ],
    [
      'K8S-PORTABILITY (Kubernetes side, multi-cloud)',
      'eks',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'multi-cloud',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'K8S-PORTABILITY',
        effect: 'favours',
        points: 20,
        evidence: [
          { key: 'orchestration.io/portability', value: 'multi-cloud' },
        ],
        explanation:
          'It must run on more than one cloud; Kubernetes offers the same API and manifests on each.',
      },
    ],
    [
      'K8S-PORTABILITY (ECS side, multi-cloud) still costs ECS its points beside REQ-PORTABILITY',
      'ecs-ec2',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'multi-cloud',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'K8S-PORTABILITY',
        effect: 'disfavours',
        points: -20,
        evidence: [
          { key: 'orchestration.io/portability', value: 'multi-cloud' },
        ],
        explanation:
          'It must run on more than one cloud, and ECS exists only in AWS.',
      },
    ],
    [
      'K8S-PORTABILITY (Fargate side, hybrid)',
      'ecs-fargate',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'hybrid',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'K8S-PORTABILITY',
        effect: 'disfavours',
        points: -20,
        evidence: [{ key: 'orchestration.io/portability', value: 'hybrid' }],
        explanation:
          'It must run in a data centre and on AWS; Fargate serves only the cloud side.',
      },
    ],
    [
      'K8S-PORTABILITY (ECS on EC2 side, hybrid) names ECS Anywhere',
      'ecs-ec2',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'hybrid',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'K8S-PORTABILITY',
        effect: 'disfavours',
        points: -20,
        evidence: [{ key: 'orchestration.io/portability', value: 'hybrid' }],
        explanation:
          'It must run in a data centre and on AWS; ECS Anywhere can run its tasks on your own servers, but without load balancing, service discovery or awsvpc networking there.',
        alternatives: ['ecs-anywhere'],
      },
    ],
    [
      'K8S-PORTABILITY (EKS side, hybrid) names EKS Hybrid Nodes',
      'eks',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'hybrid',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'K8S-PORTABILITY',
        effect: 'favours',
        points: 20,
        evidence: [{ key: 'orchestration.io/portability', value: 'hybrid' }],
        explanation:
          'It must run in a data centre and on AWS; Kubernetes runs the same manifests in both, and EKS Hybrid Nodes put data-centre servers under the EKS control plane over a private link.',
        alternatives: ['eks-hybrid-nodes'],
      },
    ],
    [
      'K8S-SCHEDULING',
      'self-managed-kubernetes',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/scheduling': 'priority-preemption,node-affinity,gpu',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'K8S-SCHEDULING',
        effect: 'favours',
        points: 15,
        evidence: [
          {
            key: 'orchestration.io/scheduling',
            value: 'gpu,node-affinity,priority-preemption',
          },
        ],
        explanation:
          'It needs GPUs, node affinity and priority classes with preemption, which the Kubernetes scheduler supports directly.',
      },
    ],
    [
      'K8S-ECOSYSTEM (ECS side, needs beyond a mesh) names ECS Service Connect',
      'ecs-ec2',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/ecosystem': 'service-mesh,crd',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'K8S-ECOSYSTEM',
        effect: 'disfavours',
        points: -10,
        evidence: [
          { key: 'orchestration.io/ecosystem', value: 'service-mesh,crd' },
        ],
        explanation:
          'It depends on service-mesh and crd; ECS has no equivalent and can only be extended with what AWS provides.',
        alternatives: ['ecs-service-connect'],
      },
    ],
    [
      'K8S-ECOSYSTEM (ECS side, a mesh only) costs ECS nothing and names ECS Service Connect',
      'ecs-fargate',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/ecosystem': 'service-mesh',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'K8S-ECOSYSTEM',
        effect: 'favours',
        points: 0,
        evidence: [
          { key: 'orchestration.io/ecosystem', value: 'service-mesh' },
        ],
        explanation:
          'It needs a service mesh for service-to-service traffic; on ECS, Service Connect gives short names, a managed proxy, metrics and logs without running a mesh.',
        alternatives: ['ecs-service-connect'],
      },
    ],
    [
      'K8S-ECOSYSTEM (Kubernetes side) counts the needs and leaves out the tooling',
      'eks',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/ecosystem':
          'vault,service-mesh,helm,operator,cert-manager',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'K8S-ECOSYSTEM',
        effect: 'favours',
        points: 15,
        evidence: [
          { key: 'orchestration.io/ecosystem', value: 'service-mesh,operator' },
        ],
        explanation:
          'It depends on service-mesh and operator, which run natively on Kubernetes.',
      },
    ],
    [
      'K8S-PLATFORM-TEAM',
      'eks',
      { 'orchestration.io/workload-type': 'api' },
      WITH_PLATFORM_TEAM,
      {
        rule: 'K8S-PLATFORM-TEAM',
        effect: 'favours',
        points: 10,
        evidence: [
          { key: 'catalog:platform-team', value: 'group:default/platform' },
        ],
        explanation:
          'A platform team exists that can operate, upgrade and support Kubernetes clusters.',
      },
    ],
    [
      'K8S-STATEFUL (Kubernetes side)',
      'eks',
      { 'orchestration.io/workload-type': 'stateful' },
      WITH_PLATFORM_TEAM,
      {
        rule: 'K8S-STATEFUL',
        effect: 'favours',
        points: 15,
        evidence: [
          { key: 'orchestration.io/workload-type', value: 'stateful' },
        ],
        explanation:
          'A stateful workload gets stable identities, ordered roll-outs and per-replica volumes from StatefulSets.',
      },
    ],
    [
      'K8S-STATEFUL (ECS side) names ECS-managed EBS volumes',
      'ecs-fargate',
      { 'orchestration.io/workload-type': 'stateful' },
      WITH_PLATFORM_TEAM,
      {
        rule: 'K8S-STATEFUL',
        effect: 'disfavours',
        points: -10,
        evidence: [
          { key: 'orchestration.io/workload-type', value: 'stateful' },
        ],
        explanation:
          'A stateful workload needs stable identities and ordered roll-outs; ECS can attach one EBS volume per task, but has no StatefulSet equivalent.',
        alternatives: ['ecs-managed-ebs'],
      },
    ],
    [
      'AVOID-K8S-NO-NEED',
      'eks',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/current-platform': 'eks',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'AVOID-K8S-NO-NEED',
        effect: 'disfavours',
        points: -15,
        evidence: [{ key: 'orchestration.io/current-platform', value: 'eks' }],
        explanation:
          'It runs on eks, yet none of the reasons to need Kubernetes applies (portability, scheduling ECS cannot express, ecosystem needs, a stateful workload).',
      },
    ],
    [
      'AVOID-K8S-NO-TEAM (self-managed)',
      'self-managed-kubernetes',
      { 'orchestration.io/workload-type': 'stateful' },
      SMALL_TEAM_NO_PLATFORM,
      {
        rule: 'AVOID-K8S-NO-TEAM',
        effect: 'disfavours',
        points: -20,
        evidence: [{ key: 'catalog:platform-team', value: 'none' }],
        explanation:
          'No platform team exists to run a control plane, etcd, certificates and upgrades; Kubernetes does not operate itself.',
      },
    ],
    [
      'AVOID-K8S-NO-TEAM (EKS) names EKS Auto Mode',
      'eks',
      { 'orchestration.io/workload-type': 'stateful' },
      SMALL_TEAM_NO_PLATFORM,
      {
        rule: 'AVOID-K8S-NO-TEAM',
        effect: 'disfavours',
        points: -15,
        evidence: [{ key: 'catalog:platform-team', value: 'none' }],
        explanation:
          'No platform team exists; even with a managed control plane someone must own upgrades, nodes and add-ons (EKS Auto Mode takes over node operations, not upgrades).',
        alternatives: ['eks-auto-mode'],
      },
    ],
    [
      'AVOID-K8S-SIMPLE',
      'eks',
      { 'orchestration.io/workload-type': 'web-service' },
      WITH_PLATFORM_TEAM,
      {
        rule: 'AVOID-K8S-SIMPLE',
        effect: 'disfavours',
        points: -10,
        evidence: [
          { key: 'orchestration.io/workload-type', value: 'web-service' },
        ],
        explanation:
          'A simple workload (web-service) with no Kubernetes-only need would be served as well by ECS or Fargate, with less to operate.',
      },
    ],
    [
      'EKS-MANAGED cites the knowledge fact of the managed control plane',
      'eks',
      { 'orchestration.io/workload-type': 'stateful' },
      WITH_PLATFORM_TEAM,
      {
        rule: 'EKS-MANAGED',
        effect: 'favours',
        points: 10,
        evidence: [
          {
            key: 'knowledge:eks-control-plane',
            value: 'AWS runs etcd, control-plane certificates and scaling',
          },
        ],
        explanation:
          'Where Kubernetes fits, EKS runs the control plane: etcd, control-plane certificates and control-plane scaling become AWS duties.',
      },
    ],
    [
      'SELF-MANAGED-ONLY-WHEN (aws-only: a managed control plane serves)',
      'self-managed-kubernetes',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'aws-only',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'SELF-MANAGED-ONLY-WHEN',
        effect: 'disfavours',
        points: -10,
        evidence: [{ key: 'orchestration.io/portability', value: 'aws-only' }],
        explanation:
          'A managed control plane can serve it; running one yourself only pays off for a data-centre site without a link to AWS, and then only with a platform team.',
      },
    ],
    [
      'SELF-MANAGED-ONLY-WHEN (multi-cloud) explains with 0 points, counted by K8S-PORTABILITY',
      'self-managed-kubernetes',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'multi-cloud',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'SELF-MANAGED-ONLY-WHEN',
        effect: 'disfavours',
        points: 0,
        countedBy: 'K8S-PORTABILITY',
        evidence: [
          { key: 'orchestration.io/portability', value: 'multi-cloud' },
        ],
        explanation:
          'A managed control plane can serve it; running one yourself only pays off for a data-centre site without a link to AWS, and then only with a platform team. Its fact already counted on this platform through K8S-PORTABILITY, so it adds no points here.',
      },
    ],
    [
      'SELF-MANAGED-ONLY-WHEN (hybrid with a platform team) explains with 0 points, counted by K8S-PORTABILITY',
      'self-managed-kubernetes',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'hybrid',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'SELF-MANAGED-ONLY-WHEN',
        effect: 'favours',
        points: 0,
        countedBy: 'K8S-PORTABILITY',
        // The counted fact; the platform-team fact that decides the direction may be cited beside it.
        evidence: expect.arrayContaining([
          { key: 'orchestration.io/portability', value: 'hybrid' },
        ]),
        explanation:
          'A data-centre site with no reliable link to AWS needs a control plane of its own, and a platform team can run one there; where a private link exists, EKS Hybrid Nodes avoid it. Its fact already counted on this platform through K8S-PORTABILITY, so it adds no points here.',
        alternatives: ['eks-hybrid-nodes', 'eks-anywhere'],
      },
    ],
    [
      'SELF-MANAGED-ONLY-WHEN (hybrid without a platform team) explains with 0 points, counted by K8S-PORTABILITY',
      'self-managed-kubernetes',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'hybrid',
      },
      SMALL_TEAM_NO_PLATFORM,
      {
        rule: 'SELF-MANAGED-ONLY-WHEN',
        effect: 'disfavours',
        points: 0,
        countedBy: 'K8S-PORTABILITY',
        // The counted fact; the platform-team fact that decides the direction may be cited beside it.
        evidence: expect.arrayContaining([
          { key: 'orchestration.io/portability', value: 'hybrid' },
        ]),
        explanation:
          'It must also run in a data centre, but without a platform team nobody can operate a self-managed control plane there. Its fact already counted on this platform through K8S-PORTABILITY, so it adds no points here.',
        alternatives: ['eks-hybrid-nodes', 'eks-anywhere'],
      },
    ],
  ])('%s', (_name, platform, annotations, team, expected) => {
    expect(reasonsFor(annotations, team, platform, expected.rule)).toEqual([
      expected,
    ]);
  });

  it.each<[string, Record<string, string>, Team, PlatformId]>([
    [
      'ECS-SMALL-TEAM when a platform team exists',
      { 'orchestration.io/workload-type': 'api' },
      WITH_PLATFORM_TEAM,
      'ecs-fargate',
    ],
    [
      'ECS-SMALL-TEAM when the team size is unknown',
      { 'orchestration.io/workload-type': 'api' },
      { platformTeams: [] },
      'ecs-fargate',
    ],
    [
      'ECS-SMALL-TEAM for a large owner team',
      { 'orchestration.io/workload-type': 'api' },
      LARGE_TEAM_NO_PLATFORM,
      'ecs-ec2',
    ],
    [
      'K8S-SCHEDULING for a GPU alone (ECS on EC2 has GPUs)',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/scheduling': 'gpu',
      },
      WITH_PLATFORM_TEAM,
      'eks',
    ],
    [
      'K8S-ECOSYSTEM for tooling alone (helm, cert-manager, vault)',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/ecosystem': 'helm,cert-manager,vault',
      },
      WITH_PLATFORM_TEAM,
      'eks',
    ],
    [
      'K8S-ECOSYSTEM on ECS for tooling alone',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/ecosystem': 'helm,cert-manager,vault',
      },
      WITH_PLATFORM_TEAM,
      'ecs-ec2',
    ],
    [
      'AVOID-K8S-SIMPLE when a Kubernetes need applies',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/ecosystem': 'operator',
      },
      WITH_PLATFORM_TEAM,
      'eks',
    ],
    [
      'AVOID-K8S-NO-NEED on ECS',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/current-platform': 'ecs-ec2',
      },
      WITH_PLATFORM_TEAM,
      'eks',
    ],
    [
      'EKS-MANAGED without a Kubernetes need',
      { 'orchestration.io/workload-type': 'api' },
      WITH_PLATFORM_TEAM,
      'eks',
    ],
    [
      'EKS-MANAGED for tooling alone',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/ecosystem': 'helm',
      },
      WITH_PLATFORM_TEAM,
      'eks',
    ],
  ])('does not fire %s', (name, annotations, team, platform) => {
    const rule = name.split(' ')[0];
    expect(reasonsFor(annotations, team, platform, rule)).toEqual([]);
  });

  it('takes weights from configuration, and a zero weight switches a rule off', () => {
    const config = readOrchestrationConfig({
      weights: { 'ECS-SIMPLE': { 'ecs-fargate': 25, 'ecs-ec2': 0 } },
    });
    if (!config.ok) throw new Error(config.errors.join('\n'));
    const assessment = assessEntity({
      entity: service({ 'orchestration.io/workload-type': 'api' }),
      ...WITH_PLATFORM_TEAM,
      options: config.options,
      now: NOW,
    });
    const simple = (id: PlatformId) =>
      platformOf(assessment, id)
        .reasons.filter(r => r.rule === 'ECS-SIMPLE')
        .map(r => r.points);
    expect([simple('ecs-fargate'), simple('ecs-ec2')]).toEqual([[25], []]);
  });
});

describe('explain rules (0 points)', () => {
  it.each<[string, PlatformId, Record<string, string>, ReasonRow]>([
    [
      'ECS-SCHEDULING-GAP names the features ECS lacks and caps ECS on EC2',
      'ecs-ec2',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/scheduling':
          'taints,topology-spread,pod-anti-affinity',
      },
      {
        rule: 'ECS-SCHEDULING-GAP',
        effect: 'disfavours',
        points: 0,
        evidence: [
          {
            key: 'orchestration.io/scheduling',
            value: 'taints,topology-spread',
          },
        ],
        explanation:
          'ECS has no taints and tolerations or topology spread constraints; its placement strategies and constraints cannot express them, so ECS is at best possible here and ranks after every platform that has them.',
      },
    ],
    [
      'ECS-SCHEDULING-GAP names priority preemption and caps ECS on Fargate',
      'ecs-fargate',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/scheduling': 'priority-preemption',
      },
      {
        rule: 'ECS-SCHEDULING-GAP',
        effect: 'disfavours',
        points: 0,
        evidence: [
          { key: 'orchestration.io/scheduling', value: 'priority-preemption' },
        ],
        explanation:
          'ECS has no priority classes with preemption; its placement strategies and constraints cannot express them, so ECS is at best possible here and ranks after every platform that has them.',
      },
    ],
    [
      'K8S-TOOLING explains helm, cert-manager and vault on EKS',
      'eks',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/ecosystem': 'helm,cert-manager,vault',
      },
      {
        rule: 'K8S-TOOLING',
        effect: 'favours',
        points: 0,
        evidence: [
          {
            key: 'orchestration.io/ecosystem',
            value: 'helm,cert-manager,vault',
          },
        ],
        explanation:
          'It uses helm, cert-manager and vault: tooling that works on Kubernetes or beside any platform, not a reason to need Kubernetes.',
      },
    ],
    [
      'K8S-TOOLING explains only the tooling beside a need on self-managed Kubernetes',
      'self-managed-kubernetes',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/ecosystem': 'crd,helm',
      },
      {
        rule: 'K8S-TOOLING',
        effect: 'favours',
        points: 0,
        evidence: [{ key: 'orchestration.io/ecosystem', value: 'helm' }],
        explanation:
          'It uses helm: tooling that works on Kubernetes or beside any platform, not a reason to need Kubernetes.',
      },
    ],
  ])('%s', (_name, platform, annotations, expected) => {
    expect(
      reasonsFor(annotations, WITH_PLATFORM_TEAM, platform, expected.rule),
    ).toEqual([expected]);
  });

  it.each<[string, Record<string, string>, PlatformId]>([
    [
      'ECS-SCHEDULING-GAP for placement ECS can express (gpu, node-affinity, pod-anti-affinity, daemonset)',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/scheduling':
          'gpu,node-affinity,pod-anti-affinity,daemonset',
      },
      'ecs-ec2',
    ],
    [
      'ECS-SCHEDULING-GAP on Kubernetes',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/scheduling': 'taints',
      },
      'eks',
    ],
    [
      'K8S-TOOLING on ECS',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/ecosystem': 'helm,vault',
      },
      'ecs-fargate',
    ],
    [
      'K8S-TOOLING for needs alone',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/ecosystem': 'operator,crd',
      },
      'eks',
    ],
  ])('does not fire %s', (name, annotations, platform) => {
    const rule = name.split(' ')[0];
    expect(reasonsFor(annotations, WITH_PLATFORM_TEAM, platform, rule)).toEqual(
      [],
    );
  });

  it.each<[string, string]>([
    ['taints', 'taints'],
    ['priority-preemption', 'priority-preemption'],
    ['topology-spread', 'topology-spread'],
    [
      'all three, beside needs ECS can meet',
      'node-affinity,taints,priority-preemption,topology-spread,pod-anti-affinity',
    ],
  ])(
    'ECS-SCHEDULING-GAP (%s) caps both ECS platforms at possible and ranks them after Kubernetes, whatever their score',
    (_name, scheduling) => {
      // Everything else favours ECS on Fargate strongly.
      const assessment = assess(
        {
          'orchestration.io/workload-type': 'api',
          'orchestration.io/portability': 'aws-only',
          'orchestration.io/aws-integrations': 'alb',
          'orchestration.io/resources': 'cpu=1,memory=2Gi',
          'orchestration.io/scheduling': scheduling,
        },
        SMALL_TEAM_NO_PLATFORM,
      );
      const ecs = assessment.platforms.filter(
        p => p.id === 'ecs-fargate' || p.id === 'ecs-ec2',
      );
      const eks = platformOf(assessment, 'eks');
      for (const platform of ecs) {
        expect(['possible', 'poor']).toContain(platform.verdict);
        expect(platform.fit).toBeLessThan(GOOD_FIT);
        expect(platform.score).toBeGreaterThan(eks.score);
        expect(
          platform.reasons
            .filter(r => r.rule === 'ECS-SCHEDULING-GAP')
            .map(r => r.points),
        ).toEqual([0]);
      }
      expect(assessment.recommendation.platform).toBe('eks');
      expect(assessment.recommendation.nearTies).toEqual([]);
    },
  );
});

describe('hard constraints', () => {
  it.each<[string, Record<string, string>, ReasonRow]>([
    [
      'FARGATE-NO-GPU',
      {
        'orchestration.io/scheduling': 'gpu',
        'orchestration.io/resources': 'gpu=1',
      },
      {
        rule: 'FARGATE-NO-GPU',
        effect: 'blocks',
        points: 0,
        evidence: [
          { key: 'orchestration.io/scheduling', value: 'gpu' },
          { key: 'orchestration.io/resources', value: 'gpu=1' },
        ],
        explanation:
          'Fargate has no GPUs. On ECS a GPU task runs on EC2 capacity, which ECS Managed Instances can run for you without operating the instances yourself.',
        alternatives: ['ecs-managed-instances'],
      },
    ],
    [
      'FARGATE-MAX-SIZE (vCPU)',
      {
        'orchestration.io/resources': `cpu=${FARGATE.maxVcpu * 2},memory=64Gi`,
      },
      {
        rule: 'FARGATE-MAX-SIZE',
        effect: 'blocks',
        points: 0,
        evidence: [
          {
            key: 'orchestration.io/resources',
            value: `cpu=${FARGATE.maxVcpu * 2},memory=64Gi`,
          },
        ],
        explanation: `One task needs ${FARGATE.maxVcpu * 2} vCPU (limit ${
          FARGATE.maxVcpu
        }), more than the largest Fargate task.`,
      },
    ],
    [
      'FARGATE-MAX-SIZE (memory)',
      {
        'orchestration.io/resources': `cpu=2,memory=${
          FARGATE.maxMemoryGi + 56
        }Gi`,
      },
      {
        rule: 'FARGATE-MAX-SIZE',
        effect: 'blocks',
        points: 0,
        evidence: [
          {
            key: 'orchestration.io/resources',
            value: `cpu=2,memory=${FARGATE.maxMemoryGi + 56}Gi`,
          },
        ],
        explanation: `One task needs ${
          FARGATE.maxMemoryGi + 56
        } GiB of memory (limit ${
          FARGATE.maxMemoryGi
        } GiB), more than the largest Fargate task.`,
      },
    ],
    [
      'FARGATE-STORAGE',
      {
        'orchestration.io/resources': `storage=${
          FARGATE.maxEphemeralStorageGi + 1
        }Gi`,
      },
      {
        rule: 'FARGATE-STORAGE',
        effect: 'blocks',
        points: 0,
        evidence: [
          {
            key: 'orchestration.io/resources',
            value: `storage=${FARGATE.maxEphemeralStorageGi + 1}Gi`,
          },
        ],
        explanation: `One task needs ${
          FARGATE.maxEphemeralStorageGi + 1
        } GiB of ephemeral storage; a Fargate task on ECS gets at most ${
          FARGATE.maxEphemeralStorageGi
        } GiB. Persistent data belongs on a volume (volume=<n>Gi), which ECS can attach per task.`,
        alternatives: ['ecs-managed-ebs'],
      },
    ],
    [
      'FARGATE-NO-PRIVILEGED',
      { 'orchestration.io/resources': 'privileged=true' },
      {
        rule: 'FARGATE-NO-PRIVILEGED',
        effect: 'blocks',
        points: 0,
        evidence: [
          { key: 'orchestration.io/resources', value: 'privileged=true' },
        ],
        explanation:
          'Fargate refuses privileged containers; a privileged task needs instances you control.',
      },
    ],
    [
      'FARGATE-NO-DAEMONSET',
      { 'orchestration.io/scheduling': 'daemonset' },
      {
        rule: 'FARGATE-NO-DAEMONSET',
        effect: 'blocks',
        points: 0,
        evidence: [{ key: 'orchestration.io/scheduling', value: 'daemonset' }],
        explanation:
          'Fargate has no hosts of yours to run one copy per host on; per-host agents need EC2 capacity (an ECS daemon service or a Kubernetes DaemonSet), or a sidecar instead.',
      },
    ],
  ])(
    '%s blocks ecs-fargate and only ecs-fargate, with no points for fitting Fargate',
    (_name, annotations, expected) => {
      const assessment = assess({
        'orchestration.io/workload-type': 'worker',
        ...annotations,
      });
      const fargate = platformOf(assessment, 'ecs-fargate');
      expect(fargate.verdict).toBe('blocked');
      expect(
        fargate.reasons.filter(r => r.effect === 'blocks').map(row),
      ).toEqual([expected]);
      expect(
        fargate.reasons.filter(r => r.rule === 'ECS-FARGATE' && r.points !== 0),
      ).toEqual([]);
      expect(
        assessment.platforms
          .filter(p => p.verdict === 'blocked')
          .map(p => p.id),
      ).toEqual(['ecs-fargate']);
      expect(assessment.recommendation.platform).not.toBe('ecs-fargate');
    },
  );

  it.each<[string, Team]>([
    ['with a platform team', WITH_PLATFORM_TEAM],
    ['without a platform team', SMALL_TEAM_NO_PLATFORM],
  ])(
    'REQ-PORTABILITY: multi-cloud blocks both ECS platforms (%s), and K8S-PORTABILITY still costs them its points',
    (_name, team) => {
      const assessment = assess(
        {
          'orchestration.io/workload-type': 'api',
          'orchestration.io/portability': 'multi-cloud',
          'orchestration.io/resources': 'cpu=1,memory=2Gi',
        },
        team,
      );
      for (const id of ['ecs-fargate', 'ecs-ec2'] as const) {
        const platform = platformOf(assessment, id);
        expect(platform.verdict).toBe('blocked');
        expect(
          platform.reasons.filter(r => r.effect === 'blocks').map(row),
        ).toEqual([
          {
            rule: 'REQ-PORTABILITY',
            effect: 'blocks',
            points: 0,
            evidence: [
              { key: 'orchestration.io/portability', value: 'multi-cloud' },
            ],
            explanation:
              'It must run on more than one cloud, and ECS has a control plane only in AWS: even ECS Anywhere hosts are run from an AWS Region. Portability is a requirement here, not a preference.',
            alternatives: ['ecs-anywhere'],
          },
        ]);
        expect(
          platform.reasons
            .filter(r => r.rule === 'K8S-PORTABILITY')
            .map(r => r.points),
        ).toEqual([-20]);
      }
      expect(
        assessment.platforms
          .filter(p => p.verdict === 'blocked')
          .map(p => p.id),
      ).toEqual(['ecs-fargate', 'ecs-ec2']);
      expect(['eks', 'self-managed-kubernetes']).toContain(
        assessment.recommendation.platform,
      );
    },
  );

  it.each<[string, Team]>([
    ['with a platform team', WITH_PLATFORM_TEAM],
    ['without a platform team', SMALL_TEAM_NO_PLATFORM],
  ])('hybrid blocks no platform (%s)', (_name, team) => {
    const assessment = assess(
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'hybrid',
        'orchestration.io/resources': 'cpu=1,memory=2Gi',
      },
      team,
    );
    expect(assessment.platforms.filter(p => p.verdict === 'blocked')).toEqual(
      [],
    );
    expect(
      assessment.platforms.flatMap(p =>
        p.reasons.filter(r => r.rule === 'REQ-PORTABILITY'),
      ),
    ).toEqual([]);
  });

  it('shows named options as the knowledge base has them: name, launch date and source keys', () => {
    const assessment = assess({
      'orchestration.io/workload-type': 'api',
      'orchestration.io/portability': 'multi-cloud',
    });
    const [option] = platformOf(assessment, 'ecs-ec2').reasons.find(
      r => r.rule === 'REQ-PORTABILITY',
    )!.alternatives!;
    const facts = DEFAULT_KNOWLEDGE_BASE.options['ecs-anywhere'];
    expect(option).toEqual(
      expect.objectContaining({
        id: 'ecs-anywhere',
        name: facts.name,
        since: facts.ga,
        summary: facts.summary,
        limits: facts.limits,
        sources: [...facts.sources],
      }),
    );
  });
});

describe('one fact, one rule', () => {
  const MAPS: [string, Record<string, string>][] = [
    ['a simple API', { 'orchestration.io/workload-type': 'api' }],
    [
      'a content API on AWS',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'aws-only',
        'orchestration.io/aws-integrations': 'iam-task-role,alb,cloudwatch',
        'orchestration.io/resources': 'cpu=1,memory=2Gi',
        'orchestration.io/current-platform': 'ecs-fargate',
      },
    ],
    [
      'a multi-cloud stateful service with every Kubernetes need',
      {
        'orchestration.io/workload-type': 'stateful',
        'orchestration.io/portability': 'multi-cloud',
        'orchestration.io/scheduling':
          'gpu,node-affinity,taints,priority-preemption,topology-spread',
        'orchestration.io/ecosystem':
          'service-mesh,operator,custom-controller,crd,admission-controller,helm,cert-manager,vault',
        'orchestration.io/aws-integrations': 'secrets-manager',
        'orchestration.io/resources': 'cpu=4,memory=16Gi,volume=100Gi',
      },
    ],
    [
      'a hybrid worker on self-managed Kubernetes',
      {
        'orchestration.io/workload-type': 'worker',
        'orchestration.io/portability': 'hybrid',
        'orchestration.io/current-platform': 'self-managed-kubernetes',
        'orchestration.io/ecosystem': 'helm',
      },
    ],
    [
      'a web service on EKS without Kubernetes needs',
      {
        'orchestration.io/workload-type': 'web-service',
        'orchestration.io/current-platform': 'eks',
        'orchestration.io/ecosystem': 'cert-manager,vault',
        'orchestration.io/resources': 'cpu=0.5,memory=1Gi',
      },
    ],
    [
      'a GPU batch job too big for Fargate',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/scheduling': 'gpu,node-affinity,daemonset',
        'orchestration.io/resources': `cpu=${
          FARGATE.maxVcpu * 2
        },memory=256Gi,gpu=4,privileged=true`,
      },
    ],
    [
      'a batch job on the larger Fargate sizes',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/portability': 'aws-only',
        'orchestration.io/resources': `cpu=${FARGATE.maxVcpu},memory=120Gi`,
      },
    ],
    [
      'a worker with a mesh only and an unreadable size',
      {
        'orchestration.io/workload-type': 'worker',
        'orchestration.io/ecosystem': 'service-mesh',
        'orchestration.io/resources': 'cpu=lots',
        'orchestration.io/current-platform': 'ecs-ec2',
      },
    ],
    ['no workload type', { 'orchestration.io/portability': 'hybrid' }],
  ];
  const TEAMS: [string, Team][] = [
    ['a platform team', WITH_PLATFORM_TEAM],
    ['a small team and no platform team', SMALL_TEAM_NO_PLATFORM],
    ['a large team and no platform team', LARGE_TEAM_NO_PLATFORM],
    ['unknown team facts', TEAM_UNKNOWN],
  ];
  const CASES = MAPS.flatMap(([map, annotations]) =>
    TEAMS.map(
      ([team, facts]) =>
        [`${map}, ${team}`, annotations, facts] as [
          string,
          Record<string, string>,
          Team,
        ],
    ),
  );

  it.each(CASES)(
    '%s: no two point-bearing reasons on a platform cite the same input fact',
    (_name, annotations, team) => {
      const assessment = assess(annotations, team);
      for (const platform of assessment.platforms) {
        const citedBy = new Map<string, string[]>();
        for (const reason of platform.reasons) {
          if (reason.points === 0) continue;
          for (const key of new Set(inputFactKeys(reason))) {
            citedBy.set(key, [...(citedBy.get(key) ?? []), reason.rule]);
          }
        }
        const shared = [...citedBy].filter(([, rules]) => rules.length > 1);
        expect({ platform: platform.id, shared }).toEqual({
          platform: platform.id,
          shared: [],
        });
      }
    },
  );

  it.each(CASES)(
    '%s: every score is its base plus its points, and a counted reason explains with 0 points',
    (_name, annotations, team) => {
      const assessment = assess(annotations, team);
      for (const platform of assessment.platforms) {
        expect(platform.score).toBe(
          platform.base +
            platform.reasons.reduce((sum, r) => sum + r.points, 0),
        );
        const counted = platform.reasons.filter(r => r.countedBy !== undefined);
        expect(
          platform.reasons.filter(
            r =>
              r.countedBy === undefined &&
              r.explanation.includes(COUNTED_TWICE),
          ),
        ).toEqual([]);
        const pointsOf = (rule: string | undefined) =>
          platform.reasons.find(r => r.rule === rule)?.points ?? 0;
        expect(
          counted.map(r => ({
            rule: r.rule,
            points: r.points,
            namesItsCounter: r.explanation.includes(
              `${COUNTED_TWICE} ${r.countedBy}`,
            ),
            counterHasPoints: pointsOf(r.countedBy) !== 0,
          })),
        ).toEqual(
          counted.map(r => ({
            rule: r.rule,
            points: 0,
            namesItsCounter: true,
            counterHasPoints: true,
          })),
        );
        const eksManaged = platform.reasons
          .filter(r => r.rule === 'EKS-MANAGED')
          .map(r => r.evidence.map(e => e.key));
        expect(eksManaged).toEqual(
          eksManaged.map(() => ['knowledge:eks-control-plane']),
        );
      }
    },
  );

  it.each<[string, string, Record<string, string>, Team]>([
    [
      'no platform team, small owner team',
      'catalog:platform-team',
      { 'orchestration.io/workload-type': 'api' },
      SMALL_TEAM_NO_PLATFORM,
    ],
    [
      'no platform team, a stateful hybrid service',
      'catalog:platform-team',
      {
        'orchestration.io/workload-type': 'stateful',
        'orchestration.io/portability': 'hybrid',
      },
      SMALL_TEAM_NO_PLATFORM,
    ],
    [
      'no platform team, a large owner team on EKS',
      'catalog:platform-team',
      {
        'orchestration.io/workload-type': 'worker',
        'orchestration.io/current-platform': 'eks',
      },
      LARGE_TEAM_NO_PLATFORM,
    ],
    [
      'a platform team with a hybrid need',
      'catalog:platform-team',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'hybrid',
      },
      WITH_PLATFORM_TEAM,
    ],
    [
      'a simple workload',
      'orchestration.io/workload-type',
      { 'orchestration.io/workload-type': 'web-service' },
      SMALL_TEAM_NO_PLATFORM,
    ],
    [
      'a simple workload on EKS with an aws-only requirement',
      'orchestration.io/workload-type',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/portability': 'aws-only',
        'orchestration.io/current-platform': 'eks',
      },
      WITH_PLATFORM_TEAM,
    ],
    [
      'a stateful workload',
      'orchestration.io/workload-type',
      { 'orchestration.io/workload-type': 'stateful' },
      SMALL_TEAM_NO_PLATFORM,
    ],
  ])(
    '%s: at most one point-bearing rule per platform cites %s',
    (_name, key, annotations, team) => {
      const assessment = assess(annotations, team);
      const citing = Object.fromEntries(
        assessment.platforms.map(p => [
          p.id,
          p.reasons
            .filter(r => r.points !== 0 && inputFactKeys(r).includes(key))
            .map(r => r.rule),
        ]),
      );
      for (const id of PLATFORM_IDS) {
        expect({ id, rules: citing[id] }).toEqual({
          id,
          rules: citing[id].slice(0, 1),
        });
      }
      // The fact does count somewhere.
      expect(Object.values(citing).flat().length).toBeGreaterThan(0);
    },
  );
});

describe('fit and recommendation', () => {
  it('computes each score as base plus the points of its reasons and the fit as the score capped to 0..100, ranking by score within a tier', () => {
    const assessment = assess({
      'orchestration.io/workload-type': 'stateful',
      'orchestration.io/portability': 'multi-cloud',
      'orchestration.io/ecosystem': 'operator',
      'orchestration.io/scheduling': 'taints',
    });
    expect(
      assessment.platforms.map(p => [
        p.id,
        p.fit,
        p.score,
        p.base + p.reasons.reduce((sum, r) => sum + r.points, 0),
        p.verdict,
      ]),
    ).toEqual([
      ['ecs-fargate', 10, 10, 10, 'blocked'],
      ['ecs-ec2', 10, 10, 10, 'blocked'],
      ['eks', 100, 135, 135, 'recommended'],
      ['self-managed-kubernetes', 100, 125, 125, 'good'],
    ]);
    expect(assessment.recommendation).toEqual({
      platform: 'eks',
      status: 'recommended',
      confidence: 'high',
      // Both fits are capped at 100, but eks is 10 points ahead: not a near tie.
      nearTies: [],
      lead: 10,
      decidingInputs: [],
    });
  });

  it('ranks the platforms that meet a scheduling need before capped ECS, and measures the lead against the next in rank', () => {
    const assessment = assess(
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'aws-only',
        'orchestration.io/aws-integrations': 'alb',
        'orchestration.io/resources': 'cpu=1,memory=2Gi',
        'orchestration.io/scheduling': 'topology-spread',
      },
      SMALL_TEAM_NO_PLATFORM,
    );
    expect(
      assessment.platforms.map(p => [p.id, p.fit, p.score, p.verdict]),
    ).toEqual([
      ['ecs-fargate', GOOD_FIT - 1, 95, 'possible'],
      ['ecs-ec2', GOOD_FIT - 1, 85, 'possible'],
      ['eks', 60, 60, 'recommended'],
      ['self-managed-kubernetes', 35, 35, 'poor'],
    ]);
    expect(assessment.recommendation).toEqual({
      platform: 'eks',
      status: 'recommended',
      confidence: 'high',
      nearTies: [],
      // Ahead of self-managed-kubernetes, the next in rank; capped ECS ranks after both.
      lead: 25,
      decidingInputs: [],
    });
  });

  it('reports near-ties within the configured margin', () => {
    const config = readOrchestrationConfig({
      thresholds: { nearTieMargin: 10 },
    });
    if (!config.ok) throw new Error(config.errors.join('\n'));
    const assessment = assessEntity({
      entity: service({
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'aws-only',
        'orchestration.io/resources': 'cpu=1,memory=2Gi',
        'orchestration.io/current-platform': 'ecs-ec2',
      }),
      ...SMALL_TEAM_NO_PLATFORM,
      options: config.options,
      now: NOW,
    });
    expect(assessment.platforms.map(p => [p.id, p.fit, p.verdict])).toEqual([
      ['ecs-fargate', 85, 'recommended'],
      ['ecs-ec2', 75, 'good'],
      ['eks', 25, 'poor'],
      ['self-managed-kubernetes', 10, 'poor'],
    ]);
    expect(assessment.recommendation).toEqual({
      platform: 'ecs-fargate',
      status: 'recommended',
      // No input is missing and the lead reaches the confident lead of 10.
      confidence: 'high',
      nearTies: ['ecs-ec2'],
      lead: 10,
      decidingInputs: [],
    });
    // A near-tie is not a clearly better platform: no migration.
    expect(assessment.migration).toBeNull();
  });

  it('names the missing inputs that could change the recommendation, and is then of low confidence', () => {
    const assessment = assess(
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/resources': 'cpu=1,memory=2Gi',
      },
      SMALL_TEAM_NO_PLATFORM,
    );
    expect(assessment.recommendation.platform).toBe('ecs-fargate');
    expect(assessment.recommendation.confidence).toBe('low');
    expect(assessment.recommendation.decidingInputs).toEqual(
      expect.arrayContaining([
        {
          key: 'orchestration.io/portability',
          value: 'multi-cloud',
          wouldRecommend: expect.stringMatching(
            /^(eks|self-managed-kubernetes)$/,
          ),
        },
      ]),
    );
    expect(
      assessment.recommendation.decidingInputs.every(
        input => input.wouldRecommend !== 'ecs-fargate',
      ),
    ).toBe(true);
  });
});
