import fs from 'node:fs';
import type { RequestOptions as HttpsRequestOptions } from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type * as K8s from '@kubernetes/client-node';
import {
  ANNOTATION_CERT_EXPIRY,
  ANNOTATION_KUBERNETES_VERSION,
  ANNOTATION_OLDEST_NODE_VERSION,
  ANNOTATION_POD_IP_CAPACITY,
  ReportableClusterFactKey,
} from '@orchestration/plugin-orchestration-common';
import {
  CliError,
  EXIT_REFUSED,
  EXIT_SERVER_ERROR,
  EXIT_UNREACHABLE,
  EXIT_USAGE,
} from '../errors';
import {
  NodeObservation,
  OldestKubelet,
  PodIpUse,
  PodObservation,
  apiServerVersion,
  oldestKubelet,
  podIpUse,
} from './observations';

/** A kubeconfig larger than this is not a kubeconfig. */
const MAX_KUBECONFIG_BYTES = 1024 * 1024;
/** Objects asked for per list request. */
const PAGE_SIZE = 500;
/** Kubernetes supports 5,000 nodes and 150,000 pods; beyond these the listing stops. */
export const MAX_NODES = 10_000;
export const MAX_PODS = 200_000;
const SERVICE_ACCOUNT_TOKEN =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** Where the collector reads from and how long it may take. */
export interface CollectOptions {
  /** A kubeconfig file; default `$KUBECONFIG`, `~/.kube/config`, or the pod's service account. */
  kubeconfig?: string;
  /** A context of the kubeconfig; default its current context. */
  context?: string;
  /** For the whole collection. */
  timeoutMs: number;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** The API server's serving certificate, from the TLS handshake. */
export interface ServingCertificate {
  /** Its expiry, ISO-8601 in UTC. */
  validTo: string;
  subject: string;
  issuer: string;
}

/** What the collector observed, with the facts to report. */
export interface Collection {
  server: string;
  context: string;
  /** Values by annotation key, as the annotations would be written. */
  facts: Partial<Record<ReportableClusterFactKey, string>>;
  details: {
    gitVersion: string | null;
    nodes: number;
    oldestKubelet: OldestKubelet | null;
    podIps: PodIpUse | null;
    podsListed: number;
    certificate: ServingCertificate | null;
  };
  /** Facts that could not be observed, and why. */
  notes: string[];
}

type ClientModule = typeof K8s;

async function loadClient(): Promise<ClientModule> {
  // Loaded only by the commands that talk to a cluster: it is large, and
  // an ES module.
  return import('@kubernetes/client-node');
}

function readableFile(file: string, what: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read ${what} ${file}: ${
        code === 'ENOENT' ? 'no such file' : code ?? String(error)
      }`,
    );
  }
  if (!stat.isFile()) throw new CliError(`${what} ${file} is not a file`);
  if (stat.size > MAX_KUBECONFIG_BYTES) {
    throw new CliError(
      `${what} ${file} is ${stat.size} bytes; a kubeconfig is at most ${MAX_KUBECONFIG_BYTES} bytes`,
    );
  }
}

/** Loads the kubeconfig the way kubectl finds it, with clear errors instead of a silent localhost. */
function loadKubeConfig(
  k8s: ClientModule,
  options: CollectOptions,
): { kc: K8s.KubeConfig; source: string } {
  const kc = new k8s.KubeConfig();
  const load = (source: string, work: () => void) => {
    try {
      work();
    } catch (error) {
      // YAML errors come with a multi-line excerpt; its first line says it.
      const message = String((error as Error)?.message ?? error).split('\n')[0];
      throw new CliError(`cannot use ${source}: ${message}`);
    }
    return { kc, source };
  };
  if (options.kubeconfig) {
    const file = path.resolve(options.cwd, options.kubeconfig);
    readableFile(file, 'kubeconfig');
    return load(`kubeconfig ${options.kubeconfig}`, () =>
      kc.loadFromFile(file),
    );
  }
  const fromEnv = options.env.KUBECONFIG;
  if (fromEnv) {
    for (const file of fromEnv.split(path.delimiter).filter(Boolean)) {
      readableFile(file, 'kubeconfig (from KUBECONFIG)');
    }
    return load(`kubeconfig ${fromEnv} (KUBECONFIG)`, () =>
      kc.loadFromDefault(),
    );
  }
  const home = options.env.HOME ?? os.homedir();
  const homeConfig = path.join(home, '.kube', 'config');
  if (fs.existsSync(homeConfig)) {
    readableFile(homeConfig, 'kubeconfig');
    return load(`kubeconfig ${homeConfig}`, () => kc.loadFromFile(homeConfig));
  }
  if (
    options.env.KUBERNETES_SERVICE_HOST &&
    fs.existsSync(SERVICE_ACCOUNT_TOKEN)
  ) {
    return load("the pod's service account", () => kc.loadFromCluster());
  }
  throw new CliError(
    'no kubeconfig found: give --kubeconfig <file>, set KUBECONFIG, or run in a pod with a service account',
  );
}

function selectContext(
  kc: K8s.KubeConfig,
  source: string,
  context: string | undefined,
): { server: string; context: string } {
  if (context !== undefined) {
    if (!kc.getContextObject(context)) {
      const known = kc.getContexts().map(c => c.name);
      throw new CliError(
        `${source} has no context "${context}"; ${
          known.length > 0 ? `its contexts: ${known.join(', ')}` : 'it has none'
        }`,
      );
    }
    kc.setCurrentContext(context);
  }
  const current = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) {
    throw new CliError(
      current
        ? `context "${current}" of ${source} names no cluster with a server`
        : `${source} has no current context; give --context <name>`,
    );
  }
  return { server: cluster.server, context: current || '(none)' };
}

function statusMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body.trim().slice(0, 300) || undefined;
    }
  }
  const message = (parsed as { message?: unknown })?.message;
  return typeof message === 'string' ? message.slice(0, 300) : undefined;
}

/** A failed API call as a CLI error with its exit code. */
function apiError(
  k8s: ClientModule,
  error: unknown,
  what: string,
  server: string,
  context: string,
  timeoutMs: number,
): CliError {
  if (error instanceof k8s.ApiException) {
    const code = error.code;
    const message = statusMessage(error.body);
    const said = message ? `: ${message}` : '';
    if (code === 401) {
      return new CliError(
        `the API server at ${server} refused the credentials of context ${context} (HTTP 401)${said}`,
        EXIT_REFUSED,
      );
    }
    if (code === 403) {
      return new CliError(
        `the API server at ${server} forbids ${what} (HTTP 403)${said}; the collector needs get on /version and list on nodes and pods (see examples/cluster-facts)`,
        EXIT_REFUSED,
      );
    }
    return new CliError(
      `the API server at ${server} answered ${what} with HTTP ${code}${said}`,
      code >= 500 ? EXIT_SERVER_ERROR : EXIT_REFUSED,
    );
  }
  const name = (error as Error)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new CliError(
      `the API server at ${server} did not answer ${what} within ${
        timeoutMs / 1000
      } s (--timeout)`,
      EXIT_UNREACHABLE,
    );
  }
  const code = (error as { code?: unknown })?.code;
  const detail =
    typeof code === 'string'
      ? code
      : (error as Error)?.message ?? String(error);
  return new CliError(
    `cannot query the API server at ${server} (${what}): ${detail}`,
    EXIT_UNREACHABLE,
  );
}

/**
 * Request options that abort at the collection's deadline, so no request
 * outlives the time limit (and keeps the process running). The client's
 * middleware returns its own minimal observables: anything with
 * `toPromise()`.
 */
function withSignal(signal: AbortSignal): K8s.ConfigurationOptions {
  const resolved = <T>(value: T) => ({
    toPromise: () => Promise.resolve(value),
  });
  return {
    middleware: [
      {
        pre: (context: K8s.RequestContext) => {
          context.setSignal(signal);
          return resolved(context);
        },
        post: (response: K8s.ResponseContext) => resolved(response),
      },
    ],
    middlewareMergeStrategy: 'append',
  } as unknown as K8s.ConfigurationOptions;
}

async function listAll<T>(
  page: (cont: string | undefined) => Promise<{
    items: T[];
    metadata?: { _continue?: string };
  }>,
  max: number,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let cont: string | undefined;
  do {
    const list = await page(cont);
    items.push(...list.items);
    cont = list.metadata?._continue || undefined;
    if (items.length >= max) return { items, complete: cont === undefined };
  } while (cont);
  return { items, complete: true };
}

/** A certificate name field, which may be repeated. */
function firstName(field: string | string[] | undefined): string {
  return (Array.isArray(field) ? field[0] : field) ?? '';
}

/**
 * Reads the serving certificate of the API server from a TLS handshake,
 * trusting what the kubeconfig trusts. No request is sent.
 */
export function readServingCertificate(
  server: string,
  options: tls.ConnectionOptions,
  timeoutMs: number,
): Promise<ServingCertificate> {
  const url = new URL(server);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      ...options,
      host,
      port,
      // SNI takes a host name, never an address.
      servername: options.servername ?? (net.isIP(host) ? undefined : host),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new CliError(
          `no TLS handshake with ${server} within ${
            timeoutMs / 1000
          } s (--timeout)`,
          EXIT_UNREACHABLE,
        ),
      );
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const certificate = socket.getPeerCertificate();
      socket.end();
      const validTo = Date.parse(certificate?.valid_to ?? '');
      if (Number.isNaN(validTo)) {
        reject(
          new CliError(
            `${server} sent no certificate with an expiry date`,
            EXIT_SERVER_ERROR,
          ),
        );
        return;
      }
      resolve({
        validTo: new Date(validTo).toISOString(),
        subject: firstName(certificate.subject?.CN),
        issuer: firstName(certificate.issuer?.CN),
      });
    });
    socket.once('error', error => {
      clearTimeout(timer);
      socket.destroy();
      const code = (error as NodeJS.ErrnoException).code ?? error.message;
      reject(
        new CliError(
          `cannot complete a TLS handshake with ${server}: ${code}`,
          EXIT_UNREACHABLE,
        ),
      );
    });
  });
}

/**
 * Observes a cluster through its API server: the API server version
 * (`/version`), the oldest kubelet, pod IP use against the nodes' pod CIDRs,
 * and the expiry of the API server's serving certificate. Throws a
 * {@link CliError} with exit code 2 (kubeconfig), 3 (unreachable), 4
 * (refused) or 5 (server error).
 */
export async function collectClusterFacts(
  options: CollectOptions,
): Promise<Collection> {
  const k8s = await loadClient();
  const { kc, source } = loadKubeConfig(k8s, options);
  const { server, context } = selectContext(kc, source, options.context);
  const deadline = Date.now() + options.timeoutMs;
  const signal = AbortSignal.timeout(options.timeoutMs);
  const requestOptions = withSignal(signal);
  let core: K8s.CoreV1Api;
  let versions: K8s.VersionApi;
  try {
    core = kc.makeApiClient(k8s.CoreV1Api);
    versions = kc.makeApiClient(k8s.VersionApi);
  } catch (error) {
    throw new CliError(
      `cannot use context ${context} of ${source}: ${
        (error as Error)?.message ?? error
      }`,
      EXIT_USAGE,
    );
  }
  const call = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw apiError(k8s, error, what, server, context, options.timeoutMs);
    }
  };

  const version = await call('the version request', () =>
    versions.getCode({}, requestOptions),
  );
  const nodes = await call('listing nodes', () =>
    listAll<NodeObservation>(
      cont =>
        core.listNode({ limit: PAGE_SIZE, _continue: cont }, requestOptions),
      MAX_NODES,
    ),
  );
  const pods = await call('listing pods', () =>
    listAll<PodObservation>(
      cont =>
        core.listPodForAllNamespaces(
          {
            limit: PAGE_SIZE,
            _continue: cont,
            // Finished pods hold no address; the server drops them early.
            fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed',
          },
          requestOptions,
        ),
      MAX_PODS,
    ),
  );

  const facts: Collection['facts'] = {};
  const notes: string[] = [];
  const apiVersion = apiServerVersion(version);
  if (apiVersion) {
    facts[ANNOTATION_KUBERNETES_VERSION] = apiVersion;
  } else {
    notes.push(
      `${ANNOTATION_KUBERNETES_VERSION}: /version gave no version that can be read (gitVersion "${String(
        version.gitVersion ?? '',
      ).slice(0, 40)}")`,
    );
  }
  const oldest = nodes.complete ? oldestKubelet(nodes.items) : undefined;
  if (oldest) {
    facts[ANNOTATION_OLDEST_NODE_VERSION] = oldest.minorVersion;
  } else {
    notes.push(
      nodes.complete
        ? `${ANNOTATION_OLDEST_NODE_VERSION}: no node reports a kubelet version`
        : `${ANNOTATION_OLDEST_NODE_VERSION}: more than ${MAX_NODES} nodes; not reported`,
    );
  }
  const ips =
    nodes.complete && pods.complete
      ? podIpUse(nodes.items, pods.items)
      : undefined;
  if (ips && ips.used <= ips.total) {
    facts[ANNOTATION_POD_IP_CAPACITY] = `${ips.used}/${ips.total}`;
  } else if (!pods.complete || !nodes.complete) {
    notes.push(
      `${ANNOTATION_POD_IP_CAPACITY}: more than ${MAX_PODS} pods or ${MAX_NODES} nodes; not reported`,
    );
  } else if (!ips) {
    notes.push(
      `${ANNOTATION_POD_IP_CAPACITY}: no node has an IPv4 spec.podCIDR (e.g. the AWS VPC CNI, or a CNI with its own address pools), so pod addresses cannot be counted from the API; not reported`,
    );
  } else {
    notes.push(
      `${ANNOTATION_POD_IP_CAPACITY}: ${ips.used} pods hold addresses but the pod CIDRs have only ${ips.total}; not reported`,
    );
  }

  let certificate: ServingCertificate | null = null;
  if (server.startsWith('https:')) {
    // The trust the kubeconfig gives its requests: CA, client certificate,
    // insecure-skip-tls-verify, tls-server-name.
    const https: HttpsRequestOptions = {};
    await call('the TLS settings', () => kc.applyToHTTPSOptions(https));
    certificate = await readServingCertificate(
      server,
      {
        ca: https.ca,
        cert: https.cert,
        key: https.key,
        rejectUnauthorized: https.rejectUnauthorized,
        servername: https.servername,
      },
      Math.max(1, deadline - Date.now()),
    );
    facts[ANNOTATION_CERT_EXPIRY] = certificate.validTo;
  } else {
    notes.push(
      `${ANNOTATION_CERT_EXPIRY}: ${server} is not served over TLS; not reported`,
    );
  }

  return {
    server,
    context,
    facts,
    details: {
      gitVersion: version.gitVersion ?? null,
      nodes: nodes.items.length,
      oldestKubelet: oldest ?? null,
      podIps: ips ?? null,
      podsListed: pods.items.length,
      certificate,
    },
    notes,
  };
}
