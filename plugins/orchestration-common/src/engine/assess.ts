import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CLUSTER,
  ANNOTATION_CURRENT_PLATFORM,
  ANNOTATION_PORTABILITY,
  ANNOTATION_REPLICAS,
  ANNOTATION_RESOURCES,
  ANNOTATION_WORKLOAD_TYPE,
  ControlPlaneKind,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
  KUBERNETES_PLATFORM_IDS,
  ORCHESTRATION_ANNOTATION_PREFIX,
  PLATFORM_IDS,
  WORKLOAD_TYPES,
} from '../annotations';
import { entityRefOf, namespaceOf } from '../catalog/entityRefs';
import {
  copyProvenance,
  listClusterFacts,
  resolveClusterFacts,
} from '../clusterFacts/resolve';
import { DEFAULT_ORCHESTRATION_OPTIONS, OrchestrationOptions } from '../config';
import {
  CompiledKnowledge,
  compileKnowledge,
} from '../knowledge/knowledgeBase';
import { PlatformOptionId } from '../knowledge/types';
import {
  ComponentOrchestrationFacts,
  FargateTaskLimits,
  parseClusterAnnotations,
  parseComponentAnnotations,
} from '../parse/annotations';
import { ValidationProblem } from '../parse/problems';
import { platformCost } from './cost';
import { proposeMigration } from './migration';
import {
  clusterObligations,
  hypotheticalObligations,
  unresolvedClusterObligations,
} from './obligations';
import { rankPlatforms, verdictFor } from './ranking';
import { EVIDENCE_OWNER_MEMBER_COUNT, EVIDENCE_PLATFORM_TEAM } from './ruleIds';
import { TeamFacts, evaluateRules, sizeUnknownWords } from './rules';
import { findDecidingInputs } from './sensitivity';
import {
  ASSESSMENT_API_VERSION,
  AssessClusterContext,
  AssessEntityInput,
  Assessment,
  AssessmentWarning,
  ClusterAssessment,
  Confidence,
  DecidingInput,
  MissingInput,
  NamedOption,
  Obligation,
  PlatformAssessment,
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

/** `2026-11-28T00:00:00.000Z`: the form toISOString gives. */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function resolveNow(now: Date | string): { ms: number; iso: string } {
  const ms = typeof now === 'string' ? Date.parse(now) : now?.getTime?.();
  if (typeof ms !== 'number' || Number.isNaN(ms)) {
    throw new OrchestrationInputError(
      `now must be a valid Date or ISO-8601 string, got ${String(now)}`,
    );
  }
  // An instant already in canonical form is used as given: formatting one
  // costs more than the rest of resolving it.
  const iso =
    typeof now === 'string' && CANONICAL_INSTANT.test(now)
      ? now
      : new Date(ms).toISOString();
  return { ms, iso };
}

function fargateLimits(options: OrchestrationOptions): FargateTaskLimits {
  const facts = options.knowledgeBase.fargate.ecs;
  return {
    maxVcpu: facts.maxVcpu,
    maxMemoryGi: facts.maxMemoryGi,
    maxEphemeralStorageGi: facts.maxEphemeralStorageGi,
  };
}

/** The named option of the knowledge base, as shown with a reason. */
function namedOption(
  options: OrchestrationOptions,
  id: PlatformOptionId,
): NamedOption | undefined {
  const facts = options.knowledgeBase.options?.[id];
  if (!facts) return undefined;
  const option: NamedOption = {
    id,
    name: facts.name,
    since: facts.ga,
    summary: facts.summary,
    limits: facts.limits,
    sources: [...facts.sources],
  };
  if (facts.secondary) option.secondary = true;
  return option;
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
  if (
    facts.resources?.cpu === undefined ||
    facts.resources.memoryGi === undefined
  ) {
    missing.push({
      key: ANNOTATION_RESOURCES,
      why: sizeUnknownWords(
        facts,
        'whether one task fits Fargate and what it costs are unknown',
      ),
      example: 'cpu=1,memory=2Gi',
    });
  }
  if (facts.replicas === undefined) {
    missing.push({
      key: ANNOTATION_REPLICAS,
      why: 'The usual number of running copies turns the size into a monthly cost.',
      example: '3',
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
  decidingInputs: readonly DecidingInput[],
  lead: number | null,
  options: OrchestrationOptions,
): Confidence {
  if (decidingInputs.length > 0) return 'low';
  if (lead === null || lead >= options.thresholds.confidentLead) return 'high';
  return 'medium';
}

/**
 * The platform teams: as resolved from the catalog by the caller (which
 * counts only teams with members, configured ones included), else the
 * configured ones, else unknown.
 */
function platformTeamsFor(
  input: AssessEntityInput,
  options: OrchestrationOptions,
): string[] | undefined {
  const teams = input.platformTeams ?? options.platformTeams;
  if (input.platformTeams === undefined && teams.length === 0) return undefined;
  return [...new Set(teams)].sort();
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
  const parsed = parseComponentAnnotations(entity?.metadata?.annotations, {
    fargateLimits: fargateLimits(options),
    namespace: namespaceOf(entity),
  });
  const facts = parsed.facts;
  const validation: ValidationProblem[] = parsed.problems;
  const platformTeams = platformTeamsFor(input, options);
  const team: TeamFacts = {
    ownerRef: input.owner?.entityRef,
    ownerMemberCount: input.owner?.memberCount,
    platformTeams,
  };

  const outcome = evaluateRules(facts, team, options, true, id =>
    namedOption(options, id),
  );
  const ranking = rankPlatforms(outcome, options);
  const hasWorkload = facts.workloadType !== undefined;
  const recommended = hasWorkload ? ranking.best ?? null : null;
  const nearTies = recommended ? ranking.nearTies : [];
  const platforms: PlatformAssessment[] = PLATFORM_IDS.map(id => {
    const score = Math.round(outcome.scores[id]);
    // A platform capped at `possible` never shows the fit of a `good` one.
    const ceiling = outcome.capped[id] ? options.thresholds.goodFit - 1 : 100;
    const fit = Math.min(ceiling, Math.max(0, score));
    const blocked = outcome.blocked[id];
    return {
      id,
      fit,
      score,
      base: options.baseFit[id],
      verdict: verdictFor(
        fit,
        {
          blocked,
          recommended: id === recommended,
          capped: outcome.capped[id],
        },
        options,
      ),
      reasons: outcome.reasons[id],
      cost: platformCost(
        id,
        { resources: facts.resources, replicas: facts.replicas, blocked },
        options,
      ),
    };
  });

  // Warnings: every avoid-Kubernetes rule that fired, then notices.
  const warnings: AssessmentWarning[] = [];
  const seenWarnings = new Set<string>();
  for (const id of KUBERNETES_PLATFORM_IDS) {
    for (const reason of outcome.reasons[id]) {
      if (
        reason.rule.startsWith('AVOID-K8S') &&
        !seenWarnings.has(reason.rule)
      ) {
        seenWarnings.add(reason.rule);
        const warning: AssessmentWarning = {
          rule: reason.rule,
          message: reason.explanation,
        };
        if (reason.alternatives) warning.alternatives = reason.alternatives;
        warnings.push(warning);
      }
    }
  }
  if (
    facts.workloadType === 'stateful' &&
    platformTeams !== undefined &&
    platformTeams.length === 0
  ) {
    warnings.push({
      rule: 'STATEFUL-MANAGED-DATA',
      message:
        'A stateful workload with no platform team: a managed data service (RDS or Aurora, Amazon MSK, OpenSearch Service, ElastiCache, ...) usually beats running it yourself on any of the four platforms, since backups, failover and upgrades become AWS duties.',
    });
  }
  const stale = staleWarning(knowledge, now.ms, options);
  if (stale) warnings.push(stale);

  const obligations = obligationsFor(
    facts,
    input,
    options,
    knowledge,
    now,
    warnings,
    validation,
  );
  const migration = proposeMigration(
    facts,
    platforms,
    recommended,
    nearTies,
    options,
    platformTeams !== undefined && platformTeams.length > 0,
  );
  const decidingInputs = findDecidingInputs(
    facts,
    team,
    validation,
    options,
    recommended,
  );
  const missing = missingInputs(facts, input, platformTeams);
  return {
    apiVersion: ASSESSMENT_API_VERSION,
    entityRef: entityRefOf(entity),
    assessedAt: now.iso,
    recommendation: {
      platform: recommended,
      status: recommended ? 'recommended' : 'insufficient-data',
      confidence: recommended
        ? confidenceFor(decidingInputs, ranking.lead, options)
        : 'low',
      nearTies,
      lead: recommended ? ranking.lead : null,
      decidingInputs,
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

/** The obligations and problems of a cluster assessed by the caller, copied so results never share arrays. */
function fromClusterAssessment(
  given: ClusterAssessment,
  current: 'eks' | 'self-managed-kubernetes',
  warnings: AssessmentWarning[],
  validation: ValidationProblem[],
): Obligation[] {
  for (const problem of given.validation) {
    const copy: ValidationProblem = { ...problem, entityRef: given.entityRef };
    if (problem.allowed) copy.allowed = [...problem.allowed];
    validation.push(copy);
  }
  const declared = given.controlPlane!;
  if ((declared === 'self-managed') === (current === 'eks')) {
    warnings.push({
      rule: 'CLUSTER-PLATFORM-MISMATCH',
      message: `${ANNOTATION_CURRENT_PLATFORM} is ${current} but ${given.entityRef} declares a ${declared} control plane; the obligations follow the cluster.`,
    });
  }
  for (const warning of given.warnings) {
    if (warning.rule.startsWith('CLUSTER-FACTS-'))
      warnings.push({ ...warning });
  }
  return given.obligations.map(obligation => ({
    ...obligation,
    evidence: obligation.evidence.map(item =>
      item.provenance
        ? { ...item, provenance: copyProvenance(item.provenance) }
        : { ...item },
    ),
    actions: [...obligation.actions],
  }));
}

/** Obligations depend on where it runs and whether its cluster resolves. */
function obligationsFor(
  facts: ComponentOrchestrationFacts,
  input: AssessEntityInput,
  options: OrchestrationOptions,
  knowledge: CompiledKnowledge,
  now: { ms: number; iso: string },
  warnings: AssessmentWarning[],
  validation: ValidationProblem[],
): Obligation[] {
  const nowMs = now.ms;
  const nowIso = now.iso;
  const current = facts.currentPlatform;
  if (current !== 'eks' && current !== 'self-managed-kubernetes') {
    return hypotheticalObligations(options, current);
  }
  const managed = current === 'eks';
  if (!facts.cluster) {
    return unresolvedClusterObligations(managed, undefined, 'no-annotation');
  }
  const cluster = input.cluster;
  if (!cluster) {
    if (cluster === null) {
      warnings.push({
        rule: 'CLUSTER-NOT-FOUND',
        message: `${ANNOTATION_CLUSTER} names ${facts.cluster}, which is not in the catalog; its obligations cannot be checked.`,
      });
    }
    return unresolvedClusterObligations(managed, facts.cluster, 'not-found');
  }
  if (!isKubernetesClusterResource(cluster)) {
    warnings.push({
      rule: 'CLUSTER-NOT-KUBERNETES',
      message: `${facts.cluster} is not a Resource with spec.type ${KUBERNETES_CLUSTER_RESOURCE_TYPE}; its annotations are read anyway.`,
    });
  }
  const clusterRef = entityRefOf(cluster);
  const given = input.clusterAssessment;
  if (
    given &&
    given.entityRef === clusterRef &&
    given.assessedAt === nowIso &&
    given.controlPlane !== null
  ) {
    return fromClusterAssessment(given, current, warnings, validation);
  }
  const clusterParsed = parseClusterAnnotations(cluster.metadata?.annotations);
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
  const resolved = resolveClusterFacts({
    clusterRef,
    annotations: cluster.metadata?.annotations,
    declared: clusterParsed.facts,
    reports: input.clusterReports,
    freshnessMinutes: options.clusterFacts.freshnessMinutes,
    nowMs,
  });
  warnings.push(...resolved.warnings);
  return clusterObligations({
    nowMs,
    options,
    knowledge,
    clusterRef,
    controlPlane,
    facts: resolved.facts,
    sources: resolved.sources,
  });
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
  const annotations = resource?.metadata?.annotations;
  const parsed = parseClusterAnnotations(annotations);
  const warnings: AssessmentWarning[] = [];
  if (!isKubernetesClusterResource(resource)) {
    warnings.push({
      rule: 'CLUSTER-NOT-KUBERNETES',
      message: `${entityRef} is not a Resource with spec.type ${KUBERNETES_CLUSTER_RESOURCE_TYPE}; its annotations are read anyway.`,
    });
  }
  const stale = staleWarning(knowledge, now.ms, options);
  if (stale) warnings.push(stale);
  const resolved = resolveClusterFacts({
    clusterRef: entityRef,
    annotations,
    declared: parsed.facts,
    reports: context.reports,
    freshnessMinutes: options.clusterFacts.freshnessMinutes,
    nowMs: now.ms,
  });
  warnings.push(...resolved.warnings);
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
      facts: resolved.facts,
      sources: resolved.sources,
    }),
    facts: listClusterFacts(annotations, parsed.facts, resolved.sources),
    warnings,
    validation: parsed.problems,
    knowledgeAsOf: options.knowledgeBase.asOf,
  };
}
