import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CLUSTER,
  ANNOTATION_CURRENT_PLATFORM,
  ANNOTATION_PORTABILITY,
  ANNOTATION_RESOURCES,
  ANNOTATION_WORKLOAD_TYPE,
  ControlPlaneKind,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
  ORCHESTRATION_ANNOTATION_PREFIX,
  PLATFORM_IDS,
  PlatformId,
  WORKLOAD_TYPES,
} from '../annotations';
import { DEFAULT_ORCHESTRATION_OPTIONS, OrchestrationOptions } from '../config';
import {
  CompiledKnowledge,
  compileKnowledge,
} from '../knowledge/knowledgeBase';
import {
  ComponentOrchestrationFacts,
  FargateTaskLimits,
  parseClusterAnnotations,
  parseComponentAnnotations,
} from '../parse/annotations';
import { ValidationProblem } from '../parse/problems';
import {
  clusterObligations,
  hypotheticalObligations,
  unresolvedClusterObligations,
} from './obligations';
import { EVIDENCE_OWNER_MEMBER_COUNT, EVIDENCE_PLATFORM_TEAM } from './ruleIds';
import { evaluateRules } from './rules';
import {
  ASSESSMENT_API_VERSION,
  AssessClusterContext,
  AssessEntityInput,
  Assessment,
  AssessmentWarning,
  ClusterAssessment,
  Confidence,
  MissingInput,
  Obligation,
  PlatformAssessment,
  PlatformVerdict,
} from './types';

const DAY_MS = 86_400_000;

/**
 * Thrown for programming errors in the input of the engine (an invalid
 * `now`), never for problems in annotations.
 *
 * @public
 */
export class OrchestrationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrchestrationInputError';
  }
}

// Most callers assess many entities at the same instant: remember the last one.
let lastNow: { input: Date | string; ms: number; iso: string } | undefined;

function resolveNow(now: Date | string): { ms: number; iso: string } {
  if (
    lastNow &&
    (lastNow.input === now ||
      (now instanceof Date && now.getTime() === lastNow.ms))
  ) {
    return lastNow;
  }
  const ms = typeof now === 'string' ? Date.parse(now) : now?.getTime?.();
  if (typeof ms !== 'number' || Number.isNaN(ms)) {
    throw new OrchestrationInputError(
      `now must be a valid Date or ISO-8601 string, got ${String(now)}`,
    );
  }
  lastNow = { input: now, ms, iso: new Date(ms).toISOString() };
  return lastNow;
}

function entityRefOf(entity: Entity): string {
  const kind = String(entity?.kind ?? 'component').toLowerCase();
  const namespace = String(
    entity?.metadata?.namespace ?? 'default',
  ).toLowerCase();
  const name = String(entity?.metadata?.name ?? '').toLowerCase();
  return `${kind}:${namespace}/${name}`;
}

const fargateLimitsCache = new WeakMap<object, FargateTaskLimits>();
function fargateLimits(options: OrchestrationOptions): FargateTaskLimits {
  const facts = options.knowledgeBase.fargate.ecs;
  let limits = fargateLimitsCache.get(facts);
  if (!limits) {
    limits = {
      maxVcpu: facts.maxVcpu,
      maxMemoryGi: facts.maxMemoryGi,
      maxEphemeralStorageGi: facts.maxEphemeralStorageGi,
    };
    fargateLimitsCache.set(facts, limits);
  }
  return limits;
}

// Many services share one cluster: parse its annotations once per
// annotations object (catalog entities are not mutated in place).
const clusterParseCache = new WeakMap<
  object,
  ReturnType<typeof parseClusterAnnotations>
>();
function parseClusterCached(
  annotations: Record<string, string> | undefined,
): ReturnType<typeof parseClusterAnnotations> {
  if (!annotations) return parseClusterAnnotations(annotations);
  let parsed = clusterParseCache.get(annotations);
  if (!parsed) {
    parsed = parseClusterAnnotations(annotations);
    clusterParseCache.set(annotations, parsed);
  }
  return parsed;
}

/** Copies obligations so callers never share the top-level objects. */
function copyObligations(obligations: Obligation[]): Obligation[] {
  return obligations.map(obligation => ({ ...obligation }));
}

// The obligations of a cluster depend only on its facts, its control plane,
// now and the options; services on the same cluster share the computation.
const clusterObligationCache = new WeakMap<
  object,
  {
    nowMs: number;
    options: OrchestrationOptions;
    controlPlane: ControlPlaneKind;
    obligations: Obligation[];
  }
>();
function cachedClusterObligations(
  facts: object,
  controlPlane: ControlPlaneKind,
  compute: () => Obligation[],
  nowMs: number,
  options: OrchestrationOptions,
): Obligation[] {
  const cached = clusterObligationCache.get(facts);
  if (
    cached &&
    cached.nowMs === nowMs &&
    cached.options === options &&
    cached.controlPlane === controlPlane
  ) {
    return copyObligations(cached.obligations);
  }
  const obligations = compute();
  clusterObligationCache.set(facts, {
    nowMs,
    options,
    controlPlane,
    obligations,
  });
  return copyObligations(obligations);
}

const hypotheticalCache = new WeakMap<
  OrchestrationOptions,
  Map<string, Obligation[]>
>();
function cachedHypothetical(
  options: OrchestrationOptions,
  current: string | undefined,
): Obligation[] {
  let byPlatform = hypotheticalCache.get(options);
  if (!byPlatform) {
    byPlatform = new Map();
    hypotheticalCache.set(options, byPlatform);
  }
  const key = current ?? '';
  let obligations = byPlatform.get(key);
  if (!obligations) {
    obligations = hypotheticalObligations(options, current);
    byPlatform.set(key, obligations);
  }
  return copyObligations(obligations);
}

/**
 * Whether an entity carries any Orchestration annotation; use it to decide
 * whether to show the Orchestration views for an entity.
 *
 * @public
 */
export function isOrchestrationAnnotated(entity: Entity): boolean {
  const annotations = entity?.metadata?.annotations;
  if (!annotations) return false;
  for (const key of Object.keys(annotations)) {
    if (key.startsWith(ORCHESTRATION_ANNOTATION_PREFIX)) return true;
  }
  return false;
}

/**
 * Whether an entity is a Resource of type `kubernetes-cluster`.
 *
 * @public
 */
export function isKubernetesClusterResource(entity: Entity): boolean {
  return (
    String(entity?.kind ?? '').toLowerCase() === 'resource' &&
    (entity.spec as { type?: unknown } | undefined)?.type ===
      KUBERNETES_CLUSTER_RESOURCE_TYPE
  );
}

function verdictFor(
  fit: number,
  blocked: boolean,
  recommended: boolean,
  options: OrchestrationOptions,
): PlatformVerdict {
  if (blocked) return 'blocked';
  if (recommended) return 'recommended';
  if (fit >= options.thresholds.goodFit) return 'good';
  if (fit >= options.thresholds.possibleFit) return 'possible';
  return 'poor';
}

function staleWarning(
  knowledge: CompiledKnowledge,
  nowMs: number,
  options: OrchestrationOptions,
): AssessmentWarning | undefined {
  const ageDays = Math.floor((nowMs - knowledge.asOfMs) / DAY_MS);
  const limit = options.thresholds.staleKnowledgeDays;
  if (ageDays <= limit) return undefined;
  return {
    rule: 'KNOWLEDGE-STALE',
    message: `The knowledge base is dated ${knowledge.knowledgeBase.asOf}, ${ageDays} days before this assessment (limit ${limit}); release and support dates may have moved. Update orchestration.knowledgeBase in configuration or upgrade the plugin.`,
  };
}

function missingInputs(
  facts: ComponentOrchestrationFacts,
  input: AssessEntityInput,
  platformTeams: string[] | undefined,
): MissingInput[] {
  const missing: MissingInput[] = [];
  if (!facts.workloadType) {
    missing.push({
      key: ANNOTATION_WORKLOAD_TYPE,
      why: `Without the shape of the workload no platform can be recommended: one of ${WORKLOAD_TYPES.join(
        ', ',
      )}.`,
      example: 'api',
    });
  }
  if (!facts.portability) {
    missing.push({
      key: ANNOTATION_PORTABILITY,
      why: 'Whether it must run outside AWS decides between ECS and Kubernetes.',
      example: 'aws-only',
    });
  }
  if (!facts.resources) {
    missing.push({
      key: ANNOTATION_RESOURCES,
      why: 'The size of one task decides whether it fits Fargate.',
      example: 'cpu=1,memory=2Gi',
    });
  }
  if (!facts.currentPlatform) {
    missing.push({
      key: ANNOTATION_CURRENT_PLATFORM,
      why: 'Knowing where it runs today turns the recommendation into a migration plan, or confirms the current platform.',
      example: 'ecs-fargate',
    });
  }
  if (
    (facts.currentPlatform === 'eks' ||
      facts.currentPlatform === 'self-managed-kubernetes') &&
    !facts.cluster
  ) {
    missing.push({
      key: ANNOTATION_CLUSTER,
      why: 'The obligations of the cluster it runs on can only be checked when the cluster is named.',
      example: 'resource:default/prod-cluster',
    });
  }
  if (input.owner?.memberCount === undefined) {
    missing.push({
      key: EVIDENCE_OWNER_MEMBER_COUNT,
      why: 'The size of the owning team decides whether it can take on cluster operations.',
      example: input.owner
        ? `list the members of ${input.owner.entityRef} (Group spec.members or User spec.memberOf)`
        : 'set spec.owner to a Group with members, e.g. group:default/web-content',
    });
  }
  if (platformTeams === undefined) {
    missing.push({
      key: EVIDENCE_PLATFORM_TEAM,
      why: 'Whether a platform team exists decides whether Kubernetes can be operated at all.',
      example: 'orchestration.io/platform-team: "true" on the platform Group',
    });
  }
  return missing;
}

function confidenceFor(
  missing: MissingInput[],
  nearTies: PlatformId[],
  validation: ValidationProblem[],
): Confidence {
  let penalty = missing.length;
  if (nearTies.length > 0) penalty += 2;
  if (validation.some(problem => problem.severity === 'error')) penalty += 1;
  if (penalty === 0) return 'high';
  if (penalty <= 2) return 'medium';
  return 'low';
}

function platformTeamsFor(
  input: AssessEntityInput,
  options: OrchestrationOptions,
): string[] | undefined {
  if (input.platformTeams === undefined && options.platformTeams.length === 0) {
    return undefined;
  }
  const teams = new Set<string>(input.platformTeams ?? []);
  for (const team of options.platformTeams) teams.add(team);
  return [...teams].sort();
}

/**
 * Assesses one Component: the fit of each platform with the rules behind it,
 * a recommendation, warnings, a suggested migration, the operational
 * obligations of its cluster, the inputs that would raise confidence and the
 * annotation problems. Deterministic and free of I/O: the same input and
 * `now` always give a deep-equal result, and problems in annotations never
 * throw.
 *
 * @public
 */
export function assessEntity(input: AssessEntityInput): Assessment {
  const options = input.options ?? DEFAULT_ORCHESTRATION_OPTIONS;
  const now = resolveNow(input.now);
  const knowledge = compileKnowledge(options.knowledgeBase);
  const entity = input.entity;
  const parsed = parseComponentAnnotations(
    entity?.metadata?.annotations,
    fargateLimits(options),
  );
  const facts = parsed.facts;
  const validation: ValidationProblem[] = parsed.problems;
  const platformTeams = platformTeamsFor(input, options);

  const { reasons } = evaluateRules(
    facts,
    {
      ownerRef: input.owner?.entityRef,
      ownerMemberCount: input.owner?.memberCount,
      platformTeams,
    },
    options,
  );

  // Fit per platform, then the best non-blocked one.
  const scored = PLATFORM_IDS.map(id => {
    const base = options.baseFit[id];
    let total = base;
    let blocked = false;
    for (const reason of reasons[id]) {
      total += reason.points;
      if (reason.effect === 'blocks') blocked = true;
    }
    const score = Math.round(total);
    const fit = Math.min(100, Math.max(0, score));
    return { id, base, score, fit, blocked };
  });
  // Ranking, near ties and migration margins use the uncapped score: two platforms capped at
  // 100 are not a tie when the rules put one 20 points ahead.
  let best: (typeof scored)[number] | undefined;
  for (const candidate of scored) {
    if (candidate.blocked) continue;
    if (!best || candidate.score > best.score) best = candidate;
  }
  const hasWorkload = facts.workloadType !== undefined;
  const recommended = hasWorkload && best ? best.id : null;
  const nearTies: PlatformId[] =
    recommended && best
      ? scored
          .filter(
            s =>
              s.id !== best!.id &&
              !s.blocked &&
              best!.score - s.score <= options.thresholds.nearTieMargin,
          )
          .map(s => s.id)
      : [];
  const platforms: PlatformAssessment[] = scored.map(s => ({
    id: s.id,
    fit: s.fit,
    score: s.score,
    base: s.base,
    verdict: verdictFor(s.fit, s.blocked, s.id === recommended, options),
    reasons: reasons[s.id],
  }));

  // Warnings: every avoid-Kubernetes rule that fired, then notices.
  const warnings: AssessmentWarning[] = [];
  const seenWarnings = new Set<string>();
  for (const id of ['eks', 'self-managed-kubernetes'] as const) {
    for (const reason of reasons[id]) {
      if (
        reason.rule.startsWith('AVOID-K8S') &&
        !seenWarnings.has(reason.rule)
      ) {
        seenWarnings.add(reason.rule);
        warnings.push({ rule: reason.rule, message: reason.explanation });
      }
    }
  }
  const stale = staleWarning(knowledge, now.ms, options);
  if (stale) warnings.push(stale);

  // Obligations depend on where it runs and whether its cluster resolves.
  const current = facts.currentPlatform;
  let obligations: Obligation[];
  if (current === 'eks' || current === 'self-managed-kubernetes') {
    const managed = current === 'eks';
    if (!facts.cluster) {
      obligations = unresolvedClusterObligations(
        managed,
        undefined,
        'no-annotation',
      );
    } else if (!input.cluster) {
      if (input.cluster === null) {
        warnings.push({
          rule: 'CLUSTER-NOT-FOUND',
          message: `${ANNOTATION_CLUSTER} names ${facts.cluster}, which is not in the catalog; its obligations cannot be checked.`,
        });
      }
      obligations = unresolvedClusterObligations(
        managed,
        facts.cluster,
        'not-found',
      );
    } else {
      const cluster = input.cluster;
      if (!isKubernetesClusterResource(cluster)) {
        warnings.push({
          rule: 'CLUSTER-NOT-KUBERNETES',
          message: `${facts.cluster} is not a Resource with spec.type ${KUBERNETES_CLUSTER_RESOURCE_TYPE}; its annotations are read anyway.`,
        });
      }
      const clusterRef = entityRefOf(cluster);
      const clusterParsed = parseClusterCached(cluster.metadata?.annotations);
      for (const problem of clusterParsed.problems) {
        validation.push({ ...problem, entityRef: clusterRef });
      }
      const declared = clusterParsed.facts.controlPlane;
      const controlPlane: ControlPlaneKind =
        declared ?? (managed ? 'eks' : 'self-managed');
      if (declared && (declared === 'self-managed') === managed) {
        warnings.push({
          rule: 'CLUSTER-PLATFORM-MISMATCH',
          message: `${ANNOTATION_CURRENT_PLATFORM} is ${current} but ${clusterRef} declares a ${declared} control plane; the obligations follow the cluster.`,
        });
      }
      obligations = cachedClusterObligations(
        clusterParsed.facts,
        controlPlane,
        () =>
          clusterObligations({
            nowMs: now.ms,
            options,
            knowledge,
            clusterRef,
            controlPlane,
            facts: clusterParsed.facts,
          }),
        now.ms,
        options,
      );
    }
  } else {
    obligations = cachedHypothetical(options, current);
  }

  let migration: Assessment['migration'] = null;
  if (
    recommended &&
    current !== undefined &&
    current !== 'none' &&
    current !== recommended &&
    !nearTies.includes(current)
  ) {
    const currentScore = scored.find(s => s.id === current)!;
    if (
      currentScore.blocked ||
      best!.score - currentScore.score >= options.thresholds.migrationMargin
    ) {
      migration = { from: current, to: recommended };
    }
  }

  const missing = missingInputs(facts, input, platformTeams);
  return {
    apiVersion: ASSESSMENT_API_VERSION,
    entityRef: entityRefOf(entity),
    assessedAt: now.iso,
    recommendation: {
      platform: recommended,
      status: recommended ? 'recommended' : 'insufficient-data',
      confidence: recommended
        ? confidenceFor(missing, nearTies, validation)
        : 'low',
      nearTies,
    },
    platforms,
    warnings,
    migration,
    obligations,
    missing,
    validation,
    knowledgeAsOf: options.knowledgeBase.asOf,
  };
}

/**
 * Computes the operational obligations of a kubernetes-cluster Resource, for
 * the cluster view. Deterministic and free of I/O.
 *
 * @public
 */
export function assessCluster(
  resource: Entity,
  context: AssessClusterContext,
): ClusterAssessment {
  const options = context.options ?? DEFAULT_ORCHESTRATION_OPTIONS;
  const now = resolveNow(context.now);
  const knowledge = compileKnowledge(options.knowledgeBase);
  const entityRef = entityRefOf(resource);
  const parsed = parseClusterAnnotations(resource?.metadata?.annotations);
  const warnings: AssessmentWarning[] = [];
  if (!isKubernetesClusterResource(resource)) {
    warnings.push({
      rule: 'CLUSTER-NOT-KUBERNETES',
      message: `${entityRef} is not a Resource with spec.type ${KUBERNETES_CLUSTER_RESOURCE_TYPE}; its annotations are read anyway.`,
    });
  }
  const stale = staleWarning(knowledge, now.ms, options);
  if (stale) warnings.push(stale);
  const controlPlane = parsed.facts.controlPlane ?? null;
  return {
    apiVersion: ASSESSMENT_API_VERSION,
    entityRef,
    assessedAt: now.iso,
    controlPlane,
    obligations: clusterObligations({
      nowMs: now.ms,
      options,
      knowledge,
      clusterRef: entityRef,
      // Without a declaration, assume the heavier case so nothing is hidden.
      controlPlane: controlPlane ?? 'self-managed',
      facts: parsed.facts,
    }),
    warnings,
    validation: parsed.problems,
    knowledgeAsOf: options.knowledgeBase.asOf,
  };
}
