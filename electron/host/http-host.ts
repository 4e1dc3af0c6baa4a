import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError, HTTP_STATUS_OF, type ApiErrorBody } from '../../shared/contract/api';
import type { StreamMessage } from '../../shared/contract/stream';
import type { WorkspaceService } from '../services/workspace/workspace-service';
import { createReportPdfEndpoint, REPORT_PDF_PATH, type ReportPdfEndpoint } from '../services/reports/pdf-endpoint';
import { accessFor, presentedToken, TOKEN_COOKIE, type Access, type AccessTokens } from './access';
import { CONTENT_SECURITY_POLICY, loadStatic } from './static-files';

export interface HostOptions extends AccessTokens {
  service: WorkspaceService;
  version: string;
  /** Built renderer (out/renderer); without it only the API is served. */
  staticDir?: string;
  maxBodyBytes?: number;
  /** Larger limits for some methods (a file's text travels in the call), by method name prefix. */
  methodBodyBytes?: Readonly<Record<string, number>>;
  /** `GET /api/report.pdf` (reports printed by headless Chromium); default: on, launched on first use. */
  reportPdf?: ReportPdfEndpoint;
}

/** Imports carry the file's text (64 MB of characters can be more bytes in UTF-8). */
export const METHOD_BODY_BYTES: Readonly<Record<string, number>> = { 'import.': 128 * 1024 * 1024 };

const API_PREFIX = '/api/';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function sendError(res: ServerResponse, body: ApiErrorBody): void {
  sendJson(res, HTTP_STATUS_OF[body.code], { error: body });
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError({ code: 'too_large', message: `Request body over ${limit} bytes` });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function actorOf(req: IncomingMessage): string | undefined {
  const raw = req.headers['x-watchfloor-actor'];
  return typeof raw === 'string' && raw.trim() ? decodeURIComponent(raw).trim().slice(0, 120) : undefined;
}

/**
 * The browser host: the same services over HTTP (JSON, `POST /api/<method>`), server-sent events
 * (`GET /api/events`) and the built renderer, for wall PCs and browsers.
 */
export interface HttpHost {
  server: Server;
  /** Ends live streams and stops listening. */
  close(): Promise<void>;
}

export function createHttpHost(opts: HostOptions): HttpHost {
  const limit = opts.maxBodyBytes ?? 1_000_000;
  const methodLimits = Object.entries(opts.methodBodyBytes ?? METHOD_BODY_BYTES);
  const limitFor = (method: string) => methodLimits.find(([prefix]) => method.startsWith(prefix))?.[1] ?? limit;
  const streams = new Set<ServerResponse>();
  const reportPdf = opts.reportPdf ?? createReportPdfEndpoint({ service: opts.service });
  const unsubscribe = opts.service.subscribe((message: StreamMessage) => {
    const frame = `data: ${JSON.stringify(message)}\n\n`;
    for (const res of streams) res.write(frame);
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof ApiError) {
        // The rest of an oversized body is still on its way: do not reuse this connection.
        if (err.body.code === 'too_large') res.setHeader('connection', 'close');
        return sendError(res, err.body);
      }
      console.error(err);
      sendError(res, { code: 'internal', message: 'Internal error; nothing was changed' });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://host');
    const presented = presentedToken(req, url);
    const access: Access = accessFor(presented, opts);
    if (access === 'denied') return sendError(res, { code: 'unauthorized', message: 'An access token is required (?token=… or Authorization: Bearer …)' });
    if (presented && url.searchParams.has('token')) {
      // Remember the token for the page's own asset and API requests.
      res.setHeader('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(presented)}; HttpOnly; SameSite=Strict; Path=/`);
    }

    if (url.pathname === '/api/health') return sendJson(res, 200, { ok: true, version: opts.version });
    if (url.pathname === '/api/events') return openStream(req, res);
    if (url.pathname === REPORT_PDF_PATH) return reportPdf.handle(req, res, url, { token: presented, readOnly: access === 'read-only' });
    if (url.pathname.startsWith(API_PREFIX)) {
      if (req.method !== 'POST') return sendError(res, { code: 'invalid_input', message: 'API methods are called with POST and a JSON body' });
      const method = url.pathname.slice(API_PREFIX.length);
      const text = await readBody(req, access === 'read-only' ? limit : limitFor(method));
      let input: unknown = {};
      if (text.trim()) {
        try {
          input = JSON.parse(text);
        } catch {
          return sendError(res, { code: 'invalid_input', message: 'The body is not valid JSON' });
        }
      }
      const result = await opts.service.call(method, input, { actor: actorOf(req), readOnly: access === 'read-only' });
      return sendJson(res, 200, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, { code: 'not_found', message: 'Not found' });
    const file = opts.staticDir ? await loadStatic(opts.staticDir, url.pathname) : undefined;
    if (!file) return sendError(res, { code: 'not_found', message: opts.staticDir ? 'Not found' : 'The renderer is not built: run npm run build:web' });
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': file.type.startsWith('text/html') ? 'no-store' : 'public, max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(res);
    });
  }

  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        const printer = reportPdf.close().catch(() => undefined); // the print browser, if one was launched
        for (const res of streams) res.end();
        server.close(() => void printer.then(resolve));
        server.closeAllConnections();
      }),
  };
}
