import {
  CONSTRAINT_RULE_IDS,
  EXPLAIN_RULE_IDS,
  NOTICE_RULE_IDS,
  OBLIGATION_STATUSES,
  Obligation,
  ObligationStatus,
  Recommendation,
  WEIGHTED_RULE_IDS,
} from '@orchestration/plugin-orchestration-common';
import { MockTranslationApi } from '@backstage/test-utils/alpha';
import { orchestrationTranslationRef } from '../../translation';
import { createFormatters } from './format';
import { defaultTexts, Texts } from './i18n';
import {
  byUrgency,
  confidenceSentence,
  decidingInputCaption,
  decidingInputClauses,
  formatMonthlyUsd,
  formatMonthlyUsdShort,
  mostUrgentObligation,
  RULE_LABELS,
  ruleLabel,
} from './labels';

function obligation(
  id: Obligation['id'],
  status: ObligationStatus,
  due: string | null = null,
): Obligation {
  return {
    id,
    title: id,
    status,
    hypothetical: false,
    due,
    summary: '',
    evidence: [],
    actions: [],
  };
}

const recommendation: Recommendation = {
  platform: 'ecs-fargate',
  status: 'recommended',
  confidence: 'low',
  nearTies: [],
  lead: 6,
  decidingInputs: [
    {
      key: 'orchestration.io/portability',
      value: 'multi-cloud',
      wouldRecommend: 'eks',
    },
    {
      key: 'orchestration.io/portability',
      value: 'hybrid',
      wouldRecommend: 'eks',
    },
    {
      key: 'orchestration.io/resources',
      value: 'cpu=32,memory=240Gi',
      wouldRecommend: 'ecs-ec2',
    },
    { key: 'catalog:platform-team', value: 'none', wouldRecommend: null },
  ],
};

describe('labels', () => {
  it('sorts obligations most urgent first, in the order of the common package, then by due date', () => {
    const sorted = byUrgency([
      obligation('kubernetes-upgrades', 'ok'),
      obligation('etcd-backups', 'not-applicable'),
      obligation('certificate-rotation', 'warning', '2027-01-01'),
      obligation('cni-ip-capacity', 'critical'),
      obligation('control-plane-monitoring', 'warning', '2026-12-01'),
    ]);
    expect(sorted.map(o => o.id)).toEqual([
      'cni-ip-capacity',
      'control-plane-monitoring',
      'certificate-rotation',
      'kubernetes-upgrades',
      'etcd-backups',
    ]);
    expect(
      mostUrgentObligation([
        obligation('kubernetes-upgrades', 'unknown'),
        obligation('etcd-backups', 'ok'),
      ])?.id,
    ).toBe('kubernetes-upgrades');
    expect(OBLIGATION_STATUSES.length).toBe(5);
  });

  it('names every rule', () => {
    for (const id of [
      ...WEIGHTED_RULE_IDS,
      ...CONSTRAINT_RULE_IDS,
      ...EXPLAIN_RULE_IDS,
      ...NOTICE_RULE_IDS,
    ]) {
      expect(RULE_LABELS[id]).toBeTruthy();
    }
    expect(ruleLabel('REQ-PORTABILITY')).toBe(
      'Multi-cloud required: ECS is AWS-only (REQ-PORTABILITY)',
    );
    expect(ruleLabel('SOMETHING-NEW')).toBe('SOMETHING-NEW');
  });

  it('groups the deciding inputs by key and by the platform they would recommend', () => {
    expect(decidingInputClauses(recommendation)).toEqual([
      'setting orchestration.io/portability to multi-cloud or hybrid would recommend Amazon EKS',
      'setting orchestration.io/resources to cpu=32,memory=240Gi would recommend ECS on EC2',
      'setting the platform team to none would leave no recommendation',
    ]);
    expect(confidenceSentence(recommendation, { maxInputs: 1 })).toBe(
      'Confidence low: setting orchestration.io/portability to multi-cloud or hybrid would recommend Amazon EKS; and 2 more inputs.',
    );
    expect(
      confidenceSentence({
        ...recommendation,
        confidence: 'medium',
        decidingInputs: [],
      }),
    ).toBe(
      'Confidence medium: 6 points ahead of the runner-up, and no missing input would change it.',
    );
  });

  it('formats a monthly cost', () => {
    expect(formatMonthlyUsd(144.96)).toBe('$145/month');
    expect(formatMonthlyUsd(1234.5)).toBe('$1,235/month');
    expect(formatMonthlyUsd(12.3)).toBe('$12.30/month');
    expect(formatMonthlyUsdShort(144.2)).toBe('$144/mo');
    expect(formatMonthlyUsdShort(1210.25)).toBe('$1,210/mo');
    expect(formatMonthlyUsdShort(72.08)).toBe('$72.08/mo');
  });

  it('names the first deciding input in a few words', () => {
    expect(decidingInputCaption([])).toBeUndefined();
    expect(decidingInputCaption(undefined)).toBeUndefined();
    expect(
      decidingInputCaption(recommendation.decidingInputs.slice(0, 1)),
    ).toEqual({ first: 'portability=multi-cloud → EKS' });
    expect(decidingInputCaption(recommendation.decidingInputs)).toEqual({
      first: 'portability=multi-cloud → EKS',
      more: '+3 more',
    });
    expect(
      decidingInputCaption([
        {
          key: 'catalog:owner-member-count',
          value: '1',
          wouldRecommend: 'ecs-fargate',
        },
        {
          key: 'orchestration.io/resources',
          value: 'cpu=64,memory=488Gi',
          wouldRecommend: 'ecs-ec2',
        },
        {
          key: 'orchestration.io/portability',
          value: 'hybrid',
          wouldRecommend: 'self-managed-kubernetes',
        },
        { key: 'catalog:platform-team', value: 'none', wouldRecommend: null },
        {
          key: 'orchestration.io/portability',
          value: 'multi-cloud',
          wouldRecommend: 'eks',
        },
      ]),
    ).toEqual({
      first: 'owner-member-count=1 → Fargate',
      more: '+4 or more',
    });
  });

  it('says the same through the translation API as the default messages do, plurals and values included', () => {
    const api: Texts = {
      t: MockTranslationApi.create().getTranslation(orchestrationTranslationRef)
        .t,
      fmt: createFormatters('en-US'),
    };
    const fallback = defaultTexts();
    const one = { ...recommendation, decidingInputs: [], lead: 1 };
    for (const texts of [api, fallback]) {
      expect(confidenceSentence(recommendation, { maxInputs: 1 }, texts)).toBe(
        'Confidence low: setting orchestration.io/portability to multi-cloud or hybrid would recommend Amazon EKS; and 2 more inputs.',
      );
      expect(confidenceSentence(one, undefined, texts)).toBe(
        'Confidence low: 1 point ahead of the runner-up, and no missing input would change it.',
      );
      expect(
        decidingInputCaption(recommendation.decidingInputs, texts),
      ).toEqual({ first: 'portability=multi-cloud → EKS', more: '+3 more' });
      expect(ruleLabel('FARGATE-NO-GPU', texts)).toBe(
        'Fargate has no GPUs (FARGATE-NO-GPU)',
      );
      expect(formatMonthlyUsd(1234.5, texts)).toBe('$1,235/month');
    }
    // A value is text: braces and nesting markers in it are left alone.
    const odd = {
      ...recommendation,
      decidingInputs: [
        {
          key: 'orchestration.io/portability',
          value: '{{level}} $t(rules.ECS-SIMPLE)',
          wouldRecommend: 'eks' as const,
        },
      ],
    };
    expect(confidenceSentence(odd, undefined, api)).toBe(
      'Confidence low: setting orchestration.io/portability to {{level}} $t(rules.ECS-SIMPLE) would recommend Amazon EKS.',
    );
    expect(confidenceSentence(odd, undefined, fallback)).toBe(
      confidenceSentence(odd, undefined, api),
    );
  });
});
