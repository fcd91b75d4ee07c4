import {
  OrchestrationClient,
  assessmentQueryToParams,
} from './OrchestrationClient';

const discoveryApi = {
  getBaseUrl: jest.fn(async () => 'http://localhost:7007/api/orchestration'),
};

function client(response: Response | { fail: string }) {
  const fetch = jest.fn(async () => {
    if ('fail' in response) throw new Error(response.fail);
    return response as Response;
  });
  return {
    fetch,
    api: new OrchestrationClient({ discoveryApi, fetchApi: { fetch } }),
  };
}

const ref = { kind: 'Component', namespace: 'default', name: 'content-api' };

describe('OrchestrationClient', () => {
  it('gets the assessment of an entity from its route', async () => {
    const { api, fetch } = client(
      new Response(
        JSON.stringify({ assessment: { entityRef: 'x' }, cluster: null }),
      ),
    );
    await expect(api.getEntityAssessment(ref)).resolves.toEqual({
      assessment: { entityRef: 'x' },
      cluster: null,
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/orchestration/v1/entities/component/default/content-api/assessment',
      undefined,
    );
  });

  it('says the backend plugin may not be installed on a bare 404', async () => {
    const { api } = client(new Response('Not Found', { status: 404 }));
    await expect(api.listAssessments()).rejects.toThrow(
      /Is the backend plugin @orchestration\/plugin-orchestration-backend installed\?/,
    );
  });

  it('shows the server message of a 404 with an error body', async () => {
    const { api } = client(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotFoundError',
            message: 'No entity component:default/nope',
          },
          response: { statusCode: 404 },
        }),
        { status: 404 },
      ),
    );
    await expect(api.getEntityAssessment(ref)).rejects.toThrow(
      'No entity component:default/nope',
    );
  });

  it('shows the server message of a 403 and keeps the status', async () => {
    const { api } = client(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: 'Only members of a platform team may record reviews',
          },
          response: { statusCode: 403 },
        }),
        { status: 403, statusText: 'Forbidden' },
      ),
    );
    const error = await api
      .createReview(ref, { kind: 'accept' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      message: 'Only members of a platform team may record reviews',
      status: 403,
      errorName: 'NotAllowedError',
    });
  });

  it('falls back to the status when the body is not JSON', async () => {
    const { api } = client(
      new Response('<html>oops</html>', {
        status: 502,
        statusText: 'Bad Gateway',
      }),
    );
    await expect(api.listClusters()).rejects.toThrow(
      'The Orchestration backend answered 502 Bad Gateway',
    );
  });

  it('reports a network failure with the backend address', async () => {
    const { api } = client({ fail: 'Failed to fetch' });
    await expect(api.listClusters()).rejects.toThrow(
      'Could not reach the Orchestration backend at http://localhost:7007/api/orchestration: Failed to fetch',
    );
  });

  it('posts a review decision as JSON', async () => {
    const { api, fetch } = client(new Response(JSON.stringify({ id: 'r1' })));
    await api.createReview(ref, {
      kind: 'migrate',
      targetPlatform: 'eks',
      dueDate: '2027-03-01',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/orchestration/v1/entities/component/default/content-api/reviews',
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({
          decision: {
            kind: 'migrate',
            targetPlatform: 'eks',
            dueDate: '2027-03-01',
          },
        }),
      }),
    );
  });

  it('sends an Idempotency-Key with a review when given one', async () => {
    const { api, fetch } = client(new Response(JSON.stringify({ id: 'r1' })));
    await api.createReview(
      ref,
      { kind: 'accept' },
      { idempotencyKey: 'decision-1' },
    );
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/orchestration/v1/entities/component/default/content-api/reviews',
      expect.objectContaining({
        headers: {
          'content-type': 'application/json',
          'idempotency-key': 'decision-1',
        },
      }),
    );
  });

  it('sends no Idempotency-Key without one', async () => {
    const { api, fetch } = client(new Response(JSON.stringify({ id: 'r1' })));
    await api.createReview(ref, { kind: 'accept' });
    expect(fetch).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({
        headers: { 'content-type': 'application/json' },
      }),
    );
  });

  it('posts an entity to evaluate as JSON', async () => {
    const { api, fetch } = client(
      new Response(JSON.stringify({ assessment: { entityRef: 'x' } })),
    );
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'new-service' },
    };
    await expect(
      api.evaluate({ entity, now: '2026-11-28T00:00:00Z' }),
    ).resolves.toEqual({ assessment: { entityRef: 'x' } });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/orchestration/v1/evaluate',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ entity, now: '2026-11-28T00:00:00Z' }),
      },
    );
  });

  it('lists assessments with their filters, sort and paging', async () => {
    const { api, fetch } = client(
      new Response(JSON.stringify({ items: [], nextCursor: null })),
    );
    await api.listAssessments({
      recommendedPlatform: ['eks'],
      sort: 'cost',
      order: 'desc',
      limit: 50,
      cursor: 'WyJjIl0',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/orchestration/v1/assessments?recommendedPlatform=eks&sort=cost&order=desc&limit=50&cursor=WyJjIl0',
      undefined,
    );
  });

  it('pages reviews and history with limit and cursor', async () => {
    const page = { items: [], nextCursor: null, inForce: null };
    const { api, fetch } = client(new Response(JSON.stringify(page)));
    expect(
      await api.listReviews(ref, { limit: 20, cursor: 'WyJyIiw1XQ' }),
    ).toEqual(page);
    expect(fetch).toHaveBeenLastCalledWith(
      'http://localhost:7007/api/orchestration/v1/entities/component/default/content-api/reviews?limit=20&cursor=WyJyIiw1XQ',
      undefined,
    );
    const second = client(
      new Response(JSON.stringify({ items: [], nextCursor: null })),
    );
    await second.api.getHistory(ref);
    expect(second.fetch).toHaveBeenLastCalledWith(
      'http://localhost:7007/api/orchestration/v1/entities/component/default/content-api/history',
      undefined,
    );
  });

  it('exports CSV with the filters but without paging', async () => {
    const { api, fetch } = client(new Response('name\ncontent-api\n'));
    const blob = await api.exportAssessments({
      owner: ['group:default/web-content'],
      migration: true,
      limit: 20,
      cursor: 'abc',
    });
    expect(await blob.text()).toBe('name\ncontent-api\n');
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/orchestration/v1/assessments/export?owner=group%3Adefault%2Fweb-content&migration=true',
      { headers: { accept: 'text/csv' } },
    );
  });

  it('exports the facts of the clusters as CSV', async () => {
    const { api, fetch } = client(
      new Response('clusterRef,factKey\r\nresource:default/prod-kops,cni\r\n'),
    );
    const blob = await api.exportClusters();
    expect(await blob.text()).toBe(
      'clusterRef,factKey\r\nresource:default/prod-kops,cni\r\n',
    );
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/orchestration/v1/clusters/export',
      { headers: { accept: 'text/csv' } },
    );
  });

  it('gets a cluster by namespace and name', async () => {
    const { api, fetch } = client(new Response('{}'));
    await api.getCluster({
      kind: 'Resource',
      namespace: 'default',
      name: 'prod-kops',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/orchestration/v1/clusters/default/prod-kops',
      undefined,
    );
  });
});

describe('OrchestrationClient roll-ups', () => {
  it.each([
    [
      { kind: 'Group', namespace: 'default', name: 'Web-Content' },
      '/v1/rollups/group/default/web-content',
    ],
    [
      { kind: 'System', namespace: 'payments', name: 'checkout' },
      '/v1/rollups/system/payments/checkout',
    ],
  ])('gets the roll-up of %p', async (entity, path) => {
    const { api, fetch } = client(new Response('{"totalServices":3}'));
    await expect(api.getRollup(entity)).resolves.toEqual({ totalServices: 3 });
    expect(fetch).toHaveBeenCalledWith(
      `http://localhost:7007/api/orchestration${path}`,
      undefined,
    );
  });
});

describe('assessmentQueryToParams', () => {
  it('joins lists with commas and leaves empty values out', () => {
    expect(
      assessmentQueryToParams({
        currentPlatform: ['ecs-ec2', 'eks'],
        system: [],
        q: '',
        migration: false,
        sort: 'fit',
        order: 'desc',
      }).toString(),
    ).toBe('currentPlatform=ecs-ec2%2Ceks&migration=false&sort=fit&order=desc');
  });
});
