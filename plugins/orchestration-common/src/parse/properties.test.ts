import fc from 'fast-check';
import {
  ALL_ANNOTATION_KEYS,
  COMPONENT_ANNOTATION_KEYS,
  SCHEDULING_NEEDS,
} from '../annotations';
import { parseClusterAnnotations } from './cluster';
import { parseComponentAnnotations } from './component';
import { parseGroupAnnotations } from './group';
import { parseResources } from './resources';
import { MAX_MESSAGE_LENGTH } from './text';

/**
 * Problems beyond one per key: a hint beside the error of a list or of the
 * resources, the cross-key checks and the missing workload type.
 */
const EXTRA_PROBLEMS = 12;
const BYTES_PER_KEY = 2000;

const key = fc.oneof(
  fc.constantFrom(...ALL_ANNOTATION_KEYS),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
  fc.string({ maxLength: 30 }).map(s => `orchestration.io/${s}`),
  fc.string({ maxLength: 30 }),
);

const listText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...SCHEDULING_NEEDS, 'gpuu', 'taint', '', ' '),
      fc.string({ maxLength: 20 }),
    ),
    { maxLength: 600 },
  )
  .map(items => items.join(','));

const resourcesText = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'cpu',
        'memory',
        'storage',
        'volume',
        'gpu',
        'privileged',
        'memroy',
        'CPU',
      ),
      fc.oneof(
        fc.constantFrom(
          '2',
          '500m',
          '4Gi',
          '200GB',
          '8g',
          '1.5G',
          'banana',
          'true',
          '-1',
          '512m',
          '',
        ),
        fc.string({ maxLength: 10 }),
      ),
    ),
    { maxLength: 50 },
  )
  .map(pairs => pairs.map(([k, v]) => `${k}=${v}`).join(','));

const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ minLength: 4000, maxLength: 20000 }),
  listText,
  resourcesText,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })),
  fc.date(),
);

const annotationMaps = fc
  .array(fc.tuple(key, value), { maxLength: 25 })
  .map(entries => {
    // defineProperty makes __proto__ an own key, as JSON.parse would.
    const annotations: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      Object.defineProperty(annotations, k, {
        value: v,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
    return annotations;
  });

const parsers = [
  ['parseComponentAnnotations', parseComponentAnnotations],
  ['parseClusterAnnotations', parseClusterAnnotations],
  ['parseGroupAnnotations', parseGroupAnnotations],
] as const;

describe('annotation parser properties', () => {
  it.each(parsers)(
    '%s never throws and reports a bounded number of small problems',
    (_name, parse) => {
      fc.assert(
        fc.property(annotationMaps, annotations => {
          const keys = Object.keys(annotations).length;
          const { problems } = parse(annotations);
          expect(problems.length).toBeLessThanOrEqual(keys + EXTRA_PROBLEMS);
          expect(JSON.stringify(problems).length).toBeLessThanOrEqual(
            BYTES_PER_KEY * (keys + EXTRA_PROBLEMS),
          );
          for (const problem of problems) {
            expect(problem.message.length).toBeLessThanOrEqual(
              MAX_MESSAGE_LENGTH,
            );
            expect((problem.value ?? '').length).toBeLessThanOrEqual(150);
          }
        }),
        { numRuns: 150 },
      );
    },
  );

  it('reports at most one problem of each severity per key', () => {
    fc.assert(
      fc.property(annotationMaps, annotations => {
        const { problems } = parseComponentAnnotations(annotations);
        const seen = new Set<string>();
        for (const problem of problems) {
          if (problem.code === 'contradiction') continue;
          const id = `${problem.key} ${problem.severity}`;
          expect(seen.has(id)).toBe(false);
          seen.add(id);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('computes nothing from a value that is not text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPONENT_ANNOTATION_KEYS),
        fc.oneof(fc.double(), fc.integer(), fc.boolean(), fc.date()),
        (k, raw) => {
          const { facts, problems } = parseComponentAnnotations({ [k]: raw });
          expect(facts).toEqual({
            scheduling: [],
            ecosystem: [],
            awsIntegrations: [],
          });
          expect(problems).toContainEqual(
            expect.objectContaining({ key: k, code: 'invalid-value' }),
          );
        },
      ),
    );
  });

  it('leaves the size unknown whenever a sub-key has an error', () => {
    fc.assert(
      fc.property(resourcesText, text => {
        const result = parseResources(text);
        const hasError = result.problems.some(p => p.severity === 'error');
        const sizes = Object.values(result.value ?? {}).filter(
          (size): size is number => typeof size === 'number',
        );
        expect(hasError && result.value !== undefined).toBe(false);
        expect(sizes.every(size => Number.isFinite(size) && size >= 0)).toBe(
          true,
        );
      }),
      { numRuns: 300 },
    );
  });
});
