import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  orchestrationAssessmentReadPermission,
  orchestrationClusterFactsReportPermission,
  orchestrationReviewCreatePermission,
} from '@orchestration/plugin-orchestration-common';
import {
  OrchestrationPermissionPolicy,
  readCatalogTimeoutMs,
} from './permissionPolicy';

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

  it('lets only platform-team members report cluster facts', async () => {
    const report = {
      permission: orchestrationClusterFactsReportPermission,
      resourceRef: 'resource:default/prod-kops',
    };
    expect(
      await policy().handle(
        report,
        user('user:default/lena', ['group:default/web-content']),
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await policy().handle(
        report,
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

  it('decides within the catalog timeout while the catalog hangs, and asks it again once it answers', async () => {
    const state = { hanging: true };
    const catalog = catalogServiceMock.mock({
      queryEntities: jest.fn(() =>
        state.hanging
          ? new Promise(() => {})
          : Promise.resolve({ items: groups, totalItems: 2, pageInfo: {} }),
      ) as any,
    });
    const logger = mockServices.logger.mock();
    const hanging = new OrchestrationPermissionPolicy({
      catalog,
      auth: mockServices.auth(),
      userInfo,
      logger,
      timeoutMs: 100,
    });
    const member = user('user:default/guest', ['group:default/platform']);

    const started = Date.now();
    // Concurrent decisions share one lookup; none waits past the timeout.
    const decisions = await Promise.all([
      hanging.handle(review, member),
      hanging.handle(review, member),
    ]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(decisions).toEqual([
      { result: AuthorizeResult.DENY },
      { result: AuthorizeResult.DENY },
    ]);
    expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('The catalog did not answer within 0.1 s'),
    );

    // The lookup that never got an answer is dropped: the next decision asks again.
    state.hanging = false;
    expect(await hanging.handle(review, member)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(catalog.queryEntities).toHaveBeenCalledTimes(2);
  });
});

describe('readCatalogTimeoutMs', () => {
  const read = (timeout?: unknown) =>
    readCatalogTimeoutMs(
      mockServices.rootConfig({
        data:
          timeout === undefined
            ? {}
            : { orchestration: { catalog: { timeout } } },
      } as any),
    );

  it.each([
    [undefined, 10_000],
    [2500, 2500],
    ['2500', 2500],
    ['2s', 2000],
    ['PT30S', 30_000],
    [{ seconds: 20 }, 20_000],
    [{ minutes: 1, milliseconds: 500 }, 60_500],
  ])('reads %p as %p ms', (timeout, millis) => {
    expect(read(timeout)).toBe(millis);
  });

  it.each([[0], ['soon'], [{ secs: 10 }], ['2h'], [true]])(
    'refuses %p naming the key',
    timeout => {
      expect(() => read(timeout)).toThrow(
        /orchestration\.catalog\.timeout: expected a duration between 1 ms and 1 hour/,
      );
    },
  );
});
