import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  orchestrationAssessmentReadPermission,
  orchestrationClusterFactsReportPermission,
  orchestrationPermissions,
  orchestrationReviewCreatePermission,
  orchestrationSnapshotRefreshPermission,
} from '@orchestration/plugin-orchestration-common';
import { OrchestrationPermissionDecider } from './OrchestrationPermissionDecider';

function group(
  name: string,
  members: string[],
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'team', children: [] },
    relations: members.map(member => ({
      type: 'hasMember',
      targetRef: `user:default/${member}`,
    })),
  };
}

const PLATFORM_TEAM = { 'orchestration.io/platform-team': 'true' };

const groups = [
  group('platform', ['guest'], PLATFORM_TEAM),
  group('web-content', ['lena-fischer']),
  // A platform team of nobody operates nothing, and grants nothing.
  group('ghost-platform', [], PLATFORM_TEAM),
  group('empty-configured', []),
];

// What the user info service knows of each signed-in user: its ownership refs.
const ownershipByUser = new Map<string, string[]>();
const userInfo = mockServices.userInfo.mock({
  getUserInfo: async credentials => {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    if (ref === 'user:default/unknown') throw new Error('no such user');
    return {
      userEntityRef: ref,
      ownershipEntityRefs: ownershipByUser.get(ref) ?? [ref],
    };
  },
});

function user(ref: string, ownership: string[] = [ref]): PolicyQueryUser {
  ownershipByUser.set(ref, ownership);
  return {
    credentials: mockCredentials.user(ref),
    // The deprecated token info carries no groups: the decider asks the user info service.
    info: { userEntityRef: ref, ownershipEntityRefs: [ref] },
  };
}

const GUEST = user('user:default/guest', [
  'user:default/guest',
  'group:default/platform',
]);
const LENA = user('user:default/lena-fischer', [
  'user:default/lena-fischer',
  'group:default/web-content',
]);
const GHOST = user('user:default/casper', [
  'user:default/casper',
  'group:default/ghost-platform',
  'group:default/empty-configured',
]);
const UNKNOWN = user('user:default/unknown');

function decider(
  options: {
    platformTeams?: string[];
    entities?: Entity[];
    catalog?: ReturnType<typeof catalogServiceMock.mock>;
    logger?: ReturnType<typeof mockServices.logger.mock>;
    timeoutMs?: number;
  } = {},
) {
  return new OrchestrationPermissionDecider({
    catalog:
      options.catalog ??
      catalogServiceMock({ entities: options.entities ?? groups }),
    auth: mockServices.auth(),
    userInfo,
    logger: options.logger ?? mockServices.logger.mock(),
    platformTeams: options.platformTeams,
    timeoutMs: options.timeoutMs,
  });
}

const { ALLOW, DENY } = AuthorizeResult;
const read = orchestrationAssessmentReadPermission;
const review = orchestrationReviewCreatePermission;
const report = orchestrationClusterFactsReportPermission;
const refresh = orchestrationSnapshotRefreshPermission;

describe('OrchestrationPermissionDecider', () => {
  it.each<[string, Permission, PolicyQueryUser | undefined, string[], any]>([
    ['a platform-team member reads', read, GUEST, [], ALLOW],
    ['a platform-team member records reviews', review, GUEST, [], ALLOW],
    ['a platform-team member reports cluster facts', report, GUEST, [], ALLOW],
    [
      'a platform-team member refreshes the snapshot',
      refresh,
      GUEST,
      [],
      ALLOW,
    ],
    ['another signed-in user reads', read, LENA, [], ALLOW],
    ['another team may not record reviews', review, LENA, [], DENY],
    ['another team may not report cluster facts', report, LENA, [], DENY],
    ['another team may not refresh', refresh, LENA, [], DENY],
    ['without a user nothing is read', read, undefined, [], DENY],
    ['without a user no review is recorded', review, undefined, [], DENY],
    ['without a user no refresh', refresh, undefined, [], DENY],
    [
      'a Group listed in configuration is a platform team',
      review,
      LENA,
      ['web-content'],
      ALLOW,
    ],
    [
      'a configured ref is resolved like the assessments resolve it',
      review,
      LENA,
      [' Group:Default/Web-Content '],
      ALLOW,
    ],
    [
      'an annotated or configured Group without members grants nothing',
      review,
      GHOST,
      ['empty-configured'],
      DENY,
    ],
    [
      'a user whose groups cannot be read may not record reviews',
      review,
      UNKNOWN,
      [],
      DENY,
    ],
    [
      'a user whose groups cannot be read still reads',
      read,
      UNKNOWN,
      [],
      ALLOW,
    ],
  ])('%s', async (_name, permission, who, platformTeams, result) => {
    expect(
      await decider({ platformTeams }).decide({ permission }, who),
    ).toEqual({ result });
  });

  it.each<[string, Permission]>([
    [
      'a catalog resource permission',
      createPermission({
        name: 'catalog.entity.read',
        attributes: { action: 'read' },
        resourceType: 'catalog-entity',
      }),
    ],
    [
      'a basic permission of another plugin',
      createPermission({ name: 'scaffolder.task.create', attributes: {} }),
    ],
    [
      'an orchestration-like name that is not an Orchestration permission',
      createPermission({ name: 'orchestration.unknown', attributes: {} }),
    ],
  ])('leaves %s to the calling policy', async (_name, permission) => {
    const catalog = catalogServiceMock.mock();
    const d = decider({ catalog });
    expect(d.handles(permission)).toBe(false);
    expect(await d.decide({ permission }, GUEST)).toBeUndefined();
    expect(await d.decide({ permission }, undefined)).toBeUndefined();
    expect(catalog.queryEntities).not.toHaveBeenCalled();
  });

  // A permission added to the list must be given its rule here (read, or platform teams only).
  it('decides every Orchestration permission', () => {
    const d = decider();
    expect(orchestrationPermissions.every(p => d.handles(p))).toBe(true);
    expect(orchestrationPermissions.map(p => p.name)).toEqual([
      'orchestration.assessment.read',
      'orchestration.review.create',
      'orchestration.cluster.facts.report',
      'orchestration.snapshot.refresh',
    ]);
  });

  it.each([
    ['a member', GUEST, ALLOW],
    ['a non-member', LENA, DENY],
  ])(
    'gives %s a definitive decision on a resource permission, with or without a resource ref',
    async (_name, who, result) => {
      const d = decider();
      for (const permission of [review, report]) {
        expect(permission.type).toBe('resource');
        // The same answer for authorize (with a resource ref) and authorizeConditional
        // (without): definitive, never conditional.
        expect(await d.decide({ permission }, who)).toEqual({ result });
      }
      expect(await d.decide({ permission: read }, who)).toEqual({
        result: ALLOW,
      });
    },
  );

  it('matches platform teams whatever the case of their names', async () => {
    const d = decider({
      entities: [
        {
          ...group('Platform-Ops', ['priya'], {
            'orchestration.io/platform-team': ' TRUE ',
          }),
        },
        group('Web-Content', ['lena-fischer']),
      ],
      platformTeams: ['Web-Content'],
    });
    expect(
      await d.decide(
        { permission: review },
        user('user:default/priya', ['group:default/Platform-Ops']),
      ),
    ).toEqual({ result: ALLOW });
    expect(
      await d.decide(
        { permission: review },
        user('user:default/lena-fischer', ['group:default/web-content']),
      ),
    ).toEqual({ result: ALLOW });
    expect(await d.platformTeams()).toEqual([
      'group:default/platform-ops',
      'group:default/web-content',
    ]);
    expect(await d.isPlatformTeamMember(LENA)).toBe(true);
    expect(await d.isPlatformTeamMember(undefined)).toBe(false);
  });

  it('looks up the configured Groups by ref, and leaves out refs the catalog cannot look up', async () => {
    const catalog = catalogServiceMock.mock({
      queryEntities: jest.fn(async () => ({
        items: [groups[0]],
        totalItems: 1,
        pageInfo: {},
      })) as any,
      getEntitiesByRefs: jest.fn(async () => ({
        items: [groups[1], groups[3]],
      })) as any,
    });
    const d = new OrchestrationPermissionDecider({
      catalog,
      auth: mockServices.auth(),
      userInfo,
      logger: mockServices.logger.mock(),
      platformTeams: ['web-content', 'empty-configured', 'not a ref:'],
    });
    // empty-configured has no member: not a team.
    expect(await d.platformTeams()).toEqual([
      'group:default/platform',
      'group:default/web-content',
    ]);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRefs: [
          'group:default/web-content',
          'group:default/empty-configured',
        ],
      }),
      expect.anything(),
    );
  });

  it('counts members listed in spec.members too', async () => {
    const d = decider({
      entities: [
        {
          ...group('platform', [], PLATFORM_TEAM),
          spec: { type: 'team', children: [], members: ['guest'] },
        },
      ],
    });
    expect(await d.platformTeams()).toEqual(['group:default/platform']);
  });

  it('reads the annotated Groups from the catalog once per cache period, page by page with the fields it needs', async () => {
    const catalog = catalogServiceMock.mock({
      queryEntities: jest
        .fn()
        .mockResolvedValueOnce({
          items: [groups[1]],
          totalItems: 2,
          pageInfo: { nextCursor: 'page-2' },
        })
        .mockResolvedValueOnce({
          items: [groups[0]],
          totalItems: 2,
          pageInfo: {},
        }) as any,
    });
    const d = decider({ catalog });
    for (let i = 0; i < 3; i++) {
      expect(await d.decide({ permission: review }, GUEST)).toEqual({
        result: ALLOW,
      });
    }
    expect(catalog.queryEntities).toHaveBeenCalledTimes(2);
    // Only the annotated Groups are read, whatever the size of the catalog.
    expect(catalog.queryEntities).toHaveBeenNthCalledWith(
      1,
      expect.objectContaining({
        filter: {
          kind: 'group',
          'metadata.annotations.orchestration.io/platform-team':
            CATALOG_FILTER_EXISTS,
        },
        fields: expect.arrayContaining(['relations', 'spec.members']),
      }),
      expect.anything(),
    );
    expect(catalog.queryEntities).toHaveBeenNthCalledWith(
      2,
      expect.objectContaining({ cursor: 'page-2' }),
      expect.anything(),
    );
  });

  it('asks the catalog again soon when it had no platform team yet, as at start-up', async () => {
    const catalog = catalogServiceMock.mock({
      queryEntities: jest
        .fn()
        .mockResolvedValueOnce({ items: [], totalItems: 0, pageInfo: {} })
        .mockResolvedValue({ items: groups, totalItems: 4, pageInfo: {} }),
    });
    const d = decider({ catalog });
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      expect(await d.decide({ permission: review }, GUEST)).toEqual({
        result: DENY,
      });
      now.mockReturnValue(1_000_000 + 6_000);
      expect(await d.decide({ permission: review }, GUEST)).toEqual({
        result: ALLOW,
      });
      now.mockReturnValue(1_000_000 + 30_000);
      await d.decide({ permission: review }, GUEST);
      expect(catalog.queryEntities).toHaveBeenCalledTimes(2);
    } finally {
      now.mockRestore();
    }
  });

  it('denies within the catalog timeout while the catalog hangs, logs why, and asks again once it answers', async () => {
    const state = { hanging: true };
    const catalog = catalogServiceMock.mock({
      queryEntities: jest.fn(() =>
        state.hanging
          ? new Promise(() => {})
          : Promise.resolve({ items: groups, totalItems: 4, pageInfo: {} }),
      ) as any,
      // The configured team is not in the catalog: its members are unknown, it counts.
      getEntitiesByRefs: jest.fn(async () => ({ items: [undefined] })) as any,
    });
    const logger = mockServices.logger.mock();
    const d = decider({
      catalog,
      logger,
      timeoutMs: 100,
      platformTeams: ['group:default/sre'],
    });
    const started = Date.now();
    // Concurrent decisions share one lookup; none waits past the timeout.
    const decisions = await Promise.all([
      d.decide({ permission: review }, GUEST),
      d.decide({ permission: refresh }, GUEST),
      // Configured teams need no catalog.
      d.decide(
        { permission: review },
        user('user:default/sam', ['group:default/sre']),
      ),
    ]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(decisions).toEqual([
      { result: DENY },
      { result: DENY },
      { result: ALLOW },
    ]);
    expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'Denied orchestration.review.create to user:default/guest: the platform teams could not be read from the catalog (The catalog did not answer within 0.1 s); only orchestration.platformTeams applies until it answers',
    );

    // The lookup that never got an answer is dropped: the next decision asks again.
    state.hanging = false;
    expect(await d.decide({ permission: review }, GUEST)).toEqual({
      result: ALLOW,
    });
    expect(catalog.queryEntities).toHaveBeenCalledTimes(2);
  });

  it('keeps the last known teams while the catalog fails', async () => {
    const catalog = catalogServiceMock.mock({
      queryEntities: jest
        .fn()
        .mockResolvedValueOnce({ items: groups, totalItems: 4, pageInfo: {} })
        .mockRejectedValue(new Error('connect ECONNREFUSED')) as any,
    });
    const logger = mockServices.logger.mock();
    const d = decider({ catalog, logger });
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      expect(await d.decide({ permission: review }, GUEST)).toEqual({
        result: ALLOW,
      });
      now.mockReturnValue(1_000_000 + 120_000);
      expect(await d.decide({ permission: review }, GUEST)).toEqual({
        result: ALLOW,
      });
      expect(await d.decide({ permission: review }, LENA)).toEqual({
        result: DENY,
      });
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'Denied orchestration.review.create to user:default/lena-fischer: the platform teams could not be read from the catalog (connect ECONNREFUSED); the last known teams apply',
        ),
      );
    } finally {
      now.mockRestore();
    }
  });

  describe('fromConfig', () => {
    const deps = {
      catalog: catalogServiceMock({ entities: groups }),
      auth: mockServices.auth(),
      userInfo,
      logger: mockServices.logger.mock(),
    };

    it('reads orchestration.platformTeams and orchestration.catalog.timeout', async () => {
      const d = OrchestrationPermissionDecider.fromConfig(
        mockServices.rootConfig({
          data: {
            orchestration: {
              platformTeams: ['web-content'],
              catalog: { timeout: '2s' },
            },
          },
        }),
        deps,
      );
      expect(await d.platformTeams()).toEqual([
        'group:default/platform',
        'group:default/web-content',
      ]);
    });

    it.each([
      [
        { catalog: { timeout: 'soon' } },
        /orchestration\.catalog\.timeout: expected a duration between 1 ms and 1 hour/,
      ],
      [
        { platformTeams: 'platform' },
        /orchestration\.platformTeams: expected a list of group entity refs/,
      ],
      [{ platformTeams: [''] }, /orchestration\.platformTeams/],
    ])('refuses %j naming the key', (orchestration, message) => {
      expect(() =>
        OrchestrationPermissionDecider.fromConfig(
          mockServices.rootConfig({ data: { orchestration } }),
          deps,
        ),
      ).toThrow(message);
    });
  });
});
