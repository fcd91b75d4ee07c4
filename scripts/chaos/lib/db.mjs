// Reads the reviews table directly, as a second witness next to the API: how many rows each
// Idempotency-Key of a run has. Uses the database drivers of packages/backend.
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from './backend.mjs';

const requireFromBackend = createRequire(
  path.join(REPO_ROOT, 'packages/backend/package.json'),
);

const QUERY = `SELECT idempotency_key AS key, COUNT(*) AS n FROM orchestration_reviews
  WHERE idempotency_key LIKE $1 GROUP BY idempotency_key`;

/** Map of idempotency key to row count, for keys starting with `prefix`. */
export async function idempotencyKeyCounts(database, sqliteDir, prefix) {
  const counts = new Map();
  if (database.client === 'pg') {
    const { Client } = requireFromBackend('pg');
    const url = new URL(database.url);
    url.pathname = `/${database.prefix}orchestration`;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { rows } = await client.query(QUERY, [`${prefix}%`]);
      for (const row of rows) counts.set(row.key, Number(row.n));
    } finally {
      await client.end();
    }
  } else {
    const Database = requireFromBackend('better-sqlite3');
    const db = new Database(path.join(sqliteDir, 'orchestration.sqlite'), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      db.pragma('busy_timeout = 10000');
      const rows = db.prepare(QUERY.replace('$1', '?')).all(`${prefix}%`);
      for (const row of rows) counts.set(row.key, Number(row.n));
    } finally {
      db.close();
    }
  }
  return counts;
}
