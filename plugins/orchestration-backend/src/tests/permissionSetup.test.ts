import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  createBackendModule,
  LoggerService,
} from '@backstage/backend-plugin-api';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import request from 'supertest';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  catalogEntities,
  OTHER_USER,
  PLATFORM_USER,
} from '../__fixtures__/catalog';
import { orchestrationPlugin } from '../plugin';
import { PermissionSetupCheck } from '../services/Access';

const allowAll: PermissionPolicy = {
  handle: async () => ({ result: AuthorizeResult.ALLOW }),
};

/** Reviews by platform-team members only, as a sane policy does. */
const platformTeamsOnly: PermissionPolicy = {
  handle: async (query, user) =>
    query.permission.name !== 'orchestration.review.create' ||
    user?.info.ownershipEntityRefs.includes('group:default/platform')
      ? { result: AuthorizeResult.ALLOW }
      : { result: AuthorizeResult.DENY },
};

function policyModule(policy: PermissionPolicy) {
  return createBackendModule({
    pluginId: 'permission',
    moduleId: 'test-policy',
    register(reg) {
      reg.registerInit({
        deps: { policies: policyExtensionPoint },
        async init({ policies }) {
          policies.setPolicy(policy);
        },
      });
    },
  });
}

// Users and their groups, as the catalog's sign-in resolvers give them.
const ownership: Record<string, string[]> = {
  [PLATFORM_USER]: [PLATFORM_USER, 'group:default/platform'],
  [OTHER_USER]: [OTHER_USER, 'group:default/web-content'],
};
const userInfo = () =>
  mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: ownership[ref] ?? [ref],
      };
    },
  }).factory;

/** The messages logged at a level, once `until` holds or after two seconds. */
async function logged(
  logger: jest.Mocked<LoggerService>,
  level: 'warn' | 'debug',
  until: (messages: string[]) => boolean = () => false,
): Promise<string[]> {
  const messages = () =>
    logger[level].mock.calls.map(([message]) => String(message));
  for (let i = 0; i < 40 && !until(messages()); i++) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return messages();
}

const DISABLED = /^Permissions are disabled \(permission.enabled is not true\)/;
const OPEN_TO_UNAUTHENTICATED =
  /^The permission policy allows orchestration.review.create to unauthenticated callers/;
const OPEN_TO_NON_MEMBERS = new RegExp(
  `^The permission policy allows orchestration.review.create to ${OTHER_USER}, who is in no platform team, on any service`,
);
const NOT_ASKED = /^The permission policy could not be asked without a user/;

async function start(options: {
  permission?: { enabled: boolean };
  policy?: PermissionPolicy;
  openDoors?: boolean;
}) {
  const logger = mockServices.logger.mock();
  const backend = await startTestBackend({
    features: [
      orchestrationPlugin,
      catalogServiceMock.factory({ entities: catalogEntities }),
      logger.factory,
      userInfo(),
      mockServices.rootConfig.factory({
        data: {
          orchestration: {},
          ...(options.permission ? { permission: options.permission } : {}),
          ...(options.openDoors
            ? {
                backend: {
                  auth: { dangerouslyDisableDefaultAuthPolicy: true },
                },
              }
            : {}),
        },
      }),
      // Requests without a token are unauthenticated, as in a real backend.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      ...(options.policy
        ? [permissionPlugin, policyModule(options.policy)]
        : []),
    ],
  });
  const visit = async (user: string) => {
    const res = await request(backend.server)
      .get('/api/orchestration/v1/snapshot')
      .set('Authorization', mockCredentials.user.header(user));
    expect(res.status).toBe(200);
  };
  return { logger, backend, visit };
}

jest.setTimeout(30_000);

describe('warnings when anyone may record reviews', () => {
  it('warns at start-up that permissions are disabled, naming the consequence and the fix', async () => {
    const { logger, backend } = await start({});
    const warnings = await logged(logger, 'warn', m =>
      m.some(w => DISABLED.test(w)),
    );
    expect(warnings.filter(w => DISABLED.test(w))).toEqual([
      'Permissions are disabled (permission.enabled is not true), so every permission is allowed: anyone signed in can record Orchestration reviews, report cluster facts and refresh the snapshot. Set permission.enabled: true and install a permission policy. Grant orchestration.review.create, orchestration.cluster.facts.report and orchestration.snapshot.refresh to platform teams only (see "Permissions" in the README of @orchestration/plugin-orchestration-backend).',
    ]);
    await backend.stop();
  });

  it('warns at start-up when the policy lets unauthenticated callers record reviews', async () => {
    const { logger, backend } = await start({
      permission: { enabled: true },
      policy: allowAll,
      openDoors: true,
    });
    const warnings = await logged(logger, 'warn', m =>
      m.some(w => OPEN_TO_UNAUTHENTICATED.test(w)),
    );
    expect(warnings.filter(w => OPEN_TO_UNAUTHENTICATED.test(w))).toHaveLength(
      1,
    );
    expect(warnings.some(w => DISABLED.test(w))).toBe(false);
    await backend.stop();
  });

  it('under the default auth policy, where only users reach the policy, warns on the first request of a user outside the platform teams', async () => {
    const { logger, backend, visit } = await start({
      permission: { enabled: true },
      policy: allowAll,
    });
    // The probe without a user is refused before any policy (401).
    expect(
      (await logged(logger, 'debug', m => m.some(d => NOT_ASKED.test(d)))).some(
        d => NOT_ASKED.test(d),
      ),
    ).toBe(true);
    expect(logger.warn).not.toHaveBeenCalled();

    // A platform-team member may record reviews: nothing to say.
    await visit(PLATFORM_USER);
    await logged(logger, 'debug', m => m.some(d => d.includes(PLATFORM_USER)));
    expect(logger.warn).not.toHaveBeenCalled();

    await visit(OTHER_USER);
    await visit(OTHER_USER);
    const warnings = await logged(logger, 'warn', m => m.length > 0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(OPEN_TO_NON_MEMBERS);
    await backend.stop();
  });

  it.each([
    [
      'with the default auth policy',
      false,
      "The permission policy could not be asked without a user (Request failed with 401 Unauthorized); it is checked on the first users' requests instead",
    ],
    [
      'with unauthenticated requests let through',
      true,
      'The permission policy denies orchestration.review.create to unauthenticated callers',
    ],
  ])(
    'says nothing when the policy keeps reviews to platform teams, %s',
    async (_name, openDoors, atStartup) => {
      const { logger, backend, visit } = await start({
        permission: { enabled: true },
        policy: platformTeamsOnly,
        openDoors,
      });
      await visit(OTHER_USER);
      const checked = await logged(
        logger,
        'debug',
        m =>
          m.includes(atStartup) &&
          m.some(d => d.startsWith('The permission policy does not allow')),
      );
      expect(checked).toEqual(
        expect.arrayContaining([
          atStartup,
          `The permission policy does not allow orchestration.review.create on any service to ${OTHER_USER}, who is in no platform team (DENY)`,
        ]),
      );
      expect(logger.warn).not.toHaveBeenCalled();
      await backend.stop();
    },
  );
});

describe('PermissionSetupCheck', () => {
  it('looks at a bounded number of users, each once, and stops after warning', async () => {
    const permissions = mockServices.permissions.mock({
      authorize: jest.fn(async () => [{ result: AuthorizeResult.DENY }]) as any,
    });
    const check = new PermissionSetupCheck({
      config: mockServices.rootConfig({
        data: { permission: { enabled: true } },
      }),
      permissions,
      auth: mockServices.auth(),
      userInfo: mockServices.userInfo(),
      logger: mockServices.logger.mock(),
      platformTeams: async () => [],
      maxUsers: 3,
    });
    for (const name of ['a', 'b', 'a', 'c', 'd', 'e']) {
      await check.checkUser(mockCredentials.user(`user:default/${name}`));
    }
    expect(permissions.authorize).toHaveBeenCalledTimes(3);
  });
});
