import { Entity } from '@backstage/catalog-model';
import { PlatformId } from '../annotations';
import { assessEntity } from './assess';
import { AssessEntityInput, Assessment, PlatformVerdict } from './types';

/**
 * Worked cases of the second edition of the rules: each states the whole
 * headline a platform engineer would read (recommended platform, verdict of
 * every platform, confidence, warnings, migration), so a change to any rule
 * shows up here as a change of advice.
 */

const NOW = '2026-11-28T00:00:00Z';
const A = 'orchestration.io/';

function component(
  annotations: Record<string, unknown>,
  namespace?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'svc',
      ...(namespace ? { namespace } : {}),
      annotations: Object.fromEntries(
        Object.entries(annotations).map(([key, value]) => [
          `${A}${key}`,
          value,
        ]),
      ) as Record<string, string>,
    },
    spec: { type: 'service', owner: 'group:default/team' },
  };
}

function cluster(
  name: string,
  annotations: Record<string, unknown>,
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace,
      annotations: Object.fromEntries(
        Object.entries(annotations).map(([key, value]) => [
          `${A}${key}`,
          value,
        ]),
      ) as Record<string, string>,
    },
    spec: { type: 'kubernetes-cluster' },
  };
}

type Team = Pick<AssessEntityInput, 'owner' | 'platformTeams'>;
const THREE_NO_PLATFORM: Team = {
  owner: { entityRef: 'group:default/team', memberCount: 3 },
  platformTeams: [],
};
const WITH_PLATFORM: Team = {
  owner: { entityRef: 'group:default/team', memberCount: 6 },
  platformTeams: ['group:default/platform'],
};

interface Headline {
  platform: PlatformId | null;
  verdicts: [
    PlatformVerdict,
    PlatformVerdict,
    PlatformVerdict,
    PlatformVerdict,
  ];
  confidence: Assessment['recommendation']['confidence'];
  warnings: string[];
  migration: string | null;
}

function headline(assessment: Assessment): Headline {
  return {
    platform: assessment.recommendation.platform,
    verdicts: assessment.platforms.map(p => p.verdict) as Headline['verdicts'],
    confidence: assessment.recommendation.confidence,
    warnings: assessment.warnings.map(w => w.rule),
    migration: assessment.migration
      ? `${assessment.migration.from} -> ${assessment.migration.to} (${assessment.migration.effort})`
      : null,
  };
}

function reasonsOf(assessment: Assessment, platform: PlatformId) {
  return assessment.platforms.find(p => p.id === platform)!.reasons;
}

const prodKops = cluster('prod-kops', {
  'control-plane': 'self-managed',
  provisioner: 'kops',
  'kubernetes-version': '1.30.6',
  'oldest-node-version': '1.28',
  'etcd-members': '2',
  'etcd-backup-interval': '15m',
  'etcd-last-backup': '2026-11-27T23:50:00Z',
  'cert-expiry': '2026-12-15',
  'cert-rotation': 'manual',
  'last-upgrade': '2025-06-02',
  cni: 'calico',
  'pod-ip-capacity': '1000/4096',
  'control-plane-monitoring': 'apiserver-latency,etcd-disk',
});

// The per-case checks hold expectations; they run inside the it.each test below.
/* eslint-disable jest/no-standalone-expect */
interface Case {
  name: string;
  input: AssessEntityInput;
  expected: Headline;
  /** Further facts the case is about. */
  check?: (assessment: Assessment) => void;
}

const cases: Case[] = [
  {
    name: 'multi-cloud is a requirement: ECS is blocked however well it integrates with AWS',
    input: {
      entity: component({
        'workload-type': 'api',
        portability: 'multi-cloud',
        'aws-integrations': 'iam-task-role, alb, cloudwatch',
        resources: 'cpu=1,memory=2Gi',
      }),
      ...THREE_NO_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'eks',
      verdicts: ['blocked', 'blocked', 'recommended', 'possible'],
      confidence: 'high',
      warnings: ['AVOID-K8S-NO-TEAM'],
      migration: null,
    },
    check: a => {
      expect(reasonsOf(a, 'ecs-fargate')[0].rule).toBe('REQ-PORTABILITY');
      expect(reasonsOf(a, 'ecs-ec2')[0].alternatives?.map(o => o.id)).toEqual([
        'ecs-anywhere',
      ]);
    },
  },
  {
    name: '200GB is read as decimal with a warning, and only the secondary-sourced 32 vCPU sizes hold it: no Fargate points, a tie with EC2',
    input: {
      entity: component({
        'workload-type': 'api',
        portability: 'aws-only',
        resources: 'cpu=8,memory=200GB',
      }),
      ...THREE_NO_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'ecs-fargate',
      verdicts: ['recommended', 'good', 'poor', 'poor'],
      confidence: 'medium',
      warnings: ['AVOID-K8S-NO-TEAM', 'AVOID-K8S-SIMPLE'],
      migration: null,
    },
    check: a => {
      expect(a.recommendation.nearTies).toEqual(['ecs-ec2']);
      const fargate = reasonsOf(a, 'ecs-fargate').find(
        r => r.rule === 'ECS-FARGATE',
      )!;
      expect(fargate.points).toBe(0);
      expect(fargate.alternatives?.map(o => o.id)).toEqual([
        'fargate-large-tasks',
      ]);
      expect(a.validation.map(v => v.severity)).toEqual(['warning']);
    },
  },
  {
    name: 'a task larger than every Fargate size is blocked there',
    input: {
      entity: component({
        'workload-type': 'worker',
        portability: 'aws-only',
        resources: 'cpu=8,memory=300Gi',
      }),
      ...THREE_NO_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'ecs-ec2',
      verdicts: ['blocked', 'recommended', 'poor', 'poor'],
      confidence: 'high',
      warnings: ['AVOID-K8S-NO-TEAM', 'AVOID-K8S-SIMPLE'],
      migration: null,
    },
  },
  {
    name: 'a sub-key given twice makes the size unknown: no Fargate claim, and the size decides',
    input: {
      entity: component({
        'workload-type': 'api',
        portability: 'aws-only',
        resources: 'cpu=2,memory=4Gi,cpu=32',
      }),
      ...THREE_NO_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'ecs-fargate',
      verdicts: ['recommended', 'good', 'poor', 'poor'],
      confidence: 'low',
      warnings: ['AVOID-K8S-NO-TEAM', 'AVOID-K8S-SIMPLE'],
      migration: null,
    },
    check: a => {
      expect(a.missing.map(m => m.key)).toContain(`${A}resources`);
      expect(a.recommendation.decidingInputs).toEqual([
        {
          key: `${A}resources`,
          value: 'cpu=64,memory=488Gi',
          wouldRecommend: 'ecs-ec2',
        },
      ]);
      expect(a.platforms.every(p => p.cost === null)).toBe(true);
    },
  },
  {
    name: 'helm is tooling: it neither lifts EKS nor silences AVOID-K8S-NO-NEED',
    input: {
      entity: component({
        'workload-type': 'api',
        portability: 'aws-only',
        ecosystem: 'helm',
        resources: 'cpu=1,memory=2Gi',
        'current-platform': 'eks',
      }),
      ...THREE_NO_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'ecs-fargate',
      verdicts: ['recommended', 'good', 'poor', 'poor'],
      confidence: 'high',
      warnings: ['AVOID-K8S-NO-NEED', 'AVOID-K8S-NO-TEAM', 'AVOID-K8S-SIMPLE'],
      migration: 'eks -> ecs-fargate (large)',
    },
    check: a => {
      const tooling = reasonsOf(a, 'eks').find(r => r.rule === 'K8S-TOOLING')!;
      expect(tooling.points).toBe(0);
      expect(reasonsOf(a, 'eks').some(r => r.rule === 'K8S-ECOSYSTEM')).toBe(
        false,
      );
    },
  },
  {
    name: 'taints, preemption and topology spread: ECS is capped at possible and ranks after EKS, even with a team of three',
    input: {
      entity: component({
        'workload-type': 'batch',
        portability: 'aws-only',
        scheduling: 'taints, priority-preemption, topology-spread',
        resources: 'cpu=1,memory=2Gi',
      }),
      ...THREE_NO_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'eks',
      verdicts: ['possible', 'possible', 'recommended', 'poor'],
      confidence: 'high',
      warnings: ['AVOID-K8S-NO-TEAM'],
      migration: null,
    },
    check: a => {
      const gap = reasonsOf(a, 'ecs-fargate').find(
        r => r.rule === 'ECS-SCHEDULING-GAP',
      )!;
      expect(gap.points).toBe(0);
      expect(gap.explanation).toContain('priority classes with preemption');
      expect(a.platforms[0].fit).toBeLessThan(65);
    },
  },
  {
    name: 'no platform team counts once per platform',
    input: {
      entity: component({
        'workload-type': 'web-service',
        portability: 'aws-only',
        resources: 'cpu=1,memory=2Gi',
      }),
      ...THREE_NO_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'ecs-fargate',
      verdicts: ['recommended', 'good', 'poor', 'poor'],
      confidence: 'high',
      warnings: ['AVOID-K8S-NO-TEAM', 'AVOID-K8S-SIMPLE'],
      migration: null,
    },
    check: a => {
      for (const platform of a.platforms) {
        const counted = platform.reasons.filter(
          r =>
            r.points !== 0 &&
            r.evidence.some(e => e.key === 'catalog:platform-team'),
        );
        expect(counted.length).toBeLessThanOrEqual(1);
      }
    },
  },
  {
    name: 'hybrid with a platform team: EKS with Hybrid Nodes leads, self-managed stays a good option, ECS Anywhere is named',
    input: {
      entity: component({
        'workload-type': 'web-service',
        portability: 'hybrid',
        resources: 'cpu=2,memory=4Gi',
      }),
      ...WITH_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'eks',
      verdicts: ['possible', 'possible', 'recommended', 'good'],
      confidence: 'high',
      warnings: [],
      migration: null,
    },
    check: a => {
      const alternatives = a.platforms.map(p =>
        p.reasons.flatMap(r => r.alternatives?.map(o => o.id) ?? []),
      );
      expect(alternatives[1]).toContain('ecs-anywhere');
      expect(alternatives[2]).toContain('eks-hybrid-nodes');
    },
  },
  {
    name: 'a stateful workload without a platform team is told about managed data services',
    input: {
      entity: component({
        'workload-type': 'stateful',
        portability: 'aws-only',
        resources: 'cpu=2,memory=8Gi,volume=100Gi',
        replicas: '3',
      }),
      ...THREE_NO_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'ecs-fargate',
      verdicts: ['recommended', 'possible', 'possible', 'poor'],
      confidence: 'medium',
      warnings: ['AVOID-K8S-NO-TEAM', 'STATEFUL-MANAGED-DATA'],
      migration: null,
    },
    check: a => {
      expect(
        reasonsOf(a, 'ecs-fargate')
          .find(r => r.rule === 'K8S-STATEFUL')!
          .alternatives?.map(o => o.id),
      ).toEqual(['ecs-managed-ebs']);
      expect(
        a.platforms[0].cost!.lines.some(line => /EBS|volume/i.test(line.item)),
      ).toBe(true);
    },
  },
  {
    name: 'a service mesh alone costs ECS nothing: Service Connect is named',
    input: {
      entity: component({
        'workload-type': 'api',
        portability: 'aws-only',
        ecosystem: 'service-mesh',
        resources: 'cpu=1,memory=2Gi',
      }),
      ...THREE_NO_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'ecs-fargate',
      verdicts: ['recommended', 'good', 'possible', 'poor'],
      confidence: 'high',
      warnings: ['AVOID-K8S-NO-TEAM'],
      migration: null,
    },
    check: a => {
      const mesh = reasonsOf(a, 'ecs-fargate').find(
        r => r.rule === 'K8S-ECOSYSTEM',
      )!;
      expect(mesh.points).toBe(0);
      expect(mesh.alternatives?.map(o => o.id)).toEqual([
        'ecs-service-connect',
      ]);
    },
  },
  {
    name: 'a missing portability that could change the answer makes the confidence low',
    input: {
      entity: component({
        'workload-type': 'api',
        resources: 'cpu=1,memory=2Gi',
      }),
      ...THREE_NO_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'ecs-fargate',
      verdicts: ['recommended', 'good', 'poor', 'poor'],
      confidence: 'low',
      warnings: ['AVOID-K8S-NO-TEAM', 'AVOID-K8S-SIMPLE'],
      migration: null,
    },
    check: a => {
      expect(a.recommendation.decidingInputs).toEqual([
        { key: `${A}portability`, value: 'multi-cloud', wouldRecommend: 'eks' },
        { key: `${A}portability`, value: 'hybrid', wouldRecommend: 'eks' },
      ]);
    },
  },
  {
    name: 'a missing current-platform never lowers the confidence',
    input: {
      entity: component({
        'workload-type': 'api',
        portability: 'aws-only',
        resources: 'cpu=1,memory=2Gi',
        replicas: '2',
      }),
      ...THREE_NO_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'ecs-fargate',
      verdicts: ['recommended', 'good', 'poor', 'poor'],
      confidence: 'high',
      warnings: ['AVOID-K8S-NO-TEAM', 'AVOID-K8S-SIMPLE'],
      migration: null,
    },
  },
  {
    name: 'GPU jobs with taints and preemption on ECS on EC2, with a platform team: move to EKS, a medium effort since the platform team runs the clusters',
    input: {
      entity: component({
        'workload-type': 'batch',
        portability: 'aws-only',
        scheduling: 'gpu, node-affinity, taints, priority-preemption',
        resources: 'cpu=4,memory=16Gi,gpu=1',
        'current-platform': 'ecs-ec2',
      }),
      ...WITH_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'eks',
      verdicts: ['blocked', 'possible', 'recommended', 'good'],
      confidence: 'high',
      warnings: [],
      migration: 'ecs-ec2 -> eks (medium)',
    },
    check: a => {
      expect(a.migration!.steps.length).toBeGreaterThanOrEqual(3);
      expect(
        reasonsOf(a, 'ecs-fargate')
          .find(r => r.rule === 'FARGATE-NO-GPU')!
          .alternatives?.map(o => o.id),
      ).toEqual(['ecs-managed-instances']);
    },
  },
  {
    name: 'a small lead over the current platform is no reason to migrate',
    input: {
      entity: component({
        'workload-type': 'api',
        portability: 'aws-only',
        resources: 'cpu=1,memory=2Gi',
        'current-platform': 'ecs-ec2',
      }),
      ...THREE_NO_PLATFORM,
      now: NOW,
    },
    expected: {
      platform: 'ecs-fargate',
      verdicts: ['recommended', 'good', 'poor', 'poor'],
      confidence: 'high',
      warnings: ['AVOID-K8S-NO-TEAM', 'AVOID-K8S-SIMPLE'],
      migration: null,
    },
  },
  {
    name: 'a relative cluster ref resolves in the Component namespace; a 2-member etcd is critical; kops gets kops remedies',
    input: {
      entity: component(
        {
          'workload-type': 'web-service',
          portability: 'aws-only',
          resources: 'cpu=1,memory=2Gi',
          'current-platform': 'self-managed-kubernetes',
          cluster: 'prod-kops',
        },
        'payments',
      ),
      ...WITH_PLATFORM,
      cluster: cluster(
        'prod-kops',
        Object.fromEntries(
          Object.entries(prodKops.metadata.annotations!).map(([k, v]) => [
            k.slice(A.length),
            v,
          ]),
        ),
        'payments',
      ),
      now: NOW,
    },
    expected: {
      platform: 'ecs-fargate',
      verdicts: ['recommended', 'good', 'poor', 'poor'],
      confidence: 'high',
      warnings: ['AVOID-K8S-NO-NEED', 'AVOID-K8S-SIMPLE'],
      migration: 'self-managed-kubernetes -> ecs-fargate (medium)',
    },
    check: a => {
      const etcd = a.obligations.find(o => o.id === 'etcd-backups')!;
      expect(etcd.status).toBe('critical');
      expect(etcd.actions.join(' ')).toMatch(/\b3\b/);
      const upgrades = a.obligations.find(o => o.id === 'kubernetes-upgrades')!;
      expect(upgrades.actions.join(' ')).toContain('kops');
      expect(upgrades.actions.join(' ')).not.toContain('kubeadm');
      expect(a.warnings.map(w => w.rule)).not.toContain('CLUSTER-NOT-FOUND');
    },
  },
];

/* eslint-enable jest/no-standalone-expect */

describe('worked cases of the second edition', () => {
  it.each(cases.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const assessment = assessEntity(c.input);
    expect(headline(assessment)).toEqual(c.expected);
    c.check?.(assessment);
  });
});

describe('inputs the engine refuses to guess from', () => {
  it('an unquoted 1.30 (the number 1.3) computes nothing and says to quote it', () => {
    const assessment = assessEntity({
      entity: component({
        'workload-type': 'api',
        'current-platform': 'self-managed-kubernetes',
        cluster: 'old',
      }),
      ...WITH_PLATFORM,
      cluster: cluster('old', {
        'control-plane': 'self-managed',
        'kubernetes-version': 1.3,
      }),
      now: NOW,
    });
    const upgrades = assessment.obligations.find(
      o => o.id === 'kubernetes-upgrades',
    )!;
    expect(upgrades.status).toBe('unknown');
    expect(upgrades.summary).not.toContain('1.3 ');
    const problem = assessment.validation.find(
      v => v.key === `${A}kubernetes-version`,
    )!;
    expect(problem.severity).toBe('error');
    expect(problem.message).toContain('quote');
  });

  it('an EKS version older than every known release is critical', () => {
    const assessment = assessEntity({
      entity: component({
        'workload-type': 'api',
        'current-platform': 'eks',
        cluster: 'old-eks',
      }),
      ...WITH_PLATFORM,
      cluster: cluster('old-eks', {
        'control-plane': 'eks',
        'kubernetes-version': '1.23',
      }),
      now: NOW,
    });
    expect(
      assessment.obligations.find(o => o.id === 'kubernetes-upgrades')!.status,
    ).toBe('critical');
  });

  it('takes a fresh now from a Date that the caller mutates and reuses', () => {
    const now = new Date('2026-11-28T00:00:00Z');
    const input = (when: Date): AssessEntityInput => ({
      entity: component({ 'workload-type': 'api' }),
      now: when,
    });
    expect(assessEntity(input(now)).assessedAt).toBe(
      '2026-11-28T00:00:00.000Z',
    );
    now.setUTCFullYear(2027);
    expect(assessEntity(input(now)).assessedAt).toBe(
      '2027-11-28T00:00:00.000Z',
    );
  });

  it('never shares nested arrays between two results', () => {
    const input = (): AssessEntityInput => ({
      entity: component({
        'workload-type': 'api',
        'current-platform': 'self-managed-kubernetes',
        cluster: 'prod-kops',
      }),
      ...WITH_PLATFORM,
      cluster: prodKops,
      now: NOW,
    });
    const first = assessEntity(input());
    const second = assessEntity(input());
    first.obligations[0].actions.push('mutated');
    first.obligations[0].evidence.push({ key: 'x', value: 'y' });
    first.platforms[0].reasons[0]?.evidence.push({ key: 'x', value: 'y' });
    expect(second).toEqual(assessEntity(input()));
  });

  it.each([
    ['30 KB', 30 * 1024],
    ['1 MB', 1024 * 1024],
  ])(
    'keeps the output small for a junk list of %s in one annotation',
    (_size, length) => {
      const junk = Array.from(
        { length: Math.ceil(length / 8) },
        (_, i) => `junk${i}`,
      )
        .join(',')
        .slice(0, length);
      const assessment = assessEntity({
        entity: component({
          'workload-type': 'api',
          scheduling: junk,
          ecosystem: junk,
          'aws-integrations': junk,
          resources: junk,
        }),
        now: NOW,
      });
      expect(JSON.stringify(assessment).length).toBeLessThan(100 * 1024);
    },
  );
});
