import type { Assessment } from '@orchestration/plugin-orchestration-common';

/**
 * An assessment with every optional part present (costs, deciding inputs,
 * reasons counted by another rule, later options, migration details), written
 * by hand so the REST contract and the CSV export can be checked without
 * depending on the engine's current numbers.
 */
export const fullAssessment: Assessment = {
  apiVersion: 'orchestration.io/v1alpha1',
  entityRef: 'component:default/legacy-web',
  assessedAt: '2026-11-28T00:00:00.000Z',
  recommendation: {
    platform: 'ecs-fargate',
    status: 'recommended',
    confidence: 'medium',
    nearTies: ['ecs-ec2'],
    lead: 4,
    decidingInputs: [
      {
        key: 'orchestration.io/portability',
        value: 'multi-cloud',
        wouldRecommend: 'eks',
      },
      {
        key: 'catalog:platform-team',
        value: 'group:default/platform',
        wouldRecommend: null,
      },
    ],
  },
  platforms: [
    {
      id: 'ecs-fargate',
      fit: 80,
      score: 80,
      base: 50,
      verdict: 'recommended',
      reasons: [
        {
          rule: 'ECS-SIMPLE',
          effect: 'favours',
          points: 10,
          evidence: [
            { key: 'orchestration.io/workload-type', value: 'web-service' },
          ],
          explanation: 'A web service is the kind ECS runs well.',
        },
        {
          rule: 'ECS-FARGATE',
          effect: 'favours',
          points: 0,
          evidence: [
            { key: 'orchestration.io/workload-type', value: 'web-service' },
          ],
          explanation: 'Nothing stated needs instances of its own.',
          countedBy: 'ECS-SIMPLE',
          alternatives: [
            {
              id: 'ecs-anywhere',
              name: 'ECS Anywhere',
              since: '2021-05',
              summary: 'Runs ECS tasks on servers outside AWS.',
              limits: 'No load balancer integration outside AWS.',
              sources: ['S12'],
              secondary: true,
            },
          ],
        },
      ],
      cost: {
        monthlyUsd: 72.08,
        lines: [
          { item: '2 tasks of 0.5 vCPU', monthlyUsd: 57.66, source: 'S40' },
          { item: '2 tasks of 1 GiB', monthlyUsd: 14.42, source: 'S40' },
        ],
        assumptions: ['2 tasks running all month'],
      },
    },
    {
      id: 'ecs-ec2',
      fit: 76,
      score: 76,
      base: 50,
      verdict: 'good',
      reasons: [],
      cost: null,
    },
    {
      id: 'eks',
      fit: 55,
      score: 55,
      base: 50,
      verdict: 'possible',
      reasons: [],
      cost: {
        monthlyUsd: 133.5,
        lines: [
          { item: 'EKS control plane', monthlyUsd: 73, source: 'S41' },
          { item: 'worker capacity', monthlyUsd: 60.5, source: 'assumption' },
        ],
        assumptions: ['one cluster per service'],
      },
    },
    {
      id: 'self-managed-kubernetes',
      fit: 20,
      score: 20,
      base: 50,
      verdict: 'poor',
      reasons: [],
      cost: {
        monthlyUsd: 1210.25,
        lines: [
          {
            item: 'control plane instances',
            monthlyUsd: 210.25,
            source: 'S42',
          },
          {
            item: 'operating time',
            monthlyUsd: 1000,
            source: 'configuration',
          },
        ],
        assumptions: ['three control-plane nodes'],
      },
    },
  ],
  warnings: [
    {
      rule: 'STATEFUL-MANAGED-DATA',
      message: 'Keep its data in a managed store.',
      alternatives: [
        {
          id: 'eks-hybrid-nodes',
          name: 'EKS Hybrid Nodes',
          since: '2024-12-01',
          summary: 'Runs EKS nodes on premises.',
          limits: 'Needs a network path to the AWS Region.',
          sources: ['S20'],
        },
      ],
    },
  ],
  migration: {
    from: 'self-managed-kubernetes',
    to: 'ecs-fargate',
    lead: 60,
    why: 'Self-managed Kubernetes is poor for it.',
    effort: 'medium',
    effortReasons: ['its manifests become task definitions'],
    steps: ['Write a task definition', 'Move the traffic', 'Retire the pods'],
  },
  obligations: [
    {
      id: 'certificate-rotation',
      title: 'Certificate rotation',
      status: 'critical',
      hypothetical: false,
      due: '2026-12-15',
      summary: 'Certificates expire in 17 days.',
      evidence: [{ key: 'orchestration.io/cert-expiry', value: '2026-12-15' }],
      actions: ['Rotate the certificates'],
    },
  ],
  missing: [
    {
      key: 'orchestration.io/resources',
      why: 'The size of one task decides whether it fits Fargate.',
      example: 'cpu=1,memory=2Gi',
    },
  ],
  validation: [],
  knowledgeAsOf: '2026-10-01',
};
