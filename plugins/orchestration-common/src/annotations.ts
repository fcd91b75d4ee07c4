/**
 * Annotation keys and allowed values of the Orchestration contract.
 *
 * Keys and value spellings are part of a public contract shared with the CLI,
 * the REST API and users' own scripts: they never change once published.
 */

/**
 * The prefix shared by every Orchestration annotation.
 *
 * @public
 */
export const ORCHESTRATION_ANNOTATION_PREFIX = 'orchestration.io/';

/**
 * The platforms the engine chooses between, in their display order.
 *
 * @public
 */
export const PLATFORM_IDS = [
  'ecs-fargate',
  'ecs-ec2',
  'eks',
  'self-managed-kubernetes',
] as const;

/**
 * Identifier of a platform: Amazon ECS on Fargate, ECS on EC2, Amazon EKS or
 * a self-managed Kubernetes control plane.
 *
 * @public
 */
export type PlatformId = (typeof PLATFORM_IDS)[number];

/**
 * Platforms that are Amazon ECS.
 *
 * @public
 */
export const ECS_PLATFORM_IDS: readonly PlatformId[] = [
  'ecs-fargate',
  'ecs-ec2',
];

/**
 * Platforms that are Kubernetes.
 *
 * @public
 */
export const KUBERNETES_PLATFORM_IDS: readonly PlatformId[] = [
  'eks',
  'self-managed-kubernetes',
];

// ---------------------------------------------------------------------------
// Component annotations
// ---------------------------------------------------------------------------

/**
 * The shape of the workload: `web-service`, `api`, `batch`, `worker` or
 * `stateful`. Without it the engine gives no recommendation.
 *
 * @public
 */
export const ANNOTATION_WORKLOAD_TYPE = 'orchestration.io/workload-type';

/**
 * Where the service must be able to run: `aws-only`, `multi-cloud` or
 * `hybrid` (a data centre and the cloud).
 *
 * @public
 */
export const ANNOTATION_PORTABILITY = 'orchestration.io/portability';

/**
 * Comma-separated placement needs, see {@link SCHEDULING_NEEDS}.
 *
 * @public
 */
export const ANNOTATION_SCHEDULING = 'orchestration.io/scheduling';

/**
 * Comma-separated Kubernetes ecosystem tools the service depends on, see
 * {@link ECOSYSTEM_TOOLS}.
 *
 * @public
 */
export const ANNOTATION_ECOSYSTEM = 'orchestration.io/ecosystem';

/**
 * Comma-separated AWS services the service relies on, see
 * {@link AWS_INTEGRATIONS}.
 *
 * @public
 */
export const ANNOTATION_AWS_INTEGRATIONS = 'orchestration.io/aws-integrations';

/**
 * Peak size of one task or pod in Kubernetes quantities, for example
 * `cpu=500m,memory=8Gi,gpu=1,storage=50Gi,volume=100Gi,privileged=false`
 * (any subset). `storage` is ephemeral task storage; `volume` is persistent
 * block storage for one task.
 *
 * @public
 */
export const ANNOTATION_RESOURCES = 'orchestration.io/resources';

/**
 * The usual number of running copies of the service, a whole number of 1 or
 * more, for example `"3"`. Used for cost only.
 *
 * @public
 */
export const ANNOTATION_REPLICAS = 'orchestration.io/replicas';

/**
 * Where the service runs today: a {@link PlatformId} or `none`.
 *
 * @public
 */
export const ANNOTATION_CURRENT_PLATFORM = 'orchestration.io/current-platform';

/**
 * Entity reference of the kubernetes-cluster Resource the service runs on,
 * for example `resource:default/prod-kops`.
 *
 * @public
 */
export const ANNOTATION_CLUSTER = 'orchestration.io/cluster';

// ---------------------------------------------------------------------------
// kubernetes-cluster Resource annotations
// ---------------------------------------------------------------------------

/**
 * Who runs the control plane: `self-managed`, `eks`, `gke` or `aks`.
 *
 * @public
 */
export const ANNOTATION_CONTROL_PLANE = 'orchestration.io/control-plane';

/**
 * The tool that provisions the cluster: `kops`, `kubeadm`, `kubespray` or
 * `other`.
 *
 * @public
 */
export const ANNOTATION_PROVISIONER = 'orchestration.io/provisioner';

/**
 * The API server version, `1.29` or `1.29.4`.
 *
 * @public
 */
export const ANNOTATION_KUBERNETES_VERSION =
  'orchestration.io/kubernetes-version';

/**
 * The oldest kubelet minor in the cluster, for example `1.27`.
 *
 * @public
 */
export const ANNOTATION_OLDEST_NODE_VERSION =
  'orchestration.io/oldest-node-version';

/**
 * Number of etcd members (an integer).
 *
 * @public
 */
export const ANNOTATION_ETCD_MEMBERS = 'orchestration.io/etcd-members';

/**
 * Interval between etcd snapshots: `15m`, `1h`, `1d`.
 *
 * @public
 */
export const ANNOTATION_ETCD_BACKUP_INTERVAL =
  'orchestration.io/etcd-backup-interval';

/**
 * ISO-8601 timestamp of the last successful etcd snapshot.
 *
 * @public
 */
export const ANNOTATION_ETCD_LAST_BACKUP = 'orchestration.io/etcd-last-backup';

/**
 * ISO-8601 date of the earliest control-plane certificate expiry.
 *
 * @public
 */
export const ANNOTATION_CERT_EXPIRY = 'orchestration.io/cert-expiry';

/**
 * How control-plane certificates are renewed: `automated` or `manual`.
 *
 * @public
 */
export const ANNOTATION_CERT_ROTATION = 'orchestration.io/cert-rotation';

/**
 * ISO-8601 date of the last control-plane upgrade.
 *
 * @public
 */
export const ANNOTATION_LAST_UPGRADE = 'orchestration.io/last-upgrade';

/**
 * The pod network plugin: `aws-vpc-cni`, `calico`, `cilium` or `other`.
 *
 * @public
 */
export const ANNOTATION_CNI = 'orchestration.io/cni';

/**
 * Pod IP usage as `<used>/<total>`, for example `3800/4096`.
 *
 * @public
 */
export const ANNOTATION_POD_IP_CAPACITY = 'orchestration.io/pod-ip-capacity';

/**
 * Comma-separated control-plane signals that are monitored, see
 * {@link CONTROL_PLANE_SIGNALS}.
 *
 * @public
 */
export const ANNOTATION_CONTROL_PLANE_MONITORING =
  'orchestration.io/control-plane-monitoring';

// ---------------------------------------------------------------------------
// Group annotation
// ---------------------------------------------------------------------------

/**
 * Marks a Group as a platform team able to operate Kubernetes clusters:
 * `"true"` or `"false"`.
 *
 * @public
 */
export const ANNOTATION_PLATFORM_TEAM = 'orchestration.io/platform-team';

/**
 * The `spec.type` of a Resource that describes a Kubernetes cluster.
 *
 * @public
 */
export const KUBERNETES_CLUSTER_RESOURCE_TYPE = 'kubernetes-cluster';

// ---------------------------------------------------------------------------
// Allowed values
// ---------------------------------------------------------------------------

/** @public */
export const WORKLOAD_TYPES = [
  'web-service',
  'api',
  'batch',
  'worker',
  'stateful',
] as const;
/** @public */
export type WorkloadType = (typeof WORKLOAD_TYPES)[number];

/** Workload types that ECS serves without special machinery. @public */
export const SIMPLE_WORKLOAD_TYPES: readonly WorkloadType[] = [
  'web-service',
  'api',
  'batch',
  'worker',
];

/** @public */
export const PORTABILITY_VALUES = [
  'aws-only',
  'multi-cloud',
  'hybrid',
] as const;
/** @public */
export type Portability = (typeof PORTABILITY_VALUES)[number];

/** @public */
export const SCHEDULING_NEEDS = [
  'gpu',
  'node-affinity',
  'pod-anti-affinity',
  'taints',
  'priority-preemption',
  'topology-spread',
  'daemonset',
] as const;
/** @public */
export type SchedulingNeed = (typeof SCHEDULING_NEEDS)[number];

/** @public */
export const ECOSYSTEM_TOOLS = [
  'service-mesh',
  'operator',
  'custom-controller',
  'crd',
  'helm',
  'admission-controller',
  'cert-manager',
  'vault',
] as const;
/** @public */
export type EcosystemTool = (typeof ECOSYSTEM_TOOLS)[number];

/** @public */
export const AWS_INTEGRATIONS = [
  'iam-task-role',
  'alb',
  'cloudwatch',
  'secrets-manager',
  'parameter-store',
  'cloud-map',
  'ecr',
] as const;
/** @public */
export type AwsIntegration = (typeof AWS_INTEGRATIONS)[number];

/** Values of `orchestration.io/current-platform`. @public */
export const CURRENT_PLATFORM_VALUES = [...PLATFORM_IDS, 'none'] as const;
/** @public */
export type CurrentPlatform = (typeof CURRENT_PLATFORM_VALUES)[number];

/** Keys accepted inside `orchestration.io/resources`. @public */
export const RESOURCE_KEYS = [
  'cpu',
  'memory',
  'gpu',
  'storage',
  'volume',
  'privileged',
] as const;

/** @public */
export const CONTROL_PLANE_KINDS = [
  'self-managed',
  'eks',
  'gke',
  'aks',
] as const;
/** @public */
export type ControlPlaneKind = (typeof CONTROL_PLANE_KINDS)[number];

/** @public */
export const PROVISIONERS = ['kops', 'kubeadm', 'kubespray', 'other'] as const;
/** @public */
export type Provisioner = (typeof PROVISIONERS)[number];

/** @public */
export const CERT_ROTATION_MODES = ['automated', 'manual'] as const;
/** @public */
export type CertRotationMode = (typeof CERT_ROTATION_MODES)[number];

/** @public */
export const CNI_PLUGINS = [
  'aws-vpc-cni',
  'calico',
  'cilium',
  'other',
] as const;
/** @public */
export type CniPlugin = (typeof CNI_PLUGINS)[number];

/** @public */
export const CONTROL_PLANE_SIGNALS = [
  'apiserver-latency',
  'etcd-disk',
  'scheduler-queue',
  'controller-sync',
] as const;
/** @public */
export type ControlPlaneSignal = (typeof CONTROL_PLANE_SIGNALS)[number];

/** Annotation keys allowed on a Component. @public */
export const COMPONENT_ANNOTATION_KEYS = [
  ANNOTATION_WORKLOAD_TYPE,
  ANNOTATION_PORTABILITY,
  ANNOTATION_SCHEDULING,
  ANNOTATION_ECOSYSTEM,
  ANNOTATION_AWS_INTEGRATIONS,
  ANNOTATION_RESOURCES,
  ANNOTATION_REPLICAS,
  ANNOTATION_CURRENT_PLATFORM,
  ANNOTATION_CLUSTER,
] as const;

/** Annotation keys allowed on a kubernetes-cluster Resource. @public */
export const CLUSTER_ANNOTATION_KEYS = [
  ANNOTATION_CONTROL_PLANE,
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

/** Annotation keys allowed on a Group. @public */
export const GROUP_ANNOTATION_KEYS = [ANNOTATION_PLATFORM_TEAM] as const;

/** Every annotation key of the contract. @public */
export const ALL_ANNOTATION_KEYS: readonly string[] = [
  ...COMPONENT_ANNOTATION_KEYS,
  ...CLUSTER_ANNOTATION_KEYS,
  ...GROUP_ANNOTATION_KEYS,
];
