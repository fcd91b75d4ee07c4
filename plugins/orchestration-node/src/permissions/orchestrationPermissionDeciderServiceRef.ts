import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { OrchestrationPermissionDecider } from './OrchestrationPermissionDecider';

/**
 * The {@link OrchestrationPermissionDecider} of the plugin that asks for it
 * (the permission plugin, in a policy module), configured from
 * `orchestration.platformTeams` and `orchestration.catalog.timeout`.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'permission',
 *   moduleId: 'my-policy',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: {
 *         policy: policyExtensionPoint,
 *         orchestration: orchestrationPermissionDeciderServiceRef,
 *       },
 *       async init({ policy, orchestration }) {
 *         policy.setPolicy(new MyPolicy(orchestration));
 *       },
 *     });
 *   },
 * });
 * ```
 * @public
 */
export const orchestrationPermissionDeciderServiceRef =
  createServiceRef<OrchestrationPermissionDecider>({
    id: 'orchestration.permission-decider',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          catalog: catalogServiceRef,
          auth: coreServices.auth,
          userInfo: coreServices.userInfo,
          logger: coreServices.logger,
        },
        factory: ({ config, ...deps }) =>
          OrchestrationPermissionDecider.fromConfig(config, deps),
      }),
  });
