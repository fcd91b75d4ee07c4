/*
 * Throughput benchmark of the decision engine: assesses 100,000 generated
 * Components with varied annotations on one core, with the sensitivity
 * analysis, costs and obligations, and prints assessments per second and peak
 * memory. Run with `yarn bench` in this package.
 */
import { Entity } from '@backstage/catalog-model';
import {
  AWS_INTEGRATIONS,
  AssessEntityInput,
  CURRENT_PLATFORM_VALUES,
  ECOSYSTEM_TOOLS,
  PORTABILITY_VALUES,
  SCHEDULING_NEEDS,
  WORKLOAD_TYPES,
  assessCluster,
  assessEntity,
  readOrchestrationConfig,
} from '../src';

const COUNT = Number(process.env.BENCH_COUNT ?? 100_000);
// Callers that assess many entities at one instant pass it in canonical ISO form.
const NOW = '2026-11-28T00:00:00.000Z';

/** A small deterministic pseudo-random generator, so runs are comparable. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const next = random(42);
const pick = <T>(values: readonly T[]): T =>
  values[Math.floor(next() * values.length)];
const some = (values: readonly string[]) =>
  values.filter(() => next() < 0.2).join(', ');

function cluster(i: number): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `cluster-${i}`,
      annotations: {
        'orchestration.io/control-plane': pick(['self-managed', 'eks']),
        'orchestration.io/kubernetes-version': `1.${26 + (i % 11)}.${i % 7}`,
        'orchestration.io/oldest-node-version': `1.${24 + (i % 11)}`,
        'orchestration.io/etcd-members': String(1 + (i % 5)),
        'orchestration.io/etcd-backup-interval': pick(['15m', '1h', '1d']),
        'orchestration.io/etcd-last-backup': '2026-11-27T23:50:00Z',
        'orchestration.io/cert-expiry': `2026-12-${String(
          1 + (i % 28),
        ).padStart(2, '0')}`,
        'orchestration.io/cert-rotation': pick(['manual', 'automated']),
        'orchestration.io/last-upgrade': '2025-06-02',
        'orchestration.io/cni': pick(['aws-vpc-cni', 'calico', 'cilium']),
        'orchestration.io/pod-ip-capacity': `${i % 4096}/4096`,
        'orchestration.io/control-plane-monitoring':
          'apiserver-latency, etcd-disk',
      },
    },
    spec: { type: 'kubernetes-cluster' },
  };
}

function generate(i: number, clusters: Entity[]): AssessEntityInput {
  const annotations: Record<string, string> = {};
  if (next() < 0.95)
    annotations['orchestration.io/workload-type'] = pick(WORKLOAD_TYPES);
  if (next() < 0.02)
    annotations['orchestration.io/workload-typ'] = 'web-servce';
  if (next() < 0.8)
    annotations['orchestration.io/portability'] = pick(PORTABILITY_VALUES);
  const scheduling = some(SCHEDULING_NEEDS);
  if (scheduling) annotations['orchestration.io/scheduling'] = scheduling;
  const ecosystem = some(ECOSYSTEM_TOOLS);
  if (ecosystem) annotations['orchestration.io/ecosystem'] = ecosystem;
  const integrations = some(AWS_INTEGRATIONS);
  if (integrations)
    annotations['orchestration.io/aws-integrations'] = integrations;
  if (next() < 0.7) {
    annotations['orchestration.io/resources'] = `cpu=${1 + (i % 32)},memory=${
      2 + (i % 200)
    }Gi${next() < 0.1 ? ',gpu=1' : ''}${next() < 0.1 ? ',storage=300Gi' : ''}`;
  }
  const current = pick(CURRENT_PLATFORM_VALUES);
  annotations['orchestration.io/current-platform'] = current;
  let clusterEntity: Entity | undefined;
  if (current === 'eks' || current === 'self-managed-kubernetes') {
    clusterEntity = clusters[i % clusters.length];
    annotations[
      'orchestration.io/cluster'
    ] = `resource:default/${clusterEntity.metadata.name}`;
  }
  return {
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `service-${i}`, annotations },
      spec: { type: 'service', owner: `group:default/team-${i % 50}` },
    },
    owner: {
      entityRef: `group:default/team-${i % 50}`,
      memberCount: next() < 0.9 ? 1 + (i % 20) : undefined,
    },
    platformTeams: next() < 0.5 ? [] : ['group:default/platform'],
    cluster: clusterEntity,
    now: NOW,
  };
}

function main() {
  const config = readOrchestrationConfig(undefined);
  if (!config.ok) throw new Error(config.errors.join('\n'));
  const clusters = Array.from({ length: 200 }, (_, i) => cluster(i));
  // As the backend's snapshot does: each cluster is assessed once, and its
  // assessment is handed to every service that runs on it.
  const clusterAssessments = new Map(
    clusters.map(c => [
      c,
      assessCluster(c, { options: config.options, now: NOW }),
    ]),
  );
  const inputs = Array.from({ length: COUNT }, (_, i) => {
    const input = generate(i, clusters);
    return {
      ...input,
      clusterAssessment: input.cluster
        ? clusterAssessments.get(input.cluster)
        : undefined,
      options: config.options,
    };
  });

  // Warm up the JIT on a slice so the measured loop reflects steady state.
  for (let i = 0; i < 2000; i++) assessEntity(inputs[i]);

  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  sample();
  let recommended = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < inputs.length; i++) {
    const assessment = assessEntity(inputs[i]);
    if (assessment.recommendation.platform !== null) recommended++;
    if ((i & 4095) === 0) sample();
  }
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  // CPU time of this process (user + system, including GC threads): the
  // fair figure when other processes compete for the core.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  sample();
  const perSecond = Math.round(COUNT / (elapsedMs / 1000));
  const perCpuSecond = Math.round(COUNT / (cpuMs / 1000));
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  process.stdout.write(
    [
      `assessed ${COUNT.toLocaleString(
        'en-US',
      )} entities in ${elapsedMs.toFixed(0)} ms (${recommended.toLocaleString(
        'en-US',
      )} with a recommendation)`,
      `throughput: ${perSecond.toLocaleString(
        'en-US',
      )} assessments/s wall clock, ${perCpuSecond.toLocaleString(
        'en-US',
      )} assessments per CPU-second (${cpuMs.toFixed(0)} ms CPU)`,
      `peak memory: rss ${mb(peakRss)}, heapUsed ${mb(peakHeap)}`,
      `node ${process.version}`,
      '',
    ].join('\n'),
  );
}

main();
