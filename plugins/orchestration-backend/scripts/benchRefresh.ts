/*
 * Benchmark of a full snapshot refresh at catalog scale: 100,000 Components
 * (BENCH_COMPONENTS), 2,000 Groups and 200 clusters, served page by page by
 * a stand-in catalog (a child process answering the catalog's
 * `/entities/by-query` as the catalog does: cursors, `fields`, gzip),
 * generated from each entity's index, so no catalog ingestion is timed. The
 * refresh runs here as the plugin runs it: the real CatalogReader (through
 * the catalog's own client, over HTTP, asking for plain answers as the
 * plugin asks Backstage's catalog), SnapshotService and store, on
 * SQLite (a file) or PostgreSQL (BENCH_POSTGRES_URL, a new database per
 * run). Prints the duration, the rate and the peak RSS of this process.
 *
 *   cd plugins/orchestration-backend && yarn bench:refresh
 *
 * Environment: BENCH_COMPONENTS, BENCH_RUNS (refreshes one after another,
 * default 2: into an empty store, then over an unchanged catalog),
 * BENCH_PAGE_SIZE (default: the plugin's), BENCH_CPU_PROF (a file to write a
 * CPU profile of the refreshes to).
 */
import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
// eslint-disable-next-line @backstage/no-undeclared-imports
import { CatalogClient } from '@backstage/catalog-client';
// eslint-disable-next-line @backstage/no-undeclared-imports
import { ConfigReader } from '@backstage/config';
import knexFactory, { Knex } from 'knex';
import {
  CatalogReader,
  fetchUncompressed,
} from '../src/services/CatalogReader';
import { catalogSize } from './benchCatalogServer';
import { readBackendConfig } from '../src/services/config/readBackendConfig';
import { SnapshotService } from '../src/services/SnapshotService';
import { OrchestrationStore } from '../src/services/Store';

const SIZE = catalogSize();

async function startCatalog(): Promise<{ port: number; stop: () => void }> {
  const child = fork(path.join(__dirname, 'benchCatalogServer.ts'), [], {
    execArgv: process.execArgv.filter(a => !a.startsWith('--max-old')),
    env: { ...process.env, BENCH_CPU_PROF: '' },
  });
  const port = await new Promise<number>((resolve, reject) => {
    // The source transform reports the files it loads on the same channel.
    child.on('message', (m: any) => {
      if (typeof m?.port === 'number') resolve(m.port);
    });
    child.once('exit', code => reject(new Error(`catalog exited ${code}`)));
  });
  return { port, stop: () => child.kill() };
}

/** The catalog service of the plugin, through the catalog's own client. */
/** Time spent waiting for catalog pages and for database queries, in ms. */
const waits = {
  catalogMs: 0,
  catalogCalls: 0,
  pageWaitMs: 0,
  databaseMs: 0,
  queries: 0,
};

/** Counts the time the refresh waits for the next page of the catalog. */
function timePageWaits(reader: CatalogReader) {
  const pages = reader.pages.bind(reader);
  reader.pages = async function* timed(...args: Parameters<typeof pages>) {
    const iterator = pages(...args);
    for (;;) {
      const at = performance.now();
      const next = await iterator.next();
      waits.pageWaitMs += performance.now() - at;
      if (next.done) return;
      yield next.value;
    }
  };
}

/** Time per kind of statement (its first words and table), in ms. */
const statements = new Map<string, { ms: number; count: number }>();

function statementKind(sql: string): string {
  const words = sql.replace(/\s+/g, ' ').trim().split(' ');
  const table = sql.match(/(?:into|from|update|table)\s+["`]?(\w+)/i)?.[1];
  return `${words.slice(0, 2).join(' ')} … ${table ?? ''}`.toLowerCase();
}

/** Counts the time of every query of the store. */
function timeQueries(knex: Knex) {
  const started = new Map<string, number>();
  knex.on('query', (query: any) => {
    started.set(query.__knexQueryUid, performance.now());
  });
  const done = (query: any) => {
    const at = started.get(query.__knexQueryUid);
    if (at === undefined) return;
    started.delete(query.__knexQueryUid);
    const ms = performance.now() - at;
    waits.databaseMs += ms;
    waits.queries += 1;
    const kind = statementKind(String(query.sql ?? ''));
    const entry = statements.get(kind) ?? { ms: 0, count: 0 };
    entry.ms += ms;
    entry.count += 1;
    statements.set(kind, entry);
  };
  knex.on('query-response', (_response: unknown, query: any) => done(query));
  knex.on('query-error', (_error: unknown, query: any) => done(query));
}

function catalogService(port: number): CatalogService {
  // Plain answers, as the plugin asks Backstage's catalog for them.
  const client = new CatalogClient({
    discoveryApi: {
      getBaseUrl: async () => `http://127.0.0.1:${port}/api/catalog`,
    },
    fetchApi: { fetch: fetchUncompressed },
  });
  const token = { token: 'bench' };
  return {
    queryEntities: async (request: any) => {
      const at = performance.now();
      try {
        return await client.queryEntities(request, token);
      } finally {
        waits.catalogMs += performance.now() - at;
        waits.catalogCalls += 1;
      }
    },
    getEntitiesByRefs: (request: any) =>
      client.getEntitiesByRefs(request, token),
    getEntityByRef: (ref: any) => client.getEntityByRef(ref, token),
    getEntities: (request: any) => client.getEntities(request, token),
  } as unknown as CatalogService;
}

// ---------------------------------------------------------------- database

async function openDatabase(dir: string): Promise<{
  knex: Knex;
  name: string;
  close: () => Promise<void>;
}> {
  const url = process.env.BENCH_POSTGRES_URL;
  if (!url) {
    const filename = path.join(dir, 'orchestration.sqlite');
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
    return {
      knex,
      name: 'SQLite',
      close: () => knex.destroy(),
    };
  }
  const database = `bench_refresh_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: url });
  await admin.raw(`CREATE DATABASE ${database}`);
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  const knex = knexFactory({
    client: 'pg',
    connection: parsed.toString(),
    // Connections stay open, so the server CPU of each is counted.
    pool: { min: 4, max: 10 },
  });
  return {
    knex,
    name: 'PostgreSQL',
    close: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
      await admin.destroy();
    },
  };
}

const CLOCK_TICKS = Number(
  execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100,
);

/** CPU time of processes so far (all their threads), in ms; gone ones count 0. */
function cpuMillis(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // ended
    }
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

/**
 * The server processes of the benchmark's PostgreSQL connections, when the
 * server runs on this machine (their CPU time is read from /proc).
 */
async function serverPids(knex: Knex): Promise<number[]> {
  if (knex.client.config.client !== 'pg') return [];
  const rows = await knex('pg_stat_activity')
    .where('datname', knex.raw('current_database()'))
    .select('pid');
  return rows
    .map((row: { pid: number }) => Number(row.pid))
    .filter(pid => fs.existsSync(`/proc/${pid}`));
}

// ---------------------------------------------------------------- refresh

function benchLogger(): LoggerService {
  const logger: LoggerService = {
    info: message => console.log(`  [plugin] ${message}`),
    warn: (message, meta) =>
      console.warn(`  [plugin] ${message}`, meta instanceof Error ? meta : ''),
    error: (message, meta) =>
      console.error(`  [plugin] ${message}`, meta instanceof Error ? meta : ''),
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

const mb = (bytes: number) => Math.round(bytes / 1048576);

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestration-refresh-'));
  const settings = readBackendConfig(new ConfigReader({}));
  const pageSize = Number(
    process.env.BENCH_PAGE_SIZE ?? settings.snapshot.pageSize,
  );

  const catalog = await startCatalog();
  const db = await openDatabase(dir);
  timeQueries(db.knex);
  const logger = benchLogger();
  console.log(
    `Refresh of ${SIZE.components.toLocaleString(
      'en-US',
    )} Components, ${SIZE.groups.toLocaleString('en-US')} Groups, ${
      SIZE.clusters
    } clusters; ${db.name}; pages of ${pageSize}; Node ${process.version}, ${
      os.cpus().length
    } cores`,
  );
  const profiler = process.env.BENCH_CPU_PROF
    ? new inspector.Session()
    : undefined;
  try {
    const store = await OrchestrationStore.create({
      getClient: async () => db.knex,
      migrations: { skip: false },
    } as any);
    const reader = new CatalogReader(catalogService(catalog.port), logger, {
      pageSize,
      timeoutMs: settings.catalog.timeoutMs,
    });
    timePageWaits(reader);
    const snapshots = new SnapshotService({
      store,
      reader,
      auth: {
        getOwnServiceCredentials: async () => ({
          $$type: '@backstage/BackstageCredentials',
          principal: { type: 'service', subject: 'plugin:orchestration' },
        }),
      } as any,
      logger,
      options: settings.options,
      include: settings.snapshot.include,
    });

    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    const runs = Number(process.env.BENCH_RUNS ?? 2);
    const figures = [];
    for (let run = 1; run <= runs; run++) {
      global.gc?.();
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 25);
      const cpu = process.cpuUsage();
      Object.assign(waits, {
        catalogMs: 0,
        catalogCalls: 0,
        pageWaitMs: 0,
        databaseMs: 0,
        queries: 0,
      });
      statements.clear();
      // Warm the pool, so every connection the refresh uses is counted.
      await Promise.all(
        Array.from({ length: 4 }, () => db.knex.raw('select 1')),
      );
      const pids = await serverPids(db.knex);
      const serverCpu = cpuMillis(pids);
      const started = performance.now();
      const result: any = await snapshots.refresh();
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const used = process.cpuUsage(cpu);
      // Connections opened during the refresh count in full.
      const opened = (await serverPids(db.knex)).filter(
        pid => !pids.includes(pid),
      );
      const serverCpuSeconds = pids.length
        ? Number(
            ((cpuMillis(pids) - serverCpu + cpuMillis(opened)) / 1000).toFixed(
              2,
            ),
          )
        : undefined;
      const figure = {
        run,
        store: run === 1 ? 'empty' : 'unchanged catalog',
        components: result.entityCount,
        seconds: Number(seconds.toFixed(2)),
        perSecond: Math.round(result.entityCount / seconds),
        cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
        peakRssMb: mb(peak),
        historyEntries: result.historyEntries,
        // Catalog calls overlap the work on the page before (one page
        // ahead); the refresh waits only for what is not overlapped.
        catalogCallSeconds: Number((waits.catalogMs / 1000).toFixed(2)),
        catalogCalls: waits.catalogCalls,
        pageWaitSeconds: Number((waits.pageWaitMs / 1000).toFixed(2)),
        databaseSeconds: Number((waits.databaseMs / 1000).toFixed(2)),
        queries: waits.queries,
        databaseServerCpuSeconds: serverCpuSeconds,
      };
      console.log(
        `Run ${run} (${figure.store}): ${figure.components} Components in ${
          figure.seconds
        } s (${figure.perSecond}/s, ${
          figure.cpuSeconds
        } CPU-s in this process), peak RSS ${figure.peakRssMb} MB; ${
          figure.databaseSeconds
        } s in ${figure.queries} database queries, ${
          figure.pageWaitSeconds
        } s waiting for catalog pages (${figure.catalogCalls} calls)${
          serverCpuSeconds === undefined
            ? ''
            : `; ${serverCpuSeconds} CPU-s in the database server`
        }`,
      );
      for (const [kind, { ms, count }] of [...statements]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 6)) {
        console.log(
          `  ${(ms / 1000).toFixed(2).padStart(7)} s in ${count} × ${kind}`,
        );
      }
      figures.push(figure);
    }
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      fs.writeFileSync(process.env.BENCH_CPU_PROF!, JSON.stringify(profile));
      console.log(`CPU profile in ${process.env.BENCH_CPU_PROF}`);
    }
    console.log(
      JSON.stringify(
        {
          database: db.name,
          catalog: SIZE,
          pageSize,
          runs: figures,
          peakRssMbOfProcess: mb(process.resourceUsage().maxRSS * 1024),
        },
        null,
        2,
      ),
    );
  } finally {
    catalog.stop();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
