import { DEFAULT_KNOWLEDGE_BASE } from './knowledge/data';
import { readOrchestrationConfig, DEFAULT_THRESHOLDS } from './config';
import {
  knowledgeBaseAge,
  resolveKnowledgeBase,
} from './knowledge/knowledgeBase';
import { assessCluster } from './engine/assess';

describe('readOrchestrationConfig', () => {
  it('returns the defaults without configuration', () => {
    const result = readOrchestrationConfig(undefined);
    expect(result.ok && result.options.thresholds).toEqual(DEFAULT_THRESHOLDS);
  });

  it('layers thresholds, weights and platform teams over the defaults', () => {
    const result = readOrchestrationConfig({
      platformTeams: ['platform', 'group:infra/sre'],
      thresholds: { smallTeamSize: 5, recoveryPointObjective: '1h' },
      weights: { 'EKS-MANAGED': { eks: 20 } },
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect({
      platformTeams: result.options.platformTeams,
      smallTeamSize: result.options.thresholds.smallTeamSize,
      rpo: result.options.thresholds.recoveryPointObjectiveMinutes,
      nearTieMargin: result.options.thresholds.nearTieMargin,
      eksManaged: result.options.weights['EKS-MANAGED'],
      ecsSimple: result.options.weights['ECS-SIMPLE'],
    }).toEqual({
      platformTeams: ['group:default/platform', 'group:infra/sre'],
      smallTeamSize: 5,
      rpo: 60,
      nearTieMargin: 5,
      eksManaged: { eks: 20 },
      ecsSimple: { 'ecs-fargate': 10, 'ecs-ec2': 10 },
    });
  });

  it.each([
    [
      { thresholds: { smallTeamSize: -1 } },
      [
        'orchestration.thresholds.smallTeamSize: expected a positive number of members',
      ],
    ],
    [
      { thresholds: { recoveryPointObjective: 'often' } },
      [
        'orchestration.thresholds.recoveryPointObjective: "often" is not a duration; write a whole number followed by m, h or d, e.g. 15m, 1h or 1d',
      ],
    ],
    [
      { thresholds: { smalTeamSize: 3 } },
      ['orchestration.thresholds: unknown key smalTeamSize'],
    ],
    [
      { weights: { 'ECS-SIMPLE': { 'ecs-fargate': 500 } } },
      [
        'orchestration.weights.ECS-SIMPLE.ecs-fargate: a weight must be between -100 and 100',
      ],
    ],
    [
      { weights: { 'NOT-A-RULE': {} } },
      ['orchestration.weights: unknown key NOT-A-RULE'],
    ],
    [
      {
        thresholds: { certificateWarningDays: 5, certificateCriticalDays: 10 },
      },
      [
        'orchestration.thresholds.certificateCriticalDays: must not exceed certificateWarningDays',
      ],
    ],
    [
      {
        knowledgeBase: {
          kubernetesReleases: [
            { minor: '1.37', ga: '2026-08-26', endOfLife: '2026-01-01' },
          ],
        },
      },
      [
        'orchestration.knowledgeBase.kubernetesReleases.0.endOfLife: endOfLife 2026-01-01 must come after ga 2026-08-26',
      ],
    ],
    [
      {
        knowledgeBase: {
          eksReleases: [
            {
              minor: 'latest',
              released: '2026-13-01',
              endOfStandardSupport: '2027-01-01',
              endOfExtendedSupport: '2028-01-01',
            },
          ],
        },
      },
      [
        'orchestration.knowledgeBase.eksReleases.0.minor: expected a minor version such as 1.37',
        'orchestration.knowledgeBase.eksReleases.0.released: expected a real date as YYYY-MM-DD',
      ],
    ],
  ])('reports %j', (raw, errors) => {
    expect(readOrchestrationConfig(raw)).toEqual({ ok: false, errors });
  });
});

describe('knowledge base overrides', () => {
  it('adds a new minor from configuration, which then drives the upgrade target', () => {
    const resolved = resolveKnowledgeBase(DEFAULT_KNOWLEDGE_BASE, {
      asOf: '2026-11-01',
      kubernetesReleases: [
        {
          minor: '1.37',
          ga: '2026-08-26',
          maintenanceStart: '2027-08-28',
          endOfLife: '2027-10-28',
          sources: ['S5'],
        },
      ],
    });
    if (!resolved.ok) throw new Error(resolved.errors.join('\n'));
    const row = resolved.knowledgeBase.kubernetesReleases.find(
      r => r.minor === '1.37',
    );
    expect(row).toEqual({
      minor: '1.37',
      ga: '2026-08-26',
      maintenanceStart: '2027-08-28',
      endOfLife: '2027-10-28',
      sources: ['S5'],
    });
    expect(resolved.knowledgeBase.asOf).toBe('2026-11-01');
    const config = readOrchestrationConfig({
      knowledgeBase: { kubernetesReleases: [row] },
    });
    if (!config.ok) throw new Error(config.errors.join('\n'));
    const upgrades = assessCluster(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'c',
          annotations: {
            'orchestration.io/kubernetes-version': '1.36',
            'orchestration.io/oldest-node-version': '1.36',
          },
        },
        spec: { type: 'kubernetes-cluster' },
      },
      { now: '2026-11-28T00:00:00Z', options: config.options },
    ).obligations[0];
    expect(upgrades.actions).toEqual([
      'Upgrade the control plane one minor at a time: 1.36 -> 1.37 (1 step; no skipping), upgrading nodes before each next step.',
    ]);
  });

  it('keeps the built-in rows, their sources and flags', () => {
    const planned = DEFAULT_KNOWLEDGE_BASE.kubernetesReleases.find(
      r => r.minor === '1.37',
    );
    expect(planned).toEqual({
      minor: '1.37',
      ga: '2026-08-26',
      sources: ['S5'],
      unconfirmed: true,
      note: 'planned date from the release plan',
    });
    expect(
      DEFAULT_KNOWLEDGE_BASE.costs.ecsControlPlanePerHourUsd.secondary,
    ).toBe(true);
  });

  it.each([
    ['2026-11-28T00:00:00Z', { ageDays: 98, stale: false }],
    ['2027-03-01T00:00:00Z', { ageDays: 191, stale: true }],
  ])('reports its age at %s', (now, expected) => {
    expect(
      knowledgeBaseAge(DEFAULT_KNOWLEDGE_BASE, new Date(now), 180),
    ).toEqual(expected);
  });
});
