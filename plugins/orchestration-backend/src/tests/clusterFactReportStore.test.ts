import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { StoredClusterFactsReport } from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  CLUSTER_FACT_REPORTS_TABLE,
  ClusterFactReportTable,
} from '../services/Store/tables/ClusterFactReportTable';

const migrationsDir = resolvePackagePath(
  '@orchestration/plugin-orchestration-backend',
  'migrations',
);
const MIGRATION = '20261106000000_cluster_fact_reports.js';

jest.setTimeout(60_000);

const KOPS = 'resource:default/prod-kops';
const EKS = 'resource:default/prod-eks';
const BACKUP = 'orchestration.io/etcd-last-backup';
const VERSION = 'orchestration.io/kubernetes-version';
const HOUR = 3_600_000;
const NOW = new Date('2026-11-28T12:00:00.000Z');

let serial = 0;
function report(
  clusterRef: string,
  observedAt: string,
  facts: StoredClusterFactsReport['facts'],
  source = 'etcd-backup',
): StoredClusterFactsReport {
  serial += 1;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    clusterRef,
    source,
    observedAt,
    receivedAt: NOW.toISOString(),
    reportedBy: 'external:orchestration-cluster-facts',
    facts,
  };
}

const hoursAgo = (hours: number) =>
  new Date(NOW.getTime() - hours * HOUR).toISOString();

describe('cluster fact reports', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let table: ClusterFactReportTable;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      table = new ClusterFactReportTable(knex);
    });
    beforeEach(async () => {
      await knex(CLUSTER_FACT_REPORTS_TABLE).delete();
    });

    it('migrates up and down, keeping the tables before it', async () => {
      await knex(CLUSTER_FACT_REPORTS_TABLE).insert({
        report_id: '00000000-0000-4000-8000-000000000001',
        cluster_ref: KOPS,
        fact_key: BACKUP,
        value: '2026-11-28T11:00:00.000Z',
        source: 'etcd-backup',
        observed_at: '2026-11-28T11:00:00.000Z',
        received_at: '2026-11-28T11:00:01.000Z',
        reported_by: 'user:default/guest',
      });
      await knex.migrate.down({ directory: migrationsDir, name: MIGRATION });
      expect(await knex.schema.hasTable(CLUSTER_FACT_REPORTS_TABLE)).toBe(
        false,
      );
      for (const other of [
        'orchestration_clusters',
        'orchestration_reviews',
        'orchestration_snapshots',
      ]) {
        expect(await knex.schema.hasTable(other)).toBe(true);
      }
      await knex.migrate.up({ directory: migrationsDir, name: MIGRATION });
      expect(await knex(CLUSTER_FACT_REPORTS_TABLE).count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
      expect(
        Number((await knex(CLUSTER_FACT_REPORTS_TABLE).count({ n: '*' }))[0].n),
      ).toBe(0);
      // Values as long as an annotation may be are stored whole.
      const long = 'x'.repeat(4096);
      await knex(CLUSTER_FACT_REPORTS_TABLE).insert({
        report_id: '00000000-0000-4000-8000-000000000002',
        cluster_ref: KOPS,
        fact_key: 'orchestration.io/control-plane-monitoring',
        value: long,
        source: 's'.repeat(100),
        observed_at: '2026-11-28T11:00:00.000Z',
        received_at: '2026-11-28T11:00:01.000Z',
        reported_by: `user:default/${'u'.repeat(200)}`,
      });
      expect(await knex(CLUSTER_FACT_REPORTS_TABLE).pluck('value')).toEqual([
        long,
      ]);
    });

    it('gives the newest observation of each fact, whatever the order it arrived in', async () => {
      await table.insert(
        report(KOPS, hoursAgo(2), {
          [BACKUP]: hoursAgo(2),
          [VERSION]: '1.31.4',
        }),
      );
      await table.insert(report(KOPS, hoursAgo(1), { [BACKUP]: hoursAgo(1) }));
      // Arrives last, observed earlier: history only.
      await table.insert(report(KOPS, hoursAgo(5), { [BACKUP]: hoursAgo(5) }));
      await table.insert(
        report(EKS, hoursAgo(3), { [VERSION]: '1.30.1' }, 'collector'),
      );

      const latest = await table.latest([KOPS, EKS, 'resource:default/none']);
      expect([...latest.keys()].sort()).toEqual([EKS, KOPS]);
      expect(latest.get(KOPS)).toEqual([
        {
          source: 'etcd-backup',
          observedAt: hoursAgo(2),
          facts: { [VERSION]: '1.31.4' },
        },
        {
          source: 'etcd-backup',
          observedAt: hoursAgo(1),
          facts: { [BACKUP]: hoursAgo(1) },
        },
      ]);
      expect(latest.get(EKS)).toEqual([
        {
          source: 'collector',
          observedAt: hoursAgo(3),
          facts: { [VERSION]: '1.30.1' },
        },
      ]);
    });

    it('breaks a tie of observation times by the report stored last', async () => {
      await table.insert(report(KOPS, hoursAgo(1), { [VERSION]: '1.31.3' }));
      await table.insert(report(KOPS, hoursAgo(1), { [VERSION]: '1.31.4' }));
      expect((await table.latest([KOPS])).get(KOPS)).toEqual([
        expect.objectContaining({ facts: { [VERSION]: '1.31.4' } }),
      ]);
    });

    it.each([
      // [reports per fact kept, max age in hours, backups kept (hours ago), versions kept]
      [3, 1000, [1, 2, 3], [10]],
      [1, 1000, [1], [10]],
      [100, 4, [1, 2, 3, 4], [10]],
      // The newest of each fact stays, however old.
      [100, 0.5, [1], [10]],
      [2, 2.5, [1, 2], [10]],
    ])(
      'keeps %p reports per fact and none older than %p hours but the newest',
      async (maxReportsPerFact, maxAgeHours, backups, versions) => {
        for (const hours of [6, 5, 4, 3, 2, 1]) {
          await table.insert(
            report(KOPS, hoursAgo(hours), { [BACKUP]: hoursAgo(hours) }),
          );
        }
        await table.insert(report(KOPS, hoursAgo(10), { [VERSION]: '1.31.4' }));
        await table.insert(report(EKS, hoursAgo(9), { [BACKUP]: hoursAgo(9) }));
        await table.insert(report(EKS, hoursAgo(8), { [BACKUP]: hoursAgo(8) }));

        const retention = { maxReportsPerFact, maxAgeMs: maxAgeHours * HOUR };
        const removed = await table.prune(retention, {
          now: NOW,
          clusterRef: KOPS,
        });
        expect(removed).toBe(6 - backups.length);
        const kept = async (clusterRef: string, key: string) =>
          knex(CLUSTER_FACT_REPORTS_TABLE)
            .where({ cluster_ref: clusterRef, fact_key: key })
            .orderBy('observed_at', 'desc')
            .pluck('observed_at');
        expect(await kept(KOPS, BACKUP)).toEqual(backups.map(hoursAgo));
        expect(await kept(KOPS, VERSION)).toEqual(versions.map(hoursAgo));
        // Another cluster is left alone when one is named...
        expect(await kept(EKS, BACKUP)).toEqual([hoursAgo(8), hoursAgo(9)]);
        // ...and pruned too when none is.
        await table.prune(
          { maxReportsPerFact: 1, maxAgeMs: HOUR },
          { now: NOW },
        );
        expect(await kept(EKS, BACKUP)).toEqual([hoursAgo(8)]);
        expect(await table.countByFact(KOPS)).toEqual({
          [BACKUP]: 1,
          [VERSION]: 1,
        });
      },
    );
  });
});
