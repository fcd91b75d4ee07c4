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
 * Notifications told to owners, one row per entity, kind and occurrence
 * (`transition_key`: an obligation id, a Kubernetes minor, a review id, a
 * change of recommendation). A row is inserted before its notification is
 * sent, and the primary key lets only one replica or refresh insert it, so
 * each occurrence is told once. A refresh deletes the rows of occurrences
 * that no longer hold (and of entities gone from the catalog), so the table
 * holds at most the occurrences that hold now, and one that resolves and
 * comes back is told again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('orchestration_notifications', table => {
    table.comment(
      'Occurrences told to owners through the notifications service, while they hold',
    );
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The service or cluster it is about, lower case');
    table
      .string('kind', 40)
      .notNullable()
      .comment('e.g. obligation-critical, exemption-expiring');
    table
      .string('transition_key', 255)
      .notNullable()
      .comment(
        'The occurrence: obligation id, Kubernetes minor, review id or from->to',
      );
    table
      .string('recipient', 255)
      .notNullable()
      .comment('The owner entity ref it was sent to');
    table
      .string('notified_at', 40)
      .notNullable()
      .comment('The instant of the refresh that told it, ISO-8601 UTC');
    table
      .integer('snapshot_id')
      .notNullable()
      .comment('The refresh run that told it');
    table.primary(
      ['entity_ref', 'kind', 'transition_key'],
      'orchestration_notifications_pkey',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('orchestration_notifications');
};
