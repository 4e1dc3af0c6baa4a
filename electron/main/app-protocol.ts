import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { CustomScheme } from 'electron';

/**
 * The production renderer is served from `app://watchfloor/`, a privileged standard scheme, instead
 * of file://: it gets a real origin (so CSP `'self'` and the IPC sender check mean something) and
 * can only ever reach files inside the built renderer folder.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'watchfloor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Passed to protocol.registerSchemesAsPrivileged, which must run before the app is ready. */
export const APP_PRIVILEGED_SCHEMES: CustomScheme[] = [
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, bypassCSP: false, corsEnabled: false, stream: false },
  },
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type AppFileResolution = { ok: true; file: string } | { ok: false; status: 403 | 404; reason: string };

/**
 * Maps an `app://watchfloor/<path>` URL to a file inside `root`, refusing anything that would
 * land outside it (`..`, encoded `%2e%2e%2f`, backslashes, absolute paths, NUL bytes) or any other
 * scheme or host.
 */
export function resolveAppFile(root: string, requestUrl: string): AppFileResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 404, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404, reason: 'not the app origin' };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 404, reason: 'malformed path' };
  }
  if (path.includes('\0')) return { ok: false, status: 403, reason: 'NUL in path' };
  const rel = path.replace(/^[/\\]+/, '') || 'index.html';
  const base = resolve(root);
  const file = resolve(base, rel.replaceAll('\\', '/'));
  const inside = relative(base, file);
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) return { ok: false, status: 403, reason: 'outside the renderer folder' };
  return { ok: true, file: join(base, inside) };
}

export interface AppProtocolOptions {
  /** The built renderer folder (out/renderer). */
  root: string;
  /** Content-Security-Policy sent with every response. */
  csp: string;
  readFile: (file: string) => Promise<Uint8Array>;
}

/** The protocol.handle handler: GET/HEAD only, files from `root` only, CSP on every response. */
export function createAppProtocolHandler(opts: AppProtocolOptions): (request: Request) => Promise<Response> {
  const plain = (status: number, text: string) =>
    new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': opts.csp } });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const target = resolveAppFile(opts.root, request.url);
    if (!target.ok) return plain(target.status, target.status === 403 ? 'Forbidden' : 'Not found');
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = new Uint8Array(await opts.readFile(target.file)); // an ArrayBuffer-backed copy, as Response wants
    } catch {
      return plain(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'content-type': contentTypeOf(target.file),
        'content-security-policy': opts.csp,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      },
    });
  };
}
