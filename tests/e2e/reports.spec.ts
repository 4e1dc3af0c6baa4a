import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { BIG_ENTRIES, buildReportWorkspace, printReportPage, SITE_NAME, type ReportFixture } from '../bench/report-bench';
import { encodeHeadsParam } from '../../electron/services/reports/chain-heads';
import { startBrowserHost, type RunningHost } from './support/browser-host';

/**
 * Reports to PDF end to end. A workspace with a 1,000-entry resolved major incident, an active P1,
 * other active incidents and eight weeks of history is served by the real browser host; each
 * report route is printed by Chromium (page.pdf with the producers' header and "Page n / m" footer
 * templates) and read back with poppler (pdftotext, pdfinfo, pdftoppm, pdfimages). Pages of every
 * PDF are rendered to PNG under test-results/reports/ for a person to look at.
 */

const run = promisify(execFile);
const OUT = 'test-results/reports';

async function hasPoppler(): Promise<boolean> {
  try {
    await run('pdftotext', ['-v']);
    await run('pdftoppm', ['-v']);
    await run('pdfinfo', ['-v']);
    return true;
  } catch {
    return false;
  }
}

/** Whitespace-insensitive text of a PDF (reading order). */
async function pdfText(file: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return squash(stdout);
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** pdftotext joins a word hyphenated at a line end ("call-⏎takers" → "calltakers"): compare without hyphens. */
const flat = (s: string) => squash(s).replace(/-/g, '');

/** `text` contains `phrase`, whatever line breaks and hyphens at line ends did to it. */
function expectPhrase(text: string, phrase: string, what?: string): void {
  expect(flat(text), what ?? `"${phrase}"`).toContain(flat(phrase));
}

async function pdfInfo(file: string): Promise<{ pages: number; size: string }> {
  const { stdout } = await run('pdfinfo', [file]);
  return { pages: Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0), size: /Page size:\s+(.*)/.exec(stdout)?.[1] ?? '' };
}

/** Renders pages first..last to PNG (`<prefix>-<n>.png`); fails if pdftoppm does. */
async function renderPages(file: string, prefix: string, first: number, last: number, dpi = 80): Promise<void> {
  await run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(first), '-l', String(last), file, prefix], { maxBuffer: 16 * 1024 * 1024 });
}

/** Page 1, a middle page and the last page, at a readable resolution, for looking at. */
async function renderForReview(file: string, name: string, pages: number): Promise<void> {
  const picks = [...new Set([1, Math.ceil(pages / 2), pages])];
  for (const p of picks) await renderPages(file, join(OUT, `${name}-page`), p, p, 110);
}

async function print(page: Page, url: string, name: string, opts: { paper?: 'A4' | 'A3' | 'A1' | 'Letter'; landscape?: boolean } = {}): Promise<{ file: string; text: string; pages: number; size: string }> {
  const pdf = await printReportPage(page, url, opts);
  const file = join(OUT, `${name}.pdf`);
  await writeFile(file, pdf);
  const info = await pdfInfo(file);
  return { file, text: await pdfText(file), ...info };
}

/** pdfinfo's "594.96 x 841.92 pts (A4)" against a paper size in millimetres (±1 mm). */
function expectPaper(size: string, widthMm: number, heightMm: number): void {
  const m = /^([\d.]+) x ([\d.]+) pts/.exec(size);
  expect(m, `page size "${size}"`).not.toBeNull();
  const mm = (pt: string) => (Number(pt) / 72) * 25.4;
  expect(Math.abs(mm(m![1]!) - widthMm), `width of "${size}"`).toBeLessThan(1);
  expect(Math.abs(mm(m![2]!) - heightMm), `height of "${size}"`).toBeLessThan(1);
}

function expectPageNumbers(text: string, pages: number): void {
  for (let p = 1; p <= pages; p++) expect(text, `page ${p} of ${pages} is numbered`).toContain(`Page ${p} / ${pages}`);
}

let host: RunningHost;
let fixture: ReportFixture;
let dataDir: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'watchfloor-reports-'));
  fixture = await buildReportWorkspace(dataDir);
  host = await startBrowserHost({ dataDir, args: ['--no-demo'] });
});

test.afterAll(async () => {
  await host?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test.beforeEach(async () => {
  test.skip(!(await hasPoppler()), 'poppler-utils (pdftotext, pdftoppm, pdfinfo) is not installed: the PDFs cannot be read back');
});

test('incident report: header, impact, SLA outcomes, people, tasks, updates, timeline with corrections, resolution, page numbers', async ({ page }) => {
  test.setTimeout(120_000);
  const url = `${host.url}/#/report/incident/${fixture.smallId}?pdf=1&tz=Europe/London`;
  // On screen first: white paper, no app chrome, a print button (hidden when printing).
  await page.goto(`${host.url}/#/report/incident/${fixture.smallId}`);
  const root = page.locator('.report-root[data-report-ready]');
  await expect(root).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Print / Save as PDF' })).toBeVisible();
  await expect(page.locator('.report-paper')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(page.locator('.report-paper')).toHaveCSS('color', 'rgb(17, 17, 17)');
  await expect(page.getByRole('list', { name: 'Open incidents' })).toHaveCount(0); // no console chrome
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print / Save as PDF' })).toBeHidden();
  await page.emulateMedia({ media: null });

  const r = await print(page, url, 'incident-small');
  const t = r.text;
  expectPaper(r.size, 210, 297); // A4 portrait
  expect(t).toContain(fixture.smallId);
  expectPhrase(t, 'CAD unavailable in Control Room B');
  for (const heading of ['Summary', 'Impact', 'Milestones and SLA outcomes', 'Roles and responders', 'Tasks', 'Stakeholder updates', 'Timeline', 'Resolution', 'Record integrity']) expect(t).toContain(heading);
  expect(t).toContain('P1');
  expect(t).toContain('Investigating');
  expect(t).toContain('MAJOR');
  expect(t).toContain('1 — High — extensive/widespread'); // impact × urgency
  expect(t).toMatch(/acknowledge met/);
  expect(t).toContain('Incident coordinator');
  expect(t).toContain('Priya Shah');
  expect(t).toContain('Sam Okafor');
  expectPhrase(t, 'Move room B call-takers to room A');
  expectPhrase(t, 'Collect CAD client logs');
  for (const text of fixture.smallEntryTexts) expectPhrase(t, text, `timeline entry "${text}"`);
  // The correction: original (struck through) and the correction, with who corrected it.
  expectPhrase(t, 'Room B switch port 12 shows errors');
  expect(t).toMatch(/CORRECTION/i);
  expectPhrase(t, 'Room B switch port 21 shows errors (not 12)');
  expect(t).toContain('corrected by Sam Okafor');
  expectPhrase(t, 'Not resolved at the time of this report');
  expect(t).toContain('local journal');
  // Footer: site, generated at with zone, page numbers.
  expect(t).toContain(SITE_NAME);
  expect(t).toMatch(/Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} Europe\/London \(UTC[+-]\d{2}:\d{2}\)/);
  expectPageNumbers(t, r.pages);
  // The struck-through original is really struck through on the page.
  await expect(page.locator('del.report-struck')).toHaveCSS('text-decoration-line', 'line-through');
  await renderForReview(r.file, 'incident-small', r.pages);
});

test('a 1,000-entry incident prints every entry, page-numbered, and every page renders', async ({ page }) => {
  test.setTimeout(420_000);
  const r = await print(page, `${host.url}/#/report/incident/${fixture.bigId}?pdf=1`, 'incident-1000');
  expect(r.pages).toBeGreaterThan(15);
  const t = r.text;
  expect(t).toContain(fixture.bigId);
  expect(t).toContain(fixture.bigTitle);
  const missing = fixture.bigEntryTexts.filter((text) => !flat(t).includes(flat(text)));
  expect(missing, `${missing.length} of ${BIG_ENTRIES} entries missing`).toEqual([]);
  for (const c of fixture.corrections) {
    expectPhrase(t, c.original);
    expectPhrase(t, c.correction);
  }
  expect(t).toContain('Vendor fix');
  expectPhrase(t, 'Failed trunk controller replaced by the vendor');
  expect(t).toMatch(/SLA outcomes at resolution/);
  expect(t).toContain('Post-incident review');
  expectPhrase(t, 'Done — Review held with the vendor');
  expectPageNumbers(t, r.pages);
  // Every page rasterises.
  const dir = await mkdtemp(join(tmpdir(), 'watchfloor-pages-'));
  try {
    await renderPages(r.file, join(dir, 'p'), 1, r.pages, 30);
    const pngs = (await readdir(dir)).filter((f) => f.endsWith('.png'));
    expect(pngs).toHaveLength(r.pages);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // Timeline rows are not split across pages: each page's text ends on whole rows (checked by
  // `break-inside: avoid` in the DOM) and the header row repeats on continuation pages.
  const { stdout: page5 } = await run('pdftotext', ['-f', '5', '-l', '5', r.file, '-']);
  expect(squash(page5)).toContain('Time Who Kind What happened');
  await renderForReview(r.file, 'incident-1000', r.pages);
});

test('situation report: every active incident with its clock, coordinator, latest update and open tasks; summary counts', async ({ page }) => {
  test.setTimeout(120_000);
  const r = await print(page, `${host.url}/#/report/situation?pdf=1`, 'situation', { landscape: true });
  const t = r.text;
  expectPaper(r.size, 297, 210); // A4 landscape
  for (const id of fixture.activeIds) expect(t).toContain(id);
  expect(t).not.toContain(fixture.bigId); // closed
  expect(t).toContain('Situation at');
  expect(t).toContain(`${fixture.activeIds.length} active incidents`);
  expect(t).toContain('Priya Shah');
  expectPhrase(t, 'Room B switch to be replaced; room A carries all calls. Next update 15:30.');
  expectPhrase(t, 'Move room B call-takers to room A');
  expect(t).toMatch(/(due in|breached|paused)/);
  expect(t).toContain('none yet'); // the unassigned, update-less one
  expect(t).toContain('EXERCISE');
  expectPageNumbers(t, r.pages);
  await renderForReview(r.file, 'situation', r.pages);
});

test('period trend report: landscape, charts as vector SVG with their tables', async ({ page }) => {
  test.setTimeout(120_000);
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 56 * 86_400_000).toISOString().slice(0, 10);
  const url = `${host.url}/#/report/trends?from=${from}&to=${to}&pdf=1`;
  const r = await print(page, url, 'trends', { landscape: true });
  expect(await page.locator('.report-chart svg.recharts-surface').count()).toBeGreaterThanOrEqual(3);
  const t = r.text;
  expectPaper(r.size, 297, 210);
  expect(t).toContain('Trend report');
  expect(t).toContain('Incident trends');
  for (const heading of ['Headline figures', 'Volume', 'Response times', 'SLA compliance', 'Where incidents happened', 'Recurring problems']) expect(t).toContain(heading);
  expect(t).toMatch(/\d+ incidents opened and \d+ resolved/);
  expect(t).toContain('Radio'); // a service of the history
  expect(t).toContain('All incidents'); // no filters
  expectPageNumbers(t, r.pages);
  // Vector: the charts are paths, not images.
  const { stdout } = await run('pdfimages', ['-list', r.file]);
  expect(stdout.trim().split('\n').length).toBeLessThanOrEqual(2); // header lines only
  await renderForReview(r.file, 'trends', r.pages);
});

test('a filtered period report: the trends screen’s filters reach the report and its server PDF, which says which apply and counts as the screen does', async ({ page }) => {
  test.setTimeout(180_000);
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 56 * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`${host.url}/trends?from=${from}&to=${to}&tz=UTC&priority=P1,P2&category=Infrastructure`);
  const status = page.getByRole('status').filter({ hasText: /incidents in range$/ });
  await expect(status).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.trends-main')).toHaveAttribute('aria-busy', 'false');
  const opened = Number((await status.textContent())!.replace(/\D/g, ''));
  expect(opened).toBeGreaterThan(0);
  expect(opened).toBeLessThan(fixture.historyCount); // the filters leave some out

  const query = `from=${from}&to=${to}&granularity=week&priority=P1%2CP2&category=Infrastructure&tz=UTC`;
  await expect(page.getByRole('link', { name: 'Period report', exact: true })).toHaveAttribute('href', `/#/report/trends?${query}`);
  const pdfHref = await page.getByRole('link', { name: 'Period report as PDF' }).getAttribute('href');
  expect(pdfHref).toBe(`/api/report.pdf?kind=trends&${query}`);
  const counted = `${opened} incident${opened === 1 ? '' : 's'} opened`;

  // The page says which filters apply, right under the heading.
  await page.goto(`${host.url}/#/report/trends?${query}`);
  await expect(page.locator('.report-root[data-report-ready]')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.locator('.report-filters')).toHaveText('Filtered: P1, P2 · Category Infrastructure');
  await expect(page.locator('.report-lede')).toContainText(counted);
  await page.screenshot({ path: join(OUT, 'trends-filtered-page.png') });

  // The server's PDF of the same link.
  const res = await fetch(`${host.url}${pdfHref}`);
  if (res.status === 501) test.skip(true, `the host cannot print: ${JSON.stringify(await res.json())}`);
  expect(res.status).toBe(200);
  const file = join(OUT, 'endpoint-trends-filtered.pdf');
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
  const t = await pdfText(file);
  expectPhrase(t, 'Filtered: P1, P2 · Category Infrastructure');
  expectPhrase(t, counted);
  expect(t).not.toContain('All incidents');
  await renderForReview(file, 'endpoint-trends-filtered', (await pdfInfo(file)).pages);

  // A priority the trends screen does not have: refused, saying which and what is allowed.
  const bad = await fetch(`${host.url}/api/report.pdf?kind=trends&from=${from}&to=${to}&priority=P1,P9`);
  expect(bad.status).toBe(400);
  expect(await bad.json()).toEqual({ error: { code: 'invalid_input', field: 'priority', message: 'priority: unknown priority "P9": use P1, P2, P3, P4, P5, comma-separated' } });
});

test('paper sizes: A3 and Letter and A1 from the paper parameter', async ({ page }) => {
  test.setTimeout(120_000);
  const a3 = await print(page, `${host.url}/#/report/situation?pdf=1&paper=A3&orientation=portrait`, 'situation-a3', { paper: 'A3' });
  expectPaper(a3.size, 297, 420);
  const letter = await print(page, `${host.url}/#/report/incident/${fixture.smallId}?pdf=1&paper=Letter`, 'incident-letter', { paper: 'Letter' });
  expectPaper(letter.size, 215.9, 279.4);
  const a1 = await print(page, `${host.url}/#/report/situation?pdf=1&paper=A1`, 'situation-a1', { paper: 'A1', landscape: true });
  expectPaper(a1.size, 841, 594);
  await renderForReview(a1.file, 'situation-a1', a1.pages);
});

test('record integrity lists the shared store’s hash-chain heads when the producer supplies them', async ({ page }) => {
  const hash = 'c0ffee'.padEnd(64, '0');
  const heads = encodeHeadsParam({ 'writer-north': { seq: 1290, hash, contiguousTo: 1288, gaps: [{ from: 1289, to: 1289 }] } });
  await page.goto(`${host.url}/#/report/incident/${fixture.smallId}?heads=${heads}`);
  const section = page.getByRole('region', { name: 'Record integrity' });
  await expect(section).toContainText('Events from the shared folder store', { timeout: 60_000 });
  const row = section.getByRole('row', { name: /writer-north/ });
  await expect(row).toContainText('1290');
  await expect(row).toContainText('1288');
  await expect(row).toContainText('gaps: 1289');
  await expect(row).toContainText(hash);
  await expect(section).not.toContainText('local journal');
});

test('the browser host prints on the server: GET /api/report.pdf', async () => {
  test.setTimeout(180_000);
  const bad = await fetch(`${host.url}/api/report.pdf?kind=wall`);
  expect(bad.status).toBe(400);
  const unknown = await fetch(`${host.url}/api/report.pdf?kind=incident&id=INC-2026-NOPE00-1`);
  expect(unknown.status).toBe(404);
  const res = await fetch(`${host.url}/api/report.pdf?kind=incident&id=${fixture.smallId}&paper=A4&download=1`);
  if (res.status === 501) test.skip(true, `the host cannot print: ${JSON.stringify(await res.json())}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="incident-report-${fixture.smallId}-\\d{8}-\\d{4}\\.pdf"$`));
  const file = join(OUT, 'endpoint-incident.pdf');
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
  const t = await pdfText(file);
  const { pages } = await pdfInfo(file);
  expect(t).toContain(fixture.smallId);
  expect(t).toContain('local journal');
  expect(t).toContain(SITE_NAME);
  expectPageNumbers(t, pages);
  await renderForReview(file, 'endpoint-incident', pages);
  // On request, an accessible (tagged) PDF with bookmarks.
  const tagged = await fetch(`${host.url}/api/report.pdf?kind=situation&tagged=1`);
  expect(tagged.status).toBe(200);
  const taggedFile = join(OUT, 'endpoint-situation-tagged.pdf');
  await writeFile(taggedFile, Buffer.from(await tagged.arrayBuffer()));
  const { stdout: info } = await run('pdfinfo', [taggedFile]);
  expect(info).toMatch(/Tagged:\s+yes/);
  expect(await pdfText(taggedFile)).toContain(fixture.smallId);
});
