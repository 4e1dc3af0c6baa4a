import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../electron/services/reports/pdf-renderer';
import { buildReportWorkspace, plainTableHtml } from './report-bench';
import { startBrowserHost } from '../e2e/support/browser-host';
const dataDir = await mkdtemp(join(tmpdir(), 'wf-phase-'));
const fx = await buildReportWorkspace(dataDir);
const host = await startBrowserHost({ dataDir, args: ['--no-demo'] });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const ctx = await browser.newContext({ viewport: { width: 1240, height: 1754 } });
await ctx.addInitScript(() => {
  const w = window as unknown as Record<string, number>;
  new MutationObserver(() => {
    const el = document.querySelector('.report-root');
    if (el && !w.__rootAt) w.__rootAt = performance.now();
    if (el && el.querySelector('.report-timeline') && !w.__tableAt) w.__tableAt = performance.now();
    if (document.querySelector('[data-report-ready]') && !w.__readyAt) w.__readyAt = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
});
for (let i = 0; i < 3; i++) {
  const page = await ctx.newPage();
  const t0 = performance.now();
  await page.goto(`${host.url}/#/report/incident/${fx.bigId}?pdf=1`, { waitUntil: 'domcontentloaded' });
  const t1 = performance.now();
  await page.locator('.report-root[data-report-ready]').waitFor({ state: 'attached', timeout: 120000 });
  const t2 = performance.now();
  const perf = await page.evaluate(() => {
    const w = window as unknown as Record<string, number>;
    const get = performance.getEntriesByType('resource').find((r) => r.name.endsWith('incidents.get')) as PerformanceResourceTiming | undefined;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return JSON.stringify({ dcl: Math.round(nav.domContentLoadedEventEnd), root: Math.round(w.__rootAt!), getStart: Math.round(get?.startTime ?? 0), getEnd: Math.round(get?.responseEnd ?? 0), table: Math.round(w.__tableAt!), ready: Math.round(w.__readyAt!) });
  });
  await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: '<div></div>', footerTemplate: '<div></div>', margin: { top: '15mm', bottom: '17mm' } });
  const t3 = performance.now();
  await page.pdf({ format: 'A4', printBackground: true });
  const t4 = performance.now();
  console.log(JSON.stringify({ goto: Math.round(t1 - t0), ready: Math.round(t2 - t1), pdfTemplates: Math.round(t3 - t2), pdfPlain: Math.round(t4 - t3), perf }));
  await page.close();
}
const page = await ctx.newPage();
const rows = fx.bigEntryTexts.map((text, i) => ({ at: '2026', who: 'x', kind: 'Note', text }));
const b0 = performance.now();
await page.setContent(plainTableHtml(rows));
const b1 = performance.now();
await page.pdf({ format: 'A4' });
console.log(JSON.stringify({ baselineSet: Math.round(b1 - b0), baselinePdf: Math.round(performance.now() - b1) }));
await browser.close();
await host.stop();
