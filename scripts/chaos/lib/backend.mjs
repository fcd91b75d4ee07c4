// Starts and stops Backstage backends (packages/backend) for the chaos checks: each on a free port,
// with a generated configuration, in its own process group so that it can be killed (SIGKILL
// included) with everything it started. The backend runs as `backstage-cli package start` runs it,
// but without the file watcher, so edits elsewhere in the tree never restart it mid-check.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { request } from './http.mjs';
import { freePort, log, sleep, waitFor } from './util.mjs';

export const REPO_ROOT = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../../..',
);
const BACKEND_DIR = path.join(REPO_ROOT, 'packages/backend');
const requireFromRoot = createRequire(path.join(REPO_ROOT, 'package.json'));
const NODE_TRANSFORM = requireFromRoot.resolve(
  '@backstage/cli-node/config/nodeTransform.cjs',
);

const running = new Set();

/** Kills every backend still running; called on exit, whatever happened. */
export function killAll() {
  for (const backend of running) backend.kill('SIGKILL');
}

export class Backend {
  /**
   * @param {object} options
   * @param {string} options.name       short name, used for files in the results folder
   * @param {string} options.resultsDir
   * @param {{client: 'sqlite'} | {client: 'pg', url: string, prefix: string}} options.database
   * @param {number} [options.catalogProxyPort]  reach the catalog through this local proxy
   * @param {string} [options.catalogTimeout]    orchestration.catalog.timeout
   * @param {number} [options.snapshotPageSize]  orchestration.snapshot.pageSize
   */
  constructor(options) {
    this.options = options;
    this.name = options.name;
    this.logFile = path.join(options.resultsDir, `backend-${options.name}.log`);
    this.configFile = path.join(
      options.resultsDir,
      `app-config.${options.name}.json`,
    );
    this.starts = 0;
  }

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  async writeConfig() {
    const {
      database,
      resultsDir,
      catalogProxyPort,
      catalogTimeout,
      snapshotPageSize,
    } = this.options;
    this.port ??= await freePort();
    const origin = `http://localhost:${this.port}`;
    const config = {
      app: { baseUrl: origin },
      backend: {
        baseUrl: origin,
        listen: { port: this.port, host: '127.0.0.1' },
        cors: { origin },
        database:
          database.client === 'pg'
            ? {
                client: 'pg',
                connection: database.url,
                prefix: database.prefix,
              }
            : {
                client: 'better-sqlite3',
                connection: {
                  directory: path.join(resultsDir, `sqlite-${this.name}`),
                },
              },
      },
      auth: { providers: { guest: { userEntityRef: 'user:default/guest' } } },
      orchestration: {
        // Refreshes come from the checks; the scheduled one waits.
        snapshot: {
          schedule: {
            frequency: { hours: 6 },
            timeout: { minutes: 15 },
            initialDelay: { hours: 1 },
          },
          ...(snapshotPageSize ? { pageSize: snapshotPageSize } : {}),
        },
        ...(catalogTimeout ? { catalog: { timeout: catalogTimeout } } : {}),
      },
    };
    if (catalogProxyPort) {
      config.discovery = {
        endpoints: [
          {
            target: {
              internal: `http://127.0.0.1:${catalogProxyPort}/api/catalog`,
            },
            plugins: ['catalog'],
          },
        ],
      };
    }
    // JSON is YAML, so the config loader reads this file as it is.
    fs.writeFileSync(this.configFile, `${JSON.stringify(config, null, 2)}\n`);
  }

  /** Starts the backend and waits until it serves Orchestration with its catalog loaded. */
  async start({ timeoutMs = 240_000 } = {}) {
    await this.writeConfig();
    this.starts += 1;
    const out = fs.openSync(this.logFile, 'a');
    fs.writeSync(
      out,
      `\n===== start #${this.starts} at ${new Date().toISOString()} on port ${
        this.port
      }\n`,
    );
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [
        '--enable-source-maps',
        '--require',
        NODE_TRANSFORM,
        'src/index',
        '--config',
        path.join(REPO_ROOT, 'app-config.yaml'),
        '--config',
        this.configFile,
      ],
      {
        cwd: BACKEND_DIR,
        detached: true, // its own process group, killed as a whole
        stdio: ['ignore', out, out],
        env: { ...process.env, NODE_ENV: 'development' },
      },
    );
    fs.closeSync(out);
    // For the stage's shell wrapper, which sweeps up after a run that could not clean up itself.
    fs.appendFileSync(
      path.join(this.options.resultsDir, 'backend.pids'),
      `${child.pid}\n`,
    );
    this.child = child;
    this.exited = new Promise(resolve =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    running.add(this);
    this.exited.then(() => running.delete(this));
    let gone = false;
    this.exited.then(() => {
      gone = true;
    });
    await waitFor(
      `backend ${this.name} on port ${this.port}`,
      async () => {
        if (gone)
          throw new Error(`backend ${this.name} exited during start-up`);
        const ready = await request(this.baseUrl, {
          path: '/.backstage/health/v1/readiness',
          timeoutMs: 3000,
        });
        if (ready.status !== 200) return false;
        const health = await request(this.baseUrl, {
          path: '/api/orchestration/health',
          timeoutMs: 3000,
        });
        return health.status === 200;
      },
      { timeoutMs, intervalMs: 1000 },
    ).catch(error => {
      if (gone) throw new Error(`backend ${this.name} exited during start-up`);
      throw error;
    });
    this.token = await this.guestToken();
    this.startMillis = Date.now() - started;
    log(
      `backend ${this.name} ready on ${this.baseUrl} in ${(
        this.startMillis / 1000
      ).toFixed(1)} s (start #${this.starts})`,
    );
    return this;
  }

  /**
   * A guest user token (user:default/guest). With `platformTeam`, waits until the catalog knows
   * the user as a member of group:default/platform, so the token carries that membership.
   */
  async guestToken({ platformTeam = false, timeoutMs = 60_000 } = {}) {
    return waitFor(
      `a guest token from ${this.name}${
        platformTeam ? ' with platform-team membership' : ''
      }`,
      async () => {
        const res = await request(this.baseUrl, {
          path: '/api/auth/guest/refresh',
          headers: { 'x-requested-with': 'XMLHttpRequest' },
          timeoutMs: 10_000,
        });
        const identity = res.json?.backstageIdentity;
        if (!identity?.token) return undefined;
        const ownership = identity.identity?.ownershipEntityRefs ?? [];
        if (platformTeam && !ownership.includes('group:default/platform')) {
          return undefined;
        }
        return identity.token;
      },
      { timeoutMs, intervalMs: 1000 },
    );
  }

  /**
   * Waits until the catalog has processed the example components (at least `components`) and
   * the organisation, then takes a platform-team guest token and waits until this backend lets
   * it refresh the snapshot (the permission policy caches the platform teams briefly). A refresh
   * that runs but fails is left for the checks to report: `refreshError` says why.
   */
  async prepare(components, { timeoutMs = 180_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    const left = () => Math.max(1000, deadline - Date.now());
    await waitFor(
      `${components} components in the catalog of ${this.name}`,
      async () => {
        const res = await request(this.baseUrl, {
          path: '/api/catalog/entities/by-query?filter=kind=component&limit=1',
          headers: this.auth(),
          timeoutMs: 10_000,
        });
        return res.status === 200 && res.json.totalItems >= components;
      },
      { timeoutMs: left(), intervalMs: 1000 },
    );
    this.token = await this.guestToken({
      platformTeam: true,
      timeoutMs: left(),
    });
    const refreshed = await waitFor(
      `the right to refresh on ${this.name}`,
      async () => {
        const res = await this.call(
          'POST',
          '/api/orchestration/v1/snapshot/refresh?wait=true',
          { timeoutMs: 60_000 },
        );
        return res.status === 202 && res.json;
      },
      { timeoutMs: left(), intervalMs: 2000 },
    );
    this.refreshError =
      refreshed.lastRun?.status === 'complete'
        ? undefined
        : `the first refresh ended ${refreshed.lastRun?.status}: ${String(
            refreshed.lastRun?.error,
          ).slice(0, 300)}`;
    if (this.refreshError) log(`${this.name}: ${this.refreshError}`);
  }

  auth() {
    return { authorization: `Bearer ${this.token}` };
  }

  /** Sends a request to this backend with the guest token. */
  call(method, pathAndQuery, { body, headers = {}, timeoutMs } = {}) {
    return request(this.baseUrl, {
      method,
      path: pathAndQuery,
      body,
      headers: { ...this.auth(), ...headers },
      timeoutMs,
    });
  }

  /** Signals the whole process group. */
  kill(signal = 'SIGKILL') {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode)
      return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // already gone
    }
  }

  async stop() {
    if (!this.child) return;
    this.kill('SIGTERM');
    const result = await Promise.race([this.exited, sleep(15_000)]);
    if (!result) {
      this.kill('SIGKILL');
      await Promise.race([this.exited, sleep(5_000)]);
    }
  }

  /** The last lines of its log, without colours, each cut to `width` characters. */
  tail(lines = 30, width = 400) {
    try {
      const text = fs
        .readFileSync(this.logFile, 'utf8')
        // eslint-disable-next-line no-control-regex
        .replace(/\x1b\[[0-9;]*m/g, '')
        .trimEnd()
        .split('\n');
      return text
        .slice(-lines)
        .map(line =>
          line.length > width ? `${line.slice(0, width)}...` : line,
        )
        .join('\n');
    } catch {
      return '(no log)';
    }
  }
}
