import type { AddressInfo } from 'node:net';
import { createHttpHost, type HostOptions } from '../../electron/host/http-host';

/** Starts the browser host on a free loopback port. */
export async function startHost(opts: HostOptions) {
  const host = createHttpHost(opts);
  await new Promise<void>((resolve) => host.server.listen(0, '127.0.0.1', resolve));
  const { port } = host.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { base, post, close: () => host.close() };
}
