import {
  AuthService,
  coreServices,
  createBackendModule,
  LoggerService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import { readDurationFromConfig } from '@backstage/config';
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
  orchestrationClusterFactsReportPermission,
  orchestrationReviewCreatePermission,
  resolveEntityRef,
} from '@orchestration/plugin-orchestration-common';

/** Permissions that only platform-team members are granted. */
export const PLATFORM_TEAM_PERMISSIONS = new Set([
  orchestrationReviewCreatePermission.name,
  orchestrationClusterFactsReportPermission.name,
  'orchestration.snapshot.refresh',
]);

/** Default of `orchestration.catalog.timeout`, as in the Orchestration backend. */
export const DEFAULT_CATALOG_TIMEOUT_MS = 10_000;

const MAX_CATALOG_TIMEOUT_MS = 3_600_000;

/**
 * Reads `orchestration.catalog.timeout`, the time a single catalog call may
 * take: a Backstage duration (`10s`, `PT10S`, `{ seconds: 10 }`) or
 * milliseconds; 10 seconds when not set. Throws naming the key when invalid.
 */
export function readCatalogTimeoutMs(config: RootConfigService): number {
  const key = 'orchestration.catalog.timeout';
  const value = config.getOptional(key);
  if (value === undefined) return DEFAULT_CATALOG_TIMEOUT_MS;
  let millis: number | undefined;
  if (typeof value === 'number') {
    millis = value;
  } else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
    millis = Number(value);
  } else {
    try {
      const {
        years = 0,
        months = 0,
        weeks = 0,
        days = 0,
        hours = 0,
        minutes = 0,
        seconds = 0,
        milliseconds = 0,
      } = readDurationFromConfig(config, { key });
      millis =
        ((((years * 365 + months * 30 + weeks * 7 + days) * 24 + hours) * 60 +
          minutes) *
          60 +
          seconds) *
          1000 +
        milliseconds;
    } catch {
      millis = undefined;
    }
  }
  if (
    millis === undefined ||
    !Number.isFinite(millis) ||
    millis < 1 ||
    millis > MAX_CATALOG_TIMEOUT_MS
  ) {
    throw new Error(
      `Invalid configuration: ${key}: expected a duration between 1 ms and 1 hour, such as 10s, PT10S, { seconds: 10 } or 10000 (milliseconds); got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return Math.round(millis);
}

/** The catalog did not answer in time (a 503, as in the Orchestration backend). */
class CatalogTimeoutError extends Error {
  readonly name = 'ServiceUnavailableError';
  constructor(timeoutMs: number) {
    super(
      `The catalog did not answer within ${Number(
        (timeoutMs / 1000).toFixed(3),
      )} s`,
    );
  }
}

/** The work, or a {@link CatalogTimeoutError} once `timeoutMs` has passed without an answer. */
function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new CatalogTimeoutError(timeoutMs)),
      timeoutMs,
    );
    timer.unref?.();
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

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
 *
 * Every catalog call is bounded by `orchestration.catalog.timeout`: a catalog
 * that does not answer counts as unreachable (the last known teams, or only
 * the configured ones, apply), and the next decision asks it again.
 */
export class OrchestrationPermissionPolicy implements PermissionPolicy {
  private cache?: { at: number; ttl: number; teams: Set<string> };
  private loading?: Promise<Set<string>>;
  private readonly configured: string[];
  private readonly timeoutMs: number;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      userInfo: UserInfoService;
      logger: LoggerService;
      configuredPlatformTeams?: string[];
      cacheMillis?: number;
      /** How long a single catalog call may take. Default 10 seconds. */
      timeoutMs?: number;
    },
  ) {
    this.timeoutMs = deps.timeoutMs ?? DEFAULT_CATALOG_TIMEOUT_MS;
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

  /**
   * Platform-team Group refs, from the catalog (cached briefly) and
   * configuration. Concurrent decisions share one lookup, which settles
   * within the catalog timeout and is then dropped, so a lookup that never
   * got an answer holds up no later decision.
   */
  async platformTeams(): Promise<Set<string>> {
    if (this.cache && Date.now() - this.cache.at < this.cache.ttl) {
      return this.cache.teams;
    }
    if (!this.loading) {
      const loading = this.load().finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  private async load(): Promise<Set<string>> {
    const teams = new Set(this.configured);
    try {
      const credentials = await this.deps.auth.getOwnServiceCredentials();
      let cursor: string | undefined;
      do {
        const response = await withTimeout(
          this.deps.catalog.queryEntities(
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
          ),
          this.timeoutMs,
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
            timeoutMs: readCatalogTimeoutMs(config),
          }),
        );
      },
    });
  },
});
