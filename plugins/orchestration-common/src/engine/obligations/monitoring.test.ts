import { Obligation } from '../types';
import { DECLARED, EKS, SELF, contextFor } from './__testUtils__/context';
import { monitoringObligation } from './monitoring';

const MONITORING = 'orchestration.io/control-plane-monitoring';

const base = {
  id: 'control-plane-monitoring',
  title: 'Control-plane monitoring',
  hypothetical: false,
  due: null,
} as const;

const MANAGED_LEAD =
  'Partly applicable: the provider watches etcd, but API server, scheduler and controller signals still show how your workloads load the control plane.';
const MONITOR = {
  apiserver:
    'Monitor API server latency: apiserver_request_duration_seconds, apiserver_request_total, apiserver_current_inflight_requests (p99 at most 1 s for mutating calls and single reads, 30 s for lists).',
  scheduler:
    'Monitor scheduler queue: scheduler_pending_pods, scheduler_pod_scheduling_attempts (pending pods that keep growing).',
  controller:
    'Monitor controller-manager sync: workqueue_depth, workqueue_queue_duration_seconds, workqueue_work_duration_seconds (work queues that keep growing).',
};

describe('control-plane-monitoring', () => {
  it.each<[string, Record<string, string>, Obligation]>([
    [
      'all four signals on a self-managed control plane',
      {
        ...SELF,
        [MONITORING]:
          'apiserver-latency,etcd-disk,scheduler-queue,controller-sync',
      },
      {
        ...base,
        status: 'ok',
        summary: 'All 4 control-plane signals are monitored.',
        evidence: [
          {
            key: MONITORING,
            value:
              'apiserver-latency,etcd-disk,scheduler-queue,controller-sync',
            provenance: DECLARED,
          },
        ],
        actions: [],
      },
    ],
    [
      'only etcd disk on EKS, where etcd is not required',
      { ...EKS, [MONITORING]: 'etcd-disk' },
      {
        ...base,
        status: 'critical',
        summary: `${MANAGED_LEAD} 0 of 3 control-plane signals are monitored; missing: API server latency, scheduler queue, controller-manager sync.`,
        evidence: [
          { key: MONITORING, value: 'etcd-disk', provenance: DECLARED },
        ],
        actions: [MONITOR.apiserver, MONITOR.scheduler, MONITOR.controller],
      },
    ],
    [
      'two of four on a self-managed control plane',
      { ...SELF, [MONITORING]: 'apiserver-latency,etcd-disk' },
      {
        ...base,
        status: 'warning',
        summary:
          '2 of 4 control-plane signals are monitored; missing: scheduler queue, controller-manager sync.',
        evidence: [
          {
            key: MONITORING,
            value: 'apiserver-latency,etcd-disk',
            provenance: DECLARED,
          },
        ],
        actions: [MONITOR.scheduler, MONITOR.controller],
      },
    ],
    [
      'no monitoring annotation',
      { ...SELF },
      {
        ...base,
        status: 'unknown',
        summary:
          'Not enough information yet; add the annotations named in the actions.',
        evidence: [],
        actions: [
          'Add orchestration.io/control-plane-monitoring (e.g. apiserver-latency,etcd-disk,scheduler-queue,controller-sync) to the cluster so control-plane monitoring can be checked.',
        ],
      },
    ],
  ])('%s', (_name, annotations, expected) => {
    expect(monitoringObligation(contextFor(annotations))).toEqual(expected);
  });
});
