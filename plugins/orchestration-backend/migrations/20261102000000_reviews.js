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
 * Review decisions: append-only, newest first by `seq`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('orchestration_reviews', table => {
    table.comment(
      'Review decisions recorded by platform teams; never updated or deleted',
    );
    table.increments('seq').primary();
    table.string('id', 36).notNullable().unique();
    table.string('entity_ref', 255).notNullable();
    table.string('decision_kind', 16).notNullable();
    table.text('decision').notNullable();
    table.string('reviewer', 255).notNullable();
    table.string('created_at', 40).notNullable();
    table.string('assessed_at', 40).nullable();
    table.index(['entity_ref', 'seq'], 'orchestration_reviews_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('orchestration_reviews');
};
