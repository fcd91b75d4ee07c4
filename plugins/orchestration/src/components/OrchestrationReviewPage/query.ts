import {
  ASSESSMENT_SORT_KEYS,
  AssessmentListQuery,
  ObligationStatus,
  PlatformVerdict,
} from '@orchestration/plugin-orchestration-common';

export const LIST_FILTER_KEYS = [
  'owner',
  'system',
  'currentPlatform',
  'recommendedPlatform',
  'currentVerdict',
  'obligationStatus',
] as const;

export const SORT_KEYS = ASSESSMENT_SORT_KEYS;

export const PAGE_SIZE = 20;

function list(params: URLSearchParams, key: string): string[] | undefined {
  const value = params.get(key);
  if (!value) return undefined;
  const items = value
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** Reads the dashboard's filters from the URL query string. */
export function queryFromSearchParams(
  params: URLSearchParams,
): AssessmentListQuery {
  const query: AssessmentListQuery = { limit: PAGE_SIZE };
  for (const key of LIST_FILTER_KEYS) {
    const items = list(params, key);
    if (!items) continue;
    if (key === 'currentVerdict') {
      query.currentVerdict = items as PlatformVerdict[];
    } else if (key === 'obligationStatus') {
      query.obligationStatus = items as ObligationStatus[];
    } else {
      query[key] = items;
    }
  }
  const migration = params.get('migration');
  if (migration === 'true' || migration === 'false') {
    query.migration = migration === 'true';
  }
  const q = params.get('q');
  if (q) query.q = q;
  const sort = params.get('sort');
  if (sort && (SORT_KEYS as readonly string[]).includes(sort)) {
    query.sort = sort as AssessmentListQuery['sort'];
  }
  const order = params.get('order');
  if (order === 'asc' || order === 'desc') query.order = order;
  const cursor = params.get('cursor');
  if (cursor) query.cursor = cursor;
  return query;
}
