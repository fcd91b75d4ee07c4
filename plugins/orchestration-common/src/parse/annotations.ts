import {
  ALL_ANNOTATION_KEYS,
  ANNOTATION_AWS_INTEGRATIONS,
  ANNOTATION_CERT_EXPIRY,
  ANNOTATION_CERT_ROTATION,
  ANNOTATION_CLUSTER,
  ANNOTATION_CNI,
  ANNOTATION_CONTROL_PLANE,
  ANNOTATION_CONTROL_PLANE_MONITORING,
  ANNOTATION_CURRENT_PLATFORM,
  ANNOTATION_ECOSYSTEM,
  ANNOTATION_ETCD_BACKUP_INTERVAL,
  ANNOTATION_ETCD_LAST_BACKUP,
  ANNOTATION_ETCD_MEMBERS,
  ANNOTATION_KUBERNETES_VERSION,
  ANNOTATION_LAST_UPGRADE,
  ANNOTATION_OLDEST_NODE_VERSION,
  ANNOTATION_PLATFORM_TEAM,
  ANNOTATION_POD_IP_CAPACITY,
  ANNOTATION_PORTABILITY,
  ANNOTATION_PROVISIONER,
  ANNOTATION_RESOURCES,
  ANNOTATION_SCHEDULING,
  ANNOTATION_WORKLOAD_TYPE,
  AWS_INTEGRATIONS,
  AwsIntegration,
  CERT_ROTATION_MODES,
  CLUSTER_ANNOTATION_KEYS,
  CNI_PLUGINS,
  COMPONENT_ANNOTATION_KEYS,
  CONTROL_PLANE_KINDS,
  CONTROL_PLANE_SIGNALS,
  CURRENT_PLATFORM_VALUES,
  CertRotationMode,
  CniPlugin,
  ControlPlaneKind,
  ControlPlaneSignal,
  CurrentPlatform,
  ECOSYSTEM_TOOLS,
  EcosystemTool,
  GROUP_ANNOTATION_KEYS,
  ORCHESTRATION_ANNOTATION_PREFIX,
  PORTABILITY_VALUES,
  PROVISIONERS,
  Portability,
  Provisioner,
  RESOURCE_KEYS,
  SCHEDULING_NEEDS,
  SchedulingNeed,
  WORKLOAD_TYPES,
  WorkloadType,
} from '../annotations';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ValidationProblem } from './problems';
import { suggestClosest } from './suggest';
import {
  Duration,
  IpCapacity,
  KubernetesVersion,
  ParseResult,
  ParsedInstant,
  ResourceRequirements,
  parseDuration,
  parseInteger,
  parseIpCapacity,
  parseIsoInstant,
  parseKubernetesVersion,
  parseResources,
} from './values';

/**
 * A map of annotation keys to values, as found in `metadata.annotations`.
 *
 * @public
 */
export type AnnotationMap = Readonly<Record<string, unknown>>;

/**
 * Fargate limits used to spot contradictions in a Component's annotations.
 *
 * @public
 */
export interface FargateTaskLimits {
  maxVcpu: number;
  maxMemoryGi: number;
  maxEphemeralStorageGi: number;
}

/**
 * What a Component's Orchestration annotations say, after validation. Invalid
 * values are left out (and reported); lists hold each valid item once.
 *
 * @public
 */
export interface ComponentOrchestrationFacts {
  workloadType?: WorkloadType;
  portability?: Portability;
  scheduling: SchedulingNeed[];
  ecosystem: EcosystemTool[];
  awsIntegrations: AwsIntegration[];
  resources?: ResourceRequirements;
  /** The resources annotation as written (trimmed), for evidence. */
  resourcesText?: string;
  currentPlatform?: CurrentPlatform;
  /** The cluster entity reference, normalised to `resource:namespace/name`. */
  cluster?: string;
}

/**
 * What a kubernetes-cluster Resource's annotations say, after validation.
 *
 * @public
 */
export interface ClusterOrchestrationFacts {
  controlPlane?: ControlPlaneKind;
  provisioner?: Provisioner;
  kubernetesVersion?: KubernetesVersion;
  oldestNodeVersion?: KubernetesVersion;
  etcdMembers?: number;
  etcdBackupInterval?: Duration;
  etcdLastBackup?: ParsedInstant;
  certExpiry?: ParsedInstant;
  certRotation?: CertRotationMode;
  lastUpgrade?: ParsedInstant;
  cni?: CniPlugin;
  podIpCapacity?: IpCapacity;
  controlPlaneMonitoring?: ControlPlaneSignal[];
}

/**
 * What a Group's Orchestration annotations say.
 *
 * @public
 */
export interface GroupOrchestrationFacts {
  platformTeam?: boolean;
}

/**
 * Parsed facts and the problems found on the way.
 *
 * @public
 */
export interface AnnotationParseResult<T> {
  facts: T;
  problems: ValidationProblem[];
}

const SIMPLE_VALUE_KEYS = new Set<string>(ALL_ANNOTATION_KEYS);
const KNOWN_NAMES = ALL_ANNOTATION_KEYS.map(key =>
  key.slice(ORCHESTRATION_ANNOTATION_PREFIX.length),
);

function describeKind(key: string): string {
  if ((CLUSTER_ANNOTATION_KEYS as readonly string[]).includes(key)) {
    return 'a Resource with spec.type kubernetes-cluster';
  }
  if ((GROUP_ANNOTATION_KEYS as readonly string[]).includes(key)) {
    return 'a Group';
  }
  return 'a Component';
}

/**
 * Checks the keys under the Orchestration prefix: unknown keys get a "did you
 * mean" suggestion; known keys that belong to another entity kind are flagged.
 */
function checkKeys(
  annotations: AnnotationMap,
  allowedKeys: readonly string[],
  problems: ValidationProblem[],
): boolean {
  let found = false;
  for (const key of Object.keys(annotations)) {
    // Cheap first-letter test before lower-casing: most keys are not ours.
    const first = key.charCodeAt(0);
    if (first !== 111 && first !== 79) continue; // 'o' or 'O'
    const lower = key.toLowerCase();
    if (!lower.startsWith(ORCHESTRATION_ANNOTATION_PREFIX)) continue;
    found = true;
    if (allowedKeys.includes(key)) continue;
    const value = stringValue(annotations[key]);
    if (SIMPLE_VALUE_KEYS.has(key)) {
      problems.push({
        severity: 'warning',
        code: 'misplaced-key',
        key,
        value,
        message: `${key} is read only on ${describeKind(
          key,
        )}; move it there or remove it`,
      });
      continue;
    }
    const name = lower.slice(ORCHESTRATION_ANNOTATION_PREFIX.length);
    const closest = suggestClosest(name, KNOWN_NAMES);
    const suggestion = closest
      ? `${ORCHESTRATION_ANNOTATION_PREFIX}${closest}`
      : undefined;
    const problem: ValidationProblem = {
      severity: 'error',
      code: 'unknown-key',
      key,
      value,
      message: suggestion
        ? `unknown annotation ${key}; did you mean ${suggestion}?`
        : `unknown annotation ${key}; known keys are ${allowedKeys.join(', ')}`,
      allowed: [...allowedKeys],
    };
    if (suggestion) problem.suggestion = suggestion;
    problems.push(problem);
  }
  return found;
}

function stringValue(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return undefined;
}

/**
 * Reads one annotation as text. Non-string values (objects, arrays) are
 * reported, since annotations are strings.
 */
function readText(
  annotations: AnnotationMap,
  key: string,
  problems: ValidationProblem[],
): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(annotations, key)) return undefined;
  const raw = annotations[key];
  const text = stringValue(raw);
  if (text === undefined) {
    if (raw === undefined || raw === null) {
      problems.push({
        severity: 'error',
        code: 'empty-value',
        key,
        message: `${key} has no value; give it a value or remove it`,
      });
    } else {
      problems.push({
        severity: 'error',
        code: 'invalid-value',
        key,
        message: `${key} must be a string; quote the value in YAML`,
      });
    }
    return undefined;
  }
  if (text.trim() === '') {
    problems.push({
      severity: 'error',
      code: 'empty-value',
      key,
      value: text,
      message: `${key} is empty; give it a value or remove it`,
    });
    return undefined;
  }
  return text;
}

function unknownValue(
  key: string,
  item: string,
  allowed: readonly string[],
  written: string,
): ValidationProblem {
  const suggestion = suggestClosest(item, allowed);
  const problem: ValidationProblem = {
    severity: 'error',
    code: 'unknown-value',
    key,
    value: written,
    message: suggestion
      ? `"${item}" is not a valid value for ${key}; did you mean "${suggestion}"? Allowed: ${allowed.join(
          ', ',
        )}`
      : `"${item}" is not a valid value for ${key}; write one of: ${allowed.join(
          ', ',
        )}`,
    allowed: [...allowed],
  };
  if (suggestion) problem.suggestion = suggestion;
  return problem;
}

function readEnum<T extends string>(
  annotations: AnnotationMap,
  key: string,
  allowed: readonly T[],
  problems: ValidationProblem[],
): T | undefined {
  const text = readText(annotations, key, problems);
  if (text === undefined) return undefined;
  const normalised = text.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(normalised))
    return normalised as T;
  problems.push(unknownValue(key, normalised, allowed, text));
  return undefined;
}

function readList<T extends string>(
  annotations: AnnotationMap,
  key: string,
  allowed: readonly T[],
  problems: ValidationProblem[],
): T[] | undefined {
  const text = readText(annotations, key, problems);
  if (text === undefined) return undefined;
  const items: T[] = [];
  for (const rawItem of text.split(',')) {
    const item = rawItem.trim().toLowerCase();
    if (item === '') continue;
    if (!(allowed as readonly string[]).includes(item)) {
      problems.push(unknownValue(key, item, allowed, text));
      continue;
    }
    if (items.includes(item as T)) {
      problems.push({
        severity: 'info',
        code: 'duplicate-value',
        key,
        value: text,
        message: `"${item}" is listed more than once in ${key}; list it once`,
      });
      continue;
    }
    items.push(item as T);
  }
  return items;
}

function readParsed<T>(
  annotations: AnnotationMap,
  key: string,
  parse: (text: string) => ParseResult<T>,
  problems: ValidationProblem[],
): T | undefined {
  const text = readText(annotations, key, problems);
  if (text === undefined) return undefined;
  const result = parse(text);
  if (result.ok) return result.value;
  problems.push({
    severity: 'error',
    code: 'invalid-value',
    key,
    value: text,
    message: `${key}: ${result.message}`,
  });
  return undefined;
}

const RESOURCE_KEY_LIST: readonly string[] = RESOURCE_KEYS;

/** The default Fargate limits (ECS on Fargate, platform version 1.4.0+). */
export const DEFAULT_FARGATE_TASK_LIMITS: FargateTaskLimits = {
  maxVcpu: 16,
  maxMemoryGi: 120,
  maxEphemeralStorageGi: 200,
};

/**
 * Validates and parses the Orchestration annotations of a Component.
 *
 * @param annotations - `metadata.annotations` of the Component
 * @param fargateLimits - limits used to flag sizes that cannot run on Fargate
 * @public
 */
export function parseComponentAnnotations(
  annotations: AnnotationMap | undefined,
  fargateLimits: FargateTaskLimits = DEFAULT_FARGATE_TASK_LIMITS,
): AnnotationParseResult<ComponentOrchestrationFacts> {
  const problems: ValidationProblem[] = [];
  const facts: ComponentOrchestrationFacts = {
    scheduling: [],
    ecosystem: [],
    awsIntegrations: [],
  };
  if (!annotations) return { facts, problems };
  const hasOrchestrationKey = checkKeys(
    annotations,
    COMPONENT_ANNOTATION_KEYS,
    problems,
  );

  const workloadType = readEnum(
    annotations,
    ANNOTATION_WORKLOAD_TYPE,
    WORKLOAD_TYPES,
    problems,
  );
  if (workloadType) facts.workloadType = workloadType;
  const portability = readEnum(
    annotations,
    ANNOTATION_PORTABILITY,
    PORTABILITY_VALUES,
    problems,
  );
  if (portability) facts.portability = portability;
  facts.scheduling =
    readList(annotations, ANNOTATION_SCHEDULING, SCHEDULING_NEEDS, problems) ??
    [];
  facts.ecosystem =
    readList(annotations, ANNOTATION_ECOSYSTEM, ECOSYSTEM_TOOLS, problems) ??
    [];
  facts.awsIntegrations =
    readList(
      annotations,
      ANNOTATION_AWS_INTEGRATIONS,
      AWS_INTEGRATIONS,
      problems,
    ) ?? [];

  const resourcesText = readText(annotations, ANNOTATION_RESOURCES, problems);
  if (resourcesText !== undefined) {
    const parsed = parseResources(resourcesText);
    for (const problem of parsed.problems) {
      const suggestion = problem.unknownKey
        ? suggestClosest(problem.unknownKey, RESOURCE_KEY_LIST)
        : undefined;
      const entry: ValidationProblem = {
        severity: 'error',
        code: problem.unknownKey ? 'unknown-value' : 'invalid-value',
        key: ANNOTATION_RESOURCES,
        value: resourcesText,
        message: suggestion
          ? `${ANNOTATION_RESOURCES}: "${problem.unknownKey}" is not a resource key; did you mean "${suggestion}"?`
          : `${ANNOTATION_RESOURCES}: ${problem.message}`,
      };
      if (problem.unknownKey) entry.allowed = [...RESOURCE_KEY_LIST];
      if (suggestion) entry.suggestion = suggestion;
      problems.push(entry);
    }
    if (Object.keys(parsed.value).length > 0) {
      facts.resources = parsed.value;
      facts.resourcesText = resourcesText.trim();
    }
  }

  const currentPlatform = readEnum(
    annotations,
    ANNOTATION_CURRENT_PLATFORM,
    CURRENT_PLATFORM_VALUES,
    problems,
  );
  if (currentPlatform) facts.currentPlatform = currentPlatform;

  const clusterText = readText(annotations, ANNOTATION_CLUSTER, problems);
  if (clusterText !== undefined) {
    const cluster = parseClusterRef(clusterText);
    if (cluster.ok) facts.cluster = cluster.value;
    else
      problems.push({
        severity: 'error',
        code: 'invalid-value',
        key: ANNOTATION_CLUSTER,
        value: clusterText,
        message: `${ANNOTATION_CLUSTER}: ${cluster.message}`,
      });
  }

  // Any key under the prefix (even misspelt) shows the intent to be assessed.
  if (
    hasOrchestrationKey &&
    !Object.prototype.hasOwnProperty.call(annotations, ANNOTATION_WORKLOAD_TYPE)
  ) {
    problems.push({
      severity: 'warning',
      code: 'missing-key',
      key: ANNOTATION_WORKLOAD_TYPE,
      message: `${ANNOTATION_WORKLOAD_TYPE} is missing, so no platform can be recommended; add one of: ${WORKLOAD_TYPES.join(
        ', ',
      )}`,
      allowed: [...WORKLOAD_TYPES],
    });
  }

  checkComponentContradictions(annotations, facts, fargateLimits, problems);
  return { facts, problems };
}

function parseClusterRef(text: string): ParseResult<string> {
  try {
    const ref = parseEntityRef(text.trim().toLowerCase(), {
      defaultKind: 'resource',
      defaultNamespace: 'default',
    });
    if (ref.kind !== 'resource') {
      return {
        ok: false,
        message: `"${text}" refers to a ${ref.kind}; a cluster is a Resource, write e.g. resource:default/prod-cluster`,
      };
    }
    return { ok: true, value: stringifyEntityRef(ref) };
  } catch {
    return {
      ok: false,
      message: `"${text}" is not an entity reference; write e.g. resource:default/prod-cluster`,
    };
  }
}

function contradiction(
  annotations: AnnotationMap,
  key: string,
  message: string,
  severity: ValidationProblem['severity'] = 'error',
): ValidationProblem {
  const problem: ValidationProblem = {
    severity,
    code: 'contradiction',
    key,
    message,
  };
  const value = stringValue(annotations[key]);
  if (value !== undefined) problem.value = value;
  return problem;
}

function checkComponentContradictions(
  annotations: AnnotationMap,
  facts: ComponentOrchestrationFacts,
  limits: FargateTaskLimits,
  problems: ValidationProblem[],
): void {
  const current = facts.currentPlatform;
  const resources = facts.resources;
  if (current === 'ecs-fargate') {
    const onFargate = `${ANNOTATION_CURRENT_PLATFORM} is ecs-fargate`;
    if (facts.scheduling.includes('gpu')) {
      problems.push(
        contradiction(
          annotations,
          ANNOTATION_SCHEDULING,
          `${onFargate} but ${ANNOTATION_SCHEDULING} asks for gpu; Fargate has no GPUs, so set the current platform to ecs-ec2 (or eks) or drop gpu`,
        ),
      );
    } else if (resources?.gpu !== undefined && resources.gpu > 0) {
      problems.push(
        contradiction(
          annotations,
          ANNOTATION_RESOURCES,
          `${onFargate} but ${ANNOTATION_RESOURCES} asks for gpu=${resources.gpu}; Fargate has no GPUs, so set the current platform to ecs-ec2 (or eks) or set gpu=0`,
        ),
      );
    }
    if (resources?.privileged) {
      problems.push(
        contradiction(
          annotations,
          ANNOTATION_RESOURCES,
          `${onFargate} but ${ANNOTATION_RESOURCES} has privileged=true; Fargate refuses privileged containers, so set privileged=false or move to ecs-ec2`,
        ),
      );
    }
    if (facts.scheduling.includes('daemonset')) {
      problems.push(
        contradiction(
          annotations,
          ANNOTATION_SCHEDULING,
          `${onFargate} but ${ANNOTATION_SCHEDULING} asks for daemonset; Fargate has no hosts to run one copy per node on, so run the agent as a sidecar or move to ecs-ec2`,
        ),
      );
    }
    if (resources) {
      const over: string[] = [];
      if (resources.cpu !== undefined && resources.cpu > limits.maxVcpu)
        over.push(`cpu=${resources.cpu} (max ${limits.maxVcpu})`);
      if (
        resources.memoryGi !== undefined &&
        resources.memoryGi > limits.maxMemoryGi
      )
        over.push(
          `memory=${resources.memoryGi}Gi (max ${limits.maxMemoryGi}Gi)`,
        );
      if (
        resources.storageGi !== undefined &&
        resources.storageGi > limits.maxEphemeralStorageGi
      )
        over.push(
          `storage=${resources.storageGi}Gi (max ${limits.maxEphemeralStorageGi}Gi)`,
        );
      if (over.length > 0) {
        problems.push(
          contradiction(
            annotations,
            ANNOTATION_RESOURCES,
            `${onFargate} but one task exceeds the Fargate limits: ${over.join(
              ', ',
            )}; shrink the task or move to ecs-ec2`,
          ),
        );
      }
    }
  }
  if (
    facts.cluster !== undefined &&
    (current === 'ecs-fargate' || current === 'ecs-ec2' || current === 'none')
  ) {
    problems.push(
      contradiction(
        annotations,
        ANNOTATION_CLUSTER,
        `${ANNOTATION_CLUSTER} is set but ${ANNOTATION_CURRENT_PLATFORM} is ${current}; remove the cluster or set the current platform to eks or self-managed-kubernetes`,
        'warning',
      ),
    );
  }
}

/**
 * Validates and parses the annotations of a kubernetes-cluster Resource.
 *
 * @public
 */
export function parseClusterAnnotations(
  annotations: AnnotationMap | undefined,
): AnnotationParseResult<ClusterOrchestrationFacts> {
  const problems: ValidationProblem[] = [];
  const facts: ClusterOrchestrationFacts = {};
  if (!annotations) return { facts, problems };
  checkKeys(annotations, CLUSTER_ANNOTATION_KEYS, problems);

  const set = <K extends keyof ClusterOrchestrationFacts>(
    field: K,
    value: ClusterOrchestrationFacts[K] | undefined,
  ) => {
    if (value !== undefined) facts[field] = value;
  };
  set(
    'controlPlane',
    readEnum(
      annotations,
      ANNOTATION_CONTROL_PLANE,
      CONTROL_PLANE_KINDS,
      problems,
    ),
  );
  set(
    'provisioner',
    readEnum(annotations, ANNOTATION_PROVISIONER, PROVISIONERS, problems),
  );
  set(
    'kubernetesVersion',
    readParsed(
      annotations,
      ANNOTATION_KUBERNETES_VERSION,
      parseKubernetesVersion,
      problems,
    ),
  );
  set(
    'oldestNodeVersion',
    readParsed(
      annotations,
      ANNOTATION_OLDEST_NODE_VERSION,
      parseKubernetesVersion,
      problems,
    ),
  );
  const members = readParsed(
    annotations,
    ANNOTATION_ETCD_MEMBERS,
    parseInteger,
    problems,
  );
  if (members === 0) {
    problems.push({
      severity: 'error',
      code: 'invalid-value',
      key: ANNOTATION_ETCD_MEMBERS,
      value: stringValue(annotations[ANNOTATION_ETCD_MEMBERS]),
      message: `${ANNOTATION_ETCD_MEMBERS}: a cluster needs at least one etcd member; write the member count, e.g. 3`,
    });
  } else {
    set('etcdMembers', members);
  }
  set(
    'etcdBackupInterval',
    readParsed(
      annotations,
      ANNOTATION_ETCD_BACKUP_INTERVAL,
      parseDuration,
      problems,
    ),
  );
  set(
    'etcdLastBackup',
    readParsed(
      annotations,
      ANNOTATION_ETCD_LAST_BACKUP,
      parseIsoInstant,
      problems,
    ),
  );
  set(
    'certExpiry',
    readParsed(annotations, ANNOTATION_CERT_EXPIRY, parseIsoInstant, problems),
  );
  set(
    'certRotation',
    readEnum(
      annotations,
      ANNOTATION_CERT_ROTATION,
      CERT_ROTATION_MODES,
      problems,
    ),
  );
  set(
    'lastUpgrade',
    readParsed(annotations, ANNOTATION_LAST_UPGRADE, parseIsoInstant, problems),
  );
  set('cni', readEnum(annotations, ANNOTATION_CNI, CNI_PLUGINS, problems));
  set(
    'podIpCapacity',
    readParsed(
      annotations,
      ANNOTATION_POD_IP_CAPACITY,
      parseIpCapacity,
      problems,
    ),
  );
  set(
    'controlPlaneMonitoring',
    readList(
      annotations,
      ANNOTATION_CONTROL_PLANE_MONITORING,
      CONTROL_PLANE_SIGNALS,
      problems,
    ),
  );

  const apiServer = facts.kubernetesVersion;
  const oldestNode = facts.oldestNodeVersion;
  if (apiServer && oldestNode && oldestNode.minor > apiServer.minor) {
    problems.push(
      contradiction(
        annotations,
        ANNOTATION_OLDEST_NODE_VERSION,
        `${ANNOTATION_OLDEST_NODE_VERSION} ${oldestNode.minorVersion} is newer than the API server ${apiServer.minorVersion}; kubelets may never be newer than the API server, so check both values`,
      ),
    );
  }
  if (facts.controlPlane && facts.controlPlane !== 'self-managed') {
    for (const key of [
      ANNOTATION_ETCD_MEMBERS,
      ANNOTATION_ETCD_BACKUP_INTERVAL,
      ANNOTATION_ETCD_LAST_BACKUP,
      ANNOTATION_CERT_EXPIRY,
      ANNOTATION_CERT_ROTATION,
    ]) {
      if (Object.prototype.hasOwnProperty.call(annotations, key)) {
        problems.push(
          contradiction(
            annotations,
            key,
            `${key} describes the control plane, which the provider runs when ${ANNOTATION_CONTROL_PLANE} is ${facts.controlPlane}; remove it or set the control plane to self-managed`,
            'warning',
          ),
        );
      }
    }
  }
  return { facts, problems };
}

/**
 * Validates and parses the annotations of a Group.
 *
 * @public
 */
export function parseGroupAnnotations(
  annotations: AnnotationMap | undefined,
): AnnotationParseResult<GroupOrchestrationFacts> {
  const problems: ValidationProblem[] = [];
  const facts: GroupOrchestrationFacts = {};
  if (!annotations) return { facts, problems };
  checkKeys(annotations, GROUP_ANNOTATION_KEYS, problems);
  const value = readEnum(
    annotations,
    ANNOTATION_PLATFORM_TEAM,
    ['true', 'false'] as const,
    problems,
  );
  if (value !== undefined) facts.platformTeam = value === 'true';
  return { facts, problems };
}
