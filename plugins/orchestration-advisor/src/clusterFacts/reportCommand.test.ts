import { runCli } from '../cli';
import {
  Backstage,
  RecordedRequest,
  closedPort,
  startBackstage,
} from './__testUtils__/servers';

const NOW = new Date('2026-11-28T10:15:00.000Z');
const TOKEN = 'orchestration-reporter-0123456789';

type Answer = { status: number; body?: unknown } | null;

describe('orchestration-advisor report', () => {
  let backstage: Backstage;
  let answer: (req: RecordedRequest) => Answer;

  beforeAll(async () => {
    backstage = await startBackstage(req => answer(req));
  });
  afterAll(() => backstage.close());
  beforeEach(() => {
    backstage.requests.length = 0;
    answer = () => ({ status: 202, body: { accepted: 1 } });
  });

  async function run(args: string[], env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      cwd: process.cwd(),
      stdout: text => {
        stdout += text;
      },
      stderr: text => {
        stderr += text;
      },
      now: () => NOW,
      env,
    });
    return { code, stdout, stderr };
  }

  it('reports an etcd backup taken now, as the backup job would', async () => {
    const result = await run([
      'report',
      '--cluster',
      'prod-kops',
      'etcd-last-backup=now',
      '--report',
      backstage.url,
      '--token',
      TOKEN,
      '--source',
      'etcd-backup',
    ]);
    expect(result).toEqual({
      code: 0,
      stdout:
        'Reported 1 fact about resource:default/prod-kops as etcd-backup: orchestration.io/etcd-last-backup=2026-11-28T10:15:00.000Z (HTTP 202).\n',
      stderr: '',
    });
    expect(backstage.requests).toHaveLength(1);
    const [request] = backstage.requests;
    expect({
      method: request.method,
      url: request.url,
      authorization: request.headers.authorization,
      body: JSON.parse(request.body),
    }).toEqual({
      method: 'POST',
      url: '/api/orchestration/v1/clusters/default/prod-kops/facts',
      authorization: `Bearer ${TOKEN}`,
      body: {
        source: 'etcd-backup',
        observedAt: '2026-11-28T10:15:00.000Z',
        facts: {
          'orchestration.io/etcd-last-backup': '2026-11-28T10:15:00.000Z',
        },
      },
    });
  });

  it('takes several facts, keys with or without the prefix, the token from the environment, and prints JSON', async () => {
    const result = await run(
      [
        'report',
        '--cluster',
        'resource:payments/prod-eu',
        'orchestration.io/etcd-members=5',
        'etcd-backup-interval=15m',
        '--report',
        `${backstage.url}/backstage/`,
        '--json',
      ],
      { ORCHESTRATION_TOKEN: TOKEN },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      cluster: 'resource:payments/prod-eu',
      report: {
        source: 'orchestration-advisor-report',
        observedAt: '2026-11-28T10:15:00.000Z',
        facts: {
          'orchestration.io/etcd-members': '5',
          'orchestration.io/etcd-backup-interval': '15m',
        },
      },
      sent: {
        endpoint: `${backstage.url}/backstage/api/orchestration/v1/clusters/payments/prod-eu/facts`,
        status: 202,
      },
    });
    expect(backstage.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it.each<[string, string[], string]>([
    [
      'a value the annotation parser refuses',
      ['kubernetes-version=1.3x'],
      'orchestration-advisor: the report is not valid:\n  facts.kubernetes-version: orchestration.io/kubernetes-version: "1.3x" is not a Kubernetes version; write major.minor or major.minor.patch, e.g. 1.29 or 1.29.4\n',
    ],
    [
      'now for a fact that is not the time of an event',
      ['cert-expiry=now'],
      'orchestration-advisor: the report is not valid:\n  facts.cert-expiry: orchestration.io/cert-expiry: "now" is not an ISO-8601 date; write YYYY-MM-DD or a timestamp such as 2026-11-28T10:15:00Z\n',
    ],
    [
      'the control plane',
      ['control-plane=eks'],
      'orchestration-advisor: the report is not valid:\n  facts.control-plane: orchestration.io/control-plane is declared in catalog-info.yaml and cannot be reported: it decides which obligations apply\n',
    ],
    [
      'a fact without a value',
      ['etcd-last-backup'],
      'orchestration-advisor: "etcd-last-backup" is not key=value; write e.g. etcd-last-backup=now\n',
    ],
    [
      'no token',
      ['etcd-last-backup=now', '--token', ''],
      'orchestration-advisor: --report needs a token: give --token <token> or set ORCHESTRATION_TOKEN (the static token of backend.auth.externalAccess)\n',
    ],
  ])(
    'refuses %s before sending anything (exit 2)',
    async (_name, args, stderr) => {
      // A later --token wins, so the empty one in the table stands.
      const result = await run([
        'report',
        '--cluster',
        'prod',
        '--report',
        backstage.url,
        '--token',
        TOKEN,
        ...args,
      ]);
      expect(result).toEqual({ code: 2, stdout: '', stderr });
      expect(backstage.requests).toEqual([]);
    },
  );

  it.each<[string, string, string]>([
    [
      'a URL that is not one',
      'backstage',
      'orchestration-advisor: invalid --report URL "backstage": give the Backstage backend\'s base URL, e.g. https://backstage.example.com\n',
    ],
    [
      'a URL with a query',
      'https://backstage.example.com/?token=abc',
      'orchestration-advisor: invalid --report URL "https://backstage.example.com/?token=abc": give the base URL only, without a query, a fragment or credentials (the token goes in --token)\n',
    ],
  ])('refuses %s (exit 2)', async (_name, url, stderr) => {
    const result = await run([
      'report',
      '--cluster',
      'prod',
      'etcd-last-backup=now',
      '--report',
      url,
      '--token',
      TOKEN,
    ]);
    expect(result).toEqual({ code: 2, stdout: '', stderr });
  });

  it.each<[string, Answer, number, string]>([
    [
      'a token Backstage does not know',
      {
        status: 401,
        body: {
          error: { name: 'AuthenticationError', message: 'Illegal token' },
          response: { statusCode: 401 },
        },
      },
      4,
      'orchestration-advisor: Backstage refused the report (HTTP 401): Illegal token; check the token (--token or ORCHESTRATION_TOKEN) and that backend.auth.externalAccess lists it\n',
    ],
    [
      'a token without the permission',
      {
        status: 403,
        body: {
          error: { name: 'NotAllowedError', message: 'Unauthorized' },
          response: { statusCode: 403 },
        },
      },
      4,
      'orchestration-advisor: Backstage refused the report (HTTP 403): Unauthorized; the token needs the orchestration.cluster.facts.report permission (accessRestrictions of its backend.auth.externalAccess entry)\n',
    ],
    [
      'a value the server refuses',
      {
        status: 400,
        body: {
          error: {
            name: 'InputError',
            message:
              'facts.etcd-last-backup: observedAt is 10 minutes after the time the report arrived',
          },
        },
      },
      4,
      'orchestration-advisor: Backstage refused the report (HTTP 400): facts.etcd-last-backup: observedAt is 10 minutes after the time the report arrived\n',
    ],
    [
      'a login page in front of Backstage',
      { status: 302 },
      4,
      `orchestration-advisor: BASE/api/orchestration/v1/clusters/default/prod/facts answered with a redirect (HTTP 302 to https://sso.example.com/login); give --report the Backstage backend's base URL\n`,
    ],
    [
      'a server error, with an HTML page',
      { status: 502, body: '<html><body>Bad gateway</body></html>' },
      5,
      'orchestration-advisor: Backstage failed to take the report (HTTP 502): <html><body>Bad gateway</body></html>\n',
    ],
  ])('exits on %s', async (_name, reply, code, stderr) => {
    answer = () => reply;
    const result = await run([
      'report',
      '--cluster',
      'prod',
      'etcd-last-backup=now',
      '--report',
      backstage.url,
      '--token',
      TOKEN,
    ]);
    expect(result).toEqual({
      code,
      stdout: '',
      stderr: stderr.replace('BASE', backstage.url),
    });
  });

  it('exits 3 when Backstage does not answer in time', async () => {
    answer = () => null;
    const result = await run([
      'report',
      '--cluster',
      'prod',
      'etcd-last-backup=now',
      '--report',
      backstage.url,
      '--token',
      TOKEN,
      '--timeout',
      '1',
    ]);
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr: `orchestration-advisor: no answer from ${backstage.url}/api/orchestration/v1/clusters/default/prod/facts within 1 s\n`,
    });
  });

  it('exits 3 when nothing listens', async () => {
    const port = await closedPort();
    const result = await run([
      'report',
      '--cluster',
      'prod',
      'etcd-last-backup=now',
      '--report',
      `http://127.0.0.1:${port}`,
      '--token',
      TOKEN,
    ]);
    expect(result).toEqual({
      code: 3,
      stdout: '',
      stderr: `orchestration-advisor: cannot reach http://127.0.0.1:${port}/api/orchestration/v1/clusters/default/prod/facts: ECONNREFUSED\n`,
    });
  });

  it('needs --cluster and --report', async () => {
    expect(await run(['report', 'etcd-last-backup=now'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "orchestration-advisor: required option '--cluster <ref>' not specified\n",
    });
    expect(
      await run(['report', '--cluster', 'prod', 'etcd-last-backup=now']),
    ).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "orchestration-advisor: required option '--report <url>' not specified\n",
    });
  });
});
