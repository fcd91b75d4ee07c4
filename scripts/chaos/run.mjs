#!/usr/bin/env node
// The chaos stage of the test command: backends of packages/backend under concurrent refreshes, a
// catalog outage, kill -9 during writes and an HTTP fuzz, on SQLite and on PostgreSQL. Prints its
// figures and writes one line per check to <results>/checks.tsv: name, passed (0/1), failed (0/1).
//
//   node scripts/chaos/run.mjs --results DIR [--postgres URL] [--only race,outage,kill,fuzz]
//        [--rounds 30] [--reviews 1000] [--fuzz-runs 2000] [--seed N]
//
// --postgres defaults to $ORCHESTRATION_TEST_POSTGRES_URL (a server where databases may be created;
// they get a prefix of their own). scripts/chaos/run.sh runs it alone with a throwaway PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Backend, killAll } from './lib/backend.mjs';
import { CatalogProxy } from './lib/proxy.mjs';
import { freePort, log } from './lib/util.mjs';
import { refreshRace } from './checks/refreshRace.mjs';
import { catalogOutage } from './checks/catalogOutage.mjs';
import { killDuringReviews } from './checks/killDuringReviews.mjs';
import { fuzz } from './checks/fuzz.mjs';

const { values: args } = parseArgs({
  options: {
    results: { type: 'string' },
    postgres: { type: 'string' },
    only: { type: 'string' },
    rounds: { type: 'string', default: '30' },
    reviews: { type: 'string', default: '1000' },
    'fuzz-runs': { type: 'string', default: '2000' },
    seed: { type: 'string' },
    'deadline-minutes': { type: 'string', default: '15' },
  },
});

const postgresUrl =
  args.postgres ?? process.env.ORCHESTRATION_TEST_POSTGRES_URL;
const only = new Set((args.only ?? 'race,outage,kill,fuzz').split(','));
const unknownChecks = [...only].filter(
  name => !['race', 'outage', 'kill', 'fuzz'].includes(name),
);
if (unknownChecks.length) {
  process.stderr.write(
    `unknown --only ${unknownChecks.join(
      ', ',
    )}: use race, outage, kill, fuzz\n`,
  );
  process.exit(2);
}
const resultsDir =
  args.results ??
  fs.mkdtempSync(path.join(os.tmpdir(), 'orchestration-chaos.'));
fs.mkdirSync(resultsDir, { recursive: true });
const seed = Number(
  args.seed ?? process.env.CHAOS_SEED ?? Date.now() % 2 ** 31,
);
if (!Number.isSafeInteger(seed)) {
  process.stderr.write(`--seed must be a whole number; got ${args.seed}\n`);
  process.exit(2);
}
const CATALOG_TIMEOUT_MS = 2_000;
const TIMEOUT_MARGIN_MS = 1_500;
const EXAMPLE_COMPONENTS = 13;
// The PostgreSQL backends read the catalog 2 Components at a time, so each refresh writes in
// several steps and the two backends' refreshes interleave.
const RACE_PAGE_SIZE = 2;

class Report {
  constructor(dir) {
    this.file = path.join(dir, 'checks.tsv');
    fs.writeFileSync(this.file, '');
    this.passed = 0;
    this.failed = 0;
  }

  /** One check: passed or failed as a whole, with its figures. Tails the logs of `backends` on failure. */
  check(name, ok, lines = [], backends = []) {
    const text = [
      `${ok ? 'PASS' : 'FAIL'} ${name}`,
      ...lines.map(l => `     ${l}`),
    ];
    process.stdout.write(`${text.join('\n')}\n`);
    fs.appendFileSync(this.file, `${name}\t${ok ? 1 : 0}\t${ok ? 0 : 1}\n`);
    if (ok) this.passed += 1;
    else {
      this.failed += 1;
      for (const backend of backends) {
        process.stderr.write(
          `----- last lines of ${path.relative(
            process.cwd(),
            backend.logFile,
          )}\n${backend.tail(30)}\n-----\n`,
        );
      }
    }
  }
}

const report = new Report(resultsDir);
let exiting = false;
const shutdown = code => {
  if (exiting) return;
  exiting = true;
  killAll();
  process.exit(code);
};
process.on('exit', () => killAll());
process.on('SIGINT', () => shutdown(130));
process.on('SIGTERM', () => shutdown(143));
const deadlineMs = Number(args['deadline-minutes']) * 60_000;
setTimeout(() => {
  report.check('chaos stage finished within its deadline', false, [
    `still running after ${args['deadline-minutes']} minutes; backends killed`,
  ]);
  shutdown(1);
}, deadlineMs).unref();

/** Runs one part; an exception becomes a failed check, with the logs of its backends. */
async function part(name, backends, work) {
  try {
    await work();
  } catch (error) {
    report.check(name, false, [`aborted: ${error.stack ?? error}`], backends);
  }
}

async function main() {
  log(`results in ${resultsDir}; seed ${seed}`);
  const started = Date.now();
  const pgDatabase = postgresUrl && {
    client: 'pg',
    url: postgresUrl,
    prefix: `chaos_${Date.now().toString(36)}_`,
  };
  if (!pgDatabase) {
    report.check('PostgreSQL available', false, [
      'no --postgres URL and no ORCHESTRATION_TEST_POSTGRES_URL: the PostgreSQL checks cannot run',
    ]);
  }
  // pg-a (catalog through the proxy) serves the race and the outage; pg-b the race, kill and fuzz.
  const needPg = pgDatabase && (only.has('race') || only.has('outage'));
  const needSecondPg =
    pgDatabase && (only.has('race') || only.has('kill') || only.has('fuzz'));
  const needSqlite = only.has('kill') || only.has('fuzz');

  const proxyPort = await freePort();
  const a = new Backend({
    name: 'pg-a',
    resultsDir,
    database: pgDatabase,
    catalogProxyPort: proxyPort,
    catalogTimeout: `${CATALOG_TIMEOUT_MS}ms`,
    snapshotPageSize: RACE_PAGE_SIZE,
  });
  const b = new Backend({
    name: 'pg-b',
    resultsDir,
    database: pgDatabase,
    snapshotPageSize: RACE_PAGE_SIZE,
  });
  const s = new Backend({
    name: 'sqlite',
    resultsDir,
    database: { client: 'sqlite' },
  });
  let proxy;

  const up = async backend => {
    await backend.start();
    await backend.prepare(EXAMPLE_COMPONENTS);
    return backend;
  };
  const ready = { a: false, b: false, s: false };
  // The first PostgreSQL backend creates the databases and runs the migrations alone; the
  // SQLite one starts alongside it, the second PostgreSQL one after it.
  await part('chaos backends start', [a, b, s], async () => {
    const starting = [];
    if (needPg) {
      await a.writeConfig();
      proxy = await new CatalogProxy({
        port: proxyPort,
        targetPort: a.port,
      }).start();
      starting.push(
        up(a).then(async () => {
          ready.a = true;
          if (needSecondPg) {
            await up(b);
            ready.b = true;
          }
        }),
      );
    } else if (needSecondPg) {
      starting.push(up(b).then(() => (ready.b = true)));
    }
    if (needSqlite) {
      starting.push(up(s).then(() => (ready.s = true)));
    }
    const results = await Promise.allSettled(starting);
    const failed = results.filter(r => r.status === 'rejected');
    if (failed.length) {
      throw new Error(
        failed.map(r => r.reason?.message ?? r.reason).join('; '),
      );
    }
  });
  log(`backends ready after ${((Date.now() - started) / 1000).toFixed(0)} s`);

  if (only.has('race') && pgDatabase) {
    await part('refresh race, two backends (PostgreSQL)', [a, b], async () => {
      if (!ready.a || !ready.b)
        throw new Error('the PostgreSQL backends did not start');
      await refreshRace({ a, b, rounds: Number(args.rounds), seed, report });
    });
  }
  if (only.has('outage') && pgDatabase) {
    await part('catalog outage', [a], async () => {
      if (!ready.a) throw new Error('the PostgreSQL backend did not start');
      await catalogOutage({
        backend: a,
        proxy,
        timeoutMs: CATALOG_TIMEOUT_MS,
        marginMs: TIMEOUT_MARGIN_MS,
        report,
      });
    });
  }
  // Killed on both databases at once: the burst measures durability, not speed.
  const targets = [];
  if (pgDatabase && (only.has('kill') || only.has('fuzz')))
    targets.push({
      backend: b,
      label: 'PostgreSQL',
      database: pgDatabase,
      ok: () => ready.b,
    });
  if (needSqlite)
    targets.push({
      backend: s,
      label: 'SQLite',
      database: { client: 'sqlite' },
      ok: () => ready.s,
    });
  if (only.has('kill')) {
    await Promise.all(
      targets.map((t, i) =>
        part(`kill -9 during reviews (${t.label})`, [t.backend], async () => {
          if (!t.ok()) throw new Error(`the ${t.label} backend did not start`);
          await killDuringReviews({
            backend: t.backend,
            label: t.label,
            database: t.database,
            sqliteDir: path.join(resultsDir, `sqlite-${t.backend.name}`),
            total: Number(args.reviews),
            seed: seed + i,
            report,
          });
        }),
      ),
    );
  }
  if (only.has('fuzz')) {
    // One after the other, so that each has the machine to itself for its timings.
    for (const t of targets) {
      await part(`HTTP fuzz (${t.label})`, [t.backend], async () => {
        if (!t.ok() || !t.backend.child || t.backend.child.exitCode !== null)
          throw new Error(`the ${t.label} backend is not running`);
        await fuzz({
          backend: t.backend,
          label: t.label,
          runs: Number(args['fuzz-runs']),
          seed,
          resultsDir,
          report,
        });
      });
    }
  }

  await proxy?.close();
  await Promise.all([a.stop(), b.stop(), s.stop()]);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  process.stdout.write(
    `chaos: ${report.passed} passed, ${report.failed} failed in ${minutes} min (seed ${seed}; logs in ${resultsDir})\n`,
  );
}

main().then(
  () => shutdown(0),
  error => {
    report.check('chaos stage', false, [`aborted: ${error.stack ?? error}`]);
    shutdown(1);
  },
);
