import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PermissionRuleParams,
} from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  orchestrationAssessmentReadPermission,
  orchestrationClusterFactsReportPermission,
  orchestrationReviewCreatePermission,
} from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { RowCondition } from '../Store';
import { orchestrationSnapshotRefreshPermission } from './permissions';

type Criteria = PermissionCriteria<
  PermissionCondition<string, PermissionRuleParams>
>;

/** How a list must be narrowed for the caller. */
export type ReadScope =
  | { type: 'all' }
  | { type: 'none' }
  | {
      type: 'sql';
      condition: RowCondition;
      /** Identifies the condition, e.g. for caching per scope. */
      key: string;
    }
  | { type: 'per-item' };

/**
 * The catalog's read decision for a caller, as the catalog makes it:
 * `all` (an unconditional allow), `none` (an unconditional deny) or
 * `conditional` (only the catalog, reading on the caller's behalf, knows
 * which entities the caller sees).
 */
export type CatalogReadScope = 'all' | 'none' | 'conditional';

function lowerList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map(v => String(v).toLocaleLowerCase('en-US'));
}

/**
 * Translates catalog conditions that map onto the stored summary columns
 * (ownership and kind) into SQL; returns undefined for anything else.
 */
export function criteriaToSql(criteria: Criteria): RowCondition | undefined {
  if ('allOf' in criteria) {
    const parts = criteria.allOf.map(criteriaToSql);
    if (parts.some(p => !p)) return undefined;
    return b => {
      for (const part of parts) b.where(part as any);
    };
  }
  if ('anyOf' in criteria) {
    const parts = criteria.anyOf.map(criteriaToSql);
    if (parts.some(p => !p)) return undefined;
    return b => {
      b.where(inner => {
        for (const part of parts) inner.orWhere(part as any);
      });
    };
  }
  if ('not' in criteria) {
    const part = criteriaToSql(criteria.not);
    if (!part) return undefined;
    return b => {
      b.whereNot(part as any);
    };
  }
  const condition = criteria as PermissionCondition<
    string,
    PermissionRuleParams
  >;
  const params = (condition.params ?? {}) as Record<string, unknown>;
  if (condition.rule === 'IS_ENTITY_OWNER') {
    const claims = lowerList(params.claims);
    if (!claims) return undefined;
    return (b: Knex.QueryBuilder) => {
      b.whereIn('owner', claims.length ? claims : ['\u0000']);
    };
  }
  if (condition.rule === 'IS_ENTITY_KIND') {
    const kinds = lowerList(params.kinds);
    if (!kinds) return undefined;
    return (b: Knex.QueryBuilder) => {
      b.whereIn('kind', kinds.length ? kinds : ['\u0000']);
    };
  }
  return undefined;
}

/**
 * Identifies the token the credentials were made from, as a hash of the
 * token with the principal it stands for; undefined when the credentials
 * carry no token, so nothing is reused for them. A decision is only ever
 * reused for the very token it was made for: another token claiming the
 * same user (expired, revoked or forged) is asked about afresh.
 */
function tokenKey(credentials: BackstageCredentials): string | undefined {
  const token = (credentials as { token?: unknown }).token;
  if (typeof token !== 'string' || token === '') return undefined;
  const principal = credentials.principal as any;
  let who: string;
  if (principal?.type === 'user' && principal.userEntityRef) {
    who = `user:${principal.userEntityRef}`;
  } else if (principal?.type === 'service' && principal.subject) {
    who = `service:${principal.subject}`;
  } else {
    return undefined;
  }
  const hash = createHash('sha256').update(token).digest('base64url');
  return `${who}:${hash}`;
}

/** Every permission check of the plugin, in one place. */
export class AccessControl {
  /** Decisions reused per token: by permission name and token. */
  private readonly decisions = new Map<
    string,
    { expires: number; decision: Promise<unknown> }
  >();
  private readonly scopeTtlMs: number;

  /**
   * @param options.readScopeTtlMs - how long the read scope of a caller is
   * reused for lists (a conditional decision, not per-item checks); 0 turns
   * the reuse off
   */
  constructor(
    private readonly permissions: PermissionsService,
    options: { readScopeTtlMs?: number } = {},
  ) {
    this.scopeTtlMs = options.readScopeTtlMs ?? 5000;
  }

  private async allowed(
    credentials: BackstageCredentials,
    permission:
      | typeof orchestrationAssessmentReadPermission
      | typeof orchestrationReviewCreatePermission
      | typeof orchestrationClusterFactsReportPermission,
    entityRefs: string[],
  ): Promise<boolean[]> {
    if (entityRefs.length === 0) return [];
    const decisions = await this.permissions.authorize(
      entityRefs.map(resourceRef => ({ permission, resourceRef })),
      { credentials },
    );
    return decisions.map(d => d.result === AuthorizeResult.ALLOW);
  }

  async assertCanRead(entityRef: string, credentials: BackstageCredentials) {
    const [ok] = await this.allowed(
      credentials,
      orchestrationAssessmentReadPermission,
      [entityRef],
    );
    if (!ok) {
      throw new NotAllowedError(
        `You are not allowed to read the assessment of ${entityRef}`,
      );
    }
  }

  async assertCanReview(entityRef: string, credentials: BackstageCredentials) {
    const [ok] = await this.allowed(
      credentials,
      orchestrationReviewCreatePermission,
      [entityRef],
    );
    if (!ok) {
      throw new NotAllowedError(
        `You are not allowed to record reviews of ${entityRef}; reviews are recorded by platform-team members`,
      );
    }
  }

  /** Whether the caller may read the assessment of the entity. */
  async canRead(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [ok] = await this.allowed(
      credentials,
      orchestrationAssessmentReadPermission,
      [entityRef],
    );
    return ok;
  }

  /**
   * Checks that the caller may report facts about the cluster, a user or a
   * service (e.g. a static token whose access restrictions list the
   * permission); conditional decisions are settled for the cluster's ref.
   */
  async assertCanReportFacts(
    clusterRef: string,
    credentials: BackstageCredentials,
  ) {
    const [ok] = await this.allowed(
      credentials,
      orchestrationClusterFactsReportPermission,
      [clusterRef],
    );
    if (!ok) {
      throw new NotAllowedError(
        `You are not allowed to report facts about ${clusterRef}; reporting needs the ${orchestrationClusterFactsReportPermission.name} permission (granted to platform-team members, or to a token whose accessRestrictions list it)`,
      );
    }
  }

  async assertCanRefresh(credentials: BackstageCredentials) {
    if (
      credentials.principal &&
      (credentials.principal as any).type === 'service'
    ) {
      return;
    }
    const [decision] = await this.permissions.authorize(
      [{ permission: orchestrationSnapshotRefreshPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You are not allowed to refresh the Orchestration snapshot',
      );
    }
  }

  /**
   * The decision about a permission for the caller, reused for a few seconds
   * per token (never beyond the token's expiry); a different token of the
   * same user is always asked about, and a failed decision is not kept.
   */
  private perToken<T>(
    permissionName: string,
    credentials: BackstageCredentials,
    decide: () => Promise<T>,
  ): Promise<T> {
    const token = this.scopeTtlMs > 0 ? tokenKey(credentials) : undefined;
    if (token === undefined) return decide();
    const key = `${permissionName}|${token}`;
    const now = Date.now();
    const cached = this.decisions.get(key);
    if (cached && cached.expires > now) return cached.decision as Promise<T>;
    if (this.decisions.size >= 1000) {
      for (const [k, v] of this.decisions) {
        if (v.expires <= now) this.decisions.delete(k);
      }
      if (this.decisions.size >= 1000) this.decisions.clear();
    }
    const decision = decide();
    const tokenExpires = credentials.expiresAt?.getTime();
    const entry = {
      expires: Math.min(
        now + this.scopeTtlMs,
        tokenExpires ?? Number.POSITIVE_INFINITY,
      ),
      decision,
    };
    this.decisions.set(key, entry);
    decision.catch(() => {
      if (this.decisions.get(key) === entry) this.decisions.delete(key);
    });
    return decision;
  }

  /**
   * How to narrow a list of assessments for this caller, decided once per
   * token for a few seconds, so a list and the pages after it do not each
   * ask the permission framework again.
   */
  async readScope(credentials: BackstageCredentials): Promise<ReadScope> {
    return this.perToken(
      orchestrationAssessmentReadPermission.name,
      credentials,
      () => this.decideReadScope(credentials),
    );
  }

  /**
   * The catalog's read decision (`catalog.entity.read`) for the caller,
   * asked as the catalog asks it and reused per token like
   * {@link readScope}.
   */
  async catalogReadScope(
    credentials: BackstageCredentials,
  ): Promise<CatalogReadScope> {
    return this.perToken(
      catalogEntityReadPermission.name,
      credentials,
      async () => {
        const [decision] = await this.permissions.authorizeConditional(
          [{ permission: catalogEntityReadPermission }],
          { credentials },
        );
        if (decision.result === AuthorizeResult.ALLOW) return 'all';
        if (decision.result === AuthorizeResult.CONDITIONAL)
          return 'conditional';
        return 'none';
      },
    );
  }

  private async decideReadScope(
    credentials: BackstageCredentials,
  ): Promise<ReadScope> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: orchestrationAssessmentReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return { type: 'all' };
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return { type: 'none' };
    }
    const condition = criteriaToSql(decision.conditions as Criteria);
    return condition
      ? {
          type: 'sql',
          condition,
          key: `sql:${JSON.stringify(decision.conditions)}`,
        }
      : { type: 'per-item' };
  }

  /** Keeps the items the caller may read, checked one by one. */
  async filterReadable<T extends { entityRef: string }>(
    items: T[],
    credentials: BackstageCredentials,
  ): Promise<T[]> {
    const allowed = await this.allowed(
      credentials,
      orchestrationAssessmentReadPermission,
      items.map(i => i.entityRef),
    );
    return items.filter((_, index) => allowed[index]);
  }
}
