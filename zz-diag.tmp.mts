import { chromium } from '@playwright/test';
import { startBrowserHost } from './tests/e2e/support/browser-host.ts';
import { CHROMIUM_ARGS } from './playwright.config.ts';
const host = await startBrowserHost();
const post = (m: string, b: unknown) => fetch(`${host.url}/api/${m}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) }).then((r) => r.json());
try {
  for (let i = 0; i < 200; i++) await post('incidents.create', { title: `Thing ${i} degraded`, impact: 1 + (i % 3), urgency: 2 + (i % 2) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  for (const q of ['rotate=600', 'rotate=600&bench=rerender-all', 'rotate=600&motion=reduced', 'rotate=600&motion=reduced&bench=rerender-all', 'rotate=600', 'rotate=600&bench=rerender-all']) {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${host.url}/wall?${q}`);
    await page.waitForSelector('.wall-tile');
    await page.waitForTimeout(3000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const m = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
    const a = await m();
    await page.waitForTimeout(10000);
    const b = await m();
    const d = (k: string) => ((b[k] - a[k]) * 1000 / 10).toFixed(1);
    console.log(q, 'per s: thread CPU', d('ThreadTime'), 'task', d('TaskDuration'), 'script', d('ScriptDuration'), 'layout', d('LayoutDuration'), 'style', d('RecalcStyleDuration'), 'layouts', (b.LayoutCount - a.LayoutCount) / 10, 'styles', (b.RecalcStyleCount - a.RecalcStyleCount) / 10);
    await page.close();
  }
  await browser.close();
} finally { await host.stop(); }
