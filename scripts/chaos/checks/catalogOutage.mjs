// Check 2: the catalog behind a proxy that refuses, then hangs, then recovers. The per-entity
// assessment must answer 503 within orchestration.catalog.timeout (plus a margin) in both failure
// modes, the list must still be served, marked stale, after a refresh failed, and once the catalog
// is back, per-entity assessments, reviews and refreshes must work again without a restart.
import { log, seconds, sleep } from '../lib/util.mjs';

const ENTITY = '/api/orchestration/v1/entities/component/default/content-api';
const LIST = '/api/orchestration/v1/assessments?limit=50';
const SNAPSHOT = '/api/orchestration/v1/snapshot';
const REFRESH = '/api/orchestration/v1/snapshot/refresh?wait=true';

function brief(res) {
  if (!res.status) return res.error;
  if (res.status < 300) return String(res.status);
  return `${res.status} ${(res.json?.error?.message ?? res.text ?? '').slice(
    0,
    160,
  )}`;
}

export async function catalogOutage({
  backend,
  proxy,
  timeoutMs,
  marginMs,
  report,
}) {
  const limitMs = timeoutMs + marginMs;
  const timings = {};

  const perEntity = async (mode, attempts) => {
    const lines = [];
    let ok = true;
    for (let i = 0; i < attempts; i++) {
      const res = await backend.call('GET', `${ENTITY}/assessment`, {
        timeoutMs: limitMs + 20_000,
      });
      const good = res.status === 503 && res.millis <= limitMs;
      ok &&= good;
      lines.push(
        `${mode}: per-entity assessment #${i + 1}: ${brief(res)} in ${seconds(
          res.millis,
        )}${good ? '' : ` (want 503 within ${seconds(limitMs)})`}`,
      );
      timings[`${mode} #${i + 1}`] = res.millis;
    }
    return { ok, lines };
  };

  const staleAfterFailedRefresh = async mode => {
    const refresh = await backend.call('POST', REFRESH, { timeoutMs: 120_000 });
    const status = await backend.call('GET', SNAPSHOT);
    const list = await backend.call('GET', LIST);
    const lastRun = status.json?.lastRun;
    const snapshot = list.json?.snapshot;
    const ok =
      refresh.status === 202 &&
      lastRun?.status === 'failed' &&
      list.status === 200 &&
      list.json.items.length > 0 &&
      snapshot?.stale === true;
    return {
      ok,
      lines: [
        `${mode}: refresh answered ${brief(refresh)} after ${seconds(
          refresh.millis,
        )}; last run ${lastRun?.status ?? '?'} (${(lastRun?.error ?? '').slice(
          0,
          120,
        )})`,
        `${mode}: list ${list.status ?? list.error} with ${
          list.json?.items?.length ?? 0
        } rows, snapshot.stale ${snapshot?.stale} (${(
          snapshot?.staleReason ?? ''
        ).slice(0, 140)})${ok ? '' : ' (want rows and stale: true)'}`,
      ],
    };
  };

  // Before: everything works through the proxy.
  const before = await backend.call('GET', `${ENTITY}/assessment`);
  if (before.status !== 200) {
    report.check('catalog outage: baseline through the proxy', false, [
      `per-entity assessment before the outage: ${brief(before)}`,
    ]);
    return;
  }

  await proxy.setMode('refuse');
  const refuse503 = await perEntity('refuse', 3);
  const refuseStale = await staleAfterFailedRefresh('refuse');

  await proxy.setMode('hang');
  const hang503 = await perEntity('hang', 3);
  const hangStale = await staleAfterFailedRefresh('hang');

  await proxy.setMode('pass');
  const recoveryStarted = Date.now();
  const recoveryLines = [];
  let recovered = false;
  let attempt;
  while (Date.now() - recoveryStarted < 20_000) {
    attempt = await backend.call('GET', `${ENTITY}/assessment`, {
      timeoutMs: limitMs + 5_000,
    });
    if (attempt.status === 200) {
      recovered = true;
      break;
    }
    await sleep(500);
  }
  recoveryLines.push(
    `recovered: per-entity assessment ${brief(attempt)} ${
      recovered
        ? `${seconds(Date.now() - recoveryStarted)} after the catalog came back`
        : 'still failing 20 s after the catalog came back'
    }`,
  );
  const review = await backend.call('POST', `${ENTITY}/reviews`, {
    body: {
      decision: { kind: 'accept', comment: `catalog recovered ${Date.now()}` },
    },
  });
  const reviews = await backend.call('GET', `${ENTITY}/reviews?limit=5`);
  const reviewListed =
    reviews.status === 200 &&
    reviews.json.items.some(item => item.id === review.json?.id);
  recoveryLines.push(
    `recovered: review ${brief(review)} in ${seconds(
      review.millis,
    )}, listed ${reviewListed}`,
  );
  const refresh = await backend.call('POST', REFRESH, { timeoutMs: 120_000 });
  const list = await backend.call('GET', LIST);
  const fresh =
    refresh.status === 202 &&
    refresh.json?.lastRun?.status === 'complete' &&
    list.status === 200 &&
    list.json.snapshot?.stale === false;
  recoveryLines.push(
    `recovered: refresh ${brief(refresh)} in ${seconds(
      refresh.millis,
    )}, last run ${refresh.json?.lastRun?.status}, list stale ${
      list.json?.snapshot?.stale
    }`,
  );

  report.check(
    'catalog outage: refused, 503 in time',
    refuse503.ok,
    refuse503.lines,
  );
  report.check(
    'catalog outage: refused, stale list',
    refuseStale.ok,
    refuseStale.lines,
  );
  report.check(
    'catalog outage: hanging, 503 in time',
    hang503.ok,
    hang503.lines,
  );
  report.check(
    'catalog outage: hanging, stale list',
    hangStale.ok,
    hangStale.lines,
  );
  report.check(
    'catalog outage: recovery without restart',
    recovered && review.status === 201 && reviewListed && fresh,
    recoveryLines,
  );
  log(
    `catalog outage done: ${Object.entries(timings)
      .map(([k, v]) => `${k} ${seconds(v)}`)
      .join(', ')}`,
  );
}
