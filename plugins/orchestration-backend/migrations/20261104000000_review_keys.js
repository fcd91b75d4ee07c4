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
 * Review decisions get the Idempotency-Key they were recorded with, unique
 * per reviewed entity, so a retried request stores nothing new; and the
 * expiry day of an exemption as a column, so the decision in force is found
 * in SQL. Exemptions already stored get their expiry day from the stored
 * decision; every other row keeps NULL in both.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('orchestration_reviews', table => {
    table
      .string('idempotency_key', 200)
      .nullable()
      .comment('The Idempotency-Key header of the request that recorded it');
    table
      .string('expires_on', 10)
      .nullable()
      .comment(
        'YYYY-MM-DD: the day an exemption stops applying; null otherwise',
      );
    table.unique(['entity_ref', 'idempotency_key'], {
      indexName: 'orchestration_reviews_idempotency_idx',
    });
  });

  let after = 0;
  for (;;) {
    const rows = await knex('orchestration_reviews')
      .select('seq', 'decision')
      .where('decision_kind', 'exempt')
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(500);
    if (rows.length === 0) break;
    for (const row of rows) {
      const expiresOn = expiryOf(row.decision);
      if (expiresOn) {
        await knex('orchestration_reviews')
          .where('seq', row.seq)
          .update({ expires_on: expiresOn });
      }
    }
    after = Number(rows[rows.length - 1].seq);
  }
};

/**
 * @param {unknown} text
 * @returns {string | undefined}
 */
function expiryOf(text) {
  try {
    const value = JSON.parse(String(text))?.expiresOn;
    return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('orchestration_reviews', table => {
    table.dropUnique(
      ['entity_ref', 'idempotency_key'],
      'orchestration_reviews_idempotency_idx',
    );
  });
  await knex.schema.alterTable('orchestration_reviews', table => {
    table.dropColumn('expires_on');
    table.dropColumn('idempotency_key');
  });
};
