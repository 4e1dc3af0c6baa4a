import type { WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY as HOST_CSP } from '../host/static-files';
import { APP_ORIGIN, APP_SCHEME } from './app-protocol';

/**
 * Electron's security checklist as plain values and functions, so each rule is unit-tested in
 * Node and wired to the real objects in one place (index.ts / windows.ts).
 * https://www.electronjs.org/docs/latest/tutorial/security
 */

/**
 * One policy for every renderer: the app:// responses carry it as a header, index.html carries it
 * as a meta tag, and the browser host sends the same. No remote content, no eval, no inline script.
 */
export const CONTENT_SECURITY_POLICY = HOST_CSP;

/** webPreferences for every window: isolated, sandboxed, no Node, no webviews, web security on. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/**
 * The origin of a URL as Chromium sees it. Node's URL gives `"null"` for non-special schemes, but
 * app:// is registered as a standard scheme, so its origin is `app://watchfloor`.
 */
export function originOf(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
  if (u.protocol === `${APP_SCHEME}:` && u.host) return `${APP_SCHEME}://${u.host}`;
  return undefined; // file:, data:, blob:, about:, javascript:, … are never the app
}

/** Origins the app's own pages load from: app://watchfloor, plus the dev server in development. */
export function trustedOrigins(devServerUrl?: string): string[] {
  const dev = devServerUrl ? originOf(devServerUrl) : undefined;
  return dev && dev !== APP_ORIGIN ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

export function isTrustedUrl(url: string | undefined | null, origins: readonly string[]): boolean {
  if (!url) return false;
  const origin = originOf(url);
  return origin !== undefined && origins.includes(origin);
}

/**
 * An IPC sender is trusted when the frame that sent it shows one of the app's own pages
 * (as GitHub Desktop and the Electron checklist do: validate `event.senderFrame`).
 */
export function isTrustedSender(frame: { url: string } | null | undefined, origins: readonly string[]): boolean {
  return isTrustedUrl(frame?.url, origins);
}

/** Links may leave the app only for the browser, and only as http(s). */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** setWindowOpenHandler: never opens an Electron window; http(s) links go to the default browser. */
export function windowOpenHandler(openExternal: (url: string) => unknown): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    if (isSafeExternalUrl(url)) void Promise.resolve(openExternal(url)).catch(() => undefined);
    return { action: 'deny' };
  };
}

/** will-navigate / will-redirect: stay on the app's own origin; everything else is prevented. */
export function navigationGuard(origins: readonly string[]): (event: { preventDefault(): void }, url: string) => void {
  return (event, url) => {
    if (!isTrustedUrl(url, origins)) event.preventDefault();
  };
}

/** Only desktop notifications are granted, and only to the app's own pages. */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, origins: readonly string[]): boolean {
  return permission === 'notifications' && isTrustedUrl(requestingUrl, origins);
}

type Headers = Record<string, string | string[]>;

/**
 * onHeadersReceived: every response from the app's own scheme gets the CSP header (replacing any
 * other). Other responses pass unchanged. (Chromium does not always run header hooks for custom
 * schemes, so the protocol handler sets the same header itself.)
 */
export function withContentSecurityPolicy(details: { url: string; responseHeaders?: Record<string, string[]> }, csp = CONTENT_SECURITY_POLICY): { responseHeaders?: Headers } {
  const headers: Headers = { ...(details.responseHeaders ?? {}) };
  const origin = originOf(details.url);
  if (origin !== APP_ORIGIN) return { responseHeaders: details.responseHeaders };
  for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
  headers['Content-Security-Policy'] = [csp];
  return { responseHeaders: headers };
}

/** The slice of a WebContents the guards attach to (a real WebContents satisfies it). */
export interface GuardableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

/** Applied to every WebContents the app creates (app.on('web-contents-created')). */
export function guardWebContents(contents: GuardableContents, opts: { origins: readonly string[]; openExternal: (url: string) => unknown }): void {
  contents.setWindowOpenHandler(windowOpenHandler(opts.openExternal));
  const guard = navigationGuard(opts.origins);
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The slice of a Session the hardening touches. */
export interface HardenableSession {
  webRequest: {
    onHeadersReceived(
      listener: (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Headers }) => void) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (webContents: { getURL(): string }, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean): void;
}

export function hardenSession(session: HardenableSession, origins: readonly string[]): void {
  session.webRequest.onHeadersReceived((details, callback) => callback(withContentSecurityPolicy(details)));
  session.setPermissionRequestHandler((webContents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl ?? webContents.getURL(), origins)),
  );
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, origins));
}
