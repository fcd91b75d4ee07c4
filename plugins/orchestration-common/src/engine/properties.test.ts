import fc from 'fast-check';
import { Entity } from '@backstage/catalog-model';
import {
  AWS_INTEGRATIONS,
  COMPONENT_ANNOTATION_KEYS,
  CURRENT_PLATFORM_VALUES,
  ECOSYSTEM_TOOLS,
  PORTABILITY_VALUES,
  SCHEDULING_NEEDS,
  WORKLOAD_TYPES,
} from '../annotations';
import { assessEntity } from './assess';

const NOW = '2026-11-28T00:00:00Z';

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', annotations },
    spec: { owner: 'group:default/team' },
  };
}

/** Arbitrary annotation maps: random keys and values, hostile keys, long and unicode values. */
const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'orchestration.io/__proto__',
  'orchestration.io/constructor',
  ...COMPONENT_ANNOTATION_KEYS,
);
const anyValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.constantFrom(
    ...WORKLOAD_TYPES,
    ...PORTABILITY_VALUES,
    'cpu=999,memory=1Ti,gpu=4',
    'gpu,taints,,',
    ' , ',
  ),
);
const anyAnnotations = fc
  .array(
    fc.tuple(
      fc.oneof(
        hostileKey,
        fc.string(),
        fc.string().map(s => `orchestration.io/${s}`),
      ),
      anyValue,
    ),
    {
      maxLength: 12,
    },
  )
  .map(entries => {
    // Built with defineProperty so that __proto__ becomes an own key, as JSON.parse would make it.
    const annotations: Record<string, string> = {};
    for (const [key, value] of entries) {
      Object.defineProperty(annotations, key, {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
    return annotations;
  });

/** Valid annotation maps, to test the monotone rules. */
const validAnnotations = fc.record(
  {
    'orchestration.io/workload-type': fc.constantFrom(...WORKLOAD_TYPES),
    'orchestration.io/portability': fc.constantFrom(...PORTABILITY_VALUES),
    'orchestration.io/scheduling': fc
      .subarray([...SCHEDULING_NEEDS])
      .map(a => a.join(',')),
    'orchestration.io/ecosystem': fc
      .subarray([...ECOSYSTEM_TOOLS])
      .map(a => a.join(',')),
    'orchestration.io/aws-integrations': fc
      .subarray([...AWS_INTEGRATIONS])
      .map(a => a.join(',')),
    'orchestration.io/resources': fc
      .record({
        cpu: fc.integer({ min: 1, max: 64 }),
        memory: fc.integer({ min: 1, max: 512 }),
      })
      .map(r => `cpu=${r.cpu},memory=${r.memory}Gi`),
    'orchestration.io/current-platform': fc.constantFrom(
      ...CURRENT_PLATFORM_VALUES,
    ),
  },
  { requiredKeys: ['orchestration.io/workload-type'] },
);
const teamFacts = fc.record({
  memberCount: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
  platformTeams: fc.option(fc.constantFrom([], ['group:default/platform']), {
    nil: undefined,
  }),
});

describe('engine properties', () => {
  it('never throws on any annotation map and reports problems as validation entries', () => {
    fc.assert(
      fc.property(anyAnnotations, annotations => {
        const assessment = assessEntity({
          entity: component(annotations),
          now: NOW,
        });
        expect(Array.isArray(assessment.validation)).toBe(true);
        expect(assessment.platforms).toHaveLength(4);
        for (const platform of assessment.platforms) {
          expect(platform.fit).toBeGreaterThanOrEqual(0);
          expect(platform.fit).toBeLessThanOrEqual(100);
        }
        const invalid = Object.keys(annotations).some(
          key =>
            key.startsWith('orchestration.io/') &&
            !(COMPONENT_ANNOTATION_KEYS as readonly string[]).includes(key),
        );
        // An unknown key under the prefix is always reported.
        expect(!invalid || assessment.validation.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same input and now give deep-equal output', () => {
    fc.assert(
      fc.property(anyAnnotations, teamFacts, (annotations, team) => {
        const input = () => ({
          entity: component({ ...annotations }),
          owner: {
            entityRef: 'group:default/team',
            memberCount: team.memberCount,
          },
          platformTeams: team.platformTeams,
          now: NOW,
        });
        expect(assessEntity(input())).toEqual(assessEntity(input()));
      }),
      { numRuns: 200 },
    );
  });

  it('adding a GPU never un-blocks Fargate', () => {
    fc.assert(
      fc.property(validAnnotations, teamFacts, (annotations, team) => {
        const base = {
          owner: {
            entityRef: 'group:default/team',
            memberCount: team.memberCount,
          },
          platformTeams: team.platformTeams,
          now: NOW,
        };
        const scheduling = annotations['orchestration.io/scheduling'];
        const withGpu = {
          ...annotations,
          'orchestration.io/scheduling': scheduling
            ? `${scheduling},gpu`
            : 'gpu',
        };
        const fargate = assessEntity({
          entity: component(withGpu),
          ...base,
        }).platforms.find(p => p.id === 'ecs-fargate')!;
        expect(fargate.verdict).toBe('blocked');
      }),
    );
  });

  it('adding a platform team never lowers a Kubernetes fit', () => {
    fc.assert(
      fc.property(
        validAnnotations,
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
        (annotations, memberCount) => {
          const fits = (platformTeams: string[]) =>
            assessEntity({
              entity: component(annotations),
              owner: { entityRef: 'group:default/team', memberCount },
              platformTeams,
              now: NOW,
            })
              .platforms.filter(
                p => p.id === 'eks' || p.id === 'self-managed-kubernetes',
              )
              .map(p => p.fit);
          const [eksBefore, selfBefore] = fits([]);
          const [eksAfter, selfAfter] = fits(['group:default/platform']);
          expect(eksAfter).toBeGreaterThanOrEqual(eksBefore);
          expect(selfAfter).toBeGreaterThanOrEqual(selfBefore);
        },
      ),
    );
  });
});

describe('sensitivity and bounds', () => {
  const annotationsWithGaps = fc.record(
    {
      'orchestration.io/workload-type': fc.constantFrom(...WORKLOAD_TYPES),
      'orchestration.io/portability': fc.constantFrom(
        ...PORTABILITY_VALUES,
        'everywhere',
      ),
      'orchestration.io/scheduling': fc
        .subarray([...SCHEDULING_NEEDS, 'gpus', 'taint'])
        .map(a => a.join(',')),
      'orchestration.io/ecosystem': fc
        .subarray([...ECOSYSTEM_TOOLS, 'istio'])
        .map(a => a.join(',')),
      'orchestration.io/resources': fc.constantFrom(
        'cpu=1,memory=2Gi',
        'cpu=8,memory=200GB',
        'cpu=lots,memory=banana',
        'gpu=1',
        'cpu=40,memory=300Gi',
      ),
      'orchestration.io/current-platform': fc.constantFrom(
        ...CURRENT_PLATFORM_VALUES,
      ),
    },
    { requiredKeys: [] },
  );

  it('every deciding input, applied, recommends what it says; applying any other allowed value changes nothing', () => {
    fc.assert(
      fc.property(annotationsWithGaps, teamFacts, (annotations, team) => {
        const input = (
          changed: Record<string, string>,
          owner = team.memberCount,
          platformTeams: readonly string[] | undefined = team.platformTeams,
        ) => ({
          entity: component({ ...annotations, ...changed }),
          owner: { entityRef: 'group:default/team', memberCount: owner },
          platformTeams,
          now: NOW,
        });
        const assessment = assessEntity(input({}));
        const recommended = assessment.recommendation.platform;
        for (const deciding of assessment.recommendation.decidingInputs) {
          let again;
          if (deciding.key === 'catalog:owner-member-count') {
            again = assessEntity(input({}, Number(deciding.value)));
          } else if (deciding.key === 'catalog:platform-team') {
            again = assessEntity(
              input(
                {},
                team.memberCount,
                deciding.value === 'none' ? [] : [deciding.value],
              ),
            );
          } else {
            again = assessEntity(input({ [deciding.key]: deciding.value }));
          }
          expect(again.recommendation.platform).toBe(deciding.wouldRecommend);
          expect(deciding.wouldRecommend).not.toBe(recommended);
        }
        // A portability that is missing and not listed cannot change the answer.
        const mislisted = annotations['orchestration.io/portability']
          ? []
          : PORTABILITY_VALUES.filter(portability => {
              const listed = assessment.recommendation.decidingInputs.some(
                d =>
                  d.key === 'orchestration.io/portability' &&
                  d.value === portability,
              );
              const again = assessEntity(
                input({ 'orchestration.io/portability': portability }),
              );
              return (again.recommendation.platform !== recommended) !== listed;
            });
        expect(mislisted).toEqual([]);
        // Confidence follows the deciding inputs.
        const lowered =
          recommended !== null &&
          assessment.recommendation.decidingInputs.length > 0;
        expect(lowered ? assessment.recommendation.confidence : 'low').toBe(
          'low',
        );
      }),
      { numRuns: 300 },
    );
  });

  it('output grows linearly with the input and stays small', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...COMPONENT_ANNOTATION_KEYS),
            fc.oneof(
              fc.string({ maxLength: 200 }),
              fc
                .array(fc.string({ maxLength: 30 }), { maxLength: 2000 })
                .map(items => items.join(',')),
              fc.integer(),
              fc.boolean(),
              fc.double(),
            ),
          ),
          { maxLength: 10 },
        ),
        entries => {
          const annotations = Object.fromEntries(entries) as Record<
            string,
            string
          >;
          const inputSize = JSON.stringify(annotations).length;
          const output = JSON.stringify(
            assessEntity({ entity: component(annotations), now: NOW }),
          ).length;
          // A fixed report plus a bounded amount per annotation key.
          expect(output).toBeLessThan(80_000 + 4_000 * entries.length);
          expect(output).toBeLessThan(80_000 + 2 * inputSize + 40_000);
        },
      ),
      { numRuns: 150 },
    );
  });
});
