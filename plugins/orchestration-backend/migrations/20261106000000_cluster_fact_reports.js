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
 * Facts about kubernetes-cluster Resources reported by automation
 * (`POST /v1/clusters/{namespace}/{name}/facts`), one row per fact of a
 * report, so each cluster and fact keeps its own history. Bounded by
 * `orchestration.clusterFacts.retention`: at most so many reports per cluster
 * and fact, and none older than the maximum age but the newest of each.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('orchestration_cluster_fact_reports', table => {
    table.comment(
      'Facts about clusters reported by automation: one row per fact of a report',
    );
    table.increments('id').primary();
    table
      .string('report_id', 36)
      .notNullable()
      .comment('The report the fact came with; its facts share it');
    table
      .string('cluster_ref', 255)
      .notNullable()
      .comment('Entity ref of the kubernetes-cluster Resource, lower case');
    table
      .string('fact_key', 64)
      .notNullable()
      .comment('The annotation key, e.g. orchestration.io/etcd-last-backup');
    table
      .text('value')
      .notNullable()
      .comment('The value as reported, trimmed, written as the annotation');
    table
      .string('source', 100)
      .notNullable()
      .comment('What observed it, e.g. etcd-backup');
    table
      .string('observed_at', 40)
      .notNullable()
      .comment('When it was observed, ISO-8601 UTC');
    table
      .string('received_at', 40)
      .notNullable()
      .comment('When the report arrived, ISO-8601 UTC');
    table
      .string('reported_by', 255)
      .notNullable()
      .comment('Who sent it: a user entity ref or a service subject');
    table.index(
      ['cluster_ref', 'fact_key', 'observed_at'],
      'orchestration_cluster_fact_reports_fact_idx',
    );
    table.index(['report_id'], 'orchestration_cluster_fact_reports_report_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('orchestration_cluster_fact_reports');
};
