import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_AWS_INTEGRATIONS,
  ANNOTATION_CLUSTER,
  ANNOTATION_CURRENT_PLATFORM,
  ANNOTATION_ECOSYSTEM,
  ANNOTATION_PORTABILITY,
  ANNOTATION_REPLICAS,
  ANNOTATION_RESOURCES,
  ANNOTATION_SCHEDULING,
  ANNOTATION_WORKLOAD_TYPE,
  AWS_INTEGRATIONS,
  CURRENT_PLATFORM_VALUES,
  ECOSYSTEM_TOOLS,
  KUBERNETES_PLATFORM_IDS,
  PORTABILITY_VALUES,
  PlatformId,
  SCHEDULING_NEEDS,
  WORKLOAD_TYPES,
  WorkloadType,
  isOrchestrationAnnotated,
  namespaceOf,
  ownerRefOf,
  parseComponentAnnotations,
  systemRefOf,
} from '@orchestration/plugin-orchestration-common';

/** One line of the starter block: a key with a value to keep, or an example to fill in. */
export interface StarterLine {
  key: string;
  /** The value proposed, from what the catalog knows; absent when only an example can be given. */
  value?: string;
  /** An example value of a line left commented out. */
  example?: string;
  /** Where the value comes from, or what to write, in a few words. */
  source: string;
  /** A short comment beside a value that is only a guess, in the block. */
  note?: string;
  /** What the key means. */
  meaning: string;
  /** The values it accepts. */
  allowed: string;
}

/** The annotated Components the starter values were taken from. */
export interface StarterPeers {
  /** `system` when they share the entity's System, `owner` when they share its owner. */
  by: 'system' | 'owner';
  /** The System or owner they share, as an entity ref. */
  ref: string;
  /** The annotated Components among them (not the entity itself). */
  entities: Entity[];
}

/** An entity ref as people read it: `commerce`, or `payments/pay-api` outside the default namespace. */
export function shortName(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/** A resource ref as short as it can be written on a Component of `namespace`. */
function refWithin(ref: string, namespace: string): string {
  try {
    const parsed = parseEntityRef(ref);
    return parsed.namespace === namespace ? parsed.name : ref;
  } catch {
    return ref;
  }
}

const WORKLOAD_BY_TYPE: Record<string, WorkloadType> = {
  website: 'web-service',
  frontend: 'web-service',
  'web-service': 'web-service',
  webapp: 'web-service',
  api: 'api',
  grpc: 'api',
  batch: 'batch',
  job: 'batch',
  cronjob: 'batch',
  pipeline: 'batch',
  etl: 'batch',
  worker: 'worker',
  consumer: 'worker',
  daemon: 'worker',
  stateful: 'stateful',
  database: 'stateful',
  datastore: 'stateful',
  cache: 'stateful',
  queue: 'stateful',
};

/** Whether the Component provides an API, by its spec or its relations. */
function providesApis(entity: Entity): boolean {
  const provided = entity.spec?.providesApis;
  if (Array.isArray(provided) && provided.length > 0) return true;
  return (entity.relations ?? []).some(r => r.type === 'providesApi');
}

/** The workload type the catalog suggests, and why. */
function workloadType(entity: Entity): {
  value: WorkloadType;
  source: string;
  note?: string;
} {
  const type =
    typeof entity.spec?.type === 'string'
      ? entity.spec.type.trim().toLocaleLowerCase('en-US')
      : '';
  if (type === 'service') {
    return providesApis(entity)
      ? { value: 'api', source: 'spec.type is service and it provides APIs' }
      : {
          value: 'web-service',
          source:
            'spec.type is service; write worker or batch if it serves no requests',
          note: 'or worker, batch',
        };
  }
  const mapped = WORKLOAD_BY_TYPE[type];
  if (mapped) return { value: mapped, source: `spec.type is ${type}` };
  return {
    value: 'web-service',
    note: 'a guess, check it',
    source: type
      ? `a guess: spec.type ${type} does not say; choose the one that fits`
      : 'a guess: spec.type is not set; choose the one that fits',
  };
}

/** The most common value among the peers, with how many of them have it. */
function mostCommon<T extends string>(
  values: (T | undefined)[],
): { value: T; count: number } | undefined {
  const counts = new Map<T, number>();
  for (const value of values) {
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let best: { value: T; count: number } | undefined;
  for (const [value, count] of [...counts].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (!best || count > best.count) best = { value, count };
  }
  return best;
}

/** Kubernetes plugin annotations: the service runs on some Kubernetes cluster. */
const KUBERNETES_PLUGIN_ANNOTATIONS = [
  'backstage.io/kubernetes-id',
  'backstage.io/kubernetes-label-selector',
];

/**
 * The starter annotations of a Component without orchestration annotations:
 * values the catalog gives (its `spec.type`; what annotated services of its
 * System, else of its owner, say) and the other keys as examples to fill in,
 * each with its meaning.
 */
export function starterLines(
  entity: Entity,
  peers?: StarterPeers,
): StarterLine[] {
  const namespace = namespaceOf(entity);
  const workload = workloadType(entity);
  const facts = (peers?.entities ?? [])
    .filter(peer => isOrchestrationAnnotated(peer))
    .map(
      peer =>
        parseComponentAnnotations(peer.metadata.annotations, {
          namespace: namespaceOf(peer),
        }).facts,
    );
  const peerWords = (count: number) =>
    peers
      ? `as ${count} of ${facts.length} annotated service${
          facts.length === 1 ? '' : 's'
        } ${peers.by === 'system' ? 'of system' : 'owned by'} ${shortName(
          peers.ref,
        )}`
      : '';

  const portability = mostCommon(facts.map(f => f.portability));
  const current = mostCommon(
    facts.map(f =>
      f.currentPlatform && f.currentPlatform !== 'none'
        ? f.currentPlatform
        : undefined,
    ),
  );
  const onKubernetes =
    current && KUBERNETES_PLATFORM_IDS.includes(current.value as PlatformId);
  const cluster = onKubernetes
    ? mostCommon(
        facts.map(f =>
          f.currentPlatform === current.value ? f.cluster : undefined,
        ),
      )
    : undefined;
  const kubernetesHint = KUBERNETES_PLUGIN_ANNOTATIONS.find(
    key => entity.metadata.annotations?.[key],
  );

  return [
    {
      key: ANNOTATION_WORKLOAD_TYPE,
      value: workload.value,
      source: workload.source,
      note: workload.note,
      meaning:
        'The shape of the workload. Without it there is no recommendation.',
      allowed: WORKLOAD_TYPES.join(', '),
    },
    portability
      ? {
          key: ANNOTATION_PORTABILITY,
          value: portability.value,
          source: peerWords(portability.count),
          meaning:
            'Where it must be able to run: AWS only, several clouds, or a data centre and the cloud.',
          allowed: PORTABILITY_VALUES.join(', '),
        }
      : {
          key: ANNOTATION_PORTABILITY,
          example: 'aws-only',
          source: 'aws-only when it only ever runs on AWS',
          meaning:
            'Where it must be able to run: AWS only, several clouds, or a data centre and the cloud.',
          allowed: PORTABILITY_VALUES.join(', '),
        },
    current
      ? {
          key: ANNOTATION_CURRENT_PLATFORM,
          value: current.value,
          source: peerWords(current.count),
          meaning:
            'Where it runs today. A migration is suggested when another platform fits clearly better.',
          allowed: CURRENT_PLATFORM_VALUES.join(', '),
        }
      : {
          key: ANNOTATION_CURRENT_PLATFORM,
          example: kubernetesHint ? 'eks' : 'ecs-fargate',
          source: kubernetesHint
            ? `it runs on Kubernetes (${kubernetesHint}): eks or self-managed-kubernetes`
            : 'where it runs today; none if it is not deployed yet',
          meaning:
            'Where it runs today. A migration is suggested when another platform fits clearly better.',
          allowed: CURRENT_PLATFORM_VALUES.join(', '),
        },
    cluster
      ? {
          key: ANNOTATION_CLUSTER,
          value: refWithin(cluster.value, namespace),
          source: peerWords(cluster.count),
          meaning:
            'The kubernetes-cluster Resource it runs on: the obligations of running that cluster are shown with the assessment.',
          allowed: `an entity ref; kind resource and namespace ${namespace} unless written`,
        }
      : {
          key: ANNOTATION_CLUSTER,
          // An example only where it may run on Kubernetes: on ECS it contradicts.
          example: kubernetesHint ? 'prod-cluster' : undefined,
          source: 'only on Kubernetes: the kubernetes-cluster Resource',
          meaning:
            'The kubernetes-cluster Resource it runs on: the obligations of running that cluster are shown with the assessment.',
          allowed: `an entity ref; kind resource and namespace ${namespace} unless written`,
        },
    {
      key: ANNOTATION_RESOURCES,
      example: 'cpu=1,memory=2Gi',
      source: 'the peak size of one task or pod',
      meaning:
        'Checked against the Fargate limits, and used for the cost estimate.',
      allowed:
        'any of cpu, memory, gpu, storage, volume, privileged, e.g. cpu=500m,memory=4Gi',
    },
    {
      key: ANNOTATION_REPLICAS,
      example: '2',
      source: 'the usual number of running copies',
      meaning: 'Used for the cost estimate only (2 are assumed without it).',
      allowed: 'a whole number of 1 or more, quoted',
    },
    {
      key: ANNOTATION_AWS_INTEGRATIONS,
      example: 'iam-task-role, cloudwatch',
      source: 'the AWS services it relies on',
      meaning: 'ECS integrates with these natively; they weigh towards ECS.',
      allowed: AWS_INTEGRATIONS.join(', '),
    },
    {
      key: ANNOTATION_SCHEDULING,
      example: 'topology-spread',
      source: 'only placement needs it really has',
      meaning:
        'Placement needs that only Kubernetes meets; they weigh towards Kubernetes.',
      allowed: SCHEDULING_NEEDS.join(', '),
    },
    {
      key: ANNOTATION_ECOSYSTEM,
      example: 'helm',
      source: 'only the Kubernetes tools it depends on',
      meaning: 'Kubernetes tools it depends on; they weigh towards Kubernetes.',
      allowed: ECOSYSTEM_TOOLS.join(', '),
    },
  ];
}

/** A YAML scalar quoted so that any annotation value stays a string. */
function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Text for a YAML comment: one line. */
function commentText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/**
 * The starter block to paste into `catalog-info.yaml`: the proposed values
 * (a comment beside a guess), then the other keys commented out with an
 * example value each. Short lines: where each comes from and what it means
 * are told beside the block, not pasted into the file.
 */
export function starterYaml(lines: readonly StarterLine[]): string {
  const out = ['metadata:', '  annotations:'];
  for (const line of lines) {
    if (line.value !== undefined) {
      const note = line.note ? ` # ${commentText(line.note)}` : '';
      out.push(`    ${line.key}: ${quote(line.value)}${note}`);
    }
  }
  for (const line of lines) {
    if (line.value === undefined && line.example !== undefined) {
      out.push(`    # ${line.key}: ${quote(line.example)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** The starter annotations as a map, as the catalog would read them. */
export function starterAnnotations(
  lines: readonly StarterLine[],
): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const line of lines) {
    if (line.value !== undefined) annotations[line.key] = line.value;
  }
  return annotations;
}

/** The owner and System of a Component, as the catalog resolves them. */
export function catalogContext(entity: Entity) {
  return { owner: ownerRefOf(entity), system: systemRefOf(entity) };
}
