/**
 * Reports to PDF in the desktop app: a hidden window loads the report route, waits until it is
 * drawn, prints it with webContents.printToPDF (paper, orientation, background, running header and
 * "Page n / m" footer), and the file goes where the user picks; then it is opened.
 *
 * Electron's objects come in as parameters (tests/electron/print.test.ts runs it with fakes).
 * Wiring (index.ts): `createReportPrinter({ BrowserWindow, saveDialog, openPath: shell.openPath,
 * writeFile, entryUrl, preloadPath, documentsDir: app.getPath('documents'), chainHeads })`.
 */
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, PrintToPDFOptions, SaveDialogOptions } from 'electron';
import { encodeHeadsParam } from '../services/reports/chain-heads';
import {
  footerTemplate,
  headerTemplate,
  pdfLayout,
  REPORT_DONE_SELECTOR,
  reportFileName,
  reportUrl,
  ReportRequestSchema,
  type PdfLayout,
  type ReportRequest,
  type ReportRequestInput,
} from '../services/reports/report-request';
import { REPORT_ATTR } from '../../shared/contract/report-route';
import type { ChainHead } from '../services/shared-store/shared-folder-store';
import { secureWebPreferences } from './security';

/** The part of a BrowserWindow the printer uses (a real one satisfies it). */
export interface PrintWindowLike {
  loadURL(url: string): Promise<void>;
  webContents: {
    executeJavaScript(code: string): Promise<unknown>;
    printToPDF(options: PrintToPDFOptions): Promise<Buffer | Uint8Array>;
  };
  destroy(): void;
  isDestroyed(): boolean;
}

export interface ReportPrinterDeps<W extends PrintWindowLike> {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W;
  /** dialog.showSaveDialog (with the parent window bound, if any). */
  saveDialog: (options: SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string }>;
  /** shell.openPath: resolves to an error message, '' on success. */
  openPath: (path: string) => Promise<string>;
  writeFile: (path: string, data: Uint8Array) => Promise<void>;
  /** app://watchfloor/index.html, or the dev server URL in development. */
  entryUrl: string;
  preloadPath: string;
  /** Where the save dialog starts (app.getPath('documents')). */
  documentsDir: string;
  /** The shared-folder store's hash-chain heads, when the workspace runs on one. */
  chainHeads?: () => Record<string, ChainHead> | undefined;
  now?: () => number;
  /** Deadline for the report to load and draw (default 60 s). */
  timeoutMs?: number;
}

export type ExportResult = { canceled: true } | { canceled: false; filePath: string; openError?: string };

const MM_PER_INCH = 25.4;

/** printToPDF's options for a layout: the same page setup as the browser host's page.pdf. */
export function printOptions(layout: PdfLayout, title: string, footer: string, tagged = false): PrintToPDFOptions {
  const inch = (mm: number) => Math.round((mm / MM_PER_INCH) * 1000) / 1000;
  return {
    pageSize: layout.paper,
    landscape: layout.landscape,
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(title, layout),
    footerTemplate: footerTemplate(footer, layout),
    margins: { top: inch(layout.marginMm.top), right: inch(layout.marginMm.right), bottom: inch(layout.marginMm.bottom), left: inch(layout.marginMm.left) },
    // Tagged (accessible) PDF with bookmarks: about twice the printing time, so on request.
    ...(tagged ? { generateDocumentOutline: true, generateTaggedPDF: true } : {}),
  };
}

/** The print window: hidden, the app's secure preferences, not throttled while hidden (it must draw). */
export function printWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 1240,
    height: 1754,
    paintWhenInitiallyHidden: true,
    title: 'Watchfloor — printing',
    backgroundColor: '#ffffff',
    webPreferences: { ...secureWebPreferences(preloadPath), backgroundThrottling: false },
  };
}

/** Page script: resolves once the report root says ready or failed (timers: a hidden window paints no frames). */
export function waitForReportScript(timeoutMs: number): string {
  return `new Promise((resolve) => {
  const started = Date.now();
  const poll = () => {
    const el = document.querySelector(${JSON.stringify(REPORT_DONE_SELECTOR)});
    if (el) return resolve({ error: el.getAttribute(${JSON.stringify(REPORT_ATTR.error)}), title: el.getAttribute(${JSON.stringify(REPORT_ATTR.title)}), footer: el.getAttribute(${JSON.stringify(REPORT_ATTR.footer)}) });
    if (Date.now() - started > ${Math.max(0, Math.floor(timeoutMs))}) return resolve({ error: 'The report did not finish drawing in time' });
    setTimeout(poll, 50);
  };
  poll();
})`;
}

interface PageState {
  error: string | null;
  title: string | null;
  footer: string | null;
}

export class ReportPrintError extends Error {}

export function createReportPrinter<W extends PrintWindowLike>(deps: ReportPrinterDeps<W>) {
  const now = deps.now ?? (() => Date.now());
  const timeoutMs = deps.timeoutMs ?? 60_000;

  /** Renders the report to PDF bytes in a hidden window (closed afterwards, also on failure). */
  async function renderPdf(input: ReportRequestInput | ReportRequest): Promise<{ data: Uint8Array; title: string }> {
    const request = ReportRequestSchema.parse(input);
    const layout = pdfLayout(request);
    const url = reportUrl(deps.entryUrl, request, { heads: encodeHeadsParam(deps.chainHeads?.()) });
    const win = new deps.BrowserWindow(printWindowOptions(deps.preloadPath));
    try {
      await win.loadURL(url);
      const state = (await win.webContents.executeJavaScript(waitForReportScript(timeoutMs))) as PageState;
      if (state.error) throw new ReportPrintError(state.error);
      const title = state.title ?? 'Watchfloor report';
      const data = await win.webContents.printToPDF(printOptions(layout, title, state.footer ?? 'Watchfloor', request.tagged));
      return { data: data instanceof Uint8Array ? data : new Uint8Array(data), title };
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  }

  /**
   * Asks where to save (a suggested name in Documents), prints, writes the file and opens it with
   * the system's PDF viewer. Nothing is printed when the dialog is cancelled.
   */
  async function exportPdf(input: ReportRequestInput | ReportRequest): Promise<ExportResult> {
    const request = ReportRequestSchema.parse(input);
    const choice = await deps.saveDialog({
      title: 'Save report as PDF',
      defaultPath: join(deps.documentsDir, reportFileName(request, now())),
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return { canceled: true };
    const filePath = /\.pdf$/i.test(choice.filePath) ? choice.filePath : `${choice.filePath}.pdf`;
    const { data } = await renderPdf(request);
    await deps.writeFile(filePath, data);
    const openError = await deps.openPath(filePath);
    return openError ? { canceled: false, filePath, openError } : { canceled: false, filePath };
  }

  return { renderPdf, exportPdf };
}

export type ReportPrinter = ReturnType<typeof createReportPrinter>;
