import { InputError } from '@backstage/errors';
import {
  ASSESSMENT_SORT_KEYS,
  AssessmentListQuery,
  AssessmentSortKey,
  OBLIGATION_STATUS_URGENCY,
  OBLIGATION_STATUSES,
  ObligationStatus,
  PLATFORM_IDS,
  PLATFORM_VERDICTS,
  PlatformVerdict,
  resolveEntityRef,
} from '@orchestration/plugin-orchestration-common';
import { assertNoControlCharacters } from '../../lib/requestText';

export const SORT_KEYS = ASSESSMENT_SORT_KEYS;
export type SortKey = AssessmentSortKey;

const VERDICTS: readonly PlatformVerdict[] = PLATFORM_VERDICTS;
const CURRENT_PLATFORMS = [...PLATFORM_IDS, 'none'];

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** A validated list query. */
export interface ListFilters {
  owner?: string[];
  system?: string[];
  currentPlatform?: string[];
  recommendedPlatform?: string[];
  currentVerdict?: PlatformVerdict[];
  migration?: boolean;
  obligationStatus?: ObligationStatus[];
  q?: string;
}

export interface ListQuery extends ListFilters {
  sort: SortKey;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: Cursor;
}

/** Position after the last row of a page. */
export interface Cursor {
  sort: SortKey;
  order: 'asc' | 'desc';
  value: string | number;
  entityRef: string;
  /**
   * The generation (snapshot run id) the page was read from, so the next
   * pages come from the same one; absent in cursors issued before cursors
   * named it, which page through the generation served.
   */
  generation?: number;
}

const QUERY_KEYS = new Set([
  'owner',
  'system',
  'currentPlatform',
  'recommendedPlatform',
  'currentVerdict',
  'migration',
  'obligationStatus',
  'q',
  'sort',
  'order',
  'limit',
  'cursor',
]);

function values(raw: unknown, key: string): string[] | undefined {
  if (raw === undefined) return undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  const result: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') {
      throw new InputError(`${key} must be given as text, e.g. ${key}=value`);
    }
    for (const part of item.split(',')) {
      const trimmed = part.trim();
      assertNoControlCharacters(trimmed, key);
      if (trimmed) result.push(trimmed);
    }
  }
  if (result.length === 0) {
    throw new InputError(`${key} must not be empty`);
  }
  if (result.length > 100) {
    throw new InputError(`${key} accepts at most 100 values`);
  }
  return result;
}

/** A parameter given at most once, trimmed and free of control characters. */
function single(raw: unknown, key: string): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') {
    throw new InputError(`${key} must be given once, as text`);
  }
  const trimmed = raw.trim();
  assertNoControlCharacters(trimmed, key);
  return trimmed;
}

function oneOf<T extends string>(
  list: string[] | undefined,
  allowed: readonly T[],
  key: string,
): T[] | undefined {
  if (!list) return undefined;
  return list.map(value => {
    const normalised = value.toLocaleLowerCase('en-US');
    if (!(allowed as readonly string[]).includes(normalised)) {
      throw new InputError(
        `${key} must be one of ${allowed.join(', ')}; got ${value}`,
      );
    }
    return normalised as T;
  });
}

function refs(
  list: string[] | undefined,
  defaultKind: string,
  key: string,
): string[] | undefined {
  if (!list) return undefined;
  return list.map(value => {
    const ref = resolveEntityRef(value, {
      defaultKind,
      defaultNamespace: 'default',
    });
    if (!ref) {
      throw new InputError(
        `${key} must be an entity ref such as ${defaultKind}:default/name; got ${value}`,
      );
    }
    return ref;
  });
}

export function encodeCursor(cursor: Cursor): string {
  const fields: unknown[] = [
    cursor.sort,
    cursor.order,
    cursor.value,
    cursor.entityRef,
  ];
  if (cursor.generation !== undefined) fields.push(cursor.generation);
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

/** The longest cursor accepted; the cursors of this API are far shorter. */
const MAX_CURSOR_LENGTH = 4096;
/** The longest text in a cursor (a name, owner, system, date or entity ref). */
const MAX_CURSOR_TEXT = 1024;
/** Bounds of the integer columns (PostgreSQL `integer`). */
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** `obligation_rank` values: 0 without an obligation, else a status urgency. */
const OBLIGATION_RANKS: readonly number[] = [
  0,
  ...Object.values(OBLIGATION_STATUS_URGENCY),
];

function textProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be text';
  if (value.length > MAX_CURSOR_TEXT) {
    return `must be at most ${MAX_CURSOR_TEXT} characters`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    return 'must not contain control characters';
  }
  return undefined;
}

function oneOfProblem(allowed: readonly string[]) {
  return (value: unknown) =>
    typeof value === 'string' && allowed.includes(value)
      ? undefined
      : `must be one of ${allowed.map(a => a || "''").join(', ')}`;
}

/**
 * What the value of a cursor must be for each sort key: the type of the
 * SQL expression the list sorts by (see `SORT_EXPRESSIONS` of the store), so
 * it can be compared in SQL on SQLite and on PostgreSQL alike.
 */
const CURSOR_VALUE_PROBLEM: Record<
  SortKey,
  (value: unknown) => string | undefined
> = {
  name: textProblem,
  owner: textProblem,
  system: textProblem,
  currentPlatform: oneOfProblem(['', ...CURRENT_PLATFORMS]),
  recommendedPlatform: oneOfProblem(['', ...PLATFORM_IDS]),
  // COALESCE(fit, -1): an integer column.
  fit: value =>
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= INT_MIN &&
    value <= INT_MAX
      ? undefined
      : 'must be a whole number',
  // The monthly cost, a double precision column (a large placeholder
  // without a cost).
  cost: value =>
    typeof value === 'number' && Number.isFinite(value)
      ? undefined
      : 'must be a finite number',
  // obligation_rank: the urgency of a known status, or 0.
  obligationStatus: value =>
    typeof value === 'number' && OBLIGATION_RANKS.includes(value)
      ? undefined
      : `must be one of ${OBLIGATION_RANKS.join(', ')}`,
  nextDue: textProblem,
};

function invalidCursor(reason: string) {
  return new InputError(
    `cursor is not valid (${reason}); pass the nextCursor of the previous page unchanged, or start again from the first page without a cursor`,
  );
}

/**
 * Reads a cursor and checks its value against the type of its sort key, so
 * no cursor reaches the database with a value it cannot compare.
 */
export function decodeCursor(text: string): Cursor {
  if (text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+={0,2}$/.test(text)) {
    throw invalidCursor('it is not a cursor of this list');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor('it is not a cursor of this list');
  }
  if (
    !Array.isArray(parsed) ||
    (parsed.length !== 4 && parsed.length !== 5) ||
    typeof parsed[0] !== 'string' ||
    !(SORT_KEYS as readonly string[]).includes(parsed[0]) ||
    (parsed[1] !== 'asc' && parsed[1] !== 'desc')
  ) {
    throw invalidCursor('it is not a cursor of this list');
  }
  const sort = parsed[0] as SortKey;
  const valueProblem = CURSOR_VALUE_PROBLEM[sort](parsed[2]);
  if (valueProblem) {
    throw invalidCursor(`its value for sort=${sort} ${valueProblem}`);
  }
  const refProblem = textProblem(parsed[3]);
  if (refProblem || parsed[3] === '') {
    throw invalidCursor(`its entity ref ${refProblem ?? 'must not be empty'}`);
  }
  const generation = parsed[4];
  if (
    generation !== undefined &&
    !(Number.isSafeInteger(generation) && generation > 0)
  ) {
    throw invalidCursor(
      'its snapshot generation must be a positive whole number',
    );
  }
  return {
    sort,
    order: parsed[1],
    value: parsed[2],
    entityRef: parsed[3],
    ...(generation === undefined ? {} : { generation }),
  };
}

/** Validates the filters shared by the list and the export. */
export function parseListFilters(query: Record<string, unknown>): ListFilters {
  for (const key of Object.keys(query)) {
    if (!QUERY_KEYS.has(key)) {
      throw new InputError(
        `Unknown query parameter ${key}; use ${[...QUERY_KEYS].join(', ')}`,
      );
    }
  }
  const migration = single(query.migration, 'migration');
  if (
    migration !== undefined &&
    migration !== 'true' &&
    migration !== 'false'
  ) {
    throw new InputError(`migration must be true or false; got ${migration}`);
  }
  const q = single(query.q, 'q');
  if (q !== undefined && q.length > 200) {
    throw new InputError('q must be at most 200 characters');
  }
  return {
    owner: refs(values(query.owner, 'owner'), 'group', 'owner'),
    system: refs(values(query.system, 'system'), 'system', 'system'),
    currentPlatform: oneOf(
      values(query.currentPlatform, 'currentPlatform'),
      CURRENT_PLATFORMS,
      'currentPlatform',
    ),
    recommendedPlatform: oneOf(
      values(query.recommendedPlatform, 'recommendedPlatform'),
      PLATFORM_IDS,
      'recommendedPlatform',
    ),
    currentVerdict: oneOf(
      values(query.currentVerdict, 'currentVerdict'),
      VERDICTS,
      'currentVerdict',
    ),
    migration: migration === undefined ? undefined : migration === 'true',
    obligationStatus: oneOf(
      values(query.obligationStatus, 'obligationStatus'),
      OBLIGATION_STATUSES,
      'obligationStatus',
    ),
    q: q?.trim() ? q.trim() : undefined,
  };
}

/** Validates the query of `GET /v1/assessments`. */
export function parseListQuery(query: Record<string, unknown>): ListQuery {
  const filters = parseListFilters(query);
  const sort = single(query.sort, 'sort') ?? 'name';
  if (!(SORT_KEYS as readonly string[]).includes(sort)) {
    throw new InputError(
      `sort must be one of ${SORT_KEYS.join(', ')}; got ${sort}`,
    );
  }
  const order = single(query.order, 'order') ?? 'asc';
  if (order !== 'asc' && order !== 'desc') {
    throw new InputError(`order must be asc or desc; got ${order}`);
  }
  const limitText = single(query.limit, 'limit');
  let limit = DEFAULT_LIMIT;
  if (limitText !== undefined) {
    if (!/^\d+$/.test(limitText)) {
      throw new InputError(
        `limit must be a whole number from 1 to ${MAX_LIMIT}; got ${limitText}`,
      );
    }
    limit = Number(limitText);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InputError(
        `limit must be a whole number from 1 to ${MAX_LIMIT}; got ${limitText}`,
      );
    }
  }
  const cursorText = single(query.cursor, 'cursor');
  const cursor =
    cursorText === undefined ? undefined : decodeCursor(cursorText);
  if (cursor && (cursor.sort !== sort || cursor.order !== order)) {
    throw new InputError(
      `cursor was made for sort=${cursor.sort}&order=${cursor.order}; repeat those parameters or start again without a cursor`,
    );
  }
  return {
    ...filters,
    sort: sort as SortKey,
    order,
    limit,
    cursor,
  };
}

export type { AssessmentListQuery };
