import type { ApiClient } from './api-client';
import { createHttpClient } from './http-client';
import { createIpcClient } from './ipc-client';

/** Picks the transport: the preload bridge inside Electron, HTTP on the page's own origin otherwise. */
export function createClient(win: Window = window): ApiClient {
  if (win.watchfloor) return createIpcClient(win.watchfloor);
  const token = new URLSearchParams(win.location.search).get('token') ?? win.sessionStorage.getItem('watchfloor.token') ?? undefined;
  if (token) win.sessionStorage.setItem('watchfloor.token', token);
  return createHttpClient({ baseUrl: `${win.location.origin}/`, token, actor: () => win.localStorage.getItem('watchfloor.operator') ?? undefined });
}
