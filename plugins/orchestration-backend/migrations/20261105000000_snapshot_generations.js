/*
 * Copyright 2026 The Orchestration Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

// @ts-check

/**
 * Snapshot generations. Each refresh writes its rows as a new generation,
 * named by the id of its run (`snapshot_id`), and the single row of
 * `orchestration_snapshot_state` names the generation served; a refresh
 * switches it in one update, so readers never see a generation half written
 * or half deleted. The same row holds the refresh lease, so one refresh runs
 * at a time across all instances. Runs count the Components of the catalog
 * and the annotated ones (coverage).
 *
 * The rows already stored become the generation served: the newest complete
 * run's, or the newest run's that wrote rows when none completed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('orchestration_snapshots', table => {
    table
      .integer('components')
      .nullable()
      .comment('Components in the catalog when the run read it');
    table
      .integer('annotated')
      .nullable()
      .comment('Of those, the Components with orchestration annotations');
  });

  await knex.schema.createTable('orchestration_snapshot_state', table => {
    table.comment(
      'One row (id 1): the generation served and the lease of the refresh running',
    );
    table.integer('id').primary();
    table
      .integer('current_snapshot_id')
      .nullable()
      .comment('The run whose rows are served; null before the first');
    table
      .integer('previous_snapshot_id')
      .nullable()
      .comment('The generation served before, kept for reads in flight');
    table
      .integer('refresh_run_id')
      .nullable()
      .comment('The run holding the refresh lease; null when none runs');
    table.string('refresh_owner', 255).nullable();
    table.string('refresh_started_at', 40).nullable();
    table
      .string('refresh_heartbeat_at', 40)
      .nullable()
      .comment('Renewed while the run is alive; a stale lease may be taken');
  });

  const newestComplete = await knex('orchestration_snapshots')
    .where({ status: 'complete' })
    .max({ id: 'id' })
    .first();
  const newestWritten = await knex('orchestration_assessments')
    .max({ id: 'snapshot_id' })
    .first();
  const served = newestComplete?.id ?? newestWritten?.id ?? null;
  if (served !== null) {
    for (const table of [
      'orchestration_assessments',
      'orchestration_clusters',
    ]) {
      await knex(table).update({ snapshot_id: served });
    }
  }
  await knex('orchestration_snapshot_state').insert({
    id: 1,
    current_snapshot_id: served === null ? null : Number(served),
  });

  for (const table of ['orchestration_assessments', 'orchestration_clusters']) {
    await knex.schema.alterTable(table, t => {
      t.dropPrimary();
    });
    await knex.schema.alterTable(table, t => {
      t.primary(['snapshot_id', 'entity_ref'], {
        constraintName: `${table}_pkey`,
      });
    });
  }
  await knex.schema.alterTable('orchestration_assessments', table => {
    table.index(
      ['snapshot_id', 'name', 'entity_ref'],
      'orchestration_assessments_generation_name_idx',
    );
  });
};

/**
 * Back to one row per entity: the rows of the generation served stay (or,
 * with none served, the newest row of each entity); other generations go.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const state = await knex('orchestration_snapshot_state')
    .where({ id: 1 })
    .first();
  const served = state?.current_snapshot_id ?? null;
  for (const table of ['orchestration_assessments', 'orchestration_clusters']) {
    if (served !== null) {
      await knex(table).whereNot({ snapshot_id: served }).delete();
    } else {
      await knex(table)
        .whereExists(
          knex(`${table} as newer`)
            .select(knex.raw('1'))
            .whereRaw(`newer.entity_ref = ${table}.entity_ref`)
            .whereRaw(`newer.snapshot_id > ${table}.snapshot_id`),
        )
        .delete();
    }
  }

  await knex.schema.alterTable('orchestration_assessments', table => {
    table.dropIndex(
      ['snapshot_id', 'name', 'entity_ref'],
      'orchestration_assessments_generation_name_idx',
    );
  });
  for (const table of ['orchestration_assessments', 'orchestration_clusters']) {
    await knex.schema.alterTable(table, t => {
      t.dropPrimary(`${table}_pkey`);
    });
    await knex.schema.alterTable(table, t => {
      t.primary(['entity_ref'], { constraintName: `${table}_pkey` });
    });
  }

  await knex.schema.dropTable('orchestration_snapshot_state');
  await knex.schema.alterTable('orchestration_snapshots', table => {
    table.dropColumn('annotated');
    table.dropColumn('components');
  });
};
