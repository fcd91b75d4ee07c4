// Check 1: two backends on one PostgreSQL refresh the snapshot at the same time, over and over,
// while readers page through the list on both. Every read must see the whole list: never
// totalItems 0 while data exists, and totalItems equal to the rows gathered over its pages.
import { log, random, sleep } from '../lib/util.mjs';

const LIST = '/api/orchestration/v1/assessments';

/** Pages through the list once; returns what one reader saw. */
async function readAll(backend, pageSize, expected) {
  const seen = [];
  const totals = new Set();
  let cursor;
  let pages = 0;
  let error;
  do {
    const query = new URLSearchParams({ limit: String(pageSize) });
    if (cursor) query.set('cursor', cursor);
    const res = await backend.call('GET', `${LIST}?${query}`, {
      timeoutMs: 30_000,
    });
    pages += 1;
    if (res.status !== 200 || !res.json) {
      error = `${backend.name}: page ${pages} answered ${
        res.status ?? res.error
      }: ${(res.text ?? '').slice(0, 200)}`;
      break;
    }
    totals.add(res.json.totalItems);
    for (const item of res.json.items) seen.push(item.entityRef);
    cursor = res.json.nextCursor;
  } while (cursor && pages < 1000);
  const distinct = new Set(seen);
  const [total] = totals;
  let problem;
  if (error) problem = { kind: 'error', detail: error };
  else if (totals.has(0) || seen.length === 0)
    problem = {
      kind: 'empty',
      detail: `${backend.name}: totalItems ${[...totals].join('/')} and ${
        seen.length
      } rows while ${expected} exist`,
    };
  else if (
    totals.size !== 1 ||
    total !== expected ||
    seen.length !== total ||
    distinct.size !== total
  )
    problem = {
      kind: 'inconsistent',
      detail: `${backend.name}: totalItems ${[...totals].join(
        '/',
      )} over ${pages} pages, ${seen.length} rows (${
        distinct.size
      } distinct), ${expected} expected`,
    };
  return { pages, problem };
}

export async function refreshRace({
  a,
  b,
  rounds,
  pageSize = 3,
  seed,
  report,
  budgetMs = 180_000,
}) {
  const name = 'refresh race, two backends (PostgreSQL)';
  const rand = random(seed);
  const first = await a.call('GET', `${LIST}?limit=200`);
  const expected = first.json?.totalItems ?? 0;
  if (first.status !== 200 || expected === 0) {
    report.check(name, false, [
      `no data before the race: list answered ${
        first.status ?? first.error
      } with totalItems ${expected}${
        a.refreshError ? `; ${a.refreshError}` : ''
      }`,
    ]);
    return;
  }
  const figures = {
    rounds: 0,
    reads: 0,
    pages: 0,
    empty: 0,
    inconsistent: 0,
    errors: 0,
    refreshes: 0,
    refreshErrors: 0,
    failedRuns: 0,
  };
  const examples = [];
  const started = Date.now();
  for (let round = 1; round <= rounds; round++) {
    if (Date.now() - started > budgetMs) {
      examples.unshift(
        `stopped after ${round - 1} rounds: over the budget of ${
          budgetMs / 1000
        } s`,
      );
      break;
    }
    let refreshing = true;
    const refreshOn = async (backend, delayMs) => {
      await sleep(delayMs);
      const res = await backend.call(
        'POST',
        '/api/orchestration/v1/snapshot/refresh?wait=true',
        { timeoutMs: 120_000 },
      );
      figures.refreshes += 1;
      if (res.status !== 202) {
        figures.refreshErrors += 1;
        if (examples.length < 10)
          examples.push(
            `refresh on ${backend.name} answered ${res.status ?? res.error}: ${(
              res.text ?? ''
            ).slice(0, 200)}`,
          );
      } else if (res.json?.lastRun?.status === 'failed') {
        figures.failedRuns += 1;
        if (examples.length < 10)
          examples.push(
            `refresh on ${backend.name} reported a failed run: ${res.json.lastRun.error}`,
          );
      }
    };
    const reader = async backend => {
      let passes = 0;
      while (refreshing || passes === 0) {
        const { pages, problem } = await readAll(backend, pageSize, expected);
        passes += 1;
        figures.reads += 1;
        figures.pages += pages;
        if (problem) {
          if (problem.kind === 'error') figures.errors += 1;
          else figures[problem.kind] += 1;
          if (examples.length < 10)
            examples.push(`round ${round}: ${problem.detail}`);
        }
      }
    };
    const readers = [a, b, a, b].map(reader);
    // One backend starts a little later each round, so the runs overlap at different points.
    const offset = Math.floor(rand() * 300);
    const [early, late] = rand() < 0.5 ? [a, b] : [b, a];
    await Promise.all([refreshOn(early, 0), refreshOn(late, offset)]);
    refreshing = false;
    await Promise.all(readers);
    figures.rounds = round;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const lines = [
    `rounds ${figures.rounds}, reads ${figures.reads} (${figures.pages} pages of ${pageSize}), empty ${figures.empty}, inconsistent ${figures.inconsistent}, failed reads ${figures.errors}; ${expected} rows expected; ${seconds} s`,
    `refreshes ${figures.refreshes}: ${figures.refreshErrors} not accepted, ${figures.failedRuns} reported a failed run`,
    ...examples.map(e => `  e.g. ${e}`),
  ];
  const ok =
    figures.rounds >= rounds &&
    figures.empty === 0 &&
    figures.inconsistent === 0 &&
    figures.errors === 0;
  report.check(name, ok, lines);
  // Refreshes that collide with the other backend's must neither be refused nor fail.
  report.check(
    'refresh race: every refresh completes',
    figures.refreshErrors === 0 && figures.failedRuns === 0,
    [lines[1]],
  );
  log(`refresh race done: ${lines[0]}`);
}
