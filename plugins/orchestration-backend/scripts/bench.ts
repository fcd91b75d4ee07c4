/*
 * Benchmark of the Orchestration backend against the real backend of this
 * repository: writes a generated catalog (10,000 Components, 200 Groups, 50
 * clusters; see benchCatalog.ts), starts the backend with it on a spare
 * port, waits until the catalog has ingested it, and measures side by side
 * in the same run:
 *   - a full snapshot refresh,
 *   - GET /v1/assessments (page of 50) beside the catalog's own
 *     GET /api/catalog/entities/by-query?limit=50, 10 clients,
 *   - the live per-entity assessment beside the catalog's own
 *     GET /api/catalog/entities/by-name/... of the same Components, 32
 *     connections through autocannon, alternately, in rounds.
 *
 *   cd plugins/orchestration-backend && yarn bench
 *
 * Environment: BENCH_POSTGRES_URL (PostgreSQL; SQLite files otherwise),
 * BENCH_COMPONENTS, BENCH_TURNS (turns of each side, default 6),
 * BENCH_TURN_SECONDS (default 5), BENCH_ONLY (`list` or
 * `entity`), BENCH_SETTLE (0: measure at once after the refresh, not once
 * the backend is quiet), BENCH_CPU_PROF (a directory to write a CPU profile of the
 * backend to for each turn of each side), BENCH_DIR (a directory to
 * keep the catalog, its database prefix and SQLite files in, so a second
 * run skips the ingestion), BENCH_PORT.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// eslint-disable-next-line @backstage/no-undeclared-imports
import autocannon from 'autocannon';
import { catalogDocuments, componentName } from './benchCatalog';

const SIZE = {
  components: Number(process.env.BENCH_COMPONENTS ?? 10_000),
  groups: 200,
  clusters: 50,
};
/** Turns of each side in a side-by-side measurement, and their length. */
const SLICES = Number(process.env.BENCH_TURNS ?? 6);
const SLICE_SECONDS = Number(process.env.BENCH_TURN_SECONDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 7123);
const TOKEN = randomBytes(24).toString('hex');
/** Tokens of other callers, one per request in turn: as many callers as that. */
const CALLER_TOKENS = Array.from({ length: 64 }, () =>
  randomBytes(24).toString('hex'),
);
const BASE = `http://localhost:${PORT}`;
/** Each run starts the plugin on an empty database; the catalog's is kept in BENCH_DIR. */
const RUN = Date.now();
/** Where CPU profiles of the backend go, one per turn of each side. */
const PROFILES = process.env.BENCH_CPU_PROF;

/** What to measure after the refresh: `list`, `entity` or both (default). */
const ONLY = new Set(
  (process.env.BENCH_ONLY ?? 'list,entity').split(',').map(s => s.trim()),
);

function writeCatalog(dir: string): string {
  const file = path.join(dir, 'bench-catalog.yaml');
  if (fs.existsSync(file)) return file;
  const out = fs.openSync(file, 'w');
  let first = true;
  for (const doc of catalogDocuments(SIZE)) {
    fs.writeSync(out, first ? doc : `\n---\n${doc}`);
    first = false;
  }
  fs.writeSync(out, '\n');
  fs.closeSync(out);
  return file;
}

/** The database prefix of this directory's catalog, made once and kept with it. */
function databasePrefix(dir: string): string {
  const file = path.join(dir, 'db-prefix');
  if (!fs.existsSync(file)) {
    fs.writeFileSync(
      file,
      process.env.BENCH_DB_PREFIX ?? `bench_${Date.now()}_`,
    );
  }
  return fs.readFileSync(file, 'utf8').trim();
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
    prefix: ${databasePrefix(dir)}
    plugin:
      orchestration:
        connection: { database: ${databasePrefix(dir)}orchestration_${RUN} }`
    : `    client: better-sqlite3
    connection: { directory: ${path.join(dir, 'sqlite')} }`
}
  auth:
    externalAccess:
      - type: static
        options: { token: ${TOKEN}, subject: bench }
${CALLER_TOKENS.map(
  (token, i) => `      - type: static
        options: { token: ${token}, subject: bench-caller-${i} }
`,
).join('')}catalog:
  # Ingested once; no reprocessing while measuring.
  processingInterval: { hours: 24 }
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

const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

const CLOCK_TICKS = Number(
  execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100,
);

/** CPU time of a process so far (all its threads), in ms. */
function cpuMillis(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, fields 14 and 15 of proc(5), in clock ticks.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** The backend's V8 profiler, through its inspector (BENCH_CPU_PROF). */
async function profiler() {
  if (!PROFILES) return undefined;
  fs.mkdirSync(PROFILES, { recursive: true });
  const targets = await (
    await fetch(`http://127.0.0.1:${PORT + 1}/json/list`)
  ).json();
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let id = 0;
  const pending = new Map<number, (result: any) => void>();
  socket.onmessage = event => {
    const message = JSON.parse(String(event.data));
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  };
  const post = (method: string) =>
    new Promise<any>(resolve => {
      id += 1;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method }));
    });
  await post('Profiler.enable');
  return {
    start: () => post('Profiler.start'),
    stop: async (name: string) => {
      const { profile } = await post('Profiler.stop');
      fs.writeFileSync(
        path.join(PROFILES, `${name}.cpuprofile`),
        JSON.stringify(profile),
      );
    },
    close: () => socket.close(),
  };
}

let backendProfiler: Awaited<ReturnType<typeof profiler>>;

interface Side {
  name: string;
  /** The path of the next request. */
  path: () => string;
  /** The token of the next request; one token for all when not given. */
  token?: () => string;
}

/** One autocannon run of a side, adding every response's latency (ms). */
function cannonRun(
  side: Side,
  connections: number,
  seconds: number,
  latencies: number[],
): Promise<{ requests: number; non2xx: number; errors: number }> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: BASE,
        connections,
        duration: seconds,
        headers,
        requests: [
          {
            method: 'GET',
            setupRequest: (request: any) => ({
              ...request,
              path: side.path(),
              headers: side.token
                ? {
                    ...request.headers,
                    authorization: `Bearer ${side.token()}`,
                  }
                : request.headers,
            }),
          },
        ],
      },
      (error: unknown, result: any) =>
        error
          ? reject(error)
          : resolve({
              requests: result.requests.total,
              non2xx: result.non2xx,
              errors: result.errors + result.timeouts,
            }),
    );
    instance.on(
      'response',
      (_client: unknown, status: number, _bytes: number, ms: number) => {
        if (status >= 200 && status < 300) latencies.push(ms);
      },
    );
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[
        Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
      ];
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The sides measured side by side: in turns of `sliceSeconds` each, for
 * `slices` rounds, the order reversed every round, so load from elsewhere
 * on the machine falls on all of them alike. Latencies are pooled over all
 * turns of a side; the backend's CPU time is counted per side.
 */
async function sideBySide(
  sides: Side[],
  connections: number,
  slices: number,
  sliceSeconds: number,
  backendPid: number,
) {
  const stats = sides.map(() => ({
    latencies: [] as number[],
    turnP50s: [] as number[],
    requests: 0,
    non2xx: 0,
    errors: 0,
    cpuMs: 0,
  }));
  for (let round = 0; round < slices; round++) {
    const order = sides.map((_, i) => i);
    if (round % 2) order.reverse();
    for (const i of order) {
      const turn: number[] = [];
      await backendProfiler?.start();
      const cpu = cpuMillis(backendPid);
      const result = await cannonRun(sides[i], connections, sliceSeconds, turn);
      stats[i].cpuMs += cpuMillis(backendPid) - cpu;
      await backendProfiler?.stop(`${sides[i].name}-${round + 1}`);
      stats[i].requests += result.requests;
      stats[i].non2xx += result.non2xx;
      stats[i].errors += result.errors;
      turn.sort((x, y) => x - y);
      stats[i].turnP50s.push(round1(percentile(turn, 50)));
      stats[i].latencies.push(...turn);
    }
  }
  const figures: Record<string, any> = {};
  sides.forEach((side, i) => {
    const all = stats[i].latencies.sort((x, y) => x - y);
    figures[side.name] = {
      requests: stats[i].requests,
      perSecond: round1(stats[i].requests / (slices * sliceSeconds)),
      non2xx: stats[i].non2xx,
      errors: stats[i].errors,
      p50: round1(percentile(all, 50)),
      p95: round1(percentile(all, 95)),
      p99: round1(percentile(all, 99)),
      turnP50s: stats[i].turnP50s,
      backendCpuMsPerRequest: round1(stats[i].cpuMs / stats[i].requests),
    };
  });
  return figures;
}

/**
 * The list beside the catalog's query: 10 clients each, one after the other
 * (10 s each, p50 and p95 of every request), then side by side in turns
 * through autocannon (10 connections).
 */
async function measureList(backendPid: number) {
  const listUrl = `${BASE}/api/orchestration/v1/assessments?limit=50`;
  const catalogUrl = `${BASE}/api/catalog/entities/by-query?limit=50`;
  await measure(() => listUrl, 4, 2000);
  await measure(() => catalogUrl, 4, 2000);
  const list = await measure(() => listUrl, 10, 10_000);
  const catalog = await measure(() => catalogUrl, 10, 10_000);
  const turns = await sideBySide(
    [
      {
        name: 'list',
        path: () => '/api/orchestration/v1/assessments?limit=50',
      },
      {
        name: 'byQuery',
        path: () => '/api/catalog/entities/by-query?limit=50',
      },
    ],
    10,
    SLICES,
    SLICE_SECONDS,
    backendPid,
  );
  const figures = {
    list,
    catalog,
    listToCatalogP50: ratio(list.p50, catalog.p50),
    sideBySide: turns,
    listToByQueryP50: ratio(turns.list.p50, turns.byQuery.p50),
    listToByQueryCpu: ratio(
      turns.list.backendCpuMsPerRequest,
      turns.byQuery.backendCpuMsPerRequest,
    ),
  };
  console.log(
    `List p50 ${turns.list.p50} ms (${turns.list.requests} requests, ${
      turns.list.non2xx
    } non-2xx, ${turns.list.errors} errors), catalog by-query p50 ${
      turns.byQuery.p50
    } ms (${turns.byQuery.requests} requests): ${
      figures.listToByQueryP50
    }x; backend CPU per request ${turns.list.backendCpuMsPerRequest} / ${
      turns.byQuery.backendCpuMsPerRequest
    } ms: ${
      figures.listToByQueryCpu
    }x. One after the other, 10 clients: ${round1(list.p50)} / ${round1(
      catalog.p50,
    )} ms: ${figures.listToCatalogP50}x`,
  );
  return figures;
}

/**
 * A token of the guest user, as signing in gives one: each sign-in a token
 * of its own (the same user, another caller for the backend).
 */
async function guestToken(): Promise<string> {
  const body = await getJson(`${BASE}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  const token = body?.backstageIdentity?.token;
  if (typeof token !== 'string') {
    throw new Error('Guest sign-in gave no token');
  }
  return token;
}

/**
 * The live per-entity assessment beside the catalog's by-name of the same
 * Components, 32 connections, side by side in turns: as services (static
 * tokens), once with one token for all requests (one caller, e.g. a
 * script), once with a different token for each request in turn (64
 * callers); and the same as users (the guest user's tokens, as signing in
 * gives them), whom the plugin reads the catalog for with its own
 * credentials when the catalog's read decision for them is an allow.
 */
async function measureEntity(backendPid: number) {
  let n = 0;
  const nextName = () => componentName((n++ * 7919) % SIZE.components);
  const entityPath = () =>
    `/api/orchestration/v1/entities/component/default/${nextName()}/assessment`;
  const byNamePath = () =>
    `/api/catalog/entities/by-name/component/default/${nextName()}`;
  let k = 0;
  const callerToken = () => CALLER_TOKENS[k++ % CALLER_TOKENS.length];
  const userTokens: string[] = [];
  for (let i = 0; i <= CALLER_TOKENS.length; i++) {
    userTokens.push(await guestToken());
  }
  const [oneUser, ...manyUsers] = userTokens;
  if (new Set(userTokens).size !== userTokens.length) {
    throw new Error('Guest sign-in gave the same token twice');
  }
  let u = 0;
  const userToken = () => manyUsers[u++ % manyUsers.length];
  const sides: Side[] = [
    { name: 'entity', path: entityPath },
    { name: 'entityManyCallers', path: entityPath, token: callerToken },
    { name: 'entityUser', path: entityPath, token: () => oneUser },
    { name: 'entityManyUsers', path: entityPath, token: userToken },
    { name: 'byName', path: byNamePath },
    { name: 'byNameUser', path: byNamePath, token: () => oneUser },
  ];
  await sideBySide(sides, 32, 1, 2, backendPid);
  const turns = await sideBySide(sides, 32, SLICES, SLICE_SECONDS, backendPid);
  const figures = {
    sideBySide: turns,
    entityToByNameP50: ratio(turns.entity.p50, turns.byName.p50),
    entityToByNameCpu: ratio(
      turns.entity.backendCpuMsPerRequest,
      turns.byName.backendCpuMsPerRequest,
    ),
    manyCallersToByNameP50: ratio(
      turns.entityManyCallers.p50,
      turns.byName.p50,
    ),
    manyCallersToByNameCpu: ratio(
      turns.entityManyCallers.backendCpuMsPerRequest,
      turns.byName.backendCpuMsPerRequest,
    ),
    userToByNameP50: ratio(turns.entityUser.p50, turns.byName.p50),
    userToByNameCpu: ratio(
      turns.entityUser.backendCpuMsPerRequest,
      turns.byName.backendCpuMsPerRequest,
    ),
    manyUsersToByNameP50: ratio(turns.entityManyUsers.p50, turns.byName.p50),
    manyUsersToByNameCpu: ratio(
      turns.entityManyUsers.backendCpuMsPerRequest,
      turns.byName.backendCpuMsPerRequest,
    ),
    // Beside the catalog's by-name for a user (its token verified, its
    // read decision asked) as well.
    userToByNameUserP50: ratio(turns.entityUser.p50, turns.byNameUser.p50),
    manyUsersToByNameUserP50: ratio(
      turns.entityManyUsers.p50,
      turns.byNameUser.p50,
    ),
  };
  for (const side of sides) {
    const f = turns[side.name];
    console.log(
      `${side.name}: p50 ${f.p50} ms, p95 ${f.p95} ms (${
        f.requests
      } requests, ${f.non2xx} non-2xx, ${
        f.errors
      } errors; p50 per turn ${f.turnP50s.join(', ')}); backend CPU ${
        f.backendCpuMsPerRequest
      } ms per request`,
    );
  }
  console.log(
    `Per-entity / by-name p50: ${figures.entityToByNameP50}x one caller, ${figures.manyCallersToByNameP50}x many callers, ${figures.userToByNameP50}x one user, ${figures.manyUsersToByNameP50}x many users (beside by-name for a user: ${figures.userToByNameUserP50}x, ${figures.manyUsersToByNameUserP50}x); CPU per request ${figures.entityToByNameCpu}x, ${figures.manyCallersToByNameCpu}x, ${figures.userToByNameCpu}x, ${figures.manyUsersToByNameCpu}x`,
  );
  return figures;
}

async function main() {
  const dir =
    process.env.BENCH_DIR ??
    fs.mkdtempSync(path.join(os.tmpdir(), 'orchestration-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  const catalogFile = writeCatalog(dir);
  const configFile = writeConfig(dir, catalogFile);
  fs.rmSync(path.join(dir, 'sqlite', 'orchestration.sqlite'), { force: true });
  console.log(`Catalog and config in ${dir}`);
  const root = path.resolve(__dirname, '../../..');
  // The backend as `yarn workspace backend start` runs it (development
  // mode, sources transformed on load), without the file watcher that would
  // restart it when a file of the repository changes during a measurement.
  const backend = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      ...(PROFILES ? [`--inspect=127.0.0.1:${PORT + 1}`] : []),
      'src/index.ts',
      '--config',
      path.join(root, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
      },
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
      `${SIZE.components} Components in the catalog`,
      async () => {
        const body = await getJson(
          `${BASE}/api/catalog/entities/by-query?filter=kind=component,metadata.name=${componentName(
            SIZE.components - 1,
          )}&limit=1`,
        );
        return body.totalItems === 1;
      },
      1_800_000,
    );
    const ingestSeconds = (Date.now() - ingestStart) / 1000;
    console.log(`Catalog ingested in ${ingestSeconds.toFixed(1)} s`);
    // Let the catalog settle (stitching) before measuring.
    await new Promise(r => setTimeout(r, ingestSeconds > 5 ? 15_000 : 2_000));

    let run: any;
    for (let attempt = 1; attempt <= 3; attempt++) {
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
      run = (await getJson(`${BASE}/api/orchestration/v1/snapshot`)).lastRun;
      if (run.status === 'complete') break;
      console.log(`Refresh ${attempt} ${run.status}: ${run.error}`);
    }
    if (run.status !== 'complete') throw new Error('No refresh completed');
    const refreshSeconds =
      (Date.parse(run.completedAt) - Date.parse(run.startedAt)) / 1000;
    console.log(
      `Refresh: ${run.entityCount} Components, ${
        run.status
      }, ${refreshSeconds.toFixed(2)} s`,
    );

    // Work the refresh set off in the background (owners' notifications
    // of a first snapshot, a notification per Component) ends before the
    // measurements start: until the backend uses under a fifth of a core.
    // BENCH_SETTLE=0 measures at once, in the first minute after the refresh.
    const settleStart = Date.now();
    while (process.env.BENCH_SETTLE !== '0') {
      const cpu = cpuMillis(backend.pid!);
      await new Promise(r => setTimeout(r, 2000));
      const busy = (cpuMillis(backend.pid!) - cpu) / 2000;
      if (busy < 0.2 || Date.now() - settleStart > 180_000) break;
    }
    console.log(
      `${process.env.BENCH_SETTLE === '0' ? 'Measuring' : 'Backend quiet'} ${(
        (Date.now() - Date.parse(run.completedAt)) /
        1000
      ).toFixed(0)} s after the refresh completed`,
    );

    backendProfiler = await profiler();
    const listFigures = ONLY.has('list')
      ? await measureList(backend.pid!)
      : undefined;
    const entityFigures = ONLY.has('entity')
      ? await measureEntity(backend.pid!)
      : undefined;
    const figures = {
      database: process.env.BENCH_POSTGRES_URL ? 'postgresql' : 'sqlite',
      components: run.entityCount,
      refreshSeconds,
      list: listFigures,
      entity: entityFigures,
    };
    console.log(JSON.stringify(figures, null, 2));
    fs.writeFileSync(
      path.join(dir, 'figures.json'),
      JSON.stringify(figures, null, 2),
    );
  } finally {
    backendProfiler?.close();
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
