import { InputError } from '@backstage/errors';

/** The header that makes a retried POST of a review store it once. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/**
 * Reads the `Idempotency-Key` header: absent, or 1 to 200 printable ASCII
 * characters (space to tilde), else a 400.
 */
export function parseIdempotencyKey(
  value: string | string[] | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[\x20-\x7e]{1,200}$/.test(value)) {
    throw new InputError(
      'Idempotency-Key must be 1 to 200 printable ASCII characters, given once, e.g. a UUID',
    );
  }
  return value;
}
