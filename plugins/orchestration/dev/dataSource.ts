/**
 * Where the dev app's data comes from: the backend the config names
 * (`backend.baseUrl`, http://localhost:7007 in the repository's
 * app-config.yaml), signed in as its guest user, or the fixtures recorded
 * from such a backend (dev/fixtures, `yarn fixtures:capture`).
 */
export type DataSource = 'backend' | 'fixtures';

/** The URL parameter that chooses the data source: `?data=backend` or `?data=fixtures`. */
export const DATA_SOURCE_PARAM = 'data';

const STORAGE_KEY = '@orchestration/dev:data';

function isDataSource(value: string | null | undefined): value is DataSource {
  return value === 'backend' || value === 'fixtures';
}

/**
 * The data source of this page load: the URL parameter when it has one (kept
 * for the browser tab, so links and reloads without it stay on it), else the
 * one kept for the tab, else the backend.
 */
export function readDataSource(
  search: string,
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
): DataSource {
  const param = new URLSearchParams(search).get(DATA_SOURCE_PARAM);
  if (isDataSource(param)) {
    storage?.setItem(STORAGE_KEY, param);
    return param;
  }
  const kept = storage?.getItem(STORAGE_KEY);
  return isDataSource(kept) ? kept : 'backend';
}

/** The address that reloads the dev app on the other data source. */
export function switchDataSourceHref(to: DataSource): string {
  return `/?${DATA_SOURCE_PARAM}=${to}`;
}
