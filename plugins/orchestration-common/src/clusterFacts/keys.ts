import {
  ANNOTATION_CERT_EXPIRY,
  ANNOTATION_CERT_ROTATION,
  ANNOTATION_CNI,
  ANNOTATION_CONTROL_PLANE,
  ANNOTATION_CONTROL_PLANE_MONITORING,
  ANNOTATION_ETCD_BACKUP_INTERVAL,
  ANNOTATION_ETCD_LAST_BACKUP,
  ANNOTATION_ETCD_MEMBERS,
  ANNOTATION_KUBERNETES_VERSION,
  ANNOTATION_LAST_UPGRADE,
  ANNOTATION_OLDEST_NODE_VERSION,
  ANNOTATION_POD_IP_CAPACITY,
  ANNOTATION_PROVISIONER,
  ORCHESTRATION_ANNOTATION_PREFIX,
} from '../annotations';
import { ClusterOrchestrationFacts } from '../parse/cluster';

/**
 * The cluster annotation keys whose values automation may report. Every
 * cluster key but `orchestration.io/control-plane`: who runs the control
 * plane decides which obligations apply at all, so it is declared in
 * catalog-info.yaml and never reported.
 *
 * @public
 */
export const REPORTABLE_CLUSTER_FACT_KEYS = [
  ANNOTATION_PROVISIONER,
  ANNOTATION_KUBERNETES_VERSION,
  ANNOTATION_OLDEST_NODE_VERSION,
  ANNOTATION_ETCD_MEMBERS,
  ANNOTATION_ETCD_BACKUP_INTERVAL,
  ANNOTATION_ETCD_LAST_BACKUP,
  ANNOTATION_CERT_EXPIRY,
  ANNOTATION_CERT_ROTATION,
  ANNOTATION_LAST_UPGRADE,
  ANNOTATION_CNI,
  ANNOTATION_POD_IP_CAPACITY,
  ANNOTATION_CONTROL_PLANE_MONITORING,
] as const;

/**
 * A cluster annotation key whose value may be reported, e.g.
 * `orchestration.io/kubernetes-version`.
 *
 * @public
 */
export type ReportableClusterFactKey =
  (typeof REPORTABLE_CLUSTER_FACT_KEYS)[number];

/**
 * The name of a reportable fact: its annotation key without the
 * `orchestration.io/` prefix, e.g. `kubernetes-version`. Configuration
 * (`orchestration.clusterFacts.freshness.<name>`) uses these names.
 *
 * @public
 */
export type ReportableClusterFactName =
  ReportableClusterFactKey extends `${typeof ORCHESTRATION_ANNOTATION_PREFIX}${infer Name}`
    ? Name
    : never;

/**
 * The names of the reportable facts, in the order of
 * {@link REPORTABLE_CLUSTER_FACT_KEYS}.
 *
 * @public
 */
export const REPORTABLE_CLUSTER_FACT_NAMES: readonly ReportableClusterFactName[] =
  REPORTABLE_CLUSTER_FACT_KEYS.map(clusterFactName);

/** The name of a reportable key (its key without the prefix). */
export function clusterFactName(
  key: ReportableClusterFactKey,
): ReportableClusterFactName {
  return key.slice(
    ORCHESTRATION_ANNOTATION_PREFIX.length,
  ) as ReportableClusterFactName;
}

const REPORTABLE = new Set<string>(REPORTABLE_CLUSTER_FACT_KEYS);

/**
 * True for a full key that may be reported.
 *
 * @public
 */
export function isReportableClusterFactKey(
  key: string,
): key is ReportableClusterFactKey {
  return REPORTABLE.has(key);
}

/**
 * The field of {@link ClusterOrchestrationFacts} each cluster annotation
 * fills, so a reported value can replace exactly the fact it speaks for.
 */
export const CLUSTER_FACT_FIELDS: Readonly<
  Record<
    ReportableClusterFactKey | typeof ANNOTATION_CONTROL_PLANE,
    keyof ClusterOrchestrationFacts
  >
> = {
  [ANNOTATION_CONTROL_PLANE]: 'controlPlane',
  [ANNOTATION_PROVISIONER]: 'provisioner',
  [ANNOTATION_KUBERNETES_VERSION]: 'kubernetesVersion',
  [ANNOTATION_OLDEST_NODE_VERSION]: 'oldestNodeVersion',
  [ANNOTATION_ETCD_MEMBERS]: 'etcdMembers',
  [ANNOTATION_ETCD_BACKUP_INTERVAL]: 'etcdBackupInterval',
  [ANNOTATION_ETCD_LAST_BACKUP]: 'etcdLastBackup',
  [ANNOTATION_CERT_EXPIRY]: 'certExpiry',
  [ANNOTATION_CERT_ROTATION]: 'certRotation',
  [ANNOTATION_LAST_UPGRADE]: 'lastUpgrade',
  [ANNOTATION_CNI]: 'cni',
  [ANNOTATION_POD_IP_CAPACITY]: 'podIpCapacity',
  [ANNOTATION_CONTROL_PLANE_MONITORING]: 'controlPlaneMonitoring',
};
