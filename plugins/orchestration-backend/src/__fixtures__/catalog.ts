import { Entity } from '@backstage/catalog-model';

function group(name: string, members: string[], platform = false): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      namespace: 'default',
      annotations: platform ? { 'orchestration.io/platform-team': 'true' } : {},
    },
    spec: { type: 'team', children: [] },
    relations: members.map(m => ({
      type: 'hasMember',
      targetRef: `user:default/${m}`,
    })),
  };
}

function user(name: string, memberOf: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [memberOf] },
  };
}

export function component(
  name: string,
  annotations: Record<string, string>,
  spec: Record<string, unknown> = {},
  title?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations,
      ...(title ? { title } : {}),
    },
    spec: { type: 'service', lifecycle: 'production', ...spec },
  };
}

export const prodKops: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'prod-kops',
    namespace: 'default',
    annotations: {
      'orchestration.io/control-plane': 'self-managed',
      'orchestration.io/provisioner': 'kops',
      'orchestration.io/kubernetes-version': '1.29.4',
      'orchestration.io/oldest-node-version': '1.27',
      'orchestration.io/etcd-members': '3',
      'orchestration.io/etcd-backup-interval': '15m',
      'orchestration.io/etcd-last-backup': '2026-11-27T23:50:00Z',
      'orchestration.io/cert-expiry': '2026-12-15',
      'orchestration.io/cert-rotation': 'manual',
      'orchestration.io/last-upgrade': '2025-06-10',
      'orchestration.io/cni': 'calico',
      'orchestration.io/pod-ip-capacity': '3800/4096',
      'orchestration.io/control-plane-monitoring':
        'apiserver-latency, etcd-disk',
    },
  },
  spec: {
    type: 'kubernetes-cluster',
    lifecycle: 'production',
    owner: 'group:platform',
  },
};

export const contentApi = component(
  'content-api',
  {
    'orchestration.io/workload-type': 'api',
    'orchestration.io/portability': 'aws-only',
    'orchestration.io/aws-integrations': 'iam-task-role, alb, cloudwatch',
    'orchestration.io/current-platform': 'ecs-fargate',
  },
  { owner: 'web-content', system: 'content' },
  'Content API',
);

export const gpuRender = component(
  'gpu-render',
  {
    'orchestration.io/workload-type': 'batch',
    'orchestration.io/scheduling':
      'gpu, node-affinity, taints, priority-preemption',
    'orchestration.io/resources': 'cpu=8,memory=32Gi,gpu=1',
    'orchestration.io/current-platform': 'self-managed-kubernetes',
    'orchestration.io/cluster': 'resource:default/prod-kops',
  },
  { owner: 'group:default/media-rendering', system: 'media' },
);

export const legacyWeb = component(
  'legacy-web',
  {
    'orchestration.io/workload-type': 'web-service',
    'orchestration.io/current-platform': 'self-managed-kubernetes',
    'orchestration.io/cluster': 'resource:default/prod-kops',
  },
  { owner: 'web-content', system: 'content' },
  '=HYPERLINK("x")',
);

export const unannotated = component('plain', {}, { owner: 'web-content' });

export const catalogEntities: Entity[] = [
  group('platform', ['guest', 'priya', 'tomasz', 'amara'], true),
  group('web-content', ['lena', 'diego']),
  group('media-rendering', [
    'kenji',
    'chloe',
    'samuel',
    'fatima',
    'oliver',
    'mei',
    'rafael',
    'anna',
    'james',
    'sara',
  ]),
  user('guest', 'platform'),
  user('lena', 'web-content'),
  prodKops,
  contentApi,
  gpuRender,
  legacyWeb,
  unannotated,
];

export const PLATFORM_USER = 'user:default/guest';
export const OTHER_USER = 'user:default/lena';
