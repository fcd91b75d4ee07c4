import { PlatformId } from '../annotations';
import {
  DEFAULT_ORCHESTRATION_OPTIONS,
  OrchestrationOptions,
  readOrchestrationConfig,
} from '../config';
import { Ranking, rankPlatforms, verdictFor } from './ranking';
import { PlatformVerdict } from './types';

type PerPlatform<T> = Record<PlatformId, T>;

function perPlatform<T>(
  values: Partial<PerPlatform<T>>,
  fallback: T,
): PerPlatform<T> {
  return {
    'ecs-fargate': values['ecs-fargate'] ?? fallback,
    'ecs-ec2': values['ecs-ec2'] ?? fallback,
    eks: values.eks ?? fallback,
    'self-managed-kubernetes': values['self-managed-kubernetes'] ?? fallback,
  };
}

function optionsWith(thresholds: Record<string, number>): OrchestrationOptions {
  const config = readOrchestrationConfig({ thresholds });
  if (!config.ok) throw new Error(config.errors.join('\n'));
  return config.options;
}

const scores = (
  fargate: number,
  ec2: number,
  eks: number,
  selfManaged: number,
): PerPlatform<number> => ({
  'ecs-fargate': fargate,
  'ecs-ec2': ec2,
  eks,
  'self-managed-kubernetes': selfManaged,
});

describe('rankPlatforms', () => {
  it.each<
    [
      string,
      {
        scores: PerPlatform<number>;
        blocked?: PlatformId[];
        capped?: PlatformId[];
        options?: OrchestrationOptions;
      },
      Ranking,
    ]
  >([
    [
      'ranks by score, best first',
      { scores: scores(60, 80, 70, 40) },
      {
        order: ['ecs-ec2', 'eks', 'ecs-fargate', 'self-managed-kubernetes'],
        best: 'ecs-ec2',
        nearTies: [],
        lead: 10,
      },
    ],
    [
      'keeps the display order between equal scores, and reports them as near-ties',
      { scores: scores(50, 50, 50, 50) },
      {
        order: ['ecs-fargate', 'ecs-ec2', 'eks', 'self-managed-kubernetes'],
        best: 'ecs-fargate',
        nearTies: ['ecs-ec2', 'eks', 'self-managed-kubernetes'],
        lead: 0,
      },
    ],
    [
      'counts a platform exactly at the near-tie margin as a near-tie, and one point beyond it not',
      { scores: scores(90, 85, 84, 10) },
      {
        order: ['ecs-fargate', 'ecs-ec2', 'eks', 'self-managed-kubernetes'],
        best: 'ecs-fargate',
        nearTies: ['ecs-ec2'],
        lead: 5,
      },
    ],
    [
      'takes the near-tie margin from configuration',
      {
        scores: scores(90, 80, 79, 10),
        options: optionsWith({ nearTieMargin: 10 }),
      },
      {
        order: ['ecs-fargate', 'ecs-ec2', 'eks', 'self-managed-kubernetes'],
        best: 'ecs-fargate',
        nearTies: ['ecs-ec2'],
        lead: 10,
      },
    ],
    [
      'ranks scores above 100 by their uncapped value',
      { scores: scores(10, 10, 135, 125) },
      {
        order: ['eks', 'self-managed-kubernetes', 'ecs-fargate', 'ecs-ec2'],
        best: 'eks',
        nearTies: [],
        lead: 10,
      },
    ],
    [
      'leaves blocked platforms out, whatever their score',
      { scores: scores(100, 70, 60, 40), blocked: ['ecs-fargate'] },
      {
        order: ['ecs-ec2', 'eks', 'self-managed-kubernetes'],
        best: 'ecs-ec2',
        nearTies: [],
        lead: 10,
      },
    ],
    [
      'ranks capped platforms after every uncapped one, whatever their score',
      {
        scores: scores(95, 85, 60, 35),
        capped: ['ecs-fargate', 'ecs-ec2'],
      },
      {
        order: ['eks', 'self-managed-kubernetes', 'ecs-fargate', 'ecs-ec2'],
        best: 'eks',
        nearTies: [],
        lead: 25,
      },
    ],
    [
      'gives a lead of 0 when the next in rank is capped but scores higher',
      {
        scores: scores(95, 85, 60, 35),
        capped: ['ecs-fargate', 'ecs-ec2'],
        blocked: ['self-managed-kubernetes'],
      },
      {
        order: ['eks', 'ecs-fargate', 'ecs-ec2'],
        best: 'eks',
        nearTies: [],
        lead: 0,
      },
    ],
    [
      'reports near-ties only within the tier of the best',
      {
        scores: scores(62, 58, 60, 57),
        capped: ['ecs-fargate', 'ecs-ec2'],
      },
      {
        order: ['eks', 'self-managed-kubernetes', 'ecs-fargate', 'ecs-ec2'],
        best: 'eks',
        nearTies: ['self-managed-kubernetes'],
        lead: 3,
      },
    ],
    [
      'ranks by score among capped platforms when every platform left is capped',
      {
        scores: scores(70, 72, 90, 90),
        capped: ['ecs-fargate', 'ecs-ec2'],
        blocked: ['eks', 'self-managed-kubernetes'],
      },
      {
        order: ['ecs-ec2', 'ecs-fargate'],
        best: 'ecs-ec2',
        nearTies: ['ecs-fargate'],
        lead: 2,
      },
    ],
    [
      'has no lead when one platform is left',
      {
        scores: scores(70, 60, 50, 40),
        blocked: ['ecs-fargate', 'ecs-ec2', 'self-managed-kubernetes'],
      },
      { order: ['eks'], best: 'eks', nearTies: [], lead: null },
    ],
    [
      'has no best when every platform is blocked',
      {
        scores: scores(70, 60, 50, 40),
        blocked: ['ecs-fargate', 'ecs-ec2', 'eks', 'self-managed-kubernetes'],
      },
      { order: [], best: undefined, nearTies: [], lead: null },
    ],
  ])('%s', (_name, input, expected) => {
    const flags = (ids: PlatformId[] = []) =>
      perPlatform<boolean>(
        Object.fromEntries(ids.map(id => [id, true])),
        false,
      );
    expect(
      rankPlatforms(
        {
          scores: input.scores,
          blocked: flags(input.blocked),
          capped: flags(input.capped),
        },
        input.options ?? DEFAULT_ORCHESTRATION_OPTIONS,
      ),
    ).toEqual(expected);
  });
});

describe('verdictFor', () => {
  const { goodFit, possibleFit } = DEFAULT_ORCHESTRATION_OPTIONS.thresholds;

  it.each<
    [
      string,
      number,
      { blocked?: boolean; recommended?: boolean; capped?: boolean },
      PlatformVerdict,
    ]
  >([
    [
      'blocked, even when it would be recommended',
      100,
      { blocked: true, recommended: true },
      'blocked',
    ],
    [
      'blocked, even when capped',
      90,
      { blocked: true, capped: true },
      'blocked',
    ],
    ['recommended', 30, { recommended: true }, 'recommended'],
    [
      'recommended, even when capped',
      64,
      { recommended: true, capped: true },
      'recommended',
    ],
    ['good at the good fit', goodFit, {}, 'good'],
    ['good at 100', 100, {}, 'good'],
    ['possible just below the good fit', goodFit - 1, {}, 'possible'],
    ['possible at the possible fit', possibleFit, {}, 'possible'],
    ['poor just below the possible fit', possibleFit - 1, {}, 'poor'],
    ['poor at 0', 0, {}, 'poor'],
    [
      'at best possible when capped, at a good fit',
      goodFit,
      { capped: true },
      'possible',
    ],
    ['at best possible when capped, at 100', 100, { capped: true }, 'possible'],
    [
      'poor when capped below the possible fit',
      possibleFit - 1,
      { capped: true },
      'poor',
    ],
  ])('%s (fit %d)', (_name, fit, state, expected) => {
    expect(
      verdictFor(
        fit,
        {
          blocked: state.blocked ?? false,
          recommended: state.recommended ?? false,
          capped: state.capped ?? false,
        },
        DEFAULT_ORCHESTRATION_OPTIONS,
      ),
    ).toBe(expected);
  });

  it('takes the fit thresholds from configuration', () => {
    const options = optionsWith({ goodFit: 80, possibleFit: 60 });
    const state = { blocked: false, recommended: false, capped: false };
    expect(
      [79, 80, 59, 60].map(fit => verdictFor(fit, state, options)),
    ).toEqual(['possible', 'good', 'poor', 'possible']);
  });
});
