import { expect, Locator, Page, test } from '@playwright/test';
import { ensureSnapshot, signIn } from './helpers';

/** The service names of the table's rows, top to bottom. */
async function serviceOrder(table: Locator): Promise<string[]> {
  return table
    .locator('tbody tr')
    .evaluateAll(rows =>
      rows.map(row => row.querySelector('td a')?.textContent?.trim() ?? ''),
    );
}

/** The cells of one column of the table, found by its header's text. */
async function columnTexts(table: Locator, header: string): Promise<string[]> {
  return table.evaluate((element, name) => {
    const headers = [...element.querySelectorAll('thead th')].map(
      th => th.textContent?.trim() ?? '',
    );
    const index = headers.indexOf(name);
    if (index < 0) throw new Error(`No column ${name} in ${headers.join()}`);
    return [...element.querySelectorAll('tbody tr')].map(
      row => row.children[index]?.textContent?.trim() ?? '',
    );
  }, header);
}

/** Records every change of the URL the app makes through the History API. */
async function recordUrlChanges(page: Page) {
  await page.addInitScript(() => {
    const changes: string[] = [];
    (window as any).urlChanges = changes;
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method].bind(history);
      history[method] = (data: any, unused: string, url?: string | URL) => {
        if (url !== undefined && url !== null) changes.push(String(url));
        return original(data, unused, url);
      };
    }
  });
}

async function urlChanges(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as any).urlChanges as string[])]);
}

async function readDownload(page: Page, start: () => Promise<void>) {
  const download = page.waitForEvent('download');
  await start();
  const file = await download;
  expect(await file.failure()).toBeNull();
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The values of one CSV column (no quoted commas in the example data's names). */
function csvColumn(csv: string, name: string): string[] {
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  const columns = header.split(',').map(c => c.replace(/^"|"$/g, ''));
  const index = columns.indexOf(name);
  expect(index, `a ${name} column in ${header}`).toBeGreaterThanOrEqual(0);
  return rows.map(row => row.split(',')[index].replace(/^"|"$/g, ''));
}

test.describe('The Orchestration dashboard', () => {
  test.beforeAll(async ({ request, baseURL }) => {
    await ensureSnapshot(request, baseURL!);
  });

  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test('a column header sorts: sort and order in one URL update, rows reordered; the CSV export follows', async ({
    page,
  }) => {
    await recordUrlChanges(page);
    await page.goto('/orchestration');
    const table = page.getByRole('table', { name: 'Assessed services' });
    await expect(
      table.getByRole('link', { name: 'content-api' }),
    ).toBeVisible();
    const byName = await serviceOrder(table);
    expect(byName).toEqual([...byName].sort());

    const before = (await urlChanges(page)).length;
    await table.getByRole('button', { name: 'Fit' }).click();
    await expect(page).toHaveURL(/[?&]sort=fit(&|$)/);
    await expect(page).toHaveURL(/[?&]order=asc(&|$)/);
    const changes = (await urlChanges(page)).slice(before);
    expect(changes, 'one URL update for sort and order').toHaveLength(1);
    expect(changes[0]).toMatch(/sort=fit/);
    expect(changes[0]).toMatch(/order=asc/);
    await expect(
      table.getByRole('columnheader', { name: 'Fit' }),
    ).toHaveAttribute('aria-sort', 'ascending');

    const fits = async () =>
      (await columnTexts(table, 'Fit')).filter(fit => fit !== '—').map(Number);
    const ascendingOrder = async () => {
      const shown = await fits();
      return shown.join() === [...shown].sort((x, y) => x - y).join();
    };
    await expect.poll(ascendingOrder).toBe(true);
    const ascending = await fits();
    expect(ascending[0]).toBeLessThan(ascending[ascending.length - 1]);

    // Again: descending, the rows turned round.
    await table.getByRole('button', { name: 'Fit' }).click();
    await expect(page).toHaveURL(/[?&]order=desc(&|$)/);
    await expect(
      table.getByRole('columnheader', { name: 'Fit' }),
    ).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(fits).toEqual([...ascending].reverse());
    const shown = await serviceOrder(table);

    // The export has the rows in the table's order.
    const csv = await readDownload(page, () =>
      page.getByRole('button', { name: 'Export CSV' }).click(),
    );
    const exported = csvColumn(csv, 'name');
    expect(exported).toEqual(shown);
    expect(exported).not.toEqual(byName);
  });

  test('the CSV export of a sorted URL downloads the rows in that order', async ({
    page,
  }) => {
    await page.goto('/orchestration?sort=owner&order=desc&migration=false');
    const table = page.getByRole('table', { name: 'Assessed services' });
    await expect(
      table.getByRole('link', { name: 'content-api' }),
    ).toBeVisible();
    await expect(
      table.getByRole('columnheader', { name: 'Owner' }),
    ).toHaveAttribute('aria-sort', 'descending');
    const shown = await serviceOrder(table);
    const csv = await readDownload(page, () =>
      page.getByRole('button', { name: 'Export CSV' }).click(),
    );
    expect(csvColumn(csv, 'name')).toEqual(shown);
    expect(csv).not.toContain('storefront-web');
  });

  test('at 1280 px the services table fits its card, and no word in it is broken across lines', async ({
    page,
  }) => {
    await page.goto('/orchestration');
    const table = page.getByRole('table', { name: 'Assessed services' });
    await expect(
      table.getByRole('link', { name: 'storefront-web' }),
    ).toBeVisible();

    const card = await table.evaluate(element => {
      const scroller = element.parentElement!;
      return {
        scrollWidth: scroller.scrollWidth,
        clientWidth: scroller.clientWidth,
      };
    });
    expect
      .soft(
        card.scrollWidth,
        'the table is no wider than its card (no horizontal scroll)',
      )
      .toBeLessThanOrEqual(card.clientWidth);

    // Each cell's words: a word drawn on two lines has rectangles on
    // two lines. Owners, platforms, migrations and obligation labels.
    const broken = await table.evaluate(element => {
      const checked = ['Owner', 'Runs on', 'Recommended', 'Migration'];
      const headers = [...element.querySelectorAll('thead th')].map(
        th => th.textContent?.trim() ?? '',
      );
      const found: string[] = [];
      for (const row of element.querySelectorAll('tbody tr')) {
        const cells = [...row.children] as HTMLElement[];
        const columns = [
          ...checked.map(name => headers.indexOf(name)),
          headers.indexOf('Obligations'),
        ].filter(i => i >= 0);
        for (const index of columns) {
          const cell = cells[index];
          if (!cell) continue;
          const where = `${headers[index]} of ${
            cells[0].textContent?.trim() ?? '?'
          }`;
          if (cell.scrollWidth > cell.clientWidth) {
            found.push(
              `${where}: text ${cell.scrollWidth} px wide in ${cell.clientWidth} px`,
            );
          }
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement!;
            // Text only screen readers get is not drawn.
            if (parent.getBoundingClientRect().width <= 1) continue;
            const text = node.textContent ?? '';
            for (const word of text.matchAll(/\S+/g)) {
              const range = document.createRange();
              range.setStart(node, word.index!);
              range.setEnd(node, word.index! + word[0].length);
              const tops = new Set(
                [...range.getClientRects()]
                  .filter(r => r.width > 0)
                  .map(r => Math.round(r.top)),
              );
              if (tops.size > 1) found.push(`${where}: "${word[0]}" split`);
            }
          }
        }
      }
      return found;
    });
    expect(broken, broken.join('\n')).toEqual([]);
  });

  test('tiles apply their filter when clicked, the side lists follow the filters', async ({
    page,
  }) => {
    await page.goto('/orchestration');
    await expect(page.getByRole('main')).toHaveCount(1);
    const table = page.getByRole('table', { name: 'Assessed services' });
    await expect(
      table.getByRole('link', { name: 'content-api' }),
    ).toBeVisible();

    const migrate = page.getByRole('button', { name: /to migrate/ });
    await expect(migrate).toHaveAttribute('aria-pressed', 'false');
    await migrate.click();
    await expect(page).toHaveURL(/[?&]migration=true(&|$)/);
    await expect(migrate).toHaveAttribute('aria-pressed', 'true');
    await expect(table.getByRole('link', { name: 'content-api' })).toHaveCount(
      0,
    );
    await expect(
      table.getByRole('link', { name: 'storefront-web' }),
    ).toBeVisible();
    for (const migration of await columnTexts(table, 'Migration')) {
      expect(migration).toContain('→');
    }
    // Selected again, the filter goes.
    await migrate.click();
    await expect(page).not.toHaveURL(/migration=/);
    await expect(migrate).toHaveAttribute('aria-pressed', 'false');

    const critical = page.getByRole('button', {
      name: /with a critical obligation/,
    });
    await critical.click();
    await expect(page).toHaveURL(/[?&]obligationStatus=critical(&|$)/);
    for (const status of await columnTexts(table, 'Obligations')) {
      expect(status).toContain('Critical');
    }
    await critical.click();
    await expect(page).not.toHaveURL(/obligationStatus=/);

    // A filter narrows the side lists as well as the table.
    const candidates = page
      .getByRole('heading', { name: 'Migration candidates' })
      .locator('..');
    const overdue = page
      .getByRole('heading', { name: 'Overdue obligations' })
      .locator('..');
    await expect(
      candidates.getByRole('link', { name: 'storefront-web' }),
    ).toBeVisible();
    await expect(
      candidates.getByRole('link', { name: 'events-kafka' }),
    ).toBeVisible();
    await expect(
      overdue.getByRole('link', { name: 'events-kafka' }),
    ).toBeVisible();
    await page
      .getByRole('search', { name: 'Filter services' })
      .getByLabel('System')
      .fill('system:default/commerce');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]system=system%3Adefault%2Fcommerce/);
    await expect(
      candidates.getByRole('link', { name: 'storefront-web' }),
    ).toBeVisible();
    await expect(
      candidates.getByRole('link', { name: 'events-kafka' }),
    ).toHaveCount(0);
    await expect(candidates).toContainText('Within the filters');
    await expect(
      overdue.getByRole('link', { name: 'events-kafka' }),
    ).toHaveCount(0);
    await expect(
      overdue.getByRole('link', { name: 'storefront-web' }),
    ).toBeVisible();
    await expect(page.getByTestId('tile-services')).toContainText(
      'match the filters',
    );
  });

  test('sortable headers and tiles show where the keyboard focus is', async ({
    page,
  }) => {
    await page.goto('/orchestration');
    const table = page.getByRole('table', { name: 'Assessed services' });
    await expect(
      table.getByRole('link', { name: 'content-api' }),
    ).toBeVisible();
    for (const target of [
      table.getByRole('button', { name: 'Owner' }),
      page.getByRole('button', { name: /to migrate/ }),
    ]) {
      // Focus the control before it, then Tab: a keyboard focus.
      await target.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      await expect(target).toBeFocused();
      const outline = await target.evaluate(element => {
        const style = getComputedStyle(element);
        return {
          style: style.outlineStyle,
          width: parseFloat(style.outlineWidth),
        };
      });
      expect(outline.style).toBe('solid');
      expect(outline.width).toBeGreaterThanOrEqual(2);
    }
  });

  test('the clusters view is a matrix of clusters by obligation, each cell opening its detail', async ({
    page,
  }) => {
    await page.goto('/orchestration');
    await page.getByRole('tab', { name: 'Clusters' }).click();
    await expect(page).toHaveURL(/[?&]view=clusters(&|$)/);
    const matrix = page.getByRole('table', { name: 'Obligations by cluster' });
    await expect(matrix.getByRole('columnheader')).toHaveText([
      'Cluster',
      'Kubernetes upgrades',
      'etcd backups',
      'Certificate rotation',
      'Pod IP capacity',
      'Control-plane monitoring',
      'Most urgent',
      'Services',
    ]);
    for (const cluster of ['prod-kops', 'prod-eks', 'dc-cluster']) {
      await expect(
        matrix.getByRole('link', { name: cluster, exact: true }),
      ).toBeVisible();
    }
    const cell = matrix.getByRole('button', {
      name: /^Kubernetes upgrades on prod-kops: Critical/,
    });
    await expect(cell).toHaveAttribute('aria-expanded', 'false');
    await cell.click();
    await expect(cell).toHaveAttribute('aria-expanded', 'true');
    const detail = page.locator(
      `[id="${await cell.getAttribute('aria-controls')}"]`,
    );
    await expect(detail).toContainText('Kubernetes upgrades');
    const services = matrix
      .getByTestId('cluster-row-prod-kops')
      .getByRole('button', { name: /2 services/ });
    await services.click();
    await expect(
      page.getByTestId('cluster-prod-kops').getByRole('link', {
        name: 'storefront-web',
      }),
    ).toBeVisible();
  });

  test('the coverage tile counts the annotated Components of the catalog', async ({
    page,
  }) => {
    await page.goto('/orchestration');
    const coverage = page.getByTestId('tile-coverage');
    await expect(coverage).toContainText('12 of 13');
    await expect(coverage).toContainText('Components annotated');
    await expect(coverage).toContainText('92%');
  });
});
