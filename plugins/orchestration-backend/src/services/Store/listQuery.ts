import { InputError } from '@backstage/errors';
import {
  ASSESSMENT_SORT_KEYS,
  AssessmentListQuery,
  AssessmentSortKey,
  OBLIGATION_STATUSES,
  ObligationStatus,
  PLATFORM_IDS,
  PLATFORM_VERDICTS,
  PlatformVerdict,
  resolveEntityRef,
} from '@orchestration/plugin-orchestration-common';

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

function single(raw: unknown, key: string): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') {
    throw new InputError(`${key} must be given once, as text`);
  }
  return raw;
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
  return Buffer.from(
    JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.entityRef]),
  ).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  const invalid = () =>
    new InputError(
      'cursor is not valid; pass the nextCursor of a previous page unchanged',
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    !(SORT_KEYS as readonly string[]).includes(parsed[0]) ||
    (parsed[1] !== 'asc' && parsed[1] !== 'desc') ||
    (typeof parsed[2] !== 'string' && typeof parsed[2] !== 'number') ||
    typeof parsed[3] !== 'string'
  ) {
    throw invalid();
  }
  return {
    sort: parsed[0],
    order: parsed[1],
    value: parsed[2],
    entityRef: parsed[3],
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
