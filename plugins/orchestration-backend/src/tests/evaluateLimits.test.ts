import request from 'supertest';
import { PLATFORM_USER } from '../__fixtures__/catalog';
import { aliasBomb, manyDocuments, yamlComponent } from '../__fixtures__/yaml';
import { startOrchestration, userHeader } from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const base = '/api/orchestration';

/** A YAML body of about `bytes` bytes: `---`-separated tiny documents. */
function documentsOfSize(bytes: number) {
  const text = manyDocuments(Math.ceil(bytes / 40));
  return text.slice(0, text.lastIndexOf('---', bytes));
}

/**
 * A catalog-info of 50 documents, the most accepted, of about `bytes` bytes
 * together: a Component and Groups with many labels (many small keys are
 * what takes YAML longest to parse).
 */
function largeCatalogInfo(bytes: number) {
  const perGroup = Math.floor(bytes / 49);
  const groups = Array.from({ length: 49 }, (_, g) => {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < perGroup - 60; i++) {
      const line = `    label-${i}: value-${i}`;
      lines.push(line);
      size += line.length + 1;
    }
    return `---\nkind: Group\nmetadata:\n  name: g${g}\n  labels:\n${lines.join(
      '\n',
    )}\n`;
  });
  return `${yamlComponent('large')}${groups.join('')}`;
}

describe('limits of POST /v1/evaluate', () => {
  let server: any;
  let stop: () => Promise<void>;
  const environment = process.env.NODE_ENV;

  beforeAll(async () => {
    // Development is where Backstage's own error handler adds stack traces.
    process.env.NODE_ENV = 'development';
    const backend = await startOrchestration();
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    process.env.NODE_ENV = environment;
    await stop?.();
  });

  const postYaml = (text: string) =>
    request(server)
      .post(`${base}/v1/evaluate`)
      .set('Authorization', userHeader(PLATFORM_USER))
      .set('Content-Type', 'application/yaml')
      .send(text);

  const health = async () => {
    const started = performance.now();
    const res = await request(server).get(`${base}/health`);
    return { status: res.status, ms: performance.now() - started };
  };

  /**
   * Sends the bodies at once while `/health` is asked again and again until
   * they are answered; returns their answers and the slowest health check.
   */
  async function whileHealthIsAsked(texts: string[]) {
    let done = false;
    const checks: Array<{ status: number; ms: number }> = [];
    const asking = (async () => {
      do {
        checks.push(await health());
      } while (!done);
    })();
    const started = performance.now();
    const responses = await Promise.all(texts.map(postYaml));
    const elapsed = performance.now() - started;
    done = true;
    await asking;
    return {
      responses,
      elapsed,
      checks,
      slowest: Math.max(...checks.map(c => c.ms)),
    };
  }

  const noStack = (res: request.Response) => {
    expect(res.body.error?.stack).toBeUndefined();
    expect(res.text).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  };

  it.each([
    [
      'an alias bomb',
      [aliasBomb()],
      400,
      /expands aliases more than the 100 times allowed \(maxAliasCount\)/,
    ],
    [
      'a 1 MB body of 25,000 documents',
      [manyDocuments(25_000)],
      413,
      /larger than the 256 kB allowed for YAML/,
    ],
    [
      'four 400 kB bodies at once',
      Array.from({ length: 4 }, () => documentsOfSize(400_000)),
      413,
      /larger than the 256 kB allowed for YAML/,
    ],
    [
      'a 250 kB body of 6,000 documents',
      [documentsOfSize(250_000)],
      400,
      /more than 50 documents/,
    ],
    [
      'a 250 kB body of 25,000 tiny documents',
      [`${yamlComponent()}${'---\na\n'.repeat(25_000)}`.slice(0, 250_000)],
      400,
      /more than 50 documents/,
    ],
  ])(
    'refuses %s early, while /health keeps answering',
    async (name, texts, status, message) => {
      expect(Buffer.byteLength(texts[0])).toBeGreaterThan(200);
      const { responses, elapsed, checks, slowest } = await whileHealthIsAsked(
        texts,
      );
      // eslint-disable-next-line no-console
      console.log(
        `${name}: answered in ${Math.round(elapsed)} ms; ${
          checks.length
        } health checks meanwhile, the slowest ${Math.round(slowest)} ms`,
      );
      for (const res of responses) {
        expect({
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({ status, message: expect.stringMatching(message) });
        noStack(res);
      }
      expect(checks.every(c => c.status === 200)).toBe(true);
      // Generous: the point is seconds before, not milliseconds now.
      expect(elapsed).toBeLessThan(3_000);
    },
  );

  it('assesses a large catalog-info within the limits while /health keeps answering', async () => {
    const text = largeCatalogInfo(250_000);
    expect(Buffer.byteLength(text)).toBeLessThan(256 * 1024);
    const { responses, elapsed, checks, slowest } = await whileHealthIsAsked([
      text,
    ]);
    // eslint-disable-next-line no-console
    console.log(
      `a ${Math.round(
        Buffer.byteLength(text) / 1024,
      )} kB catalog-info: assessed in ${Math.round(elapsed)} ms; ${
        checks.length
      } health checks meanwhile, the slowest ${Math.round(slowest)} ms`,
    );
    expect(responses[0].body.error?.message).toBeUndefined();
    expect(responses[0].status).toBe(200);
    expect(checks.every(c => c.status === 200)).toBe(true);
  });

  it.each([
    ['a bad cursor', 'GET', '/v1/assessments?cursor=abc', 400],
    ['a NUL in q', 'GET', '/v1/assessments?q=%00', 400],
    [
      'an unknown entity',
      'GET',
      '/v1/entities/component/default/ghost/assessment',
      404,
    ],
    ['an API entity', 'GET', '/v1/entities/api/default/x/assessment', 400],
    ['a form body', 'POST', '/v1/evaluate', 415],
    ['broken YAML', 'POST', '/v1/evaluate', 400],
  ])(
    'answers %s without a stack trace in development',
    async (_name, method, path, status) => {
      const res =
        method === 'GET'
          ? await request(server)
              .get(`${base}${path}`)
              .set('Authorization', userHeader(PLATFORM_USER))
          : await request(server)
              .post(`${base}${path}`)
              .set('Authorization', userHeader(PLATFORM_USER))
              .set(
                'Content-Type',
                status === 415
                  ? 'application/x-www-form-urlencoded'
                  : 'text/yaml',
              )
              .send('kind: [');
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({
        error: { name: expect.any(String), message: expect.any(String) },
        response: { statusCode: status },
      });
      noStack(res);
    },
  );
});
