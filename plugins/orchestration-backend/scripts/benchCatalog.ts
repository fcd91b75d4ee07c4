/*
 * The generated catalog of the backend benchmarks: Groups (the first one a
 * platform team), kubernetes-cluster Resources and Components with
 * `orchestration.io/` annotations, each built from its index, so a catalog
 * of any size can be written to a file or served page by page without
 * holding it in memory.
 */
import { Entity } from '@backstage/catalog-model';

export const PLATFORMS = [
  'ecs-fargate',
  'ecs-ec2',
  'eks',
  'self-managed-kubernetes',
];
const WORKLOADS = ['web-service', 'api', 'batch', 'worker', 'stateful'];
const PORTABILITY = ['aws-only', 'multi-cloud', 'hybrid'];

export interface CatalogSize {
  components: number;
  groups: number;
  clusters: number;
}

export const groupName = (g: number) => `bench-team-${g}`;
export const clusterName = (c: number) => `bench-cluster-${c}`;
export const componentName = (i: number) => `bench-service-${i}`;

export function benchGroup(g: number): Entity {
  const members = Array.from(
    { length: 1 + (g % 12) },
    (_, i) => `bench-user-${g}-${i}`,
  );
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: groupName(g),
      namespace: 'default',
      annotations: g === 0 ? { 'orchestration.io/platform-team': 'true' } : {},
    },
    spec: { type: 'team', children: [], members },
  };
}

export function benchCluster(c: number): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: clusterName(c),
      namespace: 'default',
      annotations: {
        'orchestration.io/control-plane': c % 2 ? 'eks' : 'self-managed',
        'orchestration.io/kubernetes-version': `1.${28 + (c % 6)}`,
        'orchestration.io/oldest-node-version': `1.${27 + (c % 6)}`,
        'orchestration.io/etcd-members': '3',
        'orchestration.io/etcd-backup-interval': c % 3 ? '15m' : '1h',
        'orchestration.io/etcd-last-backup': '2026-11-27T23:50:00Z',
        'orchestration.io/cert-expiry': `2026-12-${10 + (c % 18)}`,
        'orchestration.io/cert-rotation': c % 2 ? 'automated' : 'manual',
        'orchestration.io/last-upgrade': '2025-06-10',
        'orchestration.io/cni': c % 2 ? 'aws-vpc-cni' : 'calico',
        'orchestration.io/pod-ip-capacity': `${1000 + c * 50}/4096`,
      },
    },
    spec: {
      type: 'kubernetes-cluster',
      lifecycle: 'production',
      owner: `group:${groupName(0)}`,
    },
  };
}

/**
 * A Component: a quarter on each platform, the Kubernetes ones naming a
 * cluster; owners and systems spread evenly.
 */
export function benchComponent(i: number, size: CatalogSize): Entity {
  const platform = PLATFORMS[i % 4];
  const k8s = platform === 'eks' || platform === 'self-managed-kubernetes';
  const annotations: Record<string, string> = {
    'orchestration.io/workload-type': WORKLOADS[i % 5],
    'orchestration.io/portability': PORTABILITY[i % 3],
    'orchestration.io/aws-integrations': 'iam-task-role, alb',
    'orchestration.io/current-platform': platform,
  };
  if (k8s) {
    annotations['orchestration.io/cluster'] = `resource:default/${clusterName(
      i % size.clusters,
    )}`;
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: componentName(i),
      namespace: 'default',
      title: `Bench service ${i}`,
      annotations,
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:${groupName(i % size.groups)}`,
      system: `bench-system-${i % 40}`,
    },
  };
}

/** Every entity of the catalog as JSON documents of one YAML stream (JSON is YAML). */
export function* catalogDocuments(size: CatalogSize): Generator<string> {
  for (let g = 0; g < size.groups; g++) yield JSON.stringify(benchGroup(g));
  for (let c = 0; c < size.clusters; c++) {
    yield JSON.stringify(benchCluster(c));
  }
  for (let i = 0; i < size.components; i++) {
    yield JSON.stringify(benchComponent(i, size));
  }
}
