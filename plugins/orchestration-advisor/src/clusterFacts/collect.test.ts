import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  Backstage,
  KubernetesApi,
  RecordedRequest,
  runBin,
  startBackstage,
  startKubernetesApi,
  testCertificate,
  writeKubeconfig,
} from './__testUtils__/servers';

const TOKEN = 'collector-token';
const BACKSTAGE_TOKEN = 'orchestration-reporter-0123456789';

// The child process loads the Kubernetes client and the TypeScript sources.
jest.setTimeout(120_000);

describe('orchestration-advisor collect', () => {
  const certificate = testCertificate(40);
  // The expiry the handshake must yield: the certificate's own notAfter.
  const expiry = new Date(
    new X509Certificate(certificate.cert).validTo,
  ).toISOString();
  let dir: string;
  let api: KubernetesApi;
  let kubeconfig: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orchestration-collect-'));
    api = await startKubernetesApi({ certificate, token: TOKEN });
    kubeconfig = writeKubeconfig(dir, {
      server: api.url,
      caPem: certificate.cert,
      token: TOKEN,
    });
    // Broken set-ups for the exit codes.
    const other = testCertificate(10);
    writeKubeconfig(dir, {
      server: api.url,
      caPem: certificate.cert,
      token: 'not-the-token',
      file: 'wrong-token.yaml',
    });
    writeKubeconfig(dir, {
      server: api.url,
      caPem: other.cert,
      token: TOKEN,
      file: 'other-ca.yaml',
    });
    writeKubeconfig(dir, {
      server: 'https://127.0.0.1:1',
      caPem: certificate.cert,
      token: TOKEN,
      file: 'closed-port.yaml',
    });
  });

  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    api.requests.length = 0;
  });

  it('reads the version, the oldest kubelet, pod IP use and the serving certificate', async () => {
    const result = await runBin(
      ['collect', '--kubeconfig', 'kubeconfig', '--cluster', 'prod', '--json'],
      { cwd: dir },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toEqual({
      cluster: 'resource:default/prod',
      server: api.url,
      context: 'prod-collector',
      report: {
        source: 'orchestration-advisor-collect',
        observedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
        facts: {
          'orchestration.io/kubernetes-version': '1.31.4',
          'orchestration.io/oldest-node-version': '1.29',
          // 6 pods with their own address (not host-network, scheduled,
          // not finished) against 3 nodes' /24 pod CIDRs.
          'orchestration.io/pod-ip-capacity': '6/768',
          'orchestration.io/cert-expiry': expiry,
        },
      },
      details: {
        gitVersion: 'v1.31.4',
        nodes: 3,
        oldestKubelet: {
          minorVersion: '1.29',
          kubeletVersion: 'v1.29.10',
          node: 'worker-b',
          nodesRead: 3,
        },
        podIps: { used: 6, total: 768, nodesWithPodCidr: 3, nodes: 3 },
        podsListed: 11,
        certificate: {
          validTo: expiry,
          subject: 'kube-apiserver',
          issuer: 'kube-apiserver',
        },
      },
      notes: [],
      sent: null,
    });
    // Every request carries the kubeconfig's token; lists are paged, and
    // finished pods are left to the server to drop.
    expect(
      api.requests.map(r => ({
        url: r.url,
        authorization: r.headers.authorization,
      })),
    ).toEqual([
      { url: '/version', authorization: `Bearer ${TOKEN}` },
      { url: '/api/v1/nodes?limit=500', authorization: `Bearer ${TOKEN}` },
      {
        url: '/api/v1/pods?fieldSelector=status.phase%21%3DSucceeded%2Cstatus.phase%21%3DFailed&limit=500',
        authorization: `Bearer ${TOKEN}`,
      },
      {
        url: expect.stringMatching(
          /^\/api\/v1\/pods\?continue=eyJ2Ij.*&limit=500$/,
        ),
        authorization: `Bearer ${TOKEN}`,
      },
    ]);
  });

  it('prints the facts with where each comes from', async () => {
    const result = await runBin(
      [
        'collect',
        '--kubeconfig',
        kubeconfig,
        '--context',
        'prod-collector',
        '--cluster',
        'resource:default/prod',
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^Facts observed for resource:default/prod through ${api.url.replace(
          /\./g,
          '\\.',
        )} \\(context prod-collector\\) at \\d{4}-.*Z:$`,
      ),
    );
    expect(lines.slice(1)).toEqual([
      '  orchestration.io/kubernetes-version   1.31.4  (API server v1.31.4)',
      '  orchestration.io/oldest-node-version  1.29  (kubelet v1.29.10 on worker-b, the oldest of 3 nodes)',
      '  orchestration.io/pod-ip-capacity      6/768  (pods holding an address, against the IPv4 pod CIDRs of 3 nodes)',
      `  orchestration.io/cert-expiry          ${expiry}  (the API server's serving certificate (CN kube-apiserver))`,
      'Not sent: add --report <backstage-url> and a token to report these facts.',
    ]);
  });

  describe('with --report', () => {
    let backstage: Backstage;
    let answer: (req: RecordedRequest) => { status: number; body?: unknown };

    beforeAll(async () => {
      backstage = await startBackstage(req => answer(req));
    });
    afterAll(() => backstage.close());
    beforeEach(() => {
      backstage.requests.length = 0;
    });

    it('posts the facts as a report, with the token from the environment', async () => {
      answer = () => ({ status: 202, body: { accepted: true } });
      const result = await runBin(
        [
          'collect',
          '--kubeconfig',
          kubeconfig,
          '--cluster',
          'payments/prod-eu',
          '--report',
          `${backstage.url}/`,
          '--source',
          'nightly-collector',
        ],
        { cwd: dir, env: { ORCHESTRATION_TOKEN: BACKSTAGE_TOKEN } },
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(backstage.requests).toHaveLength(1);
      const [request] = backstage.requests;
      expect({
        method: request.method,
        url: request.url,
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
      }).toEqual({
        method: 'POST',
        url: '/api/orchestration/v1/clusters/payments/prod-eu/facts',
        authorization: `Bearer ${BACKSTAGE_TOKEN}`,
        contentType: 'application/json',
      });
      expect(JSON.parse(request.body)).toEqual({
        source: 'nightly-collector',
        observedAt: expect.stringMatching(/Z$/),
        facts: {
          'orchestration.io/kubernetes-version': '1.31.4',
          'orchestration.io/oldest-node-version': '1.29',
          'orchestration.io/pod-ip-capacity': '6/768',
          'orchestration.io/cert-expiry': expiry,
        },
      });
      expect(result.stdout).toContain(
        `Reported to ${backstage.url}/api/orchestration/v1/clusters/payments/prod-eu/facts (HTTP 202) as nightly-collector.`,
      );
    });

    it('prints the message Backstage refuses a report with, exit 4', async () => {
      answer = () => ({
        status: 404,
        body: {
          error: {
            name: 'NotFoundError',
            message: 'No cluster resource:payments/prod-eu in the catalog',
          },
          response: { statusCode: 404 },
        },
      });
      const result = await runBin(
        [
          'collect',
          '--kubeconfig',
          kubeconfig,
          '--cluster',
          'payments/prod-eu',
          '--report',
          backstage.url,
          '--token',
          BACKSTAGE_TOKEN,
        ],
        { cwd: dir },
      );
      // The facts stay in the log even though Backstage refused them.
      expect(result.stdout).toContain(
        'orchestration.io/kubernetes-version   1.31.4',
      );
      expect({ code: result.code, stderr: result.stderr }).toEqual({
        code: 4,
        stderr:
          "orchestration-advisor: Backstage refused the report (HTTP 404): No cluster resource:payments/prod-eu in the catalog; check that resource:payments/prod-eu is in the catalog and that --report is the Backstage backend's base URL\n",
      });
    });
  });

  it.each<[string, string[], Record<string, string>, number, RegExp]>([
    [
      'a kubeconfig that does not exist',
      ['--kubeconfig', 'missing.yaml'],
      {},
      2,
      /^orchestration-advisor: cannot read kubeconfig .*missing\.yaml: no such file\n$/,
    ],
    [
      'a context the kubeconfig does not have',
      ['--kubeconfig', 'kubeconfig', '--context', 'staging'],
      {},
      2,
      /^orchestration-advisor: kubeconfig kubeconfig has no context "staging"; its contexts: prod-collector\n$/,
    ],
    [
      'no kubeconfig anywhere',
      [],
      {},
      2,
      /^orchestration-advisor: no kubeconfig found: give --kubeconfig <file>, set KUBECONFIG, or run in a pod with a service account\n$/,
    ],
    [
      'a token the API server refuses',
      ['--kubeconfig', 'wrong-token.yaml'],
      {},
      4,
      /^orchestration-advisor: the API server at https:\/\/127\.0\.0\.1:\d+ refused the credentials of context prod-collector \(HTTP 401\)\n$/,
    ],
    [
      'an API server whose certificate the kubeconfig does not trust',
      ['--kubeconfig', 'other-ca.yaml'],
      {},
      3,
      /^orchestration-advisor: cannot query the API server at https:\/\/127\.0\.0\.1:\d+ \(the version request\): .+\n$/,
    ],
    [
      'an API server that is not there',
      ['--kubeconfig', 'closed-port.yaml'],
      {},
      3,
      /^orchestration-advisor: cannot query the API server at https:\/\/127\.0\.0\.1:1 \(the version request\): ECONNREFUSED\n$/,
    ],
  ])(
    'exits with a clear message for %s',
    async (_name, args, env, code, stderr) => {
      const result = await runBin(['collect', '--cluster', 'prod', ...args], {
        cwd: dir,
        env,
      });
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(stderr);
      expect(result.code).toBe(code);
    },
  );

  it('says which permission is missing when RBAC forbids listing pods', async () => {
    const forbidding = await startKubernetesApi({
      certificate,
      token: TOKEN,
      forbid: '/api/v1/pods',
    });
    try {
      writeKubeconfig(dir, {
        server: forbidding.url,
        caPem: certificate.cert,
        token: TOKEN,
        file: 'forbidden.yaml',
      });
      const result = await runBin(
        ['collect', '--kubeconfig', 'forbidden.yaml', '--cluster', 'prod'],
        { cwd: dir },
      );
      expect({ code: result.code, stderr: result.stderr }).toEqual({
        code: 4,
        stderr: `orchestration-advisor: the API server at ${forbidding.url} forbids listing pods (HTTP 403): pods is forbidden: User "system:serviceaccount:platform:orchestration-collector" cannot list resource "pods" in API group "" at the cluster scope; the collector needs get on /version and list on nodes and pods (see examples/cluster-facts)\n`,
      });
    } finally {
      await forbidding.close();
    }
  });
});
