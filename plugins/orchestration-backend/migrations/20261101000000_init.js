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
 * Snapshots of all assessments, one row per assessed Component, and the
 * append-only history of how each assessment changed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('orchestration_snapshots', table => {
    table.comment('Each refresh of the assessments of all Components');
    table.increments('id').primary();
    table.string('started_at', 40).notNullable();
    table.string('completed_at', 40).nullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('running, complete or failed');
    table.integer('entity_count').notNullable().defaultTo(0);
    table.text('error').nullable();
    table.index(
      ['status', 'completed_at'],
      'orchestration_snapshots_status_idx',
    );
  });

  await knex.schema.createTable('orchestration_assessments', table => {
    table.comment(
      'The latest assessment of each Component, with summary columns for filtering',
    );
    table.string('entity_ref', 255).primary();
    table.string('kind', 64).notNullable();
    table.string('namespace', 64).notNullable();
    table.string('name', 128).notNullable();
    table.string('title', 255).nullable();
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.string('current_platform', 32).nullable();
    table.string('recommended_platform', 32).nullable();
    table.string('recommendation_status', 32).notNullable();
    table.string('confidence', 16).notNullable();
    table.string('current_verdict', 16).nullable();
    table.integer('fit').nullable();
    table.string('migration_from', 32).nullable();
    table.string('migration_to', 32).nullable();
    table.boolean('is_migration').notNullable().defaultTo(false);
    table.string('obligation_status', 16).nullable();
    table
      .integer('obligation_rank')
      .notNullable()
      .defaultTo(0)
      .comment(
        '0 none, 1 not-applicable, 2 ok, 3 unknown, 4 warning, 5 critical',
      );
    table.string('next_due', 40).nullable();
    table
      .string('cluster', 255)
      .nullable()
      .comment('The cluster named by orchestration.io/cluster');
    table.integer('warning_count').notNullable().defaultTo(0);
    table.integer('validation_error_count').notNullable().defaultTo(0);
    table.string('assessed_at', 40).notNullable();
    table.text('search_text').notNullable();
    table.string('fingerprint', 64).notNullable();
    table.integer('snapshot_id').notNullable();
    table.text('assessment').notNullable();
    table.index(['owner'], 'orchestration_assessments_owner_idx');
    table.index(['system'], 'orchestration_assessments_system_idx');
    table.index(['name'], 'orchestration_assessments_name_idx');
    table.index(['snapshot_id'], 'orchestration_assessments_snapshot_idx');
    table.index(['cluster'], 'orchestration_assessments_cluster_idx');
  });

  await knex.schema.createTable('orchestration_clusters', table => {
    table.comment('The latest assessment of each kubernetes-cluster Resource');
    table.string('entity_ref', 255).primary();
    table.string('name', 128).notNullable();
    table.string('title', 255).nullable();
    table.string('owner', 255).nullable();
    table.string('obligation_status', 16).nullable();
    table.integer('snapshot_id').notNullable();
    table.text('assessment').notNullable();
  });

  await knex.schema.createTable('orchestration_history', table => {
    table.comment(
      'Changes of each assessment over time; a row only when something changed',
    );
    table.increments('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('recorded_at', 40).notNullable();
    table.string('recommended_platform', 32).nullable();
    table.string('confidence', 16).notNullable();
    table.integer('fit').nullable();
    table.text('migration').nullable();
    table.text('obligation_statuses').notNullable();
    table.text('changes').notNullable();
    table.string('fingerprint', 64).notNullable();
    table.index(['entity_ref', 'id'], 'orchestration_history_entity_idx');
    table.index(['recorded_at'], 'orchestration_history_recorded_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('orchestration_history');
  await knex.schema.dropTable('orchestration_clusters');
  await knex.schema.dropTable('orchestration_assessments');
  await knex.schema.dropTable('orchestration_snapshots');
};
