/**
 * Report printing benchmark, and the report workspace it (and tests/e2e/reports.spec.ts) prints.
 *
 * `benchReports()` prints JSON lines {name, value, unit, baseline, ratio, note}:
 * - report.incident1000.print: loading the incident report route of an incident with 1,000
 *   timeline entries in Chromium (data from the browser host, React render, charts/fonts settled)
 *   and printing it to PDF with the producers' header/footer templates; goal < 5 s. Baseline:
 *   printing a plain HTML table of the same 1,000 rows (setContent + page.pdf) in the same run.
 * - report.incident1000.endpoint: the same report through the host's `GET /api/report.pdf`
 *   (warm Chromium), against the same baseline.
 *
 * Needs the built renderer (`npm run build:web`) and Chromium (CHROMIUM_PATH or /usr/bin/chromium).
 * Run: `npx tsx tests/bench/report-bench.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { IncidentCommandInput } from '../../shared/domain/commands';
import type { Priority } from '../../shared/domain/priority';
import type { EntryKind } from '../../shared/domain/vocabulary';
import { CommandRecorder } from '../../electron/services/demo/command-recorder';
import { CHROMIUM_ARGS } from '../../electron/services/reports/pdf-renderer';
import { footerTemplate, headerTemplate, pdfLayout } from '../../electron/services/reports/report-request';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { startBrowserHost } from '../e2e/support/browser-host';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const SITE_NAME = 'North Control Room';
export const BIG_ENTRIES = 1000;

export interface ReportFixture {
  year: number;
  /** The resolved major incident with BIG_ENTRIES timeline entries. */
  bigId: string;
  bigTitle: string;
  /** Current texts of the big incident's entries (corrections applied), in order. */
  bigEntryTexts: string[];
  /** Entries corrected: the original (struck through) and the correction. */
  corrections: Array<{ original: string; correction: string }>;
  /** An active P1 with roles, responders, tasks and stakeholder updates. */
  smallId: string;
  smallEntryTexts: string[];
  /** Every active incident. */
  activeIds: string[];
  /** Resolved incidents of the last eight weeks, for the trend report. */
  historyCount: number;
}

const PHRASES = [
  'radio site Alpha link checked, stable',
  'dispatch queue length back under ten',
  'vendor engineer confirms fibre splice at cabinet 7',
  'switched north sector to backup trunk',
  'CAD terminals in room B restarted',
  'call-takers briefed on manual fallback',
  'monitoring shows packet loss at 2 percent',
  'ambulance liaison informed of delays',
  'power supply in rack 4 replaced',
  'network team rolled back router config',
];
const KINDS: EntryKind[] = ['note', 'action', 'decision', 'external', 'communication', 'note', 'action', 'note', 'external', 'note'];
const PEOPLE = ['Alex Morgan', 'Priya Shah', 'Sam Okafor', 'Jo Lindqvist', 'Chen Wei'];
const SERVICES = ['Radio', 'CAD', 'Telephony', 'Network', 'Mapping'];

/** Deterministic pseudo-random numbers (the same workspace every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Builds the report workspace in `dataDir` (which must be empty): every event passes the same
 * domain rules as a live call (CommandRecorder), recorded at its own time before `now`.
 */
export async function buildReportWorkspace(dataDir: string, now = Date.now()): Promise<ReportFixture> {
  const year = new Date(now).getUTCFullYear();
  const id = (n: number) => `INC-${year}-RPT001-${n}`;
  let ids = 0;
  const rec = new CommandRecorder({ newId: () => `rpt-${++ids}` });
  const run = (incident: string, command: IncidentCommandInput, at: number, actor: string) => rec.run(incident, command, at, actor);
  const entryId = (pending: ReturnType<typeof run>) => (pending.find((p) => p.type === 'entry.added')!.data as { entryId: string }).entryId;

  // Eight weeks of resolved history (the trend report's period).
  const random = rng(7);
  const priorities: Priority[] = ['P1', 'P2', 'P3', 'P3', 'P4', 'P4', 'P5'];
  const LEVELS: Record<Priority, [1 | 2 | 3, 1 | 2 | 3]> = { P1: [1, 1], P2: [1, 2], P3: [2, 2], P4: [2, 3], P5: [3, 3] };
  let n = 100;
  const historyCount = 48;
  for (let k = 0; k < historyCount; k++) {
    const at = now - 56 * DAY + Math.floor(random() * 52 * DAY);
    const p = priorities[Math.floor(random() * priorities.length)]!;
    const service = SERVICES[Math.floor(random() * SERVICES.length)]!;
    const who = PEOPLE[k % PEOPLE.length]!;
    const hid = id(n++);
    rec.create(hid, { title: `${service} degraded (${k + 1})`, services: [service], category: k % 3 ? 'Infrastructure' : 'Application', impact: LEVELS[p][0], urgency: LEVELS[p][1] }, at, who);
    run(hid, { type: 'transition', to: 'acknowledged' }, at + (2 + Math.floor(random() * 20)) * MIN, who);
    run(hid, { type: 'addEntry', kind: 'status_update', text: `${service}: investigating` }, at + 25 * MIN, who);
    rec.moveTo(hid, 'resolved', at + (40 + Math.floor(random() * 600)) * MIN, who, { resolution: { summary: 'Service restored', code: 'Fixed' } });
  }

  // The big one: a major P2, three days long, 1,000 timeline entries, resolved and closed.
  const bigId = id(1);
  const bigTitle = 'Radio trunking outage — North sector';
  const t0 = now - 3 * DAY - 6 * HOUR;
  rec.create(
    bigId,
    {
      title: bigTitle,
      description: 'Loss of radio trunking across the North sector. Crews fell back to talk-through and mobile phones. Dispatch degraded for three days.',
      category: 'Infrastructure',
      services: ['Radio', 'Network'],
      reporter: 'Night supervisor',
      source: 'monitoring',
      major: true,
      impact: 1,
      urgency: 2,
    },
    t0,
    'Alex Morgan',
  );
  let t = t0 + 3 * MIN;
  run(bigId, { type: 'transition', to: 'acknowledged' }, t, 'Alex Morgan');
  run(bigId, { type: 'assignRole', role: 'coordinator', person: 'Alex Morgan' }, t, 'Alex Morgan');
  run(bigId, { type: 'assignRole', role: 'communications', person: 'Priya Shah' }, (t += MIN), 'Alex Morgan');
  run(bigId, { type: 'joinResponder', person: 'Sam Okafor', team: 'Network' }, (t += MIN), 'Alex Morgan');
  run(bigId, { type: 'joinResponder', person: 'Jo Lindqvist', team: 'Radio' }, (t += MIN), 'Alex Morgan');
  run(bigId, { type: 'addTask', title: 'Confirm backup trunk capacity', owner: 'Jo Lindqvist', checklist: ['North', 'East'] }, (t += MIN), 'Alex Morgan');
  run(bigId, { type: 'transition', to: 'investigating' }, (t += MIN), 'Alex Morgan');
  const texts: string[] = [];
  const ids2: string[] = [];
  const step = Math.floor((3 * DAY) / BIG_ENTRIES);
  for (let i = 1; i <= BIG_ENTRIES; i++) {
    t += step;
    const update = i % 50 === 0;
    const text = update
      ? `Update ${i / 50}: restoration in progress, next update within the hour (log ${String(i).padStart(4, '0')})`
      : `Log ${String(i).padStart(4, '0')}: ${PHRASES[i % PHRASES.length]}`;
    const kind: EntryKind = update ? 'status_update' : KINDS[i % KINDS.length]!;
    ids2.push(entryId(run(bigId, { type: 'addEntry', kind, text }, t, PEOPLE[i % PEOPLE.length]!)));
    texts.push(text);
  }
  const corrections: ReportFixture['corrections'] = [];
  for (const i of [10, 500]) {
    const correction = `Log ${String(i).padStart(4, '0')} corrected: the fault was at cabinet ${i % 9}, not cabinet 7`;
    run(bigId, { type: 'correctEntry', entryId: ids2[i - 1]!, text: correction }, (t += MIN), 'Priya Shah');
    corrections.push({ original: texts[i - 1]!, correction });
    texts[i - 1] = correction;
  }
  run(bigId, { type: 'transition', to: 'mitigated' }, (t += 5 * MIN), 'Alex Morgan');
  run(bigId, { type: 'transition', to: 'resolved', resolution: { summary: 'Failed trunk controller replaced by the vendor; all sites back on the primary trunk.', code: 'Vendor fix' } }, (t += 30 * MIN), 'Alex Morgan');
  run(bigId, { type: 'recordReview', outcome: 'done', reason: 'Review held with the vendor' }, (t += HOUR), 'Alex Morgan');
  run(bigId, { type: 'transition', to: 'closed' }, (t += MIN), 'Alex Morgan');

  // The small one: an active P1 with everything a report shows.
  const smallId = id(2);
  const s0 = now - 90 * MIN;
  rec.create(
    smallId,
    { title: 'CAD unavailable in Control Room B', description: 'Computer-aided dispatch does not load in room B; room A unaffected.', services: ['CAD'], category: 'Application', major: true, impact: 1, urgency: 1 },
    s0,
    'Priya Shah',
  );
  const small: string[] = [];
  const say = (kind: EntryKind, text: string, at: number, who: string) => {
    small.push(text);
    return run(smallId, { type: 'addEntry', kind, text }, at, who);
  };
  run(smallId, { type: 'transition', to: 'acknowledged' }, s0 + 2 * MIN, 'Priya Shah');
  run(smallId, { type: 'assignRole', role: 'coordinator', person: 'Priya Shah' }, s0 + 2 * MIN, 'Priya Shah');
  run(smallId, { type: 'assignRole', role: 'scribe', person: 'Chen Wei' }, s0 + 3 * MIN, 'Priya Shah');
  run(smallId, { type: 'joinResponder', person: 'Sam Okafor', team: 'Application support' }, s0 + 4 * MIN, 'Priya Shah');
  run(smallId, { type: 'setMilestone', milestone: 'impactStarted', at: new Date(s0 - 10 * MIN).toISOString(), reason: 'First failed login in the logs' }, s0 + 5 * MIN, 'Chen Wei');
  run(smallId, { type: 'addTask', title: 'Move room B call-takers to room A', owner: 'Chen Wei', checklist: ['Headsets', 'Logins'] }, s0 + 6 * MIN, 'Priya Shah');
  run(smallId, { type: 'addTask', title: 'Collect CAD client logs', owner: 'Sam Okafor' }, s0 + 6 * MIN, 'Priya Shah');
  run(smallId, { type: 'transition', to: 'investigating' }, s0 + 7 * MIN, 'Priya Shah');
  say('status_update', 'CAD is down in room B. Calls are handled from room A. Next update 15:00.', s0 + 8 * MIN, 'Priya Shah');
  const wrong = say('note', 'Room B switch port 12 shows errors', s0 + 12 * MIN, 'Sam Okafor');
  run(smallId, { type: 'correctEntry', entryId: entryId(wrong), text: 'Room B switch port 21 shows errors (not 12)' }, s0 + 14 * MIN, 'Sam Okafor');
  small.push('Room B switch port 21 shows errors (not 12)');
  say('decision', 'Keep room B closed until the switch is replaced', s0 + 20 * MIN, 'Priya Shah');
  run(smallId, { type: 'updateTask', taskId: rec.state(smallId)!.tasks[1]!.taskId, status: 'in_progress' }, s0 + 21 * MIN, 'Chen Wei');
  run(smallId, { type: 'toggleChecklist', taskId: rec.state(smallId)!.tasks[0]!.taskId, itemId: rec.state(smallId)!.tasks[0]!.checklist[0]!.itemId, done: true }, s0 + 22 * MIN, 'Chen Wei');
  say('status_update', 'Room B switch to be replaced; room A carries all calls. Next update 15:30.', s0 + 40 * MIN, 'Priya Shah');

  // Other active incidents for the situation report.
  const others: string[] = [];
  const other = (k: number, title: string, impact: 1 | 2 | 3, urgency: 1 | 2 | 3, ago: number, extra: (oid: string, at: number) => void, opts: { exercise?: boolean } = {}) => {
    const oid = id(k);
    const at = now - ago;
    rec.create(oid, { title, services: ['Telephony'], impact, urgency, exercise: opts.exercise ?? false }, at, 'Jo Lindqvist');
    extra(oid, at);
    others.push(oid);
  };
  other(3, 'Intermittent echo on 999 lines', 2, 2, 5 * HOUR, (oid, at) => {
    run(oid, { type: 'transition', to: 'investigating' }, at + 10 * MIN, 'Jo Lindqvist');
    run(oid, { type: 'assignRole', role: 'coordinator', person: 'Jo Lindqvist' }, at + 10 * MIN, 'Jo Lindqvist');
    run(oid, { type: 'addEntry', kind: 'status_update', text: 'Carrier ticket raised; echo on about 5% of calls.' }, at + 30 * MIN, 'Jo Lindqvist');
    run(oid, { type: 'transition', to: 'on_hold', reason: 'Waiting for the carrier' }, at + 60 * MIN, 'Jo Lindqvist');
  });
  other(4, 'Mapping tiles slow to load', 3, 2, 40 * MIN, () => undefined);
  other(5, 'Exercise: loss of primary site', 2, 1, 2 * HOUR, (oid, at) => {
    run(oid, { type: 'transition', to: 'investigating' }, at + 5 * MIN, 'Jo Lindqvist');
    run(oid, { type: 'transition', to: 'mitigated' }, at + 50 * MIN, 'Jo Lindqvist');
    run(oid, { type: 'transition', to: 'monitoring' }, at + 70 * MIN, 'Jo Lindqvist');
  }, { exercise: true });

  const service = await WorkspaceService.open({ dataDir, version: 'bench', seed: () => rec.events });
  await service.updateSettings({ siteName: SITE_NAME, operatorName: 'Report Tester', utcEverywhere: true });
  await service.close();
  return {
    year,
    bigId,
    bigTitle,
    bigEntryTexts: texts,
    corrections,
    smallId,
    smallEntryTexts: small,
    activeIds: [smallId, ...others],
    historyCount,
  };
}

/** The plain table of the baseline: the same rows as the report's timeline, no app, no styles. */
export function plainTableHtml(rows: ReadonlyArray<{ at: string; who: string; kind: string; text: string }>): string {
  const esc = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
  return `<!doctype html><html><body><table><thead><tr><th>Time</th><th>Who</th><th>Kind</th><th>What</th></tr></thead><tbody>${rows
    .map((r) => `<tr><td>${esc(r.at)}</td><td>${esc(r.who)}</td><td>${esc(r.kind)}</td><td>${esc(r.text)}</td></tr>`)
    .join('')}</tbody></table></body></html>`;
}

/** What the producers do: route loaded, drawn, printed with the same templates. */
export async function printReportPage(page: Page, url: string, opts: { paper?: 'A4' | 'A3' | 'A1' | 'Letter'; landscape?: boolean } = {}): Promise<Buffer> {
  await page.goto('about:blank'); // a fresh document: a hash-only change would keep the last report's state
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const root = page.locator('.report-root[data-report-ready], .report-root[data-report-error]').first();
  await root.waitFor({ state: 'attached', timeout: 120_000 });
  const error = await root.getAttribute('data-report-error');
  if (error !== null) throw new Error(`report failed: ${error}`);
  const layout = pdfLayout({ kind: 'incident', paper: opts.paper ?? 'A4', orientation: opts.landscape ? 'landscape' : 'portrait' });
  return page.pdf({
    format: layout.paper,
    landscape: layout.landscape,
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate((await root.getAttribute('data-report-title')) ?? '', layout),
    footerTemplate: footerTemplate((await root.getAttribute('data-report-footer')) ?? '', layout),
    margin: { top: `${layout.marginMm.top}mm`, right: `${layout.marginMm.right}mm`, bottom: `${layout.marginMm.bottom}mm`, left: `${layout.marginMm.left}mm` },
  });
}

interface Line {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  note: string;
}
const round = (x: number): number => Math.round(x * 1000) / 1000;
function emit(line: Line): void {
  console.log(JSON.stringify({ ...line, value: round(line.value), baseline: round(line.baseline), ratio: round(line.ratio) }));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchReports(opts: { runs?: number } = {}): Promise<void> {
  const runs = opts.runs ?? 3;
  const dataDir = await mkdtemp(join(tmpdir(), 'watchfloor-report-bench-'));
  const fixture = await buildReportWorkspace(dataDir);
  const host = await startBrowserHost({ dataDir, args: ['--no-demo'] });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1240, height: 1754 } });
    const url = `${host.url}/#/report/incident/${fixture.bigId}?pdf=1&heads=local`;
    const rows = fixture.bigEntryTexts.map((text, i) => ({ at: `2026-01-01 00:${String(i % 60).padStart(2, '0')}`, who: PEOPLE[i % PEOPLE.length]!, kind: 'Note', text }));

    const timeReport = async () => {
      const page = await context.newPage();
      const t0 = performance.now();
      const pdf = await printReportPage(page, url);
      const ms = performance.now() - t0;
      await page.close();
      return { ms, bytes: pdf.length };
    };
    const timeBaseline = async () => {
      const page = await context.newPage();
      const t0 = performance.now();
      await page.setContent(plainTableHtml(rows));
      await page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, footerTemplate: '<div style="font-size:8px">Page <span class="pageNumber"></span> / <span class="totalPages"></span></div>', headerTemplate: '<div></div>', margin: { top: '15mm', bottom: '17mm' } });
      const ms = performance.now() - t0;
      await page.close();
      return ms;
    };

    await timeReport(); // warm: browser caches, host's first render of the incident
    await timeBaseline();
    const report: number[] = [];
    const baseline: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const r = await timeReport();
      report.push(r.ms);
      bytes = r.bytes;
      baseline.push(await timeBaseline());
    }
    const value = median(report);
    const base = median(baseline);
    emit({ name: 'report.incident1000.print', value, unit: 'ms', baseline: base, ratio: value / base, note: `1,000-entry incident report, route load + render + page.pdf, median of ${runs} (${Math.round(bytes / 1024)} KB); goal < 5000 ms; baseline: plain HTML table of the same rows` });

    const endpoint: number[] = [];
    const pdfUrl = `${host.url}/api/report.pdf?kind=incident&id=${encodeURIComponent(fixture.bigId)}`;
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const res = await fetch(pdfUrl);
      if (res.status !== 200) throw new Error(`report.pdf answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
      if (i > 0) endpoint.push(performance.now() - t0); // the first launches the host's Chromium
    }
    const e = median(endpoint);
    emit({ name: 'report.incident1000.endpoint', value: e, unit: 'ms', baseline: base, ratio: e / base, note: `GET /api/report.pdf (host's headless Chromium, warm), median of ${runs}; baseline: plain HTML table` });
  } finally {
    await browser?.close();
    await host.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) await benchReports();
