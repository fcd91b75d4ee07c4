import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  orchestrationClusterFactsReportPermission,
  orchestrationReviewCreatePermission,
  orchestrationSnapshotRefreshPermission,
} from '@orchestration/plugin-orchestration-common';
import { RequestHandler } from 'express';

/** The entity a start-up probe asks about; it need not exist. */
export const PERMISSION_PROBE_RESOURCE_REF =
  'component:default/orchestration-permission-probe';

/** Users whose requests are looked at, at most, before the check gives up. */
const DEFAULT_MAX_USERS = 20;

/** How long the start-up probe may take. */
const PROBE_TIMEOUT_MS = 10_000;

const FIX = `Grant ${orchestrationReviewCreatePermission.name}, ${orchestrationClusterFactsReportPermission.name} and ${orchestrationSnapshotRefreshPermission.name} to platform teams only (see "Permissions" in the README of @orchestration/plugin-orchestration-backend).`;

/** What the start-up check found. */
export type PermissionSetupFinding =
  | 'permissions-disabled'
  | 'allowed-to-unauthenticated'
  | 'denied-to-unauthenticated'
  | 'not-asked';

/**
 * Warns when recording Orchestration reviews is open to everyone:
 *
 * - at start-up, when the permission framework is off (`permission.enabled`
 *   not true: every permission is allowed);
 * - at start-up, when the policy allows `orchestration.review.create` to an
 *   unauthenticated caller. Service principals never reach a policy (the
 *   permissions service allows them itself), so the probe uses none
 *   credentials; under the default auth policy the permission backend
 *   refuses those before any policy (401), so the policy is then not asked;
 * - once, on the first requests of users, when the policy allows
 *   `orchestration.review.create` to a user who is in no platform team on
 *   an entity that does not exist, i.e. whatever the entity (as an
 *   allow-all policy does; ownership conditions deny it). At most a few distinct
 *   users are looked at, each once, after the response, so no request
 *   waits and the work stays bounded.
 */
export class PermissionSetupCheck {
  private readonly enabled: boolean;
  private readonly seen = new Set<string>();
  private done = false;
  private readonly maxUsers: number;

  constructor(
    private readonly deps: {
      config: RootConfigService;
      permissions: PermissionsService;
      auth: AuthService;
      userInfo: UserInfoService;
      logger: LoggerService;
      /** The platform teams' entity refs (lower case). */
      platformTeams: () => Promise<string[]>;
      maxUsers?: number;
    },
  ) {
    this.enabled =
      deps.config.getOptionalBoolean('permission.enabled') === true;
    this.maxUsers = deps.maxUsers ?? DEFAULT_MAX_USERS;
  }

  /** The start-up check; logs what it finds and never fails. */
  async checkAtStartup(): Promise<PermissionSetupFinding> {
    const { logger } = this.deps;
    if (!this.enabled) {
      logger.warn(
        `Permissions are disabled (permission.enabled is not true), so every permission is allowed: anyone signed in can record Orchestration reviews, report cluster facts and refresh the snapshot. Set permission.enabled: true and install a permission policy. ${FIX}`,
      );
      return 'permissions-disabled';
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const credentials = await this.deps.auth.getNoneCredentials();
      const [decision] = await Promise.race([
        this.deps.permissions.authorize(
          [
            {
              permission: orchestrationReviewCreatePermission,
              resourceRef: PERMISSION_PROBE_RESOURCE_REF,
            },
          ],
          { credentials },
        ),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`),
              ),
            PROBE_TIMEOUT_MS,
          );
          timer.unref?.();
        }),
      ]);
      if (decision.result === AuthorizeResult.ALLOW) {
        logger.warn(
          `The permission policy allows ${orchestrationReviewCreatePermission.name} to unauthenticated callers, so anyone can record Orchestration reviews. ${FIX}`,
        );
        return 'allowed-to-unauthenticated';
      }
      logger.debug(
        `The permission policy denies ${orchestrationReviewCreatePermission.name} to unauthenticated callers`,
      );
      return 'denied-to-unauthenticated';
    } catch (error) {
      // Expected under the default auth policy: the permission backend
      // accepts only users, so the policy is checked on users' requests.
      logger.debug(
        `The permission policy could not be asked without a user (${
          (error as Error)?.message ?? String(error)
        }); it is checked on the first users' requests instead`,
      );
      return 'not-asked';
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Looks at the caller of a request once it has been answered; see
   * {@link PermissionSetupCheck.checkUser}.
   */
  middleware(httpAuth: HttpAuthService): RequestHandler {
    return (req, res, next) => {
      if (this.enabled && !this.done && this.seen.size < this.maxUsers) {
        res.once('finish', () => {
          httpAuth
            .credentials(req, { allow: ['user'] })
            .then(credentials => this.checkUser(credentials))
            .catch(() => {
              // not a user, or no credentials: nothing to look at
            });
        });
      }
      next();
    };
  }

  /**
   * Asks once per user (up to the limit) whether the policy lets them record
   * reviews on every service although they are in no platform team, and
   * warns the first time it does. Never fails.
   */
  async checkUser(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<void> {
    const userRef = credentials.principal.userEntityRef;
    if (
      !this.enabled ||
      this.done ||
      this.seen.has(userRef) ||
      this.seen.size >= this.maxUsers
    ) {
      return;
    }
    this.seen.add(userRef);
    try {
      const [{ ownershipEntityRefs }, teams] = await Promise.all([
        this.deps.userInfo.getUserInfo(credentials),
        this.deps.platformTeams(),
      ]);
      const platformTeams = new Set(teams);
      const member = ownershipEntityRefs.some(ref =>
        platformTeams.has(ref.toLocaleLowerCase('en-US')),
      );
      if (member) {
        this.deps.logger.debug(
          `Permission policy not checked for ${userRef}, a platform-team member`,
        );
        return;
      }
      // About an entity that does not exist: only a policy that allows it
      // whatever the entity (no ownership or other condition) says yes.
      const [decision] = await this.deps.permissions.authorize(
        [
          {
            permission: orchestrationReviewCreatePermission,
            resourceRef: PERMISSION_PROBE_RESOURCE_REF,
          },
        ],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW || this.done) {
        this.deps.logger.debug(
          `The permission policy does not allow ${orchestrationReviewCreatePermission.name} on any service to ${userRef}, who is in no platform team (${decision.result})`,
        );
        return;
      }
      this.done = true;
      this.deps.logger.warn(
        `The permission policy allows ${orchestrationReviewCreatePermission.name} to ${userRef}, who is in no platform team, on any service (even one that does not exist), so anyone signed in may record Orchestration reviews, as with an allow-all policy. ${FIX}`,
      );
    } catch (error) {
      this.deps.logger.debug(
        `Could not check the permission policy for ${userRef}: ${
          (error as Error)?.message ?? String(error)
        }`,
      );
    }
  }
}
