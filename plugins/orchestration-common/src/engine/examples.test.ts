import * as examples from '../__fixtures__/examples';
import { assessEntity } from './assess';
import { Assessment } from './types';
import contentApi from '../__fixtures__/expected/contentApi.json';
import gpuRendering from '../__fixtures__/expected/gpuRendering.json';
import kafka from '../__fixtures__/expected/kafka.json';
import hybridMigration from '../__fixtures__/expected/hybridMigration.json';
import legacyOnKops from '../__fixtures__/expected/legacyOnKops.json';
import noWorkloadType from '../__fixtures__/expected/noWorkloadType.json';

/**
 * The worked examples of the contract, each with its complete expected
 * assessment at 2026-11-28T00:00:00Z. The headline of each is also asserted
 * here so that a reader sees what the example is meant to show.
 */
describe('worked examples', () => {
  it.each([
    [
      'content API on Fargate, Kubernetes avoided',
      examples.contentApi,
      contentApi,
    ],
    ['GPU rendering jobs on EKS', examples.gpuRendering, gpuRendering],
    ['Kafka as a stateful workload on Kubernetes', examples.kafka, kafka],
    [
      'hybrid data-centre migration on Kubernetes',
      examples.hybridMigration,
      hybridMigration,
    ],
    ['old self-managed kops cluster', examples.legacyOnKops, legacyOnKops],
    [
      'misspelt workload-type: not enough information',
      examples.noWorkloadType,
      noWorkloadType,
    ],
  ])('%s', (_name, input, expected) => {
    expect(assessEntity(input)).toEqual(expected as unknown as Assessment);
  });

  const headline = (a: Assessment) => ({
    platform: a.recommendation.platform,
    status: a.recommendation.status,
    nearTies: a.recommendation.nearTies,
    fits: Object.fromEntries(
      a.platforms.map(p => [p.id, `${p.fit} ${p.verdict}`]),
    ),
    warnings: a.warnings.map(w => w.rule),
    migration: a.migration && {
      from: a.migration.from,
      to: a.migration.to,
      effort: a.migration.effort,
    },
    obligations: Object.fromEntries(
      a.obligations.map(o => [
        o.id,
        `${o.status}${o.hypothetical ? ' (hypothetical)' : ''}`,
      ]),
    ),
  });

  it('content API: ecs-fargate, with Kubernetes avoided', () => {
    expect(headline(assessEntity(examples.contentApi))).toEqual({
      platform: 'ecs-fargate',
      status: 'recommended',
      nearTies: [],
      fits: {
        'ecs-fargate': '95 recommended',
        'ecs-ec2': '85 good',
        eks: '25 poor',
        'self-managed-kubernetes': '10 poor',
      },
      warnings: ['AVOID-K8S-NO-TEAM', 'AVOID-K8S-SIMPLE'],
      migration: null,
      obligations: {
        'kubernetes-upgrades': 'not-applicable (hypothetical)',
        'etcd-backups': 'not-applicable (hypothetical)',
        'certificate-rotation': 'not-applicable (hypothetical)',
        'cni-ip-capacity': 'not-applicable (hypothetical)',
        'control-plane-monitoring': 'not-applicable (hypothetical)',
      },
    });
  });

  it('GPU rendering: eks, Fargate blocked, EKS calendar in extended support', () => {
    expect(headline(assessEntity(examples.gpuRendering))).toEqual({
      platform: 'eks',
      status: 'recommended',
      nearTies: [],
      fits: {
        'ecs-fargate': '64 blocked',
        'ecs-ec2': '64 possible',
        eks: '85 recommended',
        'self-managed-kubernetes': '65 good',
      },
      warnings: [],
      migration: null,
      obligations: {
        'kubernetes-upgrades': 'warning',
        'etcd-backups': 'not-applicable',
        'certificate-rotation': 'not-applicable',
        'cni-ip-capacity': 'ok',
        'control-plane-monitoring': 'warning',
      },
    });
  });

  it('hybrid migration: EKS (Hybrid Nodes), with self-managed defensible for the data-centre side', () => {
    const result = headline(assessEntity(examples.hybridMigration));
    expect([result.platform, result.fits['self-managed-kubernetes']]).toEqual([
      'eks',
      '80 good',
    ]);
  });

  it('kops cluster: upgrades critical, etcd ok, certificates at risk; move off Kubernetes', () => {
    const result = headline(assessEntity(examples.legacyOnKops));
    expect([result.obligations, result.migration, result.warnings]).toEqual([
      {
        'kubernetes-upgrades': 'critical',
        'etcd-backups': 'ok',
        'certificate-rotation': 'warning',
        'cni-ip-capacity': 'warning',
        'control-plane-monitoring': 'warning',
      },
      { from: 'self-managed-kubernetes', to: 'ecs-fargate', effort: 'medium' },
      ['AVOID-K8S-NO-NEED', 'AVOID-K8S-SIMPLE'],
    ]);
  });
});
