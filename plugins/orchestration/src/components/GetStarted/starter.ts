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
import { defaultTexts, Texts } from '../shared/i18n';

/** One line of the starter block: a key with a value to keep, or an example to fill in. */
export interface StarterLine {
  key: string;
  /** The value proposed, from what the catalog knows; absent when only an example can be given. */
  value?: string;
  /** An example value of a line left commented out. */
  example?: string;
  /** Where the value comes from, or what to write, in a few words, in the user's language. */
  source: string;
  /**
   * A short comment beside a value that is only a guess, in the block. Always
   * English: the block is pasted into catalog-info.yaml, a file of code that
   * a whole organisation shares, so its comments are not translated.
   */
  note?: string;
  /** What the key means, in the user's language. */
  meaning: string;
  /** The values it accepts: the values themselves, or in the user's language. */
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

/**
 * The comments beside a guessed value in the block: English, as the rest of
 * catalog-info.yaml (see {@link StarterLine.note}).
 */
const NOTES = {
  service: 'or worker, batch',
  guess: 'a guess, check it',
};

/** The workload type the catalog suggests, and why. */
function workloadType(
  entity: Entity,
  { t }: Texts,
): {
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
      ? { value: 'api', source: t('getStarted.sources.serviceWithApis') }
      : {
          value: 'web-service',
          source: t('getStarted.sources.service'),
          note: NOTES.service,
        };
  }
  const mapped = WORKLOAD_BY_TYPE[type];
  if (mapped) {
    return {
      value: mapped,
      source: t('getStarted.sources.specType', { type }),
    };
  }
  return {
    value: 'web-service',
    note: NOTES.guess,
    source: type
      ? t('getStarted.sources.guessType', { type })
      : t('getStarted.sources.guessNoType'),
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
 * each with its meaning, in the language of `texts`.
 */
export function starterLines(
  entity: Entity,
  peers?: StarterPeers,
  texts: Texts = defaultTexts(),
): StarterLine[] {
  const { t, fmt } = texts;
  const namespace = namespaceOf(entity);
  const workload = workloadType(entity, texts);
  const facts = (peers?.entities ?? [])
    .filter(peer => isOrchestrationAnnotated(peer))
    .map(
      peer =>
        parseComponentAnnotations(peer.metadata.annotations, {
          namespace: namespaceOf(peer),
        }).facts,
    );
  const peerWords = (agreeing: number) => {
    if (!peers) return '';
    const values = {
      count: facts.length,
      agreeing: fmt.number(agreeing),
      services: fmt.number(facts.length),
      ref: shortName(peers.ref),
    };
    return peers.by === 'system'
      ? t('getStarted.sources.peersOfSystem', values)
      : t('getStarted.sources.peersOfOwner', values);
  };
  const meanings = {
    portability: t('getStarted.meanings.portability'),
    currentPlatform: t('getStarted.meanings.currentPlatform'),
    cluster: t('getStarted.meanings.cluster'),
  };
  const clusterAllowed = t('getStarted.allowed.cluster', { namespace });

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
      meaning: t('getStarted.meanings.workloadType'),
      allowed: WORKLOAD_TYPES.join(', '),
    },
    portability
      ? {
          key: ANNOTATION_PORTABILITY,
          value: portability.value,
          source: peerWords(portability.count),
          meaning: meanings.portability,
          allowed: PORTABILITY_VALUES.join(', '),
        }
      : {
          key: ANNOTATION_PORTABILITY,
          example: 'aws-only',
          source: t('getStarted.sources.portability', { value: 'aws-only' }),
          meaning: meanings.portability,
          allowed: PORTABILITY_VALUES.join(', '),
        },
    current
      ? {
          key: ANNOTATION_CURRENT_PLATFORM,
          value: current.value,
          source: peerWords(current.count),
          meaning: meanings.currentPlatform,
          allowed: CURRENT_PLATFORM_VALUES.join(', '),
        }
      : {
          key: ANNOTATION_CURRENT_PLATFORM,
          example: kubernetesHint ? 'eks' : 'ecs-fargate',
          source: kubernetesHint
            ? t('getStarted.sources.currentOnKubernetes', {
                annotation: kubernetesHint,
                eks: 'eks',
                selfManaged: 'self-managed-kubernetes',
              })
            : t('getStarted.sources.current', { none: 'none' }),
          meaning: meanings.currentPlatform,
          allowed: CURRENT_PLATFORM_VALUES.join(', '),
        },
    cluster
      ? {
          key: ANNOTATION_CLUSTER,
          value: refWithin(cluster.value, namespace),
          source: peerWords(cluster.count),
          meaning: meanings.cluster,
          allowed: clusterAllowed,
        }
      : {
          key: ANNOTATION_CLUSTER,
          // An example only where it may run on Kubernetes: on ECS it contradicts.
          example: kubernetesHint ? 'prod-cluster' : undefined,
          source: t('getStarted.sources.cluster'),
          meaning: meanings.cluster,
          allowed: clusterAllowed,
        },
    {
      key: ANNOTATION_RESOURCES,
      example: 'cpu=1,memory=2Gi',
      source: t('getStarted.sources.resources'),
      meaning: t('getStarted.meanings.resources'),
      allowed: t('getStarted.allowed.resources', {
        example: 'cpu=500m,memory=4Gi',
      }),
    },
    {
      key: ANNOTATION_REPLICAS,
      example: '2',
      source: t('getStarted.sources.replicas'),
      meaning: t('getStarted.meanings.replicas'),
      allowed: t('getStarted.allowed.replicas'),
    },
    {
      key: ANNOTATION_AWS_INTEGRATIONS,
      example: 'iam-task-role, cloudwatch',
      source: t('getStarted.sources.awsIntegrations'),
      meaning: t('getStarted.meanings.awsIntegrations'),
      allowed: AWS_INTEGRATIONS.join(', '),
    },
    {
      key: ANNOTATION_SCHEDULING,
      example: 'topology-spread',
      source: t('getStarted.sources.scheduling'),
      meaning: t('getStarted.meanings.scheduling'),
      allowed: SCHEDULING_NEEDS.join(', '),
    },
    {
      key: ANNOTATION_ECOSYSTEM,
      example: 'helm',
      source: t('getStarted.sources.ecosystem'),
      meaning: t('getStarted.meanings.ecosystem'),
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
 * are told beside the block, not pasted into the file. The block is code,
 * its comments included, so it stays English whatever the language of the
 * app: catalog-info.yaml is shared by everyone who works on the service.
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
