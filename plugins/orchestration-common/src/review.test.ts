import { parseReviewRequest } from './review';
import {
  orchestrationAssessmentReadPermission,
  orchestrationPermissions,
  orchestrationReviewCreatePermission,
} from './permissions';

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
    expect(parseReviewRequest(body)).toEqual({ ok: true, request: body });
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
    expect(parseReviewRequest(body)).toEqual({ ok: false, errors });
  });
});

describe('permissions', () => {
  it('declares the read permission on catalog entities and the review permission', () => {
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
    ]);
    expect([
      orchestrationAssessmentReadPermission.name,
      orchestrationReviewCreatePermission.name,
    ]).toEqual([
      'orchestration.assessment.read',
      'orchestration.review.create',
    ]);
  });
});
