import {
  AuthService,
  LoggerService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_PLATFORM_TEAM,
  GroupFacts,
  groupFactsOf,
  orchestrationAssessmentReadPermission,
  orchestrationClusterFactsReportPermission,
  orchestrationReviewCreatePermission,
  orchestrationSnapshotRefreshPermission,
  platformTeamsAmong,
  readOrchestrationConfig,
  resolveEntityRef,
} from '@orchestration/plugin-orchestration-common';
import {
  DEFAULT_CATALOG_TIMEOUT_MS,
  readCatalogTimeoutMs,
  withCatalogTimeout,
} from '../catalogTimeout';

/** Permissions every signed-in user is granted. */
const READ_PERMISSIONS: ReadonlySet<string> = new Set([
  orchestrationAssessmentReadPermission.name,
]);

/** Permissions only platform-team members are granted. */
const PLATFORM_TEAM_PERMISSIONS: ReadonlySet<string> = new Set([
  orchestrationReviewCreatePermission.name,
  orchestrationClusterFactsReportPermission.name,
  orchestrationSnapshotRefreshPermission.name,
]);

/** The fields of a Group that `groupFactsOf` reads (members, annotations, parent). */
const GROUP_FACT_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.members',
  'spec.parent',
  'relations',
];

/** Groups read from the catalog per page. */
const PAGE_SIZE = 500;

/**
 * What the decider needs.
 *
 * @public
 */
export interface OrchestrationPermissionDeciderOptions {
  /** Where the platform-team Groups are read, with the decider's own service credentials. */
  catalog: CatalogService;
  auth: AuthService;
  /** Gives the user's ownership refs (the user and its Groups). */
  userInfo: UserInfoService;
  logger: LoggerService;
  /**
   * Groups that are platform teams besides those annotated
   * `orchestration.io/platform-team: "true"`: `orchestration.platformTeams`
   * as written in configuration (`platform`, `group:infra/sre`).
   */
  platformTeams?: readonly string[];
  /** How long a single catalog call may take. Default 10 seconds. */
  timeoutMs?: number;
  /** How long the platform teams read from the catalog are reused. Default one minute. */
  cacheMillis?: number;
}

/** The platform teams and, when the catalog could not be read, why. */
interface PlatformTeams {
  teams: ReadonlySet<string>;
  /** Why the catalog could not be read; the last known teams, or the configured ones, apply. */
  unavailable?: string;
}

/**
 * Decides the Orchestration permissions for an adopter's own
 * `PermissionPolicy`, and leaves every other permission to it:
 *
 * - `orchestration.assessment.read`: allowed to every signed-in user;
 * - `orchestration.review.create`, `orchestration.cluster.facts.report` and
 *   `orchestration.snapshot.refresh`: allowed to members of a platform team
 *   only, i.e. a Group annotated `orchestration.io/platform-team: "true"` or
 *   listed in `orchestration.platformTeams`, with at least one member (the
 *   same rule as the assessments use). Membership comes from the user's
 *   ownership refs;
 * - any other permission: `undefined`, so the policy goes on with its own
 *   rules.
 *
 * Decisions are definitive (`ALLOW` or `DENY`, never conditional), so they
 * answer both `authorize` and `authorizeConditional`, with or without a
 * resource ref. Requests without a user (unauthenticated callers) are denied;
 * service principals never reach a policy.
 *
 * The platform-team Groups are read from the catalog with the decider's own
 * service credentials, each call bounded by `orchestration.catalog.timeout`,
 * and reused for a minute. When the catalog cannot be read, the last known
 * teams apply (only the configured ones when none is known yet), the denial
 * is logged with the reason, and the next decision asks the catalog again.
 *
 * @example
 * ```ts
 * class MyPolicy implements PermissionPolicy {
 *   constructor(private readonly orchestration: OrchestrationPermissionDecider) {}
 *   async handle(request: PolicyQuery, user?: PolicyQueryUser) {
 *     const decision = await this.orchestration.decide(request, user);
 *     if (decision) return decision;
 *     // ...the adopter's own rules
 *     return { result: AuthorizeResult.DENY };
 *   }
 * }
 * ```
 * @public
 */
export class OrchestrationPermissionDecider {
  private cache?: { at: number; ttl: number; teams: ReadonlySet<string> };
  private loading?: Promise<PlatformTeams>;
  private readonly configured: readonly string[];
  private readonly timeoutMs: number;
  private readonly cacheMillis: number;

  /**
   * A decider configured from `orchestration.platformTeams` and
   * `orchestration.catalog.timeout`.
   *
   * @throws InputError naming the key when either is invalid
   */
  static fromConfig(
    config: RootConfigService,
    deps: Pick<
      OrchestrationPermissionDeciderOptions,
      'catalog' | 'auth' | 'userInfo' | 'logger'
    >,
  ): OrchestrationPermissionDecider {
    let platformTeams: string[] | undefined;
    try {
      platformTeams = config.getOptionalStringArray(
        'orchestration.platformTeams',
      );
    } catch (error) {
      throw new InputError(
        `orchestration.platformTeams: expected a list of group entity refs; ${
          (error as Error).message
        }`,
      );
    }
    return new OrchestrationPermissionDecider({
      ...deps,
      platformTeams,
      timeoutMs: readCatalogTimeoutMs(config),
    });
  }

  constructor(private readonly options: OrchestrationPermissionDeciderOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_CATALOG_TIMEOUT_MS;
    this.cacheMillis = options.cacheMillis ?? 60_000;
    // Configured refs are resolved as the assessments resolve them.
    const read = readOrchestrationConfig({
      platformTeams: [...(options.platformTeams ?? [])],
    });
    if (!read.ok) throw new InputError(read.errors.join('; '));
    // Only refs the catalog can look up are asked about.
    this.configured = read.options.platformTeams.filter(
      ref => resolveEntityRef(ref, { defaultKind: 'group' }) === ref,
    );
  }

  /** Whether the permission is one of Orchestration's, decided here. */
  handles(permission: Permission): boolean {
    return (
      READ_PERMISSIONS.has(permission.name) ||
      PLATFORM_TEAM_PERMISSIONS.has(permission.name)
    );
  }

  /**
   * The decision for an Orchestration permission; `undefined` for any other
   * permission, which the calling policy decides itself.
   */
  async decide(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision | undefined> {
    const permission = request.permission;
    if (!this.handles(permission)) return undefined;
    const userRef = this.userRefOf(user);
    if (!userRef || !user) return { result: AuthorizeResult.DENY };
    if (READ_PERMISSIONS.has(permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const ownership = await this.ownershipOf(user, userRef);
    if (ownership.length === 0) return { result: AuthorizeResult.DENY };
    const { teams, unavailable } = await this.readPlatformTeams();
    if (ownership.some(ref => teams.has(ref.toLocaleLowerCase('en-US')))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (unavailable) {
      this.options.logger.warn(
        `Denied ${
          permission.name
        } to ${userRef}: the platform teams could not be read from the catalog (${unavailable}); ${
          this.cache
            ? 'the last known teams apply'
            : 'only orchestration.platformTeams applies'
        } until it answers`,
      );
    }
    return { result: AuthorizeResult.DENY };
  }

  /** Whether the user belongs to a platform team. */
  async isPlatformTeamMember(user?: PolicyQueryUser): Promise<boolean> {
    const userRef = this.userRefOf(user);
    if (!userRef || !user) return false;
    const ownership = await this.ownershipOf(user, userRef);
    const { teams } = await this.readPlatformTeams();
    return ownership.some(ref => teams.has(ref.toLocaleLowerCase('en-US')));
  }

  /**
   * The platform teams' entity refs, sorted: annotated or configured Groups
   * with at least one member.
   */
  async platformTeams(): Promise<string[]> {
    return [...(await this.readPlatformTeams()).teams].sort();
  }

  private userRefOf(user?: PolicyQueryUser): string | undefined {
    if (!user || !this.options.auth.isPrincipal(user.credentials, 'user')) {
      return undefined;
    }
    return user.credentials.principal.userEntityRef;
  }

  /** The user's ownership refs (the user and its groups); none when they cannot be read. */
  private async ownershipOf(
    user: PolicyQueryUser,
    userRef: string,
  ): Promise<string[]> {
    try {
      const info = await this.options.userInfo.getUserInfo(user.credentials);
      return info.ownershipEntityRefs;
    } catch (error) {
      this.options.logger.warn(
        `Could not read the groups of ${userRef}, so no Orchestration write is allowed to them: ${
          (error as Error).message
        }`,
      );
      return [];
    }
  }

  /**
   * The platform teams, from the catalog (reused for a while) and
   * configuration. Concurrent decisions share one lookup, which settles
   * within the catalog timeout per call and is then dropped, so a lookup
   * that never got an answer holds up no later decision.
   */
  private async readPlatformTeams(): Promise<PlatformTeams> {
    if (this.cache && Date.now() - this.cache.at < this.cache.ttl) {
      return { teams: this.cache.teams };
    }
    if (!this.loading) {
      const loading = this.load().finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  private async load(): Promise<PlatformTeams> {
    try {
      const groups = await this.loadGroups();
      const teams = new Set(platformTeamsAmong(groups, this.configured));
      // A catalog that is still loading at start-up shows no annotated team yet: remember
      // that answer only for a few seconds, so members are not refused for a whole minute.
      const foundAnnotated = [...groups.values()].some(
        g => g.annotatedPlatformTeam && g.memberCount > 0,
      );
      this.cache = {
        at: Date.now(),
        ttl: foundAnnotated
          ? this.cacheMillis
          : Math.min(this.cacheMillis, 5_000),
        teams,
      };
      return { teams };
    } catch (error) {
      const reason = (error as Error)?.message ?? String(error);
      this.options.logger.warn(
        `Could not read platform teams from the catalog: ${reason}`,
      );
      // Keep the last known teams; without any, only configured teams count.
      return {
        teams:
          this.cache?.teams ??
          new Set(platformTeamsAmong(new Map(), this.configured)),
        unavailable: reason,
      };
    }
  }

  /**
   * The candidate Groups, summarised, by entity ref: those carrying the
   * platform-team annotation, page by page, and the configured ones, in one
   * call; so the work grows with the platform teams, not with the catalog.
   * Each catalog call is bounded by the timeout.
   */
  private async loadGroups(): Promise<Map<string, GroupFacts>> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const groups = new Map<string, GroupFacts>();
    const add = (entity: Entity) => {
      const facts = groupFactsOf(entity);
      groups.set(facts.entityRef, facts);
    };
    let cursor: string | undefined;
    do {
      const response = await withCatalogTimeout(
        catalog.queryEntities(
          cursor
            ? { cursor, limit: PAGE_SIZE, fields: GROUP_FACT_FIELDS }
            : {
                filter: {
                  kind: 'group',
                  [`metadata.annotations.${ANNOTATION_PLATFORM_TEAM}`]:
                    CATALOG_FILTER_EXISTS,
                },
                fields: GROUP_FACT_FIELDS,
                limit: PAGE_SIZE,
              },
          { credentials },
        ),
        this.timeoutMs,
      );
      response.items.forEach(add);
      cursor = response.pageInfo.nextCursor;
    } while (cursor);
    if (this.configured.length > 0) {
      const response = await withCatalogTimeout(
        catalog.getEntitiesByRefs(
          { entityRefs: [...this.configured], fields: GROUP_FACT_FIELDS },
          { credentials },
        ),
        this.timeoutMs,
      );
      for (const entity of response.items) {
        if (
          entity &&
          String(entity.kind).toLocaleLowerCase('en-US') === 'group'
        ) {
          add(entity);
        }
      }
    }
    return groups;
  }
}
