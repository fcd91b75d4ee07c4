import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  orchestrationAssessmentReadPermission,
  orchestrationClusterFactsReportPermission,
  orchestrationReviewCreatePermission,
  orchestrationSnapshotRefreshPermission,
} from '@orchestration/plugin-orchestration-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import policyModule from './index';

const PLATFORM_TEAM = { 'orchestration.io/platform-team': 'true' };

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

const GUEST = 'user:default/guest';
const LENA = 'user:default/lena-fischer';
const SAM = 'user:default/sam';
const ownership: Record<string, string[]> = {
  [GUEST]: [GUEST, 'group:default/platform'],
  [LENA]: [LENA, 'group:default/web-content'],
  [SAM]: [SAM, 'group:default/sre'],
};

const catalogEntityRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const scaffolderTaskCreate = createPermission({
  name: 'scaffolder.task.create',
  attributes: { action: 'create' },
});

async function startPolicyBackend(config: Record<string, unknown> = {}) {
  const backend = await startTestBackend({
    features: [
      permissionPlugin,
      policyModule,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          orchestration: { platformTeams: ['sre'] },
          ...config,
        },
      }),
      catalogServiceMock.factory({
        entities: [
          group('platform', ['guest'], PLATFORM_TEAM),
          group('web-content', ['lena-fischer']),
        ],
      }),
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const ref = (credentials.principal as { userEntityRef: string })
            .userEntityRef;
          return {
            userEntityRef: ref,
            ownershipEntityRefs: ownership[ref] ?? [ref],
          };
        },
      }).factory,
      // A request without a token is unauthenticated, as in a real backend.
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  return backend.server;
}

/** Asks the permission backend over HTTP, as other plugins do. */
async function authorize(
  server: any,
  permission: Permission,
  user: string | undefined,
): Promise<AuthorizeResult> {
  const call = request(server)
    .post('/api/permission/authorize')
    .send({
      items: [
        {
          id: '1',
          permission,
          ...(permission.type === 'resource'
            ? { resourceRef: 'component:default/content-api' }
            : {}),
        },
      ],
    });
  const res = await (user
    ? call.set('Authorization', mockCredentials.user.header(user))
    : call);
  expect(res.status).toBe(200);
  return res.body.items[0].result;
}

const { ALLOW, DENY } = AuthorizeResult;

describe('orchestrationPermissionPolicyModule', () => {
  let server: any;
  beforeAll(async () => {
    server = await startPolicyBackend();
  });

  it.each<[string, Permission, string, AuthorizeResult]>([
    [
      'a platform-team member records reviews',
      orchestrationReviewCreatePermission,
      GUEST,
      ALLOW,
    ],
    [
      'a platform-team member reports cluster facts',
      orchestrationClusterFactsReportPermission,
      GUEST,
      ALLOW,
    ],
    [
      'a platform-team member refreshes',
      orchestrationSnapshotRefreshPermission,
      GUEST,
      ALLOW,
    ],
    [
      'a configured platform team records reviews',
      orchestrationReviewCreatePermission,
      SAM,
      ALLOW,
    ],
    ['another team reads', orchestrationAssessmentReadPermission, LENA, ALLOW],
    [
      'another team may not record reviews',
      orchestrationReviewCreatePermission,
      LENA,
      DENY,
    ],
    [
      'another team may not report cluster facts',
      orchestrationClusterFactsReportPermission,
      LENA,
      DENY,
    ],
    [
      'another team may not refresh',
      orchestrationSnapshotRefreshPermission,
      LENA,
      DENY,
    ],
    [
      'another plugin’s resource permission is allowed',
      catalogEntityRead,
      LENA,
      ALLOW,
    ],
    [
      'another plugin’s basic permission is allowed',
      scaffolderTaskCreate,
      LENA,
      ALLOW,
    ],
  ])('%s', async (_name, permission, user, result) => {
    expect(await authorize(server, permission, user)).toBe(result);
  });

  it('lets no unauthenticated request reach the policy under the default auth policy', async () => {
    const res = await request(server)
      .post('/api/permission/authorize')
      .send({
        items: [
          { id: '1', permission: orchestrationSnapshotRefreshPermission },
        ],
      });
    expect(res.status).toBe(401);
  });
});

describe('orchestrationPermissionPolicyModule, unauthenticated requests let through', () => {
  let server: any;
  beforeAll(async () => {
    server = await startPolicyBackend({
      backend: { auth: { dangerouslyDisableDefaultAuthPolicy: true } },
    });
  });

  it.each<[string, Permission, AuthorizeResult]>([
    ['no review is recorded', orchestrationReviewCreatePermission, DENY],
    ['no assessment is read', orchestrationAssessmentReadPermission, DENY],
    ['no refresh', orchestrationSnapshotRefreshPermission, DENY],
    [
      'everything else is allowed, as with allow-all',
      scaffolderTaskCreate,
      ALLOW,
    ],
  ])('%s', async (_name, permission, result) => {
    expect(await authorize(server, permission, undefined)).toBe(result);
  });
});
