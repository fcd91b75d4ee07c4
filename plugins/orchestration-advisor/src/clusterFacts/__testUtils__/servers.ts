import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import selfsigned from 'selfsigned';
import version from '../__fixtures__/version.json';
import nodes from '../__fixtures__/nodes.json';
import podsPage1 from '../__fixtures__/pods-page-1.json';
import podsPage2 from '../__fixtures__/pods-page-2.json';

export const BIN = path.resolve(
  __dirname,
  '../../../bin/orchestration-advisor',
);

/** A request a test server received. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A certificate for 127.0.0.1 and localhost, valid for `days` from now. */
export function testCertificate(days: number): { cert: string; key: string } {
  const pems = selfsigned.generate(
    [{ name: 'commonName', value: 'kube-apiserver' }],
    {
      days,
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        {
          name: 'keyUsage',
          keyCertSign: true,
          digitalSignature: true,
          keyEncipherment: true,
        },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    },
  );
  return { cert: pems.cert, key: pems.private };
}

function send(res: http.ServerResponse, code: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A Kubernetes `Status` error body, as the API server sends it. */
function status(code: number, reason: string, message: string) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

/** A fake API server serving the recorded responses over HTTPS. */
export interface KubernetesApi {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * Serves `/version`, `/api/v1/nodes` and `/api/v1/pods` (in two pages) from
 * the recorded responses, to callers with `token`; `forbid` answers 403 for
 * that path, as RBAC does.
 */
export async function startKubernetesApi(options: {
  certificate: { cert: string; key: string };
  token: string;
  forbid?: string;
}): Promise<KubernetesApi> {
  const requests: RecordedRequest[] = [];
  const server = https.createServer(
    { cert: options.certificate.cert, key: options.certificate.key },
    (req, res) => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: '',
      });
      const url = new URL(req.url ?? '/', 'https://localhost');
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        send(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
        return;
      }
      if (url.pathname === options.forbid) {
        send(
          res,
          403,
          status(
            403,
            'Forbidden',
            'pods is forbidden: User "system:serviceaccount:platform:orchestration-collector" cannot list resource "pods" in API group "" at the cluster scope',
          ),
        );
        return;
      }
      switch (url.pathname) {
        case '/version':
          send(res, 200, version);
          return;
        case '/api/v1/nodes':
          send(res, 200, nodes);
          return;
        case '/api/v1/pods':
          send(
            res,
            200,
            url.searchParams.get('continue') === podsPage1.metadata.continue
              ? podsPage2
              : podsPage1,
          );
          return;
        default:
          send(
            res,
            404,
            status(
              404,
              'NotFound',
              'the server could not find the requested resource',
            ),
          );
      }
    },
  );
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

/** A fake Backstage backend: records each request and answers what the test says. */
export interface Backstage {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startBackstage(
  answer: (req: RecordedRequest) => { status: number; body?: unknown } | null,
): Promise<Backstage> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
      };
      requests.push(recorded);
      const reply = answer(recorded);
      // null: never answer, to test the time limit.
      if (!reply) return;
      if (reply.status >= 300 && reply.status < 400) {
        res.writeHead(reply.status, {
          location: 'https://sso.example.com/login',
        });
        res.end();
        return;
      }
      if (typeof reply.body === 'string') {
        res.writeHead(reply.status, { 'content-type': 'text/html' });
        res.end(reply.body);
        return;
      }
      send(res, reply.status, reply.body ?? {});
    });
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A local port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** A kubeconfig with one context that trusts `caPem` and sends `token`. */
export function writeKubeconfig(
  dir: string,
  options: { server: string; caPem: string; token: string; file?: string },
): string {
  const file = path.join(dir, options.file ?? 'kubeconfig');
  const ca = Buffer.from(options.caPem).toString('base64');
  fs.writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters:
  - name: prod
    cluster:
      server: ${options.server}
      certificate-authority-data: ${ca}
users:
  - name: collector
    user:
      token: ${options.token}
contexts:
  - name: prod-collector
    context:
      cluster: prod
      user: collector
current-context: prod-collector
`,
  );
  return file;
}

/**
 * Runs the real binary without blocking this process, so the test servers
 * in it can answer.
 */
export function runBin(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: options.cwd,
          ...options.env,
        },
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        // An exit code, or null when the process was killed.
        let code: number | null = 0;
        if (error) {
          const exit = (error as { code?: unknown }).code;
          code = typeof exit === 'number' ? exit : null;
        }
        resolve({ code, stdout, stderr });
      },
    );
  });
}
