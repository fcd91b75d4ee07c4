import { resolveClusterRef, parseFactArguments, readTimeout } from './commands';
import nodes from './__fixtures__/nodes.json';
import podsPage1 from './__fixtures__/pods-page-1.json';
import podsPage2 from './__fixtures__/pods-page-2.json';
import {
  NodeObservation,
  PodObservation,
  apiServerVersion,
  ipv4CidrSize,
  oldestKubelet,
  podIpUse,
} from './observations';

describe('apiServerVersion', () => {
  it.each([
    [{ gitVersion: 'v1.31.4' }, '1.31.4'],
    [{ gitVersion: 'v1.30.9-eks-8cce635' }, '1.30.9'],
    [{ gitVersion: 'v1.29.3+k3s1' }, '1.29.3'],
    [{ gitVersion: 'unknown', major: '1', minor: '28+' }, '1.28'],
    [{ gitVersion: '' }, undefined],
    [{}, undefined],
  ])('%j is %j', (info, version) => {
    expect(apiServerVersion(info)).toBe(version);
  });
});

describe('oldestKubelet', () => {
  const node = (name: string, kubeletVersion?: string): NodeObservation => ({
    metadata: { name },
    status: { nodeInfo: kubeletVersion ? { kubeletVersion } : undefined },
  });

  it.each<[string, NodeObservation[], ReturnType<typeof oldestKubelet>]>([
    [
      'the recorded nodes',
      nodes.items,
      {
        minorVersion: '1.29',
        kubeletVersion: 'v1.29.10',
        node: 'worker-b',
        nodesRead: 3,
      },
    ],
    [
      'minors compared as numbers, 1.9 before 1.10',
      [node('a', 'v1.10.0'), node('b', 'v1.9.11')],
      {
        minorVersion: '1.9',
        kubeletVersion: 'v1.9.11',
        node: 'b',
        nodesRead: 2,
      },
    ],
    [
      'a node without a version is skipped',
      [node('a'), node('b', 'v1.33.1-eks-1a2b3c')],
      {
        minorVersion: '1.33',
        kubeletVersion: 'v1.33.1-eks-1a2b3c',
        node: 'b',
        nodesRead: 1,
      },
    ],
    ['no node', [], undefined],
  ])('%s', (_name, list, expected) => {
    expect(oldestKubelet(list)).toEqual(expected);
  });
});

describe('ipv4CidrSize', () => {
  it.each([
    ['10.244.1.0/24', 256],
    ['100.64.0.0/18', 16384],
    ['10.0.0.1/32', 1],
    ['fd00:10:244::/64', undefined],
    ['10.0.0.0/33', undefined],
    ['300.0.0.0/24', undefined],
    ['', undefined],
  ])('%s has %j addresses', (cidr, size) => {
    expect(ipv4CidrSize(cidr)).toBe(size);
  });
});

describe('podIpUse', () => {
  const pods: PodObservation[] = [...podsPage1.items, ...podsPage2.items];

  it('counts scheduled, unfinished pods off the host network against the pod CIDRs', () => {
    // 11 pods: 4 on the host network, 1 unscheduled; 3 nodes with a /24.
    expect(podIpUse(nodes.items, pods)).toEqual({
      used: 6,
      total: 768,
      nodesWithPodCidr: 3,
      nodes: 3,
    });
  });

  it.each<
    [string, NodeObservation[], PodObservation[], ReturnType<typeof podIpUse>]
  >([
    [
      'finished pods hold no address',
      [{ metadata: { name: 'n' }, spec: { podCIDR: '10.0.0.0/28' } }],
      [
        { spec: { nodeName: 'n' }, status: { phase: 'Running' } },
        { spec: { nodeName: 'n' }, status: { phase: 'Succeeded' } },
        { spec: { nodeName: 'n' }, status: { phase: 'Failed' } },
      ],
      { used: 1, total: 16, nodesWithPodCidr: 1, nodes: 1 },
    ],
    [
      'dual-stack nodes count their IPv4 range only',
      [
        {
          metadata: { name: 'n' },
          spec: { podCIDRs: ['10.0.0.0/26', 'fd00:10:244:1::/64'] },
        },
      ],
      [{ spec: { nodeName: 'n' }, status: { phase: 'Running' } }],
      { used: 1, total: 64, nodesWithPodCidr: 1, nodes: 1 },
    ],
    [
      'pods on nodes without a pod CIDR are not counted',
      [
        { metadata: { name: 'a' }, spec: { podCIDR: '10.0.0.0/24' } },
        { metadata: { name: 'fargate-ip-10-0-1-5' }, spec: {} },
      ],
      [
        { spec: { nodeName: 'a' }, status: { phase: 'Running' } },
        {
          spec: { nodeName: 'fargate-ip-10-0-1-5' },
          status: { phase: 'Running' },
        },
      ],
      { used: 1, total: 256, nodesWithPodCidr: 1, nodes: 2 },
    ],
    [
      'no pod CIDR at all (the AWS VPC CNI)',
      [{ metadata: { name: 'a' }, spec: {} }],
      [{ spec: { nodeName: 'a' }, status: { phase: 'Running' } }],
      undefined,
    ],
  ])('%s', (_name, nodeList, podList, expected) => {
    expect(podIpUse(nodeList, podList)).toEqual(expected);
  });
});

describe('command-line values', () => {
  const now = new Date('2026-11-28T10:15:00Z');

  it('reads facts as key=value, with now for the time of an event', () => {
    expect(
      parseFactArguments(
        [
          'etcd-last-backup=now',
          'orchestration.io/last-upgrade=NOW',
          'kubernetes-version=1.31.4',
          'control-plane-monitoring=apiserver-latency,etcd-disk',
        ],
        now,
      ),
    ).toEqual({
      'etcd-last-backup': '2026-11-28T10:15:00.000Z',
      'orchestration.io/last-upgrade': '2026-11-28T10:15:00.000Z',
      'kubernetes-version': '1.31.4',
      'control-plane-monitoring': 'apiserver-latency,etcd-disk',
    });
  });

  it.each([
    [[], 'name at least one fact as key=value, e.g. etcd-last-backup=now'],
    [['=3'], '"=3" is not key=value; write e.g. etcd-last-backup=now'],
    [['cni=calico', 'cni=cilium'], 'cni is given twice; give it once'],
    [
      Array.from({ length: 13 }, (_, i) => `k${i}=v`),
      '13 facts given; a report names at most 12, one per cluster annotation key',
    ],
  ])('refuses %j', (args, message) => {
    expect(() => parseFactArguments(args, now)).toThrow(message);
  });

  it.each([
    ['prod', 'resource:default/prod', { namespace: 'default', name: 'prod' }],
    [
      'payments/prod-eu',
      'resource:payments/prod-eu',
      { namespace: 'payments', name: 'prod-eu' },
    ],
    [
      'Resource:Default/Prod',
      'resource:default/prod',
      { namespace: 'default', name: 'prod' },
    ],
  ])('resolves --cluster %s', (text, ref, name) => {
    expect(resolveClusterRef(text)).toEqual({ ref, name });
  });

  it('refuses a --cluster that is not a Resource', () => {
    expect(() => resolveClusterRef('component:default/web')).toThrow(
      '--cluster must name a Resource (the kubernetes-cluster entity), not component:default/web; e.g. resource:default/prod',
    );
    expect(() => resolveClusterRef(' ')).toThrow('invalid --cluster');
  });

  it.each([
    [undefined, 60_000],
    ['5', 5_000],
    ['600', 600_000],
  ])('reads --timeout %j', (text, ms) => {
    expect(readTimeout(text)).toBe(ms);
  });

  it.each(['0', '601', '1.5', 'soon'])('refuses --timeout %j', text => {
    expect(() => readTimeout(text)).toThrow(
      'give whole seconds from 1 to 600, e.g. 60',
    );
  });
});
