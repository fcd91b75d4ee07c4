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
  CERT_ROTATION_MODES,
  CLUSTER_ANNOTATION_KEYS,
  CNI_PLUGINS,
  CONTROL_PLANE_KINDS,
  CONTROL_PLANE_SIGNALS,
  CertRotationMode,
  CniPlugin,
  ControlPlaneKind,
  ControlPlaneSignal,
  PROVISIONERS,
  Provisioner,
} from '../annotations';
import { ValidationProblem } from './problems';
import {
  AnnotationMap,
  AnnotationParseResult,
  annotationMapProblem,
  boundProblems,
  contradiction,
  checkKeys,
  echoRaw,
  hasAnnotation,
  readEnum,
  readList,
  readParsed,
} from './read';
import {
  Duration,
  IpCapacity,
  KubernetesVersion,
  ParsedInstant,
  parseDuration,
  parseInteger,
  parseIpCapacity,
  parseIsoInstant,
  parseKubernetesVersion,
} from './values';

/**
 * What a kubernetes-cluster Resource's annotations say, after validation.
 *
 * @public
 */
export interface ClusterOrchestrationFacts {
  controlPlane?: ControlPlaneKind;
  provisioner?: Provisioner;
  kubernetesVersion?: KubernetesVersion;
  oldestNodeVersion?: KubernetesVersion;
  etcdMembers?: number;
  etcdBackupInterval?: Duration;
  etcdLastBackup?: ParsedInstant;
  certExpiry?: ParsedInstant;
  certRotation?: CertRotationMode;
  lastUpgrade?: ParsedInstant;
  cni?: CniPlugin;
  podIpCapacity?: IpCapacity;
  controlPlaneMonitoring?: ControlPlaneSignal[];
}

/** Keys that describe a control plane the provider runs on managed clusters. */
const CONTROL_PLANE_ONLY_KEYS = [
  ANNOTATION_ETCD_MEMBERS,
  ANNOTATION_ETCD_BACKUP_INTERVAL,
  ANNOTATION_ETCD_LAST_BACKUP,
  ANNOTATION_CERT_EXPIRY,
  ANNOTATION_CERT_ROTATION,
];

/**
 * Validates and parses the annotations of a kubernetes-cluster Resource.
 *
 * @public
 */
export function parseClusterAnnotations(
  annotations: AnnotationMap | undefined,
): AnnotationParseResult<ClusterOrchestrationFacts> {
  const problems: ValidationProblem[] = [];
  const facts: ClusterOrchestrationFacts = {};
  if (!annotations) return { facts, problems };
  const shape = annotationMapProblem(annotations);
  if (shape) return { facts, problems: [shape] };
  checkKeys(annotations, CLUSTER_ANNOTATION_KEYS, problems);

  const set = <K extends keyof ClusterOrchestrationFacts>(
    field: K,
    value: ClusterOrchestrationFacts[K] | undefined,
  ) => {
    if (value !== undefined) facts[field] = value;
  };
  set(
    'controlPlane',
    readEnum(
      annotations,
      ANNOTATION_CONTROL_PLANE,
      CONTROL_PLANE_KINDS,
      problems,
    ),
  );
  set(
    'provisioner',
    readEnum(annotations, ANNOTATION_PROVISIONER, PROVISIONERS, problems),
  );
  set(
    'kubernetesVersion',
    readParsed(
      annotations,
      ANNOTATION_KUBERNETES_VERSION,
      parseKubernetesVersion,
      problems,
    ),
  );
  set(
    'oldestNodeVersion',
    readParsed(
      annotations,
      ANNOTATION_OLDEST_NODE_VERSION,
      parseKubernetesVersion,
      problems,
    ),
  );
  const members = readParsed(
    annotations,
    ANNOTATION_ETCD_MEMBERS,
    parseInteger,
    problems,
  );
  if (members === 0) {
    problems.push({
      severity: 'error',
      code: 'invalid-value',
      key: ANNOTATION_ETCD_MEMBERS,
      value: echoRaw(annotations[ANNOTATION_ETCD_MEMBERS]),
      message: `${ANNOTATION_ETCD_MEMBERS}: a cluster needs at least one etcd member; write the member count, e.g. 3`,
    });
  } else {
    set('etcdMembers', members);
  }
  set(
    'etcdBackupInterval',
    readParsed(
      annotations,
      ANNOTATION_ETCD_BACKUP_INTERVAL,
      parseDuration,
      problems,
    ),
  );
  set(
    'etcdLastBackup',
    readParsed(
      annotations,
      ANNOTATION_ETCD_LAST_BACKUP,
      parseIsoInstant,
      problems,
    ),
  );
  set(
    'certExpiry',
    readParsed(annotations, ANNOTATION_CERT_EXPIRY, parseIsoInstant, problems),
  );
  set(
    'certRotation',
    readEnum(
      annotations,
      ANNOTATION_CERT_ROTATION,
      CERT_ROTATION_MODES,
      problems,
    ),
  );
  set(
    'lastUpgrade',
    readParsed(annotations, ANNOTATION_LAST_UPGRADE, parseIsoInstant, problems),
  );
  set('cni', readEnum(annotations, ANNOTATION_CNI, CNI_PLUGINS, problems));
  set(
    'podIpCapacity',
    readParsed(
      annotations,
      ANNOTATION_POD_IP_CAPACITY,
      parseIpCapacity,
      problems,
    ),
  );
  set(
    'controlPlaneMonitoring',
    readList(
      annotations,
      ANNOTATION_CONTROL_PLANE_MONITORING,
      CONTROL_PLANE_SIGNALS,
      problems,
    ),
  );

  const apiServer = facts.kubernetesVersion;
  const oldestNode = facts.oldestNodeVersion;
  if (apiServer && oldestNode && oldestNode.minor > apiServer.minor) {
    problems.push(
      contradiction(
        annotations,
        ANNOTATION_OLDEST_NODE_VERSION,
        `${ANNOTATION_OLDEST_NODE_VERSION} ${oldestNode.minorVersion} is newer than the API server ${apiServer.minorVersion}; kubelets may never be newer than the API server, so check both values`,
      ),
    );
  }
  if (facts.controlPlane && facts.controlPlane !== 'self-managed') {
    for (const key of CONTROL_PLANE_ONLY_KEYS) {
      if (hasAnnotation(annotations, key)) {
        problems.push(
          contradiction(
            annotations,
            key,
            `${key} describes the control plane, which the provider runs when ${ANNOTATION_CONTROL_PLANE} is ${facts.controlPlane}; remove it or set the control plane to self-managed`,
            'warning',
          ),
        );
      }
    }
  }
  return { facts, problems: boundProblems(problems) };
}
