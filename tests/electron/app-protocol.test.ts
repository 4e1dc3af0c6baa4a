import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_PRIVILEGED_SCHEMES, createAppProtocolHandler, resolveAppFile } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import { tempDir } from '../support/temp-dir';

describe('app:// protocol', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let root: string;
  beforeAll(async () => {
    dir = await tempDir('watchfloor-protocol-');
    root = join(dir.path, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Watchfloor</title>');
    await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    await writeFile(join(dir.path, 'secret.txt'), 'TOP SECRET');
    await writeFile(join(dir.path, 'renderer-evil.txt'), 'SIBLING SECRET');
  });
  afterAll(() => dir.cleanup());

  it('is registered as a standard, secure scheme without CSP bypass', () => {
    expect(APP_PRIVILEGED_SCHEMES).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) })]);
    expect(APP_ENTRY_URL).toBe('app://watchfloor/index.html');
  });

  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppFile(root, 'app://watchfloor/index.html')).toEqual({ ok: true, file: join(root, 'index.html') });
    expect(resolveAppFile(root, 'app://watchfloor/')).toEqual({ ok: true, file: join(root, 'index.html') });
    expect(resolveAppFile(root, 'app://watchfloor/assets/index-abc.js?v=1#x')).toEqual({ ok: true, file: join(root, 'assets', 'index-abc.js') });
  });

  it.each([
    'app://watchfloor/..%2fsecret.txt',
    'app://watchfloor/assets/..%2f..%2fsecret.txt',
    'app://watchfloor/..%5csecret.txt',
    'app://watchfloor/%2e%2e%2fsecret.txt',
    'app://watchfloor/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://watchfloor/..%2frenderer-evil.txt',
    'app://watchfloor/index.html%00.png',
  ])('refuses path traversal %s', (url) => {
    const r = resolveAppFile(root, url);
    expect(r.ok).toBe(false);
    expect(r.ok || r.status).toBe(403);
  });

  it('keeps URL-normalised dot segments inside the root', () => {
    // The URL parser already folds literal ../ (and %2e%2e/) segments; what is left stays inside.
    for (const url of ['app://watchfloor/../secret.txt', 'app://watchfloor/%2e%2e/%2e%2e/secret.txt', 'app://watchfloor//etc/passwd']) {
      const r = resolveAppFile(root, url);
      expect(r.ok, url).toBe(true);
      if (r.ok) expect(r.file.startsWith(root + sep), url).toBe(true);
    }
  });

  it('answers only its own scheme and host', () => {
    expect(resolveAppFile(root, 'app://other/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppFile(root, 'file:///etc/passwd')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppFile(root, 'app://watchfloor/%E0%A4%A')).toMatchObject({ ok: false, status: 404 });
  });

  describe('handler', () => {
    const handler = () => createAppProtocolHandler({ root, csp: CONTENT_SECURITY_POLICY, readFile });

    it('serves index.html with its type, nosniff and the CSP header', async () => {
      const res = await handler()(new Request('app://watchfloor/index.html'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('<title>Watchfloor</title>');
    });

    it('serves scripts as JavaScript', async () => {
      const res = await handler()(new Request('app://watchfloor/assets/index-abc.js'));
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(await res.text()).toBe('console.log(1)');
    });

    it('refuses traversal with 403 and never reads the file', async () => {
      const res = await handler()(new Request('app://watchfloor/..%2fsecret.txt'));
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('SECRET');
    });

    it('answers 404 for missing files and 405 for other methods', async () => {
      expect((await handler()(new Request('app://watchfloor/nope.js'))).status).toBe(404);
      expect((await handler()(new Request('app://watchfloor/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    });

    it('answers HEAD without a body', async () => {
      const res = await handler()(new Request('app://watchfloor/index.html', { method: 'HEAD' }));
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
    });
  });
});
