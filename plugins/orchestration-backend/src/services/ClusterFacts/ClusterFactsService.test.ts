import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  ClusterAssessment,
  DEFAULT_ORCHESTRATION_OPTIONS,
} from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';
import { prodKops } from '../../__fixtures__/catalog';
import { ClusterFactReportTable } from '../Store/tables/ClusterFactReportTable';
import { ClusterFactsService } from './ClusterFactsService';

jest.setTimeout(60_000);

const KOPS = 'resource:default/prod-kops';
const BACKUP = 'orchestration.io/etcd-last-backup';
const NOW = new Date('2026-11-28T12:00:00.000Z');

/** What the snapshot stored for the cluster: a marker, to tell it from a new assessment. */
const storedSummary = () => ({
  entityRef: KOPS,
  assessment: {
    entityRef: KOPS,
    assessedAt: '2026-11-27T00:00:00.000Z',
  } as ClusterAssessment,
  obligationStatus: null,
});

describe('ClusterFactsService.assessNow', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({
      directory: resolvePackagePath(
        '@orchestration/plugin-orchestration-backend',
        'migrations',
      ),
    });
    await new ClusterFactReportTable(knex).insert({
      id: '00000000-0000-4000-8000-000000000001',
      clusterRef: KOPS,
      source: 'etcd-backup',
      observedAt: '2026-11-28T11:55:00.000Z',
      receivedAt: '2026-11-28T11:55:01.000Z',
      reportedBy: 'user:default/guest',
      facts: { [BACKUP]: '2026-11-28T11:55:00.000Z' },
    });
  });

  function service(getEntities: jest.Mock) {
    return new ClusterFactsService({
      knex,
      reader: { getEntities } as any,
      auth: mockServices.auth(),
      access: {} as any,
      logger: mockServices.logger.mock(),
      options: DEFAULT_ORCHESTRATION_OPTIONS,
      retention: { maxReportsPerFact: 10, maxAgeMs: 86_400_000 },
      now: () => NOW,
    });
  }

  it('assesses the clusters now, with the newest reports', async () => {
    const getEntities = jest.fn(async () => new Map([[KOPS, prodKops]]));
    const [item] = await service(getEntities).assessNow([storedSummary()]);
    expect(item.assessment.assessedAt).toBe(NOW.toISOString());
    expect(
      item.assessment.facts?.find(f => f.key === BACKUP)?.provenance,
    ).toEqual({
      kind: 'reported',
      source: 'etcd-backup',
      observedAt: '2026-11-28T11:55:00.000Z',
      ageSeconds: 300,
      maxAgeSeconds: 86_400,
      stale: false,
    });
    expect(item.obligationStatus).toEqual(expect.any(String));
  });

  it.each<[string, () => Promise<Map<string, unknown>>]>([
    [
      'the catalog cannot be read',
      async () => {
        throw new ServiceUnavailableError('The catalog did not answer');
      },
    ],
    ['the cluster is no longer in the catalog', async () => new Map()],
    [
      'the entity is no longer a cluster',
      async () =>
        new Map([[KOPS, { ...prodKops, spec: { type: 'database' } }]]),
    ],
  ])('keeps the stored assessment when %s', async (_, answer) => {
    const getEntities = jest.fn(answer);
    const clusters = service(getEntities);
    expect(await clusters.assessNow([storedSummary()])).toEqual([
      storedSummary(),
    ]);
    // The catalog is asked again only after 30 seconds.
    await clusters.assessNow([storedSummary()]);
    expect(getEntities).toHaveBeenCalledTimes(1);
  });

  it('reads a cluster from the catalog once for many reads', async () => {
    const getEntities = jest.fn(async () => new Map([[KOPS, prodKops]]));
    const clusters = service(getEntities);
    for (let i = 0; i < 5; i += 1) {
      await clusters.assessNow([storedSummary()]);
    }
    expect(getEntities).toHaveBeenCalledTimes(1);
  });
});

describe('ClusterFactsService.recentReportsFor', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('reuses what it read of a cluster for a second, then reads it again', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({
      directory: resolvePackagePath(
        '@orchestration/plugin-orchestration-backend',
        'migrations',
      ),
    });
    const reports = new ClusterFactReportTable(knex);
    const service = new ClusterFactsService({
      knex,
      reader: {} as any,
      auth: mockServices.auth(),
      access: {} as any,
      logger: mockServices.logger.mock(),
      options: DEFAULT_ORCHESTRATION_OPTIONS,
      retention: { maxReportsPerFact: 10, maxAgeMs: 86_400_000 },
    });
    const queries: string[] = [];
    knex.on('query', q => queries.push(q.sql));
    const clock = jest.spyOn(Date, 'now').mockReturnValue(NOW.getTime());
    try {
      expect(await service.recentReportsFor([KOPS])).toEqual(new Map());
      const read = queries.length;
      expect(read).toBeGreaterThan(0);

      // Reported through another replica: not seen within the second...
      await reports.insert({
        id: '00000000-0000-4000-8000-000000000002',
        clusterRef: KOPS,
        source: 'etcd-backup',
        observedAt: '2026-11-28T11:59:00.000Z',
        receivedAt: '2026-11-28T11:59:01.000Z',
        reportedBy: 'user:default/guest',
        facts: { [BACKUP]: '2026-11-28T11:59:00.000Z' },
      });
      queries.length = 0;
      clock.mockReturnValue(NOW.getTime() + 999);
      expect(await service.recentReportsFor([KOPS])).toEqual(new Map());
      expect(queries).toEqual([]);

      // ...and seen after it.
      clock.mockReturnValue(NOW.getTime() + 1_000);
      const after = await service.recentReportsFor([KOPS]);
      expect(after.get(KOPS)?.map(r => r.source)).toEqual(['etcd-backup']);
      expect(await service.reportsFor([KOPS])).toEqual(after);
    } finally {
      clock.mockRestore();
    }
  });
});
