/**
 * `GET /api/report.pdf?kind=incident&id=…` (or `kind=situation`, `kind=trends&from=…&to=…`;
 * `paper=A4|A3|A1|Letter`, `orientation=`, `tz=`, `tagged=1` for an accessible PDF, `download=1`): the browser host prints the report
 * route with headless Chromium and answers the PDF. The page is loaded from this host, on the
 * address the request came in on, with the caller's own token: it sees what the caller may see.
 *
 * 400 for a bad query, 404 for an unknown incident, 501 when this installation cannot print
 * (no playwright-core or no Chromium; the report page's own print button still works).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../../../shared/contract/api';
import { chainHeadsOf, encodeHeadsParam } from './chain-heads';
import { createPdfRenderer, PdfBusyError, PdfUnavailableError, ReportPageError, type PdfRenderer } from './pdf-renderer';
import { parseReportQuery, pdfLayout, reportFileName, reportUrl } from './report-request';

export const REPORT_PDF_PATH = '/api/report.pdf';

/** The slice of WorkspaceService the endpoint uses. */
export interface ReportService {
  call(method: string, input: unknown, ctx?: { readOnly?: boolean }): Promise<unknown>;
  now(): number;
}

export interface ReportPdfEndpoint {
  handle(req: IncomingMessage, res: ServerResponse, url: URL, ctx: { token?: string; readOnly: boolean }): Promise<void>;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, code: string, message: string, field?: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify({ error: { code, message, ...(field ? { field } : {}) } }));
}

/** The origin this request reached, for the headless page to load the report from. */
export function selfOrigin(req: IncomingMessage): string {
  let host = req.socket.localAddress ?? '127.0.0.1';
  const port = req.socket.localPort;
  if (host.startsWith('::ffff:')) host = host.slice('::ffff:'.length);
  if (host === '::' || host === '0.0.0.0') host = '127.0.0.1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function createReportPdfEndpoint(opts: { service: ReportService; renderer?: PdfRenderer }): ReportPdfEndpoint {
  const renderer = opts.renderer ?? createPdfRenderer();
  return {
    async handle(req, res, url, ctx) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'invalid_input', 'Reports are fetched with GET');
      const parsed = parseReportQuery(url.searchParams);
      if (!parsed.ok) return send(res, 400, 'invalid_input', parsed.message, parsed.field);
      const request = parsed.request;
      // An unknown incident is a 404 from the API itself, before any browser starts.
      if (request.kind === 'incident') await opts.service.call('incidents.get', { id: request.id }, { readOnly: true });
      const heads = encodeHeadsParam(chainHeadsOf(opts.service));
      const target = reportUrl(`${selfOrigin(req)}/`, request, { heads, token: ctx.token });
      try {
        const { pdf } = await renderer.render(target, pdfLayout(request), { timeZone: request.timeZone, tagged: request.tagged });
        const disposition = url.searchParams.get('download') === '1' ? 'attachment' : 'inline';
        res.writeHead(200, {
          'content-type': 'application/pdf',
          'content-length': String(pdf.length),
          'content-disposition': `${disposition}; filename="${reportFileName(request, opts.service.now())}"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
        res.end(req.method === 'HEAD' ? undefined : pdf);
      } catch (err) {
        if (err instanceof PdfUnavailableError) return send(res, 501, 'internal', err.message);
        if (err instanceof PdfBusyError) return send(res, 503, 'internal', err.message);
        if (err instanceof ReportPageError) return send(res, 400, 'invalid_input', `The report could not be drawn: ${err.message}`);
        if (err instanceof ApiError) throw err;
        console.error('Watchfloor: printing a report failed', err);
        return send(res, 500, 'internal', `Printing the report failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
    },
    close: () => renderer.close(),
  };
}
