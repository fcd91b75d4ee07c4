/*
 * Records the fixtures the dev app serves with `?data=fixtures`: real
 * answers of a running backend, signed in as its guest user.
 *
 *   yarn fixtures:capture                          # the backend at http://localhost:7007
 *   yarn fixtures:capture http://localhost:7008    # another backend
 *
 * It writes, under dev/fixtures:
 * - catalog.json: every entity of the catalog, as GET /api/catalog/entities
 *   answers (the dev app serves them from an in-memory catalog);
 * - orchestration.json: the answer to each request the plugin's views make on
 *   load, keyed by method, path and sorted query, for every annotated
 *   Component, kubernetes-cluster Resource, Group and System, and the
 *   dashboard's lists and exports;
 * - session.json: the guest's identity and the permission decisions the
 *   views ask for.
 *
 * The requests are listed below; the dev harness test (src/devHarness.test.tsx)
 * fails on a view that asks for one that is not recorded, so a view that
 * starts asking for something new shows up there first: add it here.
 *
 * Run by Node as is (type annotations only, no imports of the plugin's code);
 * `yarn fixtures:capture` formats the files with the repository's Prettier after it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const backend = (process.argv[2] ?? 'http://localhost:7007').replace(/\/$/, '');
/** Run from the package folder, as `yarn fixtures:capture` does. */
const outDir = path.resolve('dev', 'fixtures');

/** The page size of the review history and of the dashboard's table, as the views ask. */
const REVIEW_PAGE_SIZE = 50;
const DASHBOARD_PAGE_SIZE = 20;
const SHORT_LIST_SIZE = 5;

type Entity = {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
};

type Recorded = { status: number; contentType: string; body: unknown };

/**
 * The key of a request in orchestration.json: its method, path below
 * `basePath` and sorted query, as `requestKey` in dev/fixtures.ts reads it.
 */
function requestKey(method: string, url: URL, basePath: string): string {
  const query = new URLSearchParams(url.search);
  query.sort();
  const search = query.toString();
  return `${method} ${url.pathname.slice(basePath.length)}${
    search ? `?${search}` : ''
  }`;
}

async function signIn(): Promise<{
  token: string;
  identity: unknown;
  profile: unknown;
}> {
  const response = await fetch(`${backend}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok) {
    throw new Error(
      `Guest sign-in at ${backend}/api/auth/guest/refresh answered ${response.status}: is the backend running with the guest provider?`,
    );
  }
  const session = await response.json();
  return {
    token: session.backstageIdentity.token,
    identity: session.backstageIdentity.identity,
    profile: session.profile,
  };
}

/**
 * Waits until the dashboard's snapshot holds every annotated Component of the
 * catalog, asking for a refresh (the guest is a platform-team member) while it
 * does not: right after the backend starts, its first refresh may have run
 * before the catalog was loaded.
 */
async function waitForSnapshot(
  headers: Record<string, string>,
  annotated: number,
) {
  const api = `${backend}/api/orchestration/v1`;
  for (let attempt = 0; attempt < 20; attempt++) {
    const status = await fetch(`${api}/snapshot`, { headers });
    if (status.ok) {
      const { snapshot } = await status.json();
      if (
        snapshot.refreshedAt &&
        !snapshot.stale &&
        snapshot.entityCount === annotated
      ) {
        return;
      }
    }
    await fetch(`${api}/snapshot/refresh?wait=true`, {
      method: 'POST',
      headers,
    });
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(
    `The snapshot of ${backend} does not hold the ${annotated} annotated Components of its catalog yet: try again in a minute`,
  );
}

async function main() {
  const { token, identity, profile } = await signIn();
  const headers = { Authorization: `Bearer ${token}` };

  const catalogResponse = await fetch(`${backend}/api/catalog/entities`, {
    headers,
  });
  if (!catalogResponse.ok) {
    throw new Error(`The catalog answered ${catalogResponse.status}`);
  }
  const entities = ((await catalogResponse.json()) as Entity[]).sort((a, b) =>
    `${a.kind}:${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
      `${b.kind}:${b.metadata.namespace}/${b.metadata.name}`,
    ),
  );
  const lower = (s: string) => s.toLocaleLowerCase('en-US');
  const annotated = entities.filter(
    e =>
      lower(e.kind) === 'component' &&
      Object.keys(e.metadata.annotations ?? {}).some(k =>
        k.startsWith('orchestration.io/'),
      ),
  );
  const clusters = entities.filter(
    e => lower(e.kind) === 'resource' && e.spec?.type === 'kubernetes-cluster',
  );
  const rolledUp = entities.filter(e =>
    ['group', 'system'].includes(lower(e.kind)),
  );

  await waitForSnapshot(headers, annotated.length);

  const requests: string[] = [];
  for (const e of annotated) {
    const base = `/v1/entities/component/${lower(
      e.metadata.namespace ?? 'default',
    )}/${lower(e.metadata.name)}`;
    requests.push(
      `${base}/assessment`,
      `${base}/history`,
      `${base}/reviews?limit=1`,
      `${base}/reviews?limit=${REVIEW_PAGE_SIZE}`,
    );
  }
  for (const e of clusters) {
    requests.push(
      `/v1/clusters/${encodeURIComponent(
        e.metadata.namespace ?? 'default',
      )}/${encodeURIComponent(e.metadata.name)}`,
    );
  }
  for (const e of rolledUp) {
    requests.push(
      `/v1/rollups/${lower(e.kind)}/${lower(
        e.metadata.namespace ?? 'default',
      )}/${lower(e.metadata.name)}`,
    );
  }
  requests.push(
    `/v1/assessments?limit=${DASHBOARD_PAGE_SIZE}`,
    `/v1/assessments?migration=true&sort=fit&order=desc&limit=${SHORT_LIST_SIZE}`,
    `/v1/assessments?obligationStatus=critical&sort=nextDue&order=asc&limit=${SHORT_LIST_SIZE}`,
    '/v1/assessments/export?sort=name&order=asc',
    '/v1/clusters',
    '/v1/clusters/export',
  );

  const responses: Record<string, Recorded> = {};
  for (const request of requests) {
    const url = new URL(`${backend}/api/orchestration${request}`);
    const response = await fetch(url, { headers });
    const contentType = (response.headers.get('content-type') ?? '').split(
      ';',
    )[0];
    const body =
      contentType === 'application/json'
        ? await response.json()
        : await response.text();
    if (!response.ok) {
      throw new Error(
        `GET ${url} answered ${response.status}: ${JSON.stringify(body)}`,
      );
    }
    responses[requestKey('GET', url, '/api/orchestration')] = {
      status: response.status,
      contentType,
      body,
    };
  }

  const reviewCreate = {
    type: 'resource',
    name: 'orchestration.review.create',
    attributes: { action: 'create' },
    resourceType: 'catalog-entity',
  };
  const items = annotated.map((e, i) => ({
    id: String(i),
    permission: reviewCreate,
    resourceRef: lower(
      `component:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
    ),
  }));
  const authorize = await fetch(`${backend}/api/permission/authorize`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  if (!authorize.ok) {
    throw new Error(`The permission backend answered ${authorize.status}`);
  }
  const decisions = (
    (await authorize.json()) as { items: { id: string; result: string }[] }
  ).items.map(decision => ({
    permission: reviewCreate.name,
    resourceRef: items[Number(decision.id)].resourceRef,
    result: decision.result,
  }));

  const recordedAt = new Date().toISOString();
  await mkdir(outDir, { recursive: true });
  const write = (name: string, value: unknown) =>
    writeFile(
      path.join(outDir, name),
      `${JSON.stringify(value, null, 2)}\n`,
      'utf8',
    );
  await write('catalog.json', { recordedAt, entities });
  await write('orchestration.json', { recordedAt, responses });
  await write('session.json', {
    recordedAt,
    identity,
    profile,
    permissions: decisions,
  });
  process.stdout.write(
    `Recorded ${entities.length} entities, ${
      Object.keys(responses).length
    } orchestration answers and ${
      decisions.length
    } permission decisions from ${backend} into ${path.relative(
      process.cwd(),
      outDir,
    )}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
});
