import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';

const migrationsDir = resolvePackagePath(
  '@orchestration/plugin-orchestration-backend',
  'migrations',
);
const GENERATIONS = '20261105000000_snapshot_generations.js';

jest.setTimeout(60_000);

type Status = 'complete' | 'failed' | 'running';

/** Migrates up to the migration before snapshot generations. */
async function upToBefore(knex: Knex) {
  for (;;) {
    const [, pending] = (await knex.migrate.list({
      directory: migrationsDir,
    })) as [unknown, Array<{ file: string }>];
    if (pending.length === 0) throw new Error(`${GENERATIONS} not found`);
    if (pending[0].file === GENERATIONS) return;
    await knex.migrate.up({ directory: migrationsDir });
  }
}

async function addRun(knex: Knex, status: Status): Promise<number> {
  const [row] = await knex('orchestration_snapshots')
    .insert({
      started_at: '2026-11-28T00:00:00.000Z',
      completed_at: status === 'running' ? null : '2026-11-28T00:00:01.000Z',
      status,
      entity_count: 1,
    })
    .returning('id');
  return Number(typeof row === 'object' ? row.id : row);
}

function assessmentRow(name: string, snapshotId: number) {
  return {
    entity_ref: `component:default/${name}`,
    kind: 'component',
    namespace: 'default',
    name,
    recommendation_status: 'recommended',
    confidence: 'high',
    is_migration: false,
    obligation_rank: 0,
    warning_count: 0,
    validation_error_count: 0,
    assessed_at: '2026-11-28T00:00:00.000Z',
    search_text: name,
    fingerprint: 'f',
    snapshot_id: snapshotId,
    assessment: '{}',
  };
}

function clusterRow(name: string, snapshotId: number) {
  return {
    entity_ref: `resource:default/${name}`,
    name,
    snapshot_id: snapshotId,
    assessment: '{}',
  };
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'inserted',
    (error: Error) => String(error?.message),
  );

/** Names of the indexes of a table (the primary key's included on PostgreSQL). */
async function indexesOf(knex: Knex, table: string): Promise<string[]> {
  if (knex.client.config.client === 'pg') {
    const { rows } = await knex.raw(
      'select indexname from pg_indexes where tablename = ?',
      [table],
    );
    return rows.map((r: { indexname: string }) => r.indexname).sort();
  }
  const rows = await knex.raw(`pragma index_list(${table})`);
  return rows
    .filter((r: { origin: string }) => r.origin === 'c')
    .map((r: { name: string }) => r.name)
    .sort();
}

const rowsOf = (knex: Knex, table: string) =>
  knex(table)
    .select('entity_ref', 'snapshot_id')
    .orderBy(['entity_ref', 'snapshot_id'])
    .then(rows =>
      rows.map(r => [r.entity_ref, Number(r.snapshot_id)] as const),
    );

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'migration 20261105000000_snapshot_generations on %p',
  databaseId => {
    // Runs in order of id, the run (index) whose rows each Component has, and
    // which run's rows become the generation served.
    it.each<[string, Status[], Array<[string, number]>, number | null]>([
      [
        'a complete run, then a failed one that rewrote some rows',
        ['complete', 'failed', 'running'],
        [
          ['a', 0],
          ['b', 1],
        ],
        0,
      ],
      [
        'no complete run: the newest rows written',
        ['failed', 'failed'],
        [
          ['a', 0],
          ['b', 1],
        ],
        1,
      ],
      ['nothing stored yet', [], [], null],
    ])(
      '%s: up serves the stored rows as one generation, down keeps them',
      async (_name, statuses, stored, servedIndex) => {
        const knex = await databases.init(databaseId);
        await upToBefore(knex);
        const runs: number[] = [];
        for (const status of statuses) runs.push(await addRun(knex, status));
        for (const [name, run] of stored) {
          await knex('orchestration_assessments').insert(
            assessmentRow(name, runs[run]),
          );
          await knex('orchestration_clusters').insert(
            clusterRow(`cluster-${name}`, runs[run]),
          );
        }
        const served = servedIndex === null ? null : runs[servedIndex];
        const indexesBefore = await indexesOf(
          knex,
          'orchestration_assessments',
        );

        await knex.migrate.up({ directory: migrationsDir });
        expect(
          await knex('orchestration_snapshot_state').select(
            'id',
            'current_snapshot_id',
            'previous_snapshot_id',
            'refresh_run_id',
          ),
        ).toEqual([
          {
            id: 1,
            current_snapshot_id: served,
            previous_snapshot_id: null,
            refresh_run_id: null,
          },
        ]);
        // The indexes survive the new primary key; lists by name get one.
        expect(await indexesOf(knex, 'orchestration_assessments')).toEqual(
          [
            ...indexesBefore,
            'orchestration_assessments_generation_name_idx',
          ].sort(),
        );
        // Every stored row is in the generation served.
        expect(await rowsOf(knex, 'orchestration_assessments')).toEqual(
          stored.map(([name]) => [`component:default/${name}`, served]),
        );
        expect(await rowsOf(knex, 'orchestration_clusters')).toEqual(
          stored.map(([name]) => [`resource:default/cluster-${name}`, served]),
        );
        // Runs stored before have no coverage.
        expect(
          await knex('orchestration_snapshots')
            .whereNotNull('components')
            .orWhereNotNull('annotated')
            .count({ n: '*' })
            .then(([{ n }]) => Number(n)),
        ).toBe(0);

        // One row per entity and generation: a new generation may hold the
        // same entity, the same generation may not.
        const next = await addRun(knex, 'running');
        expect(
          await outcome(
            knex('orchestration_assessments').insert([
              assessmentRow('a', next),
              assessmentRow('new', next),
            ]),
          ),
        ).toBe('inserted');
        expect(
          await outcome(
            knex('orchestration_clusters').insert(
              clusterRow('cluster-a', next),
            ),
          ),
        ).toBe('inserted');
        expect(
          await outcome(
            knex('orchestration_assessments').insert(assessmentRow('a', next)),
          ),
        ).toMatch(/unique|duplicate/i);
        await knex('orchestration_snapshots')
          .where({ id: next })
          .update({ components: 5, annotated: 2 });

        // Down: the generation served stays, whole; the unpublished one goes
        // (or, with none served, the newest row of each entity stays).
        await knex.migrate.down({ directory: migrationsDir });
        expect(await knex.schema.hasTable('orchestration_snapshot_state')).toBe(
          false,
        );
        for (const column of ['components', 'annotated']) {
          expect(
            await knex.schema.hasColumn('orchestration_snapshots', column),
          ).toBe(false);
        }
        const kept =
          served === null
            ? [
                ['component:default/a', next],
                ['component:default/new', next],
              ]
            : stored.map(([name]) => [`component:default/${name}`, served]);
        expect(await rowsOf(knex, 'orchestration_assessments')).toEqual(kept);
        expect(
          (await rowsOf(knex, 'orchestration_clusters')).map(([ref]) => ref),
        ).toEqual(
          served === null
            ? ['resource:default/cluster-a']
            : stored.map(([name]) => `resource:default/cluster-${name}`),
        );
        expect(await indexesOf(knex, 'orchestration_assessments')).toEqual(
          indexesBefore,
        );
        // The entity ref alone is the key again.
        expect(
          await outcome(
            knex('orchestration_assessments').insert(
              assessmentRow(kept.length ? 'a' : 'x', 999),
            ),
          ),
        ).toMatch(kept.length ? /unique|duplicate/i : /inserted/);
        expect(
          await knex('orchestration_snapshots')
            .count({ n: '*' })
            .then(([{ n }]) => Number(n)),
        ).toBe(runs.length + 1);

        // And up again, to the latest.
        await knex.migrate.latest({ directory: migrationsDir });
        expect(
          await knex('orchestration_snapshot_state').pluck(
            'current_snapshot_id',
          ),
        ).toHaveLength(1);
        await knex.destroy();
      },
    );
  },
);
