import { Entity } from '@backstage/catalog-model';
import { ReportedClusterFacts } from '../../../clusterFacts/report';
import { resolveClusterFacts } from '../../../clusterFacts/resolve';
import {
  DEFAULT_ORCHESTRATION_OPTIONS,
  OrchestrationOptions,
  OrchestrationThresholds,
} from '../../../config';
import { DEFAULT_KNOWLEDGE_BASE } from '../../../knowledge/data';
import { compileKnowledge } from '../../../knowledge/knowledgeBase';
import {
  EksRelease,
  KnowledgeBase,
  KubernetesRelease,
} from '../../../knowledge/types';
import { parseClusterAnnotations } from '../../../parse/annotations';
import { ObligationContext } from '../shared';

/** The instant the tables are computed at. */
export const NOW = '2026-11-28T00:00:00Z';

export const SELF = { 'orchestration.io/control-plane': 'self-managed' };
/** The provenance of a fact written in catalog-info.yaml. */
export const DECLARED = { kind: 'declared' } as const;
export const EKS = { 'orchestration.io/control-plane': 'eks' };

function upstream(
  minor: number,
  ga: string,
  endOfLife?: string,
  actualEndOfLife?: string,
): KubernetesRelease {
  return {
    minor: `1.${minor}`,
    ga,
    ...(endOfLife && { endOfLife }),
    ...(actualEndOfLife && { actualEndOfLife }),
    sources: ['test'],
  };
}

function eks(
  minor: number,
  released: string,
  endOfStandardSupport: string,
  endOfExtendedSupport: string,
): EksRelease {
  return {
    minor: `1.${minor}`,
    released,
    endOfStandardSupport,
    endOfExtendedSupport,
    sources: ['test'],
  };
}

/**
 * Release calendars frozen for these tests (facts sections 1 and 3), so the
 * expectations do not move when the shipped knowledge base gains a row. 1.37
 * is kept unconfirmed: it never counts as the newest release.
 */
export const TEST_KNOWLEDGE_BASE: KnowledgeBase = {
  ...DEFAULT_KNOWLEDGE_BASE,
  asOf: '2026-11-28',
  kubernetesReleases: [
    upstream(24, '2022-05-03', '2023-07-28'),
    upstream(25, '2022-08-23', '2023-10-27', '2023-10-28'),
    upstream(26, '2022-12-08', '2024-02-28'),
    upstream(27, '2023-04-11', '2024-06-28', '2024-07-16'),
    upstream(28, '2023-08-15', '2024-10-28', '2024-10-22'),
    upstream(29, '2023-12-13', '2025-02-28'),
    upstream(30, '2024-04-17', '2025-06-28', '2025-07-15'),
    upstream(31, '2024-08-13', '2025-10-28', '2025-11-11'),
    upstream(32, '2024-12-11', '2026-02-28'),
    upstream(33, '2025-04-23', '2026-06-28'),
    upstream(34, '2025-08-27', '2026-10-27'),
    upstream(35, '2025-12-17', '2027-02-28'),
    upstream(36, '2026-04-22', '2027-06-28'),
    { ...upstream(37, '2026-08-26'), unconfirmed: true },
  ],
  eksReleases: [
    eks(24, '2022-11-15', '2024-01-31', '2025-01-31'),
    eks(25, '2023-02-21', '2024-05-01', '2025-05-01'),
    eks(26, '2023-04-11', '2024-06-11', '2025-06-11'),
    eks(27, '2023-05-24', '2024-07-24', '2025-07-24'),
    eks(28, '2023-09-26', '2024-11-26', '2025-11-26'),
    eks(29, '2024-01-23', '2025-03-23', '2026-03-23'),
    eks(30, '2024-05-23', '2025-07-23', '2026-07-23'),
    eks(31, '2024-09-26', '2025-11-26', '2026-11-26'),
    eks(32, '2025-01-23', '2026-03-23', '2027-03-23'),
    eks(33, '2025-05-29', '2026-07-29', '2027-07-29'),
    eks(34, '2025-10-02', '2026-12-02', '2027-12-02'),
    eks(35, '2026-01-27', '2027-03-27', '2028-03-27'),
    eks(36, '2026-06-02', '2027-08-02', '2028-08-02'),
  ],
};

export const TEST_OPTIONS: OrchestrationOptions = {
  ...DEFAULT_ORCHESTRATION_OPTIONS,
  knowledgeBase: TEST_KNOWLEDGE_BASE,
};

/** Test options with some thresholds changed. */
export function withThresholds(
  thresholds: Partial<OrchestrationThresholds>,
): OrchestrationOptions {
  return {
    ...TEST_OPTIONS,
    thresholds: { ...TEST_OPTIONS.thresholds, ...thresholds },
  };
}

/** A kubernetes-cluster Resource with these annotations. */
export function clusterEntity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'prod', annotations },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
  };
}

/**
 * The context of a cluster with these annotations (and these reports of its
 * facts, if any). Annotations that do not parse throw, so a typo cannot pass
 * for a missing fact.
 */
export function contextFor(
  annotations: Record<string, string>,
  overrides: {
    now?: string;
    options?: OrchestrationOptions;
    reports?: ReportedClusterFacts[];
  } = {},
): ObligationContext {
  const parsed = parseClusterAnnotations(annotations);
  const errors = parsed.problems.filter(p => p.severity === 'error');
  if (errors.length > 0) {
    throw new Error(errors.map(p => p.message).join('; '));
  }
  const options = overrides.options ?? TEST_OPTIONS;
  const nowMs = Date.parse(overrides.now ?? NOW);
  const resolved = resolveClusterFacts({
    clusterRef: 'resource:default/prod',
    annotations,
    declared: parsed.facts,
    reports: overrides.reports,
    freshnessMinutes: options.clusterFacts.freshnessMinutes,
    nowMs,
  });
  return {
    nowMs,
    options,
    knowledge: compileKnowledge(options.knowledgeBase),
    clusterRef: 'resource:default/prod',
    controlPlane: parsed.facts.controlPlane ?? 'self-managed',
    facts: resolved.facts,
    sources: resolved.sources,
  };
}
