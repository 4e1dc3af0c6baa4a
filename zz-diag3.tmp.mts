import { chromium } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from './electron/services/workspace/open-workspace.ts';
import { createHttpHost } from './electron/host/http-host.ts';
async function startBrowserHost() {
  const service = await openWorkspace({ dataDir: await mkdtemp(join(tmpdir(), 'wb-diag-')), version: 'diag', demo: false });
  const h = createHttpHost({ service, version: 'diag', staticDir: process.env.STATIC_DIR! });
  await new Promise<void>((r) => h.server.listen(0, '127.0.0.1', r));
  const a = h.server.address() as any;
  return { url: `http://127.0.0.1:${a.port}`, stop: async () => { await h.close(); await service.close(); } };
}
import { CHROMIUM_ARGS } from './playwright.config.ts';
const host = await startBrowserHost();
const post = (m: string, b: unknown) => fetch(`${host.url}/api/${m}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) }).then((r) => r.json());
try {
  for (let i = 0; i < 300; i++) { const s: any = await post('incidents.create', { title: `Thing ${i} degraded`, impact: 1 + (i % 3), urgency: 2 + (i % 2) }); if (i % 2) await post('incidents.command', { id: s.id, command: { type: 'addEntry', kind: 'status_update', text: 'hello' } }); }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript(`(() => { const N = window.EventSource; const s = []; window.__src = s; window.EventSource = class extends N { constructor(u, o) { super(u, o); s.push(this); } }; })()`);
  await page.goto(`${host.url}/wall?rotate=600&motion=reduced${process.argv[2] ?? ''}`);
  await page.waitForSelector('.wall-tile');
  await page.waitForTimeout(2000);
  await page.evaluate(`(async () => { const r = await fetch('/api/incidents.list', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scope":"active"}' }); const list = (await r.json()).incidents; window.__msgs = Array.from({ length: 200 }, (_, k) => { const b = list[(k * 37) % list.length]; return JSON.stringify({ kind: 'incidents', incidents: [{ ...b, title: b.title + ' (' + k + ')', version: b.version + '~' + k }] }); }); })()`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const m = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const a = await m();
  await page.evaluate(`new Promise((res) => { let k = 0; const t = setInterval(() => { window.__src[0].dispatchEvent(new MessageEvent('message', { data: window.__msgs[k++] })); if (k >= 200) { clearInterval(t); res(); } }, 50); })`);
  const b = await m();
  const { profile } = await cdp.send('Profiler.stop');
  console.log('thread CPU ms/change', ((b.ThreadTime - a.ThreadTime) * 1000 / 200).toFixed(2), 'task ms/change', ((b.TaskDuration - a.TaskDuration) * 1000 / 200).toFixed(2), 'script', ((b.ScriptDuration - a.ScriptDuration) * 1000 / 200).toFixed(2), 'layout', ((b.LayoutDuration - a.LayoutDuration) * 1000 / 200).toFixed(2));
  // self time by function
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const self = new Map<string, number>();
  const dt = profile.timeDeltas; 
  for (let i = 0; i < profile.samples.length; i++) { const n: any = byId.get(profile.samples[i]); const k = `${n.callFrame.functionName || '(anon)'} :${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000); }
  const total = [...self.values()].reduce((x, y) => x + y, 0);
  console.log([...self].sort((x, y) => y[1] - x[1]).slice(0, 30).map(([k, v]) => `${(v / 200).toFixed(3)} ms/chg ${k}`).join('\n'), '\ntotal', total.toFixed(0));
  await browser.close();
} finally { await host.stop(); }
