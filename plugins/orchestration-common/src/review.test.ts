import {
  createReviewRequestSchema,
  decisionInForce,
  isExpiredExemption,
  normaliseReviewBody,
  parseReviewRequest,
  ReviewDecision,
  ReviewRecord,
} from './review';
import {
  orchestrationAssessmentReadPermission,
  orchestrationClusterFactsReportPermission,
  orchestrationPermissions,
  orchestrationSnapshotRefreshPermission,
  orchestrationReviewCreatePermission,
} from './permissions';

// The time of the request in these tests: late on 28 November 2026, UTC.
const now = new Date('2026-11-28T23:59:59.999Z');

describe('parseReviewRequest', () => {
  it.each([
    [
      {
        entityRef: 'component:default/content-api',
        decision: { kind: 'accept' },
      },
    ],
    [
      {
        entityRef: 'component:default/legacy-web',
        decision: {
          kind: 'migrate',
          targetPlatform: 'ecs-fargate',
          dueDate: '2027-03-31',
        },
      },
    ],
    [
      {
        entityRef: 'component:default/legacy-web',
        decision: {
          kind: 'exempt',
          justification: 'Vendor appliance',
          expiresOn: '2027-01-31',
        },
      },
    ],
    [
      {
        entityRef: 'component:default/legacy-web',
        decision: { kind: 'keep-current', comment: 'Moving next year' },
        assessedAt: '2026-11-28T00:00:00Z',
      },
    ],
  ])('accepts %j', body => {
    expect(parseReviewRequest(body, { now })).toEqual({
      ok: true,
      request: body,
    });
  });

  it.each([
    [
      { entityRef: 'content-api', decision: { kind: 'accept' } },
      [
        'entityRef: entityRef must be kind:namespace/name, e.g. component:default/content-api',
      ],
    ],
    [
      { entityRef: 'component:default/a', decision: { kind: 'maybe' } },
      ['decision.kind: must be one of accept, keep-current, migrate, exempt'],
    ],
    [
      {
        entityRef: 'component:default/a',
        decision: {
          kind: 'migrate',
          targetPlatform: 'nomad',
          dueDate: '2027-02-30',
        },
      },
      [
        'decision.targetPlatform: targetPlatform must be one of ecs-fargate, ecs-ec2, eks, self-managed-kubernetes',
        'decision.dueDate: dueDate must be a real date written as YYYY-MM-DD',
      ],
    ],
    [
      {
        entityRef: 'component:default/a',
        decision: { kind: 'exempt', justification: '  ' },
      },
      [
        'decision.justification: justification must not be empty',
        'decision.expiresOn: expiresOn is required, as YYYY-MM-DD',
      ],
    ],
  ])('rejects %j', (body, errors) => {
    expect(parseReviewRequest(body, { now })).toEqual({ ok: false, errors });
  });

  const migrate = (dueDate: string) => ({
    entityRef: 'component:default/a',
    decision: { kind: 'migrate', targetPlatform: 'eks', dueDate },
  });
  const exempt = (expiresOn: string) => ({
    entityRef: 'component:default/a',
    decision: { kind: 'exempt', justification: 'Vendor appliance', expiresOn },
  });

  it.each([
    ['2026-11-28', true],
    ['2026-11-29', true],
    ['9999-12-31', true],
    ['2026-11-27', false],
    ['1999-01-01', false],
    ['0000-01-01', false],
  ])('takes dueDate %s from today (UTC) on: %p', (dueDate, ok) => {
    expect(parseReviewRequest(migrate(dueDate), { now })).toEqual(
      ok
        ? { ok, request: migrate(dueDate) }
        : {
            ok,
            errors: [
              `decision.dueDate: dueDate must be today (2026-11-28, UTC) or later; got ${dueDate}`,
            ],
          },
    );
  });

  it('takes the day of the request in UTC, not local time', () => {
    // 23:30 on the 28th in New York is already the 29th in UTC.
    const late = new Date('2026-11-28T23:30:00-05:00');
    expect(parseReviewRequest(migrate('2026-11-28'), { now: late })).toEqual({
      ok: false,
      errors: [
        'decision.dueDate: dueDate must be today (2026-11-29, UTC) or later; got 2026-11-28',
      ],
    });
  });

  it.each([
    ['2026-11-29', true],
    ['2030-01-01', true],
    ['2026-11-28', false],
    ['2026-01-01', false],
    ['0000-01-01', false],
  ])('takes expiresOn %s only after today: %p', (expiresOn, ok) => {
    expect(parseReviewRequest(exempt(expiresOn), { now })).toEqual(
      ok
        ? { ok, request: exempt(expiresOn) }
        : {
            ok,
            errors: [
              `decision.expiresOn: expiresOn must be after today (2026-11-28, UTC): an exemption applies until that day; got ${expiresOn}`,
            ],
          },
    );
  });

  it('reports a malformed date once, without comparing it to today', () => {
    expect(parseReviewRequest(migrate('1999-1-1'), { now })).toEqual({
      ok: false,
      errors: [
        'decision.dueDate: dueDate must be a real date written as YYYY-MM-DD',
      ],
    });
  });

  it('uses the time of validation without a request time', () => {
    expect(parseReviewRequest(migrate('1999-01-01')).ok).toBe(false);
    expect(parseReviewRequest(migrate('9999-01-01')).ok).toBe(true);
    expect(
      createReviewRequestSchema().safeParse(exempt('2000-01-01')).success,
    ).toBe(false);
  });

  it('trims every value before validating it, and returns the trimmed values', () => {
    const padding = ' '.repeat(60);
    expect(
      parseReviewRequest(
        {
          entityRef: ` component:default/a${padding}`,
          decision: {
            kind: ' migrate ',
            targetPlatform: '\teks\n',
            dueDate: `${padding}2027-01-31 `,
            comment: '  soon  ',
          },
          assessedAt: `${padding}2026-11-28T00:00:00Z${padding}`,
        },
        { now },
      ),
    ).toEqual({
      ok: true,
      request: {
        entityRef: 'component:default/a',
        decision: {
          kind: 'migrate',
          targetPlatform: 'eks',
          dueDate: '2027-01-31',
          comment: 'soon',
        },
        assessedAt: '2026-11-28T00:00:00Z',
      },
    });
  });

  it('refuses an assessedAt longer than the 40 characters stored', () => {
    expect(
      parseReviewRequest(
        {
          entityRef: 'component:default/a',
          decision: { kind: 'accept' },
          assessedAt: `2026-11-28T00:00:00.${'0'.repeat(30)}Z`,
        },
        { now },
      ),
    ).toEqual({
      ok: false,
      errors: [
        'assessedAt: assessedAt must be at most 40 characters',
        'assessedAt: assessedAt must be an ISO-8601 timestamp',
      ],
    });
  });

  it('keeps a __proto__ key a key, and refuses it', () => {
    const body = JSON.parse(
      '{"entityRef":"component:default/a","decision":{"kind":"accept"},"__proto__":{"assessedAt":"x"}}',
    );
    expect(parseReviewRequest(body, { now })).toEqual({
      ok: false,
      errors: ['body: unknown key __proto__'],
    });
  });
});

describe('normaliseReviewBody', () => {
  it('trims strings in objects and arrays and keeps other values', () => {
    expect(
      normaliseReviewBody({
        a: ' x ',
        b: [' y ', 1, null, true],
        c: { d: ' z' },
      }),
    ).toEqual({ a: 'x', b: ['y', 1, null, true], c: { d: 'z' } });
  });

  it('stops at a fixed depth', () => {
    let deep: unknown = ' leaf ';
    for (let i = 0; i < 20; i++) deep = [deep];
    let result = normaliseReviewBody(deep);
    for (let i = 0; i < 20; i++) result = (result as unknown[])[0];
    expect(result).toBe(' leaf ');
  });
});

describe('decisionInForce', () => {
  const at = new Date('2026-11-28T12:00:00Z');
  const accept: ReviewDecision = { kind: 'accept' };
  const keep: ReviewDecision = { kind: 'keep-current', comment: 'later' };
  const overdue: ReviewDecision = {
    kind: 'migrate',
    targetPlatform: 'eks',
    dueDate: '2026-01-01',
  };
  const exemptUntil = (expiresOn: string): ReviewDecision => ({
    kind: 'exempt',
    justification: 'vendor',
    expiresOn,
  });
  const records = (...decisions: ReviewDecision[]): ReviewRecord[] =>
    decisions.map((decision, i) => ({
      id: `r${i}`,
      entityRef: 'component:default/a',
      decision,
      reviewer: 'user:default/a',
      createdAt: '2026-11-01T00:00:00.000Z',
    }));

  it.each<[string, ReviewDecision[], string | null]>([
    ['no reviews', [], null],
    ['one acceptance', [accept], 'r0'],
    ['the newest of several', [keep, accept], 'r0'],
    ['an exemption still running', [exemptUntil('2026-11-29'), accept], 'r0'],
    ['an exemption expiring today', [exemptUntil('2026-11-28'), accept], 'r1'],
    ['an expired exemption', [exemptUntil('2026-01-01'), keep], 'r1'],
    ['only an expired exemption', [exemptUntil('2026-01-01')], null],
    [
      'several expired exemptions',
      [exemptUntil('2026-11-01'), exemptUntil('2026-10-01'), accept],
      'r2',
    ],
    [
      'an expired exemption over a running one',
      [exemptUntil('2026-11-01'), exemptUntil('2027-01-01'), accept],
      'r1',
    ],
    ['an overdue migration', [overdue, accept], 'r0'],
    [
      'an older decision under a newer one',
      [accept, exemptUntil('2026-01-01')],
      'r0',
    ],
  ])('%s', (_name, decisions, expected) => {
    expect(decisionInForce(records(...decisions), at)?.id ?? null).toBe(
      expected,
    );
  });

  it('ends an exemption at the start of its expiry day in UTC', () => {
    const decision = exemptUntil('2026-11-29');
    expect(
      isExpiredExemption(decision, new Date('2026-11-28T23:59:59.999Z')),
    ).toBe(false);
    expect(isExpiredExemption(decision, new Date('2026-11-29T00:00:00Z'))).toBe(
      true,
    );
    expect(isExpiredExemption(accept, new Date('2999-01-01'))).toBe(false);
  });
});

describe('permissions', () => {
  it('declares every permission: read, review and cluster facts on catalog entities, and the snapshot refresh', () => {
    expect(orchestrationPermissions).toEqual([
      {
        type: 'resource',
        name: 'orchestration.assessment.read',
        attributes: { action: 'read' },
        resourceType: 'catalog-entity',
      },
      {
        type: 'resource',
        name: 'orchestration.review.create',
        attributes: { action: 'create' },
        resourceType: 'catalog-entity',
      },
      {
        type: 'resource',
        name: 'orchestration.cluster.facts.report',
        attributes: { action: 'update' },
        resourceType: 'catalog-entity',
      },
      {
        type: 'basic',
        name: 'orchestration.snapshot.refresh',
        attributes: { action: 'update' },
      },
    ]);
    expect([
      orchestrationAssessmentReadPermission.name,
      orchestrationReviewCreatePermission.name,
      orchestrationClusterFactsReportPermission.name,
      orchestrationSnapshotRefreshPermission.name,
    ]).toEqual([
      'orchestration.assessment.read',
      'orchestration.review.create',
      'orchestration.cluster.facts.report',
      'orchestration.snapshot.refresh',
    ]);
  });
});
