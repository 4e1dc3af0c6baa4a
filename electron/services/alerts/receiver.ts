/**
 * The alert receiver: an HTTP server of its own (not the browser host's API), off until enabled
 * in the intake settings, bound to 127.0.0.1 unless the user chooses another address.
 *
 * `POST /alerts/<source>`, one URL per configured source, each with its own secret:
 * 1. unknown or disabled source → 404; not POST → 405
 * 2. `bearer` sources: `Authorization: Bearer <secret>` checked before the body is read → 401
 * 3. body over the limit → 413 (checked on Content-Length, then while reading)
 * 4. `hmac` sources: HMAC-SHA256 of the raw body in the signature header; `routing-key` sources:
 *    the body's `routing_key` → 401
 * 5. per-source token bucket → 429 with Retry-After (after authentication, so a stranger's flood
 *    cannot use up the sender's budget)
 * 6. format: the source's, or sniffed → 415 / 400 (malformed JSON or XML, invalid alert)
 * 7. recorded durably (deduplicated and grouped by the inbox fold) → 200, or the format's own
 *    answer (PagerDuty 202 `{status, message, dedup_key}`, generic 202)
 * Every refusal is answered with a JSON body, written to the intake log, and changes nothing.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { rulesFor } from '../../../shared/alerts/triage';
import type { NormalisedAlert } from '../../../shared/alerts/model';
import { errorBody, parseDelivery } from './delivery';
import type { ReceiveResult } from './intake';
import type { IntakeLog } from './intake-log';
import type { IntakeSettingsStore, ResolvedSource } from './intake-settings';
import { TokenBucket, type IntakeStats } from './rate-limit';

export interface ReceiverDeps {
  settings: IntakeSettingsStore;
  intake: { receive(alerts: NormalisedAlert[]): Promise<ReceiveResult> };
  log: IntakeLog;
  stats: IntakeStats;
  now: () => number;
}

export const ALERTS_PATH = '/alerts/';

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(JSON.stringify(body));
}

const digest = (s: string | Buffer) => createHash('sha256').update(s).digest();

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** `sha256=<hex>` (or bare hex) of HMAC-SHA256(secret, body). */
export function signatureOf(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function validSignature(secret: string, body: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const given = header.trim().replace(/^sha256=/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

type Read = { ok: true; body: Buffer } | { ok: false; size: number };

/** Reads the body up to `max` bytes; beyond it keeps draining (so the sender reads the 413) up to a hard cap, then drops the connection. */
function readBody(req: IncomingMessage, max: number): Promise<Read> {
  const hardCap = max + 8 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
      else if (size > hardCap) {
        req.destroy();
        resolve({ ok: false, size });
      }
    });
    req.on('end', () => resolve(size <= max ? { ok: true, body: Buffer.concat(chunks, size) } : { ok: false, size }));
    req.on('error', reject);
  });
}

/** Lets an unread body flow away so the answer reaches the sender. */
async function drain(req: IncomingMessage): Promise<void> {
  await readBody(req, 0).catch(() => undefined);
}

export class AlertReceiver {
  private server: Server | undefined;
  private readonly buckets = new Map<string, { key: string; bucket: TokenBucket }>();
  private bound: { address: string; port: number } | undefined;
  /** Why the receiver is not listening although enabled (port in use, address not on this machine). */
  error: string | null = null;

  constructor(private readonly deps: ReceiverDeps) {}

  get listening(): { address: string; port: number } | undefined {
    return this.bound;
  }

  /** The URL senders use, when listening. */
  get baseUrl(): string | null {
    if (!this.bound) return null;
    const { address, port } = this.bound;
    const host = address === '0.0.0.0' || address === '::' ? hostname() : address;
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  /** Starts listening; a failure is kept in `error` (the app runs on without a receiver). */
  async start(bindAddress: string, port: number): Promise<void> {
    await this.stop();
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        console.error('alert receiver:', err);
        send(res, 500, errorBody('internal', 'Internal error; nothing was recorded'));
      });
    });
    server.requestTimeout = 30_000;
    server.maxConnections = 1024;
    server.headersTimeout = 15_000;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, bindAddress, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      this.error = `Cannot listen on ${bindAddress}:${port}: ${err instanceof Error ? err.message : String(err)}`;
      return;
    }
    server.on('error', (err) => (this.error = err.message));
    const addr = server.address();
    this.server = server;
    this.error = null;
    this.bound = { address: bindAddress, port: typeof addr === 'object' && addr ? addr.port : port };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.bound = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private bucketFor(source: ResolvedSource): TokenBucket {
    const key = `${source.rateLimit.perSecond}/${source.rateLimit.burst}`;
    let b = this.buckets.get(source.id);
    if (!b || b.key !== key) this.buckets.set(source.id, (b = { key, bucket: new TokenBucket(source.rateLimit.perSecond, source.rateLimit.burst, this.deps.now()) }));
    return b.bucket;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { settings, log, stats } = this.deps;
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (url.pathname === '/health' || url.pathname === '/alerts/health') {
      await drain(req);
      return send(res, 200, { ok: true });
    }
    const match = /^\/alerts\/([^/]+)\/?$/.exec(url.pathname);
    if (!match) {
      await drain(req);
      return send(res, 404, errorBody('not_found', `Unknown path; alerts are posted to ${ALERTS_PATH}<source>`));
    }
    let sourceId: string;
    try {
      sourceId = decodeURIComponent(match[1]!).slice(0, 60);
    } catch {
      sourceId = match[1]!.slice(0, 60);
    }
    const from = req.socket.remoteAddress ?? '';
    const refuse = (status: number, reason: string, message: string, body: unknown = errorBody(reason, message), headers: Record<string, string> = {}, raw?: Buffer) => {
      log.add({ source: sourceId, transport: 'http', status, reason, message, from, body: raw });
      stats.rejected(sourceId);
      send(res, status, body, headers);
    };

    if (req.method !== 'POST') {
      await drain(req);
      return refuse(405, 'method_not_allowed', `${req.method} is not accepted; POST the alert`, undefined, { allow: 'POST' });
    }
    const source = settings.source(sourceId);
    if (!source || !source.enabled) {
      await drain(req);
      // One answer for both, so strangers cannot tell configured sources apart; the log says which.
      log.add({ source: sourceId, transport: 'http', status: 404, reason: 'unknown_source', message: source ? `Source "${sourceId}" is disabled` : `No source "${sourceId}" is configured`, from });
      stats.rejected(sourceId);
      return send(res, 404, errorBody('unknown_source', `No enabled source "${sourceId}"`));
    }
    const bearer = { 'www-authenticate': 'Bearer realm="watchfloor-alerts"' };
    if (source.auth === 'bearer') {
      const auth = headerOf(req, 'authorization');
      const token = auth?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
      if (!token || !sameSecret(token, source.secret)) {
        await drain(req);
        return refuse(401, 'unauthorized', token ? 'Wrong bearer token' : 'Authorization: Bearer <secret> is required', undefined, bearer);
      }
    }
    const max = settings.receiver.maxBodyBytes;
    const declared = Number(headerOf(req, 'content-length'));
    const tooLarge = (size: number) => refuse(413, 'too_large', `Body of ${size} bytes is over the limit of ${max} bytes`, undefined, { connection: 'close' });
    if (Number.isFinite(declared) && declared > max) {
      await drain(req);
      return tooLarge(declared);
    }
    const read = await readBody(req, max);
    if (!read.ok) return tooLarge(read.size);
    const body = read.body;

    if (source.auth === 'hmac' && !validSignature(source.secret, body, headerOf(req, source.signatureHeader))) {
      return refuse(401, 'unauthorized', `Missing or wrong signature in ${source.signatureHeader} (HMAC-SHA256 of the body, hex)`, undefined, {}, body);
    }
    if (source.auth === 'routing-key') {
      let key: unknown;
      try {
        key = (JSON.parse(body.toString('utf8')) as { routing_key?: unknown } | null)?.routing_key;
      } catch {
        key = undefined;
      }
      if (typeof key !== 'string' || !sameSecret(key, source.secret)) {
        return refuse(401, 'unauthorized', 'Missing or wrong routing_key', undefined, {}, body);
      }
    }

    const now = this.deps.now();
    const wait = this.bucketFor(source).take(now);
    if (wait > 0) {
      return refuse(429, 'rate_limited', `More than ${source.rateLimit.burst} requests at once or ${source.rateLimit.perSecond}/s from source "${sourceId}"; retry after ${wait} s`, undefined, { 'retry-after': String(wait) }, body);
    }

    const ctx = { source: sourceId, receivedAt: new Date(now).toISOString(), severityAliases: rulesFor(settings.rules, sourceId).severityAliases };
    const delivery = parseDelivery(source.format, headerOf(req, 'content-type'), body, ctx);
    if (!delivery.ok) return refuse(delivery.status, delivery.reason, delivery.message, delivery.body, {}, body);

    let result: ReceiveResult;
    try {
      result = await this.deps.intake.receive(delivery.parsed.alerts);
    } catch (err) {
      return refuse(503, 'storage_failed', `Could not record the alerts (${err instanceof Error ? err.message : String(err)}); retry later`, undefined, { 'retry-after': '5' }, body);
    }
    stats.accepted(sourceId, now);
    const answer = delivery.parsed.response;
    if (answer) return send(res, answer.httpStatus, answer.body);
    send(res, 200, {
      status: 'accepted',
      format: delivery.format,
      alerts: result.alerts,
      groups: result.groups,
      outcomes: result.outcomes,
      incidents: result.createdIncidents,
      warnings: delivery.parsed.warnings,
    });
  }
}
