import { InputError } from '@backstage/errors';

/** Paging of the reviews and the history of one entity, newest first. */
export interface PageQuery {
  limit: number;
  /** Only rows with a smaller sequence number than this (the last one shown). */
  before?: number;
}

/** The lists paged with {@link PageQuery}; a cursor of one is refused by the other. */
export type PagedList = 'reviews' | 'history';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

const PAGE_KEYS = new Set(['limit', 'cursor']);
const MAX_CURSOR_LENGTH = 100;
/** Rows are numbered by PostgreSQL `integer` ids; a larger cursor names no row. */
const MAX_ROW_NUMBER = 2_147_483_647;

/** The opaque cursor after the row with sequence number `before`. */
export function encodePageCursor(list: PagedList, before: number): string {
  return Buffer.from(JSON.stringify([list, before])).toString('base64url');
}

/** Reads a cursor made by {@link encodePageCursor} for the same list. */
export function decodePageCursor(list: PagedList, text: string): number {
  const invalid = () =>
    new InputError(
      'cursor is not valid; pass the nextCursor of a previous page unchanged',
    );
  if (text.length === 0 || text.length > MAX_CURSOR_LENGTH) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    parsed[0] !== list ||
    !Number.isSafeInteger(parsed[1]) ||
    parsed[1] < 1 ||
    parsed[1] > MAX_ROW_NUMBER ||
    // Only the exact text this service hands out.
    encodePageCursor(list, parsed[1]) !== text
  ) {
    throw invalid();
  }
  return parsed[1];
}

/** Validates `limit` (1 to 200, default 50) and `cursor` of a paged list. */
export function parsePageQuery(
  list: PagedList,
  raw: Record<string, unknown>,
): PageQuery {
  for (const key of Object.keys(raw)) {
    if (!PAGE_KEYS.has(key)) {
      throw new InputError(
        `Unknown query parameter ${key}; ${list} take limit and cursor`,
      );
    }
  }
  const single = (key: string): string | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      throw new InputError(`${key} must be given once, as text`);
    }
    return value;
  };
  const limitText = single('limit');
  let limit = DEFAULT_PAGE_LIMIT;
  if (limitText !== undefined) {
    limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= MAX_PAGE_LIMIT)) {
      throw new InputError(
        `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}; got ${limitText.slice(
          0,
          20,
        )}`,
      );
    }
  }
  const cursor = single('cursor');
  return cursor === undefined
    ? { limit }
    : { limit, before: decodePageCursor(list, cursor) };
}
