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
} from '@orchestration/plugin-orchestration-common';
import { CatalogReader } from '../CatalogReader';

function lower(value: string) {
  return value.toLocaleLowerCase('en-US');
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
  ) {}

  /** The live assessment of a Component in the catalog. */
  async assessLive(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityAssessmentResponse> {
    const entity = await this.reader.getEntity(entityRef, credentials);
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    if (lower(entity.kind) !== 'component') {
      throw new InputError(
        `${entityRef} is a ${entity.kind}; assessments are made for Components`,
      );
    }
    return this.assessWith(entity, [], credentials, this.now());
  }

  /** Assesses an entity given in a request; related entities take precedence over the catalog. */
  async evaluate(
    entity: Entity,
    related: Entity[],
    now: Date,
    credentials: BackstageCredentials,
  ): Promise<Assessment> {
    const result = await this.assessWith(entity, related, credentials, now);
    return result.assessment;
  }

  private async assessWith(
    entity: Entity,
    related: Entity[],
    credentials: BackstageCredentials,
    now: Date,
  ): Promise<EntityAssessmentResponse> {
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
    const [fromCatalog, platformTeams] = await Promise.all([
      this.reader.getEntities(wanted, credentials),
      this.reader.platformTeams(
        credentials,
        this.options.platformTeams,
        relatedGroups,
      ),
    ]);
    const lookup = (ref: string | undefined) =>
      ref ? relatedByRef.get(ref) ?? fromCatalog.get(ref) : undefined;

    const groups = new Map<string, GroupFacts>();
    const owner = lookup(ownerRef);
    if (ownerRef && owner && lower(owner.kind) === 'group') {
      groups.set(ownerRef, groupFactsOf(owner));
    }
    const clusterEntity = lookup(clusterRef);
    const cluster =
      clusterEntity && isKubernetesClusterResource(clusterEntity)
        ? clusterEntity
        : null;

    const clusterAssessment: ClusterAssessment | null = cluster
      ? assessCluster(cluster, { options: this.options, now })
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
