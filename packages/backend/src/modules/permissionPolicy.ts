import {
  AuthService,
  coreServices,
  createBackendModule,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  entityRefOf,
  isAnnotatedPlatformTeam,
  orchestrationReviewCreatePermission,
  resolveEntityRef,
} from '@orchestration/plugin-orchestration-common';

/** Permissions that only platform-team members are granted. */
export const PLATFORM_TEAM_PERMISSIONS = new Set([
  orchestrationReviewCreatePermission.name,
  'orchestration.snapshot.refresh',
]);

function normaliseGroupRef(ref: string): string | undefined {
  return resolveEntityRef(ref, {
    defaultKind: 'group',
    defaultNamespace: DEFAULT_NAMESPACE,
  });
}

/**
 * The permission policy of this app: everyone may read, and recording an
 * Orchestration review (or refreshing the snapshot) is allowed only to
 * members of a platform team, i.e. a Group annotated
 * `orchestration.io/platform-team: "true"` or listed in
 * `orchestration.platformTeams`. Membership comes from the user's ownership
 * refs, so a platform team without members grants nothing to anyone.
 */
export class OrchestrationPermissionPolicy implements PermissionPolicy {
  private cache?: { at: number; ttl: number; teams: Set<string> };
  private loading?: Promise<Set<string>>;
  private readonly configured: string[];

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      userInfo: UserInfoService;
      logger: LoggerService;
      configuredPlatformTeams?: string[];
      cacheMillis?: number;
    },
  ) {
    this.configured = (deps.configuredPlatformTeams ?? [])
      .map(normaliseGroupRef)
      .filter((r): r is string => !!r);
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!PLATFORM_TEAM_PERMISSIONS.has(request.permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const ownership = await this.ownershipOf(user);
    if (ownership.length === 0) return { result: AuthorizeResult.DENY };
    const teams = await this.platformTeams();
    const member = ownership.some(ref =>
      teams.has(ref.toLocaleLowerCase('en-US')),
    );
    return { result: member ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }

  /** The user's ownership refs (the user and its groups); none for a non-user caller. */
  private async ownershipOf(user?: PolicyQueryUser): Promise<string[]> {
    if (!user || !this.deps.auth.isPrincipal(user.credentials, 'user')) {
      return [];
    }
    try {
      const info = await this.deps.userInfo.getUserInfo(user.credentials);
      return info.ownershipEntityRefs;
    } catch (error) {
      this.deps.logger.warn(
        `Could not read the user's groups: ${(error as Error).message}`,
      );
      return [];
    }
  }

  /** Platform-team Group refs, from the catalog (cached briefly) and configuration. */
  async platformTeams(): Promise<Set<string>> {
    if (this.cache && Date.now() - this.cache.at < this.cache.ttl) {
      return this.cache.teams;
    }
    if (!this.loading) {
      this.loading = this.load().finally(() => {
        this.loading = undefined;
      });
    }
    return this.loading;
  }

  private async load(): Promise<Set<string>> {
    const teams = new Set(this.configured);
    try {
      const credentials = await this.deps.auth.getOwnServiceCredentials();
      let cursor: string | undefined;
      do {
        const response = await this.deps.catalog.queryEntities(
          cursor
            ? { cursor, limit: 500 }
            : {
                filter: { kind: 'group' },
                fields: [
                  'kind',
                  'metadata.name',
                  'metadata.namespace',
                  'metadata.annotations',
                ],
                limit: 500,
              },
          { credentials },
        );
        for (const group of response.items) {
          if (isAnnotatedPlatformTeam(group)) teams.add(entityRefOf(group));
        }
        cursor = response.pageInfo.nextCursor;
      } while (cursor);
      // A catalog that is still loading at start-up shows no annotated team yet: remember
      // that answer only for a few seconds, so members are not refused for a whole minute.
      const foundAnnotated = teams.size > new Set(this.configured).size;
      const ttl = this.deps.cacheMillis ?? 60_000;
      this.cache = {
        at: Date.now(),
        ttl: foundAnnotated ? ttl : Math.min(ttl, 5_000),
        teams,
      };
      return teams;
    } catch (error) {
      this.deps.logger.warn(
        `Could not read platform teams from the catalog: ${
          (error as Error).message
        }`,
      );
      // Keep the last known teams; without any, only configured teams count.
      return this.cache?.teams ?? teams;
    }
  }
}

/** Installs {@link OrchestrationPermissionPolicy} in the permission backend. */
export const orchestrationPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'orchestration-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ policy, catalog, auth, userInfo, config, logger }) {
        policy.setPolicy(
          new OrchestrationPermissionPolicy({
            catalog,
            auth,
            userInfo,
            logger,
            configuredPlatformTeams:
              config.getOptionalStringArray('orchestration.platformTeams') ??
              [],
          }),
        );
      },
    });
  },
});
