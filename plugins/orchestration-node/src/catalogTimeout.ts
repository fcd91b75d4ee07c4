import { RootConfigService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/**
 * Default of `orchestration.catalog.timeout`: how long a single catalog call
 * may take, in milliseconds.
 *
 * @public
 */
export const DEFAULT_CATALOG_TIMEOUT_MS = 10_000;

/** Longest accepted `orchestration.catalog.timeout` (one hour). */
const MAX_CATALOG_TIMEOUT_MS = 3_600_000;

const CATALOG_TIMEOUT_KEY = 'orchestration.catalog.timeout';

/**
 * Reads `orchestration.catalog.timeout`, the time a single catalog call may
 * take: a Backstage duration (`10s`, `PT10S`, `{ seconds: 10 }`) or
 * milliseconds; {@link DEFAULT_CATALOG_TIMEOUT_MS} when not set.
 *
 * @throws InputError naming the key when the value is not a duration between
 * 1 ms and 1 hour
 * @public
 */
export function readCatalogTimeoutMs(config: RootConfigService): number {
  const key = CATALOG_TIMEOUT_KEY;
  const value = config.getOptional(key);
  if (value === undefined) return DEFAULT_CATALOG_TIMEOUT_MS;
  let millis: number | undefined;
  if (typeof value === 'number') {
    millis = value;
  } else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
    millis = Number(value);
  } else {
    try {
      millis = durationToMilliseconds(readDurationFromConfig(config, { key }));
    } catch {
      millis = undefined;
    }
  }
  if (
    millis === undefined ||
    !Number.isFinite(millis) ||
    millis < 1 ||
    millis > MAX_CATALOG_TIMEOUT_MS
  ) {
    throw new InputError(
      `${key}: expected a duration between 1 ms and 1 hour, such as 10s, PT10S, { seconds: 10 } or 10000 (milliseconds); got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return Math.round(millis);
}

/** A duration in seconds for messages: `10 s`, `0.3 s`. */
function seconds(millis: number): string {
  return `${Number((millis / 1000).toFixed(3))} s`;
}

/**
 * The catalog did not answer a call within `orchestration.catalog.timeout`
 * (a 503).
 *
 * @public
 */
export class CatalogTimeoutError extends ServiceUnavailableError {
  constructor(readonly timeoutMs: number) {
    super(`The catalog did not answer within ${seconds(timeoutMs)}`);
  }
}

/**
 * Settles with the work, or rejects with a {@link CatalogTimeoutError} once
 * `timeoutMs` has passed; the work is then abandoned, so a call that never
 * answers holds nothing up.
 *
 * @public
 */
export function withCatalogTimeout<T>(
  work: Promise<T>,
  timeoutMs: number,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new CatalogTimeoutError(timeoutMs)),
      timeoutMs,
    );
    timer.unref?.();
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
