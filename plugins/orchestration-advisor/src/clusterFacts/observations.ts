/**
 * Pure readings of Kubernetes API objects into cluster facts, written as
 * the annotations would be. Only the fields read are typed, so recorded API
 * responses and the client's objects both fit.
 */

/** The fields of a Node that the collector reads. */
export interface NodeObservation {
  metadata?: { name?: string };
  spec?: { podCIDR?: string; podCIDRs?: string[] };
  status?: { nodeInfo?: { kubeletVersion?: string } };
}

/** The fields of a Pod that the collector reads. */
export interface PodObservation {
  spec?: { hostNetwork?: boolean; nodeName?: string };
  status?: { phase?: string };
}

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?/;

/**
 * The API server's version as `orchestration.io/kubernetes-version` takes it
 * (`1.31.4`), from `/version`: `gitVersion` (`v1.31.4+k3s1`,
 * `v1.30.9-eks-8cce635`) or, failing that, `major` and `minor` (`31+`).
 */
export function apiServerVersion(info: {
  gitVersion?: string;
  major?: string;
  minor?: string;
}): string | undefined {
  const match = VERSION.exec(info.gitVersion ?? '');
  if (match) {
    return match[3] === undefined
      ? `${Number(match[1])}.${Number(match[2])}`
      : `${Number(match[1])}.${Number(match[2])}.${Number(match[3])}`;
  }
  const major = /^\d+/.exec(info.major ?? '')?.[0];
  const minor = /^\d+/.exec(info.minor ?? '')?.[0];
  return major && minor ? `${Number(major)}.${Number(minor)}` : undefined;
}

/** The oldest kubelet among the nodes, as a minor version. */
export interface OldestKubelet {
  /** `1.29`, as `orchestration.io/oldest-node-version` takes it. */
  minorVersion: string;
  /** The kubelet version as the node reports it. */
  kubeletVersion: string;
  node: string;
  /** Nodes whose kubelet version could be read. */
  nodesRead: number;
}

/** The oldest kubelet minor among the nodes; undefined without a readable one. */
export function oldestKubelet(
  nodes: readonly NodeObservation[],
): OldestKubelet | undefined {
  let oldest: (OldestKubelet & { major: number; minor: number }) | undefined;
  let nodesRead = 0;
  for (const node of nodes) {
    const version = node.status?.nodeInfo?.kubeletVersion ?? '';
    const match = VERSION.exec(version);
    if (!match) continue;
    nodesRead++;
    const major = Number(match[1]);
    const minor = Number(match[2]);
    if (
      !oldest ||
      major < oldest.major ||
      (major === oldest.major && minor < oldest.minor)
    ) {
      oldest = {
        major,
        minor,
        minorVersion: `${major}.${minor}`,
        kubeletVersion: version,
        node: node.metadata?.name ?? '(unnamed)',
        nodesRead: 0,
      };
    }
  }
  if (!oldest) return undefined;
  return {
    minorVersion: oldest.minorVersion,
    kubeletVersion: oldest.kubeletVersion,
    node: oldest.node,
    nodesRead,
  };
}

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Addresses in an IPv4 CIDR (`10.244.1.0/24` is 256), or undefined for
 * anything else (IPv6 ranges are too large to run out of, and are not
 * counted).
 */
export function ipv4CidrSize(cidr: string): number | undefined {
  const match = IPV4_CIDR.exec(cidr.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some(octet => octet > 255) || prefix > 32) return undefined;
  return 2 ** (32 - prefix);
}

/** Pod IP use against the nodes' pod CIDRs. */
export interface PodIpUse {
  /** Pods with their own IP on nodes with an IPv4 pod CIDR. */
  used: number;
  /** Addresses in those nodes' IPv4 pod CIDRs. */
  total: number;
  nodesWithPodCidr: number;
  nodes: number;
}

/** Pods that hold an address of their node's pod CIDR: scheduled, not finished, not on the host network. */
function holdsPodIp(pod: PodObservation): boolean {
  const phase = pod.status?.phase;
  return (
    pod.spec?.hostNetwork !== true &&
    typeof pod.spec?.nodeName === 'string' &&
    phase !== 'Succeeded' &&
    phase !== 'Failed'
  );
}

/**
 * Pod IP use as `orchestration.io/pod-ip-capacity` takes it: pods holding
 * an address, against the size of the IPv4 pod CIDRs the nodes were given
 * (`spec.podCIDRs`, or `spec.podCIDR`). Undefined when no node has an IPv4
 * pod CIDR: with the AWS VPC CNI, or a CNI with its own address pools, pod
 * addresses do not come from the nodes' ranges and cannot be counted here.
 */
export function podIpUse(
  nodes: readonly NodeObservation[],
  pods: readonly PodObservation[],
): PodIpUse | undefined {
  const counted = new Set<string>();
  let total = 0;
  for (const node of nodes) {
    const cidrs =
      node.spec?.podCIDRs ?? (node.spec?.podCIDR ? [node.spec.podCIDR] : []);
    let size = 0;
    for (const cidr of cidrs) size += ipv4CidrSize(cidr) ?? 0;
    const name = node.metadata?.name;
    if (size === 0 || !name) continue;
    counted.add(name);
    total += size;
  }
  if (counted.size === 0) return undefined;
  let used = 0;
  for (const pod of pods) {
    if (holdsPodIp(pod) && counted.has(pod.spec!.nodeName!)) used++;
  }
  return { used, total, nodesWithPodCidr: counted.size, nodes: nodes.length };
}
