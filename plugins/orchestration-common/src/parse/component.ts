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
  AwsIntegration,
  COMPONENT_ANNOTATION_KEYS,
  CURRENT_PLATFORM_VALUES,
  CurrentPlatform,
  ECOSYSTEM_TOOLS,
  EcosystemTool,
  PORTABILITY_VALUES,
  Portability,
  RESOURCE_KEYS,
  SCHEDULING_NEEDS,
  SchedulingNeed,
  WORKLOAD_TYPES,
  WorkloadType,
} from '../annotations';
import { resolveEntityRef } from '../catalog/entityRefs';
import { DEFAULT_KNOWLEDGE_BASE } from '../knowledge/data';
import { ValidationProblem } from './problems';
import {
  AnnotationMap,
  AnnotationParseResult,
  annotationMapProblem,
  boundProblems,
  checkKeys,
  contradiction,
  hasAnnotation,
  readEnum,
  readList,
  readParsed,
  readText,
} from './read';
import {
  ResourceProblem,
  ResourceRequirements,
  parseResources,
} from './resources';
import { echoValue, quoteItem } from './text';
import { parseReplicas } from './values';

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
 * The Fargate limits of the built-in knowledge base (ECS on Fargate). The
 * figures live only there; pass the limits of a configured knowledge base
 * where one is in use.
 *
 * @public
 */
export const DEFAULT_FARGATE_TASK_LIMITS: FargateTaskLimits = {
  maxVcpu: DEFAULT_KNOWLEDGE_BASE.fargate.ecs.maxVcpu,
  maxMemoryGi: DEFAULT_KNOWLEDGE_BASE.fargate.ecs.maxMemoryGi,
  maxEphemeralStorageGi:
    DEFAULT_KNOWLEDGE_BASE.fargate.ecs.maxEphemeralStorageGi,
};

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
  /**
   * The peak size of one task. Undefined when the size is unknown: the
   * annotation is absent, or any of its sub-keys has an error.
   */
  resources?: ResourceRequirements;
  /**
   * The resources annotation as written (trimmed, cut to about 120
   * characters), for evidence; set whenever the annotation was read, even
   * when the size is unknown.
   */
  resourcesText?: string;
  currentPlatform?: CurrentPlatform;
  /**
   * The cluster entity reference, `resource:namespace/name` in lower case;
   * the namespace defaults to the Component's own.
   */
  cluster?: string;
  /** `orchestration.io/replicas`: the usual number of running copies, for cost. */
  replicas?: number;
}

/**
 * Options of {@link parseComponentAnnotations}.
 *
 * @public
 */
export interface ParseComponentOptions {
  /** Limits used to flag sizes that cannot run on Fargate; default {@link DEFAULT_FARGATE_TASK_LIMITS}. */
  fargateLimits?: FargateTaskLimits;
  /**
   * The namespace of the annotated Component, which a cluster reference
   * without one falls back to, as in the catalog; default `default`.
   */
  namespace?: string;
}

const RESOURCE_KEY_LIST: readonly string[] = RESOURCE_KEYS;
/** How many sub-key messages one resources problem spells out. */
const RESOURCE_MESSAGES_SHOWN = 2;

/** Sub-key messages as sentences: the first few, then how many more. */
function joinMessages(messages: readonly string[]): string {
  const sentence = (message: string) =>
    /[.?]$/.test(message) ? message : `${message}.`;
  const shown = messages.slice(0, RESOURCE_MESSAGES_SHOWN);
  const more = messages.length - shown.length;
  if (more === 0 && shown.length === 1) return shown[0];
  const text = shown.map(sentence).join(' ');
  return more > 0 ? `${text} And ${more} more.` : text;
}

/**
 * Folds the sub-key problems of `orchestration.io/resources` into at most
 * one error and one warning, so a long value gives a short report.
 */
function resourceProblems(
  found: readonly ResourceProblem[],
  written: string,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const errors = found.filter(problem => problem.severity === 'error');
  const warnings = found.filter(problem => problem.severity === 'warning');
  if (errors.length > 0) {
    const unknownKeys = errors.some(problem => problem.unknownKey);
    const problem: ValidationProblem = {
      severity: 'error',
      code: errors.every(p => p.unknownKey) ? 'unknown-value' : 'invalid-value',
      key: ANNOTATION_RESOURCES,
      value: echoValue(written),
      message: `${ANNOTATION_RESOURCES} cannot be read, so the task size is unknown: ${joinMessages(
        errors.map(p => p.message),
      )}`,
    };
    if (unknownKeys) problem.allowed = [...RESOURCE_KEY_LIST];
    if (errors.length === 1 && errors[0].suggestion) {
      problem.suggestion = errors[0].suggestion;
    }
    problems.push(problem);
  }
  if (warnings.length > 0) {
    const problem: ValidationProblem = {
      severity: 'warning',
      code: 'invalid-value',
      key: ANNOTATION_RESOURCES,
      value: echoValue(written),
      message: `${ANNOTATION_RESOURCES}: ${joinMessages(
        warnings.map(p => p.message),
      )}`,
    };
    if (warnings.length === 1 && warnings[0].suggestion) {
      problem.suggestion = warnings[0].suggestion;
    }
    problems.push(problem);
  }
  return problems;
}

/** Reads the resources annotation into `facts`, reporting into `problems`. */
function readResources(
  annotations: AnnotationMap,
  facts: ComponentOrchestrationFacts,
  problems: ValidationProblem[],
): void {
  const text = readText(annotations, ANNOTATION_RESOURCES, problems);
  if (text === undefined) return;
  facts.resourcesText = echoValue(text.trim());
  const parsed = parseResources(text);
  if (parsed.value) facts.resources = parsed.value;
  problems.push(...resourceProblems(parsed.problems, text));
  if (!parsed.value && parsed.problems.length === 0) {
    problems.push({
      severity: 'error',
      code: 'empty-value',
      key: ANNOTATION_RESOURCES,
      value: echoValue(text),
      message: `${ANNOTATION_RESOURCES} gives no size; write e.g. cpu=2,memory=4Gi or remove it`,
    });
  }
}

/** Reads the cluster reference as the catalog would resolve it. */
function readCluster(
  annotations: AnnotationMap,
  namespace: string,
  problems: ValidationProblem[],
): string | undefined {
  const text = readText(annotations, ANNOTATION_CLUSTER, problems);
  if (text === undefined) return undefined;
  const example = `resource:${namespace}/prod-cluster`;
  const ref = resolveEntityRef(text, {
    defaultKind: 'resource',
    defaultNamespace: namespace,
  });
  const kind = ref?.slice(0, ref.indexOf(':'));
  if (ref !== undefined && kind === 'resource') return ref;
  problems.push({
    severity: 'error',
    code: 'invalid-value',
    key: ANNOTATION_CLUSTER,
    value: echoValue(text),
    message:
      ref === undefined
        ? `${ANNOTATION_CLUSTER}: ${quoteItem(
            text,
          )} is not an entity reference; write e.g. ${example}`
        : `${ANNOTATION_CLUSTER}: ${quoteItem(
            text,
          )} refers to a ${kind}; a cluster is a Resource, write e.g. ${example}`,
  });
  return undefined;
}

/**
 * Validates and parses the Orchestration annotations of a Component.
 *
 * @param annotations - `metadata.annotations` of the Component
 * @param options - the Fargate limits to check sizes against, and the
 *   Component's namespace for resolving the cluster reference
 * @public
 */
export function parseComponentAnnotations(
  annotations: AnnotationMap | undefined,
  options: ParseComponentOptions = {},
): AnnotationParseResult<ComponentOrchestrationFacts> {
  const problems: ValidationProblem[] = [];
  // Every field present from the start, in one order: the engine reads these
  // facts many times per assessment, and objects of one shape read fastest.
  const facts: ComponentOrchestrationFacts = {
    workloadType: undefined,
    portability: undefined,
    scheduling: [],
    ecosystem: [],
    awsIntegrations: [],
    resources: undefined,
    resourcesText: undefined,
    currentPlatform: undefined,
    cluster: undefined,
    replicas: undefined,
  };
  if (!annotations) return { facts, problems };
  const shape = annotationMapProblem(annotations);
  if (shape) return { facts, problems: [shape] };
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

  readResources(annotations, facts, problems);
  const replicas = readParsed(
    annotations,
    ANNOTATION_REPLICAS,
    parseReplicas,
    problems,
  );
  if (replicas !== undefined) facts.replicas = replicas;

  const currentPlatform = readEnum(
    annotations,
    ANNOTATION_CURRENT_PLATFORM,
    CURRENT_PLATFORM_VALUES,
    problems,
  );
  if (currentPlatform) facts.currentPlatform = currentPlatform;

  const cluster = readCluster(
    annotations,
    options.namespace || 'default',
    problems,
  );
  if (cluster !== undefined) facts.cluster = cluster;

  // Any key under the prefix (even misspelt) shows the intent to be assessed.
  if (
    hasOrchestrationKey &&
    !hasAnnotation(annotations, ANNOTATION_WORKLOAD_TYPE)
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

  checkContradictions(
    annotations,
    facts,
    options.fargateLimits ?? DEFAULT_FARGATE_TASK_LIMITS,
    problems,
  );
  return { facts, problems: boundProblems(problems) };
}

/** A size in GiB for a message: at most two decimals. */
function gi(value: number): string {
  return `${Math.round(value * 100) / 100}Gi`;
}

/** The sizes of one task beyond the given Fargate limits, as text. */
function overFargateLimits(
  resources: ResourceRequirements,
  limits: FargateTaskLimits,
): string[] {
  const over: string[] = [];
  if (resources.cpu !== undefined && resources.cpu > limits.maxVcpu)
    over.push(`cpu=${resources.cpu} (max ${limits.maxVcpu})`);
  if (
    resources.memoryGi !== undefined &&
    resources.memoryGi > limits.maxMemoryGi
  )
    over.push(
      `memory=${gi(resources.memoryGi)} (max ${gi(limits.maxMemoryGi)})`,
    );
  if (
    resources.storageGi !== undefined &&
    resources.storageGi > limits.maxEphemeralStorageGi
  )
    over.push(
      `storage=${gi(resources.storageGi)} (max ${gi(
        limits.maxEphemeralStorageGi,
      )})`,
    );
  return over;
}

function checkContradictions(
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
    const over = resources ? overFargateLimits(resources, limits) : [];
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
