import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import { readDataSource } from '../dev/dataSource';
import { devFeatures } from '../dev/devApp';
import { devViews } from '../dev/DevHomePage';
import {
  RecordedFetchApi,
  RecordedPermissionApi,
  recordedOrchestration,
} from '../dev/fixtures';
import { orchestrationReviewCreatePermission } from '@orchestration/plugin-orchestration-common';

/*
 * The dev harness (dev/, `yarn start`) on its recorded fixtures: each of its
 * views renders, and asks for nothing the fixtures do not hold. A view that
 * starts asking for a new request fails here: add the request to
 * dev/captureFixtures.mts and record again (see the README).
 */

jest.setTimeout(60_000);

const NOT_RECORDED = /is not in the recorded fixtures/;

/** What each view of the dev app's start page shows once loaded. */
const expectations: Record<string, RegExp> = {
  '/orchestration': /services assessed/,
  '/orchestration?view=clusters': /Obligations by cluster/,
  '/catalog/default/component/content-api/orchestration': /Platform fit/,
  '/catalog/default/component/content-api': /^Orchestration$/,
  '/catalog/default/resource/prod-kops/orchestration':
    /Cluster prod-kops: what running it takes/,
  '/catalog/default/group/platform/orchestration': /Services owned by/,
  '/catalog/default/system/content': /services? assessed/,
  '/catalog/default/component/docs-website/orchestration':
    /Get started with Orchestration/,
};

describe('dev harness on the recorded fixtures', () => {
  it('lists a view for each expectation below', () => {
    expect(devViews.map(view => view.path).sort()).toEqual(
      Object.keys(expectations).sort(),
    );
  });

  it.each(Object.entries(expectations))(
    'renders %s from the fixtures',
    async (path, shows) => {
      renderTestApp({
        features: devFeatures('fixtures', { signIn: false }),
        initialRouteEntries: [path],
      });
      expect(
        (await screen.findAllByText(shows, {}, { timeout: 30_000 })).length,
      ).toBeGreaterThan(0);
      // Every request of the view answered from the fixtures.
      await waitFor(() =>
        expect(screen.queryAllByRole('progressbar')).toEqual([]),
      );
      expect(screen.queryAllByText(NOT_RECORDED)).toEqual([]);
    },
  );

  it('starts on the page that links the views', async () => {
    renderTestApp({
      features: devFeatures('fixtures', { signIn: false }),
      initialRouteEntries: ['/'],
    });
    expect(
      await screen.findByText('Orchestration plugin: dev harness'),
    ).toBeInTheDocument();
    for (const view of devViews) {
      expect(screen.getByRole('link', { name: view.title })).toHaveAttribute(
        'href',
        view.path,
      );
    }
    expect(
      screen.getByRole('link', { name: 'Switch to the backend' }),
    ).toHaveAttribute('href', '/?data=backend');
  });
});

describe('RecordedFetchApi', () => {
  const fetchApi = new RecordedFetchApi(
    {
      'GET /v1/assessments?limit=5&sort=fit': {
        status: 200,
        contentType: 'application/json',
        body: { items: [] },
      },
      'GET /v1/clusters/export': {
        status: 200,
        contentType: 'text/csv',
        body: 'cluster,key\r\n',
      },
    },
    '/api/orchestration',
  );
  const base = 'http://localhost:7007/api/orchestration';

  it.each([
    [
      'a recorded request, its query in another order',
      'GET',
      `${base}/v1/assessments?sort=fit&limit=5`,
      200,
      '{"items":[]}',
    ],
    [
      'a recorded CSV',
      'GET',
      `${base}/v1/clusters/export`,
      200,
      'cluster,key\r\n',
    ],
    [
      'a request that was not recorded',
      'GET',
      `${base}/v1/assessments?limit=6&sort=fit`,
      404,
      'GET /v1/assessments?limit=6&sort=fit is not in the recorded fixtures',
    ],
    [
      'a write',
      'POST',
      `${base}/v1/evaluate`,
      405,
      'The recorded fixtures are read-only: POST /v1/evaluate needs the backend',
    ],
    [
      'another plugin',
      'GET',
      'http://localhost:7007/api/catalog/entities',
      404,
      'answers below /api/orchestration only',
    ],
  ])('answers %s', async (_, method, url, status, text) => {
    const response = await fetchApi.fetch(url, { method });
    expect(response.status).toBe(status);
    expect(await response.text()).toContain(text);
  });

  it('holds the requests of the dashboard as the client sends them', () => {
    expect(Object.keys(recordedOrchestration)).toEqual(
      expect.arrayContaining([
        'GET /v1/assessments?limit=20',
        'GET /v1/clusters',
        'GET /v1/entities/component/default/content-api/assessment',
        'GET /v1/clusters/default/prod-kops',
      ]),
    );
  });
});

describe('RecordedPermissionApi', () => {
  it.each([
    ['component:default/content-api', 'ALLOW'],
    ['component:default/not-recorded', 'DENY'],
  ])(
    'answers the recorded decision for %s: %s',
    async (resourceRef, result) => {
      await expect(
        new RecordedPermissionApi().authorize({
          permission: orchestrationReviewCreatePermission,
          resourceRef,
        }),
      ).resolves.toEqual({ result });
    },
  );
});

describe('readDataSource', () => {
  const storage = () => {
    const kept = new Map<string, string>();
    return {
      getItem: (key: string) => kept.get(key) ?? null,
      setItem: (key: string, value: string) => void kept.set(key, value),
    };
  };

  it.each([
    ['', undefined, 'backend'],
    ['?data=fixtures', undefined, 'fixtures'],
    ['?data=backend', 'fixtures', 'backend'],
    ['', 'fixtures', 'fixtures'],
    ['?data=other', 'fixtures', 'fixtures'],
    ['?data=other', undefined, 'backend'],
  ] as const)('reads %j with %j kept as %s', (search, kept, expected) => {
    const tab = storage();
    if (kept) readDataSource(`?data=${kept}`, tab);
    expect(readDataSource(search, tab)).toBe(expected);
    expect(readDataSource('', tab)).toBe(expected);
  });
});
