/**
 * Wall board benchmark, driven by Playwright in Chromium against the real browser host.
 * `benchWallboard()` prints JSON lines {name, value, unit, baseline, ratio, note}.
 *
 * 500 active incidents (made over the HTTP API), a 1920×1080 board, measured with the web
 * Performance API in the page (resource timing, performance.now, a PerformanceObserver for
 * 'longtask') and Chromium's own main-thread accounting (CDP Performance.getMetrics: ThreadTime,
 * the CPU time of the renderer's main thread — script, style, layout, paint, GC — and
 * TaskDuration, its tasks' wall time, which on a loaded machine includes time spent waiting):
 *
 * - firstPaint: from the data being available (responseEnd of workspace.info and
 *   incidents.list, whichever is later) to the first frame painted after the first page's 30
 *   tiles are in the DOM (the first rAF after they are, plus a message-channel hop past the paint).
 *   Median of `runs` reloads. Goal ≤ 300 ms.
 * - tick.mainThread: main-thread CPU time per second while the board only ticks (no data, no
 *   page turns: rotate=600; every incident over a minute old), over `tickSeconds`: everything
 *   one tick costs, rendering included.
 *   Goal ≤ 4 ms. tick.js: the clock's own task (setState and React's synchronous render and
 *   commit), median.
 * - stress: `stressSeconds` of `changesPerSecond` incident changes with the board paging every
 *   5 s. Driven by injecting stream messages (default, `drive: 'stream'`): the page's own
 *   EventSource receives `incidents` messages exactly as from the host (the renderer's JSON.parse
 *   and zod validation included), built beforehand from the real incidents with a changed title
 *   (every 10th also flips P3↔P4, which re-orders and re-counts) — the renderer in isolation,
 *   not competing with the host for the CPU. `drive: 'api'` sends real `incidents.command`
 *   calls (a note on an incident) to the host instead. Goals: no long task over 50 ms, no dropped
 *   rotation (every 5-s boundary crossed shows the next page).
 *
 * Baseline, measured in the same run on the same data: the same board with `bench=rerender-all`,
 * which disables the design's memoisation (every tick re-evaluates every incident's SLA clocks,
 * re-orders, and re-renders every tile). ratio = baseline / value: what the design buys.
 *
 * Run: `npx tsx tests/bench/wallboard-bench.ts` after `npm run build:web` (the host serves
 * out/renderer). Uses CHROMIUM_PATH or /usr/bin/chromium like playwright.config.ts.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import type { IncidentState } from '../../shared/domain/incident';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { startBrowserHost, type RunningHost } from '../e2e/support/browser-host';

interface Line {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  note: string;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function emit(line: Line): void {
  console.log(JSON.stringify({ ...line, value: round(line.value), baseline: line.baseline === null ? null : round(line.baseline), ratio: line.ratio === null ? null : round(line.ratio) }));
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
/** baseline / value, or null when the value is 0 (a count of zero long tasks, say). */
const ratioOf = (value: number, baseline: number): number | null => (value > 0 ? baseline / value : null);

export interface WallboardBenchOptions {
  incidents?: number;
  runs?: number;
  tickSeconds?: number;
  stressSeconds?: number;
  changesPerSecond?: number;
  drive?: 'stream' | 'api';
  /** Run only some of the measurements (all by default). */
  only?: ReadonlyArray<'paint' | 'tick' | 'stress'>;
  /** Extra URL parameters for every board opened (e.g. `motion=reduced`). */
  extraQuery?: string;
}

type Mode = 'memo' | 'rerender-all';

interface PageStats {
  longTasks: number[];
  ticks: number[];
  rotations: Array<[number, string]>;
  painted: number;
  dataAt: number;
  domAt: number;
}

/** Installed before the app's scripts: the page-side instruments (see the file comment). */
function instrument(expectTiles: number): void {
  const w = window as unknown as Record<string, unknown> & typeof window;
  const wb: PageStats = { longTasks: [], ticks: [], rotations: [], painted: 0, dataAt: 0, domAt: 0 };
  w.__wb = wb;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) wb.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceResourceTiming[]) if (/\/api\/(workspace\.info|incidents\.list)$/.test(e.name)) wb.dataAt = Math.max(wb.dataAt, e.responseEnd);
  }).observe({ type: 'resource', buffered: true });

  // The renderer's one clock: startClock's 1-s interval. Time its task up to React's commit
  // (React flushes a store-driven update in a microtask queued while the callback ran).
  const nativeSetInterval = window.setInterval.bind(window);
  w.setInterval = ((cb: TimerHandler, ms?: number, ...rest: unknown[]) => {
    if (ms !== 1000 || typeof cb !== 'function') return nativeSetInterval(cb, ms, ...rest);
    return nativeSetInterval(() => {
      const t0 = performance.now();
      (cb as () => void)();
      queueMicrotask(() => queueMicrotask(() => wb.ticks.push(performance.now() - t0)));
    }, ms);
  }) as typeof window.setInterval;

  // The first frame after the first page's tiles are all in the DOM.
  const observer = new MutationObserver(() => {
    if (wb.domAt || document.querySelectorAll('.wall-tile').length < expectTiles) return;
    wb.domAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        wb.painted = performance.now();
      };
      ch.port2.postMessage(0);
    });
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));

  // Page turns, from the page indicator (polled: a text observer would fire on every tick).
  let last = '';
  nativeSetInterval(() => {
    const text = document.querySelector('.wall-page')?.textContent ?? '';
    if (text !== last) wb.rotations.push([Date.now(), text]);
    last = text;
  }, 100);

  // Keep the board's EventSource, to inject stream messages into it.
  const Native = window.EventSource;
  const sources: EventSource[] = [];
  w.__wbSources = sources;
  w.EventSource = class extends Native {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      sources.push(this);
    }
  } as typeof EventSource;
}

async function seed(host: RunningHost, count: number): Promise<IncidentState[]> {
  const post = async <T,>(method: string, body: unknown): Promise<T> => {
    const res = await fetch(`${host.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  // impact × urgency: ~4 % P1, 16 % P2, 40 % P3, 30 % P4, 10 % P5
  const levels = (i: number): [number, number] => {
    const r = (i * 37) % 100;
    return r < 4 ? [1, 1] : r < 20 ? [1, 2] : r < 60 ? [2, 2] : r < 90 ? [2, 3] : [3, 3];
  };
  const things = ['Radio link', 'CAD server', 'Door controller', 'Storage array', 'Web portal', 'Phone trunk', 'Print server', 'Wi-Fi controller', 'Backup job', 'SCADA gateway'];
  const out: IncidentState[] = [];
  // One create at a time: concurrent creates on one host collapse into one incident (reported).
  for (let i = 0; i < count; i++) {
    const [impact, urgency] = levels(i);
    out.push(await post<IncidentState>('incidents.create', { title: `${things[i % things.length]} degraded — site ${1 + (i % 17)} #${i + 1}`, impact, urgency, services: [`Site ${1 + (i % 17)}`] }));
  }
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const id = out[i]!.id;
      if (i % 3) out[i] = await post('incidents.command', { id, command: { type: 'transition', to: 'acknowledged' } });
      if (i % 4 === 0) out[i] = await post('incidents.command', { id, command: { type: 'assignRole', role: 'coordinator', person: 'Ana Ruiz' } });
      if (i % 3 === 1) out[i] = await post('incidents.command', { id, command: { type: 'addEntry', kind: 'status_update', text: 'Stakeholders informed; next update soon' } });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return out;
}

const stats = (page: Page) => page.evaluate(() => (window as unknown as { __wb: PageStats }).__wb);

let extraQuery = '';

async function openBoard(page: Page, host: RunningHost, mode: Mode, query: string): Promise<void> {
  await page.goto(`${host.url}/wall?${query}${mode === 'rerender-all' ? '&bench=rerender-all' : ''}${extraQuery}`);
  try {
    await page.waitForFunction(() => (window as unknown as { __wb: PageStats }).__wb.painted > 0, undefined, { timeout: 120_000 });
  } catch (err) {
    const tiles = await page.locator('.wall-tile').count();
    await page.screenshot({ path: 'test-results/wallboard-bench-timeout.png' });
    throw new Error(`the board did not paint its first page (${tiles} tiles; see test-results/wallboard-bench-timeout.png): ${String(err)}`);
  }
}

/**
 * Main-thread work of the renderer from now on, in ms: `cpu` = the main thread's CPU time (CDP
 * ThreadTime), `wall` = the duration of its tasks (TaskDuration: includes time the OS ran
 * something else — on a loaded machine much larger than the work itself).
 */
async function mainThread(page: Page): Promise<() => Promise<{ cpu: number; wall: number }>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const m = new Map((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
    return { cpu: m.get('ThreadTime')! * 1000, wall: m.get('TaskDuration')! * 1000 };
  };
  const t0 = await read();
  return async () => {
    const t1 = await read();
    return { cpu: t1.cpu - t0.cpu, wall: t1.wall - t0.wall };
  };
}

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.addInitScript(instrument, Number(process.env.BENCH_TILES ?? 30));
  return page;
}

async function firstPaint(browser: Browser, host: RunningHost, mode: Mode, runs: number): Promise<number[]> {
  const page = await newPage(browser);
  const out: number[] = [];
  for (let r = 0; r < runs + 1; r++) {
    await openBoard(page, host, mode, 'rotate=600');
    const s = await stats(page);
    if (r > 0) out.push(s.painted - s.dataAt); // the first load warms the HTTP cache
  }
  await page.close();
  return out;
}

async function ticking(browser: Browser, host: RunningHost, mode: Mode, seconds: number) {
  const page = await newPage(browser);
  await openBoard(page, host, mode, 'rotate=600');
  await page.waitForTimeout(3000); // settle: passive effects, fonts, the first SLA re-evaluations
  await page.evaluate(() => {
    const wb = (window as unknown as { __wb: PageStats }).__wb;
    wb.ticks.length = 0;
    wb.longTasks.length = 0;
  });
  const busy = await mainThread(page);
  await page.waitForTimeout(seconds * 1000);
  const used = await busy();
  const s = await stats(page);
  await page.close();
  return { perSecond: used.cpu / seconds, wallPerSecond: used.wall / seconds, tickJs: median(s.ticks), ticks: s.ticks.length, longTasks: s.longTasks.length };
}

async function stress(browser: Browser, host: RunningHost, mode: Mode, opts: Required<WallboardBenchOptions>) {
  const rotate = 5;
  const page = await newPage(browser);
  await openBoard(page, host, mode, `rotate=${rotate}`);
  const total = opts.changesPerSecond * opts.stressSeconds;
  if (opts.drive === 'stream') {
    // Build every message beforehand, from the incidents the board loaded.
    await page.evaluate(async (n) => {
      const w = window as unknown as Record<string, unknown>;
      const res = await fetch('/api/incidents.list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scope":"active"}' });
      const list = ((await res.json()) as { incidents: Array<Record<string, unknown>> }).incidents;
      const messages: string[] = [];
      for (let k = 0; k < n; k++) {
        const base = list[(k * 37) % list.length]!;
        const flip = k % 10 === 0 && (base.priority === 'P3' || base.priority === 'P4') ? { priority: base.priority === 'P3' ? 'P4' : 'P3' } : {};
        messages.push(JSON.stringify({ kind: 'incidents', incidents: [{ ...base, ...flip, title: `${String(base.title).replace(/ \(\d+\)$/, '')} (${k})`, version: `${String(base.version)}~bench${k}` }] }));
      }
      w.__wbMessages = messages;
    }, total);
  }
  await page.waitForTimeout(3000);
  const busy = await mainThread(page);
  const [t0, pageAtT0] = await page.evaluate(() => {
    const wb = (window as unknown as { __wb: PageStats }).__wb;
    wb.longTasks.length = 0;
    wb.rotations.length = 0;
    return [Date.now(), document.querySelector('.wall-page')?.textContent ?? ''] as const;
  });
  let sent = 0;
  let failed = 0;
  if (opts.drive === 'stream') {
    sent = await page.evaluate(
      ({ perSecond, seconds }) =>
        new Promise<number>((resolve) => {
          const w = window as unknown as { __wbMessages: string[]; __wbSources: EventSource[] };
          const source = w.__wbSources[0]!;
          const n = perSecond * seconds;
          let done = 0;
          // One task per message, on schedule, as messages arrive from the network.
          for (let k = 0; k < n; k++)
            setTimeout(() => {
              source.dispatchEvent(new MessageEvent('message', { data: w.__wbMessages[k] }));
              if (++done === n) resolve(done);
            }, (k * 1000) / perSecond);
        }),
      { perSecond: opts.changesPerSecond, seconds: opts.stressSeconds },
    );
  } else {
    const list = (await (await fetch(`${host.url}/api/incidents.list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scope":"active"}' })).json()) as { incidents: IncidentState[] };
    const ids = list.incidents.map((i) => i.id);
    const start = Date.now();
    const inFlight = new Set<Promise<void>>();
    for (let k = 0; k < total; k++) {
      const wait = start + (k * 1000) / opts.changesPerSecond - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // distinct incidents in flight: a note on the k-th (spread over all)
      const p = fetch(`${host.url}/api/incidents.command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: ids[(k * 37) % ids.length], command: { type: 'addEntry', kind: 'note', text: `Bench change ${k}` } }),
      }).then(
        (r) => void (r.ok ? sent++ : failed++),
        () => void failed++,
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    await Promise.all(inFlight);
  }
  const t1 = await page.evaluate(() => Date.now());
  await page.waitForTimeout(1200); // a page due just before t1 shows at the next tick
  const used = await busy();
  const s = await stats(page);
  await page.close();
  const elapsed = (t1 - t0) / 1000;
  // Every rotate-second boundary crossed should show the next page (the page index is
  // floor(now / rotate) mod pages, shown at the next 1-s tick).
  const period = rotate * 1000;
  const expected = Math.floor(t1 / period) - Math.floor(t0 / period);
  const pageOf = (text: string) => /^Page (\d+) of (\d+)/.exec(text);
  let turns = 0;
  let skipped = 0;
  let prev = pageOf(pageAtT0);
  for (const [at, text] of s.rotations) {
    const cur = pageOf(text);
    if (at > t1 + 1100 || !cur) continue;
    if (prev && cur[1] !== prev[1]) {
      turns++;
      if (cur[2] === prev[2] && Number(cur[1]) !== (Number(prev[1]) % Number(prev[2])) + 1) skipped++;
    }
    prev = cur;
  }
  const longest = s.longTasks.length ? Math.max(...s.longTasks) : 0;
  return {
    rate: sent / elapsed,
    failed,
    longTasks: s.longTasks.length,
    over50: s.longTasks.filter((d) => d > 50).length,
    longest,
    perSecond: used.cpu / elapsed,
    wallPerSecond: used.wall / elapsed,
    dropped: Math.max(expected - turns, skipped, 0),
    expected,
    turns,
  };
}

async function measurePaint(browser: Browser, host: RunningHost, opts: Required<WallboardBenchOptions>, seedNote: string): Promise<void> {
  const memo = await firstPaint(browser, host, 'memo', opts.runs);
  const base = await firstPaint(browser, host, 'rerender-all', opts.runs);
  const fp = median(memo);
  const fpBase = median(base);
  emit({ name: 'wallboard.firstPaint', value: fp, unit: 'ms', baseline: fpBase, ratio: ratioOf(fp, fpBase), note: `data available → first frame with the first page's 30 tiles; median of ${opts.runs} (all: ${memo.map(Math.round).join(', ')}; baseline ${base.map(Math.round).join(', ')}); goal ≤ 300 ms; ${seedNote}` });
}

async function measureTick(browser: Browser, host: RunningHost, opts: Required<WallboardBenchOptions>): Promise<void> {
  const tick = await ticking(browser, host, 'memo', opts.tickSeconds);
  const base = await ticking(browser, host, 'rerender-all', opts.tickSeconds);
  emit({ name: 'wallboard.tick.mainThread', value: tick.perSecond, unit: 'ms CPU / s', baseline: base.perSecond, ratio: ratioOf(tick.perSecond, base.perSecond), note: `renderer main-thread CPU time (CDP ThreadTime: script, style, layout, paint, GC) per second while only the clock ticks (one tick a second), over ${opts.tickSeconds} s; task wall time ${round(tick.wallPerSecond)} ms/s (baseline ${round(base.wallPerSecond)}); goal ≤ 4 ms per tick` });
  emit({ name: 'wallboard.tick.js', value: tick.tickJs, unit: 'ms', baseline: base.tickJs, ratio: ratioOf(tick.tickJs, base.tickJs), note: `the clock tick's task: setState + React render and commit, median of ${tick.ticks} (baseline ${base.ticks}); long tasks ${tick.longTasks} (baseline ${base.longTasks})` });
}

async function measureStress(browser: Browser, host: RunningHost, opts: Required<WallboardBenchOptions>): Promise<void> {
  const st = await stress(browser, host, 'memo', opts);
  const base = await stress(browser, host, 'rerender-all', opts);
  const how = opts.drive === 'stream' ? 'injected stream messages (renderer isolated)' : 'incidents.command calls to the host';
  emit({ name: 'wallboard.stress.longTasksOver50ms', value: st.over50, unit: 'tasks', baseline: base.over50, ratio: ratioOf(st.over50, base.over50), note: `${opts.stressSeconds} s of ${opts.changesPerSecond} changes/s by ${how}, ${round(st.rate)} changes/s applied (baseline ${round(base.rate)}); longest task ${round(st.longest)} ms (baseline ${round(base.longest)}); goal 0` });
  emit({ name: 'wallboard.stress.longestTask', value: st.longest, unit: 'ms', baseline: base.longest, ratio: ratioOf(st.longest, base.longest), note: 'longest task reported by the longtask observer (≥ 50 ms; 0 = none)' });
  emit({ name: 'wallboard.stress.mainThread', value: st.perSecond, unit: 'ms CPU / s', baseline: base.perSecond, ratio: ratioOf(st.perSecond, base.perSecond), note: `renderer main-thread CPU time per second during the changes (CDP ThreadTime); task wall time ${round(st.wallPerSecond)} ms/s (baseline ${round(base.wallPerSecond)})` });
  emit({ name: 'wallboard.stress.droppedRotations', value: st.dropped, unit: 'rotations', baseline: base.dropped, ratio: null, note: `rotate=5: ${st.turns} page turns seen of ${st.expected} due (baseline ${base.turns} of ${base.expected}); goal 0${st.failed + base.failed ? `; failed calls ${st.failed}/${base.failed}` : ''}` });
}

export async function benchWallboard(options: WallboardBenchOptions = {}): Promise<void> {
  const opts: Required<WallboardBenchOptions> = { incidents: 500, runs: 5, tickSeconds: 20, stressSeconds: 60, changesPerSecond: 50, drive: 'stream', only: ['paint', 'tick', 'stress'], extraQuery: '', ...options };
  extraQuery = opts.extraQuery ? `&${opts.extraQuery}` : '';
  const host = await startBrowserHost({ args: ['--no-demo'] });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const seedStart = Date.now();
    await seed(host, opts.incidents);
    const seededAt = Date.now();
    const seedNote = `${opts.incidents} active incidents seeded over the API in ${Math.round((Date.now() - seedStart) / 1000)} s; 1920×1080`;
    if (opts.only.includes('paint')) await measurePaint(browser, host, opts, seedNote);
    if (opts.only.includes('tick')) {
      // Steady state: every incident older than a minute, so its age texts change once a minute
      // (a fresh incident's "45s" changes every second for its first minute: real, but not the design's cost).
      const wait = seededAt + 65_000 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await measureTick(browser, host, opts);
    }
    if (opts.only.includes('stress')) await measureStress(browser, host, opts);
  } finally {
    await browser.close();
    await host.stop();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const drive = process.argv.includes('--api') ? 'api' : 'stream';
  await benchWallboard({ drive });
}
