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
 * What the roll-ups of Group and System pages read besides the assessments,
 * per snapshot generation (`snapshot_id`, written by the run that wrote the
 * assessments and deleted with them):
 *
 * - `orchestration_group_tree`: each Group with itself and every Group below
 *   it (by `spec.parent`), so a parent Group's roll-up counts its sub-teams'
 *   services;
 * - `orchestration_coverage`: Components counted by owner and System, all
 *   of them and the annotated ones, so a roll-up tells how many of its
 *   Components are assessed.
 *
 * Generations written before this migration have no rows here: their
 * roll-ups count direct ownership and have no coverage until the next
 * refresh.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('orchestration_group_tree', table => {
    table.comment(
      'Each Group with itself and the Groups below it, per snapshot generation',
    );
    table.integer('snapshot_id').notNullable();
    table
      .string('group_ref', 255)
      .notNullable()
      .comment('Entity ref of a Group, lower case');
    table
      .string('member_ref', 255)
      .notNullable()
      .comment('The Group itself (depth 0) or a Group below it');
    table
      .integer('depth')
      .notNullable()
      .comment('0 for the Group itself, 1 for its children, and so on');
    table.primary(['snapshot_id', 'group_ref', 'member_ref']);
  });

  await knex.schema.createTable('orchestration_coverage', table => {
    table.comment(
      'Components of the catalog by owner and System, all and annotated, per snapshot generation',
    );
    table.increments('id').primary();
    table.integer('snapshot_id').notNullable();
    table
      .string('kind', 64)
      .notNullable()
      .defaultTo('component')
      .comment('Always component: read permission conditions name it');
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.integer('components').notNullable();
    table.integer('annotated').notNullable();
    table.index(['snapshot_id', 'owner'], 'orchestration_coverage_owner_idx');
    table.index(['snapshot_id', 'system'], 'orchestration_coverage_system_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('orchestration_coverage');
  await knex.schema.dropTable('orchestration_group_tree');
};
