// Check 3: kill -9 during a burst of reviews. Half of the reviews carry an Idempotency-Key. The
// backend is SIGKILLed mid-burst and restarted; every keyed review that got no answer is sent
// again with its key (and some that did get one), then every acknowledged review must be stored
// exactly once, and every key once.
import { idempotencyKeyCounts } from '../lib/db.mjs';
import { resetConnections } from '../lib/http.mjs';
import { log, pool, random, seconds } from '../lib/util.mjs';

const ENTITIES = [
  'content-api',
  'docs-website',
  'render-jobs',
  'order-service',
];
const reviewsPath = name =>
  `/api/orchestration/v1/entities/component/default/${name}/reviews`;

function statusClass(res) {
  if (!res.status) return 'no answer';
  return `${Math.floor(res.status / 100)}xx`;
}

/** Every review of the entities whose comment belongs to this run: comment -> ids. */
async function storedReviews(backend, marker) {
  const stored = new Map();
  let pages = 0;
  for (const name of ENTITIES) {
    let cursor;
    do {
      const query = new URLSearchParams({ limit: '200' });
      if (cursor) query.set('cursor', cursor);
      const res = await backend.call('GET', `${reviewsPath(name)}?${query}`, {
        timeoutMs: 30_000,
      });
      pages += 1;
      if (res.status !== 200) {
        throw new Error(
          `listing reviews of ${name} answered ${res.status ?? res.error}: ${(
            res.text ?? ''
          ).slice(0, 200)}`,
        );
      }
      for (const item of res.json.items) {
        const comment = item.decision?.comment;
        if (typeof comment === 'string' && comment.startsWith(marker)) {
          if (!stored.has(comment)) stored.set(comment, []);
          stored.get(comment).push(item.id);
        }
      }
      cursor = res.json.nextCursor;
    } while (cursor && pages < 10_000);
  }
  return stored;
}

export async function killDuringReviews({
  backend,
  label,
  database,
  sqliteDir,
  total,
  concurrency = 16,
  killAfterMs = 90_000,
  seed,
  report,
}) {
  const rand = random(seed);
  const runId = `${Date.now().toString(36)}${Math.floor(rand() * 1e6).toString(
    36,
  )}`;
  const marker = `chaos ${runId} #`;
  const keyPrefix = `chaos-${runId}-`;
  const requests = Array.from({ length: total }, (_, i) => ({
    i,
    entity: ENTITIES[i % ENTITIES.length],
    key: i % 2 === 0 ? `${keyPrefix}${i}` : undefined,
    body: { decision: { kind: 'accept', comment: `${marker}${i}` } },
    answers: [],
  }));
  // Killed once between 25 % and 50 % of the reviews were acknowledged.
  const killAt = Math.floor(total * (0.25 + rand() * 0.25));
  let acknowledged = 0;
  let killedAfter;
  const started = Date.now();
  const send = r =>
    backend.call('POST', reviewsPath(r.entity), {
      body: r.body,
      headers: r.key ? { 'idempotency-key': r.key } : {},
      timeoutMs: 30_000,
    });

  // Killed at the latest after `killAfterMs`, whatever the acknowledgements.
  const killTimer = setTimeout(() => {
    if (killedAfter === undefined) {
      killedAfter = Date.now() - started;
      backend.kill('SIGKILL');
    }
  }, killAfterMs);
  await pool(requests, concurrency, async r => {
    const res = await send(r);
    r.answers.push({ phase: 'burst', ...res });
    if (res.status >= 200 && res.status < 300) {
      acknowledged += 1;
      if (acknowledged === killAt && killedAfter === undefined) {
        killedAfter = Date.now() - started;
        backend.kill('SIGKILL');
      }
    }
  });
  clearTimeout(killTimer);
  const burstMillis = Date.now() - started;
  if (killedAfter === undefined) {
    killedAfter = burstMillis;
    backend.kill('SIGKILL');
  }
  const exit = await backend.exited;
  resetConnections(backend.baseUrl);
  const burst = {};
  for (const r of requests) {
    const first = r.answers[0];
    // Transport errors by code: resets were in flight at the kill, refusals came after it.
    const c = first.status ? statusClass(first) : `no answer (${first.error})`;
    burst[c] = (burst[c] ?? 0) + 1;
  }
  log(
    `${label}: killed (${exit.signal ?? exit.code}) after ${seconds(
      killedAfter,
    )} with ${killAt} acknowledged; restarting`,
  );

  const restartStarted = Date.now();
  await backend.start();
  await backend.prepare(ENTITIES.length);
  const restartMillis = Date.now() - restartStarted;

  // Keyed reviews without an answer (or with a 5xx) are sent again, as a client would, and every
  // tenth keyed one that was acknowledged.
  const retries = requests.filter(
    r =>
      r.key &&
      (!r.answers[0].status ||
        r.answers[0].status >= 500 ||
        (r.answers[0].status < 300 && r.i % 20 === 0)),
  );
  await pool(retries, concurrency, async r => {
    r.answers.push({ phase: 'retry', ...(await send(r)) });
  });
  const retryProblems = [];
  let replays = 0;
  for (const r of retries) {
    const [first, retry] = r.answers;
    const firstOk = first.status >= 200 && first.status < 300;
    if (!(retry.status === 200 || retry.status === 201)) {
      retryProblems.push(
        `retry of #${r.i} answered ${retry.status ?? retry.error}: ${(
          retry.text ?? ''
        ).slice(0, 160)}`,
      );
    } else if (
      firstOk &&
      (retry.status !== 200 || retry.json?.id !== first.json?.id)
    ) {
      retryProblems.push(
        `retry of acknowledged #${r.i} answered ${retry.status} with id ${retry.json?.id}; first answer had ${first.json?.id}`,
      );
    } else if (retry.status === 200) {
      replays += 1;
      if (retry.headers['idempotent-replayed'] !== 'true') {
        retryProblems.push(
          `replay of #${r.i} without Idempotent-Replayed: true`,
        );
      }
    }
  }

  const stored = await storedReviews(backend, marker);
  let acked = 0;
  let lost = 0;
  let duplicated = 0;
  let idMismatch = 0;
  let keyedOnce = 0;
  const examples = [];
  for (const r of requests) {
    const ids = stored.get(`${marker}${r.i}`) ?? [];
    const ackIds = r.answers
      .filter(a => a.status >= 200 && a.status < 300)
      .map(a => a.json?.id);
    if (ids.length > 1) {
      duplicated += 1;
      if (examples.length < 8)
        examples.push(`#${r.i} stored ${ids.length} times`);
    }
    if (r.key && ids.length === 1) keyedOnce += 1;
    if (ackIds.length > 0) {
      acked += 1;
      if (ids.length === 0) {
        lost += 1;
        if (examples.length < 8)
          examples.push(`#${r.i} acknowledged (${ackIds[0]}) but not stored`);
      } else if (!ackIds.every(id => ids.includes(id))) {
        idMismatch += 1;
        if (examples.length < 8)
          examples.push(
            `#${r.i} acknowledged as ${ackIds.join(
              ', ',
            )} but stored as ${ids.join(', ')}`,
          );
      }
    }
  }
  const keyed = requests.filter(r => r.key).length;
  let dbLine;
  let dbOk = true;
  try {
    const counts = await idempotencyKeyCounts(database, sqliteDir, keyPrefix);
    const many = [...counts.values()].filter(n => n > 1).length;
    dbOk = many === 0 && counts.size === keyed;
    dbLine = `database: ${counts.size} of ${keyed} keys stored, ${many} more than once`;
  } catch (error) {
    dbOk = false;
    dbLine = `database: could not be read: ${error.message}`;
  }

  const figures = [
    `burst of ${total} (${keyed} with Idempotency-Key), SIGKILL after ${seconds(
      killedAfter,
    )} at ${killAt} acknowledged; burst answers ${Object.entries(burst)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `restart and catalog ready in ${seconds(restartMillis)}; ${
      retries.length
    } keyed retries (${replays} replayed), ${retryProblems.length} wrong`,
    `acknowledged ${acked}, lost ${lost}, duplicated ${duplicated}, id mismatches ${idMismatch}; keyed reviews stored once ${keyedOnce}/${keyed}`,
    dbLine,
    ...retryProblems.slice(0, 5).map(p => `  e.g. ${p}`),
    ...examples.map(e => `  e.g. ${e}`),
  ];
  const fiveXx = burst['5xx'] ?? 0;
  report.check(
    `kill -9 during reviews (${label})`,
    lost === 0 &&
      duplicated === 0 &&
      idMismatch === 0 &&
      keyedOnce === keyed &&
      retryProblems.length === 0 &&
      dbOk,
    figures,
  );
  report.check(
    `kill -9 during reviews: no 5xx before the kill (${label})`,
    fiveXx === 0,
    [
      `${fiveXx} reviews answered 5xx during the burst${
        fiveXx
          ? `: ${requests
              .map(r => r.answers[0])
              .filter(a => a.status >= 500)
              .slice(0, 3)
              .map(a => `${a.status} ${(a.text ?? '').slice(0, 160)}`)
              .join(' | ')}`
          : ''
      }`,
    ],
  );
  log(`${label}: ${figures[2]}`);
}
