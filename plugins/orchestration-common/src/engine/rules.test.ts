import { Entity } from '@backstage/catalog-model';
import { PlatformId } from '../annotations';
import { readOrchestrationConfig } from '../config';
import { assessEntity } from './assess';
import { AssessEntityInput, Reason } from './types';

const NOW = '2026-11-28T00:00:00Z';

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
const WITH_PLATFORM_TEAM: Team = {
  owner: { entityRef: 'group:default/team', memberCount: 3 },
  platformTeams: ['group:default/platform'],
};

function reasonsFor(
  annotations: Record<string, string>,
  team: Team,
  platform: PlatformId,
  rule: string,
): Reason[] {
  const assessment = assessEntity({
    entity: service(annotations),
    ...team,
    now: NOW,
  });
  return assessment.platforms
    .find(p => p.id === platform)!
    .reasons.filter(reason => reason.rule === rule);
}

describe('weighted rules', () => {
  it.each<[string, PlatformId, Record<string, string>, Team, Reason]>([
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
          'It relies on secrets-manager, ecr; ECS wires these in natively (per-task IAM roles, load balancer registration, logs, secrets) with no add-ons to install.',
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
      'ECS-SCHEDULING-GAP',
      'ecs-ec2',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/scheduling':
          'taints,topology-spread,pod-anti-affinity',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'ECS-SCHEDULING-GAP',
        effect: 'disfavours',
        points: -16,
        evidence: [
          {
            key: 'orchestration.io/scheduling',
            value: 'taints,topology-spread',
          },
        ],
        explanation:
          'ECS has no taints and tolerations or topology spread constraints; its placement strategies and constraints can only approximate them, so this costs 8 points per missing feature. It does not rule ECS out.',
      },
    ],
    [
      'K8S-PORTABILITY (Kubernetes side)',
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
          'It must run on more than one cloud; Kubernetes offers the same API and manifests in every place.',
      },
    ],
    [
      'K8S-PORTABILITY (ECS side)',
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
          'It must run in a data centre and on AWS, and ECS exists only on AWS.',
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
      'K8S-ECOSYSTEM',
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
          'It uses Kubernetes ecosystem tools (service-mesh, crd); ECS has no equivalent and can only be extended with what AWS provides.',
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
      'K8S-STATEFUL',
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
          'It runs on eks, yet none of the reasons to need Kubernetes applies (portability, complex scheduling, ecosystem tools, stateful workload); that is choosing Kubernetes for its popularity.',
      },
    ],
    [
      'AVOID-K8S-NO-TEAM',
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
      'EKS-MANAGED',
      'eks',
      { 'orchestration.io/workload-type': 'stateful' },
      WITH_PLATFORM_TEAM,
      {
        rule: 'EKS-MANAGED',
        effect: 'favours',
        points: 10,
        evidence: [],
        explanation:
          'Where Kubernetes fits on AWS, EKS runs the control plane: etcd, control-plane certificates and control-plane scaling become AWS duties.',
      },
    ],
    [
      'SELF-MANAGED-ONLY-WHEN (justified)',
      'self-managed-kubernetes',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'hybrid',
      },
      WITH_PLATFORM_TEAM,
      {
        rule: 'SELF-MANAGED-ONLY-WHEN',
        effect: 'favours',
        points: 10,
        evidence: [
          { key: 'orchestration.io/portability', value: 'hybrid' },
          { key: 'catalog:platform-team', value: 'group:default/platform' },
        ],
        explanation:
          'It must also run in a data centre, where no managed control plane exists, and a platform team can operate one there.',
      },
    ],
    [
      'SELF-MANAGED-ONLY-WHEN (hybrid without a team)',
      'self-managed-kubernetes',
      {
        'orchestration.io/workload-type': 'api',
        'orchestration.io/portability': 'hybrid',
      },
      SMALL_TEAM_NO_PLATFORM,
      {
        rule: 'SELF-MANAGED-ONLY-WHEN',
        effect: 'disfavours',
        points: -10,
        evidence: [
          { key: 'orchestration.io/portability', value: 'hybrid' },
          { key: 'catalog:platform-team', value: 'none' },
        ],
        explanation:
          'It must also run in a data centre, but without a platform team nobody can operate a self-managed control plane there.',
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
      'K8S-SCHEDULING for a GPU alone (ECS on EC2 has GPUs)',
      {
        'orchestration.io/workload-type': 'batch',
        'orchestration.io/scheduling': 'gpu',
      },
      WITH_PLATFORM_TEAM,
      'eks',
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
      assessment.platforms
        .find(p => p.id === id)!
        .reasons.filter(r => r.rule === 'ECS-SIMPLE')
        .map(r => r.points);
    expect([simple('ecs-fargate'), simple('ecs-ec2')]).toEqual([[25], []]);
  });
});

describe('hard constraints on Fargate', () => {
  it.each<[string, Record<string, string>, Reason]>([
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
          'Fargate offers no GPUs, so a GPU task has to run on EC2 capacity (ECS on EC2 or Kubernetes nodes).',
      },
    ],
    [
      'FARGATE-MAX-SIZE',
      { 'orchestration.io/resources': 'cpu=32,memory=64Gi' },
      {
        rule: 'FARGATE-MAX-SIZE',
        effect: 'blocks',
        points: 0,
        evidence: [
          { key: 'orchestration.io/resources', value: 'cpu=32,memory=64Gi' },
        ],
        explanation:
          'One task needs 32 vCPU (limit 16), more than the largest Fargate task.',
      },
    ],
    [
      'FARGATE-STORAGE',
      { 'orchestration.io/resources': 'storage=201Gi' },
      {
        rule: 'FARGATE-STORAGE',
        effect: 'blocks',
        points: 0,
        evidence: [
          { key: 'orchestration.io/resources', value: 'storage=201Gi' },
        ],
        explanation:
          'One task needs 201 GiB of local storage; Fargate tasks on ECS get at most 200 GiB of ephemeral storage.',
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
    '%s blocks ecs-fargate and only ecs-fargate',
    (_name, annotations, expected) => {
      const assessment = assessEntity({
        entity: service({
          'orchestration.io/workload-type': 'worker',
          ...annotations,
        }),
        ...WITH_PLATFORM_TEAM,
        now: NOW,
      });
      const fargate = assessment.platforms.find(p => p.id === 'ecs-fargate')!;
      expect(fargate.verdict).toBe('blocked');
      expect(fargate.reasons.filter(r => r.effect === 'blocks')).toEqual([
        expected,
      ]);
      expect(fargate.reasons.some(r => r.rule === 'ECS-FARGATE')).toBe(false);
      expect(
        assessment.platforms
          .filter(p => p.verdict === 'blocked')
          .map(p => p.id),
      ).toEqual(['ecs-fargate']);
      expect(assessment.recommendation.platform).not.toBe('ecs-fargate');
    },
  );
});

describe('fit and recommendation', () => {
  it('computes each score as base plus the points of its reasons and the fit as the score capped to 0..100, ranking by score', () => {
    const assessment = assessEntity({
      entity: service({
        'orchestration.io/workload-type': 'stateful',
        'orchestration.io/portability': 'multi-cloud',
        'orchestration.io/ecosystem': 'operator',
        'orchestration.io/scheduling': 'taints',
      }),
      ...WITH_PLATFORM_TEAM,
      now: NOW,
    });
    expect(
      assessment.platforms.map(p => [
        p.id,
        p.fit,
        p.score,
        p.base + p.reasons.reduce((sum, r) => sum + r.points, 0),
      ]),
    ).toEqual([
      ['ecs-fargate', 12, 12, 12],
      ['ecs-ec2', 2, 2, 2],
      ['eks', 100, 135, 135],
      ['self-managed-kubernetes', 100, 115, 115],
    ]);
    expect(assessment.recommendation).toEqual({
      platform: 'eks',
      status: 'recommended',
      confidence: 'medium',
      // Both fits are capped at 100, but eks is 20 points ahead: not a near tie.
      nearTies: [],
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
      confidence: 'medium',
      nearTies: ['ecs-ec2'],
    });
    // A near-tie is not a clearly better platform: no migration.
    expect(assessment.migration).toBeNull();
  });
});
