import {
  ReportedClusterFacts,
  clusterFactsReportPath,
} from '@orchestration/plugin-orchestration-common';
import {
  CliError,
  EXIT_REFUSED,
  EXIT_SERVER_ERROR,
  EXIT_UNREACHABLE,
  EXIT_USAGE,
} from '../errors';

/** The most of a response body read, so a huge error page cannot flood memory or output. */
const MAX_RESPONSE_BYTES = 64 * 1024;
/** The most of a server's message echoed. */
const MAX_MESSAGE_CHARACTERS = 300;

/** A catalog Resource, as the endpoint path names it. */
export interface ClusterName {
  namespace: string;
  name: string;
}

/**
 * The facts endpoint of the Orchestration backend under a Backstage base
 * URL (`https://backstage.example.com` or one with a path prefix).
 */
export function reportEndpoint(baseUrl: string, cluster: ClusterName): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new CliError(
      `invalid --report URL "${clip(
        baseUrl,
      )}": give the Backstage backend's base URL, e.g. https://backstage.example.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CliError(
      `invalid --report URL "${clip(
        baseUrl,
      )}": it must start with https:// (or http:// for a local backend)`,
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new CliError(
      `invalid --report URL "${clip(
        baseUrl,
      )}": give the base URL only, without a query, a fragment or credentials (the token goes in --token)`,
    );
  }
  const base = url.toString().replace(/\/+$/, '');
  return `${base}/api/orchestration${clusterFactsReportPath(cluster)}`;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE_CHARACTERS
    ? `${oneLine.slice(0, MAX_MESSAGE_CHARACTERS)}…`
    : oneLine;
}

/** At most {@link MAX_RESPONSE_BYTES} of a response body, as text. */
async function readBounded(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_RESPONSE_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
}

/** The message of a Backstage error body (`{ error: { message } }`), or the text itself. */
export function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text);
    const message = body?.error?.message ?? body?.message;
    if (typeof message === 'string' && message.trim() !== '') {
      return clip(message);
    }
  } catch {
    // Not JSON: show the text.
  }
  return clip(text) || '(no message)';
}

function hint(status: number, cluster: string): string {
  switch (status) {
    case 401:
      return '; check the token (--token or ORCHESTRATION_TOKEN) and that backend.auth.externalAccess lists it';
    case 403:
      return '; the token needs the orchestration.cluster.facts.report permission (accessRestrictions of its backend.auth.externalAccess entry)';
    case 404:
      return `; check that ${cluster} is in the catalog and that --report is the Backstage backend's base URL`;
    default:
      return '';
  }
}

/** Why a request got no answer, in a few words. */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })
    ?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Inputs of {@link sendReport}. */
export interface SendReportInput {
  /** The Backstage backend's base URL. */
  baseUrl: string;
  cluster: ClusterName;
  /** Entity ref of the cluster, for messages. */
  clusterRef: string;
  token: string;
  report: ReportedClusterFacts;
  timeoutMs: number;
}

/**
 * POSTs a report to the Orchestration backend. Resolves with the endpoint
 * and HTTP status on 2xx; otherwise throws a {@link CliError} whose exit
 * code says what failed (3 unreachable or no answer in time, 4 refused with
 * the server's message, 5 server error).
 */
export async function sendReport(
  input: SendReportInput,
): Promise<{ endpoint: string; status: number }> {
  const endpoint = reportEndpoint(input.baseUrl, input.cluster);
  if (input.token.trim() === '' || /\s/.test(input.token.trim())) {
    throw new CliError(
      'the token is empty or holds spaces; give the static token configured in backend.auth.externalAccess',
      EXIT_USAGE,
    );
  }
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${input.token.trim()}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(input.report),
      // A redirect would resend the token elsewhere; a base URL that
      // redirects is a configuration mistake to report, not follow.
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new CliError(
        `no answer from ${endpoint} within ${input.timeoutMs / 1000} s`,
        EXIT_UNREACHABLE,
      );
    }
    throw new CliError(
      `cannot reach ${endpoint}: ${networkCause(error)}`,
      EXIT_UNREACHABLE,
    );
  }
  const status = response.status;
  if (status >= 200 && status < 300) {
    await readBounded(response);
    return { endpoint, status };
  }
  if (status >= 300 && status < 400) {
    await readBounded(response);
    const location = response.headers.get('location');
    throw new CliError(
      `${endpoint} answered with a redirect (HTTP ${status}${
        location ? ` to ${clip(location)}` : ''
      }); give --report the Backstage backend's base URL`,
      EXIT_REFUSED,
    );
  }
  const message = serverMessage(await readBounded(response));
  if (status >= 400 && status < 500) {
    throw new CliError(
      `Backstage refused the report (HTTP ${status}): ${message}${hint(
        status,
        input.clusterRef,
      )}`,
      EXIT_REFUSED,
    );
  }
  throw new CliError(
    `Backstage failed to take the report (HTTP ${status}): ${message}`,
    EXIT_SERVER_ERROR,
  );
}
