/** Shared set-up for tests/services/alert-*.test.ts: a workspace with its receiver on loopback. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertGroupDto, AlertSourceInput, ReceiverSettings } from '../../shared/contract/alerts-api';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/api';
import { startAlertIntake, type AlertRuntime, type AlertRuntimeOptions } from '../../electron/services/alerts/alert-runtime';
import { signatureOf } from '../../electron/services/alerts/receiver';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { FIXTURES, SHARED_ALERTS } from '../fixtures/alerts/load';

/** `../shared/data/alerts/<rel>` when present (the real captures), else the byte-identical fixture copy. */
export function sample(rel: string): string {
  const shared = join(SHARED_ALERTS, rel);
  return readFileSync(existsSync(shared) ? shared : join(FIXTURES, rel), 'utf8');
}

export function fixture(rel: string): string {
  return readFileSync(join(FIXTURES, rel), 'utf8');
}

export const SECRETS = {
  prom: 'prom-secret-0123456789abcdef',
  grafana: 'grafana-hmac-secret-0123456789',
  pd: '00000000000000000000000000000000',
  cap: 'cap-secret-0123456789abcdef',
  generic: 'generic-secret-0123456789abc',
  auto: 'auto-secret-0123456789abcdef',
} as const;

/** One source per format, plus an `auto` one. */
export const TEST_SOURCES: AlertSourceInput[] = [
  { id: 'prom', format: 'alertmanager', secret: SECRETS.prom },
  { id: 'grafana', format: 'grafana', auth: 'hmac', secret: SECRETS.grafana },
  { id: 'pd', format: 'pagerduty', auth: 'routing-key', secret: SECRETS.pd },
  { id: 'cap', format: 'cap', secret: SECRETS.cap },
  { id: 'generic', format: 'generic', secret: SECRETS.generic },
  { id: 'auto', format: 'auto', secret: SECRETS.auto },
];

export interface IntakeHarness {
  ws: WorkspaceService;
  rt: AlertRuntime;
  base: string;
  dataDir: string;
  call<M extends MethodName>(method: M, input: MethodInput<M>, actor?: string): Promise<MethodOutput<M>>;
  post(source: string, body: string | Buffer, opts?: { token?: string | null; headers?: Record<string, string>; contentType?: string }): Promise<{ status: number; body: any; headers: Headers }>;
  groups(): AlertGroupDto[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  sources?: AlertSourceInput[];
  receiver?: Partial<ReceiverSettings>;
  dedupWindowMinutes?: number;
  runtime?: AlertRuntimeOptions;
  /** Start time of a controllable clock; default the system clock. */
  clock?: { now: () => number };
}

export async function openIntake(dataDir: string, opts: HarnessOptions = {}): Promise<IntakeHarness> {
  const ws = await WorkspaceService.open({ dataDir, version: 'test', clock: opts.clock });
  const rt = await startAlertIntake(ws, { pollIntervalMs: 60_000, settleMs: 0, ...opts.runtime });
  const call = <M extends MethodName>(method: M, input: MethodInput<M>, actor?: string) => ws.call(method, input, actor ? { actor } : {}) as Promise<MethodOutput<M>>;
  await call('alerts.updateSettings', {
    receiver: { enabled: true, bindAddress: '127.0.0.1', port: 0, ...opts.receiver },
    sources: opts.sources ?? TEST_SOURCES,
    ...(opts.dedupWindowMinutes !== undefined ? { dedupWindowMinutes: opts.dedupWindowMinutes } : {}),
  });
  const status = rt.status();
  if (!status.baseUrl) throw new Error(`receiver not listening: ${status.error}`);
  const base = status.baseUrl;
  const sources = opts.sources ?? TEST_SOURCES;
  return {
    ws,
    rt,
    base,
    dataDir,
    call,
    async post(source, body, o = {}) {
      const cfg = sources.find((s) => s.id === source);
      const headers: Record<string, string> = { 'content-type': o.contentType ?? 'application/json', ...o.headers };
      const token = o.token === undefined ? cfg?.secret : o.token;
      if (token && (cfg?.auth ?? 'bearer') === 'bearer') headers.authorization = `Bearer ${token}`;
      if (cfg?.auth === 'hmac' && token && !o.headers?.['x-watchfloor-signature']) headers['x-watchfloor-signature'] = signatureOf(token, body);
      const res = await fetch(`${base}/alerts/${source}`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* keep text */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    groups: () => Object.values(ws.inbox().groups) as AlertGroupDto[],
    close: () => ws.close(),
  };
}

/** Polls until `check` returns a value (not undefined/false); the machine may be slow, so the limit is generous. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000, stepMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
