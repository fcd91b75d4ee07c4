/*
 * Benchmark of a full snapshot refresh at catalog scale: 100,000 Components
 * (BENCH_COMPONENTS), 2,000 Groups and 200 clusters, served page by page by
 * a stand-in catalog (a child process answering the catalog's
 * `/entities/by-query` as the catalog does: cursors, `fields`, gzip),
 * generated from each entity's index, so no catalog ingestion is timed. The
 * refresh runs here as the plugin runs it: the real CatalogReader (through
 * the catalog's own client, over HTTP), SnapshotService and store, on
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
import { fork } from 'node:child_process';
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
import { CatalogReader } from '../src/services/CatalogReader';
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
function catalogService(port: number): CatalogService {
  const client = new CatalogClient({
    discoveryApi: {
      getBaseUrl: async () => `http://127.0.0.1:${port}/api/catalog`,
    },
  });
  const token = { token: 'bench' };
  return {
    queryEntities: (request: any) => client.queryEntities(request, token),
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
    pool: { min: 0, max: 10 },
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
      const started = performance.now();
      const result: any = await snapshots.refresh();
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const used = process.cpuUsage(cpu);
      const figure = {
        run,
        store: run === 1 ? 'empty' : 'unchanged catalog',
        components: result.entityCount,
        seconds: Number(seconds.toFixed(2)),
        perSecond: Math.round(result.entityCount / seconds),
        cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
        peakRssMb: mb(peak),
        historyEntries: result.historyEntries,
      };
      console.log(
        `Run ${run} (${figure.store}): ${figure.components} Components in ${figure.seconds} s (${figure.perSecond}/s, ${figure.cpuSeconds} CPU-s in this process), peak RSS ${figure.peakRssMb} MB`,
      );
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
