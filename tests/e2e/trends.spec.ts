import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { readZipEntry } from '../support/zip-entry';
import { ok } from './support/api';
import { startBrowserHost } from './support/browser-host';

/**
 * The trends screen in Chromium against the real browser host (issue #7: "renders every chart on
 * the demo workspace and on the imported BPI log"): every chart card draws marks in its SVG, the
 * table view toggles, CSV and PNG exports download real files. Full-page screenshots at 1920×1080
 * (test-results/trends-demo.png, trends-bpi.png) are for a person to look at.
 */

const HD = { width: 1920, height: 1080 };
const EVENTLOGS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data', 'eventlogs');

/** Opens the trends screen and waits until every card is drawn from a computed result. */
async function openTrends(page: Page, url: string): Promise<void> {
  await page.setViewportSize(HD);
  await page.goto(url);
  await expect(page.getByRole('status').filter({ hasText: /incidents in range$/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.trends-main')).toHaveAttribute('aria-busy', 'false');
  await page.evaluate(() => document.fonts.ready);
}

/**
 * Per chart card (title → marks): how many data marks its SVG draws — bars, areas, lines, dots,
 * heatmap cells with a size — leaving out the grid, axes and legend swatches.
 */
function chartMarks(page: Page): Promise<Record<string, number>> {
  return page.locator('figure.trends-card').evaluateAll((cards) => {
    const out: Record<string, number> = {};
    for (const card of cards) {
      const chart = card.querySelector('.trends-chart');
      if (!chart) continue; // a table-only card
      const title = card.querySelector('.trends-card-title')?.textContent ?? '?';
      const svg = chart.querySelector('svg.recharts-surface, svg.trends-svg');
      if (!svg || svg.getBoundingClientRect().width < 100 || svg.getBoundingClientRect().height < 100) {
        out[title] = 0;
        continue;
      }
      const marks = [...svg.querySelectorAll('path, rect, circle')].filter((el) => {
        if (el.closest('.recharts-cartesian-grid, .recharts-cartesian-axis, .recharts-legend-wrapper, .recharts-tooltip-cursor')) return false;
        if (svg.classList.contains('trends-svg') && el.tagName === 'rect' && el.parentElement === svg && el === svg.querySelector('rect')) return false; // the heatmap's background
        const box = (el as SVGGraphicsElement).getBBox();
        return box.width > 0 && box.height > 0;
      });
      out[title] = marks.length;
    }
    return out;
  });
}

async function expectEveryChartDrawn(page: Page, atLeast: number): Promise<void> {
  const marks = await chartMarks(page);
  test.info().annotations.push({ type: 'chart marks', description: JSON.stringify(marks) });
  expect(Object.keys(marks).length).toBeGreaterThanOrEqual(atLeast);
  for (const [title, n] of Object.entries(marks)) expect(n, `marks drawn in "${title}"`).toBeGreaterThan(0);
  await expect(page.locator('.trends-card .trends-empty')).toHaveCount(0); // no "No incidents in this range"
  await expect(page.locator('.trends-alert')).toHaveCount(0);
}

test.describe.configure({ timeout: 240_000 });

test('demo workspace: every chart renders; table view, CSV and PNG exports work', async ({ page }) => {
  const host = await startBrowserHost({ args: [] }); // the demo: a year of GitHub status history
  try {
    await openTrends(page, `${host.url}/trends`);
    await expectEveryChartDrawn(page, 12);
    // The period report of the range on screen.
    await expect(page.getByRole('link', { name: 'Period report', exact: true })).toHaveAttribute('href', /^\/#\/report\/trends\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d&granularity=week&tz=/);

    const card = page.locator('figure.trends-card').filter({ has: page.getByRole('heading', { name: /^Incidents opened per week$/ }) });
    // Table view and back.
    const toggle = card.getByRole('button', { name: 'Table' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const table = card.getByRole('region', { name: 'Incidents opened per week: table' });
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    await expect(card.locator('svg.recharts-surface')).toHaveCount(0);
    await toggle.click();
    await expect(card.locator('svg.recharts-surface')).toHaveCount(1);

    // CSV: a header row, then one row per week.
    const [csv] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: /^CSV/ }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const lines = (await readFile((await csv.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/P1.*P2.*P3.*P4.*P5/);
    expect(lines.length).toBeGreaterThan(40);

    // PNG: a real picture of the chart.
    const [png] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: /^PNG/ }).click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = await readFile((await png.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(300); // width
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(150); // height

    // Problem candidates: the long lists of incident ids wrap inside the table, whole ids per line.
    const candidates = page.locator('figure.trends-card').filter({ has: page.getByRole('heading', { name: 'Problem candidates: recurring services' }) });
    const ids = candidates.locator('td.is-list').first();
    await expect(ids.locator('.id-list-item').nth(10)).toBeVisible();
    const wrap = await candidates.locator('.trends-table-wrap').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(wrap.scroll, 'no horizontal scrolling').toBeLessThanOrEqual(wrap.client);
    const idLines = await ids.evaluate((el) => new Set([...el.querySelectorAll('.id-list-item')].map((x) => Math.round(x.getBoundingClientRect().top))).size);
    expect(idLines, 'the ids take several lines').toBeGreaterThan(1);
    await candidates.screenshot({ path: 'test-results/trends-problem-candidates.png' });

    await page.screenshot({ path: 'test-results/trends-demo.png', fullPage: true });
  } finally {
    await host.stop();
  }
});

test('the imported BPI 2013 log: every chart renders over its date range', async ({ page }) => {
  const host = await startBrowserHost(); // --no-demo
  try {
    const content = readZipEntry(join(EVENTLOGS, 'IBM-VolvoIT-Challenge.zip'), 'VolvoIT-Challenge/VINST-new.csv').toString('utf8');
    const preview = await ok<{ sourceKey: string; mapping: unknown; incidentCount: number }>(host.url, 'import.preview', { content, fileName: 'VINST-new.csv' });
    expect(preview.incidentCount).toBe(7554);
    const summary = await ok<{ incidents: { created: number } }>(host.url, 'import.run', { importId: 'e2e-bpi', content, fileName: 'VINST-new.csv', sourceKey: preview.sourceKey, mapping: preview.mapping });
    expect(summary.incidents.created).toBe(7554);

    // The log's own range: its first and last change dates (column 2, ISO with offset).
    const days = content
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[1]?.slice(0, 10) ?? '')
      .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
      .sort();
    const from = days[0]!;
    const to = days.at(-1)!;
    await openTrends(page, `${host.url}/trends?from=${from}&to=${to}&granularity=month&tz=UTC`);
    await expect(page.getByRole('status').filter({ hasText: /^7,55\d incidents in range$/ })).toBeVisible();
    await expectEveryChartDrawn(page, 12);
    await expect(page.getByRole('link', { name: 'Period report', exact: true })).toHaveAttribute('href', `/#/report/trends?from=${from}&to=${to}&granularity=month&tz=UTC`);
    await page.screenshot({ path: 'test-results/trends-bpi.png', fullPage: true });
  } finally {
    await host.stop();
  }
});
