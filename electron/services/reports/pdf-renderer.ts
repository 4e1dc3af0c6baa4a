/**
 * Prints a report route to PDF with headless Chromium (playwright-core), for the browser host.
 *
 * playwright-core is loaded lazily: it is a devDependency's dependency today, not a runtime
 * dependency, so a production install may not have it; then `render` fails with
 * PdfUnavailableError (the endpoint answers 501 saying so) and the browser's own print still works.
 *
 * One Chromium is launched on first use and shared; it is closed after a minute without work. Reports
 * share a browser context per time zone (so the renderer's script and styles stay cached between
 * reports), each in its own page. At most `maxConcurrent` reports render at once.
 */
import { access } from 'node:fs/promises';
import type { Browser, BrowserContext, LaunchOptions } from 'playwright-core';
import { REPORT_ATTR } from '../../../shared/contract/report-route';
import { footerTemplate, headerTemplate, REPORT_DONE_SELECTOR, type PdfLayout } from './report-request';

/** As the e2e tests launch it (playwright.config.ts). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** PDF printing cannot run here (no playwright-core, no Chromium): HTTP 501. */
export class PdfUnavailableError extends Error {}

/** Too many reports waiting to print: HTTP 503, try again shortly. */
export class PdfBusyError extends Error {}

/** The report page said it cannot be drawn (unknown incident, bad period…). */
export class ReportPageError extends Error {}

interface ChromiumLike {
  launch(options: LaunchOptions): Promise<Browser>;
}

export interface PdfRendererOptions {
  executablePath?: string;
  args?: readonly string[];
  /** How playwright's chromium is obtained (tests inject one; default: `import('playwright-core')`). */
  loadChromium?: () => Promise<ChromiumLike>;
  /** Whole render deadline (default 60 s). */
  timeoutMs?: number;
  /** Close the browser after this long without work (default 60 s). */
  idleMs?: number;
  maxConcurrent?: number;
  /** Reports allowed to wait for a free slot (default 8); more are refused with PdfBusyError. */
  maxQueued?: number;
}

export interface RenderedPdf {
  pdf: Buffer;
  title: string;
  footer: string;
  pages?: number;
}

export interface PdfRenderer {
  /** Loads `url` (a report route), waits until it is drawn, prints it with `layout`. */
  render(url: string, layout: PdfLayout, opts?: { timeZone?: string; tagged?: boolean }): Promise<RenderedPdf>;
  close(): Promise<void>;
}

async function defaultChromium(): Promise<ChromiumLike> {
  try {
    // A variable specifier: bundlers leave it alone, and its absence is an answer, not a build error.
    const name = 'playwright-core';
    const mod = (await import(name)) as { chromium?: ChromiumLike; default?: { chromium?: ChromiumLike } };
    const chromium = mod.chromium ?? mod.default?.chromium;
    if (!chromium) throw new Error('playwright-core has no chromium export');
    return chromium;
  } catch (err) {
    throw new PdfUnavailableError(
      `PDF export on the server needs the "playwright-core" package, which this installation does not have (${err instanceof Error ? err.message : String(err)}). ` +
        'Use the report page’s “Print / Save as PDF” button instead, or install playwright-core.',
    );
  }
}

const mm = (n: number) => `${n}mm`;

export function createPdfRenderer(opts: PdfRendererOptions = {}): PdfRenderer {
  const executablePath = opts.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const idleMs = opts.idleMs ?? 60_000;
  const maxConcurrent = opts.maxConcurrent ?? 2;
  const maxQueued = opts.maxQueued ?? 8;
  let browser: Promise<Browser> | undefined;
  let active = 0;
  const waiting: Array<() => void> = [];
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  async function launch(): Promise<Browser> {
    const chromium = await (opts.loadChromium ?? defaultChromium)();
    try {
      await access(executablePath);
    } catch {
      throw new PdfUnavailableError(`PDF export on the server needs Chromium, which was not found at ${executablePath} (set CHROMIUM_PATH).`);
    }
    return chromium.launch({ executablePath, args: [...(opts.args ?? CHROMIUM_ARGS)], timeout: timeoutMs });
  }

  function getBrowser(): Promise<Browser> {
    if (!browser) {
      const p = launch();
      browser = p;
      contexts.clear();
      p.then(
        // A crashed or killed Chromium is launched again on the next report.
        (b) =>
          b.on('disconnected', () => {
            if (browser !== p) return;
            browser = undefined;
            contexts.clear();
          }),
        () => browser === p && (browser = undefined),
      );
    }
    return browser;
  }

  /** Contexts by time zone ('' = the host's), reused while the browser lives. */
  const contexts = new Map<string, Promise<BrowserContext>>();
  function getContext(b: Browser, timeZone: string | undefined): Promise<BrowserContext> {
    const key = timeZone ?? '';
    let c = contexts.get(key);
    if (!c) {
      c = b.newContext({ viewport: { width: 1240, height: 1754 }, ...(timeZone ? { timezoneId: timeZone } : {}) });
      contexts.set(key, c);
      c.catch(() => contexts.get(key) === c && contexts.delete(key));
    }
    return c;
  }

  async function slot(): Promise<() => void> {
    if (active >= maxConcurrent) {
      if (waiting.length >= maxQueued) throw new PdfBusyError(`${active + waiting.length} reports are printing or waiting; try again in a minute`);
      await new Promise<void>((r) => waiting.push(r));
    }
    active++;
    clearTimeout(idleTimer);
    return () => {
      active--;
      const next = waiting.shift();
      if (next) next();
      else if (active === 0) {
        idleTimer = setTimeout(() => void closeBrowser(), idleMs);
        idleTimer.unref?.();
      }
    };
  }

  async function closeBrowser(): Promise<void> {
    const p = browser;
    browser = undefined;
    contexts.clear();
    if (!p) return;
    const b = await p.catch(() => undefined);
    await b?.close().catch(() => undefined);
  }

  return {
    async render(url, layout, renderOpts = {}) {
      const release = await slot();
      try {
        const b = await getBrowser();
        const context = await getContext(b, renderOpts.timeZone);
        const page = await context.newPage();
        try {
          page.setDefaultTimeout(timeoutMs);
          await page.goto(url, { waitUntil: 'domcontentloaded' });
          const root = page.locator(REPORT_DONE_SELECTOR).first();
          await root.waitFor({ state: 'attached' });
          const error = await root.getAttribute(REPORT_ATTR.error);
          if (error !== null) throw new ReportPageError(error);
          const title = (await root.getAttribute(REPORT_ATTR.title)) ?? 'Watchfloor report';
          const footer = (await root.getAttribute(REPORT_ATTR.footer)) ?? 'Watchfloor';
          const pdf = await page.pdf({
            format: layout.paper,
            landscape: layout.landscape,
            printBackground: true,
            preferCSSPageSize: true,
            displayHeaderFooter: true,
            headerTemplate: headerTemplate(title, layout),
            footerTemplate: footerTemplate(footer, layout),
            margin: { top: mm(layout.marginMm.top), right: mm(layout.marginMm.right), bottom: mm(layout.marginMm.bottom), left: mm(layout.marginMm.left) },
            // Tagged (accessible) PDF with bookmarks: about twice the printing time, so on request.
            ...(renderOpts.tagged ? { tagged: true, outline: true } : {}),
          });
          return { pdf, title, footer };
        } finally {
          await page.close().catch(() => undefined);
        }
      } finally {
        release();
      }
    },
    async close() {
      clearTimeout(idleTimer);
      await closeBrowser();
    },
  };
}
