/**
 * Trends screen benchmark (issue #7: "the trends screen's first render of all charts" with
 * 50,000 incidents / ~1,000,000 events), driven by Playwright in Chromium against the real
 * browser host. `benchTrendsRender()` prints JSON lines {name, value, unit, baseline, ratio, note}.
 *
 * Data: tests/bench/trends-workspace.ts writes the metrics benchmark's synthetic year straight
 * into a temp data dir's journal before the host starts (the host then opens it like any other).
 *
 * Each load navigates to `/trends` (the default range: the last 12 months, weekly) at 1920×1080
 * and is measured in the page with the Performance API:
 * - ready: every chart card's SVG has drawn its data — each `.trends-chart` holds a recharts
 *   surface with at least one bar rectangle or line curve, or the heatmap's cells — for all 12
 *   chart cards; then the first frame painted after that (rAF, then a message-channel hop).
 * - firstRender: navigation start → that frame (document, bundle, workspace.info, the screen's
 *   150-ms parameter debounce, trends.query, rendering).
 * - boot: navigation → trends.query sent: the screen waits for the app's own workspace load
 *   (workspace.info; the active incidents list is loaded only by the views that show it), then
 *   debounces its parameters for 150 ms.
 * - query: the trends.query request's resource timing, requestStart → responseEnd (the host
 *   computing every series, serialising, transfer).
 * - render: trends.query's responseEnd → the frame (JSON parse, validation, React, recharts,
 *   layout, paint); render.longTasks: the long tasks (≥ 50 ms) in that window, summed — main-
 *   thread work in chunks the user feels; longTasks.total: the same over the whole load. (Not CDP
 *   ThreadTime: a navigation may swap the renderer process, which restarts that counter.)
 * The first load after the host starts computes every incident's facts (a cold cache: reported
 * as firstRender.cold); the figures are medians of `runs` loads after it.
 *
 * Baseline, same run, same generator: the same screen over a 500-incident workspace. The screen
 * shows buckets, not incidents, so 100× the data should cost only in the server's query (the boot
 * figure shows what else it costs); ratio = baseline / value (below 1: slower than the small one).
 *
 * Run: `npx tsx tests/bench/run.ts trends` after `npm run build:web` (the host serves
 * out/renderer). Uses CHROMIUM_PATH or /usr/bin/chromium like playwright.config.ts.
 */
import { loadavg } from 'node:os';
import { rm } from 'node:fs/promises';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { startBrowserHost } from '../e2e/support/browser-host';
import { writeTrendsWorkspace, type TrendsWorkspace } from './trends-workspace';

/** Chart cards on the screen (table-only cards have no `.trends-chart`). */
const CHART_CARDS = 12;

interface PageStats {
  longTasks: Array<{ start: number; duration: number }>;
  query: { requestStart: number; responseEnd: number; bytes: number } | null;
  /** The app's own start: workspace.info (the screen waits for it), and the active incidents list if anything asked for it. */
  boot: { responseEnd: number; listBytes: number };
  painted: number;
}

interface Load {
  firstRender: number;
  query: number;
  render: number;
  longTasks: number;
  allLongTasks: number;
  bytes: number;
  bootEnd: number;
  listBytes: number;
  queryStart: number;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const load1 = (): string => loadavg()[0]!.toFixed(2);

function emit(name: string, value: number, unit: string, baseline: number, note: string): void {
  console.log(JSON.stringify({ name, value: round(value), unit, baseline: round(baseline), ratio: value > 0 ? round(baseline / value) : null, note }));
}

/** Installed before the app's scripts: the page-side instruments (see the file comment). */
function instrument(chartCards: number): void {
  const stats: PageStats = { longTasks: [], query: null, boot: { responseEnd: 0, listBytes: 0 }, painted: 0 };
  (window as unknown as { __trends: PageStats }).__trends = stats;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) stats.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceResourceTiming[])
      if (e.name.endsWith('/api/trends.query')) stats.query = { requestStart: e.requestStart, responseEnd: e.responseEnd, bytes: e.encodedBodySize };
      else if (/\/api\/(workspace\.info|incidents\.list)$/.test(e.name)) {
        stats.boot.responseEnd = Math.max(stats.boot.responseEnd, e.responseEnd);
        if (e.name.endsWith('incidents.list')) stats.boot.listBytes = e.encodedBodySize;
      }
  }).observe({ type: 'resource', buffered: true });

  // No named inner functions: tsx would wrap them in a `__name` helper the page does not have.
  const marks = 'svg.recharts-surface .recharts-bar-rectangle, svg.recharts-surface path.recharts-line-curve[d], svg.trends-heatmap g > rect';
  const observer = new MutationObserver(() => {
    const charts = document.querySelectorAll('.trends-card .trends-chart');
    if (charts.length < chartCards || ![...charts].every((chart) => chart.querySelector(marks))) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        stats.painted = performance.now();
      };
      ch.port2.postMessage(0);
    });
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['d'] }));
}

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.addInitScript(instrument, CHART_CARDS);
  return page;
}

async function loadOnce(page: Page, url: string): Promise<Load> {
  await page.goto(`${url}/trends`);
  try {
    await page.waitForFunction(() => (window as unknown as { __trends: PageStats }).__trends.painted > 0, undefined, { timeout: Number(process.env.TRENDS_BENCH_TIMEOUT_MS ?? 180_000), polling: 100 });
  } catch (err) {
    await page.screenshot({ path: 'test-results/trends-bench-timeout.png', fullPage: true });
    throw new Error(`the trends screen did not draw every chart (see test-results/trends-bench-timeout.png): ${String(err)}`);
  }
  const s = await page.evaluate(() => (window as unknown as { __trends: PageStats }).__trends);
  if (!s.query) throw new Error('no trends.query request was seen');
  const after = s.query.responseEnd;
  return {
    firstRender: s.painted,
    query: s.query.responseEnd - s.query.requestStart,
    render: s.painted - after,
    longTasks: s.longTasks.filter((t) => t.start + t.duration > after && t.start < s.painted).reduce((a, t) => a + t.duration, 0),
    allLongTasks: s.longTasks.filter((t) => t.start < s.painted).reduce((a, t) => a + t.duration, 0),
    bytes: s.query.bytes,
    bootEnd: s.boot.responseEnd,
    listBytes: s.boot.listBytes,
    queryStart: s.query.requestStart,
  };
}

interface Series {
  cold: Load;
  loads: Load[];
  loads1: string[];
  startMs: number;
}

/** Starts a host on the workspace, loads the screen once cold and `runs` times warm, stops it. */
async function measure(browser: Browser, ws: TrendsWorkspace, runs: number): Promise<Series> {
  const t0 = Date.now();
  const host = await startBrowserHost({ dataDir: ws.dataDir, args: ['--no-demo'], startTimeoutMs: 600_000 });
  const startMs = Date.now() - t0;
  try {
    const page = await newPage(browser);
    const cold = await loadOnce(page, host.url);
    const loads: Load[] = [];
    const loads1: string[] = [];
    for (let r = 0; r < runs; r++) {
      loads1.push(load1());
      loads.push(await loadOnce(page, host.url));
    }
    await page.close();
    return { cold, loads, loads1, startMs };
  } finally {
    await host.stop();
  }
}

export interface TrendsRenderBenchOptions {
  incidents?: number;
  baselineIncidents?: number;
  runs?: number;
}

export async function benchTrendsRender(options: TrendsRenderBenchOptions = {}): Promise<void> {
  const opts: Required<TrendsRenderBenchOptions> = { incidents: 50_000, baselineIncidents: 500, runs: 5, ...options };
  const now = Date.now();
  const big = await writeTrendsWorkspace(opts.incidents, now);
  const small = await writeTrendsWorkspace(opts.baselineIncidents, now);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const value = await measure(browser, big, opts.runs);
    const base = await measure(browser, small, opts.runs);
    const m = (s: Series, k: keyof Load) => median(s.loads.map((l) => l[k]));
    const all = (s: Series, k: keyof Load) => s.loads.map((l) => Math.round(l[k])).join(', ');
    const data = `${big.incidents.toLocaleString('en')} incidents, ${big.events.toLocaleString('en')} events (${Math.round(big.bytes / 1e6)} MB journal, written in ${Math.round(big.writeMs / 1000)} s; host open ${Math.round(value.startMs / 1000)} s)`;
    const baseData = `baseline: the same screen over ${small.incidents} incidents / ${small.events.toLocaleString('en')} events`;
    const load = `load (1-min) ${value.loads1.join(', ')} (baseline ${base.loads1.join(', ')})`;
    const of = `median of ${opts.runs} warm loads (all: ${all(value, 'firstRender')}; baseline ${all(base, 'firstRender')})`;
    emit('trends.firstRender', m(value, 'firstRender'), 'ms', m(base, 'firstRender'), `navigation to /trends (12 months, weekly, 1920×1080) → first frame with all ${CHART_CARDS} chart cards drawn; ${of}; ${data}; ${baseData}; ${load}`);
    const list = (x: Series) => (m(x, 'listBytes') > 0 ? ` + incidents.list (active, ${Math.round(m(x, 'listBytes') / 1000)} kB)` : ' (no incidents.list)');
    const boot = (x: Series) => `workspace.info${list(x)} done at ${Math.round(m(x, 'bootEnd'))} ms, trends.query sent at ${Math.round(m(x, 'queryStart'))} ms`;
    emit('trends.boot', m(value, 'queryStart'), 'ms', m(base, 'queryStart'), `navigation → trends.query sent (the screen waits for the app's workspace load, then its 150-ms debounce): ${boot(value)} (baseline: ${boot(base)})`);
    emit('trends.firstRender.cold', value.cold.firstRender, 'ms', base.cold.firstRender, `the first load after the host started: trends.query ${Math.round(value.cold.query)} ms (baseline ${Math.round(base.cold.query)}) computing every incident's facts`);
    emit('trends.query', m(value, 'query'), 'ms', m(base, 'query'), `trends.query requestStart → responseEnd (resource timing; server cache warm), ${Math.round(m(value, 'bytes') / 1000)} kB JSON (baseline ${Math.round(m(base, 'bytes') / 1000)} kB); all: ${all(value, 'query')} (baseline ${all(base, 'query')})`);
    emit('trends.render', m(value, 'render'), 'ms', m(base, 'render'), `trends.query responseEnd → the frame with every chart drawn (JSON, React, recharts, layout, paint); all: ${all(value, 'render')} (baseline ${all(base, 'render')})`);
    emit('trends.render.longTasks', m(value, 'longTasks'), 'ms', m(base, 'longTasks'), `long tasks (≥ 50 ms) in the render window, summed (PerformanceObserver 'longtask'); all: ${all(value, 'longTasks')} (baseline ${all(base, 'longTasks')})`);
    emit('trends.longTasks.total', m(value, 'allLongTasks'), 'ms', m(base, 'allLongTasks'), `long tasks (≥ 50 ms) from navigation to the frame, summed: the bundle, the app's workspace load, the render; all: ${all(value, 'allLongTasks')} (baseline ${all(base, 'allLongTasks')})`);
  } finally {
    await browser.close();
    await rm(big.dataDir, { recursive: true, force: true });
    await rm(small.dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) await benchTrendsRender();
