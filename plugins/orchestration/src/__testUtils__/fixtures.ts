import { Entity } from '@backstage/catalog-model';
import {
  Assessment,
  AssessmentListResponse,
  AssessmentSummary,
  ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS,
  ClusterSummary,
  EntityAssessmentResponse,
  ReviewRecord,
  assessCluster,
  assessEntity,
} from '@orchestration/plugin-orchestration-common';
import { OrchestrationApi } from '../api';
import {
  ecsAnywhere,
  eksPodIdentity,
  fixedAssessments,
} from './fixedAssessments';

export { ecsAnywhere, eksPodIdentity };

export const NOW = '2026-11-28T00:00:00Z';

function component(
  name: string,
  annotations: Record<string, string>,
  owner: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner },
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
  spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
};

export const contentApi = component(
  'content-api',
  {
    'orchestration.io/workload-type': 'api',
    'orchestration.io/portability': 'aws-only',
    'orchestration.io/aws-integrations': 'iam-task-role, alb, cloudwatch',
    'orchestration.io/resources': 'cpu=1,memory=2Gi',
    'orchestration.io/current-platform': 'ecs-fargate',
  },
  'group:default/web-content',
);

export const renderJobs = component(
  'render-jobs',
  {
    'orchestration.io/workload-type': 'batch',
    'orchestration.io/portability': 'aws-only',
    'orchestration.io/scheduling':
      'gpu, node-affinity, taints, priority-preemption',
    'orchestration.io/aws-integrations': 'ecr',
    'orchestration.io/resources': 'cpu=32,memory=128Gi,gpu=1,storage=150Gi',
    'orchestration.io/current-platform': 'ecs-ec2',
  },
  'group:default/media-rendering',
);

export const eventsKafka = component(
  'events-kafka',
  {
    'orchestration.io/workload-type': 'stateful',
    'orchestration.io/portability': 'aws-only',
    'orchestration.io/scheduling': 'pod-anti-affinity, topology-spread',
    'orchestration.io/ecosystem': 'operator, crd',
    'orchestration.io/resources': 'cpu=4,memory=16Gi,storage=1000Gi',
    'orchestration.io/current-platform': 'self-managed-kubernetes',
    'orchestration.io/cluster': 'resource:default/prod-kops',
  },
  'group:default/data-engineering',
);

/**
 * Hand-built: the portability is not stated, and stating it could move the
 * recommendation to EKS. Its assessment is fixed in `fixedAssessments.ts`.
 */
export const checkoutApi = component(
  'checkout-api',
  {
    'orchestration.io/workload-type': 'api',
    'orchestration.io/aws-integrations': 'iam-task-role, alb, secrets-manager',
    'orchestration.io/resources': 'cpu=1,memory=2Gi',
    'orchestration.io/replicas': '3',
    'orchestration.io/current-platform': 'ecs-fargate',
  },
  'group:default/payments',
);

/**
 * Hand-built: it must run on more than one cloud, which blocks ECS, and it
 * runs on Fargate today. Its assessment is fixed in `fixedAssessments.ts`.
 */
export const globalSearch = component(
  'global-search',
  {
    'orchestration.io/workload-type': 'api',
    'orchestration.io/portability': 'multi-cloud',
    'orchestration.io/scheduling': 'topology-spread',
    'orchestration.io/ecosystem': 'helm',
    'orchestration.io/resources': 'cpu=2,memory=4Gi',
    'orchestration.io/replicas': '2',
    'orchestration.io/current-platform': 'ecs-fargate',
  },
  'group:default/search',
);

export const noWorkloadType = component(
  'mystery',
  { 'orchestration.io/portability': 'aws-olny' },
  'group:default/web-content',
);

export const notAnnotated = component(
  'docs-website',
  {},
  'group:default/web-content',
);

export function assess(entity: Entity): Assessment {
  const annotations = entity.metadata.annotations ?? {};
  const onKops =
    annotations['orchestration.io/cluster'] === 'resource:default/prod-kops';
  return assessEntity({
    entity,
    owner: {
      entityRef: String(entity.spec?.owner),
      memberCount: entity.metadata.name === 'content-api' ? 2 : 6,
    },
    platformTeams:
      entity.metadata.name === 'content-api' ? [] : ['group:default/platform'],
    cluster: onKops ? prodKops : undefined,
    now: NOW,
  });
}

/** The fixed assessment of a hand-built fixture, else the engine's. */
export function assessmentOf(entity: Entity): Assessment {
  return fixedAssessments[entity.metadata.name] ?? assess(entity);
}

export function entityResponse(entity: Entity): EntityAssessmentResponse {
  const fixed = fixedAssessments[entity.metadata.name];
  if (fixed) return { assessment: fixed, cluster: null };
  const annotations = entity.metadata.annotations ?? {};
  const onKops =
    annotations['orchestration.io/cluster'] === 'resource:default/prod-kops';
  return {
    assessment: assess(entity),
    cluster: onKops ? assessCluster(prodKops, { now: NOW }) : null,
  };
}

/**
 * A list row as the backend serves it: the migration as its platforms only,
 * its effort, the costs and the first deciding inputs beside it.
 */
export function summaryOf(
  entity: Entity,
  a: Assessment = assessmentOf(entity),
): AssessmentSummary {
  const current = (entity.metadata.annotations?.[
    'orchestration.io/current-platform'
  ] ?? null) as AssessmentSummary['currentPlatform'];
  const real = a.obligations.filter(o => !o.hypothetical);
  const costOf = (id: string | null) =>
    a.platforms.find(p => p.id === id)?.cost?.monthlyUsd ?? null;
  return {
    entityRef: a.entityRef,
    kind: 'component',
    namespace: 'default',
    name: entity.metadata.name,
    title: null,
    owner: String(entity.spec?.owner),
    system: null,
    currentPlatform: current,
    recommendedPlatform: a.recommendation.platform,
    recommendationStatus: a.recommendation.status,
    confidence: a.recommendation.confidence,
    currentVerdict: a.platforms.find(p => p.id === current)?.verdict ?? null,
    fit: a.platforms.find(p => p.id === a.recommendation.platform)?.fit ?? null,
    migration: a.migration
      ? ({
          from: a.migration.from,
          to: a.migration.to,
        } as AssessmentSummary['migration'])
      : null,
    obligationStatus: real.find(o => o.status === 'critical')
      ? 'critical'
      : real[0]?.status ?? null,
    nextDue:
      real
        .map(o => o.due)
        .filter(Boolean)
        .sort()[0] ?? null,
    warningCount: a.warnings.length,
    validationErrorCount: a.validation.length,
    assessedAt: a.assessedAt,
    recommendedMonthlyUsd: costOf(a.recommendation.platform),
    currentMonthlyUsd: costOf(current),
    migrationEffort: a.migration?.effort ?? null,
    decidingInputs: a.recommendation.decidingInputs.slice(
      0,
      ASSESSMENT_SUMMARY_MAX_DECIDING_INPUTS,
    ),
  };
}

export function listResponse(entities: Entity[]): AssessmentListResponse {
  const items = entities.map(entity => summaryOf(entity));
  const count = (pick: (s: AssessmentSummary) => string | null) => {
    const out: Record<string, number> = {};
    for (const item of items) {
      const key = pick(item);
      if (key) out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  };
  return {
    items,
    nextCursor: null,
    totalItems: items.length,
    facets: {
      currentPlatform: count(i => i.currentPlatform),
      recommendedPlatform: count(i => i.recommendedPlatform),
      currentVerdict: count(i => i.currentVerdict),
      obligationStatus: count(i => i.obligationStatus),
      migration: {
        candidates: items.filter(i => i.migration).length,
        none: items.filter(i => !i.migration).length,
      },
    },
    snapshot: {
      refreshedAt: NOW,
      stale: false,
      entityCount: items.length,
    },
  };
}

export function clusterSummary(): ClusterSummary {
  const assessment = assessCluster(prodKops, { now: NOW });
  return {
    entityRef: 'resource:default/prod-kops',
    name: 'prod-kops',
    title: null,
    owner: 'group:default/platform',
    assessment,
    obligationStatus: assessment.obligations.some(o => o.status === 'critical')
      ? 'critical'
      : 'warning',
    services: [
      {
        entityRef: 'component:default/events-kafka',
        name: 'events-kafka',
        title: null,
        owner: 'group:default/data-engineering',
        currentPlatform: 'self-managed-kubernetes',
        recommendedPlatform: assess(eventsKafka).recommendation.platform,
        migration: assess(eventsKafka).migration,
      },
    ],
  };
}

export const review: ReviewRecord = {
  id: 'r1',
  entityRef: 'component:default/content-api',
  decision: { kind: 'accept', comment: 'Fargate it is' },
  reviewer: 'user:default/guest',
  createdAt: '2026-11-27T10:00:00Z',
};

/** A fake of the API whose methods are jest mocks returning the given data. */
export function fakeApi(
  overrides: Partial<OrchestrationApi> = {},
): jest.Mocked<OrchestrationApi> {
  return {
    getEntityAssessment: jest.fn(async ref =>
      entityResponse(
        [
          contentApi,
          renderJobs,
          eventsKafka,
          noWorkloadType,
          checkoutApi,
          globalSearch,
        ].find(e => e.metadata.name === ref.name) ?? contentApi,
      ),
    ),
    listAssessments: jest.fn(async () =>
      listResponse([contentApi, renderJobs, eventsKafka]),
    ),
    exportAssessments: jest.fn(async () => new Blob(['name\ncontent-api\n'])),
    evaluate: jest.fn(async ({ entity }) => ({ assessment: assess(entity) })),
    listClusters: jest.fn(async () => ({
      items: [clusterSummary()],
      snapshot: { refreshedAt: NOW, stale: false, entityCount: 3 },
    })),
    getCluster: jest.fn(async () => clusterSummary()),
    exportClusters: jest.fn(
      async () =>
        new Blob(['clusterRef,factKey\r\nresource:default/prod-kops,cni\r\n']),
    ),
    listReviews: jest.fn(async () => ({
      items: [review],
      nextCursor: null,
      inForce: review,
    })),
    createReview: jest.fn(async (_ref, decision) => ({
      ...review,
      id: 'r2',
      decision,
    })),
    getHistory: jest.fn(async () => ({ items: [], nextCursor: null })),
    getRollup: jest.fn(async () => {
      throw new Error('No roll-up in this test');
    }),
    ...overrides,
  } as jest.Mocked<OrchestrationApi>;
}
