import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  orchestrationAssessmentReadPermission,
  orchestrationReviewCreatePermission,
} from '@orchestration/plugin-orchestration-common';
import { OrchestrationPermissionPolicy } from './permissionPolicy';

const groups = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'platform',
      namespace: 'default',
      annotations: { 'orchestration.io/platform-team': 'true' },
    },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'web-content', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

// What the user info service knows of each signed-in user: its ownership refs.
const ownershipByUser = new Map<string, string[]>();
const userInfo = mockServices.userInfo.mock({
  getUserInfo: async credentials => {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return {
      userEntityRef: ref,
      ownershipEntityRefs: ownershipByUser.get(ref) ?? [ref],
    };
  },
});

function user(ref: string, ownership: string[]) {
  ownershipByUser.set(ref, ownership);
  return {
    credentials: mockCredentials.user(ref),
    // The deprecated token info carries no groups: the policy must ask the user info service.
    info: { userEntityRef: ref, ownershipEntityRefs: [ref] },
  };
}

function policy(configured: string[] = []) {
  return new OrchestrationPermissionPolicy({
    catalog: catalogServiceMock({ entities: groups }),
    auth: mockServices.auth(),
    userInfo,
    logger: mockServices.logger.mock(),
    configuredPlatformTeams: configured,
  });
}

describe('OrchestrationPermissionPolicy', () => {
  const review = { permission: orchestrationReviewCreatePermission };

  it('lets platform-team members record reviews', async () => {
    const decision = await policy().handle(
      review,
      user('user:default/guest', [
        'user:default/guest',
        'group:default/platform',
      ]),
    );
    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('refuses reviews by members of other teams', async () => {
    const decision = await policy().handle(
      review,
      user('user:default/lena', [
        'user:default/lena',
        'group:default/web-content',
      ]),
    );
    expect(decision).toEqual({ result: AuthorizeResult.DENY });
  });

  it('refuses reviews without a user', async () => {
    expect(await policy().handle(review)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('counts Groups listed in configuration as platform teams', async () => {
    const decision = await policy(['web-content']).handle(
      review,
      user('user:default/lena', ['group:default/web-content']),
    );
    expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('matches platform teams whatever the case of their names', async () => {
    const mixedCase = new OrchestrationPermissionPolicy({
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: {
              name: 'Platform-Ops',
              namespace: 'default',
              annotations: { 'orchestration.io/platform-team': ' TRUE ' },
            },
            spec: { type: 'team', children: [] },
          },
        ],
      }),
      auth: mockServices.auth(),
      userInfo,
      logger: mockServices.logger.mock(),
      configuredPlatformTeams: ['Web-Content', 'not a ref:'],
    });
    expect(
      await mixedCase.handle(
        review,
        user('user:default/priya', ['group:default/Platform-Ops']),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await mixedCase.handle(
        review,
        user('user:default/lena', ['group:default/web-content']),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(await mixedCase.platformTeams()).toEqual(
      new Set(['group:default/web-content', 'group:default/platform-ops']),
    );
  });

  it('applies to refreshing the snapshot too', async () => {
    const refresh = {
      permission: {
        type: 'basic' as const,
        name: 'orchestration.snapshot.refresh',
        attributes: {},
      },
    };
    expect(
      await policy().handle(
        refresh,
        user('user:default/lena', ['group:default/web-content']),
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await policy().handle(
        refresh,
        user('user:default/guest', ['group:default/platform']),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('allows everything else to everyone, as before', async () => {
    const anyone = user('user:default/lena', ['group:default/web-content']);
    expect(
      await policy().handle(
        { permission: orchestrationAssessmentReadPermission },
        anyone,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policy().handle(
        { permission: catalogEntityReadPermission },
        anyone,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('reads platform teams from the catalog once per cache period', async () => {
    const catalog = catalogServiceMock.mock({
      queryEntities: jest.fn(async () => ({
        items: groups,
        totalItems: 2,
        pageInfo: {},
      })) as any,
    });
    const cached = new OrchestrationPermissionPolicy({
      catalog,
      auth: mockServices.auth(),
      userInfo,
      logger: mockServices.logger.mock(),
    });
    for (let i = 0; i < 3; i++) {
      await cached.handle(
        review,
        user('user:default/guest', ['group:default/platform']),
      );
    }
    expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
  });
  it('asks the catalog again soon when it had no platform team yet, as at start-up', async () => {
    const catalog = catalogServiceMock.mock({
      queryEntities: jest
        .fn()
        .mockResolvedValueOnce({ items: [], totalItems: 0, pageInfo: {} })
        .mockResolvedValue({ items: groups, totalItems: 2, pageInfo: {} }),
    });
    const starting = new OrchestrationPermissionPolicy({
      catalog,
      auth: mockServices.auth(),
      userInfo,
      logger: mockServices.logger.mock(),
    });
    const member = user('user:default/guest', ['group:default/platform']);
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      expect(await starting.handle(review, member)).toEqual({
        result: AuthorizeResult.DENY,
      });
      now.mockReturnValue(1_000_000 + 6_000);
      expect(await starting.handle(review, member)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
      now.mockReturnValue(1_000_000 + 30_000);
      await starting.handle(review, member);
      expect(catalog.queryEntities).toHaveBeenCalledTimes(2);
    } finally {
      now.mockRestore();
    }
  });
});
