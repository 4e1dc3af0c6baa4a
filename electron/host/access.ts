import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type Access = 'full' | 'read-only' | 'denied';

export interface AccessTokens {
  /** Full access; required whenever the host binds to anything but loopback. */
  token?: string;
  /** View-only access for wall PCs and TVs. */
  wallToken?: string;
}

export const TOKEN_COOKIE = 'watchfloor_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token a request presents: bearer header, `?token=`, or the cookie set when a page was opened with one. */
export function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const cookie = req.headers.cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${TOKEN_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(TOKEN_COOKIE.length + 1)) : undefined;
}

export function accessFor(presented: string | undefined, tokens: AccessTokens): Access {
  if (!tokens.token && !tokens.wallToken) return 'full';
  if (presented && tokens.token && same(presented, tokens.token)) return 'full';
  if (presented && tokens.wallToken && same(presented, tokens.wallToken)) return 'read-only';
  return 'denied';
}
