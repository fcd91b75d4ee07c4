import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';

const migrationsDir = resolvePackagePath(
  '@orchestration/plugin-orchestration-backend',
  'migrations',
);

async function migrateUpOnce(knex: Knex) {
  await knex.migrate.up({ directory: migrationsDir });
}

async function migrateDownOnce(knex: Knex) {
  await knex.migrate.down({ directory: migrationsDir });
}

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'applies and reverts each migration on seeded rows, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      // 20261101000000_init
      await migrateUpOnce(knex);
      const [snapshot] = await knex('orchestration_snapshots')
        .insert({
          started_at: '2026-11-28T00:00:00.000Z',
          completed_at: '2026-11-28T00:00:01.000Z',
          status: 'complete',
          entity_count: 1,
        })
        .returning('id');
      const snapshotId = Number(
        typeof snapshot === 'object' ? snapshot.id : snapshot,
      );
      await knex('orchestration_assessments').insert({
        entity_ref: 'component:default/a',
        kind: 'component',
        namespace: 'default',
        name: 'a',
        recommendation_status: 'recommended',
        confidence: 'high',
        recommended_platform: 'ecs-fargate',
        fit: 80,
        is_migration: false,
        obligation_rank: 0,
        warning_count: 0,
        validation_error_count: 0,
        assessed_at: '2026-11-28T00:00:00.000Z',
        search_text: 'a',
        fingerprint: 'f',
        snapshot_id: snapshotId,
        assessment: '{}',
      });
      await knex('orchestration_history').insert({
        entity_ref: 'component:default/a',
        recorded_at: '2026-11-28T00:00:00.000Z',
        confidence: 'high',
        obligation_statuses: '{}',
        changes: '[]',
        fingerprint: 'f',
      });
      await knex('orchestration_clusters').insert({
        entity_ref: 'resource:default/c',
        name: 'c',
        snapshot_id: snapshotId,
        assessment: '{}',
      });

      // 20261102000000_reviews
      await migrateUpOnce(knex);
      await knex('orchestration_reviews').insert({
        id: '00000000-0000-4000-8000-000000000001',
        entity_ref: 'component:default/a',
        decision_kind: 'accept',
        decision: '{"kind":"accept"}',
        reviewer: 'user:default/guest',
        created_at: '2026-11-28T00:00:00.000Z',
      });
      expect(await knex('orchestration_reviews').pluck('reviewer')).toEqual([
        'user:default/guest',
      ]);
      await knex('orchestration_reviews').insert({
        id: '00000000-0000-4000-8000-000000000002',
        entity_ref: 'component:default/a',
        decision_kind: 'exempt',
        decision:
          '{"kind":"exempt","justification":"Vendor appliance","expiresOn":"2027-01-31"}',
        reviewer: 'user:default/guest',
        created_at: '2026-11-28T00:00:01.000Z',
      });

      // 20261103000000_summary_costs: rows already stored have no costs,
      // effort or deciding inputs until the next refresh writes them.
      await migrateUpOnce(knex);
      expect(
        await knex('orchestration_assessments')
          .select(
            'recommended_monthly_usd',
            'current_monthly_usd',
            'migration_effort',
            'deciding_inputs',
          )
          .where({ entity_ref: 'component:default/a' }),
      ).toEqual([
        {
          recommended_monthly_usd: null,
          current_monthly_usd: null,
          migration_effort: null,
          deciding_inputs: null,
        },
      ]);
      await knex('orchestration_assessments').insert({
        entity_ref: 'component:default/b',
        kind: 'component',
        namespace: 'default',
        name: 'b',
        recommendation_status: 'recommended',
        confidence: 'low',
        recommended_platform: 'ecs-fargate',
        current_platform: 'self-managed-kubernetes',
        fit: 70,
        is_migration: true,
        obligation_rank: 0,
        warning_count: 0,
        validation_error_count: 0,
        assessed_at: '2026-11-28T00:00:00.000Z',
        search_text: 'b',
        fingerprint: 'f',
        snapshot_id: snapshotId,
        assessment: '{}',
        recommended_monthly_usd: 72.08,
        current_monthly_usd: 1210.25,
        migration_effort: 'medium',
        deciding_inputs:
          '[{"key":"orchestration.io/portability","value":"multi-cloud","wouldRecommend":"eks"}]',
      });
      const costs = await knex('orchestration_assessments')
        .select('recommended_monthly_usd', 'current_monthly_usd')
        .where({ entity_ref: 'component:default/b' });
      expect(
        costs.map(r =>
          [r.recommended_monthly_usd, r.current_monthly_usd].map(Number),
        ),
      ).toEqual([[72.08, 1210.25]]);
      expect(
        await knex('orchestration_assessments')
          .orderBy('recommended_monthly_usd', 'desc')
          .whereNotNull('recommended_monthly_usd')
          .pluck('migration_effort'),
      ).toEqual(['medium']);

      // 20261104000000_review_keys: stored reviews have no key; stored
      // exemptions get their expiry day from the decision.
      const reviewColumns = () =>
        knex('orchestration_reviews')
          .select('id', 'idempotency_key', 'expires_on')
          .orderBy('seq');
      await migrateUpOnce(knex);
      expect(await reviewColumns()).toEqual([
        {
          id: '00000000-0000-4000-8000-000000000001',
          idempotency_key: null,
          expires_on: null,
        },
        {
          id: '00000000-0000-4000-8000-000000000002',
          idempotency_key: null,
          expires_on: '2027-01-31',
        },
      ]);
      const review = (n: number, entityRef: string, key?: string | null) => ({
        id: `00000000-0000-4000-8000-00000000010${n}`,
        entity_ref: entityRef,
        decision_kind: 'accept',
        decision: '{"kind":"accept"}',
        reviewer: 'user:default/guest',
        created_at: '2026-11-28T00:00:02.000Z',
        ...(key === undefined ? {} : { idempotency_key: key }),
      });
      // A key is unique per entity; other entities and rows without a key
      // are free.
      await knex('orchestration_reviews').insert([
        review(1, 'component:default/a', 'retry-1'),
        review(2, 'component:default/b', 'retry-1'),
        review(3, 'component:default/a', null),
        review(4, 'component:default/a', null),
      ]);
      const again = await knex('orchestration_reviews')
        .insert(review(5, 'component:default/a', 'retry-1'))
        .then(
          () => 'inserted',
          (error: Error) => String(error?.message),
        );
      expect(again).toMatch(/unique|duplicate/i);
      // Down: both columns and the index go, every review stays.
      await migrateDownOnce(knex);
      for (const column of ['idempotency_key', 'expires_on']) {
        expect(
          await knex.schema.hasColumn('orchestration_reviews', column),
        ).toBe(false);
      }
      expect(
        await knex('orchestration_reviews')
          .orderBy('seq')
          .select('id', 'entity_ref', 'decision_kind'),
      ).toEqual([
        {
          id: '00000000-0000-4000-8000-000000000001',
          entity_ref: 'component:default/a',
          decision_kind: 'accept',
        },
        {
          id: '00000000-0000-4000-8000-000000000002',
          entity_ref: 'component:default/a',
          decision_kind: 'exempt',
        },
        ...[1, 2, 3, 4].map(n => ({
          id: `00000000-0000-4000-8000-00000000010${n}`,
          entity_ref: n === 2 ? 'component:default/b' : 'component:default/a',
          decision_kind: 'accept',
        })),
      ]);
      // The unique id and the entity index still hold.
      const sameId = await knex('orchestration_reviews')
        .insert(review(1, 'component:default/a'))
        .then(
          () => 'inserted',
          (error: Error) => String(error?.message),
        );
      expect(sameId).toMatch(/unique|duplicate/i);
      // And up again on the rows kept, then back to the summary costs.
      await migrateUpOnce(knex);
      expect(
        await knex('orchestration_reviews')
          .whereNotNull('expires_on')
          .pluck('id'),
      ).toEqual(['00000000-0000-4000-8000-000000000002']);
      expect(
        await knex('orchestration_reviews')
          .whereNotNull('idempotency_key')
          .count({ n: '*' })
          .then(([{ n }]) => Number(n)),
      ).toBe(0);
      await migrateDownOnce(knex);

      // Down: the four columns go, every row and the other columns stay.
      await migrateDownOnce(knex);
      for (const column of [
        'recommended_monthly_usd',
        'current_monthly_usd',
        'migration_effort',
        'deciding_inputs',
      ]) {
        expect(
          await knex.schema.hasColumn('orchestration_assessments', column),
        ).toBe(false);
      }
      expect(
        await knex('orchestration_assessments')
          .select('entity_ref', 'confidence', 'fit', 'snapshot_id')
          .orderBy('entity_ref'),
      ).toEqual([
        {
          entity_ref: 'component:default/a',
          confidence: 'high',
          fit: 80,
          snapshot_id: snapshotId,
        },
        {
          entity_ref: 'component:default/b',
          confidence: 'low',
          fit: 70,
          snapshot_id: snapshotId,
        },
      ]);
      // The primary key still holds.
      const duplicate = await knex('orchestration_assessments')
        .insert({
          entity_ref: 'component:default/a',
          kind: 'component',
          namespace: 'default',
          name: 'a',
          recommendation_status: 'recommended',
          confidence: 'high',
          assessed_at: '2026-11-28T00:00:00.000Z',
          search_text: 'a',
          fingerprint: 'f',
          snapshot_id: snapshotId,
          assessment: '{}',
        })
        .then(
          () => 'inserted',
          (error: Error) => String(error?.message),
        );
      expect(duplicate).toMatch(/unique|duplicate/i);
      // And up again, on the rows kept.
      await migrateUpOnce(knex);
      expect(
        await knex('orchestration_assessments')
          .whereNull('deciding_inputs')
          .count({ n: '*' })
          .then(([{ n }]) => Number(n)),
      ).toBe(2);
      await migrateDownOnce(knex);

      // Down again: the reviews table goes, earlier rows stay.
      await migrateDownOnce(knex);
      expect(await knex.schema.hasTable('orchestration_reviews')).toBe(false);
      expect(
        await knex('orchestration_assessments')
          .orderBy('entity_ref')
          .pluck('entity_ref'),
      ).toEqual(['component:default/a', 'component:default/b']);
      expect(await knex('orchestration_history').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);

      await migrateDownOnce(knex);
      for (const table of [
        'orchestration_snapshots',
        'orchestration_assessments',
        'orchestration_clusters',
        'orchestration_history',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }

      // And up to the latest once more.
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('orchestration_reviews')).toBe(true);
      // 20261106000000_cluster_fact_reports, tested up and down with its
      // table in clusterFactReportStore.test.ts.
      expect(
        await knex.schema.hasTable('orchestration_cluster_fact_reports'),
      ).toBe(true);
      expect(
        await knex.schema.hasColumn('orchestration_reviews', 'idempotency_key'),
      ).toBe(true);
      expect(
        await knex.schema.hasColumn(
          'orchestration_assessments',
          'deciding_inputs',
        ),
      ).toBe(true);
      await knex.destroy();
    },
  );
});
