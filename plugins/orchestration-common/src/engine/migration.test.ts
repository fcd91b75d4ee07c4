import { Entity } from '@backstage/catalog-model';
import { PLATFORM_IDS, PlatformId } from '../annotations';
import {
  DEFAULT_ORCHESTRATION_OPTIONS,
  OrchestrationOptions,
  readOrchestrationConfig,
} from '../config';
import { ComponentOrchestrationFacts } from '../parse/annotations';
import { assessEntity } from './assess';
import { proposeMigration } from './migration';
import { Migration, PlatformAssessment, PlatformVerdict } from './types';

type Current = ComponentOrchestrationFacts['currentPlatform'];

function facts(
  current: Current,
  more: Partial<ComponentOrchestrationFacts> = {},
): ComponentOrchestrationFacts {
  return {
    workloadType: 'api',
    scheduling: [],
    ecosystem: [],
    awsIntegrations: [],
    currentPlatform: current,
    ...more,
  };
}

/** Platforms with the given scores and verdicts; the others score 50 and are `possible`. */
function platforms(
  given: Partial<Record<PlatformId, [number, PlatformVerdict]>>,
): PlatformAssessment[] {
  return PLATFORM_IDS.map(id => {
    const [score, verdict] = given[id] ?? [50, 'possible'];
    return {
      id,
      score,
      fit: Math.min(100, Math.max(0, score)),
      base: 50,
      verdict,
      reasons:
        verdict === 'blocked'
          ? [
              {
                rule: 'FARGATE-NO-GPU',
                effect: 'blocks',
                points: 0,
                evidence: [
                  { key: 'orchestration.io/scheduling', value: 'gpu' },
                ],
                explanation: 'Fargate has no GPUs.',
              },
            ]
          : [],
      cost: null,
    };
  });
}

function optionsWith(thresholds: Record<string, number>): OrchestrationOptions {
  const config = readOrchestrationConfig({ thresholds });
  if (!config.ok) throw new Error(config.errors.join('\n'));
  return config.options;
}

type Proposal = Pick<Migration, 'from' | 'to' | 'lead' | 'why'> | null;

describe('proposeMigration: whether a move is proposed', () => {
  it.each<
    [
      string,
      {
        current: Current;
        platforms: PlatformAssessment[];
        recommended: PlatformId | null;
        nearTies?: PlatformId[];
        options?: OrchestrationOptions;
      },
      Proposal,
    ]
  >([
    [
      'none without a current platform',
      {
        current: undefined,
        platforms: platforms({ eks: [90, 'recommended'] }),
        recommended: 'eks',
      },
      null,
    ],
    [
      'none for current-platform none',
      {
        current: 'none',
        platforms: platforms({ eks: [90, 'recommended'] }),
        recommended: 'eks',
      },
      null,
    ],
    [
      'none without a recommendation',
      {
        current: 'ecs-ec2',
        platforms: platforms({ 'ecs-ec2': [10, 'poor'] }),
        recommended: null,
      },
      null,
    ],
    [
      'none when it already runs on the recommendation',
      {
        current: 'eks',
        platforms: platforms({ eks: [90, 'recommended'] }),
        recommended: 'eks',
      },
      null,
    ],
    [
      'none when the current platform is a near-tie',
      {
        current: 'ecs-ec2',
        platforms: platforms({
          'ecs-fargate': [70, 'recommended'],
          'ecs-ec2': [66, 'good'],
        }),
        recommended: 'ecs-fargate',
        nearTies: ['ecs-ec2'],
      },
      null,
    ],
    [
      'none when the recommendation leads by less than the default margin of 20',
      {
        current: 'ecs-ec2',
        platforms: platforms({
          'ecs-fargate': [89, 'recommended'],
          'ecs-ec2': [70, 'good'],
        }),
        recommended: 'ecs-fargate',
      },
      null,
    ],
    [
      'proposed when the recommendation leads by the default margin of 20',
      {
        current: 'ecs-ec2',
        platforms: platforms({
          'ecs-fargate': [90, 'recommended'],
          'ecs-ec2': [70, 'good'],
        }),
        recommended: 'ecs-fargate',
      },
      {
        from: 'ecs-ec2',
        to: 'ecs-fargate',
        lead: 20,
        why: 'ECS on Fargate leads ECS on EC2 by 20 points, at least the 20-point margin for proposing a move.',
      },
    ],
    [
      'proposed below the default margin when the configured margin is smaller',
      {
        current: 'ecs-ec2',
        platforms: platforms({
          'ecs-fargate': [80, 'recommended'],
          'ecs-ec2': [70, 'good'],
        }),
        recommended: 'ecs-fargate',
        options: optionsWith({ migrationMargin: 10 }),
      },
      {
        from: 'ecs-ec2',
        to: 'ecs-fargate',
        lead: 10,
        why: 'ECS on Fargate leads ECS on EC2 by 10 points, at least the 10-point margin for proposing a move.',
      },
    ],
    [
      'none at the default margin when the configured margin is larger',
      {
        current: 'ecs-ec2',
        platforms: platforms({
          'ecs-fargate': [90, 'recommended'],
          'ecs-ec2': [70, 'good'],
        }),
        recommended: 'ecs-fargate',
        options: optionsWith({ migrationMargin: 30 }),
      },
      null,
    ],
    [
      'proposed when the current platform is blocked, without a lead',
      {
        current: 'ecs-fargate',
        platforms: platforms({
          'ecs-fargate': [80, 'blocked'],
          'ecs-ec2': [75, 'recommended'],
        }),
        recommended: 'ecs-ec2',
      },
      {
        from: 'ecs-fargate',
        to: 'ecs-ec2',
        lead: null,
        why: 'ECS on Fargate is blocked (FARGATE-NO-GPU): it cannot run this workload as described.',
      },
    ],
    [
      'proposed when the current platform is poor, below the margin',
      {
        current: 'self-managed-kubernetes',
        platforms: platforms({
          eks: [45, 'recommended'],
          'self-managed-kubernetes': [35, 'poor'],
        }),
        recommended: 'eks',
      },
      {
        from: 'self-managed-kubernetes',
        to: 'eks',
        lead: 10,
        why: 'Self-managed Kubernetes is a poor fit (35/100) and EKS fits at 45/100.',
      },
    ],
  ])('%s', (_name, input, expected) => {
    const migration = proposeMigration(
      facts(input.current),
      input.platforms,
      input.recommended,
      input.nearTies ?? [],
      input.options ?? DEFAULT_ORCHESTRATION_OPTIONS,
    );
    expect(
      migration && {
        from: migration.from,
        to: migration.to,
        lead: migration.lead,
        why: migration.why,
      },
    ).toEqual(expected);
  });
});

describe('proposeMigration: effort and steps', () => {
  /** A move the margin always allows: the target leads by 40 points. */
  function move(
    from: PlatformId,
    to: PlatformId,
    more: Partial<ComponentOrchestrationFacts> = {},
  ): Migration {
    const migration = proposeMigration(
      facts(from, more),
      platforms({ [from]: [50, 'possible'], [to]: [90, 'recommended'] }),
      to,
      [],
      DEFAULT_ORCHESTRATION_OPTIONS,
    );
    if (!migration) throw new Error(`no migration from ${from} to ${to}`);
    return migration;
  }

  it.each<
    [
      PlatformId,
      PlatformId,
      string,
      Migration['effort'],
      Partial<ComponentOrchestrationFacts>,
    ]
  >([
    ['ecs-fargate', 'ecs-ec2', '', 'small', {}],
    ['ecs-ec2', 'ecs-fargate', '', 'small', {}],
    ['ecs-fargate', 'eks', '', 'large', {}],
    ['ecs-ec2', 'self-managed-kubernetes', '', 'large', {}],
    ['self-managed-kubernetes', 'eks', '', 'medium', {}],
    ['eks', 'self-managed-kubernetes', '', 'large', {}],
    ['eks', 'ecs-fargate', '', 'medium', {}],
    ['self-managed-kubernetes', 'ecs-ec2', '', 'medium', {}],
    [
      'eks',
      'ecs-fargate',
      ' with Kubernetes ecosystem needs',
      'large',
      { ecosystem: ['service-mesh', 'operator'] },
    ],
    [
      'ecs-fargate',
      'ecs-ec2',
      ', stateful',
      'medium',
      { workloadType: 'stateful' },
    ],
    [
      'self-managed-kubernetes',
      'eks',
      ', stateful',
      'medium',
      { workloadType: 'stateful' },
    ],
    ['ecs-ec2', 'eks', ', stateful', 'large', { workloadType: 'stateful' }],
  ])('%s to %s%s: %s', (from, to, _label, effort, more) => {
    const migration = move(from, to, more);
    expect([migration.effort, migration.from, migration.to]).toEqual([
      effort,
      from,
      to,
    ]);
    expect(migration.effortReasons.length).toBeGreaterThan(0);
    expect(migration.steps.length).toBeGreaterThan(0);
  });

  it.each<[PlatformId, PlatformId]>([
    ['ecs-fargate', 'ecs-ec2'],
    ['ecs-ec2', 'ecs-fargate'],
    ['ecs-fargate', 'eks'],
    ['eks', 'ecs-ec2'],
    ['self-managed-kubernetes', 'eks'],
    ['eks', 'self-managed-kubernetes'],
  ])(
    'a stateful workload from %s to %s adds a last step that moves the data, and says why',
    (from, to) => {
      const stateless = move(from, to, { workloadType: 'worker' });
      const stateful = move(from, to, { workloadType: 'stateful' });
      expect(stateful.steps.slice(0, -1)).toEqual(stateless.steps);
      expect(stateful.steps[stateful.steps.length - 1]).toMatch(
        /^Move the data/,
      );
      expect(stateless.steps.some(step => /Move the data/.test(step))).toBe(
        false,
      );
      expect(stateful.effortReasons).toContain(
        'A stateful workload has data to move.',
      );
    },
  );
});

describe('migration in an assessment', () => {
  function assess(
    annotations: Record<string, string>,
    platformTeams: string[],
  ) {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'svc', annotations },
      spec: {
        type: 'service',
        owner: 'group:default/team',
        lifecycle: 'production',
      },
    };
    return assessEntity({
      entity,
      owner: { entityRef: 'group:default/team', memberCount: 3 },
      platformTeams,
      now: '2026-11-28T00:00:00Z',
    });
  }

  it('proposes leaving a poor self-managed cluster for the recommendation', () => {
    const assessment = assess(
      {
        'orchestration.io/workload-type': 'web-service',
        'orchestration.io/portability': 'aws-only',
        'orchestration.io/current-platform': 'self-managed-kubernetes',
      },
      [],
    );
    const current = assessment.platforms.find(
      p => p.id === 'self-managed-kubernetes',
    )!;
    expect(current.verdict).toBe('poor');
    expect(assessment.migration).toEqual(
      expect.objectContaining({
        from: 'self-managed-kubernetes',
        to: assessment.recommendation.platform,
        effort: 'medium',
      }),
    );
  });

  it('proposes nothing when it runs on the recommendation', () => {
    const assessment = assess(
      {
        'orchestration.io/workload-type': 'stateful',
        'orchestration.io/current-platform': 'eks',
      },
      ['group:default/platform'],
    );
    expect(assessment.recommendation.platform).toBe('eks');
    expect(assessment.migration).toBeNull();
  });
});
