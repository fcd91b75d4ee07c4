import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { orchestrationPermissions } from '@orchestration/plugin-orchestration-common';
import { registerActions } from './actions';
import { createRouter, SNAPSHOT_TASK_ID } from './router';
import { AccessControl, PermissionSetupCheck } from './services/Access';
import { Assessor } from './services/Assessor';
import { CatalogReader, catalogReadsFor } from './services/CatalogReader';
import { ClusterFactsService } from './services/ClusterFacts';
import { OrchestrationNotifier } from './services/Notifications';
import { readBackendConfig } from './services/config/readBackendConfig';
import { OrchestrationService } from './services/OrchestrationService';
import { SnapshotService } from './services/SnapshotService';
import { OrchestrationStore } from './services/Store';

/**
 * The Orchestration backend plugin: assessments of every service from the
 * catalog, a stored snapshot refreshed on a schedule, review decisions and
 * history, served under `/api/orchestration`.
 *
 * @public
 */
export const orchestrationPlugin = createBackendPlugin({
  pluginId: 'orchestration',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        userInfo: coreServices.userInfo,
        rootLifecycle: coreServices.rootLifecycle,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init({
        logger,
        config,
        database,
        scheduler,
        httpRouter,
        httpAuth,
        auth,
        discovery,
        permissions,
        userInfo,
        rootLifecycle,
        permissionsRegistry,
        catalog,
        actionsRegistry,
        notifications,
      }) {
        const settings = readBackendConfig(config);
        permissionsRegistry.addPermissions(orchestrationPermissions);

        const store = await OrchestrationStore.create(database);
        const reader = new CatalogReader(
          catalogReadsFor(catalog, { discovery, auth }),
          logger,
          {
            pageSize: settings.snapshot.pageSize,
            timeoutMs: settings.catalog.timeoutMs,
          },
        );
        const access = new AccessControl(permissions);
        const clusterFacts = new ClusterFactsService({
          knex: store.knex,
          reader,
          auth,
          access,
          logger,
          options: settings.options,
          retention: settings.clusterFacts.retention,
        });
        const assessor = new Assessor(
          reader,
          settings.options,
          undefined,
          clusterFacts,
        );
        const snapshots = new SnapshotService({
          store,
          reader,
          auth,
          logger,
          options: settings.options,
          include: settings.snapshot.include,
          clusterReports: clusterFacts,
          notifier: settings.notifications.enabled
            ? new OrchestrationNotifier({
                knex: store.knex,
                notifications,
                logger,
                config: settings.notifications,
              })
            : undefined,
          lease: settings.snapshot.lease,
        });
        // Runs left running by an instance that stopped mid-refresh.
        await snapshots.failAbandonedRuns();
        const service = new OrchestrationService({
          store,
          reader,
          assessor,
          snapshots,
          access,
          auth,
          clusterFacts,
        });

        await scheduler.scheduleTask({
          id: SNAPSHOT_TASK_ID,
          scope: 'global',
          ...settings.snapshot.schedule,
          fn: async () => {
            try {
              await snapshots.refresh();
            } catch {
              // already logged and recorded as a failed snapshot
            }
          },
        });
        await scheduler.scheduleTask({
          id: 'orchestration-history-cleanup',
          scope: 'global',
          ...settings.history.schedule,
          fn: async () => {
            const before = new Date(
              Date.now() - settings.history.retentionDays * 86_400_000,
            ).toISOString();
            const pruned = await store.prune(before);
            logger.info(
              `Pruned ${pruned.history} history entries and ${pruned.snapshots} snapshot records older than ${before}`,
            );
            const reports = await clusterFacts.prune();
            logger.info(
              `Pruned ${reports} reported cluster facts beyond orchestration.clusterFacts.retention`,
            );
          },
        });

        // Warns when anyone may record reviews: permissions off, or a policy that allows them to all.
        const permissionSetup = new PermissionSetupCheck({
          config,
          permissions,
          auth,
          userInfo,
          logger,
          platformTeams: async () =>
            reader.platformTeams(
              await auth.getOwnServiceCredentials(),
              settings.options.platformTeams,
            ),
        });
        // Once every plugin has started, so that the permission backend answers.
        rootLifecycle.addStartupHook(() => {
          permissionSetup.checkAtStartup();
        });
        httpRouter.use(permissionSetup.middleware(httpAuth));

        httpRouter.use(
          await createRouter({
            logger,
            httpAuth,
            refresh: () => snapshots.refresh(),
            service,
            clusterFacts,
            access,
            validateResponses:
              config.getOptionalBoolean(
                'orchestration.api.validateResponses',
              ) ?? false,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        registerActions(actionsRegistry, service);
      },
    });
  },
});
