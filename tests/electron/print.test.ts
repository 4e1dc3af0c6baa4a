import type { BrowserWindowConstructorOptions, PrintToPDFOptions, SaveDialogOptions } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { createReportPrinter, printOptions, ReportPrintError, waitForReportScript, type PrintWindowLike } from '../../electron/main/print';
import { chainHeadsOf, encodeHeadsParam } from '../../electron/services/reports/chain-heads';
import {
  footerTemplate,
  parseReportQuery,
  pdfLayout,
  reportFileName,
  reportUrl,
  type ReportRequest,
} from '../../electron/services/reports/report-request';
import { createReportPdfEndpoint, selfOrigin } from '../../electron/services/reports/pdf-endpoint';
import { createPdfRenderer, PdfUnavailableError } from '../../electron/services/reports/pdf-renderer';
import { ApiError } from '../../shared/contract/api';
import { viewOf } from '../../renderer/src/app/route';
import * as rendererParams from '../../renderer/src/features/reports/report-params';
import { parseTrendRange } from '../../renderer/src/features/reports/trend-range';

const ENTRY = 'app://watchfloor/index.html';
const HEAD = { seq: 42, hash: 'a'.repeat(64), contiguousTo: 40, gaps: [{ from: 41, to: 41 }] };

/** A hidden print window stand-in: records what the printer does; the page answers `pageState`. */
class FakePrintWindow implements PrintWindowLike {
  static created: FakePrintWindow[] = [];
  static pageState: unknown = { error: null, title: 'Incident report · INC-2026-ABC123-7 · Radio down', footer: 'North Control · Generated 2026-11-27 14:05 UTC' };
  urls: string[] = [];
  scripts: string[] = [];
  printed: PrintToPDFOptions[] = [];
  destroyed = false;
  readonly webContents = {
    executeJavaScript: async (code: string) => {
      this.scripts.push(code);
      return FakePrintWindow.pageState;
    },
    printToPDF: async (options: PrintToPDFOptions) => {
      this.printed.push(options);
      return Buffer.from('%PDF-1.7 fake');
    },
  };
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakePrintWindow.created.push(this);
  }
  async loadURL(url: string) {
    this.urls.push(url);
  }
  destroy() {
    this.destroyed = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

function setup(opts: { dialog?: { canceled: boolean; filePath?: string }; openError?: string; heads?: boolean } = {}) {
  const log: string[] = [];
  const dialogs: SaveDialogOptions[] = [];
  const written: Array<{ path: string; bytes: number }> = [];
  const printer = createReportPrinter({
    BrowserWindow: FakePrintWindow,
    saveDialog: async (o) => {
      dialogs.push(o);
      log.push('dialog');
      return opts.dialog ?? { canceled: false, filePath: '/home/op/Documents/report.pdf' };
    },
    openPath: async (p) => {
      log.push(`open ${p}`);
      return opts.openError ?? '';
    },
    writeFile: async (p, data) => {
      log.push(`write ${p}`);
      written.push({ path: p, bytes: data.length });
    },
    entryUrl: ENTRY,
    preloadPath: '/app/out/preload/index.cjs',
    documentsDir: '/home/op/Documents',
    chainHeads: opts.heads ? () => ({ 'writer-b': HEAD }) : () => undefined,
    now: () => Date.parse('2026-11-27T14:05:00Z'),
    timeoutMs: 5000,
  });
  return { printer, log, dialogs, written };
}

describe('Electron report printer (print.ts)', () => {
  beforeEach(() => {
    FakePrintWindow.created = [];
    FakePrintWindow.pageState = { error: null, title: 'Incident report · INC-2026-ABC123-7 · Radio down', footer: 'North Control · Generated 2026-11-27 14:05 UTC' };
  });

  it('prints the incident report route in a hidden, secure, unthrottled window and closes it', async () => {
    const { printer } = setup({ heads: true });
    const { data, title } = await printer.renderPdf({ kind: 'incident', id: 'INC-2026-ABC123-7', paper: 'a3' });
    expect(Buffer.from(data).toString()).toBe('%PDF-1.7 fake');
    expect(title).toBe('Incident report · INC-2026-ABC123-7 · Radio down');
    const win = FakePrintWindow.created[0]!;
    expect(FakePrintWindow.created).toHaveLength(1);
    expect(win.options).toMatchObject({
      show: false,
      paintWhenInitiallyHidden: true,
      webPreferences: { preload: '/app/out/preload/index.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, backgroundThrottling: false },
    });
    const url = new URL(win.urls[0]!);
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(ENTRY);
    const view = viewOf(url);
    expect(view.name).toBe('report');
    expect(view.rest).toEqual(['incident', 'INC-2026-ABC123-7']);
    expect(view.params.get('paper')).toBe('A3');
    expect(view.params.get('orientation')).toBe('portrait');
    expect(view.params.get('pdf')).toBe('1');
    // The renderer reads the same URL the way the printer meant it.
    const options = rendererParams.parseReportOptions('incident', view.params, true);
    expect(options).toMatchObject({ paper: 'A3', orientation: 'portrait', pdf: true, timeZone: 'UTC' });
    expect(options.provenance).toEqual({ kind: 'chain', heads: { 'writer-b': HEAD } });

    expect(win.scripts[0]).toContain('.report-root[data-report-ready]');
    const printed = win.printed[0]!;
    expect(printed).toMatchObject({ pageSize: 'A3', landscape: false, printBackground: true, displayHeaderFooter: true, preferCSSPageSize: true });
    expect(printed.footerTemplate).toContain('<span class="pageNumber"></span> / <span class="totalPages"></span>');
    expect(printed.footerTemplate).toContain('North Control · Generated 2026-11-27 14:05 UTC');
    expect(printed.headerTemplate).toContain('INC-2026-ABC123-7');
    expect(printed.margins?.bottom).toBeCloseTo(17 / 25.4, 2);
    expect(printed.generateTaggedPDF).toBeUndefined(); // accessible PDFs take twice as long: on request
    expect(win.destroyed).toBe(true);
  });

  it('prints the trend report in landscape and says "local journal" without a shared store', async () => {
    const { printer } = setup();
    await printer.renderPdf({ kind: 'trends', from: '2026-01-01', to: '2026-03-31', paper: 'A4', tagged: true });
    const win = FakePrintWindow.created[0]!;
    const view = viewOf(new URL(win.urls[0]!));
    expect(view.rest).toEqual(['trends']);
    expect(view.params.get('from')).toBe('2026-01-01');
    expect(view.params.get('to')).toBe('2026-03-31');
    expect(view.params.get('heads')).toBe('local');
    expect(rendererParams.parseReportOptions('trends', view.params, false).provenance).toEqual({ kind: 'local', supplied: true });
    expect(win.printed[0]).toMatchObject({ pageSize: 'A4', landscape: true, generateTaggedPDF: true, generateDocumentOutline: true });
  });

  it('fails with the page’s message and still closes the window', async () => {
    FakePrintWindow.pageState = { error: 'No incident INC-2026-ABC123-99', title: null, footer: null };
    const { printer } = setup();
    await expect(printer.renderPdf({ kind: 'incident', id: 'INC-2026-ABC123-99' })).rejects.toThrow(ReportPrintError);
    expect(FakePrintWindow.created[0]!.destroyed).toBe(true);
    expect(FakePrintWindow.created[0]!.printed).toEqual([]);
  });

  it('asks where to save first, then prints, writes and opens the file', async () => {
    const { printer, log, dialogs, written } = setup({ dialog: { canceled: false, filePath: '/home/op/Documents/handover' } });
    const result = await printer.exportPdf({ kind: 'situation', paper: 'Letter' });
    expect(result).toEqual({ canceled: false, filePath: '/home/op/Documents/handover.pdf' });
    expect(dialogs[0]).toMatchObject({ defaultPath: '/home/op/Documents/situation-report-20261127-1405.pdf', filters: [{ name: 'PDF document', extensions: ['pdf'] }] });
    expect(log).toEqual(['dialog', 'write /home/op/Documents/handover.pdf', 'open /home/op/Documents/handover.pdf']);
    expect(written[0]!.bytes).toBeGreaterThan(0);
    expect(FakePrintWindow.created[0]!.printed[0]).toMatchObject({ pageSize: 'Letter', landscape: true });
  });

  it('prints nothing when the dialog is cancelled, and reports a viewer that would not open', async () => {
    const cancelled = setup({ dialog: { canceled: true } });
    expect(await cancelled.printer.exportPdf({ kind: 'situation' })).toEqual({ canceled: true });
    expect(FakePrintWindow.created).toHaveLength(0);
    const noViewer = setup({ openError: 'No application is associated with PDF files' });
    expect(await noViewer.printer.exportPdf({ kind: 'incident', id: 'INC-2026-ABC123-7' })).toEqual({
      canceled: false,
      filePath: '/home/op/Documents/report.pdf',
      openError: 'No application is associated with PDF files',
    });
  });

  it('refuses a request the route cannot draw before opening a window', async () => {
    const { printer } = setup();
    await expect(printer.renderPdf({ kind: 'incident' } as never)).rejects.toThrow(/incident id/);
    await expect(printer.renderPdf({ kind: 'situation', paper: 'B5' })).rejects.toThrow(/paper must be one of/);
    expect(FakePrintWindow.created).toHaveLength(0);
  });
});

describe('report route contract (electron/services/reports ↔ renderer/src/features/reports)', () => {
  it('parses the endpoint query', () => {
    const ok = parseReportQuery(new URLSearchParams('kind=incident&id=INC-2026-ABC123-7&paper=letter&tz=Europe/London&token=x&download=1'));
    expect(ok).toEqual({ ok: true, request: { kind: 'incident', id: 'INC-2026-ABC123-7', paper: 'Letter', timeZone: 'Europe/London' } });
    expect(parseReportQuery(new URLSearchParams('kind=situation&tagged=1'))).toMatchObject({ ok: true, request: { tagged: true } });
    expect(parseReportQuery(new URLSearchParams('kind=incident'))).toMatchObject({ ok: false, field: 'id' });
    expect(parseReportQuery(new URLSearchParams('kind=trends&from=yesterday'))).toMatchObject({ ok: false, field: 'from' });
    expect(parseReportQuery(new URLSearchParams('kind=situation&tz=Mars/Olympus'))).toMatchObject({ ok: false, field: 'timeZone' });
    expect(parseReportQuery(new URLSearchParams('kind=wall'))).toMatchObject({ ok: false, field: 'kind' });
  });

  it('builds browser-host URLs with the token in the query (the renderer reads it there)', () => {
    const r: ReportRequest = { kind: 'situation', paper: 'A1' };
    const url = new URL(reportUrl('http://127.0.0.1:4510/', r, { token: 't0k', heads: 'local' }));
    expect(url.searchParams.get('token')).toBe('t0k');
    expect(url.hash).toBe('#/report/situation?paper=A1&orientation=landscape&pdf=1&heads=local');
    expect(pdfLayout(r)).toMatchObject({ paper: 'A1', landscape: true });
    expect(printOptions(pdfLayout(r), 't', 'f').pageSize).toBe('A1');
  });

  it('escapes the footer and names files', () => {
    expect(footerTemplate('<b>Site & "Co"</b>', pdfLayout({ kind: 'incident', paper: 'A4' }))).toContain('&lt;b&gt;Site &amp; &quot;Co&quot;&lt;/b&gt;');
    const now = Date.parse('2026-11-27T14:05:00Z');
    expect(reportFileName({ kind: 'incident', id: 'INC-2026-ABC123-7', paper: 'A4' }, now)).toBe('incident-report-INC-2026-ABC123-7-20261127-1405.pdf');
    expect(reportFileName({ kind: 'trends', from: '2026-01-01', to: '2026-03-31', paper: 'A4' }, now)).toBe('trend-report-2026-01-01_2026-03-31.pdf');
    expect(waitForReportScript(1000)).toContain('data-report-error');
  });

  it('finds chain heads on a shared-folder store, and none on the local journal', () => {
    const shared = { store: { chainHeads: () => ({ w1: HEAD }) } };
    expect(chainHeadsOf(shared)).toEqual({ w1: HEAD });
    expect(chainHeadsOf({ store: { append: () => undefined } })).toBeUndefined();
    expect(encodeHeadsParam(undefined)).toBe('local');
    const encoded = encodeHeadsParam({ w1: { ...HEAD, gaps: Array.from({ length: 9 }, (_, i) => ({ from: i * 2, to: i * 2 })) } });
    const decoded = rendererParams.parseProvenance(encoded);
    expect(decoded.kind === 'chain' && decoded.heads.w1!.gaps).toHaveLength(5);
  });

  it('loads the report from the address the request came in on', () => {
    const req = (localAddress: string, localPort: number) => ({ socket: { localAddress, localPort } }) as never;
    expect(selfOrigin(req('127.0.0.1', 4510))).toBe('http://127.0.0.1:4510');
    expect(selfOrigin(req('::ffff:10.0.0.5', 80))).toBe('http://10.0.0.5:80');
    expect(selfOrigin(req('::1', 4510))).toBe('http://[::1]:4510');
  });
});

describe('GET /api/report.pdf (electron/services/reports/pdf-endpoint.ts)', () => {
  function fakeRes() {
    const out = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
    const res = {
      writeHead: (status: number, headers: Record<string, string>) => {
        out.status = status;
        out.headers = headers;
      },
      end: (body?: unknown) => {
        out.body = body;
      },
    };
    return { res: res as never, out };
  }
  const req = (method = 'GET') => ({ method, socket: { localAddress: '127.0.0.1', localPort: 4510 } }) as never;
  const service = {
    call: async (method: string, input: unknown) => {
      if (method === 'incidents.get' && (input as { id: string }).id !== 'INC-2026-ABC123-7') throw new ApiError({ code: 'not_found', message: 'No incident', field: 'id' });
      return {};
    },
    now: () => Date.parse('2026-11-27T14:05:00Z'),
  };
  const urlOf = (q: string) => new URL(`http://host/api/report.pdf?${q}`);

  it('answers 501 with a clear message when this installation cannot print', async () => {
    const renderer = createPdfRenderer({
      loadChromium: async () => {
        throw new PdfUnavailableError('PDF export on the server needs the "playwright-core" package');
      },
    });
    const endpoint = createReportPdfEndpoint({ service, renderer });
    const { res, out } = fakeRes();
    await endpoint.handle(req(), res, urlOf('kind=situation'), { readOnly: false });
    expect(out.status).toBe(501);
    expect(JSON.parse(String(out.body)).error.message).toContain('playwright-core');
    const missingChromium = createReportPdfEndpoint({ service, renderer: createPdfRenderer({ executablePath: '/nonexistent/chromium', loadChromium: async () => ({ launch: async () => ({}) as never }) }) });
    const second = fakeRes();
    await missingChromium.handle(req(), second.res, urlOf('kind=situation'), { readOnly: false });
    expect(second.out.status).toBe(501);
    expect(JSON.parse(String(second.out.body)).error.message).toContain('/nonexistent/chromium');
  });

  it('checks the query and the incident before starting a browser, and sends the PDF with a file name', async () => {
    const rendered: string[] = [];
    const renderer = {
      render: async (url: string) => {
        rendered.push(url);
        return { pdf: Buffer.from('%PDF-1.7'), title: 't', footer: 'f' };
      },
      close: async () => undefined,
    };
    const endpoint = createReportPdfEndpoint({ service, renderer });
    const bad = fakeRes();
    await endpoint.handle(req(), bad.res, urlOf('kind=incident'), { readOnly: false });
    expect(bad.out.status).toBe(400);
    const post = fakeRes();
    await endpoint.handle(req('POST'), post.res, urlOf('kind=situation'), { readOnly: false });
    expect(post.out.status).toBe(405);
    await expect(endpoint.handle(req(), fakeRes().res, urlOf('kind=incident&id=INC-2026-ABC123-99'), { readOnly: true })).rejects.toMatchObject({ body: { code: 'not_found' } });
    expect(rendered).toEqual([]);

    const ok = fakeRes();
    await endpoint.handle(req(), ok.res, urlOf('kind=incident&id=INC-2026-ABC123-7&token=abc&download=1'), { token: 'abc', readOnly: true });
    expect(ok.out.status).toBe(200);
    expect(ok.out.headers).toMatchObject({ 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="incident-report-INC-2026-ABC123-7-20261127-1405.pdf"' });
    const url = new URL(rendered[0]!);
    expect(url.origin).toBe('http://127.0.0.1:4510');
    expect(url.searchParams.get('token')).toBe('abc');
    expect(url.hash).toBe('#/report/incident/INC-2026-ABC123-7?paper=A4&orientation=portrait&pdf=1&heads=local');
  });
});

describe('trend report period (renderer/src/features/reports/trend-range.ts)', () => {
  it('reads dates as midnights in the report zone, `to` inclusive, across a DST change', () => {
    const r = parseTrendRange(new URLSearchParams('from=2026-03-01&to=2026-03-31'), 'Europe/London', 0);
    expect(r).toMatchObject({ from: Date.parse('2026-03-01T00:00:00Z'), to: Date.parse('2026-03-31T23:00:00Z'), granularity: 'day', inclusiveDate: true });
    const ny = parseTrendRange(new URLSearchParams('from=2026-01-01&to=2026-06-30&granularity=month'), 'America/New_York', 0);
    expect(ny).toMatchObject({ from: Date.parse('2026-01-01T05:00:00Z'), to: Date.parse('2026-07-01T04:00:00Z'), granularity: 'month' });
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(parseTrendRange(new URLSearchParams(''), 'UTC', now)).toMatchObject({ from: now - 28 * 86_400_000, to: now, granularity: 'day' });
    expect(parseTrendRange(new URLSearchParams('from=2026-05-01&to=2026-04-01'), 'UTC', now)).toEqual({ error: '"to" must be after "from"' });
    expect(parseTrendRange(new URLSearchParams('from=soon'), 'UTC', now)).toEqual({ error: '"from" is not a date: soon' });
  });
});
