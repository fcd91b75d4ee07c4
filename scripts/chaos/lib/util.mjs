// Small helpers shared by the chaos checks: logging, timing, waiting with a deadline, ports.
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

export function log(message) {
  process.stderr.write(`[chaos] ${message}\n`);
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Calls `probe` until it returns a truthy value; throws after `timeoutMs`. */
export async function waitFor(what, probe, { timeoutMs, intervalMs = 500 }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(
    `timed out after ${(timeoutMs / 1000).toFixed(0)} s waiting for ${what}${
      lastError ? ` (last error: ${lastError.message})` : ''
    }`,
  );
}

/** Runs `worker` over `items` with at most `concurrency` calls at a time. */
export async function pool(items, concurrency, worker) {
  let next = 0;
  const runners = Array.from(
    { length: Math.min(concurrency, items.length) },
    async () => {
      while (next < items.length) {
        const index = next++;
        await worker(items[index], index);
      }
    },
  );
  await Promise.all(runners);
}

export function seconds(millis) {
  return `${(millis / 1000).toFixed(2)} s`;
}

/** A deterministic pseudo-random generator (mulberry32), for choices outside fast-check. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
