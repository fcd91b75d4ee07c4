import {
  ANNOTATION_CERT_EXPIRY,
  ANNOTATION_ETCD_LAST_BACKUP,
  ANNOTATION_KUBERNETES_VERSION,
  ANNOTATION_LAST_UPGRADE,
  ANNOTATION_OLDEST_NODE_VERSION,
  ANNOTATION_POD_IP_CAPACITY,
  ReportedClusterFacts,
  parseClusterFactsReport,
  resolveEntityRef,
  toClusterFactKey,
} from '@orchestration/plugin-orchestration-common';
import { CliError, EXIT_SERVER_ERROR } from '../errors';
import { clip, plural } from '../text';
import { Collection, collectClusterFacts } from './collect';
import { ClusterName, sendReport } from './send';

/** What the cluster commands need from their surroundings. */
export interface ClusterFactsIo {
  cwd: string;
  stdout: (text: string) => void;
  now: () => Date;
  env: Readonly<Record<string, string | undefined>>;
}

/** Default `--timeout`, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 60;
const MAX_TIMEOUT_SECONDS = 600;
/** Facts given on one `report` command line at most. */
const MAX_FACT_ARGUMENTS = 12;
/** Keys whose value may be `now`: the time of an event that just happened. */
const INSTANT_KEYS = new Set<string>([
  ANNOTATION_ETCD_LAST_BACKUP,
  ANNOTATION_LAST_UPGRADE,
]);

/** Flags shared by `collect` and `report`. */
export interface SendFlags {
  cluster: string;
  report?: string;
  token?: string;
  source?: string;
  timeout?: string;
  json?: boolean;
}

/** A `--cluster` reference: a Resource, `kind` and namespace defaulted as the catalog does. */
export function resolveClusterRef(text: string): {
  ref: string;
  name: ClusterName;
} {
  const ref = resolveEntityRef(text, {
    defaultKind: 'resource',
    defaultNamespace: 'default',
  });
  const match = ref ? /^([^:]+):([^/]+)\/(.+)$/.exec(ref) : null;
  if (!ref || !match) {
    throw new CliError(
      `invalid --cluster "${clip(
        text,
      )}": name the cluster's catalog Resource, e.g. prod or resource:default/prod`,
    );
  }
  if (match[1] !== 'resource') {
    throw new CliError(
      `--cluster must name a Resource (the kubernetes-cluster entity), not ${ref}; e.g. resource:default/prod`,
    );
  }
  return { ref, name: { namespace: match[2], name: match[3] } };
}

/** `--timeout <seconds>`, in milliseconds. */
export function readTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS)) {
    throw new CliError(
      `invalid --timeout "${clip(
        text,
      )}": give whole seconds from 1 to ${MAX_TIMEOUT_SECONDS}, e.g. 60`,
    );
  }
  return seconds * 1000;
}

/** The token: `--token`, else `ORCHESTRATION_TOKEN`. */
function tokenFor(flags: SendFlags, io: ClusterFactsIo): string {
  const token = flags.token ?? io.env.ORCHESTRATION_TOKEN;
  if (token === undefined || token.trim() === '') {
    throw new CliError(
      '--report needs a token: give --token <token> or set ORCHESTRATION_TOKEN (the static token of backend.auth.externalAccess)',
    );
  }
  return token;
}

/** A report body checked with the backend's own validation, so a bad value fails here first. */
function validReport(
  body: { source: string; observedAt: string; facts: Record<string, string> },
  now: Date,
): ReportedClusterFacts {
  const parsed = parseClusterFactsReport(body, { now });
  if (parsed.ok) return parsed.report;
  throw new CliError(
    `the report is not valid:\n${parsed.errors
      .map(line => `  ${clip(line, 400)}`)
      .join('\n')}`,
  );
}

/**
 * Facts written `key=value` on the command line, keys with or without
 * `orchestration.io/`; `now` is the current time for the keys that record
 * an event (`etcd-last-backup`, `last-upgrade`).
 */
export function parseFactArguments(
  args: readonly string[],
  now: Date,
): Record<string, string> {
  if (args.length === 0) {
    throw new CliError(
      'name at least one fact as key=value, e.g. etcd-last-backup=now',
    );
  }
  if (args.length > MAX_FACT_ARGUMENTS) {
    throw new CliError(
      `${args.length} facts given; a report names at most ${MAX_FACT_ARGUMENTS}, one per cluster annotation key`,
    );
  }
  const facts: Record<string, string> = {};
  for (const arg of args) {
    const at = arg.indexOf('=');
    if (at <= 0) {
      throw new CliError(
        `"${clip(arg)}" is not key=value; write e.g. etcd-last-backup=now`,
      );
    }
    const name = arg.slice(0, at).trim();
    let value = arg.slice(at + 1);
    const key = toClusterFactKey(name);
    if (value.trim().toLowerCase() === 'now' && key && INSTANT_KEYS.has(key)) {
      value = now.toISOString();
    }
    if (Object.prototype.hasOwnProperty.call(facts, name)) {
      throw new CliError(`${clip(name)} is given twice; give it once`);
    }
    Object.defineProperty(facts, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return facts;
}

const EXPLANATIONS: Record<string, (c: Collection) => string | undefined> = {
  [ANNOTATION_KUBERNETES_VERSION]: c =>
    c.details.gitVersion ? `API server ${c.details.gitVersion}` : undefined,
  [ANNOTATION_OLDEST_NODE_VERSION]: c =>
    c.details.oldestKubelet
      ? `kubelet ${c.details.oldestKubelet.kubeletVersion} on ${
          c.details.oldestKubelet.node
        }, the oldest of ${plural(c.details.nodes, 'node', 'nodes')}`
      : undefined,
  [ANNOTATION_POD_IP_CAPACITY]: c =>
    c.details.podIps
      ? `pods holding an address, against the IPv4 pod CIDRs of ${plural(
          c.details.podIps.nodesWithPodCidr,
          'node',
          'nodes',
        )}`
      : undefined,
  [ANNOTATION_CERT_EXPIRY]: c =>
    c.details.certificate
      ? `the API server's serving certificate${
          c.details.certificate.subject
            ? ` (CN ${clip(c.details.certificate.subject, 60)})`
            : ''
        }`
      : undefined,
};

/** The facts and what could not be observed, before anything is sent. */
function renderCollection(
  collection: Collection,
  ref: string,
  report: ReportedClusterFacts,
): string {
  const lines = [
    `Facts observed for ${ref} through ${clip(
      collection.server,
    )} (context ${clip(collection.context, 60)}) at ${report.observedAt}:`,
  ];
  const entries = Object.entries(report.facts);
  const width = Math.max(...entries.map(([key]) => key.length));
  for (const [key, value] of entries) {
    const why = EXPLANATIONS[key]?.(collection);
    lines.push(`  ${key.padEnd(width)}  ${value}${why ? `  (${why})` : ''}`);
  }
  if (collection.notes.length > 0) {
    lines.push('Not observed:');
    for (const note of collection.notes) lines.push(`  - ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `collect`: observe a cluster, print the facts, and report them when asked. */
export async function runCollect(
  flags: SendFlags & { kubeconfig?: string; context?: string },
  io: ClusterFactsIo,
): Promise<number> {
  const { ref, name } = resolveClusterRef(flags.cluster);
  const timeoutMs = readTimeout(flags.timeout);
  const token = flags.report === undefined ? undefined : tokenFor(flags, io);
  const collection = await collectClusterFacts({
    kubeconfig: flags.kubeconfig,
    context: flags.context,
    timeoutMs,
    cwd: io.cwd,
    env: io.env,
  });
  const now = io.now();
  if (Object.keys(collection.facts).length === 0) {
    throw new CliError(
      `no fact could be observed on ${
        collection.server
      }: ${collection.notes.join('; ')}`,
      EXIT_SERVER_ERROR,
    );
  }
  const report = validReport(
    {
      source: flags.source ?? 'orchestration-advisor-collect',
      observedAt: now.toISOString(),
      facts: collection.facts,
    },
    now,
  );
  // The facts are printed before sending, so a job's log shows them even
  // when Backstage cannot be reached.
  if (!flags.json) io.stdout(renderCollection(collection, ref, report));
  const sent =
    flags.report === undefined
      ? null
      : await sendReport({
          baseUrl: flags.report,
          cluster: name,
          clusterRef: ref,
          token: token!,
          report,
          timeoutMs,
        });
  if (flags.json) {
    io.stdout(
      `${JSON.stringify(
        {
          cluster: ref,
          server: collection.server,
          context: collection.context,
          report,
          details: collection.details,
          notes: collection.notes,
          sent,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.stdout(
      sent
        ? `Reported to ${sent.endpoint} (HTTP ${sent.status}) as ${report.source}.\n`
        : 'Not sent: add --report <backstage-url> and a token to report these facts.\n',
    );
  }
  return 0;
}

/** `report`: send facts given on the command line, e.g. after an etcd snapshot. */
export async function runReport(
  factArgs: string[],
  flags: SendFlags,
  io: ClusterFactsIo,
): Promise<number> {
  const { ref, name } = resolveClusterRef(flags.cluster);
  const timeoutMs = readTimeout(flags.timeout);
  if (flags.report === undefined) {
    throw new CliError(
      'give --report <backstage-url>, the Backstage backend to report to',
    );
  }
  const token = tokenFor(flags, io);
  const now = io.now();
  const report = validReport(
    {
      source: flags.source ?? 'orchestration-advisor-report',
      observedAt: now.toISOString(),
      facts: parseFactArguments(factArgs, now),
    },
    now,
  );
  const sent = await sendReport({
    baseUrl: flags.report,
    cluster: name,
    clusterRef: ref,
    token,
    report,
    timeoutMs,
  });
  if (flags.json) {
    io.stdout(`${JSON.stringify({ cluster: ref, report, sent }, null, 2)}\n`);
    return 0;
  }
  const facts = Object.entries(report.facts)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  io.stdout(
    `Reported ${plural(
      Object.keys(report.facts).length,
      'fact',
      'facts',
    )} about ${ref} as ${report.source}: ${facts} (HTTP ${sent.status}).\n`,
  );
  return 0;
}
