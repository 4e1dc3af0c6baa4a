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

/** Where the renderer's bundle lives in the build (vite's `build.assetsDir`). */
const ASSETS_DIR = 'assets';

/**
 * The renderer is built with `base: './'` (Electron loads it from app://), so its index.html asks
 * for `./assets/…` relative to the page: at a deep link such as `/report/incident/INC-…` or
 * `/wall/north` that is `/report/incident/assets/…`. Any `…/assets/<file>` is the bundle's file.
 */
function assetPath(rel: string): string | undefined {
  const parts = rel.split(/[/\\]/);
  const at = parts.lastIndexOf(ASSETS_DIR);
  return at > 0 && at < parts.length - 1 ? join(ASSETS_DIR, ...parts.slice(at + 1)) : undefined;
}

/**
 * Resolves a URL path to a file of the built renderer; unknown paths without an extension get
 * index.html, so `/wall`, `/report/incident/INC-…` and `/` all load the app (it routes on the path
 * or hash), and their relative asset URLs resolve from any depth.
 */
export async function loadStatic(root: string, pathname: string): Promise<{ body: Buffer; type: string } | undefined> {
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const file = join(root, rel);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  const asset = assetPath(rel);
  const candidates = extname(rel) ? [file, ...(asset ? [join(root, asset)] : [])] : [join(root, 'index.html')];
  for (const c of candidates) {
    try {
      return { body: await readFile(c), type: TYPES[extname(c)] ?? 'application/octet-stream' };
    } catch {
      /* try next */
    }
  }
  return undefined;
}
