import { chromium } from '@playwright/test';
import { startBrowserHost } from './tests/e2e/support/browser-host.ts';
import { CHROMIUM_ARGS } from './playwright.config.ts';
const host = await startBrowserHost();
const post = (m: string, b: unknown) => fetch(`${host.url}/api/${m}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) }).then((r) => r.json());
try {
  for (let i = 0; i < 200; i++) await post('incidents.create', { title: `Thing ${i} degraded`, impact: 1 + (i % 3), urgency: 2 + (i % 2) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  for (const q of (process.argv[2] ?? 'rotate=600').split('|')) {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${host.url}/wall?${q}`);
    await page.waitForSelector('.wall-tile');
    await page.waitForTimeout(3000);
    const cdp = await page.context().newCDPSession(page);
    const events: any[] = [];
    cdp.on('Tracing.dataCollected', (e: any) => events.push(...e.value));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink', 'cc', 'v8'] } as any, transferMode: 'ReportEvents' } as any);
    await page.waitForTimeout(5000);
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const onMain = events.filter((e) => e.pid === main?.pid && e.tid === main?.tid && e.ph === 'X');
    const agg = new Map<string, [number, number]>();
    for (const e of onMain) { const a = agg.get(e.name) ?? [0, 0]; a[0] += (e.tdur ?? e.dur ?? 0) / 1000; a[1]++; agg.set(e.name, a); }
    const top = [...agg].sort((a, b) => b[1][0] - a[1][0]).slice(0, 18).map(([n, [ms, c]]) => `${n} ${(ms / 5).toFixed(1)}ms/s ×${(c / 5).toFixed(1)}/s`);
    console.log('==', q, '\n' + top.join('\n'));
    await page.close();
  }
  await browser.close();
} finally { await host.stop(); }
