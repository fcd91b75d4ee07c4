import {
  ASSESSMENT_API_VERSION,
  Assessment,
  NamedOption,
  PlatformCost,
  Reason,
} from '@orchestration/plugin-orchestration-common';

/**
 * Hand-built assessments with every field of the format set, so the views
 * can be tested against known values: the engine computes the others.
 */

const ASSESSED_AT = '2026-11-28T00:00:00.000Z';
const KNOWLEDGE_AS_OF = '2026-10-09';

export const ecsAnywhere: NamedOption = {
  id: 'ecs-anywhere',
  name: 'ECS Anywhere',
  since: '2021-05-25',
  summary:
    'Runs ECS tasks on your own servers and VMs under the ECS control plane that AWS operates, so on-premises or hybrid capacity no longer calls for Kubernetes.',
  limits:
    'External instances get bridge, host or none networking (no awsvpc) and no service load balancing, service discovery, capacity providers, EFS or Service Connect; each host needs the SSM agent and outbound access to one Region.',
  sources: ['S38', 'S47'],
  secondary: true,
};

export const eksPodIdentity: NamedOption = {
  id: 'eks-pod-identity',
  name: 'EKS Pod Identity',
  since: '2023-11-26',
  summary:
    'Gives each Kubernetes service account its own IAM role without an OIDC provider, which closes the task-role gap that used to favour ECS.',
  limits:
    'Runs as an agent DaemonSet on Linux EC2 nodes only (not Fargate pods or self-managed clusters, where IRSA remains the way).',
  sources: ['S39', 'S41'],
};

const eksAutoMode: NamedOption = {
  id: 'eks-auto-mode',
  name: 'EKS Auto Mode',
  since: '2024-12-01',
  summary:
    'AWS takes over node operations: Karpenter-based scaling, the VPC CNI, EBS CSI, load balancing, DNS, the Pod Identity agent and OS patching.',
  limits:
    'Nodes are immutable, offer no SSH or SSM access and live at most 21 days; a per-instance fee comes on top of EC2.',
  sources: ['S12', 'S8', 'S39', 'S40'],
};

const ON_DEMAND =
  'us-east-1 on-demand prices, x86; no Savings Plans, Reserved Instances or Spot.';

const eksCost = (replicas: number): PlatformCost => ({
  monthlyUsd: 213.16,
  lines: [
    {
      item: 'EKS control plane, standard support (730 h × $0.10)',
      monthlyUsd: 73,
      source: 'S10, S49',
    },
    {
      item: `Worker nodes: 2 × m6i.large on demand for ${replicas} pods`,
      monthlyUsd: 140.16,
      source: 'S52',
    },
  ],
  assumptions: [
    `${replicas} replicas running all month (730 hours).`,
    'The whole control-plane fee is charged to this service; shared clusters divide it.',
    ON_DEMAND,
  ],
});

const selfManagedCost = (replicas: number): PlatformCost => ({
  monthlyUsd: 350.4,
  lines: [
    {
      item: 'Control-plane instances: 3 × m6i.large (etcd quorum)',
      monthlyUsd: 210.24,
      source: 'S52, S17',
    },
    {
      item: `Worker nodes: 2 × m6i.large on demand for ${replicas} pods`,
      monthlyUsd: 140.16,
      source: 'S52',
    },
  ],
  assumptions: [
    `${replicas} replicas running all month (730 hours).`,
    'People time to operate the control plane is not included.',
    ON_DEMAND,
  ],
});

/**
 * checkout-api: a small API on Fargate. Its portability is not stated, and
 * `multi-cloud` would block ECS and recommend EKS, so the confidence is low.
 */
export const checkoutAssessment: Assessment = {
  apiVersion: ASSESSMENT_API_VERSION,
  entityRef: 'component:default/checkout-api',
  assessedAt: ASSESSED_AT,
  recommendation: {
    platform: 'ecs-fargate',
    status: 'recommended',
    confidence: 'low',
    nearTies: [],
    lead: 10,
    decidingInputs: [
      {
        key: 'orchestration.io/portability',
        value: 'multi-cloud',
        wouldRecommend: 'eks',
      },
    ],
  },
  platforms: [
    {
      id: 'ecs-fargate',
      fit: 86,
      score: 86,
      base: 50,
      verdict: 'recommended',
      reasons: [
        {
          rule: 'ECS-SIMPLE',
          effect: 'favours',
          points: 12,
          evidence: [{ key: 'orchestration.io/workload-type', value: 'api' }],
          explanation:
            'Its workload type, api, is the kind ECS runs well with task definitions and services alone.',
        },
        {
          rule: 'ECS-AWS-INTEGRATION',
          effect: 'favours',
          points: 14,
          evidence: [
            {
              key: 'orchestration.io/aws-integrations',
              value: 'iam-task-role,alb,secrets-manager',
            },
          ],
          explanation:
            'It relies on iam-task-role, alb, secrets-manager; ECS wires these in natively. EKS reaches most of them through add-ons, and per-service roles through EKS Pod Identity.',
          alternatives: [eksPodIdentity],
        },
        {
          rule: 'ECS-FARGATE',
          effect: 'favours',
          points: 10,
          evidence: [
            { key: 'orchestration.io/resources', value: 'cpu=1,memory=2Gi' },
          ],
          explanation:
            'Nothing in its size or placement needs instances of its own, so Fargate can run it with no servers, AMIs or patching to manage.',
        },
      ],
      cost: {
        monthlyUsd: 108.12,
        lines: [
          {
            item: 'Fargate vCPU: 3 tasks × 1 vCPU × 730 h',
            monthlyUsd: 88.65,
            source: 'S48 (secondary)',
          },
          {
            item: 'Fargate memory: 3 tasks × 2 GB × 730 h',
            monthlyUsd: 19.47,
            source: 'S48 (secondary)',
          },
          {
            item: 'ECS control plane',
            monthlyUsd: 0,
            source: 'S47 (secondary)',
          },
        ],
        assumptions: [
          '3 replicas (orchestration.io/replicas) running all month (730 hours).',
          'Ephemeral storage within the 20 GB included in the task price.',
          ON_DEMAND,
        ],
      },
    },
    {
      id: 'ecs-ec2',
      fit: 76,
      score: 76,
      base: 50,
      verdict: 'good',
      reasons: [
        {
          rule: 'ECS-SIMPLE',
          effect: 'favours',
          points: 12,
          evidence: [{ key: 'orchestration.io/workload-type', value: 'api' }],
          explanation:
            'Its workload type, api, is the kind ECS runs well with task definitions and services alone.',
        },
        {
          rule: 'ECS-AWS-INTEGRATION',
          effect: 'favours',
          points: 14,
          evidence: [
            {
              key: 'orchestration.io/aws-integrations',
              value: 'iam-task-role,alb,secrets-manager',
            },
          ],
          explanation:
            'It relies on iam-task-role, alb, secrets-manager; ECS wires these in natively. EKS reaches most of them through add-ons, and per-service roles through EKS Pod Identity.',
          alternatives: [eksPodIdentity],
        },
      ],
      cost: {
        monthlyUsd: 144.96,
        lines: [
          {
            item: 'EC2 instances: 2 × m6i.large on demand for 3 tasks',
            monthlyUsd: 140.16,
            source: 'S52',
          },
          {
            item: 'EBS gp3 root volumes: 2 × 30 GB',
            monthlyUsd: 4.8,
            source: 'S49',
          },
        ],
        assumptions: [
          '3 replicas (orchestration.io/replicas) running all month (730 hours).',
          'Instances sized from the capacity left after system reserves (S54), one spare for roll-outs.',
          ON_DEMAND,
        ],
      },
    },
    {
      id: 'eks',
      fit: 40,
      score: 40,
      base: 50,
      verdict: 'poor',
      reasons: [
        {
          rule: 'AVOID-K8S-SIMPLE',
          effect: 'disfavours',
          points: -10,
          evidence: [{ key: 'orchestration.io/workload-type', value: 'api' }],
          explanation:
            'A simple workload (api) with no Kubernetes-only need would be served as well by ECS or Fargate, with less to operate.',
        },
      ],
      cost: eksCost(3),
    },
    {
      id: 'self-managed-kubernetes',
      fit: 20,
      score: 20,
      base: 50,
      verdict: 'poor',
      reasons: [
        {
          rule: 'AVOID-K8S-SIMPLE',
          effect: 'disfavours',
          points: -10,
          evidence: [{ key: 'orchestration.io/workload-type', value: 'api' }],
          explanation:
            'A simple workload (api) with no Kubernetes-only need would be served as well by ECS or Fargate, with less to operate.',
        },
        {
          rule: 'SELF-MANAGED-ONLY-WHEN',
          effect: 'disfavours',
          points: -20,
          evidence: [],
          explanation:
            'A managed control plane can serve it; running one yourself only pays off for a data-centre site without a link to AWS, and then only with a platform team.',
        },
      ],
      cost: selfManagedCost(3),
    },
  ],
  warnings: [
    {
      rule: 'AVOID-K8S-SIMPLE',
      message:
        'A simple workload (api) with no Kubernetes-only need would be served as well by ECS or Fargate, with less to operate.',
    },
    {
      rule: 'AVOID-K8S-NO-TEAM',
      message:
        'No platform team exists; even with a managed control plane someone must own upgrades, nodes and add-ons (EKS Auto Mode takes over node operations, not upgrades).',
      alternatives: [eksAutoMode],
    },
  ],
  migration: null,
  obligations: [],
  missing: [
    {
      key: 'orchestration.io/portability',
      why: 'Whether it must run beyond AWS decides whether ECS is possible at all.',
      example: 'aws-only',
    },
  ],
  validation: [],
  knowledgeAsOf: KNOWLEDGE_AS_OF,
};

const multiCloudBlock: Reason = {
  rule: 'REQ-PORTABILITY',
  effect: 'blocks',
  points: 0,
  evidence: [{ key: 'orchestration.io/portability', value: 'multi-cloud' }],
  explanation:
    'It must run on more than one cloud, and ECS has a control plane only in AWS: even ECS Anywhere hosts are run from an AWS Region. Portability is a requirement here, not a preference.',
  alternatives: [ecsAnywhere],
};

const schedulingGap: Reason = {
  rule: 'ECS-SCHEDULING-GAP',
  effect: 'disfavours',
  points: 0,
  evidence: [{ key: 'orchestration.io/scheduling', value: 'topology-spread' }],
  explanation:
    'ECS has no topology spread constraints; its placement strategies and constraints cannot express them, so ECS is at best possible here and ranks after every platform that has them.',
};

const kubernetesReasons: Reason[] = [
  {
    rule: 'K8S-PORTABILITY',
    effect: 'favours',
    points: 20,
    evidence: [{ key: 'orchestration.io/portability', value: 'multi-cloud' }],
    explanation:
      'It must run on more than one cloud; Kubernetes offers the same API and manifests on each.',
  },
  {
    rule: 'K8S-SCHEDULING',
    effect: 'favours',
    points: 12,
    evidence: [
      { key: 'orchestration.io/scheduling', value: 'topology-spread' },
    ],
    explanation:
      'It needs topology spread constraints, which the Kubernetes scheduler supports directly.',
  },
  {
    rule: 'K8S-TOOLING',
    effect: 'favours',
    points: 0,
    evidence: [{ key: 'orchestration.io/ecosystem', value: 'helm' }],
    explanation:
      'It uses helm: tooling that works on Kubernetes or beside any platform, not a reason to need Kubernetes.',
  },
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
];

/**
 * global-search: it must run on more than one cloud, so ECS is blocked, and
 * it runs on Fargate today: a migration to EKS, with a large effort.
 */
export const globalSearchAssessment: Assessment = {
  apiVersion: ASSESSMENT_API_VERSION,
  entityRef: 'component:default/global-search',
  assessedAt: ASSESSED_AT,
  recommendation: {
    platform: 'eks',
    status: 'recommended',
    confidence: 'high',
    nearTies: [],
    lead: 34,
    decidingInputs: [],
  },
  platforms: [
    {
      id: 'ecs-fargate',
      fit: 52,
      score: 52,
      base: 50,
      verdict: 'blocked',
      reasons: [
        multiCloudBlock,
        {
          rule: 'ECS-SIMPLE',
          effect: 'favours',
          points: 12,
          evidence: [{ key: 'orchestration.io/workload-type', value: 'api' }],
          explanation:
            'Its workload type, api, is the kind ECS runs well with task definitions and services alone.',
        },
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
        schedulingGap,
      ],
      cost: null,
    },
    {
      id: 'ecs-ec2',
      fit: 42,
      score: 42,
      base: 50,
      verdict: 'blocked',
      reasons: [
        multiCloudBlock,
        {
          rule: 'ECS-SIMPLE',
          effect: 'favours',
          points: 12,
          evidence: [{ key: 'orchestration.io/workload-type', value: 'api' }],
          explanation:
            'Its workload type, api, is the kind ECS runs well with task definitions and services alone.',
        },
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
        schedulingGap,
      ],
      cost: null,
    },
    {
      id: 'eks',
      fit: 100,
      score: 102,
      base: 50,
      verdict: 'recommended',
      reasons: [
        ...kubernetesReasons,
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
      cost: eksCost(2),
    },
    {
      id: 'self-managed-kubernetes',
      fit: 68,
      score: 68,
      base: 50,
      verdict: 'possible',
      reasons: [
        ...kubernetesReasons,
        {
          rule: 'SELF-MANAGED-ONLY-WHEN',
          effect: 'disfavours',
          points: 0,
          evidence: [
            { key: 'orchestration.io/portability', value: 'multi-cloud' },
          ],
          explanation:
            'A managed control plane can serve it; running one yourself only pays off for a data-centre site without a link to AWS, and then only with a platform team.',
          countedBy: 'K8S-PORTABILITY',
        },
      ],
      cost: selfManagedCost(2),
    },
  ],
  warnings: [],
  migration: {
    from: 'ecs-fargate',
    to: 'eks',
    lead: null,
    why: 'ECS on Fargate is blocked (REQ-PORTABILITY): it cannot run this workload as described.',
    effort: 'large',
    effortReasons: [
      'ECS on Fargate and EKS describe workloads differently: the deployment definitions must be rewritten.',
      'Kubernetes brings cluster operations (upgrades, add-ons, node management) the team does not have today.',
    ],
    steps: [
      'Translate the task definition into Kubernetes manifests (Deployment or StatefulSet, Service, ConfigMaps); only the container image carries over.',
      'Replace task IAM roles with EKS Pod Identity (IRSA on a self-managed control plane), and the ALB target group with the AWS Load Balancer Controller.',
      'Deploy beside the ECS service, shift traffic gradually, then remove the ECS service.',
    ],
  },
  obligations: [],
  missing: [],
  validation: [],
  knowledgeAsOf: KNOWLEDGE_AS_OF,
};

/** The hand-built assessments by entity name. */
export const fixedAssessments: Record<string, Assessment> = {
  'checkout-api': checkoutAssessment,
  'global-search': globalSearchAssessment,
};
