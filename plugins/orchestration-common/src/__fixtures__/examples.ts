import { Entity } from '@backstage/catalog-model';
import { AssessEntityInput } from '../engine/types';

/** The fixed instant every example is assessed at. */
export const EXAMPLE_NOW = '2026-11-28T00:00:00Z';

function component(
  name: string,
  annotations: Record<string, string>,
  owner: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

function cluster(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, annotations },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
  };
}

/**
 * A content API on AWS using a task IAM role, an ALB and CloudWatch, owned by
 * a two-person team, in an organisation with no platform team.
 */
export const contentApi: AssessEntityInput = {
  entity: component(
    'content-api',
    {
      'orchestration.io/workload-type': 'api',
      'orchestration.io/portability': 'aws-only',
      'orchestration.io/aws-integrations': 'iam-task-role, alb, cloudwatch',
      'orchestration.io/resources': 'cpu=1,memory=2Gi',
      'orchestration.io/current-platform': 'ecs-fargate',
    },
    'group:default/web-content',
  ),
  owner: { entityRef: 'group:default/web-content', memberCount: 2 },
  platformTeams: [],
  now: EXAMPLE_NOW,
};

/** The EKS cluster the GPU rendering jobs run on. */
export const mediaEksCluster: Entity = cluster('media-eks', {
  'orchestration.io/control-plane': 'eks',
  'orchestration.io/kubernetes-version': '1.33',
  'orchestration.io/oldest-node-version': '1.32',
  'orchestration.io/cni': 'aws-vpc-cni',
  'orchestration.io/pod-ip-capacity': '1200/4096',
  'orchestration.io/control-plane-monitoring':
    'apiserver-latency,scheduler-queue',
});

/**
 * GPU rendering jobs: node affinity to GPU nodes, taints to keep other work
 * off them, priority preemption of lower-priority batch work; a platform team
 * exists.
 */
export const gpuRendering: AssessEntityInput = {
  entity: component(
    'render-jobs',
    {
      'orchestration.io/workload-type': 'batch',
      'orchestration.io/portability': 'aws-only',
      'orchestration.io/scheduling':
        'gpu, node-affinity, taints, priority-preemption',
      'orchestration.io/resources': 'cpu=8,memory=32Gi,gpu=1',
      'orchestration.io/current-platform': 'eks',
      'orchestration.io/cluster': 'resource:default/media-eks',
    },
    'group:default/media-rendering',
  ),
  owner: { entityRef: 'group:default/media-rendering', memberCount: 6 },
  platformTeams: ['group:default/platform'],
  cluster: mediaEksCluster,
  now: EXAMPLE_NOW,
};

/** Kafka as a stateful workload run by an operator, with a platform team. */
export const kafka: AssessEntityInput = {
  entity: component(
    'events-kafka',
    {
      'orchestration.io/workload-type': 'stateful',
      'orchestration.io/portability': 'aws-only',
      'orchestration.io/scheduling': 'pod-anti-affinity',
      'orchestration.io/ecosystem': 'operator',
      'orchestration.io/resources': 'cpu=4,memory=16Gi,storage=500Gi',
      'orchestration.io/current-platform': 'none',
    },
    'group:default/data-engineering',
  ),
  owner: { entityRef: 'group:default/data-engineering', memberCount: 12 },
  platformTeams: ['group:default/platform'],
  now: EXAMPLE_NOW,
};

/**
 * A service moving out of the data centre that must run the same manifests
 * in both places, with a platform team.
 */
export const hybridMigration: AssessEntityInput = {
  entity: component(
    'catalog-service',
    {
      'orchestration.io/workload-type': 'web-service',
      'orchestration.io/portability': 'hybrid',
      'orchestration.io/ecosystem': 'helm',
      'orchestration.io/resources': 'cpu=2,memory=4Gi',
      'orchestration.io/current-platform': 'none',
    },
    'group:default/commerce',
  ),
  owner: { entityRef: 'group:default/commerce', memberCount: 5 },
  platformTeams: ['group:default/platform'],
  now: EXAMPLE_NOW,
};

/**
 * A self-managed kops cluster on an old minor, with manual certificate
 * rotation and etcd backups every 15 minutes.
 */
export const prodKopsCluster: Entity = cluster('prod-kops', {
  'orchestration.io/control-plane': 'self-managed',
  'orchestration.io/provisioner': 'kops',
  'orchestration.io/kubernetes-version': '1.30.6',
  'orchestration.io/oldest-node-version': '1.28',
  'orchestration.io/etcd-members': '3',
  'orchestration.io/etcd-backup-interval': '15m',
  'orchestration.io/etcd-last-backup': '2026-11-27T23:50:00Z',
  'orchestration.io/cert-expiry': '2026-12-15',
  'orchestration.io/cert-rotation': 'manual',
  'orchestration.io/last-upgrade': '2025-06-02',
  'orchestration.io/cni': 'aws-vpc-cni',
  'orchestration.io/pod-ip-capacity': '3800/4096',
  'orchestration.io/control-plane-monitoring': 'apiserver-latency, etcd-disk',
});

/** A plain web service running on the self-managed kops cluster. */
export const legacyOnKops: AssessEntityInput = {
  entity: component(
    'legacy-web',
    {
      'orchestration.io/workload-type': 'web-service',
      'orchestration.io/portability': 'aws-only',
      'orchestration.io/resources': 'cpu=1,memory=2Gi',
      'orchestration.io/current-platform': 'self-managed-kubernetes',
      'orchestration.io/cluster': 'resource:default/prod-kops',
    },
    'group:default/storefront',
  ),
  owner: { entityRef: 'group:default/storefront', memberCount: 4 },
  platformTeams: ['group:default/platform'],
  cluster: prodKopsCluster,
  now: EXAMPLE_NOW,
};

/** A Component with a misspelt workload-type key: not enough information. */
export const noWorkloadType: AssessEntityInput = {
  entity: component(
    'mystery-service',
    {
      'orchestration.io/workload-typ': 'web-servce',
      'orchestration.io/current-platform': 'ecs-fargate',
    },
    'group:default/web-content',
  ),
  owner: { entityRef: 'group:default/web-content', memberCount: 2 },
  platformTeams: [],
  now: EXAMPLE_NOW,
};
