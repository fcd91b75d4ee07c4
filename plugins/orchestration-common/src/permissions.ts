import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of catalog entities, as used by the catalog's permission
 * rules.
 *
 * @public
 */
export const RESOURCE_TYPE_CATALOG_ENTITY = 'catalog-entity';

/**
 * Allows reading the Orchestration assessment of a catalog entity. A
 * resource permission, so catalog conditional rules (e.g. ownership) apply.
 *
 * @public
 */
export const orchestrationAssessmentReadPermission = createPermission({
  name: 'orchestration.assessment.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Allows recording a review decision on an assessment (accept, keep the
 * current platform, plan a migration, grant an exemption). A resource
 * permission on the reviewed entity, so reviews can be limited to owners.
 *
 * @public
 */
export const orchestrationReviewCreatePermission = createPermission({
  name: 'orchestration.review.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Allows reporting observed facts about a kubernetes-cluster Resource
 * (`POST /v1/clusters/{namespace}/{name}/facts`), as the platform's
 * automation does: a collector, an etcd backup job. A resource permission on
 * the cluster entity, so a policy can limit a reporter to some clusters.
 * Grant it to the static token of that automation
 * (`backend.auth.externalAccess` with `accessRestrictions`), not to people.
 *
 * @public
 */
export const orchestrationClusterFactsReportPermission = createPermission({
  name: 'orchestration.cluster.facts.report',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Allows starting a refresh of the stored snapshot of all assessments
 * (`POST /v1/snapshot/refresh`). A basic permission. Service principals are
 * always allowed (their access restrictions apply).
 *
 * @public
 */
export const orchestrationSnapshotRefreshPermission = createPermission({
  name: 'orchestration.snapshot.refresh',
  attributes: { action: 'update' },
});

/**
 * Every permission of the Orchestration plugins, as registered with the
 * permissions registry (so permission UIs such as the RBAC plugin's list
 * them).
 *
 * @public
 */
export const orchestrationPermissions = [
  orchestrationAssessmentReadPermission,
  orchestrationReviewCreatePermission,
  orchestrationClusterFactsReportPermission,
  orchestrationSnapshotRefreshPermission,
];
