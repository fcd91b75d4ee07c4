import { Entity } from '@backstage/catalog-model';
import { validateEntityAnnotations } from './validateEntity';

function entity(
  kind: string,
  annotations: unknown,
  extra: { namespace?: string; spec?: Entity['spec'] } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: 'thing',
      namespace: extra.namespace,
      annotations: annotations as Record<string, string>,
    },
    spec: extra.spec ?? {},
  };
}

const NOT_A_MAP =
  'so no annotation is read; annotations must be a map of key: "value", e.g. orchestration.io/workload-type: "api" (no leading dash)';

describe('validateEntityAnnotations', () => {
  it('flags Orchestration annotations on kinds that do not read them', () => {
    expect(
      validateEntityAnnotations(
        entity(
          'Resource',
          { 'orchestration.io/cni': 'calico' },
          { spec: { type: 's3-bucket' } },
        ),
      ),
    ).toEqual([
      {
        severity: 'warning',
        code: 'misplaced-key',
        key: 'orchestration.io/cni',
        message:
          'orchestration.io/cni is read only on Resources with spec.type kubernetes-cluster; set spec.type: kubernetes-cluster or remove it',
      },
    ]);
  });

  it.each([
    [
      'a YAML list on a Component',
      'Component',
      ['orchestration.io/workload-type: api'],
      { message: `metadata.annotations is a list, ${NOT_A_MAP}` },
    ],
    [
      'a YAML list on a Group',
      'Group',
      [{ 'orchestration.io/platform-team': 'true' }],
      { message: `metadata.annotations is a list, ${NOT_A_MAP}` },
    ],
    [
      'a string on a Resource',
      'Resource',
      'orchestration.io/cni=calico',
      {
        value: 'orchestration.io/cni=calico',
        message: `metadata.annotations is a string, ${NOT_A_MAP}`,
      },
    ],
    [
      'a number on a System',
      'System',
      42,
      {
        value: '42',
        message: `metadata.annotations is a number, ${NOT_A_MAP}`,
      },
    ],
  ])(
    'reports annotations written as %s',
    (_name, kind, annotations, problem) => {
      expect(validateEntityAnnotations(entity(kind, annotations))).toEqual([
        {
          severity: 'error',
          code: 'invalid-value',
          key: 'metadata.annotations',
          ...problem,
        },
      ]);
    },
  );

  it.each([
    [undefined, 'resource:default/prod-cluster'],
    ['payments', 'resource:payments/prod-cluster'],
  ])(
    'reads a cluster reference in the namespace %j of the Component',
    (namespace, example) => {
      expect(
        validateEntityAnnotations(
          entity(
            'Component',
            {
              'orchestration.io/workload-type': 'api',
              'orchestration.io/cluster': 'component:pay-eks',
            },
            { namespace },
          ),
        ),
      ).toEqual([
        {
          severity: 'error',
          code: 'invalid-value',
          key: 'orchestration.io/cluster',
          value: 'component:pay-eks',
          message: `orchestration.io/cluster: "component:pay-eks" refers to a component; a cluster is a Resource, write e.g. ${example}`,
        },
      ]);
    },
  );

  it.each([
    ['no annotations', undefined],
    ['null annotations', null],
    ['an empty map', {}],
  ])('accepts %s', (_name, annotations) => {
    expect(validateEntityAnnotations(entity('Component', annotations))).toEqual(
      [],
    );
  });

  it('checks sizes against the Fargate limits passed in', () => {
    expect(
      validateEntityAnnotations(
        entity('Component', {
          'orchestration.io/workload-type': 'api',
          'orchestration.io/current-platform': 'ecs-fargate',
          'orchestration.io/resources': 'cpu=8',
        }),
        { maxVcpu: 4, maxMemoryGi: 30, maxEphemeralStorageGi: 200 },
      ),
    ).toEqual([
      {
        severity: 'error',
        code: 'contradiction',
        key: 'orchestration.io/resources',
        value: 'cpu=8',
        message:
          'orchestration.io/current-platform is ecs-fargate but one task exceeds the Fargate limits: cpu=8 (max 4); shrink the task or move to ecs-ec2',
      },
    ]);
  });
});
