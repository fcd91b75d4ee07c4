import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  assessCluster,
  assessEntity,
  Assessment,
  ClusterAssessment,
  clusterRefOf,
  EntityAssessmentResponse,
  entityRefOf,
  GroupFacts,
  groupFactsOf,
  isKubernetesClusterResource,
  OrchestrationOptions,
  ownerFactsFor,
  ownerRefOf,
  ReportedClusterFacts,
} from '@orchestration/plugin-orchestration-common';
import { CatalogReader } from '../CatalogReader';
import type { ClusterReportSource } from '../ClusterFacts';
import { TurnLookups } from './TurnLookups';
import { RecentValues } from '../../lib/RecentValues';

/**
 * How long live assessments use again an owner or cluster read for another
 * (with the plugin's own credentials): a change in the catalog shows within it.
 */
const RECENT_RELATED_MS = 1_000;
/** Owners and clusters remembered at most; more than most catalogs have. */
const MAX_RECENT_RELATED = 10_000;

// toLowerCase is toLocaleLowerCase('en-US') (only Turkic and Lithuanian
// locales differ), without a locale lookup on every request.
function lower(value: string) {
  return value.toLowerCase();
}

/** The answer for an entity the catalog does not have, or does not show the caller. */
export function notInCatalog(entityRef: string): NotFoundError {
  return new NotFoundError(`No entity ${entityRef} in the catalog`);
}

/**
 * The owner and cluster a Component named when it was last seen (e.g. in the
 * stored snapshot), so they can be read together with it; null for none.
 */
export interface RelatedRefs {
  owner: string | null;
  cluster: string | null;
}

/**
 * Assesses single entities against the current catalog: the live view of one
 * service, and the evaluation of an entity that is not (yet) in the catalog.
 */
export class Assessor {
  constructor(
    private readonly reader: CatalogReader,
    private readonly options: OrchestrationOptions,
    private readonly now: () => Date = () => new Date(),
    /** Facts reported about clusters; none when not given. */
    private readonly reports?: ClusterReportSource,
  ) {}

  private reportLookups?: TurnLookups<ReportedClusterFacts[]>;

  /**
   * Owners and clusters read with the plugin's own credentials (null: not in
   * the catalog), used again by live assessments for a second.
   */
  private readonly recentRelated = new RecentValues<Entity | null>({
    freshMs: RECENT_RELATED_MS,
    maxEntries: MAX_RECENT_RELATED,
  });

  /**
   * The reports about a cluster, to assess it with; the clusters of the
   * assessments of one turn are looked up together.
   */
  private async reportsOf(
    clusterRef: string | null | undefined,
  ): Promise<ReportedClusterFacts[] | undefined> {
    const reports = this.reports;
    if (!clusterRef || !reports) return undefined;
    this.reportLookups ??= new TurnLookups(refs =>
      reports.recentReportsFor(refs),
    );
    return this.reportLookups.get(clusterRef);
  }

  /**
   * The live assessment of a Component in the catalog. The Component, its
   * owner and its cluster are read in one catalog call when `known` names the
   * owner and cluster it has (as the snapshot does); a second call reads them
   * only when the Component names others (or `known` is not given). That
   * call is shared with other requests read with the same credentials
   * waiting at the same time ({@link CatalogReader.getEntitiesShared}). When
   * the read is `shared` (made with the plugin's own credentials), owners and
   * clusters read for any caller a moment ago are used again (a second);
   * the Component is read every time. The platform teams come from the
   * Groups the reader keeps.
   */
  async assessLive(
    entityRef: string,
    credentials: BackstageCredentials,
    read: {
      known?: RelatedRefs;
      /** The credentials the catalog is read with: the caller's by default. */
      readAs?: BackstageCredentials;
      /** Whether what is read may serve other callers too. */
      shared?: boolean;
    } = {},
  ): Promise<EntityAssessmentResponse> {
    const { known, readAs = credentials, shared = false } = read;
    const related = [known?.owner, known?.cluster].filter(
      (ref): ref is string => !!ref,
    );
    const recent = new Map<string, Entity | null>();
    if (shared) {
      for (const ref of related) {
        const value = this.recentRelated.fresh(ref);
        if (value) recent.set(ref, value.value);
      }
    }
    const requested = new Set([
      entityRef,
      ...related.filter(ref => !recent.has(ref)),
    ]);
    const [found, platformTeams, knownReports] = await Promise.all([
      this.reader.getEntitiesShared([...requested], readAs),
      this.reader.platformTeams(credentials, this.options.platformTeams),
      this.reportsOf(known?.cluster),
    ]);
    if (shared) {
      for (const ref of requested) {
        if (ref !== entityRef)
          this.recentRelated.set(ref, found.get(ref) ?? null);
      }
    }
    for (const [ref, entity] of recent) {
      if (entity) found.set(ref, entity);
    }
    const entity = found.get(entityRef);
    if (!entity) throw notInCatalog(entityRef);
    if (lower(entity.kind) !== 'component') {
      throw new InputError(
        `${entityRef} is a ${entity.kind}; assessments are made for Components`,
      );
    }
    const ownerRef = ownerRefOf(entity);
    const clusterRef = clusterRefOf(entity);
    const unread = [ownerRef, clusterRef].filter(
      (ref): ref is string => !!ref && !requested.has(ref) && !recent.has(ref),
    );
    if (unread.length > 0) {
      for (const [ref, other] of await this.reader.getEntitiesShared(
        unread,
        readAs,
      )) {
        found.set(ref, other);
      }
    }
    const clusterReports =
      clusterRef === known?.cluster
        ? knownReports
        : await this.reportsOf(clusterRef);
    return this.assessWithFacts(
      entity,
      { ownerRef, clusterRef, lookup: ref => found.get(ref), clusterReports },
      platformTeams,
      this.now(),
    );
  }

  /** Assesses an entity given in a request; related entities take precedence over the catalog. */
  async evaluate(
    entity: Entity,
    related: Entity[],
    now: Date,
    credentials: BackstageCredentials,
  ): Promise<Assessment> {
    const relatedByRef = new Map<string, Entity>();
    for (const item of related) {
      relatedByRef.set(entityRefOf(item), item);
    }
    const relatedGroups = related
      .filter(e => lower(e.kind) === 'group')
      .map(group => groupFactsOf(group));
    const ownerRef = ownerRefOf(entity);
    const clusterRef = clusterRefOf(entity);
    const wanted = [ownerRef, clusterRef].filter(
      (ref): ref is string => !!ref && !relatedByRef.has(ref),
    );
    // Reports speak for the cluster in the catalog, not for one sent with
    // the request (a what-if of its annotations).
    const [fromCatalog, platformTeams, clusterReports] = await Promise.all([
      this.reader.getEntities(wanted, credentials),
      this.reader.platformTeams(
        credentials,
        this.options.platformTeams,
        relatedGroups,
      ),
      clusterRef && !relatedByRef.has(clusterRef)
        ? this.reportsOf(clusterRef)
        : undefined,
    ]);
    const result = this.assessWithFacts(
      entity,
      {
        ownerRef,
        clusterRef,
        lookup: ref => relatedByRef.get(ref) ?? fromCatalog.get(ref),
        clusterReports,
      },
      platformTeams,
      now,
    );
    return result.assessment;
  }

  private assessWithFacts(
    entity: Entity,
    related: {
      ownerRef: string | undefined;
      clusterRef: string | undefined;
      lookup: (ref: string) => Entity | undefined;
      /** Facts reported about the cluster. */
      clusterReports?: readonly ReportedClusterFacts[];
    },
    platformTeams: string[],
    now: Date,
  ): EntityAssessmentResponse {
    const { ownerRef, clusterRef, lookup, clusterReports } = related;
    const groups = new Map<string, GroupFacts>();
    const owner = ownerRef ? lookup(ownerRef) : undefined;
    if (ownerRef && owner && lower(owner.kind) === 'group') {
      groups.set(ownerRef, groupFactsOf(owner));
    }
    const clusterEntity = clusterRef ? lookup(clusterRef) : undefined;
    const cluster =
      clusterEntity && isKubernetesClusterResource(clusterEntity)
        ? clusterEntity
        : null;

    const clusterAssessment: ClusterAssessment | null = cluster
      ? assessCluster(cluster, {
          options: this.options,
          now,
          reports: clusterReports,
        })
      : null;
    const assessment = assessEntity({
      entity,
      owner: ownerFactsFor(ownerRef, groups),
      platformTeams,
      cluster: clusterRef ? cluster : undefined,
      clusterAssessment: clusterAssessment ?? undefined,
      options: this.options,
      now,
    });
    return { assessment, cluster: clusterAssessment };
  }
}
