import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { orchestrationPlugin } from '../plugin';
import { catalogEntities, PLATFORM_USER } from '../__fixtures__/catalog';

/** A permission mock: everyone reads; only the platform user records reviews and refreshes. */
export function permissionsMock() {
  const isPlatformUser = (credentials: any) =>
    credentials?.principal?.userEntityRef === PLATFORM_USER;
  return mockServices.permissions.mock({
    authorize: async (requests: any[], options: any) =>
      requests.map(request => ({
        result:
          request.permission.name === 'orchestration.assessment.read' ||
          isPlatformUser(options.credentials)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })) as any,
    authorizeConditional: async (requests: any[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any,
  });
}

export async function startOrchestration(
  options: {
    entities?: Entity[];
    knex?: Knex;
    config?: Record<string, unknown>;
    features?: Array<ServiceFactory | any>;
    catalog?: ServiceFactory;
  } = {},
) {
  const backend = await startTestBackend({
    features: [
      orchestrationPlugin,
      mockServices.rootConfig.factory({
        data: {
          orchestration: {
            api: { validateResponses: true },
            ...options.config,
          },
        },
      }),
      options.catalog ??
        catalogServiceMock.factory({
          entities: options.entities ?? catalogEntities,
        }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      ...(options.features ?? [permissionsMock().factory]),
    ],
  });
  return backend;
}

export const serviceHeader = () => mockCredentials.service.header();
export const userHeader = (ref: string) => mockCredentials.user.header(ref);
