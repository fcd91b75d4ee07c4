import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ClusterAssessment,
  ClusterFactsReportResponse,
} from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';
import request from 'supertest';
import {
  catalogEntities,
  OTHER_USER,
  PLATFORM_USER,
} from '../__fixtures__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  serviceHeader,
  startOrchestration,
  userHeader,
} from '../__testUtils__/testBackend';
import { CLUSTER_FACT_REPORTS_TABLE } from '../services/Store/tables/ClusterFactReportTable';

jest.setTimeout(120_000);

const base = '/api/orchestration';
const FACTS = `${base}/v1/clusters/default/prod-kops/facts`;
const KOPS = 'resource:default/prod-kops';
const BACKUP = 'orchestration.io/etcd-last-backup';
const HOUR = 3_600_000;

const database: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'orders-db', namespace: 'default' },
  spec: { type: 'database', owner: 'group:default/platform' },
};

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

function backupReport(observedAt = ago(60_000), source = 'etcd-backup') {
  return {
    source,
    observedAt,
    facts: { 'etcd-last-backup': observedAt },
  };
}

function etcdOf(assessment: ClusterAssessment | null | undefined) {
  return assessment?.obligations.find(o => o.id === 'etcd-backups');
}

function factOf(assessment: ClusterAssessment | null | undefined, key: string) {
  return assessment?.facts?.find(f => f.key === key);
}

/** Everyone reads; platform users report; a service may only report. */
function reportingPermissions() {
  return mockServices.permissions.mock({
    authorize: async (requests: any[], options: any) => {
      const principal = options.credentials?.principal;
      return requests.map(({ permission }) => {
        if (principal?.type === 'service') {
          return {
            result:
              permission.name === 'orchestration.cluster.facts.report'
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          };
        }
        return {
          result:
            permission.name === 'orchestration.assessment.read' ||
            principal?.userEntityRef === PLATFORM_USER
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        };
      }) as any;
    },
    authorizeConditional: async (requests: any[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any,
  });
}

describe('POST /v1/clusters/{namespace}/{name}/facts', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let backend: Awaited<ReturnType<typeof startOrchestration>>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startOrchestration({
        knex,
        entities: [...catalogEntities, database],
        config: { clusterFacts: { retention: { maxReportsPerFact: 3 } } },
        features: [reportingPermissions().factory],
      });
    });
    afterAll(async () => {
      await backend.stop();
    });
    beforeEach(async () => {
      await knex(CLUSTER_FACT_REPORTS_TABLE).delete();
    });

    const post = (
      body: unknown,
      options: { user?: string; path?: string; raw?: string } = {},
    ) => {
      const req = request(backend.server)
        .post(options.path ?? FACTS)
        .set('Authorization', userHeader(options.user ?? PLATFORM_USER));
      if (options.raw !== undefined) {
        return req.set('Content-Type', 'application/json').send(options.raw);
      }
      return req.send(body as object);
    };
    const get = (path: string) =>
      request(backend.server)
        .get(`${base}${path}`)
        .set('Authorization', userHeader(PLATFORM_USER));
    const refresh = () =>
      request(backend.server)
        .post(`${base}/v1/snapshot/refresh?wait=true`)
        .set('Authorization', serviceHeader());
    const stored = () => knex(CLUSTER_FACT_REPORTS_TABLE).count({ n: '*' });
    const storedCount = async () => Number((await stored())[0].n);

    describe('who may report', () => {
      it.each([
        ['without credentials', mockCredentials.none.header()],
        ['with a token that is not one', 'Bearer not-a-token'],
      ])('answers 401 %s', async (_, authorization) => {
        const res = await request(backend.server)
          .post(FACTS)
          .set('Authorization', authorization)
          .send(backupReport());
        expect(res.status).toBe(401);
        expect(await storedCount()).toBe(0);
      });

      it('answers 403 to a user outside the platform teams', async () => {
        const res = await post(backupReport(), { user: OTHER_USER });
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          'You are not allowed to report facts about resource:default/prod-kops; reporting needs the orchestration.cluster.facts.report permission (granted to platform-team members, or to a token whose accessRestrictions list it)',
        );
        expect(await storedCount()).toBe(0);
      });

      it('takes a report from a service that may only report, without showing it the assessment', async () => {
        const res = await request(backend.server)
          .post(FACTS)
          .set(
            'Authorization',
            mockCredentials.service.header({
              onBehalfOf: mockCredentials.service('external:cluster-facts'),
              targetPluginId: 'orchestration',
            }),
          )
          .send(backupReport());
        expect(res.status).toBe(202);
        const body = res.body as ClusterFactsReportResponse;
        expect(body.report.reportedBy).toBe('external:cluster-facts');
        expect(body.assessment).toBeNull();
        expect(body.obligationStatus).toBeNull();
        expect(await storedCount()).toBe(1);
      });
    });

    it.each([
      [
        'an unknown cluster',
        `${base}/v1/clusters/default/ghost/facts`,
        'No kubernetes-cluster Resource resource:default/ghost in the catalog; report facts about a Resource with spec.type kubernetes-cluster that the catalog has',
      ],
      [
        'a Resource that is not a cluster',
        `${base}/v1/clusters/default/orders-db/facts`,
        'resource:default/orders-db is not a kubernetes-cluster Resource (its spec.type is "database"); facts are reported about Resources with spec.type kubernetes-cluster',
      ],
    ])('answers 404 for %s', async (_, path, message) => {
      const res = await post(backupReport(), { path });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(message);
      expect(await storedCount()).toBe(0);
    });

    describe('refuses bad reports with a 400 naming each problem', () => {
      const now = () => new Date().toISOString();
      it.each<[string, () => unknown, RegExp]>([
        [
          'no source',
          () => ({ observedAt: now(), facts: { cni: 'calico' } }),
          /^Invalid cluster facts report: source: source is required/,
        ],
        [
          'a source with spaces',
          () => ({
            source: 'my job',
            observedAt: now(),
            facts: { cni: 'calico' },
          }),
          /source: source must start with a letter or digit and hold only letters, digits/,
        ],
        [
          'a date without a time',
          () => ({
            source: 'job',
            observedAt: '2026-11-28',
            facts: { cni: 'calico' },
          }),
          /observedAt: observedAt must be an ISO-8601 timestamp with a time zone/,
        ],
        [
          'an observation in the future',
          () => ({
            source: 'job',
            observedAt: new Date(Date.now() + 2 * HOUR).toISOString(),
            facts: { cni: 'calico' },
          }),
          /observedAt: observedAt is 1\d\d minutes after the time the report arrived .* check the reporter's clock/,
        ],
        [
          'no facts',
          () => ({ source: 'job', observedAt: now(), facts: {} }),
          /facts: names no fact; report at least one/,
        ],
        [
          'a key that is not a cluster annotation',
          () => ({
            source: 'job',
            observedAt: now(),
            facts: { 'example.com/x': '1' },
          }),
          /facts\.example\.com\/x: not a cluster annotation key/,
        ],
        [
          'the control plane',
          () => ({
            source: 'job',
            observedAt: now(),
            facts: { 'control-plane': 'eks' },
          }),
          /orchestration\.io\/control-plane is declared in catalog-info\.yaml and cannot be reported/,
        ],
        [
          'two problems at once',
          () => ({
            source: 'job',
            observedAt: 'yesterday',
            facts: { 'kubernetes-version': '1.3x', 'pod-ip-capacity': 'lots' },
          }),
          /observedAt: .*; facts\.kubernetes-version: .*; facts\.pod-ip-capacity: /,
        ],
        [
          'values of the wrong type',
          () => ({
            source: 7,
            observedAt: 1_700_000_000,
            facts: { cni: { name: 'calico' }, 'etcd-members': null },
          }),
          /^Invalid cluster facts report: source: .*; observedAt: .*; facts\.etcd-members: .* has no value.*; facts\.cni: .* is a map, not text/,
        ],
        [
          'facts as a list',
          () => ({ source: 'job', observedAt: now(), facts: ['cni=calico'] }),
          /facts: facts is required: a map of cluster annotation keys to values/,
        ],
        [
          'more facts than there are keys',
          () => ({
            source: 'job',
            observedAt: now(),
            facts: Object.fromEntries(
              Array.from({ length: 13 }, (_, i) => [`key-${i}`, 'x']),
            ),
          }),
          /facts: has 13 entries; a report names at most 12 facts/,
        ],
        [
          'an unknown field',
          () => ({ ...backupReport(), reporter: 'me' }),
          /reporter/,
        ],
      ])('%s', async (_, makeBody, message) => {
        const res = await post(makeBody());
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
        expect(await storedCount()).toBe(0);
      });

      it.each<[string, string, number, RegExp]>([
        [
          'a key given twice',
          `{"source":"a","source":"b","observedAt":"${new Date().toISOString()}","facts":{"cni":"calico"}}`,
          400,
          /The request body has the key "source" more than once; send each key once/,
        ],
        [
          'a control character',
          `{"source":"job\\u0000","observedAt":"${new Date().toISOString()}","facts":{"cni":"calico"}}`,
          400,
          /control character/i,
        ],
        ['JSON that does not parse', '{"source":', 400, /not valid JSON/],
        [
          'a body over 64 kB',
          JSON.stringify({ ...backupReport(), pad: 'x'.repeat(70_000) }),
          413,
          /larger than the 64 kB allowed for a cluster facts report/,
        ],
      ])('%s', async (_, raw, status, message) => {
        const res = await post(undefined, { raw });
        expect(res.status).toBe(status);
        expect(res.body.error.message).toMatch(message);
        expect(await storedCount()).toBe(0);
      });

      it('answers 415 to a body that is not JSON', async () => {
        const res = await request(backend.server)
          .post(FACTS)
          .set('Authorization', userHeader(PLATFORM_USER))
          .set('Content-Type', 'text/plain')
          .send('etcd-last-backup=now');
        expect(res.status).toBe(415);
        expect(await storedCount()).toBe(0);
      });
    });

    it('stores a report and answers with the cluster assessed with it', async () => {
      const observedAt = ago(60_000);
      const res = await post({
        source: 'etcd-backup',
        observedAt,
        facts: { 'orchestration.io/etcd-last-backup': ` ${observedAt} ` },
      });
      expect(res.status).toBe(202);
      const body = res.body as ClusterFactsReportResponse;
      expect(body.report).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        clusterRef: KOPS,
        source: 'etcd-backup',
        observedAt,
        receivedAt: expect.any(String),
        reportedBy: PLATFORM_USER,
        facts: { [BACKUP]: observedAt },
      });
      expect(body.pruned).toBe(0);
      expect(body.warnings).toEqual([]);
      expect(etcdOf(body.assessment)?.status).toBe('ok');
      expect(factOf(body.assessment, BACKUP)).toEqual({
        key: BACKUP,
        value: observedAt,
        declaredValue: '2026-11-27T23:50:00Z',
        provenance: {
          kind: 'reported',
          source: 'etcd-backup',
          observedAt,
          ageSeconds: expect.any(Number),
          maxAgeSeconds: 86_400,
          stale: false,
        },
      });
      expect(
        await knex(CLUSTER_FACT_REPORTS_TABLE).select(
          'cluster_ref',
          'fact_key',
          'value',
          'source',
          'reported_by',
        ),
      ).toEqual([
        {
          cluster_ref: KOPS,
          fact_key: BACKUP,
          value: observedAt,
          source: 'etcd-backup',
          reported_by: PLATFORM_USER,
        },
      ]);
    });

    it('keeps at most the configured reports per cluster and fact', async () => {
      const pruned: number[] = [];
      for (const hours of [5, 4, 3, 2, 1]) {
        const res = await post(backupReport(ago(hours * HOUR)));
        expect(res.status).toBe(202);
        pruned.push(res.body.pruned);
      }
      expect(pruned).toEqual([0, 0, 0, 1, 1]);
      expect(
        await knex(CLUSTER_FACT_REPORTS_TABLE)
          .orderBy('observed_at', 'desc')
          .pluck('observed_at'),
      ).toHaveLength(3);
      // An older observation arriving late is history, and says so.
      const late = await post(backupReport(ago(10 * HOUR), 'backfill'));
      expect(late.status).toBe(202);
      expect(late.body.pruned).toBe(1);
      expect(late.body.warnings).toEqual([
        expect.stringMatching(
          /^orchestration\.io\/etcd-last-backup: a later observation \(.*, by etcd-backup\) speaks for the cluster; this one is kept in its history only$/,
        ),
      ]);
      expect(await storedCount()).toBe(3);
    });

    it('shows reported facts with their provenance wherever the cluster is assessed', async () => {
      expect((await refresh()).status).toBe(202);
      // A live assessment before the report: what it read of the cluster's
      // reports is not reused once this instance takes one.
      const before = await get(
        '/v1/entities/component/default/gpu-render/assessment',
      );
      expect(factOf(before.body.cluster, BACKUP)?.provenance.kind).not.toBe(
        'reported',
      );
      const observedAt = ago(2 * 60_000);
      expect((await post(backupReport(observedAt))).status).toBe(202);

      // Read at once, without a refresh.
      const list = await get('/v1/clusters');
      expect(list.status).toBe(200);
      const kops = list.body.items.find((c: any) => c.entityRef === KOPS);
      expect(factOf(kops.assessment, BACKUP)?.provenance).toMatchObject({
        kind: 'reported',
        source: 'etcd-backup',
        observedAt,
        stale: false,
      });
      expect(etcdOf(kops.assessment)?.status).toBe('ok');
      expect(
        factOf(kops.assessment, 'orchestration.io/kubernetes-version')
          ?.provenance,
      ).toEqual({ kind: 'declared' });

      const one = await get('/v1/clusters/default/prod-kops');
      expect(one.status).toBe(200);
      expect(factOf(one.body.assessment, BACKUP)?.provenance.kind).toBe(
        'reported',
      );
      expect(one.body.obligationStatus).toBe(kops.obligationStatus);

      // The live assessment of a service on the cluster.
      const live = await get(
        '/v1/entities/component/default/gpu-render/assessment',
      );
      expect(live.status).toBe(200);
      expect(factOf(live.body.cluster, BACKUP)?.provenance.kind).toBe(
        'reported',
      );
      const etcd = live.body.assessment.obligations.find(
        (o: any) => o.id === 'etcd-backups',
      );
      expect(etcd.status).toBe('ok');
      expect(
        etcd.evidence.find((e: any) => e.key === BACKUP)?.provenance,
      ).toMatchObject({ kind: 'reported', source: 'etcd-backup' });

      // And the snapshot, once refreshed: the cluster row and its services.
      expect((await refresh()).status).toBe(202);
      const served = (table: string, entityRef: string) =>
        knex(table)
          .join(
            'orchestration_snapshot_state',
            `${table}.snapshot_id`,
            'orchestration_snapshot_state.current_snapshot_id',
          )
          .where('entity_ref', entityRef)
          .first('assessment')
          .then(row => JSON.parse(row.assessment));
      const storedCluster = await served('orchestration_clusters', KOPS);
      expect(factOf(storedCluster, BACKUP)?.provenance).toMatchObject({
        kind: 'reported',
        observedAt,
      });
      expect(etcdOf(storedCluster)?.status).toBe('ok');
      const storedService = await served(
        'orchestration_assessments',
        'component:default/gpu-render',
      );
      const storedEtcd = storedService.obligations.find(
        (o: any) => o.id === 'etcd-backups',
      );
      expect(storedEtcd.status).toBe('ok');
      expect(
        storedEtcd.evidence.find((e: any) => e.key === BACKUP)?.provenance,
      ).toMatchObject({ kind: 'reported', source: 'etcd-backup', observedAt });
    });

    it('leaves a fact unknown once its report is stale, and says so when it arrives', async () => {
      expect((await refresh()).status).toBe(202);
      // etcd-last-backup is trusted for a day.
      const res = await post(backupReport(ago(30 * HOUR)));
      expect(res.status).toBe(202);
      expect(res.body.warnings).toEqual([
        'orchestration.io/etcd-last-backup: observed 30 h ago, past its freshness limit of 24 h (orchestration.clusterFacts.freshness): it is stored but not used, and the checks that need it stay unknown until a fresher report arrives',
      ]);
      for (const assessment of [
        res.body.assessment,
        (await get('/v1/clusters/default/prod-kops')).body.assessment,
      ]) {
        expect(factOf(assessment, BACKUP)).toMatchObject({
          value: expect.any(String),
          declaredValue: '2026-11-27T23:50:00Z',
          provenance: { kind: 'reported', stale: true, maxAgeSeconds: 86_400 },
        });
        expect(etcdOf(assessment)?.status).toBe('unknown');
        expect(assessment.warnings.map((w: any) => w.rule)).toContain(
          'CLUSTER-FACTS-STALE',
        );
      }
    });
  });
});
