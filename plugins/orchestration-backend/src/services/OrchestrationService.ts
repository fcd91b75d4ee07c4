import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  AssessmentHistoryResponse,
  AssessmentListResponse,
  ClusterListResponse,
  ClusterSummary,
  EntityAssessmentResponse,
  EvaluateResponse,
  ReviewListResponse,
  ReviewRecord,
  ReviewRequest,
  RollupKind,
  RollupResponse,
  SnapshotStatusResponse,
} from '@orchestration/plugin-orchestration-common';
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@backstage/errors';
import { AccessControl } from './Access';
import { Assessor, notInCatalog, SnapshotRefs } from './Assessor';
import { CatalogReader } from './CatalogReader';
import type { ClusterFactsService } from './ClusterFacts';
import { readRollup } from './rollups';
import { SnapshotService } from './SnapshotService';
import {
  ClusterRecord,
  ExportRow,
  ListFilters,
  ListQuery,
  OrchestrationStore,
  RowCondition,
} from './Store';
import { DEFAULT_PAGE_LIMIT, PageQuery } from './Store/pageQuery';

/** JSON with the keys of every object sorted, to compare values. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.keys(item)
            .sort()
            .map(key => [key, item[key]]),
        )
      : item,
  );
}

/** Whether two reviews record the same request by the same reviewer. */
function sameReview(a: ReviewRecord, b: ReviewRecord): boolean {
  const request = (r: ReviewRecord) =>
    canonicalJson([r.entityRef, r.reviewer, r.decision, r.assessedAt ?? null]);
  return request(a) === request(b);
}

function engineInputError(error: unknown): never {
  if ((error as Error)?.name === 'OrchestrationInputError') {
    throw new InputError((error as Error).message);
  }
  throw error;
}

/**
 * The operations of the plugin, shared by the REST API and the actions.
 * Every read is checked against the permission framework here.
 */
export class OrchestrationService {
  constructor(
    private readonly deps: {
      store: OrchestrationStore;
      reader: CatalogReader;
      assessor: Assessor;
      snapshots: SnapshotService;
      access: AccessControl;
      /** The plugin's own credentials, to read the catalog for every caller at once. */
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
      /**
       * Assesses the clusters of the cluster views when they are read, with
       * the facts reported about them; without it they are served as the
       * snapshot stored them.
       */
      clusterFacts?: Pick<ClusterFactsService, 'assessNow'>;
    },
  ) {}

  /** The clusters assessed now, with the newest reports (see `ClusterFactsService.assessNow`). */
  private async clustersNow<T extends ClusterRecord>(items: T[]): Promise<T[]> {
    return this.deps.clusterFacts
      ? this.deps.clusterFacts.assessNow(items)
      : items;
  }

  async snapshotStatus(): Promise<SnapshotStatusResponse> {
    const [snapshot, lastRun] = await Promise.all([
      this.deps.snapshots.info(),
      this.deps.snapshots.lastRun(),
    ]);
    return { snapshot, lastRun: lastRun ?? null };
  }

  /**
   * The live assessment of a Component. The caller's read decision is the
   * one reused for lists (asked per entity only when it is conditional), and
   * the owner and cluster the snapshot knows are looked up meanwhile, so the
   * Component, its owner and its cluster come from one catalog call, made
   * with {@link catalogRead}.
   */
  async getAssessment(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityAssessmentResponse> {
    const [, known, read] = await Promise.all([
      this.assertCanReadAssessment(entityRef, credentials),
      this.snapshotRefs.get(entityRef),
      this.catalogRead(credentials),
    ]);
    // The catalog shows the caller no entity: its answer is "not found".
    if (!read) throw notInCatalog(entityRef);
    try {
      return await this.deps.assessor.assessLive(entityRef, credentials, {
        known,
        ...read,
      });
    } catch (error) {
      if ((error as Error)?.name === 'ServiceUnavailableError') {
        this.deps.snapshots.markCatalogFailure((error as Error).message);
      }
      return engineInputError(error);
    }
  }

  /**
   * The credentials to read the catalog with for a user or a service: the
   * plugin's own when the catalog's read decision for the caller's token
   * (`catalog.entity.read`, reused per token for a few seconds) is an
   * unconditional allow, so one call serves every caller waiting at the same
   * time, each getting only the entities it asked for; the caller's when it
   * is conditional (the catalog filters what it shows the caller); none when
   * it is a deny (e.g. a static token whose access restrictions leave the
   * catalog's read out). Other callers read with their own. `shared`: read
   * with the plugin's own, what one caller reads may serve another.
   */
  private async catalogRead(
    credentials: BackstageCredentials,
  ): Promise<{ readAs: BackstageCredentials; shared: boolean } | undefined> {
    const own = { readAs: credentials, shared: false };
    const type = (credentials.principal as any)?.type;
    if (type !== 'user' && type !== 'service') return own;
    const scope = await this.deps.access.catalogReadScope(credentials);
    if (scope === 'none') return undefined;
    if (scope === 'conditional') return own;
    return {
      readAs: await this.deps.auth.getOwnServiceCredentials(),
      shared: true,
    };
  }

  private snapshotRefsLookup?: SnapshotRefs;

  /** Owners and clusters in the snapshot served, looked up together. */
  private get snapshotRefs(): SnapshotRefs {
    this.snapshotRefsLookup ??= new SnapshotRefs(this.deps.store);
    return this.snapshotRefsLookup;
  }

  /**
   * An unconditional decision (allow or deny) holds for every entity, so the
   * read scope, reused per token for a few seconds, settles it; a
   * conditional one is asked about this entity.
   */
  private async assertCanReadAssessment(
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const scope = await this.deps.access.readScope(credentials);
    if (scope.type === 'all') return;
    if (scope.type === 'none') {
      throw new NotAllowedError(
        `You are not allowed to read the assessment of ${entityRef}`,
      );
    }
    await this.deps.access.assertCanRead(entityRef, credentials);
  }

  async evaluate(
    entity: Entity,
    related: Entity[],
    now: Date,
    credentials: BackstageCredentials,
  ): Promise<EvaluateResponse> {
    try {
      const assessment = await this.deps.assessor.evaluate(
        entity,
        related,
        now,
        credentials,
      );
      return { assessment };
    } catch (error) {
      return engineInputError(error);
    }
  }

  private async scope(credentials: BackstageCredentials): Promise<
    | { type: 'none' }
    | {
        type: 'rows';
        condition?: RowCondition;
        perItem: boolean;
        key: string;
      }
  > {
    const scope = await this.deps.access.readScope(credentials);
    if (scope.type === 'none') return { type: 'none' };
    if (scope.type === 'sql') {
      return {
        type: 'rows',
        condition: scope.condition,
        perItem: false,
        key: scope.key,
      };
    }
    // Without a row condition the count and facets cover every row.
    return { type: 'rows', perItem: scope.type === 'per-item', key: '*' };
  }

  async listAssessments(
    query: ListQuery,
    credentials: BackstageCredentials,
  ): Promise<AssessmentListResponse> {
    const scope = await this.scope(credentials);
    if (scope.type === 'none') {
      return {
        items: [],
        nextCursor: null,
        totalItems: 0,
        facets: {
          currentPlatform: {},
          recommendedPlatform: {},
          currentVerdict: {},
          obligationStatus: {},
          migration: { candidates: 0, none: 0 },
        },
        snapshot: (await this.deps.snapshots.state()).info,
      };
    }
    // Rows, count and facets come from one generation (the count and facets
    // cached per generation); the snapshot info describes that generation.
    const page = await this.deps.store.listAssessments(query, scope.condition, {
      scope: scope.key,
    });
    const { info: snapshot } = await this.deps.snapshots.state(
      page.generation,
      { lastRun: page.lastRun },
    );
    let items = page.items;
    if (scope.perItem) {
      items = await this.deps.access.filterReadable(items, credentials);
    }
    return {
      items,
      nextCursor: page.nextCursor,
      totalItems: page.totalItems,
      facets: page.facets,
      snapshot,
    };
  }

  /** Rows for the CSV export, a chunk at a time, already filtered by permission. */
  async *exportAssessments(
    filters: ListFilters,
    credentials: BackstageCredentials,
  ): AsyncGenerator<ExportRow[]> {
    const scope = await this.scope(credentials);
    if (scope.type === 'none') return;
    for await (const rows of this.deps.store.exportAssessments(
      filters,
      scope.condition,
    )) {
      if (!scope.perItem) {
        yield rows;
        continue;
      }
      const allowed = new Set(
        (
          await this.deps.access.filterReadable(
            rows.map(r => ({ entityRef: r.entity_ref })),
            credentials,
          )
        ).map(r => r.entityRef),
      );
      yield rows.filter(r => allowed.has(r.entity_ref));
    }
  }

  async listClusters(
    credentials: BackstageCredentials,
  ): Promise<ClusterListResponse> {
    const scope = await this.scope(credentials);
    const snapshot = await this.deps.snapshots.info();
    if (scope.type === 'none') return { items: [], snapshot };
    // Clusters and their services from one generation.
    const generation = await this.deps.store.currentGeneration();
    let rows = await this.deps.store.listClusters(generation);
    const narrow = scope.condition !== undefined || scope.perItem;
    if (narrow) {
      const allowed = new Set(
        (await this.deps.access.filterReadable(rows, credentials)).map(
          r => r.entityRef,
        ),
      );
      rows = rows.filter(r => allowed.has(r.entityRef));
    }
    const services = await this.deps.store.servicesOnClusters(
      rows.map(r => r.entityRef),
      generation,
    );
    const items: ClusterSummary[] = [];
    for (const row of rows) {
      let list = services.get(row.entityRef) ?? [];
      if (narrow)
        list = await this.deps.access.filterReadable(list, credentials);
      items.push(OrchestrationStore.clusterSummary(row, list));
    }
    return { items: await this.clustersNow(items), snapshot };
  }

  /**
   * The clusters the caller may read, for the cluster facts export, a chunk
   * at a time, each assessed now with the newest reports; all from the
   * generation served when the export started.
   */
  async *exportClusters(
    credentials: BackstageCredentials,
    options: { chunk?: number } = {},
  ): AsyncGenerator<ClusterRecord[]> {
    const chunk = options.chunk ?? 500;
    const scope = await this.scope(credentials);
    if (scope.type === 'none') return;
    const generation = await this.deps.store.currentGeneration();
    let rows = await this.deps.store.listClusters(generation);
    if (scope.condition !== undefined || scope.perItem) {
      const allowed = new Set(
        (await this.deps.access.filterReadable(rows, credentials)).map(
          r => r.entityRef,
        ),
      );
      rows = rows.filter(r => allowed.has(r.entityRef));
    }
    rows = [...rows].sort((a, b) => {
      if (a.entityRef === b.entityRef) return 0;
      return a.entityRef < b.entityRef ? -1 : 1;
    });
    for (let i = 0; i < rows.length; i += chunk) {
      yield await this.clustersNow(rows.slice(i, i + chunk));
    }
  }

  async getCluster(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ClusterSummary> {
    await this.deps.access.assertCanRead(entityRef, credentials);
    const generation = await this.deps.store.currentGeneration();
    const row = await this.deps.store.getCluster(entityRef, generation);
    if (!row) {
      throw new NotFoundError(
        `No kubernetes-cluster Resource ${entityRef} in the snapshot`,
      );
    }
    const services = await this.deps.store.servicesOnClusters(
      [entityRef],
      generation,
    );
    const scope = await this.scope(credentials);
    let list = services.get(entityRef) ?? [];
    if (scope.type === 'none') list = [];
    else if (scope.condition || scope.perItem) {
      list = await this.deps.access.filterReadable(list, credentials);
    }
    const [summary] = await this.clustersNow([
      OrchestrationStore.clusterSummary(row, list),
    ]);
    return summary;
  }

  /**
   * The roll-up of a Group (its services and its sub-groups') or a System
   * (its Components'), from the snapshot served; see `readRollup`.
   */
  async getRollup(
    kind: RollupKind,
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<RollupResponse> {
    return readRollup(this.deps, kind, entityRef, credentials);
  }

  /** A page of an entity's reviews, with the decision in force at `now`. */
  async listReviews(
    entityRef: string,
    credentials: BackstageCredentials,
    page: PageQuery = { limit: DEFAULT_PAGE_LIMIT },
    now: Date = new Date(),
  ): Promise<ReviewListResponse> {
    await this.deps.access.assertCanRead(entityRef, credentials);
    const [{ items, nextCursor }, inForce] = await Promise.all([
      this.deps.store.listReviews(entityRef, page),
      this.deps.store.reviewInForce(entityRef, now),
    ]);
    return { items, nextCursor, inForce };
  }

  async getHistory(
    entityRef: string,
    credentials: BackstageCredentials,
    page: PageQuery = { limit: DEFAULT_PAGE_LIMIT },
  ): Promise<AssessmentHistoryResponse> {
    await this.deps.access.assertCanRead(entityRef, credentials);
    return this.deps.store.getHistoryPage(entityRef, page);
  }

  /** Checks that a review may be recorded, before the body is read. */
  async assertCanReview(entityRef: string, credentials: BackstageCredentials) {
    await this.deps.access.assertCanReview(entityRef, credentials);
  }

  /**
   * Records a review. With an `idempotencyKey` already used for the entity,
   * records nothing: the review stored with it is returned (`created`
   * false) when the request is the same, and a 409 is thrown when not.
   */
  async addReview(
    request: ReviewRequest,
    reviewer: string,
    credentials: BackstageCredentials,
    options: { idempotencyKey?: string } = {},
  ): Promise<{ created: boolean; record: ReviewRecord }> {
    const entity = await this.deps.reader.getEntity(
      request.entityRef,
      credentials,
    );
    if (!entity) {
      throw new NotFoundError(`No entity ${request.entityRef} in the catalog`);
    }
    const record: ReviewRecord = {
      id: randomUUID(),
      entityRef: request.entityRef,
      decision: request.decision,
      reviewer,
      createdAt: new Date().toISOString(),
    };
    if (request.assessedAt) record.assessedAt = request.assessedAt;
    const { idempotencyKey } = options;
    const stored = await this.deps.store.addReview(record, idempotencyKey);
    if (!stored.created && !sameReview(stored.record, record)) {
      throw new ConflictError(
        `Idempotency-Key ${idempotencyKey} was already used for another review of ${record.entityRef} (${stored.record.id}); send the same body to get that review again, or a new key for a new decision`,
      );
    }
    return stored;
  }
}
