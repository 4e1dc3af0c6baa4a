import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../electron/main/app-protocol';
import {
  CONTENT_SECURITY_POLICY,
  guardWebContents,
  hardenSession,
  isPermissionAllowed,
  isSafeExternalUrl,
  isTrustedSender,
  navigationGuard,
  originOf,
  secureWebPreferences,
  trustedOrigins,
  windowOpenHandler,
  withContentSecurityPolicy,
  type GuardableContents,
  type HardenableSession,
} from '../../electron/main/security';

/** Parses a CSP string into directive → sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function navigationEvent() {
  return { prevented: false, preventDefault() { this.prevented = true; } };
}

const PROD = trustedOrigins();
const DEV = trustedOrigins('http://localhost:5173/');

describe('secure webPreferences', () => {
  it('isolates, sandboxes and keeps Node out of every renderer', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('Content-Security-Policy', () => {
  it("allows only the app's own origin, no eval and no inline script", () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });

  it('is also in renderer/index.html as a meta tag, with the same script rules', async () => {
    const html = await readFile(join(import.meta.dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta, 'index.html has a CSP meta tag').not.toBeNull();
    const d = directives(meta![1]!);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(meta![1]).not.toContain('unsafe-eval');
  });

  it('is put on app:// responses by onHeadersReceived, replacing any other policy', () => {
    const out = withContentSecurityPolicy({
      url: `${APP_ORIGIN}/index.html`,
      responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] },
    });
    expect(out.responseHeaders).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('leaves responses from other origins as they are', () => {
    const headers = { 'content-type': ['text/html'] };
    expect(withContentSecurityPolicy({ url: 'http://localhost:5173/', responseHeaders: headers })).toEqual({ responseHeaders: headers });
  });
});

describe('origins and trusted senders', () => {
  it("computes app://watchfloor's origin as Chromium does for a standard scheme", () => {
    expect(originOf('app://watchfloor/index.html#/wall?priority=P1')).toBe('app://watchfloor');
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
    expect(originOf('file:///etc/passwd')).toBeUndefined();
    expect(originOf('not a url')).toBeUndefined();
  });

  it('trusts app://watchfloor, and the dev server only when one is configured', () => {
    expect(PROD).toEqual(['app://watchfloor']);
    expect(DEV).toEqual(['app://watchfloor', 'http://localhost:5173']);
  });

  it.each([
    ['app://watchfloor/index.html', true],
    ['app://watchfloor/index.html#/wall', true],
    ['http://evil.example/', false],
    ['https://watchfloor/', false],
    ['app://evil/index.html', false],
    ['file:///work/main/out/renderer/index.html', false],
    ['file:///tmp/evil.html', false],
    ['about:blank', false],
    ['', false],
    ['http://localhost:5173/', false],
  ])('sender frame %j trusted in production: %s', (url, trusted) => {
    expect(isTrustedSender({ url }, PROD)).toBe(trusted);
  });

  it('rejects a missing sender frame (destroyed or navigated away)', () => {
    expect(isTrustedSender(null, PROD)).toBe(false);
    expect(isTrustedSender(undefined, DEV)).toBe(false);
  });

  it('trusts the dev server origin in development, but not other ports', () => {
    expect(isTrustedSender({ url: 'http://localhost:5173/#/wall' }, DEV)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/' }, DEV)).toBe(false);
  });
});

describe('new windows and navigation', () => {
  it('denies every window.open and sends only http(s) links to the browser', async () => {
    const opened: string[] = [];
    const handler = windowOpenHandler((url) => opened.push(url));
    for (const url of ['https://status.example.com/x', 'http://wiki.example/runbook', 'javascript:alert(1)', 'file:///etc/passwd', 'app://watchfloor/index.html', 'smb://share/x', 'https://user:pw@example.com/']) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://status.example.com/x', 'http://wiki.example/runbook']);
  });

  it('does not fail when the browser cannot be opened', async () => {
    const handler = windowOpenHandler(() => Promise.reject(new Error('no browser')));
    expect(handler({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 0)); // no unhandled rejection
  });

  it('validates external URLs by scheme', () => {
    expect(isSafeExternalUrl('https://example.com')).toBe(true);
    expect(isSafeExternalUrl('mailto:a@example.com')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('nonsense')).toBe(false);
  });

  it('prevents will-navigate to foreign URLs and allows the app origin', () => {
    const guard = navigationGuard(PROD);
    const cases: [string, boolean][] = [
      ['https://evil.example/phish', true],
      ['file:///etc/passwd', true],
      ['http://localhost:5173/', true],
      ['app://watchfloor/index.html#/wall', false],
      ['app://watchfloor/index.html', false],
    ];
    for (const [url, prevented] of cases) {
      const e = navigationEvent();
      guard(e, url);
      expect(e.prevented, url).toBe(prevented);
    }
    const dev = navigationEvent();
    navigationGuard(DEV)(dev, 'http://localhost:5173/');
    expect(dev.prevented).toBe(false);
  });

  it('wires the guards onto a WebContents', () => {
    const emitter = new EventEmitter();
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    const contents = Object.assign(emitter, {
      setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => {
        openHandler = h;
      },
    }) as unknown as GuardableContents;
    const external = vi.fn();
    guardWebContents(contents, { origins: PROD, openExternal: external });

    const foreign = navigationEvent();
    emitter.emit('will-navigate', foreign, 'https://evil.example');
    const own = navigationEvent();
    emitter.emit('will-navigate', own, 'app://watchfloor/index.html');
    const redirect = navigationEvent();
    emitter.emit('will-redirect', redirect, 'https://evil.example');
    const webview = navigationEvent();
    emitter.emit('will-attach-webview', webview);

    expect([foreign.prevented, own.prevented, redirect.prevented, webview.prevented]).toEqual([true, false, true, true]);
    expect(openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(external).toHaveBeenCalledWith('https://example.com');
  });
});

describe('permissions and session hardening', () => {
  it("grants only 'notifications', and only to the app's pages", () => {
    expect(isPermissionAllowed('notifications', 'app://watchfloor/index.html', PROD)).toBe(true);
    expect(isPermissionAllowed('notifications', 'app://watchfloor', PROD)).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example', PROD)).toBe(false);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      expect(isPermissionAllowed(p, 'app://watchfloor/index.html', PROD), p).toBe(false);
    }
  });

  it('installs the CSP hook and both permission handlers on the session', () => {
    const captured: Partial<{
      headers: Parameters<HardenableSession['webRequest']['onHeadersReceived']>[0];
      request: Parameters<HardenableSession['setPermissionRequestHandler']>[0];
      check: Parameters<HardenableSession['setPermissionCheckHandler']>[0];
    }> = {};
    const session: HardenableSession = {
      webRequest: { onHeadersReceived: (l) => void (captured.headers = l) },
      setPermissionRequestHandler: (h) => void (captured.request = h),
      setPermissionCheckHandler: (h) => void (captured.check = h),
    };
    hardenSession(session, PROD);

    const replies: unknown[] = [];
    captured.headers!({ url: 'app://watchfloor/index.html', responseHeaders: {} }, (r) => replies.push(r));
    expect(replies).toEqual([{ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }]);

    const grants: boolean[] = [];
    const page = { getURL: () => 'app://watchfloor/index.html' };
    captured.request!(page, 'notifications', (g) => grants.push(g), { requestingUrl: 'app://watchfloor/index.html' });
    captured.request!(page, 'media', (g) => grants.push(g), { requestingUrl: 'app://watchfloor/index.html' });
    captured.request!(page, 'notifications', (g) => grants.push(g), { requestingUrl: 'https://evil.example/' });
    expect(grants).toEqual([true, false, false]);
    expect(captured.check!(null, 'notifications', 'app://watchfloor')).toBe(true);
    expect(captured.check!(null, 'clipboard-read', 'app://watchfloor')).toBe(false);
  });
});
