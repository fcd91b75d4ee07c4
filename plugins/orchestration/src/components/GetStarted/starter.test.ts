import { Entity } from '@backstage/catalog-model';
import {
  assessEntity,
  parseComponentAnnotations,
} from '@orchestration/plugin-orchestration-common';
import { parse } from 'yaml';
import { notAnnotated } from '../../__testUtils__/fixtures';
import {
  starterAnnotations,
  starterLines,
  StarterPeers,
  starterYaml,
} from './starter';

function component(
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace, annotations },
    spec: { lifecycle: 'production', owner: 'group:default/commerce', ...spec },
  };
}

/** The annotations the catalog would read from the block. */
function readBlock(text: string): Record<string, string> {
  const document = parse(text);
  return document.metadata.annotations ?? {};
}

/** Every line of the block uncommented. */
function uncommented(text: string): string {
  return text.replace(/^ {4}# (orchestration\.io\/)/gm, '    $1');
}

function expectParsed(annotations: Record<string, string>, namespace?: string) {
  const { problems } = parseComponentAnnotations(annotations, { namespace });
  expect(problems).toEqual([]);
}

describe('starter annotations', () => {
  it('take the workload type from spec.type', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'website' }, 'web-service'],
      [{ type: 'service' }, 'web-service'],
      [{ type: 'service', providesApis: ['cart-api'] }, 'api'],
      [{ type: 'batch' }, 'batch'],
      [{ type: 'Worker' }, 'worker'],
      [{ type: 'database' }, 'stateful'],
      [{ type: 'library' }, 'web-service'],
    ];
    for (const [spec, expected] of cases) {
      const lines = starterLines(component('x', spec));
      expect(starterAnnotations(lines)['orchestration.io/workload-type']).toBe(
        expected,
      );
    }
    const guessed = starterLines(component('x', { type: 'library' }));
    expect(guessed[0].source).toMatch(/^a guess/);
    expect(starterYaml(guessed)).toContain(
      "    orchestration.io/workload-type: 'web-service' # a guess, check it\n",
    );
  });

  it('keep lines short enough to read without wrapping', () => {
    const text = starterYaml(
      starterLines(
        component(
          'k',
          { type: 'library' },
          { 'backstage.io/kubernetes-id': 'k' },
        ),
      ),
    );
    for (const line of text.split('\n')) {
      expect(line.length).toBeLessThanOrEqual(80);
    }
  });

  it('read, as the catalog would, into annotations the parser accepts without a problem', () => {
    const text = starterYaml(starterLines(notAnnotated));
    expect(text).toMatch(/^metadata:\n {2}annotations:\n/);
    const annotations = readBlock(text);
    expect(annotations).toEqual({
      'orchestration.io/workload-type': 'web-service',
    });
    expectParsed(annotations);
  });

  it('still pass the parser with every example line uncommented', () => {
    const text = uncommented(starterYaml(starterLines(notAnnotated)));
    const annotations = readBlock(text);
    expect(Object.keys(annotations)).toHaveLength(8);
    expect(annotations['orchestration.io/cluster']).toBeUndefined();
    expectParsed(annotations);
  });

  it('give a recommendation once pasted', () => {
    const entity = component('cart', { type: 'service', providesApis: ['a'] });
    const annotations = readBlock(starterYaml(starterLines(entity)));
    const assessment = assessEntity({
      entity: { ...entity, metadata: { ...entity.metadata, annotations } },
      owner: { entityRef: 'group:default/commerce', memberCount: 4 },
      platformTeams: [],
      now: '2026-11-28T00:00:00Z',
    });
    expect(assessment.recommendation.platform).not.toBeNull();
  });

  it('take portability, platform and cluster from the annotated services of its System', () => {
    const peers: StarterPeers = {
      by: 'system',
      ref: 'system:default/commerce',
      entities: [
        component(
          'a',
          { type: 'service' },
          {
            'orchestration.io/workload-type': 'api',
            'orchestration.io/portability': 'multi-cloud',
            'orchestration.io/current-platform': 'self-managed-kubernetes',
            'orchestration.io/cluster': 'prod-kops',
          },
        ),
        component(
          'b',
          { type: 'service' },
          {
            'orchestration.io/workload-type': 'worker',
            'orchestration.io/portability': 'multi-cloud',
            'orchestration.io/current-platform': 'self-managed-kubernetes',
            'orchestration.io/cluster': 'resource:default/prod-kops',
          },
        ),
        component(
          'c',
          { type: 'service' },
          {
            'orchestration.io/workload-type': 'api',
            'orchestration.io/portability': 'aws-only',
            'orchestration.io/current-platform': 'ecs-fargate',
          },
        ),
        notAnnotated,
      ],
    };
    const lines = starterLines(component('d', { type: 'website' }), peers);
    const text = starterYaml(lines);
    const annotations = readBlock(text);
    expect(annotations).toEqual({
      'orchestration.io/workload-type': 'web-service',
      'orchestration.io/portability': 'multi-cloud',
      'orchestration.io/current-platform': 'self-managed-kubernetes',
      'orchestration.io/cluster': 'prod-kops',
    });
    expect(text).toContain("    orchestration.io/portability: 'multi-cloud'\n");
    expect(
      lines.find(l => l.key === 'orchestration.io/portability')?.source,
    ).toBe('as 2 of 3 annotated services of system commerce');
    expectParsed(annotations);
    expectParsed(readBlock(uncommented(text)));
  });

  it('write a cluster in another namespace in full', () => {
    const peers: StarterPeers = {
      by: 'owner',
      ref: 'group:payments/pay-team',
      entities: [
        component(
          'a',
          { type: 'service' },
          {
            'orchestration.io/workload-type': 'api',
            'orchestration.io/current-platform': 'eks',
            'orchestration.io/cluster': 'pay-eks',
          },
          'payments',
        ),
      ],
    };
    const entity = component('b', { type: 'service' });
    const lines = starterLines(entity, peers);
    const annotations = readBlock(starterYaml(lines));
    expect(annotations['orchestration.io/cluster']).toBe(
      'resource:payments/pay-eks',
    );
    expect(lines.find(l => l.key === 'orchestration.io/cluster')?.source).toBe(
      'as 1 of 1 annotated service owned by payments/pay-team',
    );
    expect(
      parseComponentAnnotations(annotations, { namespace: 'default' }).facts
        .cluster,
    ).toBe('resource:payments/pay-eks');
  });

  it('say that a service with a Kubernetes plugin annotation runs on Kubernetes', () => {
    const entity = component(
      'k',
      { type: 'service' },
      { 'backstage.io/kubernetes-id': 'k' },
    );
    const lines = starterLines(entity);
    const text = starterYaml(lines);
    expect(text).toContain("    # orchestration.io/current-platform: 'eks'\n");
    expect(
      lines.find(l => l.key === 'orchestration.io/current-platform')?.source,
    ).toBe(
      'it runs on Kubernetes (backstage.io/kubernetes-id): eks or self-managed-kubernetes',
    );
    const annotations = readBlock(uncommented(text));
    expect(annotations['orchestration.io/cluster']).toBe('prod-cluster');
    expectParsed(annotations);
  });

  it('quote values so YAML keeps them strings', () => {
    const text = uncommented(starterYaml(starterLines(notAnnotated)));
    expect(readBlock(text)['orchestration.io/replicas']).toBe('2');
  });
});
