import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Same policy as the Electron windows, with the API on this origin. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * Resolves a URL path to a file of the built renderer; unknown paths without an extension get
 * index.html, so `/wall` and `/` both load the app (it routes on the path or hash).
 */
export async function loadStatic(root: string, pathname: string): Promise<{ body: Buffer; type: string } | undefined> {
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const file = join(root, rel);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  const candidates = extname(rel) ? [file] : [join(root, 'index.html')];
  for (const c of candidates) {
    try {
      return { body: await readFile(c), type: TYPES[extname(c)] ?? 'application/octet-stream' };
    } catch {
      /* try next */
    }
  }
  return undefined;
}
