/**
 * The console's address from the policies view. The browser host serves this view at the path
 * `/policies`, where a hash alone would not leave it; Electron routes on the hash (`#/policies`).
 */
export function policiesConsoleHref(pathname: string = globalThis.location?.pathname ?? '/'): string {
  return `${/^\/policies\/?$/.test(pathname) ? '/' : ''}#/`;
}
