import type { Obligation } from '../engine/types';
import type { ReviewRecord } from '../review';
import {
  DEFAULT_NOTIFICATION_THRESHOLDS,
  detectTransitions,
  hasNotifiableObligations,
  NotifiableObligation,
  notifiableObligations,
  NotificationSubject,
  NotificationThresholds,
  orchestrationTabPath,
  TransitionInput,
} from './transitions';

const NOW = new Date('2026-11-28T09:00:00Z');

const upgrades = (
  status: Obligation['status'],
  due: string | null,
  minor = '1.29',
): NotifiableObligation => ({
  id: 'kubernetes-upgrades',
  title: 'Kubernetes upgrades',
  status,
  due,
  summary: `Kubernetes ${minor} is supported until ${due}.`,
  kubernetesMinor: minor,
});

const etcd = (status: Obligation['status']): NotifiableObligation => ({
  id: 'etcd-backups',
  title: 'etcd backups',
  status,
  due: null,
  summary: 'The last etcd backup is 3 days old.',
});

const review = (
  id: string,
  decision: ReviewRecord['decision'],
): ReviewRecord => ({
  id,
  entityRef: 'component:default/content-api',
  decision,
  reviewer: 'user:default/guest',
  createdAt: '2026-10-01T10:00:00Z',
});

const migrate = (dueDate: string) =>
  review('r-migrate', {
    kind: 'migrate',
    targetPlatform: 'eks',
    dueDate,
  });
const exempt = (expiresOn: string) =>
  review('r-exempt', { kind: 'exempt', justification: 'freeze', expiresOn });

const cluster: NotificationSubject = {
  entityRef: 'resource:default/prod-kops',
  owner: 'group:default/platform',
};
const service: NotificationSubject = {
  entityRef: 'component:default/content-api',
  title: 'Content API',
  owner: 'group:default/web-content',
  cluster: 'resource:default/prod-kops',
  currentPlatform: 'ecs-fargate',
  recommendedPlatform: 'ecs-fargate',
};

const input = (
  after: NotificationSubject,
  extra: Partial<TransitionInput> = {},
): TransitionInput => ({
  before: null,
  after,
  now: NOW,
  thresholds: DEFAULT_NOTIFICATION_THRESHOLDS,
  ...extra,
});

const only = (
  kind: keyof NotificationThresholds['kinds'],
): NotificationThresholds => ({
  ...DEFAULT_NOTIFICATION_THRESHOLDS,
  kinds: Object.fromEntries(
    Object.keys(DEFAULT_NOTIFICATION_THRESHOLDS.kinds).map(k => [
      k,
      k === kind,
    ]),
  ) as NotificationThresholds['kinds'],
});

describe('detectTransitions', () => {
  it.each<
    [
      string,
      TransitionInput,
      Array<{ kind: string; key: string; severity: string }>,
    ]
  >([
    ['nothing for an entity with nothing to say', input(service), []],
    [
      'a critical obligation of a cluster',
      input({ ...cluster, obligations: [etcd('critical'), etcd('ok')] }),
      [
        {
          kind: 'obligation-critical',
          key: 'etcd-backups',
          severity: 'critical',
        },
      ],
    ],
    [
      'no critical obligation while it is only a warning',
      input({ ...cluster, obligations: [etcd('warning')] }),
      [],
    ],
    [
      'the critical obligation of the cluster a service runs on',
      input({ ...service, obligations: [etcd('critical')] }),
      [
        {
          kind: 'obligation-critical',
          key: 'etcd-backups',
          severity: 'critical',
        },
      ],
    ],
    [
      'nothing for an entity without an owner',
      input({ ...cluster, owner: null, obligations: [etcd('critical')] }),
      [],
    ],
    [
      'an end of support 60 days away (the threshold)',
      input({ ...cluster, obligations: [upgrades('ok', '2027-01-27')] }),
      [{ kind: 'end-of-support', key: '1.29', severity: 'high' }],
    ],
    [
      'no end of support 61 days away',
      input({ ...cluster, obligations: [upgrades('ok', '2027-01-28')] }),
      [],
    ],
    [
      'an end of support within a threshold set to 90 days',
      input(
        { ...cluster, obligations: [upgrades('ok', '2027-02-20')] },
        {
          thresholds: {
            ...DEFAULT_NOTIFICATION_THRESHOLDS,
            endOfSupportDays: 90,
          },
        },
      ),
      [{ kind: 'end-of-support', key: '1.29', severity: 'high' }],
    ],
    [
      'an end of support past, with the critical obligation it makes',
      input({ ...cluster, obligations: [upgrades('critical', '2025-02-28')] }),
      [
        {
          kind: 'obligation-critical',
          key: 'kubernetes-upgrades',
          severity: 'critical',
        },
        { kind: 'end-of-support', key: '1.29', severity: 'critical' },
      ],
    ],
    [
      'no end of support without a known minor',
      input({
        ...cluster,
        obligations: [
          { ...upgrades('ok', '2026-12-01'), kubernetesMinor: undefined },
        ],
      }),
      [],
    ],
    [
      'a migration past its due date',
      input({ ...service, reviewInForce: migrate('2026-11-27') }),
      [{ kind: 'migration-overdue', key: 'r-migrate', severity: 'high' }],
    ],
    [
      'no overdue migration on its due date',
      input({ ...service, reviewInForce: migrate('2026-11-28') }),
      [],
    ],
    [
      'no overdue migration once it runs on the target',
      input({
        ...service,
        currentPlatform: 'eks',
        reviewInForce: migrate('2026-11-01'),
      }),
      [],
    ],
    [
      'an exemption ending in 14 days (the threshold)',
      input({ ...service, reviewInForce: exempt('2026-12-12') }),
      [{ kind: 'exemption-expiring', key: 'r-exempt', severity: 'normal' }],
    ],
    [
      'no exemption ending in 15 days',
      input({ ...service, reviewInForce: exempt('2026-12-13') }),
      [],
    ],
    [
      'an exemption that ended today (the newest review)',
      input({
        ...service,
        newestReview: exempt('2026-11-28'),
        reviewInForce: null,
      }),
      [{ kind: 'exemption-expired', key: 'r-exempt', severity: 'high' }],
    ],
    [
      'an expired exemption and the overdue migration in force again',
      input({
        ...service,
        newestReview: exempt('2026-11-20'),
        reviewInForce: migrate('2026-11-10'),
      }),
      [
        { kind: 'migration-overdue', key: 'r-migrate', severity: 'high' },
        { kind: 'exemption-expired', key: 'r-exempt', severity: 'high' },
      ],
    ],
    [
      'a recommendation that changed since the previous snapshot',
      input(
        { ...service, recommendedPlatform: 'eks' },
        { before: { recommendedPlatform: 'ecs-fargate' } },
      ),
      [
        {
          kind: 'recommendation-changed',
          key: 'ecs-fargate->eks',
          severity: 'normal',
        },
      ],
    ],
    [
      'no change of recommendation when it is the same',
      input(service, { before: { recommendedPlatform: 'ecs-fargate' } }),
      [],
    ],
    [
      'no change of recommendation for an entity new to the snapshot',
      input({ ...service, recommendedPlatform: 'eks' }, { before: null }),
      [],
    ],
    [
      'no change of recommendation from or to none',
      input(
        { ...service, recommendedPlatform: null },
        { before: { recommendedPlatform: 'eks' } },
      ),
      [],
    ],
    [
      'only the kinds switched on',
      input(
        {
          ...service,
          obligations: [etcd('critical')],
          reviewInForce: exempt('2026-12-01'),
        },
        { thresholds: only('exemption-expiring') },
      ),
      [{ kind: 'exemption-expiring', key: 'r-exempt', severity: 'normal' }],
    ],
  ])('%s', (_name, given, expected) => {
    expect(
      detectTransitions(given).map(({ kind, key, severity }) => ({
        kind,
        key,
        severity,
      })),
    ).toEqual(expected);
  });

  it.each([
    [
      input({ ...cluster, obligations: [etcd('critical')] }),
      'prod-kops: etcd backups are critical',
      'etcd backups of prod-kops turned critical. The last etcd backup is 3 days old.',
    ],
    [
      input({ ...service, obligations: [etcd('critical')] }),
      'Content API: etcd backups are critical',
      'etcd backups of the cluster prod-kops, which Content API runs on, turned critical. The last etcd backup is 3 days old.',
    ],
    [
      input({ ...service, obligations: [upgrades('warning', '2026-12-28')] }),
      'Content API: support for Kubernetes 1.29 ends in 30 days',
      'Content API runs Kubernetes 1.29 on cluster prod-kops, whose support ends on 2026-12-28. Plan the upgrade now: minors move one at a time.',
    ],
    [
      input({ ...service, reviewInForce: migrate('2026-11-01') }),
      'Content API: the move to EKS was due on 2026-11-01',
      'The decision in force is to move Content API to EKS by 2026-11-01; it still runs on ECS on Fargate. Finish the move, or record a new decision with a new date.',
    ],
    [
      input({ ...service, reviewInForce: exempt('2026-11-29') }),
      'Content API: the exemption ends in 1 day',
      'The exemption of Content API from the Orchestration assessment ends on 2026-11-29; from then on the recommendation and its obligations apply again. Review it before then.',
    ],
    [
      input(
        { ...service, recommendedPlatform: 'self-managed-kubernetes' },
        { before: { recommendedPlatform: 'ecs-fargate' } },
      ),
      'Content API: the recommended platform is now self-managed Kubernetes',
      'The recommended platform of Content API changed from ECS on Fargate to self-managed Kubernetes since the previous assessment. The Orchestration tab says why.',
    ],
  ])('says it in words: %#', (given, title, description) => {
    const [transition] = detectTransitions(given);
    expect(transition.title).toBe(title);
    expect(transition.description).toBe(description);
    expect(transition.owner).toBe(given.after.owner);
    expect(transition.entityRef).toBe(given.after.entityRef);
  });
});

describe('notifiableObligations', () => {
  const obligation = (over: Partial<Obligation>): Obligation => ({
    id: 'kubernetes-upgrades',
    title: 'Kubernetes upgrades',
    status: 'critical',
    hypothetical: false,
    due: '2025-02-28',
    summary: 'Kubernetes 1.29 reached end of life.',
    evidence: [{ key: 'orchestration.io/kubernetes-version', value: '1.29.4' }],
    actions: [],
    ...over,
  });

  it('keeps the obligations that apply, with the running minor', () => {
    expect(
      notifiableObligations([
        obligation({}),
        obligation({ id: 'etcd-backups', title: 'etcd backups', evidence: [] }),
        obligation({ id: 'cni-ip-capacity', hypothetical: true }),
      ]),
    ).toEqual([
      {
        id: 'kubernetes-upgrades',
        title: 'Kubernetes upgrades',
        status: 'critical',
        due: '2025-02-28',
        summary: 'Kubernetes 1.29 reached end of life.',
        kubernetesMinor: '1.29',
      },
      {
        id: 'etcd-backups',
        title: 'etcd backups',
        status: 'critical',
        due: '2025-02-28',
        summary: 'Kubernetes 1.29 reached end of life.',
      },
    ]);
  });

  it.each<[NotifiableObligation[], boolean]>([
    [[etcd('critical')], true],
    [[etcd('warning')], false],
    [[upgrades('ok', '2027-01-27')], true],
    [[upgrades('ok', '2027-01-28')], false],
    [[], false],
  ])('finds something to say in %j: %p', (obligations, expected) => {
    expect(
      hasNotifiableObligations(
        obligations,
        NOW,
        DEFAULT_NOTIFICATION_THRESHOLDS,
      ),
    ).toBe(expected);
  });
});

describe('orchestrationTabPath', () => {
  it.each([
    [
      'resource:default/prod-kops',
      '/catalog/default/resource/prod-kops/orchestration',
    ],
    [
      'component:payments/payments-gateway',
      '/catalog/payments/component/payments-gateway/orchestration',
    ],
  ])('%s is at %s', (ref, path) => {
    expect(orchestrationTabPath(ref)).toBe(path);
  });
});
