import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import request from 'supertest';
import { catalogEntities, PLATFORM_USER } from '../__fixtures__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  serviceHeader,
  startOrchestration,
  userHeader,
} from '../__testUtils__/testBackend';
import { CLUSTER_FACT_REPORTS_TABLE } from '../services/Store/tables/ClusterFactReportTable';

jest.setTimeout(120_000);

const base = '/api/orchestration';
const EXPORT = `${base}/v1/clusters/export`;
const KOPS = 'resource:default/prod-kops';
const HOSTILE = 'resource:default/hostile';
const BACKUP = 'orchestration.io/etcd-last-backup';
const HOUR = 3_600_000;

const HEADER =
  'clusterRef,clusterTitle,factKey,value,provenance,source,observedAt,ageSeconds,maxAgeSeconds,stale,used,declaredValue,obligations';

/** A cluster whose title and monitoring annotation would be formulas in a spreadsheet. */
const hostile: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'hostile',
    namespace: 'default',
    title: '=HYPERLINK("http://evil.example","x"),y',
    annotations: {
      'orchestration.io/control-plane': 'self-managed',
      'orchestration.io/control-plane-monitoring': '@SUM(1,2), "etcd-disk"',
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:platform' },
};

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** Parses CSV with quoted cells (RFC 4180) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('GET /v1/clusters/export', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let backend: Awaited<ReturnType<typeof startOrchestration>>;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      backend = await startOrchestration({
        knex,
        entities: [...catalogEntities, hostile],
      });
      const refreshed = await request(backend.server)
        .post(`${base}/v1/snapshot/refresh?wait=true`)
        .set('Authorization', serviceHeader());
      if (refreshed.status !== 202) {
        throw new Error(`The snapshot refresh answered ${refreshed.status}`);
      }
    });
    afterAll(async () => {
      await backend.stop();
    });
    beforeEach(async () => {
      await knex(CLUSTER_FACT_REPORTS_TABLE).delete();
    });

    const report = (observedAt: string) =>
      request(backend.server)
        .post(`${base}/v1/clusters/default/prod-kops/facts`)
        .set('Authorization', userHeader(PLATFORM_USER))
        .send({
          source: 'etcd-backup',
          observedAt,
          facts: { 'etcd-last-backup': observedAt },
        });
    const exported = async () => {
      const res = await request(backend.server)
        .get(EXPORT)
        .set('Authorization', userHeader(PLATFORM_USER));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="orchestration-cluster-facts.csv"',
      );
      const [header, ...rows] = parseCsv(res.text);
      expect(header.join(',')).toBe(HEADER);
      const records = rows.map(cells =>
        Object.fromEntries(header.map((h, i) => [h, cells[i]])),
      );
      return { text: res.text, records };
    };
    const factRow = (
      records: Record<string, string>[],
      clusterRef: string,
      key: string,
    ) => records.filter(r => r.clusterRef === clusterRef && r.factKey === key);

    it('answers 401 without a token', async () => {
      const res = await request(backend.server)
        .get(EXPORT)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });

    it('has a row per declared fact, by cluster ref', async () => {
      const { records } = await exported();
      const refs = records.map(r => r.clusterRef);
      expect(refs).toEqual([...refs].sort());
      expect(factRow(records, KOPS, 'orchestration.io/cni')).toEqual([
        {
          clusterRef: KOPS,
          clusterTitle: '',
          factKey: 'orchestration.io/cni',
          value: 'calico',
          provenance: 'declared',
          source: '',
          observedAt: '',
          ageSeconds: '',
          maxAgeSeconds: '',
          stale: 'false',
          used: 'true',
          declaredValue: '',
          obligations: 'cni-ip-capacity',
        },
      ]);
    });

    it('has a reported fact with its source, age and freshness limit', async () => {
      const observedAt = ago(2 * 60_000);
      expect((await report(observedAt)).status).toBe(202);
      const { records } = await exported();
      const [row] = factRow(records, KOPS, BACKUP);
      expect(row).toMatchObject({
        value: observedAt,
        provenance: 'reported',
        source: 'etcd-backup',
        observedAt,
        maxAgeSeconds: '86400',
        stale: 'false',
        used: 'true',
        declaredValue: '2026-11-27T23:50:00Z',
        obligations: 'etcd-backups',
      });
      expect(Number(row.ageSeconds)).toBeGreaterThanOrEqual(120);
      expect(Number(row.ageSeconds)).toBeLessThan(180);
    });

    it('marks a report past its freshness limit stale and unused', async () => {
      const observedAt = ago(30 * HOUR);
      expect((await report(observedAt)).status).toBe(202);
      const { records } = await exported();
      const [row] = factRow(records, KOPS, BACKUP);
      expect(row).toMatchObject({
        provenance: 'reported',
        observedAt,
        maxAgeSeconds: '86400',
        stale: 'true',
        used: 'false',
      });
      expect(Number(row.ageSeconds)).toBeGreaterThanOrEqual(30 * 3600);
    });

    it('escapes hostile values and keeps spreadsheets from reading formulas', async () => {
      const { text, records } = await exported();
      const rows = records.filter(r => r.clusterRef === HOSTILE);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.clusterTitle).toBe(
          `'=HYPERLINK("http://evil.example","x"),y`,
        );
      }
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x""),y"`);
      const [monitoring] = factRow(
        records,
        HOSTILE,
        'orchestration.io/control-plane-monitoring',
      );
      expect(monitoring.value).toBe(`'@SUM(1,2), "etcd-disk"`);
      expect(text).toContain(`"'@SUM(1,2), ""etcd-disk"""`);
      expect(text).not.toMatch(/(^|,)[=+\-@]/m);
    });
  });
});
