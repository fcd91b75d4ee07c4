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
 * Monthly costs, migration effort and deciding inputs as summary columns of
 * the snapshot, so lists can show and sort by them and the export need not
 * read them out of the stored assessment. Rows written before this
 * migration keep NULL in all four until the next snapshot refresh rewrites
 * them; `deciding_inputs` is never NULL after that, which tells the two apart.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('orchestration_assessments', table => {
    table
      .double('recommended_monthly_usd')
      .nullable()
      .comment(
        'Estimated monthly cost of the recommended platform, USD, to the cent',
      );
    table
      .double('current_monthly_usd')
      .nullable()
      .comment(
        'Estimated monthly cost of the current platform, USD, to the cent',
      );
    table
      .string('migration_effort', 16)
      .nullable()
      .comment('small, medium or large; null without a migration');
    table
      .text('deciding_inputs')
      .nullable()
      .comment(
        'JSON array of every deciding input, in the order of the engine; null until the row is next refreshed',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('orchestration_assessments', table => {
    table.dropColumn('deciding_inputs');
    table.dropColumn('migration_effort');
    table.dropColumn('current_monthly_usd');
    table.dropColumn('recommended_monthly_usd');
  });
};
