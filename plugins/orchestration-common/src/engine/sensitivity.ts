import {
  ANNOTATION_AWS_INTEGRATIONS,
  ANNOTATION_ECOSYSTEM,
  ANNOTATION_PORTABILITY,
  ANNOTATION_RESOURCES,
  ANNOTATION_SCHEDULING,
  ANNOTATION_WORKLOAD_TYPE,
  AWS_INTEGRATIONS,
  ECOSYSTEM_TOOLS,
  PORTABILITY_VALUES,
  PlatformId,
  SCHEDULING_NEEDS,
  WORKLOAD_TYPES,
} from '../annotations';
import { OrchestrationOptions } from '../config';
import { ComponentOrchestrationFacts } from '../parse/annotations';
import { ValidationProblem } from '../parse/problems';
import { formatResources } from '../parse/values';
import { EVIDENCE_OWNER_MEMBER_COUNT, EVIDENCE_PLATFORM_TEAM } from './ruleIds';
import { TeamFacts, bestPlatformFor } from './rules';
import { DecidingInput } from './types';

/** One alternative input to try: how it is written, and the facts it gives. */
interface Variant {
  key: string;
  value: string;
  facts: ComponentOrchestrationFacts;
  team: TeamFacts;
}

const HYPOTHETICAL_PLATFORM_TEAM = 'group:default/platform-team';

function hasInvalidItem(problems: readonly ValidationProblem[], key: string) {
  return problems.some(
    problem =>
      problem.key === key &&
      problem.entityRef === undefined &&
      (problem.code === 'unknown-value' || problem.code === 'invalid-value'),
  );
}

/** The alternatives worth trying: every allowed value of each missing or invalid input. */
function variantsOf(
  facts: ComponentOrchestrationFacts,
  team: TeamFacts,
  problems: readonly ValidationProblem[],
  options: OrchestrationOptions,
): Variant[] {
  const variants: Variant[] = [];
  const withFacts = (
    key: string,
    value: string,
    change: Partial<ComponentOrchestrationFacts>,
  ) => variants.push({ key, value, facts: { ...facts, ...change }, team });

  if (facts.workloadType === undefined) {
    // Without a workload type nothing is recommended, whatever else changes.
    for (const workloadType of WORKLOAD_TYPES) {
      withFacts(ANNOTATION_WORKLOAD_TYPE, workloadType, { workloadType });
    }
    return variants;
  }
  if (facts.portability === undefined) {
    for (const portability of PORTABILITY_VALUES) {
      withFacts(ANNOTATION_PORTABILITY, portability, { portability });
    }
  }
  if (
    facts.resources?.cpu === undefined ||
    facts.resources.memoryGi === undefined
  ) {
    // Sizes at their extremes: the smallest task, and one past every Fargate limit.
    const fargate = options.knowledgeBase.fargate.ecs;
    const big = { cpu: fargate.maxVcpu * 2, memoryGi: fargate.maxMemoryGi * 2 };
    const kept = { ...facts.resources };
    for (const size of [{ cpu: 0.25, memoryGi: 0.5 }, big]) {
      const resources = { ...kept, ...size };
      const text = formatResources(resources);
      withFacts(ANNOTATION_RESOURCES, text, {
        resources,
        resourcesText: text,
      });
    }
  }
  const lists = [
    ['scheduling', ANNOTATION_SCHEDULING, SCHEDULING_NEEDS],
    ['ecosystem', ANNOTATION_ECOSYSTEM, ECOSYSTEM_TOOLS],
    ['awsIntegrations', ANNOTATION_AWS_INTEGRATIONS, AWS_INTEGRATIONS],
  ] as const;
  for (const [field, key, allowed] of lists) {
    if (!hasInvalidItem(problems, key)) continue;
    const present = facts[field] as readonly string[];
    for (const item of allowed) {
      if (present.includes(item)) continue;
      withFacts(key, [...present, item].join(','), {
        [field]: [...present, item],
      });
    }
  }
  if (team.ownerMemberCount === undefined) {
    const small = options.thresholds.smallTeamSize;
    for (const count of [1, small + 1]) {
      variants.push({
        key: EVIDENCE_OWNER_MEMBER_COUNT,
        value: String(count),
        facts,
        team: { ...team, ownerMemberCount: count },
      });
    }
  }
  if (team.platformTeams === undefined) {
    variants.push(
      {
        key: EVIDENCE_PLATFORM_TEAM,
        value: 'none',
        facts,
        team: { ...team, platformTeams: [] },
      },
      {
        key: EVIDENCE_PLATFORM_TEAM,
        value: HYPOTHETICAL_PLATFORM_TEAM,
        facts,
        team: { ...team, platformTeams: [HYPOTHETICAL_PLATFORM_TEAM] },
      },
    );
  }
  return variants;
}

/**
 * The missing or invalid inputs that could change the recommendation: each
 * is re-assessed with each of its allowed values (sizes at their extremes),
 * one input at a time, and kept when the recommended platform changes.
 * `current-platform`, `cluster` and `replicas` never change it and are not
 * tried.
 *
 * @internal
 */
export function findDecidingInputs(
  facts: ComponentOrchestrationFacts,
  team: TeamFacts,
  problems: readonly ValidationProblem[],
  options: OrchestrationOptions,
  recommended: PlatformId | null,
): DecidingInput[] {
  const deciding: DecidingInput[] = [];
  for (const variant of variantsOf(facts, team, problems, options)) {
    const wouldRecommend =
      variant.facts.workloadType === undefined
        ? null
        : bestPlatformFor(variant.facts, variant.team, options) ?? null;
    if (wouldRecommend !== recommended) {
      deciding.push({ key: variant.key, value: variant.value, wouldRecommend });
    }
  }
  return deciding;
}
