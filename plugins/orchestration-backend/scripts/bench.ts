/*
 * Benchmark of the Orchestration backend against the real backend of this
 * repository: generates a catalog of 10,000 Components, 200 Groups and 50
 * clusters, starts the backend with it on a spare port, and measures
 *   - GET /v1/assessments (page of 50) beside the catalog's own
 *     GET /api/catalog/entities/by-query?limit=50, p50 and p95,
 *   - a full snapshot refresh,
 *   - the live per-entity assessment at 32 concurrent clients.
 *
 * Run from the repository root:
 *   yarn workspace @orchestration/plugin-orchestration-backend bench
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// eslint-disable-next-line @backstage/no-undeclared-imports
import autocannon from 'autocannon';

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 10_000);
const GROUPS = 200;
const CLUSTERS = 50;
const PORT = Number(process.env.BENCH_PORT ?? 7123);
const TOKEN = randomBytes(24).toString('hex');
const BASE = `http://localhost:${PORT}`;

const platforms = ['ecs-fargate', 'ecs-ec2', 'eks', 'self-managed-kubernetes'];
const workloads = ['web-service', 'api', 'batch', 'worker', 'stateful'];

function generateCatalog(dir: string): string {
  const docs: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    docs.push(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata:',
        `  name: bench-team-${g}`,
        g === 0
          ? "  annotations: { orchestration.io/platform-team: 'true' }"
          : '',
        'spec:',
        '  type: team',
        '  children: []',
        `  members: [${Array.from(
          { length: 1 + (g % 12) },
          (_, i) => `bench-user-${g}-${i}`,
        ).join(', ')}]`,
      ]
        .filter(Boolean)
        .join('\n'),
    );
  }
  for (let c = 0; c < CLUSTERS; c++) {
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: bench-cluster-${c}
  annotations:
    orchestration.io/control-plane: ${c % 2 ? 'eks' : 'self-managed'}
    orchestration.io/kubernetes-version: '1.${28 + (c % 6)}'
    orchestration.io/oldest-node-version: '1.${27 + (c % 6)}'
    orchestration.io/etcd-members: '3'
    orchestration.io/etcd-backup-interval: ${c % 3 ? '15m' : '1h'}
    orchestration.io/etcd-last-backup: '2026-11-27T23:50:00Z'
    orchestration.io/cert-expiry: '2026-12-${10 + (c % 18)}'
    orchestration.io/cert-rotation: ${c % 2 ? 'automated' : 'manual'}
    orchestration.io/last-upgrade: '2025-06-10'
    orchestration.io/cni: ${c % 2 ? 'aws-vpc-cni' : 'calico'}
    orchestration.io/pod-ip-capacity: ${1000 + c * 50}/4096
spec:
  type: kubernetes-cluster
  lifecycle: production
  owner: group:bench-team-0`);
  }
  for (let i = 0; i < COMPONENTS; i++) {
    const platform = platforms[i % 4];
    const k8s = platform === 'eks' || platform === 'self-managed-kubernetes';
    docs.push(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: bench-service-${i}
  title: Bench service ${i}
  annotations:
    orchestration.io/workload-type: ${workloads[i % 5]}
    orchestration.io/portability: ${
      ['aws-only', 'multi-cloud', 'hybrid'][i % 3]
    }
    orchestration.io/aws-integrations: iam-task-role, alb
    orchestration.io/current-platform: ${platform}${
      k8s
        ? `\n    orchestration.io/cluster: resource:default/bench-cluster-${
            i % CLUSTERS
          }`
        : ''
    }
spec:
  type: service
  lifecycle: production
  owner: group:bench-team-${i % GROUPS}
  system: bench-system-${i % 40}`);
  }
  const file = path.join(dir, 'bench-catalog.yaml');
  fs.writeFileSync(file, `${docs.join('\n---\n')}\n`);
  return file;
}

function writeConfig(dir: string, catalogFile: string): string {
  const file = path.join(dir, 'bench-config.yaml');
  fs.writeFileSync(
    file,
    `app:
  baseUrl: ${BASE}
backend:
  baseUrl: ${BASE}
  listen: { port: ${PORT} }
  database:
${
  process.env.BENCH_POSTGRES_URL
    ? `    client: pg
    connection: ${process.env.BENCH_POSTGRES_URL}
    prefix: ${process.env.BENCH_DB_PREFIX ?? `bench_${Date.now()}_`}`
    : `    client: better-sqlite3
    connection: { directory: ${path.join(dir, 'sqlite')} }`
}
  auth:
    externalAccess:
      - type: static
        options: { token: ${TOKEN}, subject: bench }
catalog:
  processingInterval: { minutes: 30 }
  rules:
    - allow: [Component, System, API, Resource, Location, Group, User]
  locations:
    - type: file
      target: ${catalogFile}
orchestration:
  snapshot:
    schedule: { frequency: { hours: 24 }, timeout: { minutes: 15 }, initialDelay: { hours: 1 } }
`,
  );
  return file;
}

const headers = { authorization: `Bearer ${TOKEN}` };

async function getJson(url: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(url, {
    ...init,
    headers: { ...headers, ...(init.headers ?? {}) },
  });
  if (!res.ok)
    throw new Error(
      `${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`,
    );
  return res.json();
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
) {
  const start = Date.now();
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() - start > timeoutMs)
      throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

/** Latencies of sequential requests from `clients` concurrent clients, in ms. */
async function measure(
  urls: () => string,
  clients: number,
  durationMs: number,
) {
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        const start = performance.now();
        try {
          const res = await fetch(urls(), { headers });
          await res.arrayBuffer();
          if (!res.ok) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[
      Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))
    ];
  return { requests: latencies.length, errors, p50: at(50), p95: at(95) };
}

async function cannon(url: string, connections: number) {
  const result = await autocannon({ url, connections, duration: 10, headers });
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestration-bench-'));
  const catalogFile = generateCatalog(dir);
  const configFile = writeConfig(dir, catalogFile);
  console.log(`Catalog and config in ${dir}`);
  const root = path.resolve(__dirname, '../../..');
  const backend = spawn(
    'yarn',
    [
      'workspace',
      'backend',
      'start',
      '--config',
      path.join(root, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: root,
      stdio: [
        'ignore',
        fs.openSync(path.join(dir, 'backend.log'), 'w'),
        'inherit',
      ],
      detached: true,
    },
  );
  try {
    await waitFor(
      'the backend',
      async () => (await fetch(`${BASE}/api/orchestration/health`)).ok,
      180_000,
    );
    const ingestStart = Date.now();
    await waitFor(
      `${COMPONENTS} Components in the catalog`,
      async () => {
        const body = await getJson(
          `${BASE}/api/catalog/entities/by-query?filter=kind=component,metadata.name=bench-service-${
            COMPONENTS - 1
          }&limit=1`,
        );
        return body.totalItems === 1;
      },
      900_000,
    );
    console.log(
      `Catalog ingested in ${((Date.now() - ingestStart) / 1000).toFixed(1)} s`,
    );
    // Let the catalog settle (stitching) before measuring.
    await new Promise(r => setTimeout(r, 15_000));

    const before = await getJson(`${BASE}/api/orchestration/v1/snapshot`);
    await getJson(`${BASE}/api/orchestration/v1/snapshot/refresh`, {
      method: 'POST',
    });
    await waitFor(
      'the snapshot refresh',
      async () => {
        const s = await getJson(`${BASE}/api/orchestration/v1/snapshot`);
        return (
          s.lastRun &&
          s.lastRun.id !== before.lastRun?.id &&
          s.lastRun.status !== 'running'
        );
      },
      600_000,
    );
    const run = (await getJson(`${BASE}/api/orchestration/v1/snapshot`))
      .lastRun;
    const refreshSeconds =
      (Date.parse(run.completedAt) - Date.parse(run.startedAt)) / 1000;
    console.log(
      `Refresh: ${run.entityCount} Components, ${
        run.status
      }, ${refreshSeconds.toFixed(2)} s`,
    );

    const listUrl = `${BASE}/api/orchestration/v1/assessments?limit=50`;
    const catalogUrl = `${BASE}/api/catalog/entities/by-query?limit=50`;
    // Warm-up, then the two side by side.
    await measure(() => listUrl, 4, 2000);
    await measure(() => catalogUrl, 4, 2000);
    const list = await measure(() => listUrl, 10, 10_000);
    const catalog = await measure(() => catalogUrl, 10, 10_000);
    const listCannon = await cannon(listUrl, 10);
    const catalogCannon = await cannon(catalogUrl, 10);
    let n = 0;
    const entity = await measure(
      () =>
        `${BASE}/api/orchestration/v1/entities/component/default/bench-service-${
          (n++ * 7919) % COMPONENTS
        }/assessment`,
      32,
      15_000,
    );
    const figures = {
      components: run.entityCount,
      refreshSeconds,
      list,
      catalog,
      listToCatalogP50: list.p50 / catalog.p50,
      listCannon,
      catalogCannon,
      entity,
    };
    console.log(JSON.stringify(figures, null, 2));
    fs.writeFileSync(
      path.join(dir, 'figures.json'),
      JSON.stringify(figures, null, 2),
    );
  } finally {
    try {
      process.kill(-backend.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
