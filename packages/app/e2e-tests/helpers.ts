import AxeBuilder from '@axe-core/playwright';
import { APIRequestContext, expect, Page, TestInfo } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Signs the page in as the guest user of the backend it talks to, from its
 * next navigation on: the app restores the session of the sign-in provider
 * it finds in local storage, so each test opens its page at once instead of
 * going through the sign-in page first (app.test.ts signs in by hand).
 */
export async function signIn(page: Page) {
  await page.addInitScript(() =>
    window.localStorage.setItem('@backstage/core:SignInPage:provider', 'guest'),
  );
}

/** A Backstage token of the guest user, as the app gets it. */
export async function guestToken(
  request: APIRequestContext,
  baseURL: string,
): Promise<string> {
  const session = await request.get(`${baseURL}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(session.ok(), 'guest sign-in on the backend').toBe(true);
  const { backstageIdentity } = await session.json();
  return backstageIdentity.token;
}

/** How many entities of a kind the catalog holds, and how many of them pass `keep`. */
async function countEntities(
  request: APIRequestContext,
  baseURL: string,
  headers: Record<string, string>,
  filter: string,
  keep: (entity: {
    metadata: { annotations?: Record<string, string> };
  }) => boolean,
): Promise<number> {
  const response = await request.get(
    `${baseURL}/api/catalog/entities/by-query?filter=${encodeURIComponent(
      filter,
    )}&fields=metadata.annotations&limit=1000`,
    { headers },
  );
  if (!response.ok()) return -1;
  return (await response.json()).items.filter(keep).length;
}

/**
 * Waits until the dashboard's snapshot holds the example catalog: every
 * annotated Component and every kubernetes-cluster Resource. The backend's
 * first scheduled refresh runs while the catalog is still loading and may
 * fail or find part of it: refresh it again (the guest is a platform-team
 * member) until the counts agree.
 */
export async function ensureSnapshot(
  request: APIRequestContext,
  baseURL: string,
) {
  const token = await guestToken(request, baseURL);
  const headers = { Authorization: `Bearer ${token}` };
  const api = `${baseURL}/api/orchestration/v1`;
  await expect
    .poll(
      async () => {
        const annotated = await countEntities(
          request,
          baseURL,
          headers,
          'kind=component',
          entity =>
            Object.keys(entity.metadata.annotations ?? {}).some(key =>
              key.startsWith('orchestration.io/'),
            ),
        );
        const clusters = await countEntities(
          request,
          baseURL,
          headers,
          'kind=resource,spec.type=kubernetes-cluster',
          () => true,
        );
        if (annotated <= 0 || clusters <= 0) {
          return `the catalog is loading (${annotated} annotated Components, ${clusters} clusters)`;
        }
        const status = await request.get(`${api}/snapshot`, { headers });
        const listed = await request.get(`${api}/clusters`, { headers });
        if (status.ok() && listed.ok()) {
          const { snapshot } = await status.json();
          const { items } = await listed.json();
          if (
            snapshot.refreshedAt &&
            !snapshot.stale &&
            snapshot.entityCount === annotated &&
            items.length === clusters
          ) {
            return 'ready';
          }
        }
        await request.post(`${api}/snapshot/refresh?wait=true`, { headers });
        return `waiting for ${annotated} Components and ${clusters} clusters in the snapshot`;
      },
      {
        message: 'the Orchestration snapshot holds the example catalog',
        timeout: 120_000,
        intervals: [500, 1_000, 2_000, 5_000],
      },
    )
    .toBe('ready');
}

/**
 * Takes a screenshot of the window. It goes into the test's output folder;
 * with ORCHESTRATION_SCREENSHOTS_DIR set (scripts/screenshots.sh sets it to
 * docs/screenshots) it goes there instead, under `name`.
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const dir = process.env.ORCHESTRATION_SCREENSHOTS_DIR;
  let file = testInfo.outputPath(name);
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    file = path.resolve(dir, name);
  }
  // No caret or hover effects in the picture.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
}

/** Impacts that fail a scan whatever the rule. */
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Rules that fail a scan at any impact: each was a finding of an earlier
 * audit of these pages.
 */
const ALWAYS_BLOCKING = new Set([
  'heading-order',
  'landmark-one-main',
  'link-in-text-block',
  'color-contrast',
]);

/**
 * Scans the page with axe-core against WCAG 2.0 and 2.1 A and AA, plus
 * axe's best practices, and fails on any serious or critical violation (and
 * on any violation of the rules above), listing each rule with its impact
 * and the selectors of the elements concerned.
 */
export async function expectNoSeriousViolations(
  page: Page,
  what: string,
  options: { include?: string } = {},
) {
  const builder = new AxeBuilder({ page });
  // Only part of the page (e.g. `main`, the entity page's content) when
  // the app shell around it is scanned elsewhere.
  if (options.include) builder.include(options.include);
  const results = await builder
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    // `region` (content outside landmarks) is left out: it flags Backstage's
    // own visually hidden announcer (`.bui-VisuallyHidden`), which the app
    // shell renders outside every landmark; the plugin's content is inside
    // the page's `<main>`.
    .disableRules(['region'])
    .analyze();
  const blocking = results.violations.filter(
    v => BLOCKING_IMPACTS.has(v.impact ?? '') || ALWAYS_BLOCKING.has(v.id),
  );
  const report = blocking
    .map(
      v =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes
          .map(n => `    ${n.target.join(' ')}`)
          .join('\n')}`,
    )
    .join('\n');
  expect(blocking.length, `axe-core violations on ${what}:\n${report}`).toBe(0);
}
