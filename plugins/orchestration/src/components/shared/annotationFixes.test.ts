import { ValidationProblem } from '@orchestration/plugin-orchestration-common';
import { assess, noWorkloadType } from '../../__testUtils__/fixtures';
import {
  correctedAnnotations,
  misspeltKeys,
  otherProblems,
  splitMissingInputs,
  workloadTypeState,
} from './annotationFixes';

function unknownKey(key: string, suggestion?: string): ValidationProblem {
  return {
    severity: 'error',
    code: 'unknown-key',
    key,
    message: `unknown annotation ${key}`,
    ...(suggestion ? { suggestion } : {}),
  };
}

const component = (annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:default/a' },
});

describe('misspeltKeys', () => {
  it('takes the values from the annotations and flags a key meant that is written as well', () => {
    const annotations = {
      'orchestration.io/workload-typ': 'api',
      'orchestration.io/portabilty': 'aws-only',
      'orchestration.io/portability': 'multi-cloud',
      'orchestration.io/workload-tpye': 'batch',
    };
    expect(
      misspeltKeys(
        [
          unknownKey(
            'orchestration.io/workload-typ',
            'orchestration.io/workload-type',
          ),
          unknownKey(
            'orchestration.io/portabilty',
            'orchestration.io/portability',
          ),
          unknownKey(
            'orchestration.io/workload-tpye',
            'orchestration.io/workload-type',
          ),
          unknownKey('orchestration.io/zzz'),
          // A cluster key is no fix on a Component.
          unknownKey('orchestration.io/cnii', 'orchestration.io/cni'),
        ],
        annotations,
      ),
    ).toEqual([
      {
        written: 'orchestration.io/workload-typ',
        key: 'orchestration.io/workload-type',
        value: 'api',
        duplicate: false,
      },
      {
        written: 'orchestration.io/portabilty',
        key: 'orchestration.io/portability',
        value: 'aws-only',
        duplicate: true,
      },
      {
        written: 'orchestration.io/workload-tpye',
        key: 'orchestration.io/workload-type',
        value: 'batch',
        duplicate: true,
      },
    ]);
  });
});

describe('correctedAnnotations', () => {
  it('renames misspelt keys in place, keeps the owner’s values and other keys, and leaves out what it cannot place', () => {
    const annotations = {
      'backstage.io/techdocs-ref': 'dir:.',
      'orchestration.io/workload-typ': 'web-servce',
      'orchestration.io/portability': 'aws-only',
      'orchestration.io/portabilty': 'hybrid',
      'orchestration.io/zzz': '1',
    };
    const misspelt = misspeltKeys(
      [
        unknownKey(
          'orchestration.io/workload-typ',
          'orchestration.io/workload-type',
        ),
        unknownKey(
          'orchestration.io/portabilty',
          'orchestration.io/portability',
        ),
        unknownKey('orchestration.io/zzz'),
      ],
      annotations,
    );
    const result = correctedAnnotations(annotations, misspelt);
    expect(Object.entries(result.annotations)).toEqual([
      ['orchestration.io/workload-type', 'web-servce'],
      ['orchestration.io/portability', 'aws-only'],
    ]);
    expect(result.left).toEqual([
      'orchestration.io/portabilty',
      'orchestration.io/zzz',
    ]);
  });
});

describe('workloadTypeState and splitMissingInputs', () => {
  it('tells a misspelt key from a missing one and never asks to add it', () => {
    const assessment = assess(
      component({
        'orchestration.io/workload-typ': 'api',
        'orchestration.io/portability': 'aws-olny',
      }),
    );
    expect(workloadTypeState(assessment)).toEqual({
      state: 'misspelt',
      written: 'orchestration.io/workload-typ',
    });
    const { toAdd, toFix } = splitMissingInputs(assessment);
    expect(toFix.map(m => m.key)).toEqual([
      'orchestration.io/workload-type',
      'orchestration.io/portability',
    ]);
    expect(toAdd.map(m => m.key)).not.toContain(
      'orchestration.io/workload-type',
    );
    // Neither the misspelling nor "missing" is left for the problem list.
    expect(otherProblems(assessment.validation).map(p => p.code)).toEqual([
      'unknown-value',
    ]);
  });

  it('says when the workload type is missing or unreadable', () => {
    expect(workloadTypeState(assess(noWorkloadType)).state).toBe('missing');
    const invalid = workloadTypeState(
      assess(component({ 'orchestration.io/workload-type': 'web-servce' })),
    );
    expect(invalid.state).toBe('invalid');
    expect(invalid.state === 'invalid' && invalid.problem.message).toContain(
      'did you mean "web-service"?',
    );
    expect(
      workloadTypeState(
        assess(component({ 'orchestration.io/workload-type': 'api' })),
      ),
    ).toEqual({ state: 'ok' });
  });
});
